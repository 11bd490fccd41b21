/**
 * The reference data the Methods sheet reads, in the shapes it needs, through the src/data API (as
 * templates/data.ts does for the other templates): the EU 2017 rare-earth table, the EU 2023
 * global supply shares, the EU assessment rounds, the US salient statistics by edition, Japan's
 * import partners as reported, and MCS prices. Values are copied from the datasets, never typed
 * in; a missing value stays missing (null). Which year or edition each block uses is returned too.
 */
import { countryRows, findCountry, getDataset, type DataRow } from "../src/data";

export { wgiLatestYear } from "../src/model/methods";

function rows(id: string): DataRow[] {
  return getDataset(id).rows;
}

/** Whether a partner label names a country (not "Other" or another aggregate). */
export function isCountry(label: string): boolean {
  return findCountry(label)?.kind === "country";
}

function num(v: number | null | undefined): number | null {
  return typeof v === "number" ? v : null;
}

export interface Eu2017Row {
  material: string;
  stage: string;
  scope: string;
  hhiGlobal: number;
  hhiEU: number;
  importReliance: number;
  eolRir: number;
  siSr: number;
  sr: number;
  ei: number;
}

/** The 2017 study's printed rare-earth table (rates as fractions), in the study's order. */
export function eu2017Table(): { datasetId: string; rows: Eu2017Row[] } {
  const id = "eu_crm2017_sr_inputs";
  return {
    datasetId: id,
    rows: rows(id).map((r) => ({
      material: r.label,
      stage: r.text.stage ?? "",
      scope: r.text.sr_scope ?? "",
      hhiGlobal: r.values.hhiwgi_t_global_supply as number,
      hhiEU: r.values.hhiwgi_t_eu_sourcing as number,
      importReliance: (r.values.import_reliance_pct as number) / 100,
      eolRir: (r.values.eol_rir_pct as number) / 100,
      siSr: r.values.si_sr as number,
      sr: r.values.supply_risk as number,
      ei: r.values.economic_importance as number,
    })),
  };
}

export interface ShareTable {
  material: string;
  stage: "extraction" | "processing";
  rows: Array<{ country: string; share: number | null; printed: string; t: number }>;
}

/** The magnet rare earths first, then the others as the EU 2017 table lists them. */
export const MAGNET_REES = ["Neodymium", "Praseodymium", "Dysprosium", "Terbium"];

/** EU 2023 global supply shares of every material and stage, largest share first. */
export function euGlobalShareTables(): { datasetId: string; tables: ShareTable[] } {
  const id = "eu_crm2023_shares";
  const global = rows(id).filter((r) => r.text.supply_mix === "global");
  const materials = [...new Set(global.map((r) => r.text.material))];
  const ordered = [...MAGNET_REES.filter((m) => materials.includes(m)), ...materials.filter((m) => !MAGNET_REES.includes(m)).sort()];
  const tables: ShareTable[] = [];
  for (const material of ordered) {
    for (const [code, stage] of [["E", "extraction"], ["P", "processing"]] as const) {
      const rs = global.filter((r) => r.text.material === material && r.text.stage === code);
      if (rs.length === 0) continue;
      tables.push({
        material,
        stage,
        rows: rs.map((r) => ({ country: r.label, share: num(r.values.share), printed: r.text.printed_share ?? "", t: r.values.t ?? 1 })).sort((a, b) => (b.share ?? 0) - (a.share ?? 0)),
      });
    }
  }
  return { datasetId: id, tables };
}

/** SR and EI of some materials in some assessment rounds (null where not assessed). */
export function euRounds(materials: readonly string[], rounds: readonly number[]): { datasetId: string; rows: Array<{ round: number; values: Array<{ sr: number | null; ei: number | null }> }> } {
  const id = "eu_crm_assessments";
  const all = rows(id);
  return {
    datasetId: id,
    rows: rounds.map((round) => ({
      round,
      values: materials.map((m) => {
        const r = all.find((x) => x.label === m && x.year === round);
        return { sr: num(r?.values.sr), ei: num(r?.values.ei) };
      }),
    })),
  };
}

const SALIENT = "us_salient";

function editionRank(edition: string | null): number {
  return getDataset(SALIENT).meta.variants!.order.indexOf(edition ?? "");
}

function salientValue(key: string, year: number, edition: string): number | null {
  return num(rows(SALIENT).find((r) => r.key === key && r.year === year && r.variant === edition)?.values.value);
}

/** Sum of an edition's rows whose key starts with `prefix` for one year; null if it prints none. */
function salientSum(prefix: string, year: number, edition: string): number | null {
  const vs = rows(SALIENT).filter((r) => r.key.startsWith(prefix) && r.year === year && r.variant === edition).map((r) => num(r.values.value));
  return vs.length === 0 || vs.some((v) => v === null) ? null : (vs as number[]).reduce((a, b) => a + b, 0);
}

