/**
 * The importer sections of the Methods sheet: GeoPolRisk for the US and for Japan as importers
 * (partners from the trade data, instability from the WGI, production HHI from the mining data),
 * the characterisation factor at the MCS prices of the same year, and USGS's printed net import
 * reliance beside the one recomputed from the printed rows, year by year.
 */
import type { PlanBuilder, Placed, SheetBuilder } from "./kit";
import { isCountry, japanPartners, mcsPrices, mineRows, usImporter, usNirYears } from "./methodsData";
import type { PlanValue } from "../src/workbook/plan";

/** The names of the sheet's input cells the importer sections read. */
export interface ImporterInputs {
  wgiYearUS: string;
  wgiYearJP: string;
  unnamedInstability: string;
  japanProduction: string;
  cfReference: string;
}

interface Importer {
  key: string;
  heading: string;
  partners: Array<{ partner: string; share: number }>;
  /** The label of a last row for the part the source does not itemise (its share is 1 − the others), or null. */
  remainder: string | null;
  shareHeader: string;
  datasetId: string;
  wgiYear: string;
  /** Rows of figures (label, value) and how imports and domestic production are read from them. */
  figures: Array<[string, number]>;
  figuresDatasetId: string | null;
  imports: (figures: Placed | null) => string;
  production: (figures: Placed | null) => string;
  importsLabel: string;
  mine: { datasetId: string; year: number; rows: Array<{ iso3: string; production: number }> };
}

/** One importer: partners with instability and imports, world production, and the GeoPolRisk score. Returns the score's cell. */
function geoPolRiskBlock(book: PlanBuilder, s: SheetBuilder, imp: Importer, inputs: ImporterInputs): string {
  s.heading(`gpr-${imp.key}-heading`, imp.heading);
  const top = s.row;
  const labels = [...imp.partners.map((p) => p.partner), ...(imp.remainder ? [imp.remainder] : [])];
  const n = labels.length;
  const partners = s.values(`gpr-${imp.key}-partners`, [["Partner", imp.shareHeader], ...imp.partners.map((p) => [p.partner, p.share] as PlanValue[])], {
    datasetId: imp.datasetId,
    header: true,
    row: top,
    keepCursor: true,
  });
  if (imp.remainder) {
    // The part the source does not itemise: 1 − the shares it prints.
    s.formulas(`gpr-${imp.key}-remainder`, [[imp.remainder, `=1-SUM(${partners.cell(1, 1)}:${partners.cell(n - 1, 1)})`]], { row: top + n, keepCursor: true });
  }
  const mine = s.values(`gpr-${imp.key}-mine`, [["Country", `Mine production ${imp.mine.year} (t REO)`], ...imp.mine.rows.map((r) => [r.iso3, r.production] as PlanValue[])], {
    column: 6,
    row: top,
    datasetId: imp.mine.datasetId,
    header: true,
    keepCursor: true,
  });
  s.format(mine.column(1, 1), "#,##0");
  s.row = top + n + 1;
  const figures = imp.figures.length > 0 ? s.values(`gpr-${imp.key}-figures`, imp.figures, { datasetId: imp.figuresDatasetId ?? undefined, row: s.row, keepCursor: true }) : null;
  if (figures) s.format(figures.column(1), "#,##0");
  const calcTop = top + n + 1 + imp.figures.length;
  const calc = s.formulasAt(
    `gpr-${imp.key}`,
    (cell) => [
      [imp.importsLabel, `=${imp.imports(figures)}`],
      ["Domestic production, same units", `=${imp.production(figures)}`],
      [`World mine production HHI, ${imp.mine.year} (0–1)`, `=CHOKEPOINT.HHI(${mine.column(1, 1)},1)`],
      ["GeoPolRisk score (CHOKEPOINT.GEOPOLRISK)", `=CHOKEPOINT.GEOPOLRISK(${cell(2, 1)},${partners.cell(1, 3)}:${partners.cell(n, 3)},${partners.cell(1, 2)}:${partners.cell(n, 2)},${cell(1, 1)})`],
    ],
    { row: calcTop },
  );
  // Instability and imports per partner, beside the shares.
  s.formulas(
    `gpr-${imp.key}-partner-calc`,
    [
      ["Instability g (GEOPOLRISK. INSTABILITY)", "Imports from the partner"],
      ...labels.map((label, i) => [
        isCountry(label) ? `=CHOKEPOINT.GEOPOLRISK.INSTABILITY(${partners.cell(i + 1, 0)},${imp.wgiYear})` : `=${inputs.unnamedInstability}`,
        `=${partners.cell(i + 1, 1)}*${calc.cell(0, 1)}`,
      ]),
    ],
    { column: 2, row: top, header: true, keepCursor: true },
  );
  s.format(`${partners.cell(1, 1)}:${partners.cell(n, 1)}`, "0%");
  s.format(`${partners.cell(1, 2)}:${partners.cell(n, 2)}`, "0.000");
  s.format(`${partners.cell(1, 3)}:${partners.cell(n, 3)}`, "#,##0.0");
  s.format(calc.area(0, 1, 1, 1), "#,##0.0");
  s.format(calc.area(2, 1, 3, 1), "0.000");
  s.row = Math.max(calcTop + 4, top + imp.mine.rows.length + 1);
  for (const id of [imp.datasetId, imp.mine.datasetId, ...(imp.figuresDatasetId ? [imp.figuresDatasetId] : [])]) book.useDataset(id);
  return calc.cell(3, 1);
}

