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
import { modelDatasets, policyEvents } from "./data";
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

/** "production ↓" where P moved most between two rows of a HISTORY spill (blank when either year has no CVI). */
function movedMost(spill: Placed, r: number): string {
  const at = (row: number, term: string) => spill.cell(row, HISTORY_COLUMNS[term]);
  const d = (term: string) => `ABS(${at(r, term)}-${at(r - 1, term)})`;
  const m = `MAX(${TERMS.map(([t]) => d(t)).join(",")})`;
  const pick = TERMS.reduceRight(
    (rest, [t, name]) => `IF(${d(t)}=${m},"${name}"&IF(${at(r, t)}>${at(r - 1, t)}," ↑"," ↓"),${rest})`,
    `""`,
  );
  return `=IF(ISERROR(${at(r, "CVI")}-${at(r - 1, "CVI")}),"",IF(${m}<0.0005,"no change",${pick}))`;
}

export const history: TemplateDefinition = {
  id: "history",
  title: "History",
  description: "Compound vulnerability (CVI) of each country by year at each stage, from the earliest year the data supports to the latest, as live CHOKEPOINT.VULN.HISTORY formulas; the dimension that moved most each year; a line chart per stage; the policy events of the framework paper and later ones marked, with sources.",
  version: "1.0.0",
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
    const source = options.source ?? DEFAULT_MINING_SOURCE;
    s.title(
      "History: how compound vulnerability moved, year by year",
      `Each CVI is for its year: an input comes from that year, else from the latest earlier year within its staleness limit, a later year only for slow-moving inputs, flagged (model version ${MODEL_VERSION}, docs/model.md, "The year rule").`,
    );
    const src = s.values("source-label", [["Mining source"]], { keepCursor: true });
    s.style({ range: src.cell(0, 0), bold: true });
    s.formulas("source", [[`=CHOKEPOINT.SOURCE(${text(source)})`]], { column: 1 });
    s.notes("source-notes", [
      `Mining: ${source} for every year, never spliced with another source (BGS and USGS differ by tens of percent in some years). Midstream and magnets: the reported shares of one source per year (stage_shares).`,
      "◆ marks a year with a policy event (table below). #N/A: the year cannot be computed; the HISTORY table of that country, at the bottom of the sheet, says which input is missing.",
    ]);
    s.gap();

    // Events, from the dataset: marked on every stage table and chart axis.
    const events = policyEvents();
    s.heading("events-heading", "Policy events (dataset policy_events; each with its source)");
    // The event text sits in column B and runs over the empty cells to its right; the source sits
    // under the stage tables' wide "Event" column.
    const sourceColumn = 2 + 2 * countries.length;
    const pad = Array<PlanValue>(sourceColumn - 2).fill(null);
    const month = (m: number | null) => (m === null ? "" : `${MONTHS[m - 1]}: `);
    const ev = s.dataTable("events", events.datasetId, [
      ["Year", "Event", ...pad, "Source"],
      ...events.rows.map((e) => [e.year, `${month(e.month)}${e.event}`, ...pad, e.source]),
    ]);
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
    const tables = stages.map((st) => {
      const { from, to } = ranges.get(st)!;
      return { stage: st, from, to, rows: to - from + 1 };
    });
    let top = s.row;
    const tableTops = tables.map((t) => {
      const at = top;
      top += Math.max(t.rows + 3, 22);
      return at;
    });
    s.row = top + 1;
    s.heading("detail-heading", "CHOKEPOINT.VULN.HISTORY by stage and country: terms, CVI, and the years of the inputs");
    const spills = new Map<string, Placed>();
    for (const t of tables) {
      for (const c of countries) {
        const heading = s.values(`hist-${t.stage}-${c}-heading`, [[`${c} · ${STAGE_TITLE[t.stage]}`]]);
        s.style({ range: heading.cell(0, 0), bold: true });
        const args = [text(t.stage), text(c), String(t.from), String(t.to), ...(t.stage === "mining" ? [text(source)] : [])].join(",");
        const spill = s.spill(`hist-${t.stage}-${c}`, `=CHOKEPOINT.VULN.HISTORY(${args})`, 1 + t.rows, HISTORY_WIDTH);
        s.style({ range: spill.row(0), role: "header", bold: true, fill: COLOURS.header });
        s.format(spill.area(1, 1, t.rows, HISTORY_COLUMNS.CVI), "0.000");
        spills.set(`${t.stage}|${c}`, spill);
        s.gap();
      }
    }
    const end = s.row;

    tables.forEach((t, ti) => {
      s.row = tableTops[ti];
      s.heading(`${t.stage}-heading`, `${STAGE_TITLE[t.stage]}: CVI by year, ${t.from}–${t.to}${t.stage === "mining" ? ` (${source})` : ""}`);
      const header: PlanValue[] = ["Year", "Axis (◆ event)", ...countries, ...countries.map((c) => `Moved most, ${c}`), "Event"];
      const table = s.formulasAt(
        `${t.stage}-cvi`,
        (cell) => [
          header,
          ...Array.from({ length: t.rows }, (_, i) => {
            const year = cell(1 + i, 0);
            return [
              t.from + i,
              `=${year}&IF(COUNTIF(History_EventYears,${year})>0," ◆","")`,
              ...countries.map((c) => `=${spills.get(`${t.stage}|${c}`)!.cell(1 + i, HISTORY_COLUMNS.CVI)}`),
              ...countries.map((c) => (i === 0 ? "" : movedMost(spills.get(`${t.stage}|${c}`)!, 1 + i))),
              `=IFERROR(INDEX(History_Events,MATCH(${year},History_EventYears,0)),"")`,
            ] as PlanValue[];
          }),
        ],
        { header: true },
      );
      s.format(table.area(1, 2, t.rows, 1 + countries.length), "0.000");
      s.name(`History_${t.stage}_CVI`, table.area(1, 2, t.rows, 1 + countries.length), `CVI by year (rows) and country (columns), ${t.stage}`);
      s.chart({
        id: `history-${t.stage}`,
        type: "lineMarkers",
        title: `${STAGE_TITLE[t.stage]}: compound vulnerability (CVI) by year (◆ policy event)`,
        dataRange: table.area(0, 1, t.rows, 1 + countries.length),
        seriesBy: "columns",
        position: { from: `${columnLetter(3 + 2 * countries.length)}${table.top + 1}`, to: `${columnLetter(11 + 2 * countries.length)}${table.top + 20}` },
        xAxisTitle: "Year",
        yAxisTitle: "CVI (0–1)",
      });
    });
    s.row = end;
    [8, 16, ...countries.map(() => 9), ...countries.map(() => 20), 60].forEach((w, c) => s.width(c, w));
  },
};
