/**
 * Applies a WorkbookPlan to the open workbook inside Excel.run, in three syncs whatever the data
 * size: (1) read what exists; (2) create the sheets and write values, then as much of the rest as
 * fits one request; (3) the rest — formulas, formats, names, conditional formats, charts — and the
 * insertion record. API calculation is suspended while writing. Nothing existing is written: a
 * sheet, defined name or table name already in use gets a unique new name and formulas follow.
 * If a sync fails, everything the run added is removed again and the error says what failed.
 */
import { formatCell, parseCell, parseRange } from "../a1";
import type { Block, ConditionalFormatSpec, PlanValue, SheetPlan, StyleSpec, WorkbookPlan } from "../plan";
import { PLAN_FORMAT_VERSION } from "../plan";
import {
  describeError,
  emptyLog,
  literal,
  queueBeforeReads,
  syncFirstReads,
  type BeforeReads,
  queueLogWrite,
  readBefore,
  shownText,
  type ExcelRunner,
  type ProgressListener,
} from "./common";
import { rewriteFormula, uniqueDefinedName, uniqueSheetName, type Renames } from "./naming";
import { type InsertionRecord, type RecordedBlock, newInsertionId } from "./record";
import { CHUNK_BUDGET, chunkedWrites, formatBytes, payloadBytes, REQUEST_BUDGET } from "./requests";
import { queueChart } from "./charts";
import { pageLayoutOps, validationOps } from "./validation";
import { describeUndo, undoRun, type UndoReport } from "./undo";

export type WriteStep = "values" | "formulas" | "formats" | "names" | "conditional formats" | "charts";
const STEP_ORDER: WriteStep[] = ["values", "formulas", "formats", "names", "conditional formats", "charts"];

/** One queued piece of work with its estimated request size. */
interface Op {
  step: WriteStep;
  bytes: number;
  queue(ctx: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>): void;
}

export interface InsertOptions {
  kind?: "briefing" | "dataset";
  onProgress?: ProgressListener;
  now?: () => Date;
  /** Per-request ceiling (bytes); defaults to REQUEST_BUDGET (below 4 MB). */
  requestBudget?: number;
  chunkBudget?: number;
}

export interface InsertResult {
  insertionId: string;
  sheets: Array<{ key: string; name: string; planName: string }>;
  names: Array<{ planName: string; name: string }>;
  /** Estimated size of each writing request, in bytes. */
  requestBytes: number[];
  record: InsertionRecord;
}

export class InsertError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
    /** What the clean-up after a failed write did (what is left, if anything). */
    readonly undo?: UndoReport,
  ) {
    super(message);
    this.name = "InsertError";
  }
}

export const INPUT_FILL = "#FFF2CC";
export const INPUT_FONT = "#1F4E79";
export const NOTE_FONT = "#595959";


const OPERATORS: Record<Extract<ConditionalFormatSpec, { type: "cellValue" }>["operator"], string> = {
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  between: "Between",
  equal: "EqualTo",
  greaterThanOrEqual: "GreaterThanOrEqual",
  lessThanOrEqual: "LessThanOrEqual",
};

function widthOf(rows: PlanValue[][]): number {
  return rows.reduce((m, r) => Math.max(m, r.length), 0);
}

/** Rectangular copy of the rows with `fill` applied to each cell (ragged rows are padded). */
export function rectangular<T>(rows: PlanValue[][], fill: (v: PlanValue) => T): T[][] {
  const w = widthOf(rows);
  return rows.map((r) => Array.from({ length: w }, (_, c) => fill(r[c] ?? null)));
}

/** The cell content written for one block cell ('literal' text for values, rewritten formulas). */
export function blockCell(block: Block, v: PlanValue, renames: Renames): string | number | boolean {
  if (block.kind === "formulas" && typeof v === "string" && v.startsWith("=")) return rewriteFormula(v, renames);
  return literal(v);
}

