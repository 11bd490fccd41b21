/* Established methods beside the CVI: the EU criticality method and GeoPolRisk. Each body: coerce, call the core, map errors (run). */
import { isBlank, optionalNumber, requiredNumber, scalarOf } from "../../core/coerce";
import { hhiWgi, isCritical, supplyRisk, wgiScale } from "../../core/eu";
import { geoPolRisk } from "../../core/geopolrisk";
import { run } from "../adapter";

/**
 * EU criticality concentration of supply: Σ S² · WGI · t (European Commission 2017 methodology).
 * @customfunction EU.HHIWGI EU.HHIWGI
 * @helpurl https://localhost:3000/docs/functions.html#chokepointeuhhiwgi
 * @param shares Supply shares by country, as fractions (every share at most 1) or percentages (any share above 1).
 * @param wgi Each country's WGI on the 0–10 scale (10 worst; CHOKEPOINT.EU.WGISCALE converts), aligned with shares.
 * @param [t] Trade-related variable: one number for all countries or a range aligned with shares; 1 if omitted.
 * @returns HHI weighted by governance and trade, between 0 and 10.
 */
export function EU_HHIWGI(shares: any[][], wgi: any[][], t?: any): number {
  return run("EU.HHIWGI", () => hhiWgi(shares, wgi, isBlank(scalarOf(t)) ? undefined : t).value);
}

/**
 * Rescales a World Governance Indicators estimate to the EU method's 0–10 scale (10 worst): 2 · (2.5 − x).
 * @customfunction EU.WGISCALE EU.WGISCALE
 * @helpurl https://localhost:3000/docs/functions.html#chokepointeuwgiscale
 * @param meanEstimate The mean of a country's six WGI estimates (−2.5 to 2.5), or a range of the six estimates.
 * @returns The scaled WGI, between 0 and 10.
 */
export function EU_WGISCALE(meanEstimate: any): number {
  return run("EU.WGISCALE", () => wgiScale(meanEstimate));
}

function optionalHhi(arg: unknown, name: string): number | null {
  return isBlank(scalarOf(arg)) ? null : requiredNumber(arg, name);
}

/**
 * EU supply risk: [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR.
 * @customfunction EU.SR EU.SR
 * @helpurl https://localhost:3000/docs/functions.html#chokepointeusr
 * @param hhiGlobal HHI_WGI,t of global supply (CHOKEPOINT.EU.HHIWGI); blank to use EU sourcing only.
 * @param hhiEU HHI_WGI,t of EU sourcing; blank to use global supply only.
 * @param importReliance EU import reliance, 0–1.
 * @param eolRir End-of-life recycling input rate, 0–1.
 * @param substitutionIndex Substitution index for supply risk (SI_SR), 0–1.
 * @returns The supply risk (critical from 1).
 */
export function EU_SR(hhiGlobal: any, hhiEU: any, importReliance: any, eolRir: any, substitutionIndex: any): number {
  return run("EU.SR", () =>
    supplyRisk({
      hhiGlobal: optionalHhi(hhiGlobal, "hhiGlobal"),
      hhiEU: optionalHhi(hhiEU, "hhiEU"),
      importReliance: requiredNumber(importReliance, "importReliance"),
      eolRir: requiredNumber(eolRir, "eolRir"),
      substitutionIndex: requiredNumber(substitutionIndex, "substitutionIndex"),
    }),
  );
}

/**
 * Whether a material is critical under the EU method: SR ≥ 1 and EI ≥ 2.8 (thresholds overridable).
 * @customfunction EU.CRITICAL EU.CRITICAL
 * @helpurl https://localhost:3000/docs/functions.html#chokepointeucritical
 * @param sr Supply risk.
 * @param ei Economic importance.
 * @param [srThreshold] Supply-risk threshold; 1 if omitted.
 * @param [eiThreshold] Economic-importance threshold; 2.8 if omitted.
 * @returns TRUE when both thresholds are reached.
 */
export function EU_CRITICAL(sr: any, ei: any, srThreshold?: any, eiThreshold?: any): boolean {
  return run("EU.CRITICAL", () =>
    isCritical(
      requiredNumber(sr, "sr", { min: 0 }),
      requiredNumber(ei, "ei", { min: 0 }),
      optionalNumber(srThreshold, "srThreshold", 1, { min: 0 }),
      optionalNumber(eiThreshold, "eiThreshold", 2.8, { min: 0 }),
    ),
  );
}

/**
 * GeoPolRisk (Gemechu et al. 2015): HHI · Σ g_i · f_i / (p_c + F_c), importer-specific.
 * @customfunction GEOPOLRISK GEOPOLRISK
 * @helpurl https://localhost:3000/docs/functions.html#chokepointgeopolrisk
 * @param hhi HHI of global production, 0–1 (points up to 10000 are converted).
 * @param imports The importing country's imports from each partner.
 * @param instability Each partner's (in)stability score, aligned with imports.
 * @param domesticProduction The importing country's domestic production, in the units of imports.
 * @returns The importer's geopolitical supply risk.
 */
export function GEOPOLRISK(hhi: any, imports: any[][], instability: any[][], domesticProduction: any): number {
  return run("GEOPOLRISK", () =>
    geoPolRisk(requiredNumber(hhi, "hhi", { min: 0 }), imports, instability, requiredNumber(domesticProduction, "domesticProduction", { min: 0 })),
  );
}
