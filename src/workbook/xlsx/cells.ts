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

/** The formula text stored in one cell of a spill range (1-based position inside the range). */
export function spillCellFormula(formula: string, row: number, column: number): string {
  return `INDEX(${formula},${row},${column})`;
}

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
      const result = cached(value);
      cell.value = options.valuesOnly && callsChokepoint(formula) ? result : ({ formula: toStorageForm(formula), result } as ExcelJS.CellFormulaValue);
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
