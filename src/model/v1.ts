/**
 * Model version 1's inputs, kept as published so that workbooks built with it recompute the same
 * numbers (VULN.* functions with version 1). Each input takes its own latest year with data (or
 * the year given, with version 1's fallbacks); docs/model.md, "Version 1", lists how it differs
 * from version 2. Frozen: fix nothing here; a change is a new model version.
 */
import { invalid, isChokepointError, missing } from "../errors";
import { findCountry, getDataset, resolveCountry, type DataRow } from "../data";
import { externalSumOfSquares, firmHhiUpperBound, sumOfSquares, type MemberShare } from "../core/vulnerability/scenario";
import { BACI_TOP, COMTRADE, JAPAN, MCS_MINE, PAPER, QUOTA, RESERVES, SALIENT, STAGE_SHARES } from "./datasets";
import { describeShares, pct, type DimensionRow, type Stage, type StageBasis, type TradeBasis } from "./types";

/** A version 1 row: version 1 had no year-rule column; stageBasisV1 adds it. */
type RowV1 = Omit<DimensionRow, "yearRule">;

const MINE = MCS_MINE;
const BACI = BACI_TOP;

/** A share above this makes a country the dominant producer, treated as a net exporter where trade data is missing. */
export const DOMINANT_PRODUCER_SHARE = 0.5;

function isCountryKey(key: string): boolean {
  return /^[A-Z]{3}$/.test(key) && findCountry(key)?.kind === "country";
}

function rowsOf(id: string): DataRow[] {
  return getDataset(id).rows;
}

function variantRank(id: string, variant: string | null): number {
  const order = getDataset(id).meta.variants?.order ?? [];
  return variant === null ? 0 : order.indexOf(variant);
}

/** For each key of a year, the most preferred variant with a value in `field`. */
function bestRows(id: string, year: number, field: string, keep: (r: DataRow) => boolean = () => true): DataRow[] {
  const byKey = new Map<string, DataRow>();
  for (const r of rowsOf(id)) {
    if (r.year !== year || !keep(r)) continue;
    const v = r.values[field];
    if (v === null || v === undefined) continue;
    const prev = byKey.get(r.key);
    if (!prev || variantRank(id, r.variant) < variantRank(id, prev.variant)) byKey.set(r.key, r);
  }
  return [...byKey.values()];
}

function latestYear(id: string, field: string, keep: (r: DataRow) => boolean): number | null {
  let best: number | null = null;
  for (const r of rowsOf(id)) {
    const v = r.values[field];
    if (r.year !== null && v !== null && v !== undefined && keep(r) && (best === null || r.year > best)) best = r.year;
  }
  return best;
}

function yearsWith(id: string, field: string, keep: (r: DataRow) => boolean): string {
  const years = [...new Set(rowsOf(id).filter((r) => r.year !== null && r.values[field] != null && keep(r)).map((r) => r.year as number))];
  return years.sort((a, b) => a - b).join(", ");
}

function notProjection(r: DataRow): boolean {
  return !r.flags.includes("projection");
}

// ---------------------------------------------------------------------------------------------
// Production shares by stage

interface ProductionTable {
  members: MemberShare[];
  dataset: string;
  year: number;
  source: string;
  /** The source's world total and edition, where the table is built from tonnages. */
  worldTotal: number | null;
  variant: string | null;
}