/** Queues the write of one block as row chunks; returns the ops. Spilled formulas write one cell. */
export function blockOps(sheetKey: string, block: Block, renames: Renames, chunkBudget = CHUNK_BUDGET): Op[] {
  const step: WriteStep = block.kind === "values" ? "values" : "formulas";
  if (block.kind === "formulas" && block.spill) {
    const formula = [[blockCell(block, block.rows[0][0], renames)]];
    return [
      {
        step,
        bytes: payloadBytes(formula),
        queue: (_ctx, sheets) => {
          sheets.get(sheetKey)!.getRange(block.anchor).formulas = formula;
        },
      },
    ];
  }
  const cells = rectangular(block.rows, (v) => blockCell(block, v, renames));
  if (cells.length === 0 || cells[0].length === 0) return [];
  const { row, column } = parseCell(block.anchor);
  return chunkedWrites(row, column, cells, chunkBudget).map((chunk) => ({
    step,
    bytes: chunk.bytes,
    queue: (_ctx, sheets) => {
      const range = sheets.get(sheetKey)!.getRange(chunk.address);
      if (block.kind === "values") range.values = chunk.rows;
      else range.formulas = chunk.rows;
    },
  }));
}

function queueStyle(range: Excel.Range, spec: StyleSpec): void {
  const f = range.format;
  const role = spec.role;
  if (spec.bold || role === "header" || role === "title") f.font.bold = true;
  if (spec.italic || role === "note") f.font.italic = true;
  if (role === "title") f.font.size = 14;
  if (role === "note") f.font.color = NOTE_FONT;
  if (role === "input") f.font.color = INPUT_FONT;
  if (spec.fontColor) f.font.color = spec.fontColor;
  const fill = spec.fill ?? (role === "input" ? INPUT_FILL : undefined);
  if (fill) f.fill.color = fill;
  if (spec.wrap) f.wrapText = true;
  if (spec.horizontalAlignment) f.horizontalAlignment = (spec.horizontalAlignment[0].toUpperCase() + spec.horizontalAlignment.slice(1)) as Excel.HorizontalAlignment;
  const border = spec.border ?? (role === "input" ? "thin" : undefined);
  if (border) {
    const edges = border === "bottom" ? ["EdgeBottom"] : ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    for (const edge of edges) {
      const b = f.borders.getItem(edge as Excel.BorderIndex);
      b.style = "Continuous";
      b.color = role === "input" ? INPUT_FONT : "#808080";
      b.weight = role === "input" ? "Medium" : "Thin";
    }
  }
}

