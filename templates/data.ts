/**
 * The reference data templates read, in the shapes templates need. This is the only template file
 * that knows the dataset API; every value placed on a sheet comes through here, never typed in.
 */
// PROVISIONAL: reads the extracts directly until src/data lands; replaced by the src/data API.
import fs from "fs";
import path from "path";
import crypto from "crypto";
import type { DatasetHashes } from "./kit";

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
}

const DATA_DIR = path.resolve(__dirname, "../../shared/data");

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

const FILES: Record<string, { file: string; title: string; publisher: string; url: string; retrieval: string; licence: string; units: string; coverage: string }> = {
  bgs_mine_production: {
    file: "bgs_ree_mine_production_top_producers_1992_2024.csv",
    title: "World Mineral Statistics: rare earth oxides, mine production (top producers)",
    publisher: "British Geological Survey",
    url: "https://www2.bgs.ac.uk/mineralsuk/statistics/worldStatistics.html",
    retrieval: "materials-atlas/critical-materials-atlas magnet_pilot_evidence.json",
    licence: "BGS terms (Open Government Licence for BGS statistics)",
    units: "t REO",
    coverage: "1992-2024, top producers",
  },
  usgs_mcs_mine_production: {
    file: "usgs_mcs_world_production_by_edition.csv",
    title: "Mineral Commodity Summaries: rare earths, world mine production (latest edition per year)",
    publisher: "U.S. Geological Survey",
    url: "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf",
    retrieval: "MCS 2024 data release copy; MCS 2025 PDF text; MCS 2026 transcription",
    licence: "US public domain",
    units: "t REO",
    coverage: "2022-2025",
  },
};

export function catalogue(): DatasetHashes & { card(id: string): DatasetCard; ids(): string[] } {
  const card = (id: string): DatasetCard => {
    const f = FILES[id];
    if (!f) throw new Error(`unknown dataset ${id}`);
    const hash = crypto.createHash("sha256").update(fs.readFileSync(path.join(DATA_DIR, f.file))).digest("hex");
    return { id, ...f, hash };
  };
  return {
    isDataset: (id) => id in FILES,
    hashOf: (id) => card(id).hash,
    card,
    ids: () => Object.keys(FILES),
  };
}

function rowsOf(id: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(DATA_DIR, FILES[id].file), "utf8"));
}

export interface MinePanel {
  datasetId: string;
  years: number[];
  countries: Array<{ iso3: string; name: string }>;
  value(year: number, iso3: string): number | null;
  world(year: number): number | null;
}

/** Mine production by country and year from one source, over [from, to]. */
export function minePanel(datasetId: "bgs_mine_production", from: number, to: number): MinePanel {
  const rows = rowsOf(datasetId).filter((r) => Number(r.year) >= from && Number(r.year) <= to);
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.iso3, (totals.get(r.iso3) ?? 0) + Number(r.mine_production_t_reo));
  const countries = [...new Map(rows.map((r) => [r.iso3, { iso3: r.iso3, name: r.country }])).values()].sort((a, b) => totals.get(b.iso3)! - totals.get(a.iso3)!);
  return {
    datasetId,
    years,
    countries,
    value: (year, iso3) => {
      const r = rows.find((x) => Number(x.year) === year && x.iso3 === iso3);
      return r && r.mine_production_t_reo !== "" ? Number(r.mine_production_t_reo) : null;
    },
    world: (year) => {
      const r = rows.find((x) => Number(x.year) === year);
      return r && r.bgs_world_total_t_reo !== "" ? Number(r.bgs_world_total_t_reo) : null;
    },
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
}

const USGS_NAMES: Record<string, string> = {
  "United States": "USA", Australia: "AUS", Brazil: "BRA", Burma: "MMR", Canada: "CAN", China: "CHN", Greenland: "GRL", India: "IND",
  Madagascar: "MDG", Malaysia: "MYS", Nigeria: "NGA", Russia: "RUS", "South Africa": "ZAF", Tanzania: "TZA", Thailand: "THA", Vietnam: "VNM",
};

