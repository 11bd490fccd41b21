/**
 * Applies a WorkbookPlan to the headless engine (HyperFormula with the CHOKEPOINT functions) and
 * reports what every sheet evaluates to: cells, formulas and error cells with their messages.
 * Used by `chokepoint brief` (the per-sheet report and the cached results of the .xlsx) and tests.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { createEngine } from "./engine";
import { blockRange, formatCell, parseCell, parseRange, quoteSheet } from "./a1";
import { fromStorageForm } from "./storageForm";
import type { Block, PlanValue, WorkbookPlan } from "./plan";

export type CellValue = number | string | boolean | null | { error: string; message: string };

export interface CellErrorReport {
  /** A1 address inside the sheet. */
  address: string;
  error: string;
  message: string;
  formula?: string;
}

export interface SheetReport {
  key: string;
  name: string;
  /** Non-empty cells after evaluation, spilled results included. */
  cells: number;
  /** Formula cells written (a spilled formula counts once). */
  formulas: number;
  errors: CellErrorReport[];
  /** Spilled formulas whose result size differs from the plan's `spill` (layout would be wrong). */
  spillMismatches: Array<{ address: string; planned: string; actual: string }>;
}

export interface HeadlessWorkbook {
  engine: HyperFormula;
  plan: WorkbookPlan;
  /** HyperFormula sheet id by plan sheet key. */
  sheetIds: Map<string, number>;
}

function absoluteRange(range: string): string {
  return range
    .split(":")
    .map((cell) => {
      const { row, column } = parseCell(cell);
      const a1 = formatCell({ row, column });
      const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
      return `$${m[1]}$${m[2]}`;
    })
    .join(":");
}

function sheetNameOf(plan: WorkbookPlan, key: string): string {
  const sheet = plan.sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`defined name refers to unknown sheet key "${key}"`);
  return sheet.name;
}

/** The engine's raw content for a block cell; spill followers stay empty so the master can spill. */
function rawContent(block: Block, value: PlanValue, r: number, c: number): PlanValue {
  if (block.spill && (r > 0 || c > 0)) return null;
  if (typeof value === "string" && !(block.kind === "formulas" && value.startsWith("="))) {
    // Text stays text, as in Excel: without the prefix the engine would read "2024" as a number,
    // "=x" as a formula and strip a leading apostrophe.
    return `'${value}`;
  }
  // a formula read from a saved file names CHOKEPOINT functions as Excel stores them
  return typeof value === "string" ? fromStorageForm(value) : value;
}

/** Builds the sheets and names of `plan` in a fresh engine and evaluates every formula. */
export function applyPlan(plan: WorkbookPlan, engine: HyperFormula = createEngine()): HeadlessWorkbook {
  const sheetIds = new Map<string, number>();
  for (const sheet of plan.sheets) {
    const name = engine.addSheet(sheet.name);
    sheetIds.set(sheet.key, engine.getSheetId(name) as number);
  }
  for (const n of plan.names) {
    engine.addNamedExpression(n.name, `=${quoteSheet(sheetNameOf(plan, n.sheet))}!${absoluteRange(n.range)}`);
  }
  // Values first, then formulas: a spilled formula's size is measured when it is entered, from
  // the constant cells its arguments name, so those must already hold their values.
  for (const kind of ["values", "formulas"] as const) {
    for (const sheet of plan.sheets) {
      const sheetId = sheetIds.get(sheet.key)!;
      for (const block of sheet.blocks.filter((b) => b.kind === kind)) {
        const { row, column } = parseCell(block.anchor);
        const content = block.rows.map((cells, r) => cells.map((v, c) => rawContent(block, v, r, c)));
        engine.setCellContents({ sheet: sheetId, row, col: column }, content as never);
      }
    }
  }
  return { engine, plan, sheetIds };
}

function toCellValue(v: unknown): CellValue {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message ?? "" };
  if (v === undefined) return null;
  return v as CellValue;
}

