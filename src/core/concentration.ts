/**
 * Concentration measures: the numbers behind the geographic, production, firm and technology
 * chokepoints. Inputs are Excel-shaped ranges (see coerce.ts); quantities are normalised to their
 * total, so raw tonnes, percentages and fractions all give the same shares.
 */
import { cellAt, cellCount, countCells, flatQuantities, labelOf, labelsOf } from "./coerce";
import { binaryExponent, CompensatedSum, compensatedSum, rescaleInPlace, rescalingFactors, timesPowerOfTwo } from "./exact";
import { invalid } from "../errors";
import { directHhi, indexOf, noPositive, scaledQuantities, scan, selectInPlace } from "./rangeSums";

export type HhiScale = 1 | 10000;

/** The smallest normal double, 2^-1022: below it a number keeps fewer than 53 bits. */
const MIN_NORMAL = 2 ** -1022;

/** Herfindahl–Hirschman index Σ sᵢ² of the shares implied by `values`, times `scale`. */
export function hhi(values: unknown, scale: HhiScale = 10000, argName = "values"): number {
  const direct = directHhi(values);
  return (direct ?? indexOf(scaledQuantities(values, argName).q)) * scale;
}

/** Validates the HHI scale argument: 10000 (default, as in the merger guidelines) or 1. */
export function hhiScale(scale: number): HhiScale {
  if (scale === 10000 || scale === 1) return scale;
  throw invalid(`scale must be 10000 (points, as in the merger guidelines) or 1 (fractions); got ${scale}`);
}

/** Each cell's share of the total, in the input's shape; blanks and missing markers stay blank. */
export function shares(values: unknown): Array<Array<number | null>> {
  const { total, unit } = scan(values);
  const [a, b] = unit;
  const share = (v: unknown): number | null => (typeof v === "number" ? (v * a * b) / total : null);
  // The input's own structure, row by row (a scalar is one cell, a 1-D array one row).
  const rows: unknown[] = Array.isArray(values) ? values : [values];
  if (!rows.some(Array.isArray)) return [rows.map(share)];
  const out: Array<Array<number | null>> = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) out[r] = [share(row)];
    else if (row.length === 1) {
      // A column: one literal per row, the cheapest array V8 makes; a number's literal holds only
      // numbers, so V8 stores them unboxed (a literal that may hold null boxes every number).
      const v = row[0];
      out[r] = typeof v === "number" ? [(v * a * b) / total] : [null];
    }
    else out[r] = row.map(share);
  }
  return out;
}

/** n-member concentration ratio: the combined share of the n largest members (1 if n ≥ members). */
export function concentrationRatio(values: unknown, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw invalid(`n must be a whole number of at least 1; got ${n}`);
  const { q } = scaledQuantities(values, "values");
  const present = new Float64Array(q.length);
  let count = 0;
  for (let i = 0; i < q.length; i++) if (q[i] === q[i]) present[count++] = q[i];
  // Every member counted: exactly 1, not a sum of rounded shares.
  if (n >= count) return 1;
  const members = present.subarray(0, count);
  // The n largest are those from position count − n of an ascending order: select, do not sort.
  const k = count - n;
  selectInPlace(members, k);
  const top = compensatedSum(members.subarray(k));
  const rest = compensatedSum(members.subarray(0, k));
  return top / (top + rest);
}

export interface TopShare {
  share: number;
  /** Position (0-based, over all cells) of the largest member; the first one on a tie. */
  index: number;
  label?: string;
}

