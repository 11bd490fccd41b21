/**
 * Prepare for sharing: copies the chosen sheets so that colleagues without the add-in see numbers,
 * not #NAME?. In each copy, a formula becomes its current value when it calls a CHOKEPOINT
 * function or refers outside its own sheet (another sheet or a defined name, either of which may
 * lead to one); formulas that use only cells of their own sheet stay live. A "Formulas" sheet lists
 * every replaced formula with its cell, and a "Sources" sheet lists the datasets. Originals are
 * never written. Three syncs: read; copy, find spilled ranges and write the Formulas and Sources
 * sheets; write the frozen values, grouped into ranges and split into row chunks. Each request is
 * kept within REQUEST_BUDGET; sheets too large for that are refused before anything is copied.
 */
import { blockRange, formatCell, parseRange } from "../a1";
import type { PlanValue } from "../plan";
import { describeError, isSizeLimitError, literal, queueBeforeReads, readBefore, syncFirstReads, type BeforeReads, type ExcelRunner, type ProgressListener } from "./common";
import { callsChokepoint, refersOutsideSheet, uniqueSheetName, uniqueSuffixedSheetName } from "./naming";
import { CHUNK_BUDGET, chunkedWrites, formatBytes, payloadBytes, REQUEST_BUDGET, type ChunkWrite } from "./requests";
import { describeUndo, undoRun, type UndoReport } from "./undo";

export interface ShareOptions {
  onProgress?: ProgressListener;
  /** Dataset ids the add-in knows, to find the datasets formulas name in string arguments. */
  knownDatasetIds?: string[];
  /** Header and rows of the sources sheet for the given dataset ids (citation, licence, hash…). */
  sourcesTable?: (datasetIds: string[]) => PlanValue[][];
  /** Per-request ceiling (bytes); defaults to REQUEST_BUDGET (below 4 MB). */
  requestBudget?: number;
  /** Largest single range write; defaults to CHUNK_BUDGET. */
  chunkBudget?: number;
}

export interface SharedCopy {
  original: string;
  copy: string;
  /** Formula cells replaced by their value. */
  frozenCells: number;
  /** Of which spilled arrays (their whole spill range became values). */
  spilledArrays: number;
}

export interface ShareResult {
  copies: SharedCopy[];
  formulasSheet: string;
  sourcesSheet: string;
  datasetIds: string[];
  /** Estimated size of the two writing requests, in bytes. */
  requestBytes: number[];
}

export class ShareError extends Error {
  constructor(
    message: string,
    /** What the clean-up after a failed write did (what is left, if anything). */
    readonly undo?: UndoReport,
  ) {
    super(message);
    this.name = "ShareError";
  }
}

interface Frozen {
  sheet: string;
  address: string;
  row: number;
  column: number;
  formula: string;
  value: unknown;
  reason: string;
}

function stringArguments(formula: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"/g;
  for (let m = re.exec(formula); m; m = re.exec(formula)) out.push(m[1].replace(/""/g, '"'));
  return out;
}

/** Cell value written back as a constant: text that Excel would reinterpret keeps an apostrophe. */
function constant(v: unknown): string | number | boolean {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(v)) return v; // an error value stays an error value
  return literal(v === null || v === undefined ? "" : String(v));
}