/** The evaluated value of one cell, by sheet key and A1 address. */
export function cellValue(wb: HeadlessWorkbook, sheetKey: string, a1: string): CellValue {
  const sheet = wb.sheetIds.get(sheetKey);
  if (sheet === undefined) throw new Error(`no sheet with key "${sheetKey}"`);
  const { row, column } = parseCell(a1);
  return toCellValue(wb.engine.getCellValue({ sheet, row, col: column }));
}

/** The evaluated values of a defined name's range (2-D), resolved through the plan. */
export function nameValues(wb: HeadlessWorkbook, name: string): CellValue[][] {
  const spec = wb.plan.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (!spec) throw new Error(`no defined name "${name}" in the plan`);
  const range = parseRange(spec.range);
  const out: CellValue[][] = [];
  for (let r = range.start.row; r <= range.end.row; r++) {
    const row: CellValue[] = [];
    for (let c = range.start.column; c <= range.end.column; c++) row.push(cellValue(wb, spec.sheet, formatCell({ row: r, column: c })));
    out.push(row);
  }
  return out;
}

/** The single value of a one-cell defined name. */
export function nameValue(wb: HeadlessWorkbook, name: string): CellValue {
  return nameValues(wb, name)[0][0];
}

/** Sets a cell (typically a scenario input named by the plan) and recalculates. */
export function setNamedInput(wb: HeadlessWorkbook, name: string, value: PlanValue): void {
  const spec = wb.plan.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (!spec) throw new Error(`no defined name "${name}" in the plan`);
  const { start } = parseRange(spec.range);
  wb.engine.setCellContents({ sheet: wb.sheetIds.get(spec.sheet)!, row: start.row, col: start.column }, [[value]]);
}

/** Evaluated values of a whole sheet as a dense 2-D array from A1 (empty cells are null). */
export function sheetValues(wb: HeadlessWorkbook, sheetKey: string): CellValue[][] {
  const sheet = wb.sheetIds.get(sheetKey);
  if (sheet === undefined) throw new Error(`no sheet with key "${sheetKey}"`);
  return wb.engine.getSheetValues(sheet).map((row) => row.map(toCellValue));
}

function isEmpty(v: CellValue): boolean {
  return v === null || v === "";
}

/** Per-sheet counts and every error cell, with the formula that produced it. */
export function reportSheets(wb: HeadlessWorkbook): SheetReport[] {
  return wb.plan.sheets.map((sheet) => {
    const sheetId = wb.sheetIds.get(sheet.key)!;
    const values = sheetValues(wb, sheet.key);
    let cells = 0;
    const errors: CellErrorReport[] = [];
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (isEmpty(v)) return;
        cells++;
        if (typeof v === "object" && v !== null) {
          const address = formatCell({ row: r, column: c });
          const formula = wb.engine.getCellFormula({ sheet: sheetId, row: r, col: c });
          errors.push({ address, error: v.error, message: v.message, ...(formula ? { formula } : {}) });
        }
      }),
    );
    let formulas = 0;
    const spillMismatches: SheetReport["spillMismatches"] = [];
    for (const block of sheet.blocks.filter((b) => b.kind === "formulas")) {
      const { row, column } = parseCell(block.anchor);
      block.rows.forEach((cells, r) =>
        cells.forEach((v, c) => {
          if (typeof v === "string" && v.startsWith("=") && !(block.spill && (r > 0 || c > 0))) formulas++;
        }),
      );
      if (block.spill) {
        const actual = spilledSize(wb, sheetId, row, column);
        if (actual && (actual.rows !== block.spill.rows || actual.columns !== block.spill.columns)) {
          spillMismatches.push({
            address: block.anchor,
            planned: blockRange(block.anchor, block.spill.rows, block.spill.columns),
            actual: blockRange(block.anchor, actual.rows, actual.columns),
          });
        }
      }
    }
    return { key: sheet.key, name: sheet.name, cells, formulas, errors, spillMismatches };
  });
}

