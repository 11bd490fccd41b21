/**
 * Methods: the established measures beside the CVI. EU supply risk (2017 methodology, EU 2023
 * shares) for the four magnet rare earths, the importer-specific GeoPolRisk for the US, and the
 * CVI of each country and stage, with a short guide to reading them together. Figures the
 * reference data does not hold (WGI scores, import reliance, recycling and substitution indices)
 * are marked input cells; the results that need them show #N/A, with the reason, until entered.
 */
import { COLOURS, guard, text, type PlanBuilder } from "./kit";
import { euGlobalShares, mineProductionRows, modelDatasets, usImportSources, usNetImportReliance } from "./data";
import { STAGE_TITLE } from "./model";
import type { BriefingOptions, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";

export const EU_MATERIALS = ["Neodymium", "Praseodymium", "Dysprosium", "Terbium"];
const EU_STAGES: Array<{ code: "E" | "P"; label: string }> = [
  { code: "E", label: "extraction" },
  { code: "P", label: "processing" },
];

const WGI_GAP = "WGI scores are not in the reference data: enter each supplier's WGI (rescaled 0–10, 10 worst) in the yellow column";

export const methods: TemplateDefinition = {
  id: "methods",
  title: "Methods",
  description: "EU supply risk for Nd, Pr, Dy and Tb from the EU 2023 supply shares, GeoPolRisk for US imports, and the CVI of each country and stage side by side, with a short reading guide.",
  version: "1.0.0",
  sheetName: "Methods",
  options: [
    { name: "countries", description: "countries whose CVI is shown", default: ["USA", "JPN", "CHN"] },
    { name: "stages", description: "stages whose CVI is shown", default: ["mining", "midstream", "magnets"] },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("methods", "Methods", "#7030A0");
    s.title("Methods: the CVI beside the EU supply risk and GeoPolRisk", "Three questions, three measures: which materials (EU SR), which supplier relationships (GeoPolRisk), which stage for which country (CVI).");
    s.heading("guide-heading", "Reading guide");
    s.notes("guide", [
      "CVI (this add-in, model version 1): one country's compound exposure at one stage, 0–1. It rises with every chokepoint, and a country's own production is not a chokepoint for it.",
      "EU supply risk (European Commission, 2017 methodology, used for the 2023 list): SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EOL_RIR)·SI_SR, HHI = Σ S²·WGI·t. Critical when SR ≥ 1 and economic importance ≥ 2.8.",
      "GeoPolRisk (Gemechu et al. 2015): HHI · Σ_i g_i·f_i / (p_c + F_c). Importer-specific: concentration times instability-weighted imports, diluted by domestic production.",
      "Read together: a material can be critical for the EU while a given stage is of little concern for one country, and the reverse. Compare directions, not levels: the scales differ.",
    ]);
    s.gap();

    // CVI by country and stage
    s.heading("cvi-heading", "CVI by country and stage (CHOKEPOINT.VULN.COMPOUND, default parameters, latest data)");
    const cvi = s.formulas("cvi", [
      ["Country", ...options.stages.map((st) => STAGE_TITLE[st])],
      ...options.countries.map((c) => [c, ...options.stages.map((st) => `=CHOKEPOINT.VULN.COMPOUND(${text(st)},${text(c)})`)]),
    ], { header: true });
    s.format(cvi.area(1, 1, options.countries.length, options.stages.length), "0.000");
    s.conditional({ type: "colorScale", range: cvi.area(1, 1, options.countries.length, options.stages.length), minColor: COLOURS.low, midColor: COLOURS.mid, maxColor: COLOURS.high });
    for (const id of modelDatasets(options.countries, options.stages, null).ids) book.useDataset(id);
    s.name("Methods_CVI", cvi.area(1, 1, options.countries.length, options.stages.length));
    s.gap();

    // EU supply risk: summary first, per-material tables below it.
    const shareTables = EU_MATERIALS.flatMap((m) => EU_STAGES.map((st) => ({ material: m, stage: st, data: euGlobalShares(m, st.code) }))).filter((t) => t.data.rows.length > 0);
    if (shareTables.length > 0) book.useDataset(shareTables[0].data.datasetId);
    s.heading("eu-heading", "EU supply risk for the magnet rare earths (global supply shares from the EU 2023 study)");
    const summaryTop = s.row;
    const detailTop = summaryTop + shareTables.length + 4;
    s.row = detailTop;
    s.heading("eu-detail-heading", "Global supply shares by material and stage (EU 2023), with the trade variable t");
    const refs = new Map<string, { shares: string; t: string; wgi: string; countries: string }>();
    // one row of tables per material: extraction on the left, processing on the right
    for (const material of EU_MATERIALS) {
      const top = s.row;
      let height = 0;
      shareTables
        .filter((tbl) => tbl.material === material)
        .forEach((tbl) => {
          const column = tbl.stage.code === "E" ? 0 : 6;
          const head = s.values(`eu-${tbl.material}-${tbl.stage.code}-heading`, [[`${tbl.material}, ${tbl.stage.label}`]], { column, row: top, keepCursor: true });
          s.style({ range: head.cell(0, 0), bold: true });
          const body = s.dataTable(
            `eu-${tbl.material}-${tbl.stage.code}`,
            tbl.data.datasetId,
            [["Country", "Share", "As printed", "t", "WGI (0–10)"], ...tbl.data.rows.map((r) => [r.country, r.share, r.printed, r.t, null] as PlanValue[])],
            { column, row: top + 1, keepCursor: true },
          );
          s.format(body.column(1, 1), "0.0%");
          s.input(body.column(4, 1), guard.between(0, 10, "scaled WGI, 10 worst; CHOKEPOINT.EU.WGISCALE converts", "WGI (0–10)", "Each supplier's governance score on the EU method's 0–10 scale (10 worst), used in HHI·WGI·t and the supply risk."));
          refs.set(`${tbl.material}|${tbl.stage.code}`, { shares: body.column(1, 1), t: body.column(3, 1), wgi: body.column(4, 1), countries: body.column(0, 1) });
          height = Math.max(height, tbl.data.rows.length + 2);
        });
      s.row = top + height + 1;
    }
    const detailEnd = s.row;

    s.row = summaryTop;
    const summary = s.formulasAt(
      "eu-summary",
      (cell) => [
        ["Material", "Stage", "China share", "HHI Σ S² (0–1)", "Σ S²·t (WGI left out)", "HHI·WGI·t (EU.HHIWGI)", "Import reliance IR", "End-of-life recycling input rate", "Substitution index SI_SR", "Supply risk SR (EU.SR)"],
        ...shareTables.map((tbl, i) => {
          const r = i + 1;
          const ref = refs.get(`${tbl.material}|${tbl.stage.code}`)!;
          return [
            tbl.material,
            tbl.stage.label,
            `=IFERROR(INDEX(${ref.shares},MATCH("China",${ref.countries},0)),0)`,
            `=CHOKEPOINT.HHI(${ref.shares},1)`,
            `=SUMPRODUCT(${ref.shares},${ref.shares},${ref.t})`,
            `=IF(COUNT(${ref.wgi})<COUNT(${ref.shares}),NA(),CHOKEPOINT.EU.HHIWGI(${ref.shares},${ref.wgi},${ref.t}))`,
            null,
            null,
            null,
            `=IF(OR(ISNA(${cell(r, 5)}),COUNT(${cell(r, 6)}:${cell(r, 8)})<3),NA(),CHOKEPOINT.EU.SR(${cell(r, 5)},,${cell(r, 6)},${cell(r, 7)},${cell(r, 8)}))`,
          ] as PlanValue[];
        }),
      ],
      { header: true },
    );
    const k = shareTables.length;
    s.format(summary.column(2, 1), "0.0%");
    s.format(summary.area(1, 3, k, 5), "0.000");
    s.format(summary.area(1, 9, k, 9), "0.00");
    s.input(summary.column(6, 1), guard.share("Import reliance IR", "EU import reliance for this material and stage (0–1), from the EU 2023 study's factsheets."));
    s.input(summary.column(7, 1), guard.share("End-of-life recycling rate", "End-of-life recycling input rate EOL-RIR for this material (0–1), from the EU 2023 study."));
    s.input(summary.column(8, 1), guard.share("Substitution index SI_SR", "Substitution index for supply risk (0–1; 1 = no substitute), from the EU 2023 study."));
    s.documentGap(summary.column(5, 1), WGI_GAP);
    s.documentGap(summary.column(9, 1), `${WGI_GAP}; and IR, the recycling rate and SI_SR for each material (EU 2023 study, factsheets)`);
    s.name("Methods_EUShareHHI", summary.column(3, 1));
    s.name("Methods_EUChinaShare", summary.column(2, 1));
    s.notes("eu-notes", [
      `#N/A in the last column and in HHI·WGI·t: ${WGI_GAP}, and IR, recycling rate and SI_SR in the yellow cells of the same row. HHI_EU is left blank: global supply only.`,
    ]);
    s.row = detailEnd;
    s.gap();

    // GeoPolRisk for US imports.
    const sources = usImportSources();
    const nir = usNetImportReliance();
    const latest = [...nir.rows].sort((a, b) => b.year - a.year)[0];
    const production = mineProductionRows(null);
    for (const id of [sources.datasetId, nir.datasetId, production.datasetId]) book.useDataset(id);
    s.heading("gpr-heading", `GeoPolRisk of US rare-earth imports (import partners ${sources.period}; US production and consumption ${latest.year}; world mine production ${production.year})`);
    const partners = s.values(
      "gpr-partners",
      [["Partner", "Share of US imports", "Instability g_i (WGI-based, input)"], ...sources.rows.map((r) => [r.partner, r.share, null] as PlanValue[])],
      { datasetId: sources.datasetId, header: true },
    );
    const m = sources.rows.length;
    s.format(partners.column(1, 1), "0%");
    s.input(partners.column(2, 1), guard.between(0, 10, "the partner's instability score, on the scale you use for all partners", "Instability g_i", "Each partner's (in)stability score g_i (WGI-based), the same scale for every partner; GeoPolRisk shows #N/A until all are entered."));
    const prod = s.values(
      "gpr-world",
      [["Country", `Mine production ${production.year} (t REO)`], ...production.rows.map((r) => [r.iso3, r.production])],
      { column: 4, row: partners.top, datasetId: production.datasetId, header: true, keepCursor: true },
    );
    s.format(prod.column(1, 1), "#,##0");
    const figures = s.values("gpr-us", [
      ["US production, compounds and metals (t REO)", latest.production],
      ["US apparent consumption (t REO)", latest.consumption],
    ], { datasetId: nir.datasetId });
    s.format(figures.column(1), "#,##0");
    const gpr = s.formulasAt("gpr", (cell) => [
      ["World production HHI (0–1)", `=CHOKEPOINT.HHI(${prod.column(1, 1)},1)`],
      ["US net imports (t REO) = consumption − production", `=${figures.cell(1, 1)}-${figures.cell(0, 1)}`],
      ["GeoPolRisk", `=IF(COUNT(${partners.column(2, 1)})<${m},NA(),CHOKEPOINT.GEOPOLRISK(${cell(0, 1)},${partners.column(1, 1)}*${cell(1, 1)},${partners.column(2, 1)},${figures.cell(0, 1)}))`],
    ]);
    s.format(gpr.cell(0, 1), "0.000");
    s.format(gpr.cell(1, 1), "#,##0");
    s.format(gpr.cell(2, 1), "0.000");
    s.documentGap(gpr.cell(2, 1), "partner instability (WGI-based) is not in the reference data: enter g_i for each partner in the yellow column");
    s.name("Methods_GeoPolRisk", gpr.cell(2, 1));
    s.notes("gpr-notes", [
      "Imports from each partner = its share of US imports × US net imports; domestic production = US production of compounds and metals. #N/A until every partner's instability is entered.",
    ]);
    [34, 14, 16, 14, 16, 14, 14, 16, 16, 18].forEach((w, c) => s.width(c, w));
  },
};
