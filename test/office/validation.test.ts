/**
 * The Office.js insert applies the plan's data validation, merged notes, row heights and print
 * setup (the fake checks arguments as Excel documents them), and skips what the host's
 * requirement sets do not cover without failing the insert.
 */
import { buildPlan } from "../../templates";
import { insertPlan } from "../../src/workbook/office";
import { FakeWorkbook, runnerOf, type SheetState } from "./fakeExcel";
import { layoutOf } from "./fakeLayout";

const FIXED_TIME = "2026-01-15T10:00:00.000Z";

async function inserted(template: string, options = {}) {
  const plan = buildPlan(template, options, FIXED_TIME);
  const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
  await insertPlan(runnerOf(wb), plan);
  return { plan, wb, sheet: (name: string) => wb.sheet(name) as SheetState };
}

test("every input cell of the plan carries its validation rule, prompt and error alert", async () => {
  const { plan, sheet } = await inserted("all", { year: 2024 });
  let count = 0;
  for (const s of plan.sheets) {
    const got = layoutOf(sheet(s.name)).validations;
    for (const v of s.validations ?? []) {
      count++;
      const applied = got.find((g) => g.range === v.range)!;
      expect(applied).toBeDefined();
      expect(applied.rule).toEqual({ [v.type === "whole" ? "wholeNumber" : "decimal"]: { formula1: v.min, formula2: v.max, operator: "Between" } });
      expect(applied.prompt).toEqual({ showPrompt: true, title: v.prompt.title, message: v.prompt.message });
      expect(applied.errorAlert).toEqual({ showAlert: true, style: "Stop", title: v.error.title, message: v.error.message });
      expect(applied.ignoreBlanks).toBe(true);
    }
  }
  // m, w_g and the year on Stage comparison, eight levers on Scenarios, the Methods inputs
  expect(count).toBeGreaterThanOrEqual(3 + 8 + 4);
  const year = plan.sheets.find((s) => s.key === "stages")!.validations!.find((v) => v.type === "whole")!;
  expect(year.min).toBeLessThanOrEqual(2024);
  expect(year.max).toBeGreaterThanOrEqual(2024);
});

test("notes are merged with their text kept, taller rows read from the top, and each sheet prints one page wide with title, date and page numbers", async () => {
  const { plan, wb, sheet } = await inserted("all");
  for (const s of plan.sheets) {
    const state = sheet(s.name);
    expect(layoutOf(state).merges).toEqual(s.merges ?? []);
    for (const m of s.merges ?? []) expect(wb.value(s.name, m.split(":")[0])).not.toBe("");
    for (const h of s.rowHeights ?? []) {
      expect(state.formats).toContainEqual({ range: `${h.row}:${h.row}`, property: "rowHeight", value: h.height });
      expect(state.formats).toContainEqual({ range: `${h.row}:${h.row}`, property: "verticalAlignment", value: "Top" });
    }
    const layout = layoutOf(state).pageLayout;
    expect(layout.printArea).toBe(s.page!.area);
    expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: s.page!.fitToHeight });
    expect(layout.orientation).toBe(s.page!.orientation === "portrait" ? "Portrait" : "Landscape");
    expect(layout.printTitleRows).toMatch(/^\$1:\$\d+$/);
    expect(layout.pageBreaks ?? []).toEqual(s.page!.pageBreaksBefore ?? []);
    expect(layout.headersFooters.leftHeader).toContain(plan.metadata.title);
    expect(layout.headersFooters.rightFooter).toBe("&9Page &P of &N");
    expect(layout.headersFooters.leftFooter).toContain(FIXED_TIME.slice(0, 10));
    // the pane leaves the paper to Excel (the user's printer) unless the plan names one
    expect(layout.paperSize).toBeUndefined();
  }
  expect(layoutOf(sheet("Summary")).pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
  // the sheets with charts carry the plan's manual page breaks into Excel
  expect(plan.sheets.filter((s) => (s.page?.pageBreaksBefore ?? []).length > 0).length).toBeGreaterThan(0);
});

test("a plan with a paper size sets it", async () => {
  const { sheet } = await inserted("summary", { paper: "a4" });
  expect(layoutOf(sheet("Summary")).pageLayout.paperSize).toBe("A4");
});

test("an Excel without ExcelApi 1.8 and 1.9 gets the sheets without validation and print setup, and the insert succeeds", async () => {
  const g = globalThis as { Office?: unknown };
  g.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => !(name === "ExcelApi" && (v === "1.8" || v === "1.9")) } } };
  try {
    const { plan, sheet } = await inserted("scenarios");
    const state = sheet("Scenarios");
    expect(layoutOf(state).validations).toEqual([]);
    expect(layoutOf(state).pageLayout).toEqual({ headersFooters: {} });
    // merges and row heights need only ExcelApi 1.2
    expect(layoutOf(state).merges).toEqual(plan.sheets[0].merges ?? []);
  } finally {
    delete g.Office;
  }
});

test("the fake refuses what Excel refuses: a prompt title over 32 characters, a print-title range that is not whole rows", async () => {
  const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
  await expect(
    runnerOf(wb)(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation;
      dv.prompt = { showPrompt: true, title: "x".repeat(33), message: "m" };
      await ctx.sync();
    }),
  ).rejects.toThrow(/prompt title over 32/);
  await expect(
    runnerOf(wb)(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.setPrintTitleRows("A1:B2");
      await ctx.sync();
    }),
  ).rejects.toThrow(/whole rows/);
});
