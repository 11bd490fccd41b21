/**
 * Trade: where US rare-earth imports come from (by partner and HS code), Japan's dependence on China
 * over time, and US net import reliance, with DEPENDENCE, HHI and NIR as live formulas.
 */
import { COLOURS, text, type PlanBuilder } from "./kit";
import { japanChinaShare, latestFinalPartnerYear, usImportConcentration, usImportsByPartner, usNetImportReliance } from "./data";
import type { BriefingOptions, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";
import { columnLetter } from "../src/workbook/a1";


/** Columns the Japan table's "Reported by" runs across. */
const REPORTED_SPAN = 8;

export const trade: TemplateDefinition = {
  id: "trade",
  title: "Trade",
  description: "US imports by partner and HS code (DEPENDENCE on China, HHI), every HS code's total and supplier concentration including magnets, Japan's dependence on China over time, US net import reliance (NIR) against the published USGS figure; charts.",
  version: "1.2.0",
  sheetName: "Trade",
  options: [{ name: "year", description: "year of the US partner breakdown (default: the latest year the source does not flag as provisional)", default: null }],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("trade", "Trade", "#2F5597");
    const year = options.year ?? latestFinalPartnerYear();
    s.title("Trade: who the US and Japan import rare earths from", "Partner = country of origin as reported by customs, which is not always the country of mining or separation.");

    // US imports by partner and HS code
    const imp = usImportsByPartner(year);
    if (imp.partners.length === 0) throw new Error(`${imp.datasetId} has no partner rows for ${imp.year}`);
    book.useDataset(imp.datasetId);
    book.useDataset(imp.totalsDatasetId);
    s.heading("us-heading", `US imports by partner and HS code, ${imp.year} (USD)`);
    if (imp.substitutedFor !== null) s.notes("us-year", [`The partner data has no ${imp.substitutedFor} rows; ${imp.year}, the nearest year with them, is shown.`]);
    const h = imp.hsCodes.length;
    const header: PlanValue[] = ["Partner", "ISO3", ...imp.hsCodes.map((c) => `HS ${c.hs6} ${c.product}`)];
    const rows = imp.partners.map((p) => [p.name, p.iso3, ...imp.hsCodes.map((c) => imp.value(c.hs6, p.iso3))]);
    const partners = s.dataTable("us-partners", imp.datasetId, [header, ...rows]);
    const n = rows.length;
    s.format(partners.area(1, 2, n, 1 + h), "#,##0");
    s.name("Trade_Partners", partners.column(1, 1));
    const totals = s.values("us-totals", [["All partners (source total)", null, ...imp.hsCodes.map((c) => c.total)]], { datasetId: imp.totalsDatasetId });
    s.format(totals.row(0, 2), "#,##0");
    const chn = imp.partners.findIndex((p) => p.iso3 === "CHN");
    const measures = s.formulasAt("us-measures", (cell) => [
      ["Partners listed", null, ...imp.hsCodes.map((_, i) => `=SUM(${partners.column(2 + i, 1)})`)],
      ["Dependence on China (DEPENDENCE)", null, ...imp.hsCodes.map((_, i) => (chn < 0 ? null : `=CHOKEPOINT.DEPENDENCE(${partners.cell(chn + 1, 2 + i)},${totals.cell(0, 2 + i)})`))],
      ["Partner HHI (points)", null, ...imp.hsCodes.map((_, i) => `=CHOKEPOINT.HHI(${partners.column(2 + i, 1)})`)],
      ["Concentration band (2010)", null, ...imp.hsCodes.map((_, i) => `=CHOKEPOINT.BAND(${cell(2, 2 + i)})`)],
    ]);
    s.format(measures.row(0, 2), "#,##0");
    s.format(measures.row(1, 2), "0.0%");
    s.format(measures.row(2, 2), "#,##0");
    s.style({ range: measures.column(0), bold: true });
    s.name("Trade_ChinaDependence", measures.row(1, 2), `US import dependence on China by HS code, ${imp.year}`);
    s.chart({
      id: "trade-us-partners",
      type: "barClustered",
      title: `US imports by partner and HS code, ${imp.year} (USD)`,
      dataRange: partners.area(0, 0, Math.min(n, 8), 1 + h),
      seriesBy: "columns",
      position: { from: `${columnLetter(partners.left + 3 + h)}${partners.top + 1}`, to: `${columnLetter(partners.left + 9 + h)}${partners.top + 18}` },
      xAxisTitle: "Partner",
      yAxisTitle: "USD",
    });
    s.notes("us-notes", [
      `Values: ${imp.datasetId}. Source totals: ${imp.totalsDatasetId}. Dependence = imports from China ÷ imports from all partners.`,
      "The chart shows the eight largest partners; it omits the ISO3 column when inserted.",
    ]);
    s.gap();

    // Every HS code the source summarises, including those without a partner breakdown (magnets).
    const conc = usImportConcentration(imp.year);
    s.heading("hs-heading", `US imports by HS code, ${imp.year}: totals and supplier concentration as the source gives them`);
    const hsTable = s.dataTable("hs-concentration", conc.datasetId, [
      ["HS code", "Product", "Imports (USD)", "Top partner", "Top partner's share", "Top-3 share", "HHI (points)", "Suppliers"],
      ...conc.rows.map((r) => [r.hs6, r.product, r.total, r.topPartner, r.topShare, r.top3Share, r.hhi, r.suppliers]),
    ]);
    const codes = conc.rows.length;
    s.formulas("hs-bands", [["Band (2010)"], ...conc.rows.map((_, i) => [`=CHOKEPOINT.BAND(${hsTable.cell(i + 1, 6)})`])], {
      column: hsTable.left + 8,
      row: hsTable.top,
      header: true,
    });
    // text beside numbers stands apart from them
    s.style({ range: hsTable.column(3, 1), horizontalAlignment: "center" });

    s.format(hsTable.column(2, 1), "#,##0");
    s.format(hsTable.area(1, 4, codes, 5), "0.0%");
    s.format(hsTable.column(6, 1), "#,##0");
    s.name("Trade_HsImports", hsTable.column(2, 1), `US imports by HS code, ${conc.year}, USD (UN Comtrade)`);
    s.name("Trade_HsTopShare", hsTable.column(4, 1));
    s.notes("hs-notes", [
      `Dataset ${conc.datasetId}. The partner table above covers only ${imp.hsCodes.map((c) => c.hs6).join(" and ")}, the codes with partner rows for ${imp.year}; ` +
        `${conc.rows.filter((r) => !imp.hsCodes.some((c) => c.hs6 === r.hs6)).map((r) => `HS ${r.hs6}`).join(" and ") || "no other code"} appear only here, as the source summarises them.`,
      "Band: the 2010 merger-guideline band of each HHI (CHOKEPOINT.BAND).",
    ]);
    s.gap();

    // Japan's dependence on China over time
    const jp = japanChinaShare();
    s.heading("japan-heading", "Japan: China's share of rare-earth imports over time");
    // year and share, the non-China share beside them, then the printed figure and who reported it
    const japan = s.dataTable("japan-share", jp.datasetId, [["Year", "China share"], ...jp.rows.map((r) => [r.year, r.share])], { keepCursor: true });
    const m = jp.rows.length;
    const nonChina = s.formulas("japan-non-china", [["Non-China share"], ...jp.rows.map((r, i) => [r.share === null ? null : `=1-${japan.cell(i + 1, 1)}`])], {
      column: 2,
      row: japan.top,
      header: true,
      keepCursor: true,
    });
    const across = Array<PlanValue>(REPORTED_SPAN - 1).fill(null);
    const reported = s.dataTable("japan-reported", jp.datasetId, [["As printed", "Reported by", ...across], ...jp.rows.map((r) => [r.printed, r.source, ...across])], { column: 3, row: japan.top });
    // the printed figure reads as a number; who reported it runs across the rest of the page
    s.style({ range: reported.column(0), horizontalAlignment: "center" });
    for (let r = 0; r <= m; r++) s.merge(reported.area(r, 1, r, REPORTED_SPAN));
    s.format(japan.column(1, 1), "0.0%");
    s.format(nonChina.column(0, 1), "0.0%");
    s.name("Trade_JapanChinaShare", japan.column(1, 1));
    s.conditional({ type: "colorScale", range: japan.column(1, 1), minColor: COLOURS.low, midColor: COLOURS.mid, maxColor: COLOURS.high });
    s.notes("japan-notes", [
      `Dataset ${jp.datasetId}: Japanese trade statistics as reported in the press; definitions (HS scope, volume or value) differ between reports, so read the trend, not single points.`,
      "A blank share means the source printed a bound (for example \">90%\"), not a value.",
    ]);
    s.gap();
    s.chart({
      id: "trade-japan-dependence",
      type: "lineMarkers",
      title: "China's share of Japan's rare-earth imports",
      dataRange: japan.area(0, 0, m, 1),
      seriesBy: "columns",
      position: { from: `A${s.row + 1}`, to: `D${s.row + 16}` },
      xAxisTitle: "Year",
      yAxisTitle: "share of imports",
    });
    s.row += 17;
    s.gap();

    // US net import reliance
    const nir = usNetImportReliance();
    s.heading("nir-heading", "US net import reliance, rare-earth compounds and metals (USGS definition)");
    const base = s.dataTable(
      "nir-data",
      nir.datasetId,
      [["Year", "Production (t REO)", "Apparent consumption (t REO)"], ...nir.rows.map((r) => [r.year, r.production, r.consumption])],
      { keepCursor: true },
    );
    const k = nir.rows.length;
    const calc = s.formulasAt(
      "nir-formulas",
      (cell) => [
        ["Net imports (t REO)", "NIR (CHOKEPOINT.NIR)"],
        ...nir.rows.map((_, i) => [`=${base.cell(i + 1, 2)}-${base.cell(i + 1, 1)}`, `=CHOKEPOINT.NIR(${base.cell(i + 1, 1)},${cell(i + 1, 0)},0)`]),
      ],
      { column: 3, row: base.top, header: true, keepCursor: true },
    );
    const printed = s.values("nir-published", [["Published by USGS"], ...nir.rows.map((r) => [r.publishedNir])], { column: 5, row: base.top, datasetId: nir.datasetId, header: true });
    s.format(base.area(1, 1, k, 2), "#,##0");
    s.format(calc.column(0, 1), "#,##0");
    s.format(calc.column(1, 1), "0.0%");
    s.style({ range: printed.column(0, 1), horizontalAlignment: "right" });
    s.name("Trade_USNIR", calc.column(1, 1));
    s.notes("nir-notes", [
      "Apparent consumption = production + imports − exports, so net imports = consumption − production and NIR = net imports ÷ consumption.",
      `Inputs from ${nir.datasetId}; the published column is the figure USGS prints (rounded, ">95" where it gives a bound), for comparison.`,
      `Citation: see the Sources sheet, or =CHOKEPOINT.SOURCE(${text(nir.datasetId)}).`,
    ]);
    [24, 12, 14, 14, 14, 14].forEach((w, c) => s.width(c, w));
  },
};
