/**
 * Concentration measures: the numbers behind the geographic, production, firm and technology
 * chokepoints. Inputs are Excel-shaped ranges (see coerce.ts); quantities are normalised to their
 * total, so raw tonnes, percentages and fractions all give the same shares.
 */
import {
  cellCount,
  labelsOf,
  positiveQuantities,
  quantitiesWithGaps,
  requireSomePositive,
  shapeOf,
  visitQuantities,
} from "./coerce";
import { invalid } from "./errors";

export type HhiScale = 1 | 10000;

/**
 * Sum and sum of squares of a 2-D range of plain non-negative numbers in one tight pass (ranges can
 * hold a million cells); false as soon as any cell needs the careful path (blank, marker, bad value).
 */
function fastSums(rows: unknown[], out: { total: number; squares: number }): boolean {
  let total = 0;
  let squares = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) return false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number" && v >= 0 && v !== Infinity) {
        total += v;
        squares += v * v;
      } else {
        return false;
      }
    }
  }
  out.total = total;
  out.squares = squares;
  return true;
}

/** Sum and sum of squares of the quantities in a range, skipping blanks and missing markers. */
function sums(values: unknown, argName: string): { total: number; squares: number } {
  const out = { total: 0, squares: 0 };
  if (!(Array.isArray(values) && fastSums(values, out))) {
    out.total = 0;
    out.squares = 0;
    visitQuantities(values, argName, (v) => {
      if (v !== null) {
        out.total += v;
        out.squares += v * v;
      }
    });
  }
  if (!(out.total > 0)) {
    throw invalid(`${argName}: no positive number in the range; enter quantities or shares greater than zero`);
  }
  return out;
}

/** Herfindahl–Hirschman index Σ sᵢ² of the shares implied by `values`, times `scale`. */
export function hhi(values: unknown, scale: HhiScale = 10000, argName = "values"): number {
  const { total, squares } = sums(values, argName);
  const index = squares / (total * total);
  if (index > 0 && Number.isFinite(index)) return index * scale;
  // Squares overflowed (values near 1e200) or underflowed (near 1e-200): shares do not depend on
  // units, so redo the sums in units of the largest value.
  return sharesOfTotal(positiveQuantities(values, argName)).reduce((acc, s) => acc + s * s, 0) * scale;
}

/** Each quantity's share of their total, exact in floating point for any magnitude (≥ one positive value). */
function sharesOfTotal(quantities: number[]): number[] {
  const total = quantities.reduce((a, b) => a + b, 0);
  if (total > 0 && Number.isFinite(total)) return quantities.map((v) => v / total);
  const largest = quantities.reduce((a, b) => (b > a ? b : a), 0);
  const scaled = quantities.map((v) => v / largest);
  const scaledTotal = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((v) => v / scaledTotal);
}

/** Each cell's share of the total (cells from quantitiesWithGaps), null where the cell is blank or a marker. */
function sharesWithGaps(gaps: Array<number | null>): Array<number | null> {
  const present = sharesOfTotal(requireSomePositive(gaps).filter((v): v is number => v !== null));
  let next = 0;
  return gaps.map((v) => (v === null ? null : present[next++]));
}

/** Validates the HHI scale argument: 10000 (default, as in the merger guidelines) or 1. */
export function hhiScale(scale: number): HhiScale {
  if (scale === 10000 || scale === 1) return scale;
  throw invalid(`scale must be 10000 (points, as in the merger guidelines) or 1 (fractions); got ${scale}`);
}

/** Each cell's share of the total, in the input's shape; blanks and missing markers stay blank. */
export function shares(values: unknown): Array<Array<number | null>> {
  const flat = sharesWithGaps(quantitiesWithGaps(values));
  const [rows, columns] = shapeOf(values);
  const out: Array<Array<number | null>> = [];
  for (let r = 0; r < rows; r++) out.push(flat.slice(r * columns, (r + 1) * columns));
  return out;
}

function sortedShares(values: unknown): number[] {
  return sharesOfTotal(positiveQuantities(values)).sort((a, b) => b - a);
}

