/**
 * The readable and printable parts of a sheet in the .xlsx file, with ExcelJS: column widths and
 * row heights fitted to the evaluated values, merged and wrapped notes, data validation on the
 * input cells, and the page setup (paper, orientation, print area, print titles, one page wide,
 * page breaks that keep each chart on one page, header and footer). Called once per sheet by the
 * .xlsx renderer, after values and styles.
 */
import type ExcelJS from "exceljs";
import { parseRange } from "./a1";
import type { CellValue } from "./headless";
import { fitSheet } from "./layout";
import { chartPageBreaks } from "./pages";
import type { HeaderFooterSpec, PaperSize, SheetPlan, WorkbookPlan } from "./plan";

/** ECMA-376 paper size codes (ST_PaperSize): 1 Letter, 9 A4. */
export const PAPER_CODE: Record<PaperSize, number> = { letter: 1, a4: 9 };

/** One header or footer string: &L, &C and &R sections. */
export function headerFooterText(spec: HeaderFooterSpec): string {
  return `${spec.left ? `&L${spec.left}` : ""}${spec.center ? `&C${spec.center}` : ""}${spec.right ? `&R${spec.right}` : ""}`;
}

interface WorksheetWithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** The workbook's default font: every styled cell names it, so no reader substitutes another. */
export const DEFAULT_FONT = { name: "Calibri", size: 11, family: 2, scheme: "minor" as const };

export function applySheetPage(ws: ExcelJS.Worksheet, sheet: SheetPlan, plan: WorkbookPlan, values: CellValue[][]): void {
  // a font that only says "bold" is drawn in the reader's own default face (a serif in LibreOffice)
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const font = cell.font;
      if (font && !font.name) cell.font = { ...DEFAULT_FONT, ...font, name: DEFAULT_FONT.name };
    }),
  );
  for (const m of sheet.merges ?? []) ws.mergeCells(m);

  // widths and heights from what the cells show once evaluated (the plan's widths are minimums)
  const extent = sheet.page ? parseRange(sheet.page.area).end.column : undefined;
  const fitted = fitSheet(sheet, (r, c) => values[r]?.[c] ?? null, extent);
  for (const w of fitted.columnWidths) ws.getColumn(w.column).width = w.width;
  for (const a1 of fitted.wrapped) {
    const cell = ws.getCell(a1);
    cell.alignment = { ...cell.alignment, wrapText: true };
  }
  for (const a1 of fitted.indented) {
    const cell = ws.getCell(a1);
    cell.alignment = { ...cell.alignment, horizontal: "left", indent: 1 };
  }
  for (const h of fitted.rowHeights) {
    const row = ws.getRow(h.row);
    row.height = h.height;
    // in a taller row, every cell reads from the top
    row.eachCell((cell) => (cell.alignment = { ...cell.alignment, vertical: "top" }));
  }

  // every page of a sheet with charts starts where the evaluated layout puts it: no chart split
  if (sheet.page) for (const b of chartPageBreaks(sheet, fitted, sheet.page, plan.print?.paper)) ws.getRow(b - 1).addPageBreak();

  for (const v of sheet.validations ?? []) {
    (ws as unknown as WorksheetWithValidations).dataValidations.add(v.range, {
      type: v.type,
      operator: "between",
      formulae: [v.min, v.max],
      allowBlank: v.allowBlank ?? true,
      showInputMessage: true,
      promptTitle: v.prompt.title,
      prompt: v.prompt.message,
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: v.error.title,
      error: v.error.message,
    });
  }

  const page = sheet.page;
  const paper = plan.print?.paper;
  ws.pageSetup = {
    ...ws.pageSetup,
    ...(paper ? { paperSize: PAPER_CODE[paper] as ExcelJS.PaperSize } : {}),
    ...(page
      ? {
          orientation: page.orientation,
          // ExcelJS puts a "$" before each corner; the row's "$" makes the reference absolute
          printArea: page.area.replace(/([A-Z]+)(\d+)/g, "$1$$$2"),
          fitToPage: true,
          fitToWidth: page.fitToWidth,
          fitToHeight: page.fitToHeight,
          ...(page.titleRows ? { printTitlesRow: `${page.titleRows.first}:${page.titleRows.last}` } : {}),
        }
      : {}),
  };
  if (plan.print) ws.headerFooter = { oddHeader: headerFooterText(plan.print.header), oddFooter: headerFooterText(plan.print.footer) };
}
