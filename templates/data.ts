/**
 * The reference data templates read, in the shapes templates need, through the src/data API. This
 * is the only template file that knows that API: every value placed on a sheet comes through here,
 * copied from a dataset, never typed in. Missing values stay missing (null).
 */
import { countryRows, getDataset, listDatasets, type DataRow } from "../src/data";
import { dimensionsTable, explainTable } from "../src/model/report";
import type { DatasetHashes } from "./kit";
import type { Stage } from "./types";

export interface DatasetCard {
  id: string;
  title: string;
  publisher: string;
  url: string;
  retrieval: string;
  licence: string;
  units: string;
  coverage: string;
  hash: string;
  citation: string;
}

export function catalogue(): DatasetHashes & { card(id: string): DatasetCard; ids(): string[] } {
  const metas = new Map(listDatasets().map((m) => [m.id, m]));
  const card = (id: string): DatasetCard => {
    const m = metas.get(id);
    if (!m) throw new Error(`unknown dataset ${id}`);
    return {
      id,
      title: m.title,
      publisher: m.publisher,
      url: m.sourceUrl,
      retrieval: m.retrievedVia,
      licence: m.licence,
      units: m.units,
      coverage: m.coverage.summary,
      hash: m.sha256,
      citation: m.citation,
    };
  };
  return { isDataset: (id) => metas.has(id), hashOf: (id) => card(id).hash, card, ids: () => [...metas.keys()] };
}

function rows(id: string): DataRow[] {
  return getDataset(id).rows;
}

/** The last year a dataset covers. */
export function lastYear(datasetId: string): number {
  const y = getDataset(datasetId).meta.coverage.lastYear;
  if (y === null) throw new Error(`${datasetId} has no years`);
  return y;
}

/** The latest year of US partner imports not flagged provisional by the source. */
export function latestFinalPartnerYear(): number {
  const years = rows("comtrade_us_imports_by_partner")
    .filter((r) => r.year !== null && !r.flags.includes("provisional"))
    .map((r) => r.year as number);
  return Math.max(...years);
}

export interface MinePanel {
  datasetId: string;
  years: number[];
  countries: Array<{ iso3: string; name: string }>;
  value(year: number, iso3: string): number | null;
  world(year: number): number | null;
}

/** Mine production by country and year from one source, over [from, to], with the source's world totals. */
export function minePanel(datasetId: string, from: number, to: number): MinePanel {
  const years = getDataset(datasetId).meta.coverage.years.filter((y) => y >= from && y <= to);
  const byYear = new Map(years.map((y) => [y, countryRows(datasetId, y)]));
  const totals = new Map<string, { name: string; total: number }>();
  for (const cr of byYear.values()) {
    for (const r of cr.rows) totals.set(r.key, { name: r.label, total: (totals.get(r.key)?.total ?? 0) + r.value });
  }
  const countries = [...totals.entries()].sort((a, b) => b[1].total - a[1].total).map(([iso3, t]) => ({ iso3, name: t.name }));
  return {
    datasetId,
    years,
    countries,
    value: (year, iso3) => byYear.get(year)?.rows.find((r) => r.key === iso3)?.value ?? null,
    world: (year) => byYear.get(year)?.worldTotal ?? null,
  };
}

export interface ReservesAndProduction {
  productionDatasetId: string;
  reservesDatasetId: string;
  year: number;
  /** Countries that have both a production and a reserves figure, largest reserves first. */
  rows: Array<{ iso3: string; name: string; production: number; reserves: number }>;
  /** Countries left out because one of the two figures is missing, with what is missing. */
  excluded: Array<{ name: string; missing: string }>;
  worldProduction: number | null;
  /** Set when the year asked for has no reserves figures and the nearest year with them was used. */
  substitutedFor: number | null;
}

const PRODUCTION = "usgs_mcs_mine_production";
const RESERVES = "usgs_mcs_reserves";