/** n-member concentration ratio: the combined share of the n largest members (1 if n ≥ members). */
export function concentrationRatio(values: unknown, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw invalid(`n must be a whole number of at least 1; got ${n}`);
  // Sum the n largest quantities, then divide once by a total summed in the same order, so that n at
  // least the number of members gives exactly 1 (summing rounded shares gives 0.9999999999999999).
  const sorted = positiveQuantities(values).sort((a, b) => b - a);
  const sumTopAndAll = (xs: number[]) => xs.reduce(([top, total], v, i) => [i < n ? top + v : top, total + v], [0, 0]);
  let [top, total] = sumTopAndAll(sorted);
  // Near 1e308 the sums overflow: redo them in units of the largest value.
  if (!Number.isFinite(total)) [top, total] = sumTopAndAll(sorted.map((v) => v / sorted[0]));
  return Math.min(1, top / total);
}

export interface TopShare {
  share: number;
  /** Position (0-based, over all cells) of the largest member; the first one on a tie. */
  index: number;
  label?: string;
}

/** The largest share, with its label when labels aligned with the values are given. */
export function topShare(values: unknown, labels?: unknown): TopShare {
  const gaps = quantitiesWithGaps(values);
  let index = -1;
  let top = -1;
  sharesWithGaps(gaps).forEach((share, i) => {
    if (share !== null && share > top) {
      top = share;
      index = i;
    }
  });
  const result: TopShare = { share: top, index };
  if (labels !== undefined && labels !== null) {
    const names = labelsOf(labels);
    if (names.length !== gaps.length) {
      throw invalid(`labels has ${cellCount(names.length)} but values has ${cellCount(gaps.length)}; give one label per value`);
    }
    // A blank label would spill an empty name beside the share, hiding who the leader is.
    if (names[index] === "") throw invalid(`labels: item ${index + 1}, the label of the largest value, is blank; give every member a label`);
    result.label = names[index];
  }
  return result;
}

/** Numbers-equivalent: how many equal-sized members would give the same HHI (1 / HHI on 0–1). */
export function numbersEquivalent(values: unknown): number {
  return 1 / hhi(values, 1);
}

/**
 * Shannon entropy −Σ sᵢ ln sᵢ (natural log). Normalised, it is divided by ln of the number of
 * members with a positive share (Pielou's evenness): 1 for equal shares, 0 for a single supplier.
 */
export function entropy(values: unknown, normalized = false): number {
  const s = sortedShares(values).filter((v) => v > 0);
  const h = -s.reduce((acc, v) => acc + v * Math.log(v), 0);
  if (!normalized) return h;
  return s.length < 2 ? 0 : h / Math.log(s.length);
}

export type Guidelines = "2010" | "2023";
export type Band = "unconcentrated" | "moderately concentrated" | "highly concentrated";

/**
 * An HHI given either on the 0–1 scale or in points (0–10000), as points. The one rule every function
 * that takes an HHI follows: at most 1 is the 0–1 scale (a points HHI that small would need 10,000
 * equal members); 100 or more is points; strictly between 1 and 100 is #VALUE!, because it is
 * neither (a points HHI under 100 needs more than 100 equal members; a share in percent typed by
 * mistake looks like this).
 */
export function hhiPoints(hhiValue: number, argName = "hhi"): number {
  if (!(hhiValue >= 0 && hhiValue <= 10000)) throw invalid(`${argName} must be between 0 and 1, or 0 and 10000 points; got ${hhiValue}`);
  if (hhiValue > 1 && hhiValue < 100) {
    throw invalid(`${argName} ${hhiValue} is neither on the 0–1 scale nor in points (100–10000); give an HHI such as 0.45 or 4500`);
  }
  return hhiValue <= 1 ? hhiValue * 10000 : hhiValue;
}

