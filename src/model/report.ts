/**
 * The tables the VULN functions spill: the inputs with provenance, the compound index by country,
 * the terms explained beside the framework statements they encode, and the policy levers ranked.
 * Each takes the year, the mining source and the model version (BasisOptions).
 */
import { cvi, cviTerms, DEFAULT_PARAMETERS, type CviInputs } from "../core/vulnerability/cvi";
import { diversifyFromLeader, externalSumOfSquares, sumOfSquares } from "../core/vulnerability/scenario";
import { invalid, type ChokepointError } from "../errors";
import { gapError, inputsOf, stageBasis, type BasisOptions } from "./basis";
import { FOCUS_COUNTRIES, type Stage, type StageBasis } from "./types";

/** A table cell; a ChokepointError stands for an Excel error in that one cell. */
export type Cell = string | number | ChokepointError;

export const DIMENSIONS_HEADER: Cell[] = ["input", "value", "how computed", "dataset", "year", "year rule"];

export function dimensionsTable(stage: Stage, country: string, options: BasisOptions = {}): Cell[][] {
  const basis = stageBasis(stage, country, options);
  // A missing input is an #N/A in its value cell, with the reason beside it; the other rows still show.
  return [DIMENSIONS_HEADER, ...basis.rows.map((r) => [r.input, r.value === null ? gapError(r) : r.value, r.how, r.dataset, r.year, r.yearRule])];
}

/** The CVI of one country, or of USA, JPN and CHN as a 3×2 table when no country is given. */
export function compound(stage: Stage, country: string | null, options: BasisOptions = {}): number | Cell[][] {
  if (country !== null) return cvi(inputsOf(stageBasis(stage, country, options)));
  return FOCUS_COUNTRIES.map((c) => [c, cvi(inputsOf(stageBasis(stage, c, options)))]);
}

/** The framework's statements, quoted from the paper (docs/model.md cites each). */
export const STATEMENTS = {
  geography:
    "“True geographic chokepoints are very rare” … “In short, China’s market position was determined by policy, not geography.”",
  production: "“A production chokepoint makes a country less vulnerable if the industry is diversified at the firm level.”",
  trade: "“an existing trade chokepoint does not make a country particularly vulnerable if global production is already diversified.”",
  technology:
    "“A technological chokepoint, compounded by a lack of diversification at other levels, indicates an inability for a country to pivot quickly to domestic production or alternative suppliers.”",
  compound: "“The degree of vulnerability from a potential chokepoint depends on where it arises, and whether it is compounded by chokepoints from multiple sources.”",
} as const;

function n(x: number): string {
  return String(Number(x.toFixed(4)));
}

export const EXPLAIN_HEADER: Cell[] = ["term", "value", "formula", "framework statement"];

export function explainTable(stage: Stage, country: string, options: BasisOptions = {}): Cell[][] {
  const basis = stageBasis(stage, country, options);
  const x = inputsOf(basis);
  const { m, wg } = DEFAULT_PARAMETERS;
  const t = cviTerms(x);
  const own = `${basis.countryName} (${basis.country})`;
  return [
    EXPLAIN_HEADER,
    [
      "G",
      t.G,
      `geography = weight w_g × concentration of reserves outside ${own} = ${n(wg)} × ${n(x.g)} = ${n(t.G)}`,
      `${STATEMENTS.geography} (Design rule 5: concentration inside your own territory is not a chokepoint for you.)`,
    ],
    [
      "P",
      t.P,
      `production = concentration of output outside ${own}, reduced by firm diversification: p_c × (1 − m × (1 − f)) = ${n(x.pExternal)} × (1 − ${n(m)} × (1 − ${n(x.f)})) = ${n(t.P)}`,
      STATEMENTS.production,
    ],
    [
      "T",
      t.T,
      `trade = trade exposure × global production concentration: t_c × p = ${n(x.t)} × ${n(x.pGlobal)} = ${n(t.T)}`,
      STATEMENTS.trade,
    ],
    [
      "K",
      t.K,
      `technology = patent concentration outside ${own} × the larger of the production and trade terms: k_c × max(P, T) = ${n(x.k)} × ${n(Math.max(t.P, t.T))} = ${n(t.K)}`,
      STATEMENTS.technology,
    ],
    [
      "CVI",
      t.CVI,
      `compound index (model version ${basis.version}) = 1 − (1 − G)(1 − P)(1 − T)(1 − K) = 1 − ${n(1 - t.G)} × ${n(1 - t.P)} × ${n(1 - t.T)} × ${n(1 - t.K)} = ${n(t.CVI)}`,
      STATEMENTS.compound,
    ],
  ];
}

export const LEVERS = ["production", "imports", "firms", "technology"] as const;
export type Lever = (typeof LEVERS)[number];
export const DEFAULT_DELTA = 0.1;

/** The model inputs after one lever moves by `delta` (definitions in docs/model.md, "Levers"). */
export function applyLever(basis: StageBasis, lever: Lever, delta: number): CviInputs {
  if (!(delta >= 0 && delta <= 1)) throw invalid(`delta must be between 0 and 1 (a share, e.g. 0.1); got ${delta}`);
  const x = inputsOf(basis);
  switch (lever) {
    case "production": {
      const shifted = diversifyFromLeader(basis.production, delta);
      return { ...x, pGlobal: sumOfSquares(shifted), pExternal: externalSumOfSquares(shifted, basis.isOwn) };
    }
    case "imports":
      return { ...x, t: basis.trade.nir * Math.max(0, basis.trade.topShare - delta) };
    case "firms":
      return { ...x, f: Math.max(0, x.f - delta) };
    case "technology":
      return { ...x, k: externalSumOfSquares(diversifyFromLeader(basis.patents, delta), basis.isOwn) };
  }
}

export interface LeverEffect {
  lever: Lever;
  cvi: number;
  change: number;
}

/** Every lever's new CVI and change, most effective (most negative change) first; ties keep lever order. */
export function sensitivity(stage: Stage, country: string, delta: number = DEFAULT_DELTA, options: BasisOptions = {}): LeverEffect[] {
  const basis = stageBasis(stage, country, options);
  const base = cvi(inputsOf(basis));
  const effects = LEVERS.map((lever) => {
    const value = cvi(applyLever(basis, lever, delta));
    return { lever, cvi: value, change: value - base };
  });
  return effects.sort((a, b) => a.change - b.change || LEVERS.indexOf(a.lever) - LEVERS.indexOf(b.lever));
}

export const SENSITIVITY_HEADER: Cell[] = ["lever", "new CVI", "change"];

export function sensitivityTable(stage: Stage, country: string, delta: number = DEFAULT_DELTA, options: BasisOptions = {}): Cell[][] {
  return [SENSITIVITY_HEADER, ...sensitivity(stage, country, delta, options).map((e) => [e.lever, e.cvi, e.change])];
}
