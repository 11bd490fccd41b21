/**
 * What the Office.js insert adds to each new sheet beyond values and formats: data validation on
 * the input cells (ExcelApi 1.8), the notes' merged ranges and the row heights that show wrapped
 * text, and the print setup (ExcelApi 1.9: orientation, paper, print area, print titles, one page
 * wide, header and footer). A host without a requirement set skips that part; the insert still
 * succeeds, and the pane's sheets print with Excel's defaults.
 */
import { hostSupports } from "./common";
import { payloadBytes } from "./requests";
import type { DataValidationSpec, PrintSpec, SheetPlan } from "../plan";

/** One queued piece of the insert (the same shape as the insert's own operations). */
export interface SheetOp {
  step: "formats";
  bytes: number;
  queue(ctx: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>): void;
}

function op(sheet: SheetPlan, payload: unknown, queue: (ws: Excel.Worksheet) => void): SheetOp {
  return { step: "formats", bytes: payloadBytes(payload), queue: (_ctx, sheets) => queue(sheets.get(sheet.key)!) };
}

/** The Office.js rule for a plan validation. */
export function validationRule(v: DataValidationSpec): Excel.DataValidationRule {
  const basic: Excel.BasicDataValidation = { formula1: v.min, formula2: v.max, operator: "Between" };
  return v.type === "whole" ? { wholeNumber: basic } : { decimal: basic };
}

export function validationOps(sheet: SheetPlan): SheetOp[] {
  return (sheet.validations ?? []).map((v) =>
    op(sheet, v, (ws) => {
      if (!hostSupports("1.8")) return;
      const dv = ws.getRange(v.range).dataValidation;
      dv.rule = validationRule(v);
      dv.ignoreBlanks = v.allowBlank ?? true;
      dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
      dv.errorAlert = { showAlert: true, style: "Stop", title: v.error.title, message: v.error.message };
    }),
  );
}

/** Merged notes, taller rows (read from the top), and the print setup of one sheet. */
export function pageLayoutOps(sheet: SheetPlan, print: PrintSpec | undefined): SheetOp[] {
  const ops: SheetOp[] = [];
  for (const m of sheet.merges ?? []) ops.push(op(sheet, m, (ws) => ws.getRange(m).merge(false)));
  for (const h of sheet.rowHeights ?? []) {
    ops.push(
      op(sheet, h, (ws) => {
        const row = ws.getRange(`${h.row}:${h.row}`);
        row.format.rowHeight = h.height;
        row.format.verticalAlignment = "Top";
      }),
    );
  }
  const page = sheet.page;
  if (page) {
    ops.push(
      op(sheet, { page, print }, (ws) => {
        if (!hostSupports("1.9")) return;
        const layout = ws.pageLayout;
        layout.orientation = page.orientation === "landscape" ? "Landscape" : "Portrait";
        if (print?.paper) layout.paperSize = print.paper === "a4" ? "A4" : "Letter";
        layout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
        layout.setPrintArea(page.area);
        if (page.titleRows) layout.setPrintTitleRows(`$${page.titleRows.first}:$${page.titleRows.last}`);
        // the plan's manual breaks keep each chart, with its heading, on one page
        for (const row of page.pageBreaksBefore ?? []) ws.horizontalPageBreaks.add(`A${row}`);
        if (print) {
          const all = layout.headersFooters.defaultForAllPages;
          all.leftHeader = print.header.left ?? "";
          all.centerHeader = print.header.center ?? "";
          all.rightHeader = print.header.right ?? "";
          all.leftFooter = print.footer.left ?? "";
          all.centerFooter = print.footer.center ?? "";
          all.rightFooter = print.footer.right ?? "";
        }
      }),
    );
  }
  return ops;
}
