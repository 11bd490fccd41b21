/**
 * Production share tables, version 2: at mining from one mine-production source (BGS by default,
 * USGS MCS or another as an option), every country's share read by CHOKEPOINT.SHARE's own rule
 * (the latest edition that reports that country and year, over that edition's world total), so
 * DIMENSIONS and SHARE agree; at midstream and magnets the reported shares of one source per
 * year. Tables are built once per source and year.
 */
import { quote } from "../quote";
import { invalid, isChokepointError } from "../errors";
import { getDataset, worldShare } from "../data";
import { countryByIso3 } from "../data/countries";
import type { MemberShare } from "../core/vulnerability/scenario";
import { allRows, num, preferred } from "./data";
import { STAGE_SHARES } from "./datasets";
import { chooseYear, noYear, type InputKind, type YearChoice } from "./yearRule";
import type { Stage } from "./types";

/** Mine-production datasets with country rows and a world total per year: the mining source option. */
export const MINING_SOURCES = ["bgs_mine_production", "usgs_mcs_mine_production", "wmd_mine_production", "vc_mine_production"] as const;
/** BGS World Mineral Statistics, 1992–2024: the longest single-source series, so the default. */
export const DEFAULT_MINING_SOURCE = "bgs_mine_production";

const SOURCE_ALIASES: Record<string, string> = { bgs: "bgs_mine_production", usgs: "usgs_mcs_mine_production", mcs: "usgs_mcs_mine_production", wmd: "wmd_mine_production", vc: "vc_mine_production" };

/** The mine-production dataset for a source argument (a dataset id, or "BGS", "USGS", "MCS", "WMD", "VC"); null: the default. */
export function parseMiningSource(text: string | null): string {
  if (text === null || text.trim() === "") return DEFAULT_MINING_SOURCE;
  const t = text.trim().toLowerCase();
  const id = SOURCE_ALIASES[t] ?? t;
  if (!(MINING_SOURCES as readonly string[]).includes(id)) {
    throw invalid(`source ${quote(text)} is not a mine-production dataset; use one of ${MINING_SOURCES.map((s) => `"${s}"`).join(", ")} (or "BGS", "USGS")`);
  }
  return id;
}

export interface ProductionTable {
  members: MemberShare[];
  dataset: string;
  year: number;
  choice: YearChoice;
  /** The source (and editions) and the denominator, for the row's "how". */
  source: string;
}

function isCountry(key: string): boolean {
  const c = countryByIso3(key);
  return c !== null && c.kind !== "aggregate";
}

const MINE_TABLES = new Map<string, ProductionTable["members"] | null>();
const MINE_SOURCES = new Map<string, string>();

/** Every country's share of the world in `source` for `year`, exactly as CHOKEPOINT.SHARE gives it (null when none). */
export function mineShares(source: string, year: number): MemberShare[] | null {
  const id = `${source}|${year}`;
  if (MINE_TABLES.has(id)) return MINE_TABLES.get(id)!;
  const keys = [...new Set(allRows(source).filter((r) => r.year === year && isCountry(r.key)).map((r) => r.key))];
  const members: MemberShare[] = [];
  const editions = new Map<string, number>();
  for (const key of keys) {
    try {
      const s = worldShare(source, key, year);
      members.push({ key, share: s.share });
      const label = `${s.variant ?? getDataset(source).meta.publisher}, world ${s.worldTotal.toLocaleString("en-US")} t`;
      editions.set(label, (editions.get(label) ?? 0) + 1);
    } catch (e) {
      if (!isChokepointError(e)) throw e;
      // no value or no world total in that country's edition: SHARE gives #N/A, so the table leaves it out
    }
  }
  const table = members.length > 0 ? members : null;
  MINE_TABLES.set(id, table);
  MINE_SOURCES.set(id, [...editions.keys()].join("; "));
  return table;
}

/** The years `source` has a mine-production table for. */
export function mineYears(source: string): number[] {
  return getDataset(source).meta.coverage.years.filter((y) => mineShares(source, y) !== null);
}

function mineTable(source: string, year: number): ProductionTable | string {
  const years = mineYears(source);
  const choice = chooseYear(years, year, "mine_production");
  if (!choice) return `${source}: ${noYear("mine_production", year, years)}`;
  const members = mineShares(source, choice.year)!;
  const sum = members.reduce((a, m) => a + m.share, 0);
  const denominator = sum > 1 ? `; the listed countries add up to ${(sum * 100).toFixed(2)}% of the rounded world total` : "";
  return { members, dataset: source, year: choice.year, choice, source: `${MINE_SOURCES.get(`${source}|${choice.year}`)}${denominator}` };
}

export const STAGE_FIELD: Record<Exclude<Stage, "mining">, string> = { midstream: "refining", magnets: "magnets" };
const STAGE_KIND: Record<Stage, InputKind> = { mining: "mine_production", midstream: "refining_shares", magnets: "magnet_shares" };

function stageRows(field: string) {
  return allRows(STAGE_SHARES).filter((r) => r.year !== null && !r.flags.includes("projection") && isCountry(r.key) && num(r, field) !== null);
}

/** The years with a reported China share at this stage (the table's anchor). */
export function stageYears(stage: Exclude<Stage, "mining">): number[] {
  const field = STAGE_FIELD[stage];
  return [...new Set(stageRows(field).filter((r) => r.key === "CHN").map((r) => r.year as number))].sort((a, b) => a - b);
}

function stageTable(stage: Exclude<Stage, "mining">, year: number): ProductionTable | string {
  const field = STAGE_FIELD[stage];
  const years = stageYears(stage);
  // Refining shares are declared slow-moving (a later year within 5, flagged); magnet shares are not.
  const kind = STAGE_KIND[stage];
  const choice = chooseYear(years, year, kind);
  if (!choice) return `${STAGE_SHARES}: ${noYear(kind, year, years)}`;
  const rows = stageRows(field).filter((r) => r.year === choice.year);
  const china = preferred(STAGE_SHARES, rows.filter((r) => r.key === "CHN"))!;
  // One source per table: the countries that source reports for that year. The extract names one
  // article two ways ("Chinese industry data reported by china.org.cn (…)" and "china.org.cn (…)"):
  // a source name that ends with the other's is the same source.
  const same = (v: string | null) => v === china.variant || (v !== null && china.variant !== null && (v.endsWith(china.variant) || china.variant.endsWith(v)));
  const members = rows.filter((r) => same(r.variant)).map((r) => ({ key: r.key, share: (num(r, field) as number) / 100 }));
  return { members, dataset: STAGE_SHARES, year: choice.year, choice, source: china.variant ?? STAGE_SHARES };
}

/** The production table of a stage for `year`, or the reason there is none. */
export function productionTable(stage: Stage, year: number, source: string): ProductionTable | string {
  return stage === "mining" ? mineTable(source, year) : stageTable(stage, year);
}

/** The latest year of a stage's production data: the year of "the latest" when none is asked. */
export function latestYear(stage: Stage, source: string): number {
  const years = stage === "mining" ? mineYears(source) : stageYears(stage);
  if (years.length === 0) throw invalid(`${stage === "mining" ? source : STAGE_SHARES} has no production table`);
  return years[years.length - 1];
}

/** The first year whose production table exists under the year rule (the earliest year History can start). */
export function firstYear(stage: Stage, source: string): number {
  const years = stage === "mining" ? mineYears(source) : stageYears(stage);
  const kind = STAGE_KIND[stage];
  let y = years[0];
  while (chooseYear(years, y - 1, kind)) y--;
  return y;
}