/** Concentration band of an HHI (0–1 or points, see hhiPoints) under the US merger guidelines. */
export function band(hhiValue: number, guidelines: Guidelines = "2010"): Band {
  const points = hhiPoints(hhiValue);
  if (guidelines === "2010") {
    // 2010 Horizontal Merger Guidelines §5.3: below 1500; between 1500 and 2500; above 2500.
    if (points < 1500) return "unconcentrated";
    return points <= 2500 ? "moderately concentrated" : "highly concentrated";
  }
  // 2023 Merger Guidelines: above 1800 highly concentrated; 1000–1800 moderately (DOJ HHI page).
  if (points < 1000) return "unconcentrated";
  return points <= 1800 ? "moderately concentrated" : "highly concentrated";
}

/** Decides whether a label names the excluded member; the adapter may widen it (country aliases). */
export type MemberMatcher = (label: string, exclude: string) => boolean;
const sameLabel: MemberMatcher = (label, exclude) => label.toLowerCase() === exclude.toLowerCase();

/**
 * External concentration Σ sⱼ² over members j other than `exclude`, with shares of the WHOLE total
 * (DESIGN.md 1.1: concentration inside your own territory is not a chokepoint for you). Scale 0–1.
 * A member not in the list (a country with no output) leaves the full HHI.
 */
export function hhiExcluding(values: unknown, labels: unknown, exclude: string, matches: MemberMatcher = sameLabel): number {
  const gaps = quantitiesWithGaps(values);
  const names = labelsOf(labels);
  if (names.length !== gaps.length) {
    throw invalid(`labels has ${cellCount(names.length)} but values has ${cellCount(gaps.length)}; give one label per value`);
  }
  let external = 0;
  sharesWithGaps(gaps).forEach((share, i) => {
    if (share !== null && !matches(names[i], exclude)) external += share * share;
  });
  return external;
}

export interface TradeFlows {
  production: number;
  imports: number;
  exports: number;
  /** Net release from stocks (positive when stocks fell, adding to supply). */
  stockChange: number;
}

/**
 * USGS net import reliance as a fraction of apparent consumption:
 * (imports − exports + stock release) / (production + imports − exports + stock release).
 * Negative for a net exporter.
 */
export function netImportReliance(flows: TradeFlows): number {
  // The ratio does not depend on units: figures near 1e308 are rescaled so the sums stay finite.
  const largest = Math.max(Math.abs(flows.production), Math.abs(flows.imports), Math.abs(flows.exports), Math.abs(flows.stockChange));
  const unit = Number.isFinite(flows.production + flows.imports + flows.exports + Math.abs(flows.stockChange)) ? 1 : largest;
  const f = { production: flows.production / unit, imports: flows.imports / unit, exports: flows.exports / unit, stockChange: flows.stockChange / unit };
  const netImports = f.imports - f.exports + f.stockChange;
  const consumption = f.production + netImports;
  if (consumption === 0) {
    throw invalid("apparent consumption (production + imports − exports + stock change) is zero, so reliance is undefined");
  }
  if (consumption < 0) {
    throw invalid(`apparent consumption is negative (${consumption}); check that exports do not exceed production plus imports`);
  }
  return netImports / consumption;
}

/** Share of a country's imports that come from one partner. */
export function dependence(fromPartner: number, total: number): number {
  if (total <= 0) throw invalid(`total imports must be greater than zero; got ${total}`);
  if (fromPartner > total) {
    throw invalid(`imports from the partner (${fromPartner}) exceed total imports (${total}); check the two figures`);
  }
  return fromPartner / total;
}

/**
 * Production HHI minus reserves HHI (both 0–1), over the same countries in the same order. A
 * positive gap means output is more concentrated than geology requires ("policy, not geography").
 * Each HHI is computed over the values its own range reports.
 */
export function geoGap(production: unknown, reserves: unknown): number {
  const p = quantitiesWithGaps(production, "production").length;
  const r = quantitiesWithGaps(reserves, "reserves").length;
  if (p !== r) {
    throw invalid(`production has ${cellCount(p)} but reserves has ${cellCount(r)}; give both for the same countries in the same order`);
  }
  return hhi(production, 1, "production") - hhi(reserves, 1, "reserves");
}