function mineProduction(year: number | null): ProductionTable {
  const hasWorld = (r: DataRow) => r.key === "WLD";
  const y = year ?? latestYear(MINE, "production", hasWorld);
  if (y === null) throw missing(`${MINE}: no world total in any year`);
  const world = bestRows(MINE, y, "production", hasWorld)[0];
  if (!world) throw missing(`${MINE}: no ${y} world mine production; years with a world total: ${yearsWith(MINE, "production", hasWorld)}`);
  const printed = world.values.production as number;
  // Country figures from the same edition as the world total (never a total from another edition).
  const edition = rowsOf(MINE).filter((r) => r.year === y && r.variant === world.variant && r.key !== "WLD" && r.values.production != null);
  const itemised = edition.reduce((a, r) => a + (r.values.production as number), 0);
  // USGS rounds the world total; where the itemised rows add up to more, shares are of their sum.
  const total = Math.max(printed, itemised);
  const basis = total === printed ? `world ${printed.toLocaleString("en-US")} t REO` : `itemised sum ${itemised.toLocaleString("en-US")} t REO (the rounded world total ${printed.toLocaleString("en-US")} is smaller)`;
  const members = edition.filter((r) => isCountryKey(r.key)).map((r) => ({ key: r.key, share: (r.values.production as number) / total }));
  return { members, dataset: MINE, year: y, source: `${world.variant}, ${basis}`, worldTotal: total, variant: world.variant };
}

const STAGE_FIELD: Record<Exclude<Stage, "mining">, string> = { midstream: "refining", magnets: "magnets" };

function reportedStageShares(stage: Exclude<Stage, "mining">, year: number | null): ProductionTable {
  const field = STAGE_FIELD[stage];
  const keep = (r: DataRow) => notProjection(r) && isCountryKey(r.key);
  const y = year ?? latestYear(STAGE_SHARES, field, (r) => keep(r) && r.key === "CHN");
  if (y === null) throw missing(`${STAGE_SHARES}: no ${field} share for China`);
  const rows = bestRows(STAGE_SHARES, y, field, keep);
  const china = rows.find((r) => r.key === "CHN");
  if (!china) throw missing(`${STAGE_SHARES}: no ${y} ${field} share for China; years with one: ${yearsWith(STAGE_SHARES, field, (r) => keep(r) && r.key === "CHN")}`);
  // One source per table: the countries the same source reports for that year.
  const members = rows.filter((r) => r.variant === china.variant).map((r) => ({ key: r.key, share: (r.values[field] as number) / 100 }));
  return { members, dataset: STAGE_SHARES, year: y, source: china.variant ?? STAGE_SHARES, worldTotal: null, variant: china.variant };
}

function productionTable(stage: Stage, year: number | null): ProductionTable {
  return stage === "mining" ? mineProduction(year) : reportedStageShares(stage, year);
}

// ---------------------------------------------------------------------------------------------
// The rows

function geographyRow(stage: Stage, country: string, year: number | null): { row: RowV1; reserves: MemberShare[] } {
  if (stage !== "mining") {
    return {
      reserves: [],
      row: { input: "g", value: 0, how: "0 by definition: geography applies to the mining stage only (DESIGN 1.1)", dataset: "", year: "", fallback: false },
    };
  }
  const keep = (r: DataRow) => isCountryKey(r.key);
  const latest = latestYear(RESERVES, "reserves", keep);
  let y = year ?? latest;
  let note = "";
  if (year !== null && !rowsOf(RESERVES).some((r) => r.year === year && r.values.reserves != null)) {
    y = latest;
    note = `no ${year} reserves in ${RESERVES}; fallback: latest reserves (${latest}). `;
  }
  if (y === null) throw missing(`${RESERVES}: no reserves figures`);
  const rows = bestRows(RESERVES, y, "reserves", keep);
  // The world total is printed only as a lower bound (">90,000,000"), so shares are of the listed countries' sum.
  const total = rows.reduce((a, r) => a + (r.values.reserves as number), 0);
  const reserves = rows.map((r) => ({ key: r.key, share: (r.values.reserves as number) / total }));
  const value = externalSumOfSquares(reserves, country);
  return {
    reserves,
    row: {
      input: "g",
      value,
      how: `${note}Σ reserve share² of countries other than ${country}; shares of the ${rows.length} countries with a reserves figure (world printed only as a lower bound): ${describeShares(reserves)}`,
      dataset: RESERVES,
      year: y,
      fallback: note !== "",
    },
  };
}

