/**
 * A small plan with one chart of every ChartSpec type (and one with series by rows), over values
 * and live CHOKEPOINT formulas, for the schema and LibreOffice tests: the briefing templates do not
 * use every type.
 */
import type { ChartSpec, WorkbookPlan } from "../../src/workbook/plan";

const types: ChartSpec["type"][] = ["columnClustered", "barClustered", "line", "lineMarkers", "pie", "xyScatter"];

/** Chart titles are unique words, so a test can find each one in LibreOffice's PDF text. */
export const CHART_TITLES: Record<string, string> = Object.fromEntries([
  ...types.map((t) => [t, `Zeta ${t} chart`]),
  ["rows", "Zeta series by rows"],
]);

export function everyChartTypePlan(): WorkbookPlan {
  const charts: ChartSpec[] = types.map((type, i) => ({
    id: `chart-${type}`,
    type,
    title: CHART_TITLES[type],
    dataRange: "A1:C6",
    seriesBy: "columns",
    position: { from: `${i % 2 === 0 ? "F" : "N"}${1 + Math.floor(i / 2) * 16}`, to: `${i % 2 === 0 ? "L" : "T"}${14 + Math.floor(i / 2) * 16}` },
    xAxisTitle: "Year",
    yAxisTitle: "Tonnes",
  }));
  charts.push({ id: "chart-rows", type: "columnClustered", title: CHART_TITLES.rows, dataRange: "A1:C6", seriesBy: "rows", position: { from: "F49", to: "L62" }, xAxisTitle: "Series", yAxisTitle: "Tonnes" });
  return {
    formatVersion: 1,
    metadata: { templateId: "chart-types", templateVersion: "0", title: "Every chart type", options: {}, datasets: [], generatedAt: "2026-01-01T00:00:00.000Z" },
    names: [{ name: "Alpha", sheet: "c", range: "B2:B6" }],
    sheets: [
      {
        key: "c",
        name: "Chart types",
        charts,
        blocks: [
          { id: "v", kind: "values", anchor: "A1", rows: [["Year", "Alpha", "Share"], [2020, 10, null], [2021, 14, null], [2022, 9, null], [2023, 20, null], [2024, 17, null]] },
          // live formulas feeding the third series: the chart follows them
          { id: "s", kind: "formulas", anchor: "C2", rows: [["=CHOKEPOINT.SHARES(Alpha)"], [null], [null], [null], [null]], spill: { rows: 5, columns: 1 } },
        ],
        numberFormats: [{ range: "C2:C6", format: "0%" }],
      },
    ],
  };
}