/** Column width in points for a width in characters (Excel's default font, ~7 px per character). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function formatOps(sheet: SheetPlan, tableNames: Map<string, string>): Op[] {
  const ops: Op[] = [];
  const op = (payload: unknown, queue: (ws: Excel.Worksheet) => void): Op => ({
    step: "formats",
    bytes: payloadBytes(payload),
    queue: (_ctx, sheets) => queue(sheets.get(sheet.key)!),
  });
  if (sheet.tabColor) ops.push(op(sheet.tabColor, (ws) => (ws.tabColor = sheet.tabColor!)));
  for (const nf of sheet.numberFormats ?? []) {
    // A full 2-D array: the one form every Excel version accepts for a multi-cell range.
    const area = parseRange(nf.range);
    const grid = Array.from({ length: area.end.row - area.start.row + 1 }, () => Array.from({ length: area.end.column - area.start.column + 1 }, () => nf.format));
    ops.push(op(grid, (ws) => (ws.getRange(nf.range).numberFormat = grid)));
  }
  for (const st of sheet.styles ?? []) ops.push(op(st, (ws) => queueStyle(ws.getRange(st.range), st)));
  for (const w of sheet.columnWidths ?? []) ops.push(op(w, (ws) => (ws.getRange(`${w.column}:${w.column}`).format.columnWidth = widthInPoints(w.width))));
  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.columns > 0)) {
    ops.push(
      op(freeze, (ws) => {
        if (freeze.rows > 0 && freeze.columns > 0) ws.freezePanes.freezeAt(ws.getRange(`A1:${formatCell({ row: freeze.rows - 1, column: freeze.columns - 1 })}`));
        else if (freeze.rows > 0) ws.freezePanes.freezeRows(freeze.rows);
        else ws.freezePanes.freezeColumns(freeze.columns);
      }),
    );
  }
  for (const t of sheet.tables ?? []) {
    ops.push(
      op(t, (ws) => {
        const table = ws.tables.add(t.range, true);
        table.name = tableNames.get(t.name) ?? t.name;
        if (t.style) table.style = t.style;
      }),
    );
  }
  return ops;
}

function conditionalFormatOps(sheet: SheetPlan, renames: Renames): Op[] {
  return (sheet.conditionalFormats ?? []).map((cf) => ({
    step: "conditional formats" as const,
    bytes: payloadBytes(cf),
    queue: (_ctx: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>) => {
      const range = sheets.get(sheet.key)!.getRange(cf.range);
      if (cf.type === "colorScale") {
        const format = range.conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
        format.colorScale.criteria = {
          minimum: { formula: null as unknown as string, type: "LowestValue", color: cf.minColor },
          ...(cf.midColor ? { midpoint: { formula: "50", type: "Percentile", color: cf.midColor } } : {}),
          maximum: { formula: null as unknown as string, type: "HighestValue", color: cf.maxColor },
        } as Excel.ConditionalColorScaleCriteria;
      } else {
        const format = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
        format.cellValue.format.fill.color = cf.fill;
        if (cf.fontColor) format.cellValue.format.font.color = cf.fontColor;
        const f = (x: string) => rewriteFormula(x.startsWith("=") ? x : `=${x}`, renames);
        format.cellValue.rule = {
          formula1: f(cf.formula1),
          ...(cf.formula2 ? { formula2: f(cf.formula2) } : {}),
          operator: OPERATORS[cf.operator],
        } as Excel.ConditionalCellValueRule;
      }
    },
  }));
}

function chartOps(sheet: SheetPlan): Op[] {
  return (sheet.charts ?? []).map((spec) => ({
    step: "charts" as const,
    bytes: payloadBytes(spec),
    queue: (_ctx: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>) => {
      const ws = sheets.get(sheet.key)!;
      const chart = queueChart(ws, sheet, spec);
      chart.name = spec.id;
      chart.title.text = spec.title;
      chart.setPosition(spec.position.from, spec.position.to);
      if (spec.type !== "pie") {
        if (spec.xAxisTitle) chart.axes.categoryAxis.title.text = spec.xAxisTitle;
        if (spec.yAxisTitle) chart.axes.valueAxis.title.text = spec.yAxisTitle;
      }
    },
  }));
}

/** The first row of a block as it will show once written, for Refresh's check that it has not moved. */
export function shownFirstRow(block: Block, renames: Renames): Array<string | number | boolean> {
  return rectangular(block.rows.slice(0, 1), (v) => shownText(blockCell(block, v, renames)))[0] ?? [];
}

function recordedBlocks(sheet: SheetPlan, renames: Renames): RecordedBlock[] {
  return sheet.blocks.map((b) => ({
    id: b.id,
    kind: b.kind,
    anchor: b.anchor,
    rows: b.rows.length,
    columns: widthOf(b.rows),
    refreshable: !!b.refreshable,
    ...(b.datasetId ? { datasetId: b.datasetId } : {}),
    ...(b.refreshable ? { firstRow: shownFirstRow(b, renames) } : {}),
  }));
}

/** Every write of the plan, in the required order: values, formulas, formats, names, conditional formats, charts. */
export function planOps(plan: WorkbookPlan, renames: Renames, tableNames: Map<string, string>, chunkBudget = CHUNK_BUDGET): Op[] {
  const ops: Op[] = [];
  for (const s of plan.sheets) for (const b of s.blocks) if (b.kind === "values") ops.push(...blockOps(s.key, b, renames, chunkBudget));
  for (const s of plan.sheets) for (const b of s.blocks) if (b.kind === "formulas") ops.push(...blockOps(s.key, b, renames, chunkBudget));
  for (const s of plan.sheets) ops.push(...formatOps(s, tableNames), ...validationOps(s), ...pageLayoutOps(s, plan.print));
  for (const n of plan.names) {
    ops.push({
      step: "names",
      bytes: payloadBytes(n),
      queue: (ctx, sheets) => {
        const ws = sheets.get(n.sheet);
        if (!ws) throw new InsertError(`defined name ${n.name} refers to sheet key "${n.sheet}", which the plan does not have`);
        ctx.workbook.names.add(renames.names.get(n.name) ?? n.name, ws.getRange(n.range), n.comment);
      },
    });
  }
  for (const s of plan.sheets) ops.push(...conditionalFormatOps(s, renames));
  for (const s of plan.sheets) ops.push(...chartOps(s));
  return ops.sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step));
}