export async function prepareForSharing(run: ExcelRunner, sheetNames: string[], options: ShareOptions = {}): Promise<ShareResult> {
  if (sheetNames.length === 0) throw new ShareError("Choose at least one sheet to prepare for sharing.");
  const progress = options.onProgress ?? (() => undefined);
  return run(async (ctx) => {
    progress({ step: 1, total: 4, label: "Reading the chosen sheets" });
    const queueReads = (withXml: boolean) => ({
      before: queueBeforeReads(ctx, withXml),
      used: sheetNames.map((name) => {
        const range = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject();
        range.load("address,formulas,values,rowIndex,columnIndex");
        return { name, range };
      }),
    });
    let reads: BeforeReads;
    let used: ReturnType<typeof queueReads>["used"];
    try {
      ({ before: reads, used } = await syncFirstReads(ctx, queueReads));
    } catch (e) {
      const advice = isSizeLimitError(e) ? " The sheets hold more than Excel returns in one request: choose fewer or smaller sheets at a time." : "";
      throw new ShareError(`Could not read the chosen sheets: ${describeError(e)}.${advice} Nothing was changed.`);
    }
    const before = readBefore(reads);
    const known = new Set(options.knownDatasetIds ?? []);
    const datasetIds = new Set<string>();
    // Which insertions the chosen sheets came from: by worksheet id, so a renamed tab still counts;
    // records older than the id fall back to the tab name they were given.
    const chosen = new Set(sheetNames.map((n) => n.toLowerCase()));
    const chosenIds = new Set(reads.worksheets.items.filter((w) => chosen.has(w.name.toLowerCase())).map((w) => w.id));
    for (const rec of before.log?.insertions ?? []) {
      const fromChosen = rec.sheets.some((s) => (s.worksheetId ? chosenIds.has(s.worksheetId) : chosen.has(s.name.toLowerCase())));
      if (fromChosen) for (const d of rec.datasets) datasetIds.add(d.id);
    }

    const taken = [...before.sheetNames];
    const plans = used.map(({ name, range }) => {
      const copyName = uniqueSuffixedSheetName(name, "(shared)", taken);
      taken.push(copyName);
      const frozen: Frozen[] = [];
      if (!range.isNullObject) {
        const formulas = range.formulas as unknown[][];
        const values = range.values as unknown[][];
        formulas.forEach((line, r) =>
          line.forEach((f, c) => {
            if (typeof f !== "string" || !f.startsWith("=")) return;
            const chokepoint = callsChokepoint(f);
            const outside = !chokepoint && refersOutsideSheet(f, [...before.names, ...before.tableNames]);
            if (!chokepoint && !outside) return;
            for (const s of stringArguments(f)) if (known.has(s)) datasetIds.add(s);
            const row = range.rowIndex + r;
            const column = range.columnIndex + c;
            frozen.push({
              sheet: name,
              address: formatCell({ row, column }),
              row,
              column,
              formula: f,
              value: values[r][c],
              reason: chokepoint ? "calls a CHOKEPOINT function" : "refers to another sheet or a defined name",
            });
          }),
        );
      }
      return { name, copyName, range, frozen };
    });
    const formulasSheet = uniqueSheetName("Formulas (shared)", taken);
    taken.push(formulasSheet);
    const sourcesSheet = uniqueSheetName("Sources (shared)", taken);

    const budget = options.requestBudget ?? REQUEST_BUDGET;
    const chunkBudget = options.chunkBudget ?? CHUNK_BUDGET;

    // The Formulas and Sources sheets are known now: they go with the copies in request 2.
    const list: PlanValue[][] = [["Shared sheet", "Cell", "Original sheet", "Original formula", "Value in the shared copy", "Why it became a value"]];
    for (const p of plans) for (const f of p.frozen) list.push([p.copyName, f.address, p.name, f.formula, f.value as PlanValue, f.reason]);
    const intro: PlanValue[][] = [
      ["Formulas replaced by values for sharing"],
      ["Colleagues without the Chokepoint add-in would see #NAME? in these cells; the shared copies hold the values below, computed when this sheet was made."],
      [null],
    ];
    const ids = [...datasetIds].sort();
    const table = options.sourcesTable ? options.sourcesTable(ids) : [["Dataset id"], ...ids.map((id) => [id])];
    const sourcesIntro: PlanValue[][] = [["Sources of the numbers in the shared sheets"], [ids.length === 0 ? "No dataset was recorded for these sheets." : "Cite the publisher's document; the hash identifies the exact dataset content."], [null]];
    const listWrites = [...rowWrites("A1", intro, chunkBudget), ...rowWrites("A4", list, chunkBudget)];
    const sourcesWrites = [...rowWrites("A1", sourcesIntro, chunkBudget), ...rowWrites("A4", table, chunkBudget)];
    const secondBytes =
      plans.reduce((n, p) => n + payloadBytes({ copy: p.name, name: p.copyName }) + p.frozen.length * payloadBytes({ spill: p.name }), 0) +
      [...listWrites, ...sourcesWrites].reduce((n, w) => n + w.bytes, 0) +
      4 * payloadBytes({ bold: "A1:F4" });
    // Request 3 holds at least every frozen cell's value (spilled arrays add their areas after request 2).
    const thirdEstimate = plans.reduce((n, p) => n + valueWrites(frozenCells(p.frozen, p.range, new Map()), chunkBudget).reduce((m, w) => m + w.bytes, 0), 0);
    if (secondBytes > budget || thirdEstimate > budget) {
      throw new ShareError(
        `The chosen sheets are too large to prepare in one go: about ${formatBytes(secondBytes + thirdEstimate)}, more than two requests of ${formatBytes(budget)} each (Excel on the web refuses requests of 5 MB). Nothing was copied. Choose fewer sheets at a time.`,
      );
    }

    try {
      progress({ step: 2, total: 4, label: "Copying the sheets" });
      const copies = new Map<string, Excel.Worksheet>();
      const spills = new Map<Frozen, Excel.Range>();
      for (const p of plans) {
        const original = ctx.workbook.worksheets.getItem(p.name);
        const copy = original.copy("End" as Excel.WorksheetPositionType);
        copy.name = p.copyName;
        copies.set(p.name, copy);
        for (const f of p.frozen) {
          const spill = original.getRange(f.address).getSpillingToRangeOrNullObject();
          spill.load("address");
          spills.set(f, spill);
        }
      }
      const fsheet = ctx.workbook.worksheets.add(formulasSheet);
      for (const w of listWrites) fsheet.getRange(w.address).values = w.rows;
      fsheet.getRange(blockRange("A4", 1, list[0].length)).format.font.bold = true;
      fsheet.getRange("A1").format.font.bold = true;
      const ssheet = ctx.workbook.worksheets.add(sourcesSheet);
      for (const w of sourcesWrites) ssheet.getRange(w.address).values = w.rows;
      ssheet.getRange("A1").format.font.bold = true;
      if (table.length > 0 && table[0].length > 0) ssheet.getRange(blockRange("A4", 1, table[0].length)).format.font.bold = true;
      await ctx.sync();

      progress({ step: 3, total: 4, label: "Replacing formulas with values" });
      const summary: SharedCopy[] = [];
      const writes: Array<{ copy: Excel.Worksheet; write: RangeWrite }> = [];
      for (const p of plans) {
        const spillAreas = new Map<Frozen, string>();
        for (const f of p.frozen) {
          const spill = spills.get(f)!;
          if (!spill.isNullObject) spillAreas.set(f, spill.address.includes("!") ? spill.address.slice(spill.address.lastIndexOf("!") + 1) : spill.address);
        }
        // Neighbouring frozen cells are written as one range, split into row chunks like inserts.
        for (const w of valueWrites(frozenCells(p.frozen, p.range, spillAreas), chunkBudget)) writes.push({ copy: copies.get(p.name)!, write: w });
        summary.push({ original: p.name, copy: p.copyName, frozenCells: p.frozen.length, spilledArrays: spillAreas.size });
      }
      const thirdBytes = writes.reduce((n, w) => n + w.write.bytes, 0);
      if (thirdBytes > budget) throw new ShareError(`the values of the spilled arrays make the last request about ${formatBytes(thirdBytes)}, more than ${formatBytes(budget)}; choose fewer sheets at a time`);
      if (writes.length > 0) ctx.application.suspendApiCalculationUntilNextSync();
      for (const { copy, write } of writes) copy.getRange(write.address).values = write.rows;
      await ctx.sync();
      progress({ step: 4, total: 4, label: "Done" });
      return { copies: summary, formulasSheet, sourcesSheet, datasetIds: ids, requestBytes: [secondBytes, thirdBytes] };
    } catch (e) {
      const undo = await undoRun(ctx, before, { sheets: [...plans.map((p) => p.copyName), formulasSheet, sourcesSheet], names: [], copiedFrom: plans.map((p) => p.name) });
      const removed = "The copies made so far were removed; your sheets are unchanged.";
      throw new ShareError(`Preparing for sharing failed: ${describeError(e)}. ${describeUndo(undo, "preparation for sharing", removed)}`, undo);
    }
  });
}