/** Production and reserves by country for one year, from the USGS MCS series (latest edition reporting that year). */
export function reservesAndProduction(year: number | null): ReservesAndProduction {
  const rows = rowsOf("usgs_mcs_mine_production");
  const withReserves = rows.filter((r) => r.reserves_t_reo !== "" && USGS_NAMES[r.country]);
  const y = year ?? Math.max(...withReserves.map((r) => Number(r.year)));
  const editions = [...new Set(rows.filter((r) => Number(r.year) === y).map((r) => r.edition))].sort();
  const edition = editions[editions.length - 1];
  const inEdition = rows.filter((r) => r.edition === edition && Number(r.year) === y);
  const out: ReservesAndProduction["rows"] = [];
  const excluded: ReservesAndProduction["excluded"] = [];
  for (const r of inEdition) {
    const iso3 = USGS_NAMES[r.country];
    if (!iso3) continue;
    if (r.mine_production_t_reo === "" || r.reserves_t_reo === "") {
      excluded.push({ name: r.country, missing: r.mine_production_t_reo === "" ? "production" : "reserves" });
      continue;
    }
    out.push({ iso3, name: r.country, production: Number(r.mine_production_t_reo), reserves: Number(r.reserves_t_reo) });
  }
  out.sort((a, b) => b.reserves - a.reserves);
  const world = inEdition.find((r) => r.country.startsWith("World"));
  return {
    productionDatasetId: "usgs_mcs_mine_production",
    reservesDatasetId: "usgs_mcs_mine_production",
    year: y,
    rows: out,
    excluded,
    worldProduction: world ? Number(world.mine_production_t_reo) : null,
  };
}

Object.assign(FILES, {
  comtrade_us_imports_by_partner: {
    file: "us_imports_ree_by_partner_comtrade_2018_2025.csv",
    title: "US imports of rare-earth products by partner and HS code",
    publisher: "UN Comtrade",
    url: "https://comtradeplus.un.org/",
    retrieval: "akashok1/semiconductor-rare-earth-supply-chain-risk exports/fct_supplier_share.csv",
    licence: "UN Comtrade terms of use",
    units: "USD",
    coverage: "2018-2025; HS 280530, 284610 (all years), 284690 (2018)",
  },
  comtrade_us_imports_concentration: {
    file: "us_imports_ree_magnets_concentration_2018_2025.csv",
    title: "US imports of rare-earth products and magnets: totals and concentration by HS code",
    publisher: "UN Comtrade",
    url: "https://comtradeplus.un.org/",
    retrieval: "akashok1/semiconductor-rare-earth-supply-chain-risk exports/fct_concentration.csv",
    licence: "UN Comtrade terms of use",
    units: "USD",
    coverage: "2018-2025; HS 280530, 284610, 284690, 850511",
  },
  japan_china_import_share: {
    file: "japan_ree_import_dependence_reported.csv",
    title: "China's share of Japan's rare-earth imports (as reported)",
    publisher: "Japan Ministry of Finance / METI, as reported in the press",
    url: "https://www.customs.go.jp/toukei/info/index_e.htm",
    retrieval: "kksoukan.com; Nikkei via Sina English; Toyo Keizai 2025; um-material.com; couragemagnet.com",
    licence: "press reports of official statistics",
    units: "percent",
    coverage: "2008-2024, selected years",
  },
  us_salient: {
    file: "usgs_mcs2025_rare_earths_us_salient.csv",
    title: "Mineral Commodity Summaries 2025: rare earths, US salient statistics",
    publisher: "U.S. Geological Survey",
    url: "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf",
    retrieval: "NSSAC/dpi.RAG data/PyPDF2/mcs2025-rare-earths.md",
    licence: "US public domain",
    units: "t REO; percent",
    coverage: "2020-2024",
  },
});

export interface PartnerImports {
  datasetId: string;
  totalsDatasetId: string;
  year: number;
  hsCodes: Array<{ hs6: string; product: string; total: number | null }>;
  partners: Array<{ iso3: string; name: string }>;
  value(hs6: string, iso3: string): number | null;
}