/** Production and reserves by country for one year (default: the latest with reserves), USGS MCS. */
export function reservesAndProduction(year: number | null): ReservesAndProduction {
  const productionYears = getDataset(PRODUCTION).meta.coverage.years;
  const covered = getDataset(RESERVES).meta.coverage.years.filter((y) => productionYears.includes(y));
  const nearest = (target: number) => [...covered].sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b)[0];
  const y = year === null ? Math.max(...covered) : covered.includes(year) ? year : nearest(year);
  const prod = countryRows(PRODUCTION, y);
  const res = countryRows(RESERVES, y);
  const both: ReservesAndProduction["rows"] = [];
  const excluded: ReservesAndProduction["excluded"] = [];
  for (const p of prod.rows) {
    const r = res.rows.find((x) => x.key === p.key);
    if (r) both.push({ iso3: p.key, name: p.label, production: p.value, reserves: r.value });
    else excluded.push({ name: p.label, missing: "reserves" });
  }
  for (const r of res.rows) if (!prod.rows.some((p) => p.key === r.key)) excluded.push({ name: r.label, missing: "production" });
  both.sort((a, b) => b.reserves - a.reserves);
  return {
    productionDatasetId: PRODUCTION,
    reservesDatasetId: RESERVES,
    year: y,
    rows: both,
    excluded,
    worldProduction: prod.worldTotal,
    substitutedFor: year !== null && year !== y ? year : null,
  };
}

/** Mine production by country for one year (default: the latest), USGS MCS, and the source's world total. */
export function mineProductionRows(year: number | null): { datasetId: string; year: number; rows: Array<{ iso3: string; name: string; production: number }>; world: number | null } {
  const y = year ?? Math.max(...getDataset(PRODUCTION).meta.coverage.years);
  const cr = countryRows(PRODUCTION, y);
  return { datasetId: PRODUCTION, year: y, rows: cr.rows.map((r) => ({ iso3: r.key, name: r.label, production: r.value })), world: cr.worldTotal };
}

/** World mine production for a year (default: the latest with a world total), USGS MCS. */
export function worldMineProduction(year: number | null): { datasetId: string; year: number; value: number } {
  const p = mineProductionRows(year);
  if (p.world === null) throw new Error(`${PRODUCTION} gives no world total for ${p.year}`);
  return { datasetId: PRODUCTION, year: p.year, value: p.world };
}

export interface PartnerImports {
  datasetId: string;
  totalsDatasetId: string;
  year: number;
  hsCodes: Array<{ hs6: string; product: string; total: number | null }>;
  partners: Array<{ iso3: string; name: string }>;
  value(hs6: string, iso3: string): number | null;
  /** Set when the year asked for has no partner rows and the nearest year with them was used. */
  substitutedFor: number | null;
}

/** US imports by partner for the HS codes with partner rows in `year`, and the source's totals. */
export function usImportsByPartner(asked: number): PartnerImports {
  const id = "comtrade_us_imports_by_partner";
  const totalsId = "comtrade_us_imports_concentration";
  const years = [...new Set(rows(id).map((r) => r.year).filter((y): y is number => y !== null))];
  const year = years.includes(asked) ? asked : [...years].sort((a, b) => Math.abs(a - asked) - Math.abs(b - asked) || a - b)[0];
  const inYear = rows(id).filter((r) => r.year === year && r.key !== "WLD");
  const hs = ["280530", "284610", "284690"].filter((h) => inYear.some((r) => typeof r.values[`import_value_hs${h}`] === "number"));
  const value = (h: string, iso3: string) => inYear.find((r) => r.key === iso3)?.values[`import_value_hs${h}`] ?? null;
  const sum = (iso3: string) => hs.reduce((a, h) => a + (value(h, iso3) ?? 0), 0);
  const partners = inYear
    .filter((r) => hs.some((h) => value(h, r.key) !== null))
    .map((r) => ({ iso3: r.key, name: r.label }))
    .sort((a, b) => sum(b.iso3) - sum(a.iso3));
  const totals = rows(totalsId).filter((r) => r.year === year);
  return {
    datasetId: id,
    totalsDatasetId: totalsId,
    year,
    hsCodes: hs.map((h) => {
      const t = totals.find((r) => r.key === h);
      return { hs6: h, product: t ? t.label.replace(/^HS \d+ /, "") : h, total: t?.values.total_import_value_usd ?? null };
    }),
    partners,
    value,
    substitutedFor: year !== asked ? asked : null,
  };
}

export interface HsConcentration {
  datasetId: string;
  year: number;
  rows: Array<{ hs6: string; product: string; total: number | null; topPartner: string; topShare: number | null; top3Share: number | null; hhi: number | null; suppliers: number | null }>;
}

/** US imports by HS code for one year as the source summarises them: total, top partner, top-3 share, HHI. */
export function usImportConcentration(year: number): HsConcentration {
  const id = "comtrade_us_imports_concentration";
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const out = rows(id)
    .filter((r) => r.year === year)
    .map((r) => ({
      hs6: r.key,
      product: r.label.replace(/^HS \d+ /, ""),
      total: num(r.values.total_import_value_usd),
      topPartner: r.text.top1_partner ?? "",
      topShare: num(r.values.top1_share),
      top3Share: num(r.values.top3_share),
      hhi: num(r.values.hhi),
      suppliers: num(r.values.supplier_count),
    }));
  return { datasetId: id, year, rows: out };
}