function productionRows(table: ProductionTable, country: string): RowV1[] {
  const p = sumOfSquares(table.members);
  const pc = externalSumOfSquares(table.members, country);
  const named = table.members.reduce((a, m) => a + m.share, 0);
  const remainder = named < 0.999 ? `; the unattributed ${pct(1 - named)} counts as dispersed (adds 0)` : "";
  return [
    { input: "p", value: p, how: `Σ production share² (shares of world, ${table.source}): ${describeShares(table.members)}${remainder}`, dataset: table.dataset, year: table.year, fallback: false },
    { input: "p_c", value: pc, how: `Σ production share² of countries other than ${country}${remainder}`, dataset: table.dataset, year: table.year, fallback: false },
  ];
}

function quotaSum(key: string, year: number, field: string, variants: readonly string[]): number | null {
  let sum = 0;
  for (const v of variants) {
    const r = rowsOf(QUOTA).find((x) => x.key === key && x.year === year && x.variant === v);
    const x = r?.values[field];
    if (x === null || x === undefined) return null;
    sum += x;
  }
  return sum;
}

/** The year of China Northern Rare Earth's only complete set of quota batches in the data. */
const NORTHERN_FULL_YEAR = 2023;
const NORTHERN_BATCHES = ["first+second batch", "third batch"] as const;

function firmRow(stage: Stage, year: number | null, production: ProductionTable): RowV1 {
  const yearNote = (y: number) => (year !== null && year !== y ? `no ${year} firm figure; fallback: ${y} figure. ` : "");
  if (stage === "mining") {
    const northern = quotaSum("china_northern_rare_earth", NORTHERN_FULL_YEAR, "mining_quota_t", NORTHERN_BATCHES);
    const world = mineProduction(NORTHERN_FULL_YEAR);
    const worldTotal = world.worldTotal;
    if (northern !== null && worldTotal) {
      const share = northern / worldTotal;
      return {
        input: "f",
        value: firmHhiUpperBound([share]),
        how: `${yearNote(NORTHERN_FULL_YEAR)}upper bound = largest firm's share (HHI ≤ max share): China Northern Rare Earth mining quota ${northern.toLocaleString("en-US")} t (batches 1+2 and 3) ÷ USGS world ${worldTotal.toLocaleString("en-US")} t (${world.variant}; USGS reports China's output as its quota)`,
        dataset: `${QUOTA}; ${MINE}`,
        year: NORTHERN_FULL_YEAR,
        fallback: yearNote(NORTHERN_FULL_YEAR) !== "",
      };
    }
  }
  if (stage === "midstream") {
    const northern = quotaSum("china_northern_rare_earth", NORTHERN_FULL_YEAR, "smelting_separation_quota_t", NORTHERN_BATCHES);
    const national = rowsOf(QUOTA).find((r) => r.key === "national_total" && r.year === NORTHERN_FULL_YEAR && r.variant === "full year")?.values
      .smelting_separation_quota_t;
    const chinaRow = bestRows(STAGE_SHARES, NORTHERN_FULL_YEAR, "refining", (r) => notProjection(r) && r.key === "CHN")[0];
    if (northern !== null && national && chinaRow) {
      const chinaShare = (chinaRow.values.refining as number) / 100;
      const share = (northern / national) * chinaShare;
      return {
        input: "f",
        value: firmHhiUpperBound([share]),
        how: `${yearNote(NORTHERN_FULL_YEAR)}upper bound = largest firm's share: China Northern Rare Earth separation quota ${northern.toLocaleString("en-US")} t ÷ China's ${national.toLocaleString("en-US")} t × China's ${pct(chinaShare)} of world refining (${chinaRow.variant})`,
        dataset: `${QUOTA}; ${STAGE_SHARES}`,
        year: NORTHERN_FULL_YEAR,
        fallback: yearNote(NORTHERN_FULL_YEAR) !== "",
      };
    }
  }
  if (stage === "magnets") {
    const largest = rowsOf(PAPER).find((r) => r.key === "magnet_largest_firm_share")?.values.value;
    if (largest !== null && largest !== undefined) {
      const note = year !== null ? `the paper states no year (its firm data are from 2022); ` : "";
      return {
        input: "f",
        value: firmHhiUpperBound([largest / 100]),
        how: `${note}upper bound = largest firm's share: the largest permanent-magnet company holds ${largest}% of global sales (framework paper, Mergent data)`,
        dataset: PAPER,
        year: "undated (paper 2022)",
        fallback: false,
      };
    }
  }
  const p = sumOfSquares(production.members);
  return {
    input: "f",
    value: p,
    how: `no firm figure for this stage; fallback: f = p (the country HHI bounds the firm HHI when no firm spans countries)`,
    dataset: production.dataset,
    year: production.year,
    fallback: true,
  };
}