export interface NirYear {
  year: number;
  edition: string;
  printed: string;
  production: number | null;
  consumption: number | null;
  imports: number | null;
  exports: number | null;
}

/** Every year USGS prints a net import reliance of compounds and metals, from the latest edition that prints it. */
export function usNirYears(): { datasetId: string; rows: NirYear[] } {
  const nir = rows(SALIENT).filter((r) => r.key === "net_import_reliance_compounds_and_metals" && r.year !== null);
  const years = [...new Set(nir.map((r) => r.year as number))].sort((a, b) => a - b);
  return {
    datasetId: SALIENT,
    rows: years.map((year) => {
      const row = nir.filter((r) => r.year === year).sort((a, b) => editionRank(a.variant) - editionRank(b.variant))[0];
      const e = row.variant!;
      return {
        year,
        edition: e,
        printed: row.text.printed ?? String(row.values.value),
        production: salientValue("production_compounds_and_metals", year, e),
        consumption: salientValue("consumption_apparent_compounds_and_metals", year, e),
        imports: salientSum("imports_", year, e),
        exports: salientSum("exports_", year, e),
      };
    }),
  };
}

export interface UsImporter {
  salientId: string;
  sourcesId: string;
  edition: string;
  period: string;
  year: number;
  partners: Array<{ partner: string; share: number }>;
  importsCompounds: number;
  importsMetals: number;
  production: number;
}

/**
 * The US as importer, from one MCS edition (the latest): its import sources over its period, and
 * its imports of compounds and of metals and alloys and production of compounds and metals in the
 * period's last year.
 */
export function usImporter(): UsImporter {
  const sourcesId = "us_import_sources";
  const edition = getDataset(sourcesId).meta.variants!.order[0];
  const src = rows(sourcesId).filter((r) => r.variant === edition);
  const period = src[0].period ?? "";
  const year = Number(/(\d{4})$/.exec(period)![1]);
  const need = (key: string) => {
    const v = salientValue(key, year, edition);
    if (v === null) throw new Error(`${SALIENT}: ${edition} has no ${key} for ${year}`);
    return v;
  };
  return {
    salientId: SALIENT,
    sourcesId,
    edition,
    period,
    year,
    partners: src.map((r) => ({ partner: r.label, share: (r.values.share_pct as number) / 100 })),
    importsCompounds: need("imports_compounds"),
    importsMetals: need("imports_rare_earth_metals_and_alloys"),
    production: need("production_compounds_and_metals"),
  };
}

/** Japan's import partners as reported for the latest year that itemises more than China. */
export function japanPartners(): { datasetId: string; year: number; source: string; partners: Array<{ partner: string; share: number }> } {
  const id = "japan_china_import_share";
  const shares = rows(id).filter((r) => r.year !== null && Object.keys(r.values).some((k) => k.endsWith("_share_pct")));
  const years = [...new Set(shares.map((r) => r.year as number))].filter((y) => shares.filter((r) => r.year === y).length > 1);
  const year = Math.max(...years);
  const of = shares.filter((r) => r.year === year);
  return {
    datasetId: id,
    year,
    source: of[0].variant ?? "",
    partners: of.map((r) => {
      const field = Object.keys(r.values).find((k) => k.endsWith("_share_pct"))!;
      return { partner: (r.text.metric ?? field).split(" share")[0], share: (r.values[field] as number) / 100 };
    }),
  };
}

/** Mine production by country for one year from one dataset (aggregates left out). */
export function mineRows(datasetId: string, year: number): { datasetId: string; year: number; rows: Array<{ iso3: string; production: number }> } {
  return { datasetId, year, rows: countryRows(datasetId, year).rows.map((r) => ({ iso3: r.key, production: r.value })) };
}

/** MCS prices for one year: each item from the latest edition that prints it for that year. */
export function mcsPrices(year: number): { datasetId: string; year: number; rows: Array<{ item: string; price: number; edition: string }> } {
  const prices = rows(SALIENT).filter((r) => r.key.startsWith("price_") && r.year === year && typeof r.values.value === "number");
  const keys = [...new Set(prices.map((r) => r.key))];
  return {
    datasetId: SALIENT,
    year,
    rows: keys.map((k) => {
      const best = prices.filter((r) => r.key === k).sort((a, b) => editionRank(a.variant) - editionRank(b.variant))[0];
      return { item: best.label.replace(/^Price: /, "").replace(/ \(average\)$/, ""), price: best.values.value as number, edition: best.variant! };
    }),
  };
}
