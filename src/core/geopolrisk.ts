/**
 * GeoPolRisk, the importer-specific geopolitical supply risk of Gemechu et al. (2015):
 *   GeoPolRisk_c = HHI · Σ_i g_i · f_i / (p_c + F_c)
 * HHI of global production (0–1), g_i the (in)stability of exporter i, f_i the country's imports
 * from i, F_c its total imports (the sum of the f_i given), p_c its domestic production.
 */
import { cellCount, quantitiesWithGaps } from "./coerce";
import { hhiPoints } from "./concentration";
import { invalid } from "./errors";
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
