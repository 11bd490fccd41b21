/**
 * Stage comparison, the core of the briefing: the US, Japan and China (or any countries and the
 * EU) across mining, midstream and magnets, for the latest year or any year the data supports.
 * Every dimension score comes from CHOKEPOINT.VULN.DIMENSIONS (spilled below, with the dataset,
 * year and year rule of each input), a table beside the scores gives the year of every input
 * cell by cell, and every CVI is a live CHOKEPOINT.VULN.CVI over those cells and the two model
 * parameters, so an analyst can change a parameter and watch the comparison move.
 */
import { COLOURS, guard, text, type PlanBuilder } from "./kit";
import { cviFormula, dimensionsDetail, MODEL_DEFAULTS, MODEL_VERSION, modelArgs, STAGE_TITLE, workingsHeading, type DimensionsDetail, type ModelInput } from "./model";
import { columnLetter } from "../src/workbook/a1";
import { modelDatasets, yearSpan } from "./data";
import type { BriefingOptions, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";

/** Printed columns (A–L, the scores table's width) and the first workings column beyond them. */
const PRINTED_COLUMNS = 12;
const WORKINGS = PRINTED_COLUMNS + 1;

export const stageComparison: TemplateDefinition = {
  id: "stage-comparison",
  title: "Stage comparison",
  description: "USA, Japan and China (or other countries and the EU) across mining, midstream and magnets, for the latest or any year: five dimension scores and the compound vulnerability index (CVI) as live formulas, the year of every input cell by cell, HHI bands, a heat map, a clustered column chart and notes naming the year and dataset of every number.",
  version: "2.1.0",
  sheetName: "Stage comparison",
  options: [
    { name: "countries", description: "ISO3 codes of the countries compared (rows); EU for the EU27", default: ["USA", "JPN", "CHN"] },
    { name: "stages", description: "stages compared (columns)", default: ["mining", "midstream", "magnets"] },
    { name: "year", description: "year of the inputs (any year the data supports); blank means the latest year of each stage's production data", default: null },
    { name: "source", description: "mine-production source of the mining inputs (bgs_mine_production or usgs_mcs_mine_production)", default: "bgs_mine_production" },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("stages", "Stage comparison", COLOURS.title);
    const { countries, stages } = options;
    s.title(
      "Stage comparison: compound vulnerability of the US, Japan and China",
      `CVI = 1 − (1 − G)(1 − P)(1 − T)(1 − K): geography, production mitigated by firm diversity, trade gated by production concentration, technology compounded by the others (model version ${MODEL_VERSION}, docs/model.md).`,
    );

    // Parameters: marked as inputs, named, and used by every CVI formula below.
    // labels span columns A–C, values sit in D. The year is an input only when the briefing was
    // built for a year: the formulas then refer to it; otherwise each input takes its latest year.
    const params = s.values("parameters", [
      ["Year of the inputs", null, null, options.year ?? "latest"],
      ["Firm mitigation m", null, null, MODEL_DEFAULTS.m],
      ["Geographic weight w_g", null, null, MODEL_DEFAULTS.wg],
    ]);
    if (options.year !== null) {
      const span = yearSpan(modelDatasets(countries, stages, null, options.source).ids);
      s.input(params.cell(0, 3), guard.year(span.first, span.last, "Year of the inputs", "The year every dimension score and CVI on this sheet is computed for; an input without data for it says so in its detail row."));
    }
    s.input(params.cell(1, 3), guard.weight("Firm mitigation m", `How far firm diversification softens a production chokepoint, in every CVI on this sheet (model default ${MODEL_DEFAULTS.m}).`));
    s.input(params.cell(2, 3), guard.weight("Geographic weight w_g", `Weight of reserve concentration (geography) in every CVI on this sheet (model default ${MODEL_DEFAULTS.wg}).`));
    if (options.year !== null) s.name("Stage_Year", params.cell(0, 3), "the year every DIMENSIONS formula uses");
    s.name("Stage_M", params.cell(1, 3));
    s.name("Stage_WG", params.cell(2, 3));
    const yearNote = s.values(
      "year-note",
      [[options.year === null ? "the latest year of each stage's production data; every input's year is in the table beside the scores" : "every input for this year where the data has it; the table beside the scores gives each input's year"]],
      { column: 4, row: params.top, keepCursor: true },
    );
    s.style({ range: yearNote.cell(0, 0), role: "note", italic: true, fontColor: COLOURS.note });
    s.gap();

    // Detail first in the layout maths (its cells are referenced above), placed at the bottom.
    const summaryTop = s.row + 1;
    const summaryRows = countries.length * stages.length;
    const yearsTop = summaryTop + summaryRows + 3;
    const matrixTop = yearsTop + summaryRows + 4;
    // the chart sits beside the heat map, the notes below both
    const CHART_ROWS = 18;
    const notesTop = matrixTop + Math.max(countries.length + 1, CHART_ROWS) + 2;
    const datasets = modelDatasets(countries, stages, options.year, options.source);
    for (const id of datasets.ids) book.useDataset(id);
    const notesLines = noteLines(options, datasets.ids);
    const detailTop = Math.max(notesTop + notesLines.length + 2, matrixTop + 22);
    s.row = detailTop;
    s.heading("detail-heading", "Where each score comes from: CHOKEPOINT.VULN.DIMENSIONS (value, how it was computed, dataset and year)");
    const details = new Map<string, DimensionsDetail>();
    const year = options.year === null ? null : "Stage_Year";
    workingsHeading(s, WORKINGS, detailTop);
    for (const c of countries) {
      for (const stage of stages) {
        details.set(`${c}|${stage}`, dimensionsDetail(s, `dims-${c}-${stage}`, stage, c, year, { column: 0, span: PRINTED_COLUMNS, workings: WORKINGS }, options.source));
        s.gap();
      }
    }
    const end = s.row;

    // Summary: one row per country and stage.
    s.row = summaryTop - 1;
    s.heading("summary-heading", "Dimension scores and CVI (live formulas)");
    const inputs: ModelInput[] = ["g", "p_c", "f", "t_c", "k_c", "p"];
    // short headers; the notes block spells out each input
    const header: PlanValue[] = ["Country", "Stage", "Geographic", "Production", "Firm", "Trade", "Technology", "Global HHI p", "CVI", "CVI (model)", "HHI (points)", "Band (2010)"];
    const summary = s.formulasAt(
      "summary",
      (cell) => [
        header,
        ...countries.flatMap((c, ci) =>
          stages.map((stage, si) => {
            const r = 1 + ci * stages.length + si;
            const d = details.get(`${c}|${stage}`)!;
            const refs = Object.fromEntries(inputs.map((name, k) => [name, cell(r, 2 + k)])) as Record<ModelInput, string>;
            return [
              c,
              stage,
              // n/a, never an error, where the data lacks an input (its detail row says why): a heat
              // map paints an error cell as a value in LibreOffice
              ...inputs.map((name) => `=${d.shown(name)}`),
              `=IF(COUNT(${cell(r, 2)}:${cell(r, 7)})<${inputs.length},"n/a",${cviFormula(refs, "Stage_M", "Stage_WG").slice(1)})`,
              `=IFNA(CHOKEPOINT.VULN.COMPOUND(${[text(stage), text(c), ...modelArgs(stage, year, options.source)].join(",")}),"n/a")`,
              `=IF(ISNUMBER(${cell(r, 7)}),${cell(r, 7)}*10000,"n/a")`,
              `=IF(ISNUMBER(${cell(r, 10)}),CHOKEPOINT.BAND(${cell(r, 10)}),"n/a")`,
            ] as PlanValue[];
          }),
        ),
      ],
      { header: true },
    );
    s.format(summary.area(1, 2, summaryRows, 9), "0.000");
    s.style({ range: summary.area(1, 2, summaryRows, 10), horizontalAlignment: "right" });
    s.format(summary.column(10, 1), "#,##0");
    s.style({ range: summary.column(8, 1), bold: true });
    s.name("Stage_CVI", summary.column(8, 1), "CVI by country (rows, in the order of Stage_Countries) and stage");
    s.name("Stage_Countries", summary.column(0, 1));
    s.name("Stage_Stages", summary.column(1, 1));
    s.conditional({ type: "colorScale", range: summary.area(1, 2, summaryRows, 6), minColor: "#FFFFFF", maxColor: COLOURS.high });
    s.freeze(summary.top + 1, 2);

    // The year of every input, cell by cell beside the scores: ↓ an earlier year, ↑ a later one
    // (declared slow-moving inputs only), within each input's staleness limit (docs/model.md).
    s.row = yearsTop - 1;
    s.heading("years-heading", "Year of each input (↓ an earlier year, ↑ a later one: declared slow-moving inputs only; docs/model.md, \"The year rule\")");
    const years = s.formulas(
      "input-years",
      [
        header.slice(0, 2 + inputs.length),
        ...countries.flatMap((c) => stages.map((stage) => [c, stage, ...inputs.map((name) => `=${details.get(`${c}|${stage}`)!.inputYear(name)}`)] as PlanValue[])),
      ],
      { header: true },
    );
    s.style({ range: years.area(1, 2, summaryRows, 1 + inputs.length), horizontalAlignment: "center" });

    // Heat map: countries × stages, referring to the summary's CVI cells.
    s.row = matrixTop - 1;
    s.heading("matrix-heading", "CVI heat map (green: less exposed, red: more exposed; n/a: not computable, the summary says why)");
    // An error cell shows "n/a" as text: colour scales colour numbers only, so no error is ever coloured "less exposed".
    const cviCell = (ci: number, si: number) => summary.cell(1 + ci * stages.length + si, 8);
    const matrix = s.formulas("matrix", [
      ["Country", ...stages.map((st) => STAGE_TITLE[st])],
      ...countries.map((c, ci) => [c, ...stages.map((_, si) => `=IF(ISERROR(${cviCell(ci, si)}),"n/a",${cviCell(ci, si)})`)]),
    ], { header: true });
    s.style({ range: matrix.area(1, 1, countries.length, stages.length), horizontalAlignment: "right" });
    s.format(matrix.area(1, 1, countries.length, stages.length), "0.000");
    s.conditional({ type: "colorScale", range: matrix.area(1, 1, countries.length, stages.length), minColor: COLOURS.low, midColor: COLOURS.mid, maxColor: COLOURS.high });
    s.name("Stage_Matrix", matrix.area(1, 1, countries.length, stages.length));
    s.chart({
      id: "stage-cvi",
      type: "columnClustered",
      title: "Compound vulnerability (CVI) by country and stage",
      dataRange: matrix.range,
      seriesBy: "columns",
      position: { from: `F${matrix.top + 1}`, to: `L${matrix.top + CHART_ROWS}` },
      xAxisTitle: "Country",
      yAxisTitle: "CVI (0–1)",
    });

    // Notes: the year and dataset behind every number.
    s.row = notesTop - 1;
    s.heading("notes-heading", "Notes: year and dataset of each number");
    s.notes("notes", notesLines);
    s.row = end;
    [10, 11, 11, 16, 8, 8, 11, 9, 8, 9, 9, 20].forEach((w, c) => s.width(c, w));
    s.page({ area: `A1:${columnLetter(PRINTED_COLUMNS - 1)}${end}` });
  },
};

function noteLines(options: BriefingOptions, datasetIds: string[]): string[] {
  return [
    options.year === null
      ? "Year: the latest year of each stage's production data; every other input follows the year rule (same year, else the latest earlier year within its staleness limit, a later year only for slow-moving inputs, flagged); the years are in the table under the scores and in the detail tables below."
      : `Year: ${options.year}; each input comes from ${options.year} where its data has it, else from the year its detail row names (the table under the scores marks earlier years ↓ and later ones ↑).`,
    `Mining inputs: ${options.source ?? "bgs_mine_production"} for mine production (one source for every mining cell, never spliced with another).`,
    "Geographic = g_c, external reserve concentration; Production = p_c, external production concentration; Firm = f, firm HHI; Trade = t_c, import reliance × top partner's share; Technology = k_c, external patent concentration; p = global production HHI (0–1).",
    "Each is read from the CHOKEPOINT.VULN.DIMENSIONS tables below, which give its value, how it was computed, its dataset id and year.",
    `Datasets behind the model's inputs: ${datasetIds.join(", ")} (citations on the Sources sheet).`,
    "CVI is recomputed from those cells with CHOKEPOINT.VULN.CVI and the parameters above; CVI (model) is CHOKEPOINT.VULN.COMPOUND, the model's own figure with default parameters.",
    "HHI band: 2010 US Horizontal Merger Guidelines (below 1,500 unconcentrated, 1,500–2,500 moderately, above 2,500 highly concentrated).",
  ];
}
