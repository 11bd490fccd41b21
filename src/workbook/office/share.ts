/**
 * Prepare for sharing: copies the chosen sheets so that colleagues without the add-in see numbers,
 * not #NAME?. In each copy, a formula becomes its current value when it calls a CHOKEPOINT
 * function or refers outside its own sheet (another sheet or a defined name, either of which may
 * lead to one); formulas that use only cells of their own sheet stay live. A "Formulas" sheet lists
 * every replaced formula with its cell, and a "Sources" sheet lists the datasets. Originals are
 * never written. Three syncs: read; copy and find spilled ranges; write the values and new sheets.
 */
import { blockRange, formatCell, parseRange } from "../a1";
import type { PlanValue } from "../plan";
import { describeError, literal, queueBeforeReads, readBefore, rollback, type ExcelRunner, type ProgressListener } from "./common";
import { callsChokepoint, refersOutsideSheet, uniqueSheetName } from "./naming";
import { CHUNK_BUDGET, rowChunks } from "./requests";

export interface ShareOptions {
  onProgress?: ProgressListener;
  /** Dataset ids the add-in knows, to find the datasets formulas name in string arguments. */
  knownDatasetIds?: string[];
  /** Header and rows of the sources sheet for the given dataset ids (citation, licence, hash…). */
  sourcesTable?: (datasetIds: string[]) => PlanValue[][];
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
}

export class ShareError extends Error {
  constructor(message: string) {
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
    const reads = queueBeforeReads(ctx);
    const used = sheetNames.map((name) => {
      const range = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject();
      range.load("address,formulas,values,rowIndex,columnIndex");
      return { name, range };
    });
    try {
      await ctx.sync();
    } catch (e) {
      throw new ShareError(`Could not read the chosen sheets: ${describeError(e)}.`);
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
      const copyName = uniqueSheetName(`${name} (shared)`, taken);
      taken.push(copyName);
      const frozen: Frozen[] = [];
      if (!range.isNullObject) {
        const formulas = range.formulas as unknown[][];
        const values = range.values as unknown[][];
        formulas.forEach((line, r) =>
          line.forEach((f, c) => {
            if (typeof f !== "string" || !f.startsWith("=")) return;
            const chokepoint = callsChokepoint(f);
            const outside = !chokepoint && refersOutsideSheet(f, before.names);
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
      await ctx.sync();

      progress({ step: 3, total: 4, label: "Replacing formulas with values" });
      ctx.application.suspendApiCalculationUntilNextSync();
      const summary: SharedCopy[] = [];
      for (const p of plans) {
        const copy = copies.get(p.name)!;
        let arrays = 0;
        const values = p.range.isNullObject ? [] : (p.range.values as unknown[][]);
        for (const f of p.frozen) {
          const spill = spills.get(f)!;
          if (!spill.isNullObject) {
            const address = spill.address.includes("!") ? spill.address.slice(spill.address.lastIndexOf("!") + 1) : spill.address;
            const area = parseRange(address);
            const grid: Array<Array<string | number | boolean>> = [];
            for (let r = area.start.row; r <= area.end.row; r++) {
              const line: Array<string | number | boolean> = [];
              for (let c = area.start.column; c <= area.end.column; c++) line.push(constant(values[r - p.range.rowIndex]?.[c - p.range.columnIndex]));
              grid.push(line);
            }
            copy.getRange(address).values = grid;
            arrays++;
          } else {
            copy.getRange(f.address).values = [[constant(f.value)]];
          }
        }
        summary.push({ original: p.name, copy: p.copyName, frozenCells: p.frozen.length, spilledArrays: arrays });
      }

      const list: PlanValue[][] = [["Shared sheet", "Cell", "Original sheet", "Original formula", "Value in the shared copy", "Why it became a value"]];
      for (const p of plans) for (const f of p.frozen) list.push([p.copyName, f.address, p.name, f.formula, f.value as PlanValue, f.reason]);
      const intro: PlanValue[][] = [
        ["Formulas replaced by values for sharing"],
        ["Colleagues without the Chokepoint add-in would see #NAME? in these cells; the shared copies hold the values below, computed when this sheet was made."],
        [null],
      ];
      const fsheet = ctx.workbook.worksheets.add(formulasSheet);
      writeRows(fsheet, "A1", intro);
      writeRows(fsheet, "A4", list);
      fsheet.getRange(blockRange("A4", 1, list[0].length)).format.font.bold = true;
      fsheet.getRange("A1").format.font.bold = true;

      const ids = [...datasetIds].sort();
      const table = options.sourcesTable ? options.sourcesTable(ids) : [["Dataset id"], ...ids.map((id) => [id])];
      const ssheet = ctx.workbook.worksheets.add(sourcesSheet);
      writeRows(ssheet, "A1", [["Sources of the numbers in the shared sheets"], [ids.length === 0 ? "No dataset was recorded for these sheets." : "Cite the publisher's document; the hash identifies the exact dataset content."], [null]]);
      writeRows(ssheet, "A4", table);
      ssheet.getRange("A1").format.font.bold = true;
      if (table.length > 0 && table[0].length > 0) ssheet.getRange(blockRange("A4", 1, table[0].length)).format.font.bold = true;
      await ctx.sync();
      progress({ step: 4, total: 4, label: "Done" });
      return { copies: summary, formulasSheet, sourcesSheet, datasetIds: ids };
    } catch (e) {
      const cleanup = await rollback(ctx, before);
      throw new ShareError(
        `Preparing for sharing failed: ${describeError(e)}. ${cleanup === null ? "The copies made so far were removed; your sheets are unchanged." : `Removing the partial copies also failed (${cleanup}); delete the sheets ending in "(shared)" by hand.`}`,
      );
    }
  });
}

function writeRows(ws: Excel.Worksheet, anchor: string, rows: PlanValue[][]): void {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const cells = rows.map((r) => Array.from({ length: width }, (_, c) => literal(r[c] ?? null)));
  const start = parseRange(anchor).start;
  for (const chunk of rowChunks(cells, CHUNK_BUDGET)) {
    ws.getRange(blockRange(formatCell({ row: start.row + chunk.offset, column: start.column }), chunk.rows.length, width)).values = chunk.rows;
  }
}
