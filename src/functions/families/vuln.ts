/* The compound vulnerability model (DESIGN.md 1.1; model version 2, version 1 on request) as custom functions. Each body: coerce, call the model, map errors (run). */
import { isBlank, optionalNumber, optionalText, requiredNumber, requiredText, scalarOf } from "../../core/coerce";
import { supplyShock } from "../../core/shock";
import { cvi, DEFAULT_PARAMETERS } from "../../core/vulnerability/cvi";
import type { BasisOptions } from "../../model/basis";
import { historyTable } from "../../model/history";
import { compound, DEFAULT_DELTA, dimensionsTable, explainTable, sensitivityTable } from "../../model/report";
import { parseStage } from "../../model/types";
import { run } from "../adapter";

/**
 * Stages of the rare-earth and magnet supply chain.
 * @customenum {string}
 */
enum SupplyChainStage {
  /** Mining: ore and concentrate (REO) */
  mining = "mining",
  /** Midstream: separation, refining, metals and alloys */
  midstream = "midstream",
  /** Magnets: sintered NdFeB and other rare-earth magnets */
  magnets = "magnets",
}

function stageArg(arg: unknown) {
  return parseStage(requiredText(arg, "stage"));
}

function yearArg(arg: unknown, name = "year"): number | null {
  return isBlank(scalarOf(arg)) ? null : requiredNumber(arg, name, { integer: true, min: 1900, max: 2100 });
}

/** The year, mining source and model version arguments every VULN function that reads the reference data takes. */
function basisArgs(year: unknown, source: unknown, version: unknown): BasisOptions {
  return {
    year: yearArg(year),
    source: optionalText(source, "source"),
    version: isBlank(scalarOf(version)) ? null : requiredNumber(version, "version", { integer: true, min: 1, max: 99 }),
  };
}

/**
 * Compound vulnerability index (model version 1) from explicit inputs, each between 0 and 1.
 * @customfunction VULN.CVI VULN.CVI
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulncvi
 * @param g External reserve concentration g_c (mining only; 0 at other stages).
 * @param pExternal External production concentration p_c: Σ share² of the other countries.
 * @param pGlobal Global production HHI p, on the 0–1 scale.
 * @param f Firm HHI, on the 0–1 scale.
 * @param t Trade exposure t_c: net import reliance × top partner's share of imports.
 * @param k External technology concentration k_c: Σ patent share² of the other countries.
 * @param [m] Firm mitigation; 0.5 if omitted.
 * @param [wg] Geographic weight; 0.5 if omitted.
 * @returns CVI = 1 − (1 − G)(1 − P)(1 − T)(1 − K), between 0 and 1.
 */
export function VULN_CVI(g: any, pExternal: any, pGlobal: any, f: any, t: any, k: any, m?: any, wg?: any): number {
  return run("VULN.CVI", () =>
    cvi(
      {
        g: requiredNumber(g, "g"),
        pExternal: requiredNumber(pExternal, "pExternal"),
        pGlobal: requiredNumber(pGlobal, "pGlobal"),
        f: requiredNumber(f, "f"),
        t: requiredNumber(t, "t"),
        k: requiredNumber(k, "k"),
      },
      { m: optionalNumber(m, "m", DEFAULT_PARAMETERS.m), wg: optionalNumber(wg, "wg", DEFAULT_PARAMETERS.wg) },
    ),
  );
}

/**
 * Fraction of a country's supply lost when a partner cuts exports: importReliance · partnerShare · cut · (1 − substitution).
 * @customfunction VULN.SHOCK VULN.SHOCK
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulnshock
 * @param importReliance Share of the country's supply that is imported, 0–1.
 * @param partnerShare The partner's share of those imports, 0–1.
 * @param cut Share of its exports the partner withholds, 0–1.
 * @param [substitution] Share of the withheld supply other suppliers replace, 0–1; 0 if omitted.
 * @returns The share of supply lost, 0–1.
 */
export function VULN_SHOCK(importReliance: any, partnerShare: any, cut: any, substitution?: any): number {
  return run("VULN.SHOCK", () =>
    supplyShock({
      importReliance: requiredNumber(importReliance, "importReliance"),
      partnerShare: requiredNumber(partnerShare, "partnerShare"),
      cut: requiredNumber(cut, "cut"),
      substitution: optionalNumber(substitution, "substitution", 0),
    }),
  );
}

/**
 * The six model inputs of a stage and country from the reference data, with how each was computed, its dataset, year and how that year relates to the year asked.
 * @customfunction VULN.DIMENSIONS VULN.DIMENSIONS
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulndimensions
 * @param stage "mining", "midstream" or "magnets".
 * @param country An ISO3 code, a country name or "EU", e.g. "USA", "Japan", "China", "Korea".
 * @param [year] The year the inputs are for; the latest year of the stage's production data if omitted.
 * @param [source] Mine-production source of the mining inputs: "bgs_mine_production" (default) or "usgs_mcs_mine_production".
 * @param [version] Model version: 2 (default) or 1, as published.
 * @returns A header row and one row per input (g, p, p_c, f, t_c, k_c): value, how computed, dataset, year, year rule.
 */