/** US imports by partner for the HS codes with full partner rows in `year`. */
export function usImportsByPartner(year: number): PartnerImports {
  const rows = rowsOf("comtrade_us_imports_by_partner").filter((r) => Number(r.year) === year);
  const totals = rowsOf("comtrade_us_imports_concentration").filter((r) => Number(r.year) === year);
  const hs = [...new Set(rows.map((r) => r.hs6))].sort();
  const sum = new Map<string, number>();
  for (const r of rows) sum.set(r.partner_iso3, (sum.get(r.partner_iso3) ?? 0) + Number(r.us_import_value_usd));
  const partners = [...new Map(rows.map((r) => [r.partner_iso3, { iso3: r.partner_iso3, name: r.partner_name }])).values()].sort((a, b) => sum.get(b.iso3)! - sum.get(a.iso3)!);
  return {
    datasetId: "comtrade_us_imports_by_partner",
    totalsDatasetId: "comtrade_us_imports_concentration",
    year,
    hsCodes: hs.map((h) => {
      const t = totals.find((x) => x.hs6 === h);
      return { hs6: h, product: t?.product ?? h, total: t ? Number(t.us_total_import_value_usd) : null };
    }),
    partners,
    value: (h, iso3) => {
      const r = rows.find((x) => x.hs6 === h && x.partner_iso3 === iso3);
      return r ? Number(r.us_import_value_usd) : null;
    },
  };
}

/** China's share of Japan's rare-earth imports by year, as a fraction; `printed` keeps the source's text. */
export function japanChinaShare(): { datasetId: string; rows: Array<{ year: number; share: number | null; printed: string; source: string }> } {
  const rows = rowsOf("japan_china_import_share").filter((r) => /^China share of Japan/.test(r.metric) && /^\d{4}$/.test(r.year));
  return {
    datasetId: "japan_china_import_share",
    rows: rows.map((r) => ({ year: Number(r.year), share: /^[\d.]+$/.test(r.value) ? Number(r.value) / 100 : null, printed: `${r.value}%`, source: r.primary_source })),
  };
}

/** US production and apparent consumption of rare-earth compounds and metals, with USGS's printed NIR. */
export function usNetImportReliance(): { datasetId: string; rows: Array<{ year: number; production: number; consumption: number; publishedNir: string }> } {
  const rows = rowsOf("us_salient");
  const item = (name: string) => rows.find((r) => r.item.startsWith(name))!;
  const prod = item("Production: compounds and metals");
  const cons = item("Consumption apparent compounds and metals");
  const nir = item("Net import reliance: compounds and metals");
  const years = Object.keys(prod).filter((k) => /^\d{4}$/.test(k)).map(Number);
  return {
    datasetId: "us_salient",
    rows: years.map((y) => ({ year: y, production: Number(prod[String(y)]), consumption: Number(cons[String(y)]), publishedNir: `${nir[String(y)]}%` })),
  };
}

Object.assign(FILES, {
  stage_shares: {
    file: "supply_chain_stage_shares_reported.csv",
    title: "China's share at each stage of the rare-earth magnet chain (reported)",
    publisher: "IEA and others (see each row)",
    url: "https://www.iea.org/reports/global-critical-minerals-outlook-2024",
    retrieval: "SEAISI news; Fortune India; materials-atlas magnet_pilot_evidence.json; china.org.cn; MacroPolo",
    licence: "IEA content CC BY 4.0; others as published",
    units: "percent",
    coverage: "2005-2030 (projections flagged)",
  },
  magnet_producers: {
    file: "magnet_producers_reported.csv",
    title: "Permanent-magnet producers: capacities and outputs (reported)",
    publisher: "company reports and press (see each row)",
    url: "https://www.jlmag.com.cn/",
    retrieval: "earths-book.com; laitimes.com; couragemagnet.com; press",
    licence: "as published",
    units: "t, t/yr, % (per row)",
    coverage: "2012-2027",
  },
  ree_magnet_patents: {
    file: "ree_magnet_patents_reported.csv",
    title: "Rare-earth magnet patents (reported aggregates)",
    publisher: "Chinese industry analyses; CNIPA Sichuan centre",
    url: "https://leimai.tech/newsinfo/984770.html",
    retrieval: "leimai.tech; handmsg.com; press",
    licence: "as published",
    units: "applications; percent",
    coverage: "1985-2015",
  },
  framework_paper: {
    file: "framework_paper_figures.csv",
    title: "Figures stated in the framework paper (US and Japanese approaches to rare-earth supply-chain security, 2022)",
    publisher: "framework paper (2022 working paper)",
    url: "../seed/framework-paper.txt",
    retrieval: "text of the paper",
    licence: "quoted figures with source",
    units: "per figure",
    coverage: "2017-2025",
  },
});

