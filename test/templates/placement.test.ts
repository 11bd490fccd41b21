/**
 * Where charts sit and where pages break, for every template with its default options and with
 * other countries, a year, a stage subset and the other mining source: no chart's anchor rectangle
 * covers a cell that shows something (a value, a spill, a merged note, or text running over from
 * its left), every chart lies inside the printed area, and no page break cuts through a chart,
 * neither the plan's breaks nor those the .xlsx renderer works out on the evaluated layout; and no
 * cell of a printed area is an error (where the data lacks a year the sheet says n/a and, in words,
 * which input is missing). With default options the only #N/A cells are the documented gaps of the
 * chart data beside the page.
 */
import { buildPlan, TEMPLATES } from "../../templates";
import { plannedReader } from "../../templates/sheetLayout";
import { applyPlan, reportSheets, sheetValues } from "../../src/workbook/headless";
import { fitSheet } from "../../src/workbook/layout";
import { chartBox, chartConflicts, chartPageBreaks, chartsSplitByBreaks, keepTogether, printableBox, printScale } from "../../src/workbook/pages";
import { parseCell, parseRange } from "../../src/workbook/a1";
import type { BriefingOptions } from "../../templates";
import type { SheetPlan, WorkbookPlan } from "../../src/workbook/plan";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";

const OPTION_SETS: Array<[string, Partial<BriefingOptions>]> = [
  ["default options", {}],
  ["other countries", { countries: ["KOR", "DEU", "EU"] }],
  ["five countries", { countries: ["USA", "JPN", "CHN", "KOR", "IND"] }],
  ["the year 2015", { year: 2015 }],
  ["the year 2010, which the data partly lacks", { year: 2010 }],
  ["the midstream only", { stages: ["midstream"] }],
  ["USGS mine production", { source: "usgs_mcs_mine_production" }],
];

function inRange(range: string, row: number, column: number): boolean {
  const r = parseRange(range);
  return row >= r.start.row && row <= r.end.row && column >= r.start.column && column <= r.end.column;
}

/** The layout the .xlsx renderer writes: fitted to the evaluated values. */
function evaluatedLayout(plan: WorkbookPlan) {
  const workbook = applyPlan(plan);
  return {
    workbook,
    sheets: plan.sheets.map((sheet) => {
      const values = sheetValues(workbook, sheet.key);
      const read = (r: number, c: number) => values[r]?.[c] ?? null;
      return { sheet, read, fitted: fitSheet(sheet, read, parseRange(sheet.page!.area).end.column) };
    }),
  };
}

function placementProblems(plan: WorkbookPlan): string[] {
  const problems: string[] = [];
  const { workbook, sheets } = evaluatedLayout(plan);
  // a printed cell is never an error: where the data lacks a figure the sheet says n/a and why
  for (const report of reportSheets(workbook)) {
    const sheet = plan.sheets.find((s) => s.key === report.key)!;
    for (const e of report.errors) {
      const { row, column } = parseCell(e.address);
      if (inRange(sheet.page!.area, row, column)) problems.push(`${sheet.name}: printed cell ${e.address} is ${e.error}`);
    }
  }
  for (const { sheet, read, fitted } of sheets) {
    const at = (what: string) => `${sheet.name}: ${what}`;
    for (const c of chartConflicts(sheet, read, fitted)) problems.push(at(`chart ${c.chart} covers ${c.cell} ("${c.text}")`));
    // before evaluation too: what the plan itself knows
    for (const c of chartConflicts(sheet, plannedReader(sheet, new Map()), { columnWidths: sheet.columnWidths ?? [], rowHeights: sheet.rowHeights ?? [] }))
      problems.push(at(`chart ${c.chart} covers planned cell ${c.cell} ("${c.text}")`));
    const area = parseRange(sheet.page!.area);
    for (const chart of sheet.charts ?? []) {
      const box = chartBox(chart);
      if (box.start.row < area.start.row || box.end.row > area.end.row || box.start.column < area.start.column || box.end.column > area.end.column)
        problems.push(at(`chart ${chart.id} (${chart.position.from}:${chart.position.to}) is outside the print area ${sheet.page!.area}`));
    }
    for (const s of chartsSplitByBreaks(sheet, sheet.page!.pageBreaksBefore ?? [])) problems.push(at(`the plan's page break before row ${s.breakBefore} splits chart ${s.chart}`));
    const written = chartPageBreaks(sheet, fitted, sheet.page!, plan.print?.paper);
    for (const s of chartsSplitByBreaks(sheet, written)) problems.push(at(`the file's page break before row ${s.breakBefore} splits chart ${s.chart}`));
  }
  return problems;
}