/** Size of the array a spilled formula produced, or null when it evaluated to a scalar (an error). */
function spilledSize(wb: HeadlessWorkbook, sheet: number, row: number, col: number): { rows: number; columns: number } | null {
  const at = (r: number, c: number) => wb.engine.isCellPartOfArray({ sheet, row: r, col: c });
  if (!at(row, col)) return null;
  const master = wb.engine.getCellFormula({ sheet, row, col });
  const sameArray = (r: number, c: number) => at(r, c) && wb.engine.getCellFormula({ sheet, row: r, col: c }) === undefined;
  if (master === undefined) return null;
  let rows = 1;
  while (sameArray(row + rows, col)) rows++;
  let columns = 1;
  while (sameArray(row, col + columns)) columns++;
  return { rows, columns };
}

/** Applies and evaluates a plan; the one call most users need. */
export function evaluatePlan(plan: WorkbookPlan): { workbook: HeadlessWorkbook; sheets: SheetReport[] } {
  const workbook = applyPlan(plan);
  return { workbook, sheets: reportSheets(workbook) };
}

/**
 * Cells whose value depends, directly or through other cells and names, on a CHOKEPOINT function.
 * LibreOffice and other programs cannot compute those; every other cell must agree with them.
 * Returns a set of "sheetKey!A1" strings.
 */
export function cellsDependingOnChokepoint(wb: HeadlessWorkbook): Set<string> {
  const tainted = new Set<string>();
  const keyOfSheetId = new Map<number, string>();
  wb.sheetIds.forEach((id, key) => keyOfSheetId.set(id, key));
  const formulaCells: Array<{ sheet: number; row: number; col: number; formula: string }> = [];
  for (const [, sheet] of wb.sheetIds) {
    const formulas = wb.engine.getSheetFormulas(sheet);
    formulas.forEach((row, r) => row.forEach((f, c) => f && formulaCells.push({ sheet, row: r, col: c, formula: f })));
  }
  const id = (sheet: number, row: number, col: number) => `${keyOfSheetId.get(sheet)}!${formatCell({ row, column: col })}`;
  const markArray = (sheet: number, row: number, col: number) => {
    tainted.add(id(sheet, row, col));
    // the rest of a spilled result belongs to the same formula
    for (let r = row; wb.engine.isCellPartOfArray({ sheet, row: r, col }); r++) {
      for (let c = col; wb.engine.isCellPartOfArray({ sheet, row: r, col: c }); c++) {
        if ((r > row || c > col) && wb.engine.getCellFormula({ sheet, row: r, col: c }) !== undefined) break;
        tainted.add(id(sheet, r, c));
      }
    }
  };
  const precedentTainted = (sheet: number, row: number, col: number): boolean =>
    wb.engine.getCellPrecedents({ sheet, row, col }).some((p) => {
      if ("start" in p) {
        for (let r = p.start.row; r <= p.end.row; r++)
          for (let c = p.start.col; c <= p.end.col; c++) if (tainted.has(id(p.start.sheet, r, c))) return true;
        return false;
      }
      return tainted.has(id(p.sheet, p.row, p.col));
    });
  const usesNameTainted = (formula: string): boolean =>
    wb.plan.names.some((n) => new RegExp(`(^|[^A-Za-z0-9_.])${n.name}($|[^A-Za-z0-9_.(])`, "i").test(formula) && nameTainted(n.name));
  const nameTainted = (name: string): boolean => {
    const spec = wb.plan.names.find((n) => n.name === name)!;
    const range = parseRange(spec.range);
    for (let r = range.start.row; r <= range.end.row; r++)
      for (let c = range.start.column; c <= range.end.column; c++) if (tainted.has(`${spec.sheet}!${formatCell({ row: r, column: c })}`)) return true;
    return false;
  };
  for (const cell of formulaCells) if (/CHOKEPOINT\./i.test(cell.formula)) markArray(cell.sheet, cell.row, cell.col);
  // propagate to a fixed point (workbooks here have a few hundred formulas)
  for (let changed = true; changed; ) {
    changed = false;
    for (const cell of formulaCells) {
      if (tainted.has(id(cell.sheet, cell.row, cell.col))) continue;
      if (precedentTainted(cell.sheet, cell.row, cell.col) || usesNameTainted(cell.formula)) {
        markArray(cell.sheet, cell.row, cell.col);
        changed = true;
      }
    }
  }
  return tainted;
}
