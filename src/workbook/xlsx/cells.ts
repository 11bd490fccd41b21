/**
 * A sheet's blocks as ExcelJS cells: values as values, formulas as formulas in Excel's storage form
 * (`_xldudf_CHOKEPOINT_…`, src/workbook/storageForm.ts) with the headless engine's result cached.
 *
 * A spilled formula is stored as one plain formula per cell of its spill range,
 * `INDEX(<formula>, r, c)`, each with its cached value. That is right in both readers: Excel
 * computes each cell with the add-in (no spill flag needed, no implicit intersection), and
 * LibreOffice, which recalculates every array formula when it loads a file (and so shows #NAME?
 * for an add-in function), keeps the cached value of a plain formula. docs/templates.md has the
 * measurements. A cell of a spill range that is empty when the file is written stays an empty cell:
 * LibreOffice cannot keep an empty text result (it recalculates the formula and shows #NAME?).
 *
 * A spill cell whose result is an error is a cell LibreOffice recalculates (it keeps cached numbers
 * and text, never cached errors), and an add-in function it cannot run shows #NAME?. So such a cell
 * is stored so that its formula gives, without the add-in, what it shows with it:
 * - #N/A, the data lacks a figure: `IF(ISNA(INDEX(f,r,c)),"n/a",INDEX(f,r,c))`, cached "n/a". The
 *   reason is in the same table's text column (DIMENSIONS' "how computed", HISTORY's "missing …"),
 *   which is stored as text; with the add-in the cell shows the number as soon as there is one, and
 *   any other error (#NAME? when the add-in is absent, #VALUE!) still shows as itself.
 * - any other error e: `IFERROR(INDEX(f,r,c),e)`, cached e, which LibreOffice prints as e.
 *
 * In a values-only copy every formula that calls a CHOKEPOINT function is replaced by its result;
 * other formulas stay live.
 */
import type ExcelJS from "exceljs";
import { parseCell } from "../a1";
import type { CellValue } from "../headless";
import { callsChokepoint } from "../office/naming";
import type { Block, SheetPlan } from "../plan";
import { toStorageForm } from "../storageForm";

export interface CellWriteOptions {
  /** Replace every CHOKEPOINT formula by its result (a copy for colleagues without the add-in). */
  valuesOnly?: boolean;
}

/** A cached result as ExcelJS writes it (an error value as `{ error }`). */
export function cached(v: CellValue): ExcelJS.CellValue {
  if (v !== null && typeof v === "object") return { error: v.error } as unknown as ExcelJS.CellErrorValue;
  return v as ExcelJS.CellValue;
}

/**
 * The formula text stored in one cell of a spill range (1-based position inside the range). A
 * spill of `IFNA(f,alt)` (a table whose missing figures show as text) is stored as
 * `IFNA(INDEX(f,r,c),alt)`: the same cell by cell, and no array ever reaches IFNA.
 */
export function spillCellFormula(formula: string, row: number, column: number): string {
  const ifna = topLevelCall(formula, "IFNA");
  if (ifna && ifna.length === 2) return `IFNA(INDEX(${ifna[0]},${row},${column}),${ifna[1]})`;
  return `INDEX(${formula},${row},${column})`;
}

/** The arguments of `formula` when the whole of it is one call of `name`, else null. */
function topLevelCall(formula: string, name: string): string[] | null {
  if (!formula.toUpperCase().startsWith(`${name}(`) || !formula.endsWith(")")) return null;
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = name.length + 1;
  for (let i = start; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if (ch === "(") depth++;
    else if (ch === ")") {
      if (depth === 0) {
        if (i !== formula.length - 1) return null; // the call ends before the formula does
        args.push(formula.slice(start, i));
        return args;
      }
      depth--;
    } else if (ch === "," && depth === 0) {
      args.push(formula.slice(start, i));
      start = i + 1;
    }
  }
  return null;
}

/** What a spill cell whose result is `error` is stored as, and what it shows (see the top of this file). */
export function spillErrorCell(formula: string, row: number, column: number, error: string): { formula: string; result: ExcelJS.CellValue } {
  const cell = spillCellFormula(formula, row, column);
  if (error === "#N/A") return { formula: `IF(ISNA(${cell}),"${SPILL_NA_TEXT}",${cell})`, result: SPILL_NA_TEXT };
  return { formula: `IFERROR(${cell},${error})`, result: { error } as unknown as ExcelJS.CellErrorValue };
}

/** What a spill cell shows in the file where the function returns #N/A (data that does not exist). */
export const SPILL_NA_TEXT = "n/a";

/** Every formula cell of a block as it is stored: 0-based offsets, formula text without "=". */
export function blockFormulas(block: Block): Array<{ r: number; c: number; formula: string }> {
  if (block.kind !== "formulas") return [];
  if (block.spill) {
    const body = String(block.rows[0][0]).slice(1);
    return Array.from({ length: block.spill.rows * block.spill.columns }, (_, i) => {
      const r = Math.floor(i / block.spill!.columns);
      const c = i % block.spill!.columns;
      return { r, c, formula: spillCellFormula(body, r + 1, c + 1) };
    });
  }
  return block.rows.flatMap((cells, r) => cells.flatMap((v, c) => (typeof v === "string" && v.startsWith("=") ? [{ r, c, formula: v.slice(1) }] : [])));
}

export function writeCells(ws: ExcelJS.Worksheet, sheet: SheetPlan, values: CellValue[][], options: CellWriteOptions = {}): void {
  const valueAt = (row: number, col: number): CellValue => values[row]?.[col] ?? null;
  for (const block of sheet.blocks) {
    const { row: top, column: left } = parseCell(block.anchor);
    if (block.kind === "values") {
      block.rows.forEach((cells, r) => cells.forEach((v, c) => v !== null && (ws.getCell(top + r + 1, left + c + 1).value = v)));
      continue;
    }
    const formulas = blockFormulas(block);
    for (const { r, c, formula } of formulas) {
      const value = valueAt(top + r, left + c);
      if (block.spill && (value === null || value === "")) continue;
      const cell = ws.getCell(top + r + 1, left + c + 1);
      const stored = block.spill && value !== null && typeof value === "object" ? spillErrorCell(String(block.rows[0][0]).slice(1), r + 1, c + 1, value.error) : { formula, result: cached(value) };
      cell.value = options.valuesOnly && callsChokepoint(formula) ? stored.result : ({ formula: toStorageForm(stored.formula), result: stored.result } as ExcelJS.CellFormulaValue);
    }
    // plain values inside a formula block (labels beside the formulas)
    if (!block.spill) {
      block.rows.forEach((cells, r) =>
        cells.forEach((v, c) => {
          if (v !== null && !(typeof v === "string" && v.startsWith("="))) ws.getCell(top + r + 1, left + c + 1).value = v;
        }),
      );
    }
  }
}
