/**
 * Charts inserted by the task pane get their series one by one, resolved from the plan, and these
 * are the series the .xlsx renderer writes from the evaluated values: the same categories, series
 * names and value ranges for every chart of the whole briefing (a year column is never a series, a
 * column of ISO codes never a second level of labels). A host without the series API (ExcelApi
 * 1.7) is handed the range whole, as before.
 */
import { buildPlan } from "../../templates";
import { insertPlan } from "../../src/workbook/office";
import { resolveChart } from "../../src/workbook/chartSeries";
import { evaluatePlan, sheetValues } from "../../src/workbook/headless";
import { FakeWorkbook, runnerOf, type SheetState } from "./fakeExcel";

const FIXED_TIME = "2026-01-15T10:00:00.000Z";
const onSheet = (formula: string) => formula.slice(formula.lastIndexOf("!") + 1).replace(/\$/g, "");

async function inserted(template: string) {
  const plan = buildPlan(template, {}, FIXED_TIME);
  const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
  await insertPlan(runnerOf(wb), plan);
  return { plan, sheet: (name: string) => wb.sheet(name) as SheetState };
}

test("every chart of the whole briefing has, in Excel, the categories, series and names of its .xlsx chart", async () => {
  const { plan, sheet } = await inserted("all");
  const { workbook } = evaluatePlan(plan);
  let charts = 0;
  let series = 0;
  for (const s of plan.sheets) {
    for (const spec of s.charts ?? []) {
      const file = resolveChart(spec, s.name, sheetValues(workbook, s.key));
      const excel = sheet(s.name).charts.find((c) => c.name === spec.id)!;
      expect(excel).toBeDefined();
      const expected = file.series.map((x) => ({ name: String(x.name.values[0] ?? ""), values: onSheet(x.values.formula), xValues: onSheet(file.categories.formula) }));
      expect({ chart: spec.id, series: excel.series }).toEqual({ chart: spec.id, series: expected });
      // the chart is created from its first series' cells, never from the whole range
      expect(excel.source).toBe(expected[0].values);
      charts++;
      series += expected.length;
    }
  }
  expect(charts).toBe(plan.sheets.reduce((n, s) => n + (s.charts ?? []).length, 0));
  expect(charts).toBeGreaterThanOrEqual(10);
  expect(series).toBeGreaterThan(charts);
});

test("the Mining chart plots production by country over the years: the Year column is the categories, not a series", async () => {
  const { plan, sheet } = await inserted("mining");
  const mining = plan.sheets.find((s) => s.key === "mining")!;
  for (const spec of mining.charts ?? []) {
    const excel = sheet(mining.name).charts.find((c) => c.name === spec.id)!;
    expect(excel.series.map((x) => x.name)).not.toContain("Year");
    expect(excel.series.every((x) => x.xValues === excel.series[0].xValues)).toBe(true);
  }
});

test("an Excel without ExcelApi 1.7 gets the chart from its whole data range, and the insert succeeds", async () => {
  const g = globalThis as { Office?: unknown };
  g.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => !(name === "ExcelApi" && Number(v) >= 1.7) } } };
  try {
    const { plan, sheet } = await inserted("stage-comparison");
    const s = plan.sheets.find((x) => x.key === "stages")!;
    const spec = s.charts![0];
    const excel = sheet(s.name).charts.find((c) => c.name === spec.id)!;
    expect(excel.source).toBe(spec.dataRange);
    expect(excel.seriesBy).toBe(spec.seriesBy === "rows" ? "Rows" : "Columns");
  } finally {
    delete g.Office;
  }
});
