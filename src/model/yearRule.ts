/**
 * The year rule every model input follows (model version 2, docs/model.md "The year rule"): an
 * input for year Y comes from Y where its data has Y; otherwise from the latest earlier year
 * within the staleness limit of its kind; a later year only for the kinds declared slow-moving,
 * within their limit, and flagged "later than the year asked"; otherwise nothing (the caller says
 * why, or applies a documented fallback). Pure: no datasets.
 */
import { compactYears } from "../data/years";

/** The kinds of input, each with its own staleness limits. */
export type InputKind =
  | "mine_production"
  | "refining_shares"
  | "magnet_shares"
  | "reserves"
  | "firm"
  | "magnet_firm"
  | "import_reliance"
  | "partner_share"
  | "trade_balance"
  | "patents";

export interface YearLimits {
  /** What the kind covers, for docs and messages. */
  label: string;
  /** The most years earlier than the year asked that may be taken. */
  earlier: number;
  /** The most years later that may be taken (slow-moving kinds only); null: never later. */
  later: number | null;
  /** Why these limits (docs/model.md quotes this). */
  why: string;
}

/** Staleness limits per kind (docs/model.md, "The year rule"; test/model/yearRule.test.ts checks the table there). */
export const YEAR_LIMITS: Readonly<Record<InputKind, YearLimits>> = Object.freeze({
  mine_production: {
    label: "mine production by country (p, p_c at mining)",
    earlier: 0,
    later: null,
    why: "an annual series in every mining source: a year without a table is a gap, never filled from a neighbour",
  },
  refining_shares: {
    label: "shares of separation and refining output (p, p_c at midstream)",
    earlier: 5,
    later: 5,
    why: "slow-moving: China's reported share stayed between 85% and 92% in every source (2019, 2023, 2024, and the paper's 80–90%); reported for three years only",
  },
  magnet_shares: {
    label: "shares of magnet output (p, p_c at magnets)",
    earlier: 5,
    later: null,
    why: "not slow-moving: China's share rose from about 50% (2005) to 79% (2010) and 90% (2017); reported for 2005, 2010, 2017, 2021, 2022 and 2024",
  },
  reserves: {
    label: "reserves by country (g_c)",
    earlier: 5,
    later: 20,
    why: "slow-moving: reserves change with exploration and reporting, not with a year's output; the reference data holds reserves for 2023–2025 only",
  },
  firm: {
    label: "largest firm's share at mining and midstream (f)",
    earlier: 2,
    later: null,
    why: "not slow-moving: China's consolidation into six groups (2012) and China Rare Earth Group (2021) changed firm concentration; without a figure f = p (fallback F6)",
  },
  magnet_firm: {
    label: "largest firm's share at the magnet stage (f)",
    earlier: 5,
    later: 10,
    why: "slow-moving: magnet making has stayed fragmented (the largest firm 7.7% of sales, Mergent 2022; four Japanese and German makers about half of high-performance NdFeB in 2017)",
  },
  import_reliance: {
    label: "net import reliance (the reliance part of t_c)",
    earlier: 2,
    later: null,
    why: "printed by USGS for each year; revised between editions, so the latest edition that prints the year is used",
  },
  partner_share: {
    label: "largest-partner share of imports (the partner part of t_c)",
    earlier: 3,
    later: null,
    why: "trade shares move with policy (Japan's China share fell from 82% in 2010 to 60% in 2014); Japan's series has gaps of up to three years",
  },
  trade_balance: {
    label: "exports and imports (the net-exporter test)",
    earlier: 3,
    later: null,
    why: "annual trade data (OEC to 2022, CEPII BACI to 2024)",
  },
  patents: {
    label: "patent shares by country (k_c)",
    earlier: 5,
    later: 15,
    why: "slow-moving: patents granted accumulate over decades; the only shares by country in the reference data are the paper's 2021 figures (China's share of annual NdFeB applications rose from 3.8% in 1985 to 73.9% in 2013, so for early years they overstate China's lead)",
  },
});

export type YearRelation = "same year" | "earlier" | "later";

export interface YearChoice {
  year: number;
  relation: YearRelation;
  /** Years between the year asked and the year taken (0 for the same year). */
  gap: number;
}

/** The year to take for `asked` from the years that have the figure, by the kind's limits; null if none qualifies. */
export function chooseYear(available: Iterable<number>, asked: number, kind: InputKind): YearChoice | null {
  const limits = YEAR_LIMITS[kind];
  let earlier: number | null = null;
  let later: number | null = null;
  for (const y of available) {
    if (y === asked) return { year: y, relation: "same year", gap: 0 };
    if (y < asked && asked - y <= limits.earlier && (earlier === null || y > earlier)) earlier = y;
    if (y > asked && limits.later !== null && y - asked <= limits.later && (later === null || y < later)) later = y;
  }
  if (earlier !== null) return { year: earlier, relation: "earlier", gap: asked - earlier };
  if (later !== null) return { year: later, relation: "later", gap: later - asked };
  return null;
}

/** What a DIMENSIONS row says in its "year rule" column. */
export function relationText(choice: YearChoice): string {
  if (choice.relation === "same year") return "same year";
  const years = `${choice.gap} year${choice.gap === 1 ? "" : "s"}`;
  return choice.relation === "earlier" ? `earlier (${years})` : `later than the year asked (${years})`;
}

/** The worse of two relations: later over earlier over same year (a row built from two parts). */
export function worse(a: YearChoice, b: YearChoice): YearChoice {
  const rank = { "same year": 0, earlier: 1, later: 2 } as const;
  if (rank[b.relation] !== rank[a.relation]) return rank[b.relation] > rank[a.relation] ? b : a;
  return b.gap > a.gap ? b : a;
}

/** Why no year qualifies, listing the years that have the figure. */
export function noYear(kind: InputKind, asked: number, available: Iterable<number>): string {
  const limits = YEAR_LIMITS[kind];
  const years = [...new Set(available)].sort((a, b) => a - b);
  const has = years.length === 0 ? "no year has one" : `years with one: ${compactYears(years)}`;
  const window =
    limits.later === null
      ? limits.earlier === 0
        ? `only ${asked} itself may be used`
        : `${asked - limits.earlier}–${asked} may be used (never a later year)`
      : `${asked - limits.earlier}–${asked + limits.later} may be used (later years flagged)`;
  return `no ${limits.label} for ${asked} within the staleness limit (${window}); ${has}`;
}
