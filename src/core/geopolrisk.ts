/**
 * GeoPolRisk, the importer-specific geopolitical supply risk of Gemechu et al. (2015):
 *   GeoPolRisk_c = HHI · Σ_i g_i · f_i / (p_c + F_c)
 * HHI of global production (0–1), g_i the (in)stability of exporter i, f_i the country's imports
 * from i, F_c its total imports (the sum of the f_i given), p_c its domestic production.
 */
import { cellCount, quantitiesWithGaps } from "./coerce";
import { hhiPoints } from "./concentration";
import { invalid } from "../errors";
import { CompensatedSum, outsideSafeBand, rescalingFactors } from "./exact";

/** Multiplies `v` by the two factors of rescalingFactors (identity when there are none). */
function rescaled(v: number, factors: [number, number] | null): number {
  return factors === null ? v : v * factors[0] * factors[1];
}

export function geoPolRisk(hhi: number, imports: unknown, instability: unknown, domesticProduction: number): number {
  // Points (as the merger guidelines print HHI) are accepted and converted, by the rule BAND follows.
  const h = hhiPoints(hhi) / 10000;
  if (!(domesticProduction >= 0)) throw invalid(`domesticProduction must not be negative; got ${domesticProduction}`);
  const f = quantitiesWithGaps(imports, "imports");
  const g = quantitiesWithGaps(instability, "instability");
  if (f.length !== g.length) throw invalid(`instability has ${cellCount(g.length)} but imports has ${cellCount(f.length)}; give one value per partner`);
  // The ratio does not depend on units, but the sums can overflow (instability 1.8e308, imports
  // near 1e308) or lose digits near 1e-300 although the result is an ordinary number: supply is
  // summed in units of its largest figure and instability in units of its largest score.
  let largestSupply = domesticProduction;
  let largestScore = 0;
  f.forEach((fi, i) => {
    if (fi === null) return;
    const gi = g[i];
    if (gi === null) throw invalid(`instability: item ${i + 1} is blank but imports from that partner are ${fi}; give its instability`);
    if (fi > largestSupply) largestSupply = fi;
    if (gi > largestScore) largestScore = gi;
  });
  if (!(largestSupply > 0)) throw invalid("domestic production and imports are all zero, so there is no supply to weigh");
  const supplyUnit = outsideSafeBand(largestSupply) ? rescalingFactors(largestSupply) : null;
  const scoreUnit = largestScore > 0 && outsideSafeBand(largestScore) ? rescalingFactors(largestScore) : null;
  const total = new CompensatedSum();
  const weighted = new CompensatedSum();
  f.forEach((fi, i) => {
    if (fi === null) return;
    const supply = rescaled(fi, supplyUnit);
    total.add(supply);
    weighted.add(rescaled(g[i] as number, scoreUnit) * supply);
  });
  const denominator = rescaled(domesticProduction, supplyUnit) + total.value;
  // Σ g·f / (p + F) is a weighted mean of the scores (times a share ≤ 1), so undoing the score unit cannot overflow.
  const ratio = h * (weighted.value / denominator);
  return scoreUnit === null ? ratio : ratio / scoreUnit[0] / scoreUnit[1];
}

/**
 * A partner's (in)stability as the GeoPolRisk method uses it (geopolrisk-py, Koyamparambath et al.
 * 2024): Political Stability and Absence of Violence/Terrorism alone, normalised to
 * g = (2.5 − pv) / 5 and clipped to [0, 1], so 0 is the most stable and 1 the least.
 */
export function instabilityFromStability(pv: number): number {
  if (!Number.isFinite(pv)) throw invalid(`the political stability estimate must be a number; got ${pv}`);
  return Math.min(1, Math.max(0, (2.5 - pv) / 5));
}

/**
 * geopolrisk-py's reference for the characterisation factor: CF_Cu = 0.409412948, "Average CF of
 * copper for OECD countries for a period from 2017 - 2021" (src/geopolrisk/assessment/core.py,
 * function GeoPolRisk). It is copper's score × price (price in USD per kg: import value over
 * quantity), so CF = score × price / CF_Cu is in kg copper-equivalent per kg.
 */
export const GEOPOLRISK_PY_REFERENCE = 0.409412948;

/** The GeoPolRisk characterisation factor: score × price / reference (geopolrisk-py's by default). */
export function characterisationFactor(score: number, price: number, referencePrice: number = GEOPOLRISK_PY_REFERENCE): number {
  if (!(score >= 0)) throw invalid(`score must be a GeoPolRisk score, 0 or more; got ${score}`);
  if (!(price >= 0)) throw invalid(`price must not be negative; got ${price}`);
  if (!(referencePrice > 0)) throw invalid(`referencePrice must be above 0 (geopolrisk-py uses ${GEOPOLRISK_PY_REFERENCE}); got ${referencePrice}`);
  return (score * price) / referencePrice;
}