/** China's share of Japan's rare-earth imports by year, as a fraction; `printed` keeps the source's text. */
export function japanChinaShare(): { datasetId: string; rows: Array<{ year: number; share: number | null; printed: string; source: string }> } {
  const id = "japan_china_import_share";
  const out = rows(id)
    .filter((r) => r.year !== null && "china_share_pct" in r.values)
    .map((r) => {
      const pct = r.values.china_share_pct;
      return {
        year: r.year as number,
        share: typeof pct === "number" ? pct / 100 : null,
        printed: `${r.text.printed ?? pct}%`,
        // Each year's figure comes from its own statistics and reporter (the dataset's source variant).
        source: r.variant ?? r.note,
      };
    })
    .sort((a, b) => a.year - b.year);
  return { datasetId: id, rows: out };
}

/** US production and apparent consumption of compounds and metals, MCS 2025, with USGS's printed NIR. */
export function usNetImportReliance(): { datasetId: string; rows: Array<{ year: number; production: number; consumption: number; publishedNir: string }> } {
  const id = "us_salient";
  const edition = rows(id).filter((r) => r.variant === "MCS 2025");
  const item = (key: string, year: number) => edition.find((r) => r.key === key && r.year === year);
  const years = [...new Set(edition.filter((r) => r.key === "production_compounds_and_metals").map((r) => r.year as number))].sort((a, b) => a - b);
  return {
    datasetId: id,
    rows: years
      .map((y) => {
        const p = item("production_compounds_and_metals", y)?.values.value;
        const c = item("consumption_apparent_compounds_and_metals", y)?.values.value;
        const n = item("net_import_reliance_compounds_and_metals", y);
        return { year: y, production: p, consumption: c, publishedNir: `${n?.text.printed ?? n?.values.value ?? ""}%` };
      })
      .filter((r): r is { year: number; production: number; consumption: number; publishedNir: string } => typeof r.production === "number" && typeof r.consumption === "number"),
  };
}

export interface StageShareRow {
  stage: string;
  year: number | null;
  share: number;
  scope: string;
  source: string;
  projection: boolean;
}

/** China's share at each stage (mining, refining, magnets) as reported, by year and source, as fractions. */
export function chinaStageShares(): { datasetId: string; rows: StageShareRow[] } {
  const id = "stage_shares";
  const out: StageShareRow[] = [];
  for (const r of rows(id).filter((x) => x.key === "CHN")) {
    for (const stage of ["mining", "refining", "magnets"]) {
      const v = r.values[stage];
      if (typeof v !== "number") continue;
      out.push({ stage, year: r.year, share: v / 100, scope: r.text[`${stage}_scope`] ?? "", source: r.variant ?? "", projection: r.flags.includes("projection") });
    }
  }
  return { datasetId: id, rows: out };
}

type FigureRow = { company: string; country: string; metric: string; year: string; value: number | string | null; unit: string; source: string };

/** One row per reported figure of a company/figure dataset: value, or the printed text where it is not a number. */
function reportedFigures(id: string): FigureRow[] {
  return rows(id).map((r) => {
    const field = Object.keys(r.values).find((k) => k !== "lower_bound")!;
    const v = r.values[field];
    return {
      company: r.label,
      country: r.text.country_hq ?? "",
      metric: r.text.metric ?? field,
      year: r.year !== null ? String(r.year) : r.period ?? "",
      value: typeof v === "number" ? v : r.text.printed ?? null,
      unit: r.text.unit ?? "",
      source: r.variant ?? r.note.split(";")[0],
    };
  });
}

export function magnetProducers(): { datasetId: string; rows: Array<{ company: string; country: string; metric: string; year: string; value: number | string | null; unit: string; source: string }> } {
  return { datasetId: "magnet_producers", rows: reportedFigures("magnet_producers") };
}

export function patentFigures(): { datasetId: string; rows: Array<{ scope: string; metric: string; geography: string; period: string; value: number | string | null; unit: string; source: string }> } {
  return {
    datasetId: "ree_magnet_patents",
    rows: reportedFigures("ree_magnet_patents").map((r) => ({ scope: "", metric: r.metric, geography: r.company, period: r.year, value: r.value, unit: r.unit, source: r.source })),
  };
}

