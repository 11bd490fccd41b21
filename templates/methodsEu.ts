/**
 * The EU criticality sections of the Methods sheet: the 2017 study's printed supply risk beside
 * EU.SR recomputed from its printed inputs (every rare earth, with a line counting those within
 * rounding), the HHI-WGI-t of global supply recomputed from the EU 2023 shares and the WGI of a
 * chosen year beside the 2017 printed value, and the SR/EI of the rare-earth groups over the
 * 2017, 2020 and 2023 rounds with a chart.
 */
import type { PlanBuilder, SheetBuilder } from "./kit";
import { eu2017Table, euGlobalShareTables, euRounds } from "./methodsData";
import type { PlanValue } from "../src/workbook/plan";

/** The names of the sheet's input cells the EU sections read. */
export interface EuInputs {
  wgiYear: string;
  tolerance: string;
}

export function euSupplyRisk2017(book: PlanBuilder, s: SheetBuilder, inputs: EuInputs): void {
  const eu = eu2017Table();
  const n = eu.rows.length;
  s.heading("eu2017-heading", "EU 2017 assessment: the printed supply risk beside EU.SR recomputed from the study's printed inputs");
  const top = s.row;
  const data = s.dataTable(
    "eu2017",
    eu.datasetId,
    [
      ["Material", "Stage", "Supply data in SR", "HHI-WGI-t global supply", "HHI-WGI-t EU sourcing", "Import reliance IR", "End-of-life recycling input rate", "Substitution index SI(SR)", "SR printed", "EI printed"],
      ...eu.rows.map((r) => [r.material, r.stage, r.scope, r.hhiGlobal, r.hhiEU, r.importReliance, r.eolRir, r.siSr, r.sr, r.ei] as PlanValue[]),
    ],
    { row: top, keepCursor: true },
  );
  // Row i of the data (columns A–J) and of the check block beside it (columns K–N).
  const at = (i: number, c: number) => data.cell(i + 1, c);
  const calc = s.formulas(
    "eu2017-check",
    [
      ["SR recomputed (EU.SR)", "Difference", "Within rounding", "Critical (EU.CRITICAL, printed SR and EI)"],
      ...eu.rows.map((r, i) => {
        // "GS only": the study assesses this material on global supply alone (blank HHI_EU).
        const hhiEU = r.scope === "GS only" ? "" : at(i, 4);
        return [
          `=CHOKEPOINT.EU.SR(${at(i, 3)},${hhiEU},${at(i, 5)},${at(i, 6)},${at(i, 7)})`,
          `=${at(i, 10)}-${at(i, 8)}`,
          `=IF(ABS(${at(i, 11)})<=${inputs.tolerance},"yes","no")`,
          // as text: LibreOffice drops the cached result of a boolean formula cell (it shows #NAME?)
          `=IF(CHOKEPOINT.EU.CRITICAL(${at(i, 8)},${at(i, 9)}),"critical","not critical")`,
        ];
      }),
    ],
    { column: 10, row: top, header: true },
  );
  s.format(data.area(1, 5, n, 6), "0%");
  s.format(data.area(1, 3, n, 4), "0.0");
  s.format(calc.area(1, 0, n, 1), "0.00");
  const within = calc.column(2, 1);
  s.name("Methods_EU2017SR", calc.column(0, 1));
  s.name("Methods_EU2017Printed", data.column(8, 1));
  s.row = top + n + 1;
  const line = s.formulas("eu2017-count", [
    [
      `=COUNTIF(${within},"yes")&" of "&ROWS(${within})&" rare earths (the 15 lanthanides and yttrium, and scandium): EU.SR recomputed from the printed inputs lies within ±"&TEXT(${inputs.tolerance},"0.0")&" of the printed SR"`,
    ],
  ]);
  s.style({ range: line.cell(0, 0), bold: true });
  s.name("Methods_EU2017Within", line.cell(0, 0));
  s.notes("eu2017-notes", [
    "SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EOL_RIR)·SI_SR (scandium: global supply only, SR = HHI_GS·(1 − EOL_RIR)·SI_SR). The printed inputs are rounded, so the recomputed SR differs from the printed one by rounding only.",
  ]);
  book.useDataset(eu.datasetId);
  s.gap();
}