export interface StageShareRow {
  stage: string;
  year: number | null;
  share: number;
  scope: string;
  source: string;
  projection: boolean;
}

/** China's share at each stage, as reported, by year and source (fractions). */
export function chinaStageShares(): { datasetId: string; rows: StageShareRow[] } {
  const rows = rowsOf("stage_shares").filter((r) => r.country_or_group === "China" && ["mining", "separation/refining", "magnets"].includes(r.stage));
  return {
    datasetId: "stage_shares",
    rows: rows.map((r) => ({
      stage: r.stage === "separation/refining" ? "refining" : r.stage,
      year: r.year === "" ? null : Number(r.year),
      share: Number(r.share_pct) / 100,
      scope: r.scope,
      source: r.primary_source,
      projection: r.projection.startsWith("yes"),
    })),
  };
}

export function magnetProducers(): { datasetId: string; rows: Array<{ company: string; country: string; metric: string; year: string; value: number | string | null; unit: string; source: string }> } {
  return {
    datasetId: "magnet_producers",
    rows: rowsOf("magnet_producers").map((r) => ({
      company: r.company,
      country: r.country_hq,
      metric: r.metric,
      year: r.year,
      value: r.value === "" ? null : /^-?[\d.]+$/.test(r.value) ? Number(r.value) : r.value,
      unit: r.unit,
      source: r.primary_source,
    })),
  };
}

export function patentFigures(): { datasetId: string; rows: Array<{ scope: string; metric: string; geography: string; period: string; value: number | string; unit: string; source: string }> } {
  return {
    datasetId: "ree_magnet_patents",
    rows: rowsOf("ree_magnet_patents").map((r) => ({
      scope: r.scope,
      metric: r.metric,
      geography: r.geography,
      period: r.period,
      value: /^-?[\d.]+$/.test(r.value) ? Number(r.value) : r.value,
      unit: r.unit,
      source: r.primary_source,
    })),
  };
}

/** Figure ids of the framework paper (keys of CHOKEPOINT.DATA("framework_paper", id)) with what they state. */
export function frameworkFigures(): { datasetId: string; rows: Array<{ id: string; subject: string; unit: string; statedAs: string }> } {
  return {
    datasetId: "framework_paper",
    rows: rowsOf("framework_paper").map((r) => ({ id: r.figure_id, subject: r.subject, unit: r.unit, statedAs: r.stated_as })),
  };
}

/** Datasets the vulnerability model reads (listed on the Stage comparison and Sources sheets). */
export function modelDatasets(): { ids: string[] } {
  return { ids: [] };
}

/** World mine production for a year (latest with a world total when null), from the USGS MCS series. */
export function worldMineProduction(year: number | null): { datasetId: string; year: number; value: number } {
  const rows = rowsOf("usgs_mcs_mine_production").filter((r) => r.country.startsWith("World") && r.mine_production_t_reo !== "");
  const y = year ?? Math.max(...rows.map((r) => Number(r.year)));
  const candidates = rows.filter((r) => Number(r.year) === y).sort((a, b) => b.edition.localeCompare(a.edition));
  if (!candidates[0]) throw new Error(`usgs_mcs_mine_production has no world total for ${y}`);
  return { datasetId: "usgs_mcs_mine_production", year: y, value: Number(candidates[0].mine_production_t_reo) };
}

