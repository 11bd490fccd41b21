/**
 * What the model layer hands to reports and functions: a stage and country's six inputs with
 * their provenance (DIMENSIONS rows) and the share tables the levers move. Shared by every model
 * version.
 */
import { invalid } from "../errors";
import { quote } from "../quote";
import type { MemberShare } from "../core/vulnerability/scenario";

export const STAGES = ["mining", "midstream", "magnets"] as const;
export type Stage = (typeof STAGES)[number];

/** The inputs in the order DIMENSIONS lists them (templates match these labels). */
export const INPUTS = ["g", "p", "p_c", "f", "t_c", "k_c"] as const;
export type InputName = (typeof INPUTS)[number];

/** The three countries the framework compares, in display order. */
export const FOCUS_COUNTRIES = ["USA", "JPN", "CHN"] as const;

export interface DimensionRow {
  input: InputName;
  /** null when the reference data cannot give this input; `how` then says what is missing. */
  value: number | null;
  how: string;
  dataset: string;
  /** The data year, or text where the source states none or two parts have different years. */
  year: number | string;
  /** How the year relates to the year asked: "same year", "earlier (2 years)", "later than the year asked (6 years)", or "" where no year applies. */
  yearRule: string;
  fallback: boolean;
}

/** Trade exposure in parts, so the import-partner lever can move the partner share. */
export interface TradeBasis {
  /** Net import reliance 0–1 (0 for a net exporter). */
  nir: number;
  /** Share of imports from the largest partner, 0–1. */
  topShare: number;
}

/** Everything the index and the levers need for one stage and country. */
export interface StageBasis {
  stage: Stage;
  country: string;
  countryName: string;
  /** The model version that built it. */
  version: number;
  /** The year the inputs are for (the latest year of the stage's production data when none was asked). */
  year: number | null;
  /** The mine-production dataset behind the mining inputs (version 2), or null. */
  source: string | null;
  /** Production shares of the world total by country (unnamed remainder dispersed). */
  production: MemberShare[];
  /** Reserve shares (mining only; empty elsewhere). */
  reserves: MemberShare[];
  trade: TradeBasis;
  /** Patent shares by country of origin (unnamed remainder dispersed). */
  patents: MemberShare[];
  rows: DimensionRow[];
  /** For the levers: which keys are the country's own territory (the EU's members for the EU). */
  isOwn(key: string): boolean;
}

export function parseStage(text: string): Stage {
  const found = STAGES.find((s) => s === text.trim().toLowerCase());
  if (!found) throw invalid(`stage ${quote(text)} is not recognised; use one of: "mining", "midstream", "magnets"`);
  return found;
}

export function round(x: number, digits = 6): number {
  return Number(x.toFixed(digits));
}

export function pct(x: number): string {
  return `${round(x * 100, 2)}%`;
}

export function describeShares(members: readonly MemberShare[], limit = 4): string {
  return [...members]
    .sort((a, b) => b.share - a.share)
    .slice(0, limit)
    .map((m) => `${m.key} ${pct(m.share)}`)
    .join(", ");
}
