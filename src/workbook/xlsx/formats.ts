/**
 * A sheet's formats in ExcelJS: number formats, styles (input cells marked), column widths,
 * conditional formats, and an autofilter for a plan table.
 */
import type ExcelJS from "exceljs";
import { parseRange } from "../a1";
import type { SheetPlan, StyleSpec } from "../plan";

const INPUT_FILL = "FFF2CC";
const INPUT_FONT = "1F4E79";

export function argb(colour: string): string {
  const hex = colour.replace(/^#/, "").toUpperCase();
  return hex.length === 8 ? hex : `FF${hex}`;
}

/** Calls `fn` with the 1-based row and column of every cell of an A1 range. */
export function forEachCell(range: string, fn: (row: number, col: number) => void): void {
  const r = parseRange(range);
  for (let row = r.start.row; row <= r.end.row; row++) for (let col = r.start.column; col <= r.end.column; col++) fn(row + 1, col + 1);
}

function applyStyle(ws: ExcelJS.Worksheet, spec: StyleSpec): void {
  const role = spec.role;
  forEachCell(spec.range, (row, col) => {
    const cell = ws.getCell(row, col);
    const font: Partial<ExcelJS.Font> = { ...cell.font };
    if (spec.bold || role === "header" || role === "title") font.bold = true;
    if (spec.italic || role === "note") font.italic = true;
    if (role === "title") font.size = 14;
    if (role === "input") font.color = { argb: argb(INPUT_FONT) };
    if (spec.fontColor) font.color = { argb: argb(spec.fontColor) };
    cell.font = font;
    const fill = spec.fill ?? (role === "input" ? INPUT_FILL : undefined);
    if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
    if (spec.wrap || spec.horizontalAlignment) {
      cell.alignment = { ...cell.alignment, ...(spec.wrap ? { wrapText: true } : {}), ...(spec.horizontalAlignment ? { horizontal: spec.horizontalAlignment } : {}) };
    }
    const border = spec.border ?? (role === "input" ? "thin" : undefined);
    if (border === "thin") {
      const side: Partial<ExcelJS.Border> = { style: role === "input" ? "medium" : "thin", color: { argb: argb(role === "input" ? INPUT_FONT : "#808080") } };
      cell.border = { top: side, left: side, bottom: side, right: side };
    } else if (border === "bottom") {
      cell.border = { ...cell.border, bottom: { style: "thin", color: { argb: "FF808080" } } };
    }
  });
}

export function writeFormats(ws: ExcelJS.Worksheet, sheet: SheetPlan): void {
  for (const f of sheet.numberFormats ?? []) forEachCell(f.range, (row, col) => (ws.getCell(row, col).numFmt = f.format));
  for (const s of sheet.styles ?? []) applyStyle(ws, s);
  for (const w of sheet.columnWidths ?? []) ws.getColumn(w.column).width = w.width;

  for (const cf of sheet.conditionalFormats ?? []) {
    if (cf.type === "colorScale") {
      const colours = [cf.minColor, ...(cf.midColor ? [cf.midColor] : []), cf.maxColor];
      const cfvo = cf.midColor
        ? [{ type: "min" as const }, { type: "percentile" as const, value: 50 }, { type: "max" as const }]
        : [{ type: "min" as const }, { type: "max" as const }];
      ws.addConditionalFormatting({ ref: cf.range, rules: [{ type: "colorScale", priority: 1, cfvo, color: colours.map((c) => ({ argb: argb(c) })) } as never] });
    } else {
      ws.addConditionalFormatting({
        ref: cf.range,
        rules: [
          {
            type: "cellIs",
            priority: 1,
            operator: cf.operator,
            formulae: [cf.formula1, ...(cf.formula2 ? [cf.formula2] : [])],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } }, ...(cf.fontColor ? { font: { color: { argb: argb(cf.fontColor) } } } : {}) },
          } as never,
        ],
      });
    }
  }

  // Excel tables need header cells ExcelJS would rewrite; an autofilter keeps the table usable.
  const table = sheet.tables?.[0];
  if (table) ws.autoFilter = table.range;
}