Object.assign(FILES, {
  us_import_sources: {
    file: "us_ree_import_sources.csv",
    title: "Mineral Commodity Summaries 2025: rare earths, US import sources",
    publisher: "U.S. Geological Survey",
    url: "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf",
    retrieval: "NSSAC/dpi.RAG data/PyPDF2/mcs2025-rare-earths.md",
    licence: "US public domain",
    units: "percent of imports",
    coverage: "2020-2023",
  },
});

/** A partner's share of US rare-earth imports (USGS import sources, the MCS period). */
export function usImportSourceShare(partner: string): { datasetId: string; period: string; share: number } {
  const row = rowsOf("us_import_sources").find((r) => r.partner === partner && /^\d{4}-\d{4}$/.test(r.period));
  if (!row) throw new Error(`us_import_sources has no USGS row for ${partner}`);
  return { datasetId: "us_import_sources", period: row.period, share: Number(row.share_pct) / 100 };
}

Object.assign(FILES, {
  eu_crm2023_shares: {
    file: "eu_crm2023_ree_supply_shares_t.csv",
    title: "Study on the Critical Raw Materials for the EU 2023: supply shares and trade variable t, rare earths",
    publisher: "European Commission",
    url: "https://doi.org/10.2873/725585",
    retrieval: "erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets (CC BY 4.0 transcription)",
    licence: "CC BY 4.0",
    units: "share of supply; t dimensionless",
    coverage: "2023 assessment",
  },
});

/** Global supply shares (fractions) and t for one material and stage ("E" extraction, "P" processing). */
export function euGlobalShares(material: string, stage: "E" | "P"): { datasetId: string; rows: Array<{ country: string; share: number | null; printed: string; t: number }> } {
  const rows = rowsOf("eu_crm2023_shares").filter((r) => r.supply_mix === "global" && r.Material === material && r.Stage === stage);
  return {
    datasetId: "eu_crm2023_shares",
    rows: rows
      .map((r) => ({ country: r.Country, share: /^[\d.]+%$/.test(r.Share) ? Number(r.Share.slice(0, -1)) / 100 : null, printed: r.Share, t: Number(r.t) }))
      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0)),
  };
}

/** Mine production by country for one year from the USGS MCS series (latest edition), and its world total. */
export function mineProductionRows(year: number | null): { datasetId: string; year: number; rows: Array<{ iso3: string; name: string; production: number }>; world: number | null } {
  const all = rowsOf("usgs_mcs_mine_production");
  const y = year ?? Math.max(...all.map((r) => Number(r.year)));
  const editions = [...new Set(all.filter((r) => Number(r.year) === y).map((r) => r.edition))].sort();
  const inEdition = all.filter((r) => r.edition === editions[editions.length - 1] && Number(r.year) === y);
  const rows = inEdition
    .filter((r) => USGS_NAMES[r.country] && r.mine_production_t_reo !== "")
    .map((r) => ({ iso3: USGS_NAMES[r.country], name: r.country, production: Number(r.mine_production_t_reo) }))
    .sort((a, b) => b.production - a.production);
  const w = inEdition.find((r) => r.country.startsWith("World"));
  return { datasetId: "usgs_mcs_mine_production", year: y, rows, world: w ? Number(w.mine_production_t_reo) : null };
}

/** US import sources (USGS, the MCS period), shares as fractions. */
export function usImportSources(): { datasetId: string; period: string; rows: Array<{ partner: string; share: number }> } {
  const rows = rowsOf("us_import_sources").filter((r) => /^\d{4}-\d{4}$/.test(r.period));
  return { datasetId: "us_import_sources", period: rows[0].period, rows: rows.map((r) => ({ partner: r.partner, share: Number(r.share_pct) / 100 })) };
}
