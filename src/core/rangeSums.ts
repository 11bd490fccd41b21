/**
 * Reading Excel ranges of quantities for the concentration measures, in as few passes as the
 * measure needs and without copying where it can: a one-pass HHI, a validating scan (totals, the
 * largest value, Σ v·ln v), a typed-array copy for the measures that need one, and a linear-time
 * selection. Values outside the safe band are read in units of a power of two near the largest
 * (exact.ts), so nothing underflows or overflows on the way. Pure.
 */
import { flatQuantities, quantityOf } from "./coerce";
import { compensatedSum, outsideSafeBand, rescaleInPlace, rescalingFactors } from "./exact";
import { invalid } from "../errors";

/** #VALUE! for a range with no positive quantity. */
export function noPositive(argName: string): never {
  throw invalid(`${argName}: no positive number in the range; enter quantities or shares greater than zero`);
}

/**
 * HHI on the 0–1 scale of a 2-D range of plain non-negative numbers in one tight pass with no
 * allocation (ranges can hold a million cells): compensated sums of the values and their squares.
 * Null when the range needs the careful path: a cell that is not a plain number (blank, marker,
 * bad value), no positive value, or a largest value outside the band where squaring is exact.
 */
export function directHhi(values: unknown): number | null {
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
export function scaledQuantities(values: unknown, argName: string): { q: Float64Array; largest: number; at: number } {
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
export function indexOf(q: Float64Array, skip?: (i: number) => boolean): number {
  const total = compensatedSum(q);
  return compensatedSum(q, true, skip) / (total * total);
}

/** What one validating pass over a range learns, without copying it (see scan). */
export interface Scan {
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
  /** With `logs`: Σ v·ln v (compensated) and Σ |v·ln v|, over the positive quantities in these units. */
  vLnV: number;
  absVLnV: number;
}

/**
 * One pass over a range of quantities (as Excel passes it, a million one-cell rows for a column):
 * every cell checked, the totals summed (compensated) and the largest found. A second pass, in
 * units of the largest value, only when that value is outside the safe band. #VALUE! for a bad
 * cell or a range without a positive value.
 */
export function scan(values: unknown, argName = "values", unit: [number, number] = [1, 1], logs = false): Scan {
  const rows: unknown[] = Array.isArray(values) ? values : [values];
  const [a, b] = unit;
  let largest = 0;
  let at = -1;
  let positives = 0;
  let index = 0;
  // The rest is every quantity but the running largest: a value displaced as largest joins it.
  let rest = 0;
  let restC = 0;
  let vLnV = 0;
  let vLnVC = 0;
  let absVLnV = 0;
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
      // Counted before the units: a value too small beside the largest may round to 0 in them.
      if (raw > 0) positives++;
      if (logs && v > 0) {
        const y = v * Math.log(v);
        const t = vLnV + y;
        vLnVC += Math.abs(vLnV) >= Math.abs(y) ? vLnV - t + y : y - t + vLnV;
        vLnV = t;
        absVLnV += Math.abs(y);
      }
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
  if (unit[0] === 1 && unit[1] === 1 && outsideSafeBand(largest)) return scan(values, argName, rescalingFactors(largest), logs);
  const restTotal = rest + restC;
  return { total: largest + restTotal, rest: restTotal, largest, at, positives, unit, vLnV: vLnV + vLnVC, absVLnV };
}

/**
 * Rearranges `a` so that a[k] is the value a full ascending sort would put there, everything
 * before it no larger and everything after it no smaller (quickselect, median-of-three pivots).
 * Linear on average; a slice that keeps failing to shrink is sorted instead, so the worst case is
 * n log n, never quadratic.
 */
export function selectInPlace(a: Float64Array, k: number): void {
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
