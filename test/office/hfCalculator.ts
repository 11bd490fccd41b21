/**
 * A calculator for the fake workbook: rebuilds the workbook in the headless engine (HyperFormula
 * with every CHOKEPOINT function registered) and writes each formula's result back, spilled
 * arrays included, so tests see what Excel would show.
 */
import { CellType, DetailedCellError } from "hyperformula";
import { createEngine } from "../../src/workbook/engine";
import { cellKey, parseArea, type FakeWorkbook } from "./fakeExcel";

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function hyperFormulaCalculator(wb: FakeWorkbook): void {
  const engine = createEngine();
  const ids = new Map<string, number>();
  for (const s of wb.sheets) {
    const name = engine.addSheet(s.name);
    ids.set(s.id, engine.getSheetId(name)!);
  }
  for (const n of wb.names) {
    if (!wb.sheets.includes(n.sheet)) continue;
    const a = parseArea(n.range);
    const abs = (r: number, c: number) => {
      const m = /^([A-Z]+)(\d+)$/.exec(cellKey(r, c))!;
      return `$${m[1]}$${m[2]}`;
    };
    const ref = a.r0 === a.r1 && a.c0 === a.c1 ? abs(a.r0, a.c0) : `${abs(a.r0, a.c0)}:${abs(a.r1, a.c1)}`;
    try {
      engine.addNamedExpression(n.name, `=${quote(n.sheet.name)}!${ref}`);
    } catch {
      // a name HyperFormula rejects stays undefined there; formulas using it show #NAME?
    }
  }
  engine.suspendEvaluation();
  for (const pass of ["values", "formulas"] as const) {
    for (const s of wb.sheets) {
      const sheet = ids.get(s.id)!;
      for (const [key, cell] of s.cells) {
        if (cell.spilledFrom) continue;
        const isFormula = !!cell.formula;
        if ((pass === "formulas") !== isFormula) continue;
        const a = parseArea(key);
        const content = isFormula ? cell.formula! : typeof cell.value === "string" && cell.value.startsWith("=") ? `'${cell.value}` : cell.value;
        engine.setCellContents({ sheet, row: a.r0, col: a.c0 }, [[content as never]]);
      }
    }
  }
  engine.resumeEvaluation();
  for (const s of wb.sheets) {
    const sheet = ids.get(s.id)!;
    for (const [key, cell] of [...s.cells]) if (cell.spilledFrom) s.cells.delete(key);
    for (const [key, cell] of [...s.cells]) {
      if (!cell.formula) continue;
      const a = parseArea(key);
      const show = (v: unknown) => (v instanceof DetailedCellError ? v.value : v === null || v === undefined ? 0 : (v as string | number | boolean));
      cell.value = show(engine.getCellValue({ sheet, row: a.r0, col: a.c0 }));
      if (engine.getCellType({ sheet, row: a.r0, col: a.c0 }) !== CellType.ARRAYFORMULA) continue;
      for (let r = a.r0; ; r++) {
        if (r > a.r0 && engine.getCellType({ sheet, row: r, col: a.c0 }) !== CellType.ARRAY) break;
        for (let c = a.c0; ; c++) {
          if (r === a.r0 && c === a.c0) continue;
          if (engine.getCellType({ sheet, row: r, col: c }) !== CellType.ARRAY) break;
          s.cells.set(cellKey(r, c), { value: show(engine.getCellValue({ sheet, row: r, col: c })), spilledFrom: key });
        }
      }
    }
  }
  engine.destroy();
}

/** Messages of the error cells HyperFormula computed, by "Sheet!A1" (for failure reports). */
export function errorCells(wb: FakeWorkbook): string[] {
  const out: string[] = [];
  for (const s of wb.sheets) for (const [key, c] of s.cells) if (typeof c.value === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(c.value)) out.push(`${s.name}!${key}=${c.value} ${c.formula ?? ""}`);
  return out;
}
