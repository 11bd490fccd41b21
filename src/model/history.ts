/**
 * CHOKEPOINT.VULN.HISTORY: one row per year of a stage and country's terms and CVI, with how many
 * inputs came from the same year, an earlier one or a later one, and what is missing where a year
 * cannot be computed.
 */
import { cviTerms } from "../core/vulnerability/cvi";
import { invalid, missing } from "../errors";
import { gapError, inputsOf, parseVersion, stageBasis, type BasisOptions } from "./basis";
import { firstYear, latestYear, parseMiningSource } from "./production";
import type { Cell } from "./report";
import type { Stage, StageBasis } from "./types";

export const HISTORY_HEADER: Cell[] = ["year", "G", "P", "T", "K", "CVI", "same year", "earlier", "later", "missing, fallbacks and later inputs"];

type RangeOptions = Omit<BasisOptions, "year">;

function rangeSource(options: RangeOptions): string {
  // Version 1's mining inputs are USGS MCS; version 2's the source asked (BGS by default).
  return parseVersion(options.version) === 1 ? "usgs_mcs_mine_production" : parseMiningSource(options.source ?? null);
}

function computable(basis: StageBasis): boolean {
  return basis.rows.every((r) => r.value !== null);
}

/** The years History covers by default: from the first year the data supports for this country to the latest. */
export function historyRange(stage: Stage, country: string, options: RangeOptions = {}): { from: number; to: number } {
  const source = rangeSource(options);
  const to = latestYear(stage, source);
  for (let y = firstYear(stage, source); y <= to; y++) {
    if (computable(stageBasis(stage, country, { ...options, year: y }))) return { from: y, to };
  }
  const gap = stageBasis(stage, country, { ...options, year: to }).rows.find((r) => r.value === null)!;
  throw missing(`no year from ${firstYear(stage, source)} to ${to} can be computed; in ${to}: ${gapError(gap).message}`);
}

function count(basis: StageBasis, prefix: string): number {
  return basis.rows.filter((r) => r.yearRule.startsWith(prefix)).length;
}

function flags(basis: StageBasis): string {
  const later = basis.rows.filter((r) => r.yearRule.startsWith("later")).map((r) => `${r.input} ${r.year}`);
  const fallback = basis.rows.filter((r) => r.fallback).map((r) => r.input);
  return [later.length ? `later: ${later.join(", ")}` : "", fallback.length ? `fallback: ${fallback.join(", ")}` : ""].filter(Boolean).join("; ");
}

export function historyTable(stage: Stage, country: string, fromYear: number | null, toYear: number | null, options: RangeOptions = {}): Cell[][] {
  if (fromYear !== null && toYear !== null && fromYear > toYear) throw invalid(`fromYear (${fromYear}) is after toYear (${toYear})`);
  const needDefault = fromYear === null || toYear === null;
  const range = needDefault ? historyRange(stage, country, options) : { from: fromYear, to: toYear };
  const from = fromYear ?? Math.min(range.from, toYear ?? range.from);
  const to = toYear ?? Math.max(range.to, from);
  const rows: Cell[][] = [HISTORY_HEADER];
  for (let y = from; y <= to; y++) {
    const basis = stageBasis(stage, country, { ...options, year: y });
    const counts = [count(basis, "same year"), count(basis, "earlier"), count(basis, "later")];
    const gap = basis.rows.find((r) => r.value === null);
    if (gap) {
      const e = gapError(gap);
      rows.push([y, e, e, e, e, e, ...counts, `missing ${e.message}`]);
      continue;
    }
    const t = cviTerms(inputsOf(basis));
    rows.push([y, t.G, t.P, t.T, t.K, t.CVI, ...counts, flags(basis)]);
  }
  return rows;
}
