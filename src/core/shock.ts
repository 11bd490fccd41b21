/**
 * Supply shock arithmetic: the fraction of a country's supply lost when one partner cuts its
 * exports. Supply = domestic output + imports; imports are `importReliance` of supply, the partner
 * supplies `partnerShare` of imports, it withholds `cut` of that, and other suppliers replace
 * `substitution` of what is withheld:
 *   lost = importReliance · partnerShare · cut · (1 − substitution)
 */
import { invalid } from "../errors";

export interface ShockInputs {
  importReliance: number;
  partnerShare: number;
  cut: number;
  substitution: number;
}

export function supplyShock(s: ShockInputs): number {
  for (const [name, v] of Object.entries(s)) {
    if (!(typeof v === "number" && Number.isFinite(v))) throw invalid(`${name} must be a number between 0 and 1`);
    if (v < 0 || v > 1) throw invalid(`${name} must be between 0 and 1 (a fraction, e.g. 0.8 for 80%); got ${v}`);
  }
  return s.importReliance * s.partnerShare * s.cut * (1 - s.substitution);
}