describe.each(TEMPLATES.map((t) => t.id))("template %s", (id) => {
  test.each(OPTION_SETS)("with %s: no printed error cell; charts cover no cell, lie inside the print area and no page break splits one", (_name, options) => {
    expect(placementProblems(buildPlan(id, options, GENERATED_AT))).toEqual([]);
  });
});

describe("the default briefing", () => {
  const plan = buildPlan("all", {}, GENERATED_AT);
  const { workbook, sheets } = evaluatedLayout(plan);

  test("charts cover no cell, lie inside the print area and no page break splits one", () => {
    expect(placementProblems(plan)).toEqual([]);
    expect(plan.sheets.flatMap((s) => s.charts ?? []).length).toBeGreaterThanOrEqual(9);
  });

  test("every sheet with charts breaks its pages by hand, each page within what the smaller of A4 and Letter holds", () => {
    for (const { sheet, fitted } of sheets.filter((s) => (s.sheet.charts ?? []).length > 0)) {
      const breaks = chartPageBreaks(sheet, fitted, sheet.page!);
      const area = parseRange(sheet.page!.area);
      const scale = printScale(area, fitted, sheet.page!.orientation);
      const height = (r: number) => fitted.rowHeights.find((h) => h.row === r + 1)?.height ?? 15;
      const titles = sheet.page!.titleRows ? sheet.page!.titleRows.last - sheet.page!.titleRows.first + 1 : 0;
      const starts = [area.start.row, ...breaks.map((b) => b - 1), area.end.row + 1];
      for (let p = 0; p + 1 < starts.length; p++) {
        let used = p > 0 ? Array.from({ length: titles }, (_, i) => height(i)).reduce((a, b) => a + b, 0) : 0;
        for (let r = starts[p]; r < starts[p + 1]; r++) used += height(r);
        expect([sheet.name, p + 1, used * scale <= printableBox(sheet.page!.orientation).height]).toEqual([sheet.name, p + 1, true]);
      }
      // each chart and short table begins and ends on the same page
      for (const g of keepTogether(sheet)) expect([sheet.name, g, breaks.some((b) => b - 1 > g.first && b - 1 <= g.last)]).toEqual([sheet.name, g, false]);
    }
  });

  test("no cell of a printed area is an error: the only #N/A cells are documented chart gaps beside the page", () => {
    const reports = reportSheets(workbook);
    const inPrint: string[] = [];
    const undocumented: string[] = [];
    for (const report of reports) {
      const sheet: SheetPlan = plan.sheets.find((s) => s.key === report.key)!;
      for (const e of report.errors) {
        const { row, column } = parseCell(e.address);
        if (inRange(sheet.page!.area, row, column)) inPrint.push(`${sheet.name}!${e.address} ${e.error}`);
        if (!(sheet.documentedGaps ?? []).some((g) => inRange(g.range, row, column))) undocumented.push(`${sheet.name}!${e.address} ${e.error}`);
      }
    }
    expect(inPrint).toEqual([]);
    expect(undocumented).toEqual([]);
    // the History sheet says in words which input a year without a CVI lacks
    const history = sheetValues(workbook, "history").flat();
    expect(history.filter((v) => v === "missing: t_c").length).toBe(5);
    expect(history.filter((v) => v === "missing: p").length).toBe(3);
  });
});
