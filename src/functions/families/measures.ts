/* Concentration measures as custom functions. Each body: coerce, call the core, map errors (run). */
import {
  band,
  concentrationRatio,
  dependence,
  entropy,
  geoGap,
  hhi,
  hhiExcluding,
  hhiScale,
  netImportReliance,
  numbersEquivalent,
  shares,
  topShare,
} from "../../core/concentration";
import { choice, optionalBoolean, optionalFigure, optionalNumber, requiredFigure, requiredNumber, requiredText } from "../../core/coerce";
import { excludedMember, memberMatcher } from "../arguments";
import { run } from "../adapter";

/**
 * Herfindahl–Hirschman index of the shares implied by a range of quantities or shares.
 * @customfunction HHI HHI
 * @helpurl https://localhost:3000/docs/functions.html#chokepointhhi
 * @param values Quantities or shares by country or firm (blanks and NA, W, XX, — are skipped).
 * @param [scale] 10000 (default, points as in the merger guidelines) or 1 (fractions).
 * @returns The HHI.
 */
export function HHI(values: any[][], scale?: any): number {
  return run("HHI", () => hhi(values, hhiScale(optionalNumber(scale, "scale", 10000))));
}

/**
 * Each value's share of the total, spilled in the shape of the input.
 * @customfunction SHARES SHARES
 * @helpurl https://localhost:3000/docs/functions.html#chokepointshares
 * @param values Quantities by country or firm.
 * @returns Shares between 0 and 1; skipped cells stay blank.
 */
export function SHARES(values: any[][]): any[][] {
  return run("SHARES", () => shares(values));
}

/**
 * Concentration ratio: the combined share of the n largest members.
 * @customfunction CR CR
 * @helpurl https://localhost:3000/docs/functions.html#chokepointcr
 * @param values Quantities or shares by country or firm.
 * @param n How many of the largest members to add up (1 or more).
 * @returns A share between 0 and 1.
 */
export function CR(values: any[][], n: any): number {
  return run("CR", () => concentrationRatio(values, requiredNumber(n, "n", { min: 1, integer: true })));
}

/**
 * The largest share; with labels, a 1×2 spill of its label and share.
 * @customfunction TOPSHARE TOPSHARE
 * @helpurl https://localhost:3000/docs/functions.html#chokepointtopshare
 * @param values Quantities or shares by country or firm.
 * @param [labels] Names aligned with values, one per cell.
 * @returns The largest share, or its label and share.
 */
export function TOPSHARE(values: any[][], labels?: any[][]): any[][] {
  return run("TOPSHARE", () => {
    const top = topShare(values, labels ?? undefined);
    return top.label === undefined ? [[top.share]] : [[top.label, top.share]];
  });
}

/**
 * Numbers-equivalent: how many equal-sized suppliers would give the same HHI (1 / HHI on the 0–1 scale).
 * @customfunction NEQ NEQ
 * @helpurl https://localhost:3000/docs/functions.html#chokepointneq
 * @param values Quantities or shares by country or firm.
 * @returns The equivalent number of equal suppliers.
 */
export function NEQ(values: any[][]): number {
  return run("NEQ", () => numbersEquivalent(values));
}

/**
 * Shannon entropy of the shares (natural log); normalised to 0–1 on request.
 * @customfunction ENTROPY ENTROPY
 * @helpurl https://localhost:3000/docs/functions.html#chokepointentropy
 * @param values Quantities or shares by country or firm.
 * @param [normalized] TRUE to divide by ln(number of suppliers with a positive share).
 * @returns The entropy.
 */
export function ENTROPY(values: any[][], normalized?: any): number {
  return run("ENTROPY", () => entropy(values, optionalBoolean(normalized, "normalized", false)));
}

/**
 * The concentration band of an HHI under the US merger guidelines.
 * @customfunction BAND BAND
 * @helpurl https://localhost:3000/docs/functions.html#chokepointband
 * @param hhi An HHI in points (0–10000) or as a fraction (0–1).
 * @param [guidelines] "2010" (default: 1500 and 2500) or "2023" (1000 and 1800).
 * @returns "unconcentrated", "moderately concentrated" or "highly concentrated".
 */
export function BAND(hhi: any, guidelines?: any): string {
  return run("BAND", () =>
    band(requiredNumber(hhi, "hhi", { min: 0, max: 10000 }), choice(guidelines, "guidelines", ["2010", "2023"] as const, "2010")),
  );
}

/**
 * External concentration: the sum of squared shares of every member except one, with shares of the whole total.
 * @customfunction HHI.EXCLUDING HHI.EXCLUDING
 * @helpurl https://localhost:3000/docs/functions.html#chokepointhhiexcluding
 * @param values Quantities or shares by country.
 * @param labels Country names or ISO codes aligned with values.
 * @param exclude The country whose own share is left out, e.g. "USA" or "Japan".
 * @returns Σ share² over the other members, on the 0–1 scale.
 */
export function HHI_EXCLUDING(values: any[][], labels: any[][], exclude: any): number {
  return run("HHI.EXCLUDING", () => {
    const who = excludedMember(requiredText(exclude, "exclude"), labels);
    return hhiExcluding(values, labels, who, memberMatcher(who));
  });
}

/**
 * USGS net import reliance as a fraction of apparent consumption; negative for a net exporter.
 * @customfunction NIR NIR
 * @helpurl https://localhost:3000/docs/functions.html#chokepointnir
 * @param production Domestic production.
 * @param imports Imports for consumption.
 * @param exports Exports.
 * @param [stockChange] Net release from stocks (positive when stocks fell); 0 if omitted.
 * @returns (imports − exports + stock change) / apparent consumption.
 */
export function NIR(production: any, imports: any, exports: any, stockChange?: any): number {
  return run("NIR", () =>
    netImportReliance({
      production: requiredFigure(production, "production", { min: 0 }),
      imports: requiredFigure(imports, "imports", { min: 0 }),
      exports: requiredFigure(exports, "exports", { min: 0 }),
      stockChange: optionalFigure(stockChange, "stockChange", 0),
    }),
  );
}

/**
 * Share of a country's imports that come from one partner.
 * @customfunction DEPENDENCE DEPENDENCE
 * @helpurl https://localhost:3000/docs/functions.html#chokepointdependence
 * @param fromPartner Imports from the partner.
 * @param total Total imports, in the same units.
 * @returns A share between 0 and 1.
 */
export function DEPENDENCE(fromPartner: any, total: any): number {
  return run("DEPENDENCE", () =>
    dependence(requiredFigure(fromPartner, "fromPartner", { min: 0 }), requiredFigure(total, "total", { min: 0 })),
  );
}

/**
 * Production HHI minus reserves HHI (both 0–1): how much more concentrated output is than geology requires.
 * @customfunction GEOGAP GEOGAP
 * @helpurl https://localhost:3000/docs/functions.html#chokepointgeogap
 * @param production Production by country.
 * @param reserves Reserves for the same countries, in the same order.
 * @returns The gap, between −1 and 1.
 */
export function GEOGAP(production: any[][], reserves: any[][]): number {
  return run("GEOGAP", () => geoGap(production, reserves));
}
