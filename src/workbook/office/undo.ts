/**
 * Undoing a failed insert or share: the sheets and defined names the run created are deleted, the
 * insertion log (setting and custom XML part) gets back what it held, and the sheet that was
 * active is active again. Excel stays usable while a run works, so a new sheet or name the run did
 * not make is the user's and is kept.
 *
 * A batch is not a transaction, and the clean-up can fail too. It is tried twice; if it still
 * fails, the workbook is read once more so that the report says exactly what is left. Only when
 * even that read fails does the report list what the run *may* have left (never as a fact).
 */
import { describeError, type BeforeState } from "./common";
import { INSERTIONS_XML_NAMESPACE, SETTINGS_KEY } from "./record";

/** The sheets and defined names a run gave names to: the only things its undo may delete. */
export interface CreatedByRun {
  sheets: string[];
  names: string[];
  /** Sheets the run copied: a copy that failed before its rename has Excel's name, "Name (2)". */
  copiedFrom?: string[];
}

export interface Leftovers {
  sheets: string[];
  names: string[];
  /** The insertion log no longer holds what it held before the run (it records the failed run). */
  record: boolean;
}

export interface UndoReport {
  /** Nothing of the run is left: the workbook is as it was. */
  complete: boolean;
  /** What is left: read from the workbook when `checked`, else what the run may have left. */
  left: Leftovers;
  checked: boolean;
  /** The clean-up's first failure, when it had one. */
  error?: string;
}

const NOTHING: Leftovers = { sheets: [], names: [], record: false };

function queueState(ctx: Excel.RequestContext, before: BeforeState) {
  const worksheets = ctx.workbook.worksheets.load("items/name,items/id");
  const names = ctx.workbook.names.load("items/name");
  const setting = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load("value");
  const parts = ctx.workbook.customXmlParts.getByNamespace(INSERTIONS_XML_NAMESPACE);
  parts.load("items/id");
  // The one part the log was read from (and written back to); several parts were never read.
  const xml = before.xmlRead && before.xmlPartIds.length === 1 ? ctx.workbook.customXmlParts.getItem(before.xmlPartIds[0]).getXml() : null;
  const active = ctx.workbook.worksheets.getActiveWorksheet();
  active.load("id");
  return { worksheets, names, setting, parts, xml, active };
}

type State = ReturnType<typeof queueState>;

/** What of the run is in the workbook now (after the state's sync). */
function leftoversIn(state: State, before: BeforeState, created: CreatedByRun) {
  const lower = (list: string[]) => new Set(list.map((n) => n.toLowerCase()));
  const ourSheets = lower(created.sheets);
  const ourNames = lower(created.names);
  const copied = lower(created.copiedFrom ?? []);
  // Excel names a copy "Name (2)"; a copy that failed before its rename still has that name.
  const copyOf = (name: string) => name.toLowerCase().replace(/ \(\d+\)$/, "");
  const isOurs = (name: string) => ourSheets.has(name.toLowerCase()) || (/ \(\d+\)$/.test(name) && copied.has(copyOf(name)));
  const sheets = state.worksheets.items.filter((w) => !before.sheetIds.has(w.id) && isOurs(w.name));
  const names = state.names.items.filter((n) => !before.names.has(n.name) && ourNames.has(n.name.toLowerCase()));
  const parts = state.parts.items.filter((p) => !before.xmlPartIds.includes(p.id));
  const settingValue = state.setting.isNullObject ? undefined : state.setting.value;
  const settingChanged = settingValue !== before.settingsValue;
  const xmlChanged = state.xml !== null && state.xml.value !== before.xmlText;
  // Deleting the active sheet makes Excel activate another: if it is ours, the user's goes back.
  const activeIsOurs = sheets.some((w) => w.id === state.active.id) && before.activeSheetId !== undefined && state.worksheets.items.some((w) => w.id === before.activeSheetId);
  const left: Leftovers = { sheets: sheets.map((w) => w.name), names: names.map((n) => n.name), record: settingChanged || xmlChanged || parts.length > 0 };
  const nothing = left.sheets.length === 0 && left.names.length === 0 && !left.record;
  return { sheets, names, parts, settingChanged, xmlChanged, activeIsOurs, left, nothing };
}