export function VULN_DIMENSIONS(stage: SupplyChainStage, country: any, year?: any, source?: any, version?: any): any[][] {
  return run("VULN.DIMENSIONS", () => dimensionsTable(stageArg(stage), requiredText(country, "country"), basisArgs(year, source, version)));
}

/**
 * Compound vulnerability index of a stage and country from the reference data; without a country, USA, JPN and CHN.
 * @customfunction VULN.COMPOUND VULN.COMPOUND
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulncompound
 * @param stage "mining", "midstream" or "magnets".
 * @param [country] An ISO3 code, a country name or "EU"; omit for USA, JPN and CHN side by side.
 * @param [year] The year the inputs are for; the latest year of the stage's production data if omitted.
 * @param [source] Mine-production source of the mining inputs: "bgs_mine_production" (default) or "usgs_mcs_mine_production".
 * @param [version] Model version: 2 (default) or 1, as published.
 * @returns The CVI, or a 3×2 table of country and CVI.
 */
export function VULN_COMPOUND(stage: SupplyChainStage, country?: any, year?: any, source?: any, version?: any): any[][] {
  return run("VULN.COMPOUND", () => {
    const result = compound(stageArg(stage), optionalText(country, "country"), basisArgs(year, source, version));
    return typeof result === "number" ? [[result]] : result;
  });
}

/**
 * The terms G, P, T, K and the CVI of a stage and country: value, formula in words, and the framework statement each encodes.
 * @customfunction VULN.EXPLAIN VULN.EXPLAIN
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulnexplain
 * @param stage "mining", "midstream" or "magnets".
 * @param country An ISO3 code, a country name or "EU".
 * @param [year] The year the inputs are for; the latest year of the stage's production data if omitted.
 * @param [source] Mine-production source of the mining inputs: "bgs_mine_production" (default) or "usgs_mcs_mine_production".
 * @param [version] Model version: 2 (default) or 1, as published.
 * @returns A header row and one row per term.
 */
export function VULN_EXPLAIN(stage: SupplyChainStage, country: any, year?: any, source?: any, version?: any): any[][] {
  return run("VULN.EXPLAIN", () => explainTable(stageArg(stage), requiredText(country, "country"), basisArgs(year, source, version)));
}

/**
 * Ranks the policy levers (production, imports, firms, technology) by how much each lowers the CVI when it moves by delta.
 * @customfunction VULN.SENSITIVITY VULN.SENSITIVITY
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulnsensitivity
 * @param stage "mining", "midstream" or "magnets".
 * @param country An ISO3 code, a country name or "EU".
 * @param [delta] How far each lever moves, as a share (0–1); 0.1 if omitted.
 * @param [year] The year of the baseline inputs; the latest year of the stage's production data if omitted.
 * @param [source] Mine-production source of the mining inputs: "bgs_mine_production" (default) or "usgs_mcs_mine_production".
 * @param [version] Model version: 2 (default) or 1, as published.
 * @returns A header row and one row per lever, most effective first: lever, new CVI, change.
 */
export function VULN_SENSITIVITY(stage: SupplyChainStage, country: any, delta?: any, year?: any, source?: any, version?: any): any[][] {
  return run("VULN.SENSITIVITY", () =>
    sensitivityTable(stageArg(stage), requiredText(country, "country"), optionalNumber(delta, "delta", DEFAULT_DELTA, { min: 0, max: 1 }), basisArgs(year, source, version)),
  );
}

/**
 * The compound vulnerability of a stage and country year by year: the terms G, P, T, K and the CVI, how many inputs came from the same year, an earlier or a later one, and what is missing where a year cannot be computed.
 * @customfunction VULN.HISTORY VULN.HISTORY
 * @helpurl https://localhost:3000/docs/functions.html#chokepointvulnhistory
 * @param stage "mining", "midstream" or "magnets".
 * @param country An ISO3 code, a country name or "EU".
 * @param [fromYear] First year; the first year the data supports for this country if omitted.
 * @param [toYear] Last year; the latest year of the stage's production data if omitted.
 * @param [source] Mine-production source of the mining inputs: "bgs_mine_production" (default) or "usgs_mcs_mine_production".
 * @param [version] Model version: 2 (default) or 1, as published.
 * @returns A header row and one row per year: year, G, P, T, K, CVI, same year, earlier, later, and what is missing or flagged.
 */
export function VULN_HISTORY(stage: SupplyChainStage, country: any, fromYear?: any, toYear?: any, source?: any, version?: any): any[][] {
  return run("VULN.HISTORY", () => {
    const { source: src, version: v } = basisArgs(null, source, version);
    return historyTable(stageArg(stage), requiredText(country, "country"), yearArg(fromYear, "fromYear"), yearArg(toYear, "toYear"), { source: src, version: v });
  });
}