/** CF at each MCS price of the year, beside the score. */
function cfBlock(s: SheetBuilder, key: string, score: string, year: number, column: number, top: number, inputs: ImporterInputs): Placed {
  const prices = mcsPrices(year);
  const table = s.values(
    `cf-${key}`,
    [["Oxide (MCS price, Argus)", `USD/kg, ${year}`, "Edition"], ...prices.rows.map((r) => [r.item, r.price, r.edition] as PlanValue[])],
    { column, row: top, datasetId: prices.datasetId, header: true, keepCursor: true },
  );
  const cf = s.formulas(`cf-${key}-values`, [["CF (GEOPOLRISK.CF)"], ...prices.rows.map((_, i) => [`=CHOKEPOINT.GEOPOLRISK.CF(${score},${table.cell(i + 1, 1)},${inputs.cfReference})`])], {
    column: column + 3,
    row: top,
    header: true,
    keepCursor: true,
  });
  s.format(table.column(1, 1), "#,##0.00");
  s.format(cf.column(0, 1), "0.00");
  return cf;
}

export function geoPolRiskSections(book: PlanBuilder, s: SheetBuilder, inputs: ImporterInputs): void {
  const us = usImporter();
  const usMine = mineRows("usgs_mcs_mine_production", us.year);
  const usScore = geoPolRiskBlock(book, s, {
    key: "us",
    heading: `GeoPolRisk of US imports of rare-earth compounds and metals, ${us.year} (partners: USGS import sources ${us.period}, ${us.edition}; instability: WGI of the year set above; world mine production ${us.year}, USGS)`,
    partners: us.partners,
    remainder: null,
    shareHeader: `Share of US imports, ${us.period}`,
    datasetId: us.sourcesId,
    wgiYear: inputs.wgiYearUS,
    figures: [
      [`US imports of compounds, ${us.year} (t REO, ${us.edition})`, us.importsCompounds],
      [`US imports of rare-earth metals and alloys, ${us.year} (t REO)`, us.importsMetals],
      [`US production of compounds and metals, ${us.year} (t REO)`, us.production],
    ],
    figuresDatasetId: us.salientId,
    imports: (f) => `${f!.cell(0, 1)}+${f!.cell(1, 1)}`,
    production: (f) => f!.cell(2, 1),
    importsLabel: "US imports of compounds and metals (t REO)",
    mine: usMine,
  }, inputs);
  s.name("Methods_GeoPolRisk", usScore);

  const jp = japanPartners();
  const jpMine = mineRows("bgs_mine_production", jp.year);
  const jpScore = geoPolRiskBlock(book, s, {
    key: "jp",
    heading: `GeoPolRisk of Japan's rare-earth imports, ${jp.year} (partners as reported: ${jp.source}; instability: WGI ${jp.year} by default; world mine production ${jp.year}, BGS, since the USGS tables of that year are not in the data)`,
    partners: jp.partners,
    remainder: "Other (not itemised)",
    shareHeader: `Share of Japan's imports, ${jp.year}`,
    datasetId: jp.datasetId,
    wgiYear: inputs.wgiYearJP,
    figures: [],
    figuresDatasetId: null,
    // Shares only: imports are 100 (per cent of Japan's imports), domestic production in the same units.
    imports: () => "100",
    production: () => inputs.japanProduction,
    importsLabel: "Japan's imports (per cent of themselves)",
    mine: jpMine,
  }, inputs);
  s.name("Methods_GeoPolRiskJapan", jpScore);

  s.heading("cf-heading", "GeoPolRisk characterisation factor at the MCS prices of the same year (kg copper-equivalent per kg; reference set above)");
  const top = s.row;
  const usCf = cfBlock(s, "us", usScore, us.year, 0, top, inputs);
  const jpCf = cfBlock(s, "jp", jpScore, jp.year, 6, top, inputs);
  s.name("Methods_CFUS", usCf.column(0, 1));
  s.name("Methods_CFJapan", jpCf.column(0, 1));
  s.row = top + Math.max(usCf.rowCount, jpCf.rowCount);
  s.notes("gpr-notes", [
    `GeoPolRisk = HHI · Σ g_i·f_i / (p_c + F_c) (Gemechu et al. 2015), g_i = (2.5 − political stability) / 5 (geopolrisk-py). US: imports from each partner = its share of ${us.period} × US imports of ${us.year}; domestic production = US production of compounds and metals. Japan: the shares themselves, with "Other" the part the source does not itemise.`,
    "CF = score × price / reference (geopolrisk-py). geopolrisk-py prices a material by the importer's own import value over quantity; the MCS prices here are Argus quotations (free on board), one per oxide, so each CF row reads the score at that oxide's price.",
  ]);
  s.gap();
}

