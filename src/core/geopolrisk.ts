/**
 * GeoPolRisk, the importer-specific geopolitical supply risk of Gemechu et al. (2015):
 *   GeoPolRisk_c = HHI · Σ_i g_i · f_i / (p_c + F_c)
 * HHI of global production (0–1), g_i the (in)stability of exporter i, f_i the country's imports
 * from i, F_c its total imports (the sum of the f_i given), p_c its domestic production.
 */
import { cellCount, quantitiesWithGaps } from "./coerce";
import { hhiPoints } from "./concentration";
import { invalid } from "./errors";

export function geoPolRisk(hhi: number, imports: unknown, instability: unknown, domesticProduction: number): number {
  // Points (as the merger guidelines print HHI) are accepted and converted, by the rule BAND follows.
  const h = hhiPoints(hhi) / 10000;
  if (!(domesticProduction >= 0)) throw invalid(`domesticProduction must not be negative; got ${domesticProduction}`);
  const f = quantitiesWithGaps(imports, "imports");
  const g = quantitiesWithGaps(instability, "instability");
  if (f.length !== g.length) throw invalid(`instability has ${cellCount(g.length)} but imports has ${cellCount(f.length)}; give one value per partner`);
  let total = 0;
  let weighted = 0;
  f.forEach((fi, i) => {
    if (fi === null) return;
    const gi = g[i];
    if (gi === null) throw invalid(`instability: item ${i + 1} is blank but imports from that partner are ${fi}; give its instability`);
    total += fi;
    weighted += gi * fi;
  });
  const denominator = domesticProduction + total;
  if (!(denominator > 0)) throw invalid("domestic production and imports are all zero, so there is no supply to weigh");
  return (h * weighted) / denominator;
}
