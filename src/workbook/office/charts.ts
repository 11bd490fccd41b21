/**
 * Charts inserted through Office.js with their series set one by one, so that Excel draws the chart
 * the .xlsx renderer writes. Handed a whole range, `charts.add` guesses: a numeric "Year" column
 * becomes a series of its own, and a text column beside the labels (ISO codes) a second level of
 * categories. Both renderers resolve a ChartSpec with resolveChart (../chartSeries.ts): the .xlsx
 * one on the evaluated values, this one on what the plan writes (a formula counts as a number,
 * since every formula a chart plots computes one), so the two agree on the categories, the series
 * and their names. A host without ExcelApi 1.7 (no series API) gets the range handed whole.
 */
import { parseCell } from "../a1";
import { resolveChart, type CellsRef, type ResolvedChart } from "../chartSeries";
import type { CellValue } from "../headless";
import type { ChartSpec, SheetPlan } from "../plan";
import { hostSupports } from "./common";

export const CHART_TYPES: Record<ChartSpec["type"], string> = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
  line: "Line",
  lineMarkers: "LineMarkers",
  pie: "Pie",
  xyScatter: "XYScatter",
};

/** The sheet as the plan writes it, before anything is calculated: constants as written, every formula cell (and every cell a formula spills into) a number. */
export function plannedValues(sheet: SheetPlan): CellValue[][] {
  const grid: CellValue[][] = [];
  const put = (row: number, column: number, v: CellValue) => ((grid[row] ??= [])[column] = v);
  for (const block of sheet.blocks) {
    const { row: top, column: left } = parseCell(block.anchor);
    block.rows.forEach((cells, r) =>
      cells.forEach((v, c) => {
        const isFormula = block.kind === "formulas" && (typeof v === "string" ? v.startsWith("=") : block.spill !== undefined && v === null);
        if (isFormula) put(top + r, left + c, 0);
        else if (v !== null) put(top + r, left + c, v);
      }),
    );
  }
  return grid;
}

/** The chart's categories and series, resolved on the plan as the .xlsx renderer resolves them on the values. */
export function plannedChart(sheet: SheetPlan, spec: ChartSpec): ResolvedChart {
  return resolveChart(spec, sheet.name, plannedValues(sheet));
}

/** "'Sheet'!$B$2:$B$5" → "B2:B5": the address on the chart's own sheet, whatever the sheet is called now. */
function onSheet(ref: CellsRef): string {
  return ref.formula.slice(ref.formula.lastIndexOf("!") + 1).replace(/\$/g, "");
}

function nameOf(ref: CellsRef): string {
  const v = ref.values[0];
  return v === null || typeof v === "object" ? "" : String(v);
}

/** Queues the chart on `ws`: created from its first series, then each further series added, all sharing the categories. */
export function queueChart(ws: Excel.Worksheet, sheet: SheetPlan, spec: ChartSpec): Excel.Chart {
  const type = CHART_TYPES[spec.type] as Excel.ChartType;
  if (!hostSupports("1.7")) return ws.charts.add(type, ws.getRange(spec.dataRange), (spec.seriesBy === "rows" ? "Rows" : "Columns") as Excel.ChartSeriesBy);
  const { categories, series } = plannedChart(sheet, spec);
  const [first, ...rest] = series;
  const chart = ws.charts.add(type, ws.getRange(onSheet(first.values)), (spec.seriesBy === "rows" ? "Rows" : "Columns") as Excel.ChartSeriesBy);
  const categoryRange = ws.getRange(onSheet(categories));
  const head = chart.series.getItemAt(0);
  head.name = nameOf(first.name);
  head.setXAxisValues(categoryRange);
  for (const s of rest) {
    const added = chart.series.add(nameOf(s.name));
    added.setValues(ws.getRange(onSheet(s.values)));
    added.setXAxisValues(categoryRange);
  }
  return chart;
}
