/**
 * Concentration measures: the numbers behind the geographic, production, firm and technology
 * chokepoints. Inputs are Excel-shaped ranges (see coerce.ts); quantities are normalised to their
 * total, so raw tonnes, percentages and fractions all give the same shares.
 */
import { cellAt, cellCount, countCells, flatQuantities, labelOf, labelsOf, quantityOf } from "./coerce";
import { binaryExponent, CompensatedSum, compensatedSum, outsideSafeBand, rescaleInPlace, rescalingFactors, timesPowerOfTwo } from "./exact";
import { invalid } from "./errors";

export type HhiScale = 1 | 10000;

function noPositive(argName: string): never {
  throw invalid(`${argName}: no positive number in the range; enter quantities or shares greater than zero`);
}

/**
 * HHI on the 0–1 scale of a 2-D range of plain non-negative numbers in one tight pass with no
 * allocation (ranges can hold a million cells): compensated sums of the values and their squares.
 * Null when the range needs the careful path: a cell that is not a plain number (blank, marker,
 * bad value), no positive value, or a largest value outside the band where squaring is exact.
 */
function directHhi(values: unknown): number | null {
  if (!Array.isArray(values)) return null;
  let total = 0;
  let totalC = 0;
  let squares = 0;
  let squaresC = 0;
  let largest = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row)) return null;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!(typeof v === "number" && v >= 0 && v !== Infinity)) return null;
      // Neumaier steps, written out: this loop is the benchmark's hot path (see exact.ts).
      const t = total + v;
      totalC += total >= v ? total - t + v : v - t + total;
      total = t;
      const q = v * v;
      const u = squares + q;
      squaresC += squares >= q ? squares - u + q : q - u + squares;
      squares = u;
      if (v > largest) largest = v;
    }
  }
  if (!(largest > 0) || outsideSafeBand(largest)) return null;
  const sum = total + totalC;
  return (squares + squaresC) / (sum * sum);
}

/** A range's quantities as a typed array (NaN gaps), with its largest value; #VALUE! without a positive one. */
function scaledQuantities(values: unknown, argName: string): { q: Float64Array; largest: number; at: number } {
  const q = flatQuantities(values, argName);
  let largest = 0;
  let at = -1;
  for (let i = 0; i < q.length; i++) {
    if (q[i] > largest) {
      largest = q[i];
      at = i;
    }
  }
  if (at < 0) noPositive(argName);
  // Shares do not depend on units: near 1e-300 or 1e300 work in units of the largest value, so that
  // no square underflows into subnormal numbers (or overflows) and every digit counts.
  rescaleInPlace(q, largest);
  return { q, largest: q[at], at };
}

/** Σ q² / (Σ q)² over the cells `skip` does not leave out: the HHI on the 0–1 scale, exact to a few roundings. */
function indexOf(q: Float64Array, skip?: (i: number) => boolean): number {
  const total = compensatedSum(q);
  return compensatedSum(q, true, skip) / (total * total);
}

/** What one validating pass over a range learns, without copying it (see scan). */
interface Scan {
  /** Total of the quantities, compensated, in units of `unit` (1, or a power of two near the largest). */
  total: number;
  /** Total of every quantity but the largest: accurate even when the largest holds nearly everything. */
  rest: number;
  /** The largest quantity, in the same units, and its 0-based position over all cells (the first on a tie). */
  largest: number;
  at: number;
  /** Members with a positive quantity. */
  positives: number;
  /** Multiply a cell's quantity by both to get it in the units of the totals. */
  unit: [number, number];
}

/**
 * One pass over a range of quantities (as Excel passes it, a million one-cell rows for a column):
 * every cell checked, the totals summed (compensated) and the largest found. A second pass, in
 * units of the largest value, only when that value is outside the safe band. #VALUE! for a bad
 * cell or a range without a positive value.
 */
function scan(values: unknown, argName = "values", unit: [number, number] = [1, 1]): Scan {
  const rows: unknown[] = Array.isArray(values) ? values : [values];
  const [a, b] = unit;
  let largest = 0;
  let at = -1;
  let positives = 0;
  let index = 0;
  // The rest is every quantity but the running largest: a value displaced as largest joins it.
  let rest = 0;
  let restC = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const cells: unknown[] = Array.isArray(row) ? row : [row];
    for (let c = 0; c < cells.length; c++, index++) {
      const raw = cells[c];
      if (!(typeof raw === "number" && raw >= 0 && raw !== Infinity)) {
        quantityOf(values, argName, index, raw); // a blank or marker is skipped; anything else throws
        continue;
      }
      const v = raw * a * b;
      if (v > 0) positives++;
      // Neumaier step, written out (hot loop): the displaced largest, or v, joins the rest.
      let x = v;
      if (v > largest) {
        x = largest;
        largest = v;
        at = index;
      }
      const t = rest + x;
      restC += rest >= x ? rest - t + x : x - t + rest;
      rest = t;
    }
  }
  if (at < 0) noPositive(argName);
  if (unit[0] === 1 && unit[1] === 1 && outsideSafeBand(largest)) return scan(values, argName, rescalingFactors(largest));
  const restTotal = rest + restC;
  return { total: largest + restTotal, rest: restTotal, largest, at, positives, unit };
}

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
    else if (row.length === 1) out[r] = [share(row[0])]; // a column: one literal per row is the cheapest array V8 makes
    else out[r] = row.map(share);
  }
  return out;
}

/**
 * Rearranges `a` so that a[k] is the value a full ascending sort would put there, everything
 * before it no larger and everything after it no smaller (quickselect, median-of-three pivots).
 * Linear on average; a slice that keeps failing to shrink is sorted instead, so the worst case is
 * n log n, never quadratic.
 */
function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  let budget = 2 * Math.ceil(Math.log2(a.length + 1)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
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
  const { total, rest, at, positives, unit } = scan(values);
  const [a, b] = unit;
  // ln of the largest share s = 1 − rest/total is taken as log1p(−rest/total): when one member
  // holds nearly everything, ln(s) of the rounded share would keep almost no correct digits.
  const lnLargest = Math.log1p(-rest / total);
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
      const term = -s * (index === at ? lnLargest : Math.log(s));
      const t = h + term;
      hC += h >= term ? h - t + term : term - t + h;
      h = t;
    }
  }
  // −0 when a single member holds everything: report 0.
  const value = h + hC + 0;
  if (!normalized) return value;
  return positives < 2 ? 0 : value / Math.log(positives);
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
  const squares = new CompensatedSum();
  const total = new CompensatedSum();
  for (let i = 0; i < q.length; i++) {
    const v = q[i];
    if (v !== v) continue;
    total.add(timesPowerOfTwo(v, -all));
    if (!excluded[i]) {
      const s = timesPowerOfTwo(v, -kept);
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