function describeSteps(ops: Op[]): string {
  const steps = STEP_ORDER.filter((s) => ops.some((o) => o.step === s));
  if (steps.length === 0) return "recording the insertion";
  return steps.length === 1 ? `writing ${steps[0]}` : `writing ${steps.slice(0, -1).join(", ")} and ${steps[steps.length - 1]}`;
}

/** Checks the plan is well formed before anything is written. */
export function checkPlan(plan: WorkbookPlan): void {
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) throw new InsertError(`plan format ${plan.formatVersion} is not supported (expected ${PLAN_FORMAT_VERSION}); update the add-in`);
  const keys = new Set<string>();
  for (const s of plan.sheets) {
    if (keys.has(s.key)) throw new InsertError(`plan has two sheets with key "${s.key}"`);
    keys.add(s.key);
    for (const b of s.blocks) {
      parseCell(b.anchor);
      if (b.kind === "formulas" && b.spill && (typeof b.rows[0]?.[0] !== "string" || !String(b.rows[0][0]).startsWith("="))) {
        throw new InsertError(`block ${b.id} on ${s.name} spills but its first cell is not a formula`);
      }
    }
    for (const c of s.charts ?? []) parseRange(c.dataRange);
  }
  for (const n of plan.names) if (!keys.has(n.sheet)) throw new InsertError(`defined name ${n.name} refers to sheet key "${n.sheet}", which the plan does not have`);
}