function latestRow(id: string, key: string, field: string, year: number | null): DataRow | undefined {
  const rows = rowsOf(id).filter((r) => r.key === key && r.values[field] !== undefined && r.year !== null);
  if (year !== null) return rows.find((r) => r.year === year && r.values[field] !== null);
  return rows.filter((r) => r.values[field] !== null).sort((a, b) => (b.year as number) - (a.year as number))[0];
}

/** The US: USGS net import reliance × top partner's share of US imports (UN Comtrade, same year). */
function usTrade(stage: Stage, year: number | null): { trade: TradeBasis; row: RowV1 } {
  if (stage === "mining") {
    const rows = rowsOf(SALIENT).filter((r) => r.key === "net_import_reliance_mineral_concentrates" && r.year !== null && (year === null || r.year === year));
    const r = rows.sort((a, b) => (b.year as number) - (a.year as number) || variantRank(SALIENT, a.variant) - variantRank(SALIENT, b.variant))[0];
    if (r && r.text.printed === "E") {
      return {
        trade: { nir: 0, topShare: 0 },
        row: { input: "t_c", value: 0, how: `0: USGS prints "E" (net exporter) for US mineral concentrates (${r.variant})`, dataset: SALIENT, year: r.year as number, fallback: false },
      };
    }
  }
  const hs = stage === "magnets" ? "850511" : "284690";
  if (stage === "midstream") {
    const nirRow = latestRow(SALIENT, "net_import_reliance_compounds_and_metals", "value", year);
    const partner = nirRow ? latestRow(COMTRADE, hs, "top1_share", nirRow.year) : undefined;
    if (nirRow && partner) {
      const nir = (nirRow.values.value as number) / 100;
      const top = partner.values.top1_share as number;
      return {
        trade: { nir, topShare: top },
        row: {
          input: "t_c",
          value: nir * top,
          how: `net import reliance ${pct(nir)} (USGS, compounds and metals, ${nirRow.variant}) × ${partner.text.top1_partner}'s ${pct(top)} of US imports of HS ${hs} (UN Comtrade)`,
          dataset: `${SALIENT}; ${COMTRADE}`,
          year: nirRow.year as number,
          fallback: false,
        },
      };
    }
  }
  const partner = latestRow(COMTRADE, hs, "top1_share", year) ?? latestRow(COMTRADE, hs, "top1_share", null);
  if (!partner) throw missing(`${COMTRADE}: no top-partner share for HS ${hs}`);
  const top = partner.values.top1_share as number;
  const yearNote = year !== null && partner.year !== year ? `no ${year} figure; latest used. ` : "";
  return {
    trade: { nir: 1, topShare: top },
    row: {
      input: "t_c",
      value: top,
      how: `${yearNote}no USGS net import reliance for ${stage === "magnets" ? "magnets" : "this stage"}; fallback: reliance 1 (no US output figure in the reference data) × ${partner.text.top1_partner}'s ${pct(top)} of US imports of HS ${hs} (UN Comtrade${partner.flags.includes("provisional") ? ", provisional" : ""})`,
      dataset: COMTRADE,
      year: partner.year as number,
      fallback: true,
    },
  };
}

