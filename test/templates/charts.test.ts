/** What a ChartSpec's data range means in the .xlsx chart writer, and the chart part per type. */
import { resolveChart } from "../../src/workbook/chartSeries";
import { chartXml } from "../../src/workbook/xlsx/charts";
import type { ChartSpec } from "../../src/workbook/plan";
import type { CellValue } from "../../src/workbook/headless";

// B2:E5 on a sheet: header row 2, label column B
const grid: CellValue[][] = [
  [],
  [null, "Partner", "ISO3", "HS 1", "HS 2"],
  [null, "Japan", "JPN", 10, 20],
  [null, "China", "CHN", 30, { error: "#N/A", message: "" }],
  [null, "Canada", "CAN", null, 5],
];
const spec = (over: Partial<ChartSpec> = {}): ChartSpec => ({ id: "t", type: "barClustered", title: "T", dataRange: "B2:E5", seriesBy: "columns", position: { from: "G2", to: "M12" }, ...over });

test("series by columns: header row names them, label column gives the categories, a text column is no series", () => {
  const chart = resolveChart(spec(), "Trade data", grid, (r, c) => (c === 3 ? "#,##0" : undefined));
  expect(chart.categories).toEqual({ formula: "'Trade data'!$B$3:$B$5", values: ["Japan", "China", "Canada"] });
  expect(chart.series.map((s) => [s.name.formula, s.name.values[0], s.values.formula, s.format])).toEqual([
    ["'Trade data'!$D$2", "HS 1", "'Trade data'!$D$3:$D$5", "#,##0"],
    ["'Trade data'!$E$2", "HS 2", "'Trade data'!$E$3:$E$5", undefined],
  ]);
});

test("series by rows: label column names them, header row gives the categories", () => {
  const chart = resolveChart(spec({ dataRange: "C2:E4", seriesBy: "rows" }), "S", grid);
  expect(chart.categories).toEqual({ formula: "S!$D$2:$E$2", values: ["HS 1", "HS 2"] });
  expect(chart.series.map((s) => [s.name.values[0], s.values.formula, s.values.values])).toEqual([
    ["JPN", "S!$D$3:$E$3", [10, 20]],
    ["CHN", "S!$D$4:$E$4", [30, { error: "#N/A", message: "" }]],
  ]);
});

test("a range of text only keeps its columns as series that fill in later; a range without data cells is refused", () => {
  expect(resolveChart(spec({ dataRange: "B2:C5" }), "S", grid).series.map((s) => s.name.values[0])).toEqual(["ISO3"]);
  expect(() => resolveChart(spec({ dataRange: "B2:B5" }), "S", grid)).toThrow(/header row, a label column/);
});

test("the chart part caches numbers only, leaving gaps for errors and blanks, and carries each type's own element", () => {
  const xml = (type: ChartSpec["type"]) => chartXml(resolveChart(spec({ type }), "S", grid));
  const bar = xml("barClustered");
  expect(bar).toContain('<c:barDir val="bar"/>');
  // HS 2: 20 at index 0, the #N/A at index 1 left out, 5 at index 2
  expect(bar).toContain('<c:ptCount val="3"/><c:pt idx="0"><c:v>20</c:v></c:pt><c:pt idx="2"><c:v>5</c:v></c:pt>');
  expect(xml("columnClustered")).toContain('<c:barDir val="col"/>');
  expect(xml("line")).toContain('<c:symbol val="none"/>');
  expect(xml("lineMarkers")).not.toContain('<c:symbol val="none"/>');
  expect(xml("pie")).toContain("<c:pieChart>");
  expect(xml("pie")).not.toContain("<c:valAx>");
  const scatter = xml("xyScatter");
  expect(scatter).toContain("<c:xVal>");
  expect(scatter.match(/<c:valAx>/g)).toHaveLength(2);
});
