/** Shared pieces of the Office.js adapter: the runner type, literal cell text, errors, the reads every run starts with. */
import type { PlanValue } from "../plan";
import { emptyLog, INSERTIONS_XML_NAMESPACE, logFromXml, logToXml, parseLog, SETTINGS_KEY, type InsertionLog, type InsertionRecord } from "./record";

/** `Excel.run` in production; the fake workbook's `run` in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ProgressStep {
  /** 1-based. */
  step: number;
  total: number;
  label: string;
}
export type ProgressListener = (p: ProgressStep) => void;

/** Text Excel would reinterpret when written (numbers, dates, formulas, booleans) keeps a leading apostrophe. */
export function literal(v: PlanValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string" || v === "") return v;
  if (/^[=+\-@']/.test(v)) return `'${v}`;
  if (/^\s*[-+]?[\d.,]+(e[-+]?\d+)?%?\s*$/i.test(v) && /\d/.test(v)) return `'${v}`;
  if (/^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?\s*$/.test(v) || /^\s*\d{1,2}:\d{2}/.test(v)) return `'${v}`;
  if (/^(true|false)$/i.test(v.trim())) return `'${v}`;
  return v;
}

/** What a cell shows after `literal(v)` was written: used to compare for Refresh. */
export function shownText(v: string | number | boolean): string | number | boolean {
  return typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;
}

/**
 * Whether the host supports an Excel API requirement set. Outside Office (the tests' fake Excel)
 * there is no Office global, and the fake implements everything.
 */
export function hostSupports(version: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (name: string, v: string) => boolean } } } }).Office;
  const check = office?.context?.requirements?.isSetSupported;
  return typeof check === "function" ? check.call(office!.context!.requirements, "ExcelApi", version) : true;
}

/** Excel's refusal of a request or response over its payload limit (5 MB on the web). */
export function isSizeLimitError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return /PayloadSizeLimitExceeded/i.test(err?.code ?? "") || /payload size|size limit|exceeded the limit/i.test(err?.message ?? "");
}

/** The readable part of an Office.js error (OfficeExtension.Error or anything thrown). */
export function describeError(e: unknown): string {
  if (e && typeof e === "object") {
    const err = e as { message?: string; code?: string; debugInfo?: { errorLocation?: string; message?: string } };
    const where = err.debugInfo?.errorLocation ? ` at ${err.debugInfo.errorLocation}` : "";
    const code = err.code && err.code !== err.message ? ` (${err.code})` : "";
    return `${err.message ?? String(e)}${code}${where}`;
  }
  return String(e);
}

/** The workbook as it was before a run: what rollback restores. */
export interface BeforeState {
  sheetIds: Set<string>;
  names: Set<string>;
  log: InsertionLog | null;
  /** What settings and the XML part held, as they were: what rollback puts back. */
  settingsValue: unknown;
  xmlText: string | null;
  /** Ids of the insertions XML parts that existed. */
  xmlPartIds: string[];
  /** Whether the XML text was read (see syncFirstReads); if not, the parts are left as they are. */
  xmlRead: boolean;
  /** The sheet that was active: an undo that deletes the active sheet activates it again. */
  activeSheetId?: string;
}

/**
 * Queues the reads of both copies of the insertion log: the setting and the custom XML part.
 * `withXml` false leaves out the XML text (see syncFirstReads).
 */
export function queueLogReads(ctx: Excel.RequestContext, withXml = true) {
  const setting = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load("value");
  const parts = ctx.workbook.customXmlParts.getByNamespace(INSERTIONS_XML_NAMESPACE);
  parts.load("items/id");
  // The XML copy of the log, read in the same request: it is what survives when settings are lost.
  // With no part (or several, which the next write folds into one) this is a null object whose text is null.
  const xml: { value: string | null } = withXml ? parts.getOnlyItemOrNullObject().getXml() : { value: null };
  return { setting, parts, xml, xmlRead: withXml };
}

/**
 * Runs a run's first, read-only batch. Office's documentation does not say whether a host returns
 * null or fails when getXml() is called on a null object (a workbook with no XML part yet); should
 * the batch fail, nothing was written, so it is queued again without the XML text: one more sync, and
 * the log from settings alone, as before the XML copy was read. A second failure is reported as the first.
 */
