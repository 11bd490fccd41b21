/**
 * History: for each stage, the compound vulnerability (CVI) of each country year by year, from
 * the earliest year the data supports to the latest, as live formulas over CHOKEPOINT.VULN.HISTORY
 * (spilled below with the terms, how many inputs came from the same, an earlier or a later year,
 * and what is missing where a year cannot be computed); the dimension that moved most each year;
 * a line chart per stage; and the policy events of the framework paper and later ones, marked on
 * the table and the chart's axis (◆) from the policy_events dataset.
 */
import { COLOURS, text, type PlanBuilder, type Placed } from "./kit";
import { HISTORY_COLUMNS, HISTORY_WIDTH, MODEL_VERSION, STAGE_TITLE } from "./model";
import { catalogue, modelDatasets, policyEvents } from "./data";
import type { BriefingOptions, Stage, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";
import { columnLetter } from "../src/workbook/a1";
import { historyRange } from "../src/model/history";
import { DEFAULT_MINING_SOURCE, latestYear } from "../src/model/production";
import { isChokepointError } from "../src/errors";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const TERMS = [
  ["P", "production"],
  ["T", "trade"],
  ["K", "technology"],
  ["G", "geography"],
] as const;

/** The years a stage's table covers: from the earliest year any country can be computed to the latest. */
function stageYears(stage: Stage, countries: readonly string[], source: string): { from: number; to: number } {
  const to = latestYear(stage, source);
  let from = to;
  for (const c of countries) {
    try {
      from = Math.min(from, historyRange(stage, c, { source: stage === "mining" ? source : null }).from);
    } catch (e) {
      if (!isChokepointError(e)) throw e; // a country with no computable year shows #N/A rows with the reason
    }
  }
  return { from, to };
}

/**
 * "production ↓" where P moved most between two rows of a HISTORY spill; blank when the year
 * before has no CVI; where the year itself has none, the input that is missing ("missing: t_c"),
 * read from the spill's last column (its row there says why in full).
 */
function movedMost(spill: Placed, r: number, first: boolean): string {
  const at = (row: number, term: string) => spill.cell(row, HISTORY_COLUMNS[term]);
  const d = (term: string) => `ABS(${at(r, term)}-${at(r - 1, term)})`;
  const m = `MAX(${TERMS.map(([t]) => d(t)).join(",")})`;
  const pick = TERMS.reduceRight(
    (rest, [t, name]) => `IF(${d(t)}=${m},"${name}"&IF(${at(r, t)}>${at(r - 1, t)}," ↑"," ↓"),${rest})`,
    `""`,
  );
  const moved = first ? `""` : `IF(ISNUMBER(${at(r - 1, "CVI")}),IF(${m}<0.0005,"no change",${pick}),"")`;
  return `=IF(ISNUMBER(${at(r, "CVI")}),${moved},${missingInput(spill.cell(r, HISTORY_WIDTH - 1))})`;
}

/** "missing: t_c" from a HISTORY row's last cell ("missing t_c: us_salient: …"). */
function missingInput(cell: string): string {
  return `IF(LEFT(${cell},8)="missing ","missing: "&MID(${cell},9,FIND(":",${cell}&":",9)-9),"n/a")`;
}

export const history: TemplateDefinition = {
  id: "history",
  title: "History",
  description: "Compound vulnerability (CVI) of each country by year at each stage, from the earliest year the data supports to the latest, as live CHOKEPOINT.VULN.HISTORY formulas; the dimension that moved most each year; a line chart per stage; the policy events of the framework paper and later ones marked, with sources.",
  version: "1.1.0",
  sheetName: "CVI history",
  options: [
    { name: "countries", description: "ISO3 codes of the countries (one line each); EU for the EU27", default: ["USA", "JPN", "CHN"] },
    { name: "stages", description: "stages (one table and chart each)", default: ["mining", "midstream", "magnets"] },
    { name: "source", description: "mine-production source of the mining series (bgs_mine_production 1992–2024 or usgs_mcs_mine_production 2017–2025), one source throughout", default: DEFAULT_MINING_SOURCE },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    // Excel reserves the sheet name "History" (its change-tracking sheet), so the tab is "CVI history".
    const s = book.sheet("history", "CVI history", "#833C0B");
    const { countries, stages } = options;
    const n = countries.length;
    const source = options.source ?? DEFAULT_MINING_SOURCE;
    // Columns: year, event mark, a CVI per country, what moved most per country; each stage's
    // chart beside its table; the chart data (with gaps) beyond the printed page.
    const tableEnd = 1 + 2 * n;
    const chartFrom = tableEnd + 1;
    const chartTo = chartFrom + 3;
    const chartDataColumn = chartTo + 2;
    s.title(
      "History: how compound vulnerability moved, year by year",
      `Each CVI is for its year: an input comes from that year, else from the latest earlier year within its staleness limit, a later year only for slow-moving inputs, flagged (model version ${MODEL_VERSION}, docs/model.md, "The year rule").`,
    );
    const src = s.values("source-label", [["Mining source"]], { keepCursor: true });
    s.style({ range: src.cell(0, 0), bold: true });
    s.markProse(s.formulas("source", [[`=CHOKEPOINT.SOURCE(${text(source)})`]], { column: 1 }), catalogue().card(source).citation);
    s.notes("source-notes", [
      `Mining: ${source} for every year, never spliced with another source (BGS and USGS differ by tens of percent in some years). Midstream and magnets: the reported shares of one source per year (stage_shares).`,
      "◆ marks a year with a policy event (table below). n/a: the year cannot be computed; \"missing:\" names the input, and the HISTORY table of that country, at the bottom of the sheet, says why.",
    ]);
    s.gap();

    // Events, from the dataset: marked on every stage table and chart axis.
    const events = policyEvents();
    s.heading("events-heading", "Policy events (dataset policy_events; each with its source)");
    // the event runs over the stage tables' columns, its source under the charts: one wrapped cell each
    const blank = (k: number) => Array<PlanValue>(k).fill(null);
    const month = (m: number | null) => (m === null ? "" : `${MONTHS[m - 1]}: `);
    const ev = s.dataTable("events", events.datasetId, [
      ["Year", "Event", ...blank(tableEnd - 1), "Source", ...blank(chartTo - chartFrom)],
      ...events.rows.map((e) => [e.year, `${month(e.month)}${e.event}`, ...blank(tableEnd - 1), e.source, ...blank(chartTo - chartFrom)]),
    ]);
    for (let r = 0; r < ev.rowCount; r++) {
      s.merge(ev.area(r, 1, r, tableEnd));
      s.merge(ev.area(r, chartFrom, r, chartTo));
    }
    s.name("History_EventYears", ev.column(0, 1), "years of the policy events");
    s.name("History_Events", ev.column(1, 1), "the policy events, by year");
    s.gap();

    const ranges = new Map(stages.map((st) => [st, stageYears(st, countries, source)]));
    const sourceOf = (st: Stage) => (st === "mining" ? source : null);
    for (const st of stages) {
      const { from, to } = ranges.get(st)!;
      for (let y = from; y <= to; y++) for (const id of modelDatasets(countries, [st], y, sourceOf(st)).ids) book.useDataset(id);
    }

    // Layout: the stage tables first (they refer to the spills), the HISTORY spills at the bottom.
    const CHART_ROWS = 20;
    const tables = stages.map((st) => {
      const { from, to } = ranges.get(st)!;
      return { stage: st, from, to, rows: to - from + 1 };
    });
    let top = s.row;
    const tableTops = tables.map((t) => {
      const at = top;
      top += Math.max(t.rows + 1, CHART_ROWS) + 3;
      return at;
    });
    s.row = top;
    s.heading("detail-heading", "CHOKEPOINT.VULN.HISTORY by stage and country: terms, CVI, and the years of the inputs");
    const spills = new Map<string, Placed>();
    for (const t of tables) {
      for (const c of countries) {
        const heading = s.values(`hist-${t.stage}-${c}-heading`, [[`${c} · ${STAGE_TITLE[t.stage]}`]]);
        s.style({ range: heading.cell(0, 0), bold: true });
        const args = [text(t.stage), text(c), String(t.from), String(t.to), ...(t.stage === "mining" ? [text(source)] : [])].join(",");
        // a year that cannot be computed shows n/a in its terms; the last column says what is missing
        const spill = s.spill(`hist-${t.stage}-${c}`, `=IFNA(CHOKEPOINT.VULN.HISTORY(${args}),"n/a")`, 1 + t.rows, HISTORY_WIDTH);
        s.style({ range: spill.row(0), role: "header", bold: true, fill: COLOURS.header });
        s.format(spill.area(1, 1, t.rows, HISTORY_COLUMNS.CVI), "0.000");
        s.style({ range: spill.area(1, 1, t.rows, HISTORY_COLUMNS.CVI), horizontalAlignment: "right" });
        s.style({ range: spill.area(0, HISTORY_COLUMNS.CVI + 1, t.rows, HISTORY_WIDTH - 2), horizontalAlignment: "center" });
        spills.set(`${t.stage}|${c}`, spill);
        s.gap();
      }
    }
    const end = s.row;

    tables.forEach((t, ti) => {
      s.row = tableTops[ti];
      s.heading(`${t.stage}-heading`, `${STAGE_TITLE[t.stage]}: CVI by year, ${t.from}–${t.to}${t.stage === "mining" ? ` (${source})` : ""}`);
      const header: PlanValue[] = ["Year", "Event", ...countries, ...countries.map((c) => `Moved most, ${c}`)];
      const table = s.formulasAt(
        `${t.stage}-cvi`,
        (cell) => [
          header,
          ...Array.from({ length: t.rows }, (_, i) => {
            const year = cell(1 + i, 0);
            return [
              t.from + i,
              `=IF(COUNTIF(History_EventYears,${year})>0,"◆","")`,
              // n/a where the year cannot be computed; the last column says which input is missing
              ...countries.map((c) => {
                const cvi = spills.get(`${t.stage}|${c}`)!.cell(1 + i, HISTORY_COLUMNS.CVI);
                return `=IF(ISNUMBER(${cvi}),${cvi},"n/a")`;
              }),
              ...countries.map((c) => movedMost(spills.get(`${t.stage}|${c}`)!, 1 + i, i === 0)),
            ] as PlanValue[];
          }),
        ],
        { header: true },
      );
      const cvis = table.area(1, 2, t.rows, 1 + n);
      s.format(cvis, "0.000");
      s.style({ range: cvis, horizontalAlignment: "right" });
      s.style({ range: table.column(1, 1), horizontalAlignment: "center" });
      // what moved most reads apart from the CVIs on its left
      s.style({ range: table.area(1, 2 + n, t.rows, 1 + 2 * n), horizontalAlignment: "center" });
      s.name(`History_${t.stage}_CVI`, cvis, `CVI by year (rows) and country (columns), ${t.stage}; n/a where a year cannot be computed`);

      // The chart reads a copy beyond the printed page: a number, or #N/A where there is none
      // (a gap in Excel's line, where text would be drawn as zero), and the events as points at 0;
      // the event column's empty cells also keep LibreOffice from drawing #N/A as zero (its line
      // charts do so when no value cell is empty).
      const eventYears = new Set(events.rows.map((e) => e.year));
      const data = s.formulas(
        `${t.stage}-chart-data`,
        [
          ["Year", ...countries, "Policy event (table above)"],
          ...Array.from({ length: t.rows }, (_, i) => [
            `=${table.cell(1 + i, 0)}`,
            ...countries.map((_, k) => {
              const x = table.cell(1 + i, 2 + k);
              return `=IF(ISNUMBER(${x}),${x},NA())`;
            }),
            eventYears.has(t.from + i) ? 0 : null,
          ]),
        ],
        { column: chartDataColumn, row: table.top, keepCursor: true, header: true },
      );
      s.documentGap(data.area(1, 1, t.rows, n), "a gap in the chart: no CVI for that year (the table beside says which input is missing)");
      s.chart({
        id: `history-${t.stage}`,
        type: "lineMarkers",
        title: `${STAGE_TITLE[t.stage]}: compound vulnerability (CVI) by year`,
        dataRange: data.range,
        seriesBy: "columns",
        position: { from: `${columnLetter(chartFrom)}${table.top + 1}`, to: `${columnLetter(chartTo)}${table.top + CHART_ROWS}` },
        xAxisTitle: "Year",
        yAxisTitle: "CVI (0–1)",
      });
    });
    s.row = end;
    [8, 7, ...countries.map(() => 8), ...countries.map(() => 14)].forEach((w, c) => s.width(c, w));
    s.width(HISTORY_WIDTH - 1, 44); // the HISTORY tables' "missing …" column, wrapped
    s.page({ area: `A1:${columnLetter(chartTo)}${end}` });
  },
};