/**
 * The HHI-WGI-t summary goes here; the long share tables it is computed from go at the foot of the
 * sheet, so the summaries read on. Reserves the summary's rows and returns the function that
 * places both once the sheet's other sections are laid out.
 */
export function euHhiWgi(book: PlanBuilder, s: SheetBuilder, inputs: EuInputs): () => void {
  const shares = euGlobalShareTables();
  const eu2017 = eu2017Table();
  s.heading("euhhi-heading", "EU HHI-WGI-t of global supply, recomputed from the EU 2023 shares and the WGI of the year set above, beside the 2017 study's printed value (shares and WGI by country at the foot of the sheet)");
  const k = shares.tables.length;
  const summaryTop = s.row;
  s.row = summaryTop + k + 2;
  s.gap();
  return () => placeHhiWgi(book, s, inputs, shares, eu2017, summaryTop, s.row + 1);
}

function placeHhiWgi(
  book: PlanBuilder,
  s: SheetBuilder,
  inputs: EuInputs,
  shares: ReturnType<typeof euGlobalShareTables>,
  eu2017: ReturnType<typeof eu2017Table>,
  summaryTop: number,
  detailTop: number,
): void {
  const k = shares.tables.length;
  // The share tables, one below the other: material, stage, country, share, as printed, t, WGI.
  const spans: Array<{ first: number; last: number }> = [];
  const detailRows: PlanValue[][] = [["Material", "Stage", "Country", "Share", "As printed", "t"]];
  for (const t of shares.tables) {
    const first = detailTop + detailRows.length;
    for (const r of t.rows) detailRows.push([t.material, t.stage, r.country, r.share, r.printed, r.t]);
    spans.push({ first, last: detailTop + detailRows.length - 1 });
  }
  s.row = detailTop - 1;
  s.heading("euhhi-detail-heading", "Global supply shares by material and stage (EU 2023 study), the trade variable t, and each country's EU.WGI of that year");
  const detail = s.dataTable("euhhi-shares", shares.datasetId, detailRows, { row: detailTop, keepCursor: true });
  const m = detailRows.length - 1;
  const wgi = s.formulas("euhhi-wgi", [["WGI (0–10), EU.WGI"], ...detailRows.slice(1).map((_, i) => [`=CHOKEPOINT.EU.WGI(${detail.cell(i + 1, 2)},${inputs.wgiYear})`])], { column: 6, row: detailTop, header: true });
  s.format(detail.column(3, 1), "0.0%");
  s.format(wgi.column(0, 1), "0.00");
  const detailEnd = detailTop + m + 1;

  const col = (c: number, span: { first: number; last: number }) => `${detail.cell(span.first - detailTop, c)}:${detail.cell(span.last - detailTop, c)}`;
  s.row = summaryTop;
  const summary = s.formulas(
    "euhhi-summary",
    [
      ["Material", "Stage", "China's share", "HHI Σ S² (0–1)", "HHI-WGI-t recomputed (EU.HHIWGI)"],
      ...shares.tables.map((t, i) => [
        t.material,
        t.stage,
        `=IFERROR(INDEX(${col(3, spans[i])},MATCH("China",${col(2, spans[i])},0)),0)`,
        `=CHOKEPOINT.HHI(${col(3, spans[i])},1)`,
        `=CHOKEPOINT.EU.HHIWGI(${col(3, spans[i])},${col(2, spans[i])},${col(5, spans[i])},${inputs.wgiYear})`,
      ]),
    ],
    { header: true, row: summaryTop, keepCursor: true },
  );
  // The 2017 study assessed each rare earth at one stage: its printed value sits beside that stage.
  const printed = s.values(
    "euhhi-2017",
    [
      ["HHI-WGI-t printed, EU 2017"],
      ...shares.tables.map((t) => [eu2017.rows.find((r) => r.material === t.material && r.stage.toLowerCase() === t.stage)?.hhiGlobal ?? null]),
    ],
    { column: 5, row: summaryTop, datasetId: eu2017.datasetId, header: true, keepCursor: true },
  );
  const diff = s.formulas(
    "euhhi-diff",
    [["Recomputed − printed"], ...shares.tables.map((_, i) => [`=IF(ISNUMBER(${printed.cell(i + 1, 0)}),${summary.cell(i + 1, 4)}-${printed.cell(i + 1, 0)},"")`])],
    { column: 6, row: summaryTop, header: true, keepCursor: true },
  );
  s.format(summary.column(2, 1), "0.0%");
  s.format(summary.area(1, 3, k, 4), "0.000");
  s.format(printed.column(0, 1), "0.0");
  s.format(diff.column(0, 1), "0.00");
  s.name("Methods_EUChinaShare", summary.column(2, 1));
  s.name("Methods_EUShareHHI", summary.column(3, 1));
  s.name("Methods_EUHHIWGI", summary.column(4, 1));
  s.name("Methods_EUHHIWGIPrinted2017", printed.column(0, 1));
  s.notes(
    "euhhi-notes",
    [
      "HHI-WGI-t = Σ S²·WGI·t with the EU 2023 shares and t, and each country's EU.WGI of the year set above (EU.HHIWGI looks the countries up by name). The 2017 study used its own shares and the WGI of its own reference period; the rows without a 2017 value are stages the 2017 study did not assess.",
    ],
    { row: summaryTop + k + 1 },
  );
  book.useDataset(shares.datasetId);
  s.row = detailEnd;
}

