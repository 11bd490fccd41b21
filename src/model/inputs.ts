/**
 * Version 2's geography, production, firm and technology inputs (docs/model.md, "How each input
 * is built"), each taken by the year rule and saying which year it comes from. Trade is in
 * trade.ts.
 */
import { externalSumOfSquares, firmHhiUpperBound, sumOfSquares, type MemberShare } from "../core/vulnerability/scenario";
import { countryByIso3 } from "../data/countries";
import { allRows, num, preferred, rowsFor, yearsOf } from "./data";
import { PAPER, QUOTA, RESERVES } from "./datasets";
import type { Importer } from "./importer";
import type { ProductionTable } from "./production";
import { describeShares, pct, type DimensionRow, type Stage } from "./types";
import { chooseYear, noYear, relationText, type InputKind, type YearChoice } from "./yearRule";


/** The year and year-rule cells of a row taken by `choice`. */
export function yearCells(choice: YearChoice): Pick<DimensionRow, "year" | "yearRule"> {
  return { year: choice.year, yearRule: relationText(choice) };
}

/** A row the data cannot give: #N/A in its value cell, the reason in "how". */
export function gapRow(input: DimensionRow["input"], reason: string): DimensionRow {
  return { input, value: null, how: reason, dataset: "", year: "", yearRule: "", fallback: false };
}

function isCountry(key: string): boolean {
  const c = countryByIso3(key);
  return c !== null && c.kind === "country";
}

// ---------------------------------------------------------------------------------------------
// Geography

function reserveYears(): number[] {
  return [...new Set(allRows(RESERVES).filter((r) => r.year !== null && isCountry(r.key) && num(r, "reserves") !== null).map((r) => r.year as number))].sort((a, b) => a - b);
}