/** The largest share, with its label when labels aligned with the values are given. */
export function topShare(values: unknown, labels?: unknown): TopShare {
  const { total, largest, at } = scan(values);
  const result: TopShare = { share: largest / total, index: at };
  if (labels !== undefined && labels !== null) {
    const count = countCells(labels);
    const cells = countCells(values);
    if (count !== cells) {
      throw invalid(`labels has ${cellCount(count)} but values has ${cellCount(cells)}; give one label per value`);
    }
    const label = labelOf(cellAt(labels, at));
    // A blank label would spill an empty name beside the share, hiding who the leader is.
    if (label === "") throw invalid(`labels: item ${at + 1}, the label of the largest value, is blank; give every member a label`);
    result.label = label;
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
 * One pass for the total, one for the terms: no sorting, so linear in the range.
 */
export function entropy(values: unknown, normalized = false): number {
  const found = scan(values, "values", [1, 1], true);
  const { total, rest, at, positives, unit } = found;
  const evenness = (h: number) => (!normalized ? h : positives < 2 ? 0 : h / Math.log(positives));
  // One pass: H = ln T − Σ v ln v / T. Its rounding error is bounded by the sizes of the two terms;
  // when they nearly cancel (one member holds nearly everything) the bound is too loose for 1e-12
  // and the terms are summed one by one instead, in a second pass.
  const lnTotal = Math.log(total);
  const onePass = lnTotal - found.vLnV / total;
  const bound = 2 ** -52 * (Math.abs(lnTotal) + 3 + (3 * found.absVLnV) / total);
  if (onePass > 0 && bound <= 1e-14 * onePass) return evenness(onePass);
  const [a, b] = unit;
  // ln of the largest share s = 1 − rest/total is taken as log1p(−rest/total): when one member
  // holds nearly everything, ln(s) of the rounded share would keep almost no correct digits.
  const lnLargest = Math.log1p(-rest / total);
  // A share below the normal range (2^-1022) keeps few digits, and its term s·ln(1/s) is up to
  // 745 times larger: it is computed from the quantity as v · ((ln T − ln v) / T), so that the one
  // rounding into the subnormal band (if any) comes last. (Such a share needs a largest value at
  // least 2^1022 times the smallest, so the unit a·b is at most 2^52 here and cannot overflow.)
  const lnUnit = Math.log(a) + Math.log(b);
  let h = 0;
  let hC = 0;
  const rows: unknown[] = Array.isArray(values) ? values : [values];
  let index = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const cells: unknown[] = Array.isArray(row) ? row : [row];
    for (let c = 0; c < cells.length; c++, index++) {
      const v = cells[c];
      if (!(typeof v === "number" && v > 0)) continue;
      const s = (v * a * b) / total;
      const term =
        index === at ? -s * lnLargest : s >= MIN_NORMAL ? -s * Math.log(s) : v * (((lnTotal - Math.log(v) - lnUnit) * a * b) / total);
      const t = h + term;
      hC += h >= term ? h - t + term : term - t + h;
      h = t;
    }
  }
  // −0 when a single member holds everything: report 0.
  return evenness(h + hC + 0);
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
 * A member not in the list (a country with no output) leaves the full HHI, the same number HHI gives.
 */
export function hhiExcluding(values: unknown, labels: unknown, exclude: string, matches: MemberMatcher = sameLabel): number {
  const count = countCells(labels);
  const cells = countCells(values);
  if (count !== cells) {
    throw invalid(`labels has ${cellCount(count)} but values has ${cellCount(cells)}; give one label per value`);
  }
  const q = flatQuantities(values, "values");
  const names = labelsOf(labels);
  const excluded = new Uint8Array(q.length);
  let largest = 0;
  let largestKept = 0;
  let any = false;
  for (let i = 0; i < q.length; i++) {
    const v = q[i];
    if (v !== v) continue;
    if (v > largest) largest = v;
    if (matches(names[i], exclude)) {
      excluded[i] = 1;
      any = true;
    } else if (v > largestKept) largestKept = v;
  }
  if (!(largest > 0)) noPositive("values");
  // Nobody excluded: the same sums, in the same order and units, as HHI, so the same number.
  if (!any) return indexOf(rescaleInPlace(q, largest));
  if (!(largestKept > 0)) return 0;
  // The others may be tiny beside the excluded member (their squares would underflow in its
  // units although the result is an ordinary number): Σ (v/w)² · (w/T)², with w the largest kept
  // value and T the total each in units of its own largest value, and the units' ratio applied last.
  const kept = binaryExponent(largestKept);
  const all = binaryExponent(largest);
  const [k1, k2] = rescalingFactors(largestKept);
  const [a1, a2] = rescalingFactors(largest);
  const squares = new CompensatedSum();
  const total = new CompensatedSum();
  for (let i = 0; i < q.length; i++) {
    const v = q[i];
    if (v !== v) continue;
    total.add(v * a1 * a2);
    if (!excluded[i]) {
      const s = v * k1 * k2;
      squares.add(s * s);
    }
  }
  return timesPowerOfTwo(squares.value / (total.value * total.value), 2 * (kept - all));
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
  const p = countCells(production);
  const r = countCells(reserves);
  if (p !== r) {
    throw invalid(`production has ${cellCount(p)} but reserves has ${cellCount(r)}; give both for the same countries in the same order`);
  }
  return hhi(production, 1, "production") - hhi(reserves, 1, "reserves");
}