export async function syncFirstReads<T>(ctx: Excel.RequestContext, queue: (withXml: boolean) => T): Promise<T> {
  const reads = queue(true);
  try {
    await ctx.sync();
    return reads;
  } catch (first) {
    // A request or response too large fails the same way without the XML text: report it at once.
    if (isSizeLimitError(first)) throw first;
    const retry = queue(false);
    try {
      await ctx.sync();
    } catch {
      throw first;
    }
    return retry;
  }
}

export type LogReads = ReturnType<typeof queueLogReads>;

/** The merged log after the sync, with what each copy held (for rollback). */
export function readLog(r: LogReads): { log: InsertionLog | null; settingsValue: unknown; xmlText: string | null; xmlRead: boolean } {
  const fromSettings = r.setting.isNullObject ? null : parseLog(r.setting.value);
  let fromXml: InsertionLog | null = null;
  const xmlText = r.xml.value;
  if (typeof xmlText === "string" && xmlText !== "") {
    try {
      fromXml = logFromXml(xmlText);
    } catch {
      fromXml = null; // an unreadable part is replaced by the next write, as an unreadable setting is
    }
  }
  return {
    log: mergeLogs(fromSettings, fromXml),
    settingsValue: r.setting.isNullObject ? undefined : r.setting.value,
    xmlText: typeof xmlText === "string" ? xmlText : null,
    xmlRead: r.xmlRead,
  };
}

/** Queues the reads every writing run starts with (one sync). Call `readBefore` after syncing. */
export function queueBeforeReads(ctx: Excel.RequestContext, withXml = true) {
  const worksheets = ctx.workbook.worksheets.load("items/name,items/id");
  const names = ctx.workbook.names.load("items/name");
  const tables = ctx.workbook.tables.load("items/name");
  const active = ctx.workbook.worksheets.getActiveWorksheet();
  active.load("id");
  return { worksheets, names, tables, active, ...queueLogReads(ctx, withXml) };
}

export type BeforeReads = ReturnType<typeof queueBeforeReads>;

/**
 * The insertion log from settings merged with the one in the custom XML part: records only the
 * XML part still has (settings lost, e.g. by a tool that rewrote the file) are kept, so the next
 * write does not drop them. For a record in both, the settings copy wins (it is written together).
 */
export function mergeLogs(fromSettings: InsertionLog | null, fromXml: InsertionLog | null): InsertionLog | null {
  if (!fromXml || fromXml.insertions.length === 0) return fromSettings;
  if (!fromSettings) return fromXml;
  const seen = new Set(fromSettings.insertions.map((r) => r.id));
  const onlyXml: InsertionRecord[] = fromXml.insertions.filter((r) => !seen.has(r.id));
  if (onlyXml.length === 0) return fromSettings;
  const all = [...onlyXml, ...fromSettings.insertions].sort((a, b) => (a.insertedAt < b.insertedAt ? -1 : a.insertedAt > b.insertedAt ? 1 : 0));
  return { ...fromSettings, insertions: all };
}

export function readBefore(r: BeforeReads): BeforeState & { sheetNames: string[]; tableNames: string[] } {
  return {
    sheetIds: new Set(r.worksheets.items.map((w) => w.id)),
    sheetNames: r.worksheets.items.map((w) => w.name),
    names: new Set(r.names.items.map((n) => n.name)),
    tableNames: r.tables.items.map((t) => t.name),
    ...readLog(r),
    xmlPartIds: r.parts.items.map((p) => p.id),
    activeSheetId: r.active.id,
  };
}

/** Queues writing the insertion log to settings and to the single custom XML part. */
export function queueLogWrite(ctx: Excel.RequestContext, log: InsertionLog, before: Pick<BeforeState, "xmlPartIds" | "xmlRead">): void {
  ctx.workbook.settings.add(SETTINGS_KEY, JSON.stringify(log));
  const { xmlPartIds } = before;
  // Parts whose text could not be read may hold records the settings lack: never overwrite them.
  if (!before.xmlRead && xmlPartIds.length > 0) return;
  const xml = logToXml(log);
  if (xmlPartIds.length > 0) {
    ctx.workbook.customXmlParts.getItem(xmlPartIds[0]).setXml(xml);
    // Older duplicates are folded into the first part.
    for (const id of xmlPartIds.slice(1)) ctx.workbook.customXmlParts.getItem(id).delete();
  } else {
    ctx.workbook.customXmlParts.add(xml);
  }
}

export { emptyLog };