/** Inserts the plan as new sheets. Resolves with what was inserted; rejects with an InsertError saying what failed. */
export async function insertPlan(run: ExcelRunner, plan: WorkbookPlan, options: InsertOptions = {}): Promise<InsertResult> {
  checkPlan(plan);
  const budget = options.requestBudget ?? REQUEST_BUDGET;
  const progress = options.onProgress ?? (() => undefined);
  const now = (options.now ?? (() => new Date()))();
  const title = plan.metadata.title;
  const TOTAL = 4;

  return run(async (ctx) => {
    progress({ step: 1, total: TOTAL, label: "Reading the workbook" });
    let reads: BeforeReads;
    try {
      reads = await syncFirstReads(ctx, (withXml) => queueBeforeReads(ctx, withXml));
    } catch (e) {
      throw new InsertError(`Could not read the workbook before inserting "${title}": ${describeError(e)}. Nothing was written.`, e);
    }
    const before = readBefore(reads);

    // Names for everything new, avoiding what exists and what this plan itself takes.
    const takenSheets = [...before.sheetNames];
    const sheetNames = new Map<string, string>();
    const renames: Renames = { sheets: new Map(), names: new Map() };
    for (const s of plan.sheets) {
      const name = uniqueSheetName(s.name, takenSheets);
      takenSheets.push(name);
      sheetNames.set(s.key, name);
      if (name !== s.name) renames.sheets.set(s.name, name);
    }
    const takenNames = [...before.names, ...before.tableNames];
    const nameMap = new Map<string, string>();
    for (const n of plan.names) {
      const name = uniqueDefinedName(n.name, takenNames);
      takenNames.push(name);
      nameMap.set(n.name, name);
      // Formulas only need rewriting for the names that changed.
      if (name !== n.name) renames.names.set(n.name, name);
    }
    const tableNames = new Map<string, string>();
    for (const t of plan.sheets.flatMap((s) => s.tables ?? [])) {
      const name = uniqueDefinedName(t.name, takenNames);
      takenNames.push(name);
      tableNames.set(t.name, name);
    }

    // Pack the writes: request 2 starts with the new sheets, request 3 ends with the record.
    const ops = planOps(plan, renames, tableNames, options.chunkBudget);
    const sheetBytes = plan.sheets.reduce((n, s) => n + payloadBytes({ add: s.name, load: "id" }), 0);
    const record: InsertionRecord = {
      id: newInsertionId(plan.metadata, now),
      kind: options.kind ?? "briefing",
      templateId: plan.metadata.templateId,
      templateVersion: plan.metadata.templateVersion,
      title,
      options: plan.metadata.options,
      datasets: plan.metadata.datasets,
      ...(plan.metadata.modelVersion !== undefined ? { modelVersion: plan.metadata.modelVersion } : {}),
      planFormatVersion: plan.formatVersion,
      insertedAt: now.toISOString(),
      sheets: plan.sheets.map((s) => ({ key: s.key, planName: s.name, name: sheetNames.get(s.key)!, blocks: recordedBlocks(s, renames) })),
      names: plan.names.map((n) => ({ planName: n.name, name: nameMap.get(n.name)! })),
      tables: [...tableNames].map(([planName, name]) => ({ planName, name })),
    };
    const log = before.log ?? emptyLog();
    const newLog = { ...log, insertions: [...log.insertions, record] };
    // Settings and the XML part each carry the whole log.
    const recordBytes = 2 * payloadBytes(newLog) + 2048;
    const second: Op[] = [];
    const third: Op[] = [];
    let used = sheetBytes;
    for (const op of ops) {
      if (third.length === 0 && used + op.bytes <= budget) {
        second.push(op);
        used += op.bytes;
      } else third.push(op);
    }
    const thirdBytes = third.reduce((n, o) => n + o.bytes, 0) + recordBytes;
    if (used > budget || thirdBytes > budget) {
      throw new InsertError(
        `"${title}" is too large to insert: it needs about ${formatBytes(used + thirdBytes)}, more than two requests of ${formatBytes(budget)} each ` +
          `(Excel on the web refuses requests of 5 MB). Nothing was written. Insert fewer datasets or a shorter year range.`,
      );
    }

    const sheets = new Map<string, Excel.Worksheet>();
    let phase = "";
    try {
      phase = `creating ${plan.sheets.length} sheet${plan.sheets.length === 1 ? "" : "s"} and ${describeSteps(second)}`;
      progress({ step: 2, total: TOTAL, label: `Creating sheets and ${describeSteps(second)}` });
      ctx.application.suspendApiCalculationUntilNextSync();
      for (const s of plan.sheets) {
        const ws = ctx.workbook.worksheets.add(sheetNames.get(s.key)!);
        ws.load("id");
        sheets.set(s.key, ws);
      }
      for (const op of second) op.queue(ctx, sheets);
      await ctx.sync();

      phase = third.length > 0 ? `${describeSteps(third)} and recording the insertion` : "recording the insertion";
      progress({ step: 3, total: TOTAL, label: third.length > 0 ? `${capitalise(describeSteps(third))}; recording the insertion` : "Recording the insertion" });
      for (const s of record.sheets) s.worksheetId = sheets.get(s.key)!.id;
      if (third.length > 0) ctx.application.suspendApiCalculationUntilNextSync();
      for (const op of third) op.queue(ctx, sheets);
      queueLogWrite(ctx, newLog, before);
      await ctx.sync();
    } catch (e) {
      const undo = await undoRun(ctx, before, { sheets: [...sheetNames.values()], names: [...nameMap.values()] });
      const what = `Inserting "${title}" failed while ${phase}: ${describeError(e)}.`;
      const removed = "The sheets and names created by this insert were removed; nothing else in your workbook was changed.";
      throw new InsertError(`${what} ${describeUndo(undo, "insert", removed)}`, e, undo);
    }
    progress({ step: 4, total: TOTAL, label: "Done" });
    return {
      insertionId: record.id,
      sheets: plan.sheets.map((s) => ({ key: s.key, name: sheetNames.get(s.key)!, planName: s.name })),
      names: record.names,
      requestBytes: [sheetBytes + second.reduce((n, o) => n + o.bytes, 0), thirdBytes],
      record,
    };
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