const GROUPS = ["HREEs", "LREEs"];
const ROUNDS = [2017, 2020, 2023];

export function euRoundsChart(book: PlanBuilder, s: SheetBuilder): void {
  const data = euRounds(GROUPS, ROUNDS);
  s.heading("eurounds-heading", "EU supply risk and economic importance of the rare-earth groups, 2017, 2020 and 2023 rounds (2017 methodology)");
  const top = s.row;
  const table = s.dataTable(
    "eurounds",
    data.datasetId,
    [["Round", ...GROUPS.flatMap((g) => [`${g} SR`, `${g} EI`])], ...data.rows.map((r) => [`EU ${r.round}`, ...r.values.flatMap((v) => [v.sr, v.ei])] as PlanValue[])],
    { row: top, keepCursor: true },
  );
  const crit = s.formulas(
    "eurounds-critical",
    [GROUPS.map((g) => `${g} critical`), ...data.rows.map((_, i) => GROUPS.map((_g, j) => `=IF(CHOKEPOINT.EU.CRITICAL(${table.cell(i + 1, 1 + 2 * j)},${table.cell(i + 1, 2 + 2 * j)}),"critical","not critical")`))],
    { column: 5, row: top, header: true },
  );
  s.format(table.area(1, 1, ROUNDS.length, 4), "0.0");
  s.name("Methods_EURounds", table.area(1, 1, ROUNDS.length, 4));
  s.name("Methods_EURoundsCritical", crit.area(1, 0, ROUNDS.length, GROUPS.length - 1));
  s.chart({
    id: "methods-eu-rounds",
    type: "columnClustered",
    title: "EU supply risk (SR) and economic importance (EI) of the heavy and light rare earths, by assessment round",
    dataRange: table.range,
    seriesBy: "columns",
    position: { from: `H${top + 1}`, to: `N${top + 16}` },
    xAxisTitle: "EU assessment round",
    yAxisTitle: "SR, EI (critical: SR ≥ 1 and EI ≥ 2.8)",
  });
  s.row = top + ROUNDS.length + 1;
  s.notes("eurounds-notes", ["The 2011 and 2014 rounds used an earlier methodology and are not comparable (dataset eu_crm_assessments keeps them, with the methodology of each round)."]);
  s.row = Math.max(s.row, top + 17);
  s.gap();
}