/** Japan: China's share of Japan's rare-earth imports; reliance 1 as the documented fallback. */
function japanTrade(stage: Stage, year: number | null): { trade: TradeBasis; row: RowV1 } {
  if (stage === "magnets") {
    const keep = (r: DataRow) => r.key === "CHN" && r.values.export_share_hs850511 != null;
    const r = rowsOf(BACI).filter((x) => keep(x) && (year === null || x.year === year)).sort((a, b) => (b.year as number) - (a.year as number))[0]
      ?? rowsOf(BACI).filter(keep).sort((a, b) => (b.year as number) - (a.year as number))[0];
    const top = r.values.export_share_hs850511 as number;
    return {
      trade: { nir: 1, topShare: top },
      row: {
        input: "t_c",
        value: top,
        how: `no Japanese magnet imports by partner or magnet output in the reference data; fallback: reliance 1 × China's ${pct(top)} of world exports of HS 850511 (CEPII BACI) as the top partner's share`,
        dataset: BACI,
        year: r.year as number,
        fallback: true,
      },
    };
  }
  const r = latestRow(JAPAN, "JPN", "china_share_pct", year) ?? latestRow(JAPAN, "JPN", "china_share_pct", null);
  if (!r) throw missing(`${JAPAN}: no China share of Japan's imports`);
  const top = (r.values.china_share_pct as number) / 100;
  const yearNote = year !== null && r.year !== year ? `no ${year} figure; fallback: latest (${r.year}). ` : "";
  return {
    trade: { nir: 1, topShare: top },
    row: {
      input: "t_c",
      value: top,
      how: `${yearNote}reliance 1 (fallback: Japan mines no rare earths and the data give no Japanese output or consumption) × China's ${pct(top)} of Japan's rare-earth imports (reported; all rare earths, no stage split)`,
      dataset: JAPAN,
      year: r.year as number,
      fallback: true,
    },
  };
}

/** China (and any other country without trade figures): the dominant-producer rule, else reliance 1 and no partner data. */
function otherTrade(stage: Stage, country: string, table: ProductionTable, year: number | null): { trade: TradeBasis; row: RowV1 } {
  if (stage === "magnets") {
    const rows = rowsOf(BACI).filter((r) => r.year !== null && r.values.export_value_hs850511 != null && (year === null || r.year === year));
    const y = Math.max(...rows.map((r) => r.year as number));
    const own = rows.find((r) => r.key === country && r.year === y);
    const importers = rowsOf(BACI).filter((r) => r.year === y && r.values.import_value_hs850511 != null);
    const exports = own?.values.export_value_hs850511;
    const imports = own?.values.import_value_hs850511 ?? null;
    const smallestListed = Math.min(...importers.map((r) => r.values.import_value_hs850511 as number));
    const importsBound = imports ?? smallestListed;
    if (exports != null && exports > importsBound) {
      return {
        trade: { nir: 0, topShare: 0 },
        row: {
          input: "t_c",
          value: 0,
          how: `0: net exporter of HS 850511 — exports ${exports.toLocaleString("en-US")} USD ${imports === null ? `exceed imports (not among the top 8 importers, so below ${smallestListed.toLocaleString("en-US")} USD)` : `exceed imports ${imports.toLocaleString("en-US")} USD`} (CEPII BACI)`,
          dataset: BACI,
          year: y,
          fallback: false,
        },
      };
    }
  }
  const own = table.members.find((m) => m.key === country)?.share ?? 0;
  if (own > DOMINANT_PRODUCER_SHARE) {
    return {
      trade: { nir: 0, topShare: 0 },
      row: {
        input: "t_c",
        value: 0,
        how: `no net import reliance for ${country} at this stage in the reference data; fallback: a producer of more than half of world output (${pct(own)}) is treated as a net exporter, t_c = 0`,
        dataset: table.dataset,
        year: table.year,
        fallback: true,
      },
    };
  }
  throw missing(`no trade data for ${country} at the ${stage} stage and no documented fallback applies (it produces ${pct(own)} of world output); enter t_c yourself in CHOKEPOINT.VULN.CVI`);
}