/** Figure ids of the framework paper (keys of CHOKEPOINT.DATA("framework_paper", id)) with what they state. */
export function frameworkFigures(): { datasetId: string; rows: Array<{ id: string; subject: string; unit: string; statedAs: string; value: number | null }> } {
  return {
    datasetId: "framework_paper",
    rows: rows("framework_paper").map((r) => ({ id: r.key, subject: r.text.subject ?? r.label, unit: r.text.unit ?? "", statedAs: r.text.stated_as ?? "", value: r.values.value ?? null })),
  };
}

/** Global supply shares (fractions) and t for one material and stage ("E" extraction, "P" processing), EU 2023. */
export function euGlobalShares(material: string, stage: "E" | "P"): { datasetId: string; rows: Array<{ country: string; share: number | null; printed: string; t: number }> } {
  const id = "eu_crm2023_shares";
  const variant = `${material}, ${stage === "E" ? "extraction" : "processing"}, global supply`;
  return {
    datasetId: id,
    rows: rows(id)
      .filter((r) => r.variant === variant)
      .map((r) => ({ country: r.label, share: r.values.share ?? null, printed: r.text.printed_share ?? "", t: r.values.t ?? 1 }))
      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0)),
  };
}

/** US import sources of one MCS edition (default: the latest), over that edition's period, shares as fractions. */
export function usImportSources(edition?: string): { datasetId: string; edition: string; period: string; rows: Array<{ partner: string; share: number }> } {
  const id = "us_import_sources";
  const chosen = edition ?? getDataset(id).meta.variants!.order[0];
  const rs = rows(id).filter((r) => r.variant === chosen && typeof r.values.share_pct === "number");
  if (rs.length === 0) throw new Error(`${id} has no rows for edition ${chosen}`);
  return { datasetId: id, edition: chosen, period: rs[0].period ?? "", rows: rs.map((r) => ({ partner: r.label, share: (r.values.share_pct as number) / 100 })) };
}

/** A partner's share of US rare-earth imports (USGS import sources, the MCS period). */
export function usImportSourceShare(partner: string): { datasetId: string; period: string; share: number } {
  const all = usImportSources();
  const row = all.rows.find((r) => r.partner === partner);
  if (!row) throw new Error(`us_import_sources has no row for ${partner}`);
  return { datasetId: all.datasetId, period: all.period, share: row.share };
}

/**
 * Datasets the vulnerability model reads for these countries and stages, as its DIMENSIONS tables
 * name them (listed on the Stage comparison notes and the Sources sheet). An input the data cannot
 * give names no dataset, and a country the model rejects adds none (its formulas say why).
 */
export function modelDatasets(countries: readonly string[], stages: readonly Stage[], year: number | null, source: string | null = null): { ids: string[] } {
  const ids = new Set<string>();
  for (const c of countries) {
    for (const st of stages) {
      let table: unknown[][];
      try {
        table = dimensionsTable(st, c, { year, source: st === "mining" ? source : null });
      } catch {
        continue;
      }
      const column = (table[0] as string[]).indexOf("dataset");
      for (const row of table.slice(1)) for (const id of String(row[column] ?? "").split(/[;,]\s*/)) if (id.trim()) ids.add(id.trim());
    }
  }
  return { ids: [...ids].sort() };
}

export { countryName } from "../src/data";

/** The earliest and latest year any of these datasets covers: the years a year input may take. */
export function yearSpan(ids: readonly string[]): { first: number; last: number } {
  const metas = new Map(listDatasets().map((m) => [m.id, m]));
  const firsts = ids.map((id) => metas.get(id)?.coverage.firstYear).filter((y): y is number => typeof y === "number");
  const lasts = ids.map((id) => metas.get(id)?.coverage.lastYear).filter((y): y is number => typeof y === "number");
  if (firsts.length === 0 || lasts.length === 0) throw new Error(`no year coverage in datasets ${ids.join(", ")}`);
  return { first: Math.min(...firsts), last: Math.max(...lasts) };
}

/** Shape of the CHOKEPOINT.VULN.EXPLAIN table (header row and one row per term), as the model gives it. */
export function explainShape(): { rows: number; columns: number } {
  const table = explainTable("mining", "USA");
  return { rows: table.length, columns: table[0].length };
}

/** The policy events the History briefing marks, in time order, each with its source. */
export function policyEvents(): { datasetId: string; rows: Array<{ year: number; month: number | null; event: string; stages: string; source: string }> } {
  const id = "policy_events";
  return {
    datasetId: id,
    rows: rows(id)
      .map((r) => ({ year: r.year as number, month: r.values.month ?? null, event: r.label, stages: r.text.stages ?? "", source: r.text.source ?? r.note }))
      .sort((a, b) => a.year - b.year || (a.month ?? 0) - (b.month ?? 0)),
  };
}