/** Queues putting back the log, then deleting names and sheets, then activating the user's sheet again. */
function queueUndo(ctx: Excel.RequestContext, state: State, found: ReturnType<typeof leftoversIn>, before: BeforeState): void {
  if (found.settingChanged) {
    if (before.settingsValue !== undefined) ctx.workbook.settings.add(SETTINGS_KEY, before.settingsValue);
    else state.setting.delete();
  }
  if (found.xmlChanged && before.xmlText !== null) ctx.workbook.customXmlParts.getItem(before.xmlPartIds[0]).setXml(before.xmlText);
  for (const p of found.parts) p.delete();
  for (const n of found.names) n.delete();
  for (const w of found.sheets) w.delete();
  if (found.activeIsOurs) ctx.workbook.worksheets.getItem(before.activeSheetId!).activate();
}

/** Removes what a failed run created and restores the log; says exactly what is left if it cannot. */
export async function undoRun(ctx: Excel.RequestContext, before: BeforeState, created: CreatedByRun): Promise<UndoReport> {
  let error: string | undefined;
  let lastSeen: Leftovers | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    let state: State;
    let found: ReturnType<typeof leftoversIn>;
    try {
      state = queueState(ctx, before);
      await ctx.sync();
      found = leftoversIn(state, before, created);
    } catch (e) {
      error ??= describeError(e);
      continue;
    }
    lastSeen = found.left;
    if (found.nothing) return { complete: true, left: NOTHING, checked: true, ...(error ? { error } : {}) };
    try {
      queueUndo(ctx, state, found, before);
      await ctx.sync();
      return { complete: true, left: NOTHING, checked: true, ...(error ? { error } : {}) };
    } catch (e) {
      error ??= describeError(e);
    }
  }
  // Both attempts failed: read once more, so that the report says what is really there.
  try {
    const state = queueState(ctx, before);
    await ctx.sync();
    const found = leftoversIn(state, before, created);
    return { complete: found.nothing, left: found.left, checked: true, error };
  } catch (e) {
    error ??= describeError(e);
  }
  // Not even that: what the run may have left, from the last look or from what it set out to make
  // (a copy whose rename failed has Excel's name for it, "Name (2)").
  const planned = [...created.sheets, ...(created.copiedFrom ?? []).map((n) => `${n} (2)`)];
  return { complete: false, left: lastSeen ?? { sheets: planned, names: created.names, record: true }, checked: false, error };
}

/** "A", "A and B", "A, B and C". */
export function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The leftovers in words: the sheets "A" and "B", the defined names X and Y, and the add-in's record of it. */
export function describeLeftovers(left: Leftovers, run: string): string {
  const parts: string[] = [];
  if (left.sheets.length > 0) parts.push(`the sheet${left.sheets.length === 1 ? "" : "s"} ${listed(left.sheets.map((s) => `"${s}"`))}`);
  if (left.names.length > 0) parts.push(`the defined name${left.names.length === 1 ? "" : "s"} ${listed(left.names)}`);
  if (left.record) parts.push(`the add-in's record of this ${run} (Refresh would list it)`);
  return listed(parts);
}

/**
 * The sentence after "… failed: <reason>." that says what the clean-up did: everything removed, or
 * exactly what is still there, or (when the workbook could not be read) what to look for.
 */
export function describeUndo(report: UndoReport, run: string, removed: string): string {
  if (report.complete) return removed;
  const why = report.error ? ` (${report.error})` : "";
  const left = describeLeftovers(report.left, run);
  const byHand = report.left.sheets.length > 0 || report.left.names.length > 0 ? " Delete them by hand (defined names are in Formulas > Name Manager)." : "";
  if (report.checked) return `Undoing it also failed${why}. Still in your workbook from this ${run}: ${left}.${byHand} Nothing else in your workbook was changed.`;
  return `Undoing it also failed${why}, and the workbook could not be read again to check what is left. Look for ${left}, which this ${run} may have added, and delete those you find. Nothing else in your workbook was changed.`;
}