export function geographyRow(stage: Stage, who: Importer, year: number): { row: DimensionRow; reserves: MemberShare[] } {
  if (stage !== "mining") {
    return { reserves: [], row: { input: "g", value: 0, how: "0 by definition: geography applies to the mining stage only (DESIGN 1.1)", dataset: "", year: "", yearRule: "", fallback: false } };
  }
  const years = reserveYears();
  const choice = chooseYear(years, year, "reserves");
  if (!choice) return { reserves: [], row: gapRow("g", `${RESERVES}: ${noYear("reserves", year, years)}`) };
  const rows = allRows(RESERVES).filter((r) => r.year === choice.year && isCountry(r.key) && num(r, "reserves") !== null);
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = byKey.get(r.key);
    if (!prev || preferred(RESERVES, [prev, r]) === r) byKey.set(r.key, r);
  }
  const chosen = [...byKey.values()];
  // The world total is printed only as a lower bound (">85,000,000"), so shares are of the listed countries' sum.
  const total = chosen.reduce((a, r) => a + (num(r, "reserves") as number), 0);
  const reserves = chosen.map((r) => ({ key: r.key, share: (num(r, "reserves") as number) / total }));
  const edition = chosen[0].variant;
  return {
    reserves,
    row: {
      input: "g",
      value: externalSumOfSquares(reserves, who.isOwn),
      how: `Σ reserve share² of countries other than ${who.code}; shares of the ${chosen.length} countries with a reserves figure in ${edition} (world printed only as a lower bound): ${describeShares(reserves)}`,
      dataset: RESERVES,
      ...yearCells(choice),
      fallback: false,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Production

export function productionRows(table: ProductionTable, who: Importer): DimensionRow[] {
  const p = sumOfSquares(table.members);
  const pc = externalSumOfSquares(table.members, who.isOwn);
  const named = table.members.reduce((a, m) => a + m.share, 0);
  const remainder = named < 0.999 ? `; the unattributed ${pct(1 - named)} counts as dispersed (adds 0)` : "";
  const cells = { dataset: table.dataset, ...yearCells(table.choice), fallback: false };
  return [
    { input: "p", value: p, how: `Σ production share² (shares of world, ${table.source}): ${describeShares(table.members)}${remainder}`, ...cells },
    { input: "p_c", value: pc, how: `Σ production share² of countries other than ${who.code}${remainder}`, ...cells },
  ];
}

// ---------------------------------------------------------------------------------------------
// Firms

const NORTHERN = "china_northern_rare_earth";
/**
 * Years in which China Northern Rare Earth's listed quota batches make up the whole year: in 2022
 * and 2023 the national rows of the same batches add up to the full-year quota; in 2019 the
 * quota came in two batches (MIIT notices [2019]55 and the November 2019 full-year notice).
 */
export const NORTHERN_FULL_YEARS: Readonly<Record<number, readonly string[]>> = Object.freeze({
  2019: ["first batch", "second batch"],
  2022: ["first batch", "second batch"],
  2023: ["first+second batch", "third batch"],
});

const QUOTA_FIELD: Record<"mining" | "midstream", { firm: string; national: string; what: string }> = {
  mining: { firm: "mining_quota_t", national: "total_mining_quota_t", what: "mining" },
  midstream: { firm: "smelting_separation_quota_t", national: "smelting_separation_quota_t", what: "separation" },
};

/** Northern's share of China's full-year quota in `year`, from its batches, or null. */
function northernShare(stage: "mining" | "midstream", year: number): { share: number; firm: number; national: number } | null {
  const batches = NORTHERN_FULL_YEARS[year];
  const f = QUOTA_FIELD[stage];
  if (!batches) return null;
  let firm = 0;
  for (const b of batches) {
    const v = num(rowsFor(QUOTA, NORTHERN).find((r) => r.year === year && r.variant === b), f.firm);
    if (v === null) return null;
    firm += v;
  }
  const national = num(rowsFor(QUOTA, "national_total").find((r) => r.year === year && r.variant === "full year"), f.national);
  return national ? { share: firm / national, firm, national } : null;
}

function firmYears(stage: "mining" | "midstream"): number[] {
  return Object.keys(NORTHERN_FULL_YEARS).map(Number).filter((y) => northernShare(stage, y) !== null);
}

/** f = p: the country HHI bounds the firm HHI when no firm spans countries (fallback F6). */
function firmFallback(table: ProductionTable, reason: string): DimensionRow {
  return {
    input: "f",
    value: sumOfSquares(table.members),
    how: `${reason}; fallback F6: f = p (the country HHI bounds the firm HHI when no firm spans countries)`,
    dataset: table.dataset,
    ...yearCells(table.choice),
    fallback: true,
  };
}

export function firmRow(stage: Stage, year: number, table: ProductionTable): DimensionRow {
  if (stage === "magnets") return magnetFirmRow(year, table);
  const years = firmYears(stage);
  const choice = chooseYear(years, year, "firm");
  if (!choice) return firmFallback(table, `${QUOTA}: ${noYear("firm", year, years)}`);
  const n = northernShare(stage, choice.year)!;
  const china = table.members.find((m) => m.key === "CHN")?.share ?? 0;
  const share = n.share * china;
  const f = QUOTA_FIELD[stage];
  return {
    input: "f",
    value: firmHhiUpperBound([share]),
    how: `upper bound = largest firm's share (HHI ≤ max share): China Northern Rare Earth's ${choice.year} ${f.what} quota ${n.firm.toLocaleString("en-US")} t ÷ China's ${n.national.toLocaleString("en-US")} t (${pct(n.share)}) × China's ${pct(china)} of world output (${table.source}, ${table.year})`,
    dataset: `${QUOTA}; ${table.dataset}`,
    ...yearCells(choice),
    fallback: false,
  };
}

/** The paper's firm data are Mergent's as of March 2022 (its Figure 3), so its undated firm shares are dated 2022. */
export const PAPER_FIRM_YEAR = 2022;

function magnetFirmRow(year: number, table: ProductionTable): DimensionRow {
  const largest = num(rowsFor(PAPER, "magnet_largest_firm_share")[0], "value");
  const choice = largest === null ? null : chooseYear([PAPER_FIRM_YEAR], year, "magnet_firm");
  if (largest === null || !choice) return firmFallback(table, `${PAPER}: ${noYear("magnet_firm", year, largest === null ? [] : [PAPER_FIRM_YEAR])}`);
  return {
    input: "f",
    value: firmHhiUpperBound([largest / 100]),
    how: `upper bound = largest firm's share: the largest permanent-magnet company holds ${largest}% of global sales (framework paper, Mergent data as of March 2022)`,
    dataset: PAPER,
    ...yearCells(choice),
    fallback: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Technology

const PATENT_KEY: Record<Stage, string> = { mining: "patent_share_pm_china_2021", midstream: "patent_share_pm_china_2021", magnets: "patent_share_ndfeb_china_2021" };

export function technologyRow(stage: Stage, who: Importer, year: number): { patents: MemberShare[]; row: DimensionRow } {
  const key = PATENT_KEY[stage];
  const kind: InputKind = "patents";
  const years = yearsOf(PAPER, key, (r) => num(r, "value") !== null);
  const choice = chooseYear(years, year, kind);
  if (!choice) return { patents: [], row: gapRow("k_c", `${PAPER}: ${noYear(kind, year, years)}`) };
  const share = num(rowsFor(PAPER, key).find((r) => r.year === choice.year), "value") as number;
  const patents: MemberShare[] = [{ key: "CHN", share: share / 100 }];
  const scope =
    stage === "magnets"
      ? `China's ${share}% of neodymium-magnet patents granted (${choice.year})`
      : `fallback F5: no patent data for the ${stage} stage; China's ${share}% of all permanent-magnet patents granted (${choice.year}), which the paper says rare-earth patents overall follow`;
  return {
    patents,
    row: {
      input: "k_c",
      value: externalSumOfSquares(patents, who.isOwn),
      how: `Σ patent share² of countries other than ${who.code}: ${scope}; other countries' shares are not itemised and count as dispersed (adds 0)`,
      dataset: PAPER,
      ...yearCells(choice),
      fallback: stage !== "magnets",
    },
  };
}