function tradeRow(stage: Stage, country: string, table: ProductionTable, year: number | null): { trade: TradeBasis; row: RowV1 } {
  if (country === "USA") return usTrade(stage, year);
  if (country === "JPN") return japanTrade(stage, year);
  return otherTrade(stage, country, table, year);
}

function technologyRow(stage: Stage, country: string, year: number | null): { patents: MemberShare[]; row: RowV1 } {
  const key = stage === "magnets" ? "patent_share_ndfeb_china_2021" : "patent_share_pm_china_2021";
  const r = rowsOf(PAPER).find((x) => x.key === key);
  const share = r?.values.value;
  if (share === null || share === undefined || !r) throw missing(`${PAPER}: no ${key} figure`);
  const patents: MemberShare[] = [{ key: "CHN", share: share / 100 }];
  const value = externalSumOfSquares(patents, country);
  const yearNote = year !== null && year !== r.year ? `no ${year} patent figure; ${r.year} used. ` : "";
  const scope =
    stage === "magnets"
      ? `China's ${share}% of neodymium-magnet patents granted (${r.year})`
      : `fallback: no patent data for the ${stage} stage; China's ${share}% of all permanent-magnet patents granted (${r.year}), which the paper says rare-earth patents overall follow`;
  return {
    patents,
    row: {
      input: "k_c",
      value,
      how: `${yearNote}Σ patent share² of countries other than ${country}: ${scope}; other countries' shares are not itemised and count as dispersed (adds 0)`,
      dataset: PAPER,
      year: r.year as number,
      fallback: stage !== "magnets" || yearNote !== "",
    },
  };
}

/** The trade input, or a row that says why the data cannot give it (the other five still show). */
function tradeOrGap(stage: Stage, country: string, table: ProductionTable, year: number | null): { trade: TradeBasis; row: RowV1 } {
  try {
    return tradeRow(stage, country, table, year);
  } catch (e) {
    if (!(isChokepointError(e) && e.kind === "na")) throw e;
    return { trade: { nir: NaN, topShare: NaN }, row: { input: "t_c", value: null, how: e.message, dataset: "", year: "", fallback: false } };
  }
}

/** Version 1 took each input's latest year, or the year given with its fallbacks: the row says how that year relates. */
function yearRuleV1(row: RowV1, year: number | null): string {
  if (typeof row.year !== "number") return "";
  if (year === null) return "latest with data (version 1)";
  const gap = row.year - year;
  const years = `${Math.abs(gap)} year${Math.abs(gap) === 1 ? "" : "s"}`;
  return gap === 0 ? "same year" : gap < 0 ? `earlier (${years})` : `later than the year asked (${years})`;
}

/** The six inputs for a stage and country, with provenance; `year` null = the latest with data. */
export function stageBasisV1(stage: Stage, countryText: string, year: number | null = null): StageBasis {
  if (year !== null && !Number.isInteger(year)) throw invalid(`year must be a whole number; got ${year}`);
  const country = resolveCountry(countryText);
  if (country.kind !== "country") throw invalid(`country "${countryText}" is ${country.name}, not a country; give an ISO3 code or a country name (model version 1 has no EU)`);
  const iso = country.iso3;
  const table = productionTable(stage, year);
  const geo = geographyRow(stage, iso, year);
  const firm = firmRow(stage, year, table);
  const trade = tradeOrGap(stage, iso, table, year);
  const tech = technologyRow(stage, iso, year);
  const rows: DimensionRow[] = [geo.row, ...productionRows(table, iso), firm, trade.row, tech.row].map((r) => ({ ...r, yearRule: yearRuleV1(r, year) }));
  return {
    stage,
    country: iso,
    countryName: country.name,
    version: 1,
    year,
    source: null,
    production: table.members,
    reserves: geo.reserves,
    trade: trade.trade,
    patents: tech.patents,
    rows,
    isOwn: (key) => key === iso,
  };
}
