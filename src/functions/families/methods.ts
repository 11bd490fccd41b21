/* Established methods beside the CVI: the EU criticality method, GeoPolRisk and USGS net import reliance. Each body: coerce, call the core, map errors (run). */
import { isBlank, isErrorValue, isMissingMarker, optionalNumber, requiredNumber, requiredText, scalarOf } from "../../core/coerce";
import { euWgiScore, hhiWgi, isCritical, supplyRisk, wgiScale } from "../../core/eu";
import { characterisationFactor, GEOPOLRISK_PY_REFERENCE, geoPolRisk, instabilityFromStability } from "../../core/geopolrisk";
import { missing } from "../../errors";
import { printedNetImportReliance, wgiRecord, wgiWho } from "../../model/methods";
import { run } from "../adapter";

function optionalYear(arg: unknown, name = "year"): number | null {
  return isBlank(scalarOf(arg)) ? null : requiredNumber(arg, name, { integer: true, min: 1800, max: 2100 });
}

/** The EU 0–10 WGI score of a country and year (null = the latest WGI year). */
function euWgiOf(country: string, year: number | null, argName = "country"): number {
  const rec = wgiRecord(country, year, argName);
  return euWgiScore(rec.estimates, wgiWho(rec));
}

/** The GeoPolRisk instability of a country and year (null = the latest WGI year). */
function instabilityOf(country: string, year: number | null, argName = "country"): number {
  const rec = wgiRecord(country, year, argName);
  const pv = rec.estimates.find((e) => e.code === "pv")!;
  if (pv.value === null) throw missing(`the World Bank prints no ${pv.name} (pv) estimate for ${wgiWho(rec)}, which GeoPolRisk's instability needs`);
  return instabilityFromStability(pv.value);
}

/**
 * A range in which a cell may name a country instead of giving its score: each text cell that is
 * not a missing-value marker is replaced by `scoreOf(country)`; numbers, blanks and errors stay.
 */
function withCountryScores(range: unknown, argName: string, scoreOf: (country: string, argName: string) => number): unknown {
  let item = 0;
  const cell = (v: unknown): unknown => {
    item++;
    if (typeof v !== "string" || isBlank(v) || isMissingMarker(v) || isErrorValue(v) || Number.isFinite(Number(v))) return v;
    return scoreOf(v.trim(), `${argName}: item ${item}`);
  };
  if (!Array.isArray(range)) return cell(range);
  return range.map((row) => (Array.isArray(row) ? row.map(cell) : cell(row)));
}

/**
 * EU criticality concentration of supply: Σ S² · WGI · t (European Commission 2017 methodology).
 * @customfunction EU.HHIWGI EU.HHIWGI
 * @helpurl https://localhost:3000/docs/functions.html#chokepointeuhhiwgi
 * @param shares Supply shares by country, as fractions (every share at most 1) or percentages (any share above 1).
 * @param wgi Each country's WGI on the 0–10 scale (10 worst; CHOKEPOINT.EU.WGISCALE converts), aligned with shares.
 * @param [t] Trade-related variable: one number for all countries or a range aligned with shares; 1 if omitted.
 * @param [year] WGI year for cells of wgi that name a country instead of a score; blank = the latest WGI year.
 * @returns HHI weighted by governance and trade, between 0 and 10.
 */
export function EU_HHIWGI(shares: any[][], wgi: any[][], t?: any, year?: any): number {
  return run("EU.HHIWGI", () => {
    const y = optionalYear(year);
    const scores = withCountryScores(wgi, "wgi", (country, argName) => euWgiOf(country, y, argName));
    return hhiWgi(shares, scores, isBlank(scalarOf(t)) ? undefined : t).value;
  });
}

/**
 * A country's governance score on the EU method's 0–10 scale (10 worst): 2 · (2.5 − mean of its six WGI estimates).
 * @customfunction EU.WGI EU.WGI
 * @helpurl https://localhost:3000/docs/functions.html#chokepointeuwgi
 * @param country A country name, alias or ISO code.
 * @param [year] WGI year (1996–2023); blank = the latest WGI year.
 * @returns The scaled WGI, between 0 and 10; #N/A where the World Bank prints fewer than six estimates.
 */
export function EU_WGI(country: any, year?: any): number {
  return run("EU.WGI", () => euWgiOf(requiredText(country, "country"), optionalYear(year)));
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
 * @param [year] WGI year for cells of instability that name a country instead of a score; blank = the latest WGI year.
 * @returns The importer's geopolitical supply risk.
 */
export function GEOPOLRISK(hhi: any, imports: any[][], instability: any[][], domesticProduction: any, year?: any): number {
  return run("GEOPOLRISK", () => {
    const y = optionalYear(year);
    const scores = withCountryScores(instability, "instability", (country, argName) => instabilityOf(country, y, argName));
    return geoPolRisk(requiredNumber(hhi, "hhi", { min: 0 }), imports, scores, requiredNumber(domesticProduction, "domesticProduction", { min: 0 }));
  });
}

/**
 * A partner's instability as GeoPolRisk uses it: (2.5 − political stability estimate) / 5, clipped to 0–1.
 * @customfunction GEOPOLRISK.INSTABILITY GEOPOLRISK.INSTABILITY
 * @helpurl https://localhost:3000/docs/functions.html#chokepointgeopolriskinstability
 * @param country A country name, alias or ISO code.
 * @param [year] WGI year (1996–2023); blank = the latest WGI year.
 * @returns The instability g, between 0 (most stable) and 1.
 */
export function GEOPOLRISK_INSTABILITY(country: any, year?: any): number {
  return run("GEOPOLRISK.INSTABILITY", () => instabilityOf(requiredText(country, "country"), optionalYear(year)));
}

/**
 * The GeoPolRisk characterisation factor of geopolrisk-py: score × price / reference (kg copper-equivalent per kg).
 * @customfunction GEOPOLRISK.CF GEOPOLRISK.CF
 * @helpurl https://localhost:3000/docs/functions.html#chokepointgeopolriskcf
 * @param score A GeoPolRisk score (CHOKEPOINT.GEOPOLRISK).
 * @param price The material's price, USD per kg.
 * @param [referencePrice] The reference, copper's score × price; blank = geopolrisk-py's 0.409412948.
 * @returns The characterisation factor.
 */
export function GEOPOLRISK_CF(score: any, price: any, referencePrice?: any): number {
  return run("GEOPOLRISK.CF", () =>
    characterisationFactor(
      requiredNumber(score, "score", { min: 0 }),
      requiredNumber(price, "price", { min: 0 }),
      optionalNumber(referencePrice, "referencePrice", GEOPOLRISK_PY_REFERENCE),
    ),
  );
}

/**
 * The US net import reliance of rare-earth compounds and metals as USGS prints it (Mineral Commodity Summaries).
 * @customfunction USGS.NIR USGS.NIR
 * @helpurl https://localhost:3000/docs/functions.html#chokepointusgsnir
 * @param year Data year.
 * @param [edition] MCS edition, e.g. "MCS 2025" or 2025; blank = the latest edition that prints that year.
 * @returns A fraction (53% → 0.53); where USGS prints ">95", its bound 0.95.
 */
export function USGS_NIR(year: any, edition?: any): number {
  return run("USGS.NIR", () => {
    const e = scalarOf(edition);
    return printedNetImportReliance(requiredNumber(year, "year", { integer: true, min: 1800, max: 2100 }), isBlank(e) ? null : requiredText(e, "edition")).value;
  });
}