type RangeWrite = ChunkWrite<string | number | boolean>;

/** Rows written from `anchor` as row chunks of at most `chunkBudget` bytes each. */
function rowWrites(anchor: string, rows: PlanValue[][], chunkBudget: number): RangeWrite[] {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  if (width === 0) return [];
  const cells = rows.map((r) => Array.from({ length: width }, (_, c) => literal(r[c] ?? null)));
  const start = parseRange(anchor).start;
  return chunkedWrites(start.row, start.column, cells, chunkBudget);
}

/** Every cell of a copy that becomes a constant (frozen formulas and whole spill areas), keyed "row,column". */
function frozenCells(frozen: Frozen[], range: Excel.Range, spillAreas: Map<Frozen, string>): Map<string, { row: number; column: number; value: string | number | boolean }> {
  const out = new Map<string, { row: number; column: number; value: string | number | boolean }>();
  const values = range.isNullObject ? [] : (range.values as unknown[][]);
  const at = (row: number, column: number) => constant(values[row - range.rowIndex]?.[column - range.columnIndex]);
  for (const f of frozen) {
    const area = spillAreas.get(f);
    if (area) {
      const a = parseRange(area);
      for (let r = a.start.row; r <= a.end.row; r++) for (let c = a.start.column; c <= a.end.column; c++) out.set(`${r},${c}`, { row: r, column: c, value: at(r, c) });
    } else {
      out.set(`${f.row},${f.column}`, { row: f.row, column: f.column, value: constant(f.value) });
    }
  }
  return out;
}

/**
 * Groups cells into rectangles: runs of adjacent cells in a row, stacked while the rows below have
 * a run over the same columns; each rectangle is then split into row chunks.
 */
export function valueWrites(cells: Map<string, { row: number; column: number; value: string | number | boolean }>, chunkBudget: number): RangeWrite[] {
  const sorted = [...cells.values()].sort((a, b) => a.row - b.row || a.column - b.column);
  interface Rect {
    top: number;
    left: number;
    right: number;
    rows: Array<Array<string | number | boolean>>;
  }
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  let i = 0;
  while (i < sorted.length) {
    const row = sorted[i].row;
    const next = new Map<string, Rect>();
    while (i < sorted.length && sorted[i].row === row) {
      const run = [sorted[i]];
      while (i + 1 < sorted.length && sorted[i + 1].row === row && sorted[i + 1].column === run[run.length - 1].column + 1) run.push(sorted[++i]);
      i++;
      const key = `${run[0].column}:${run[run.length - 1].column}`;
      const above = open.get(key);
      if (above && above.top + above.rows.length === row) {
        above.rows.push(run.map((c) => c.value));
        next.set(key, above);
        open.delete(key);
      } else {
        next.set(key, { top: row, left: run[0].column, right: run[run.length - 1].column, rows: [run.map((c) => c.value)] });
      }
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done.flatMap((rect) => chunkedWrites(rect.top, rect.left, rect.rows, chunkBudget));
}