export function nirSection(book: PlanBuilder, s: SheetBuilder): void {
  const nir = usNirYears();
  const n = nir.rows.length;
  s.heading("nir-heading", "US net import reliance of rare-earth compounds and metals: printed by USGS (latest edition per year) beside the one recomputed from the printed figures");
  const top = s.row;
  const data = s.dataTable(
    "nir-years",
    nir.datasetId,
    [
      ["Year", "Edition", "Printed NIR", "Production (t REO)", "Apparent consumption, printed (t REO)", "Imports, all rows (t REO)", "Exports, all rows (t REO)"],
      ...nir.rows.map((r) => [r.year, r.edition, `${r.printed}%`, r.production, r.consumption, r.imports, r.exports] as PlanValue[]),
    ],
    { row: top, keepCursor: true },
  );
  const at = (i: number, c: number) => data.cell(i + 1, c);
  const calc = s.formulas(
    "nir-calc",
    [
      ["USGS.NIR", "NIR from the printed consumption (CHOKEPOINT.NIR)", "Recomputed − printed", "Production + imports − exports of the rows"],
      ...nir.rows.map((_, i) => [
        `=CHOKEPOINT.USGS.NIR(${at(i, 0)},${at(i, 1)})`,
        `=IF(COUNT(${at(i, 3)}:${at(i, 4)})<2,"",CHOKEPOINT.NIR(${at(i, 3)},${at(i, 4)}-${at(i, 3)},0))`,
        `=IF(${at(i, 8)}="","",${at(i, 8)}-${at(i, 7)})`,
        `=IF(COUNT(${at(i, 3)},${at(i, 5)},${at(i, 6)})<3,"",${at(i, 3)}+${at(i, 5)}-${at(i, 6)})`,
      ]),
    ],
    { column: 7, row: top, header: true },
  );
  s.format(data.area(1, 3, n, 6), "#,##0");
  s.format(calc.area(1, 0, n, 1), "0.0%");
  s.format(calc.column(2, 1), "0.0%");
  s.format(calc.column(3, 1), "#,##0");
  s.name("Methods_USNIR", calc.column(0, 1));
  s.name("Methods_USNIRRecomputed", calc.column(1, 1));
  s.name("Methods_USNIRYears", data.column(0, 1));
  s.row = top + n + 1;
  s.notes("nir-notes", [
    `USGS prints ">95" (">90") where reliance exceeds that bound; USGS.NIR reads the bound. Recomputed: net imports = printed apparent consumption − production, over apparent consumption (CHOKEPOINT.NIR(production, consumption − production, 0)); blank where the edition prints no production of compounds and metals.`,
    "Why the two differ: USGS defines apparent consumption as production + imports − exports, but the printed consumption is not the sum of the printed rows. The 'ores and compounds' export row includes mineral concentrates, so production + imports − exports of the rows is negative (last column), and NIR computed from the rows cannot give the printed figure. Use the printed NIR where USGS prints one.",
  ]);
  book.useDataset(nir.datasetId);
  s.gap();
}
