/**
 * Floating-point helpers that keep the measures exact across the whole double range: compensated
 * sums, and rescaling by a power of two (which changes no bit of a mantissa) so that the largest
 * value lies near 1 before anything is squared. Pure; no Office, no data.
 */

/**
 * Values whose largest member lies in [SAFE_LOW, SAFE_HIGH] are summed and squared as they are:
 * the largest square is then a normal number (≥ 2⁻⁹⁶⁰) and a sum of 2⁴⁰ squares stays far below
 * overflow (≤ 2¹⁰⁰⁰). A smaller value whose square falls into the subnormal band then contributes
 * at most 2⁻¹¹⁵ of the sum per cell. Outside the band, values are rescaled first.
 */
export const SAFE_LOW = 2 ** -480;
export const SAFE_HIGH = 2 ** 480;

/** Whether values with this largest member need rescaling before they are squared. */
export function outsideSafeBand(largest: number): boolean {
  return largest < SAFE_LOW || largest > SAFE_HIGH;
}

/**
 * Two powers of two whose product p makes `largest · p` lie in [1, 4). Two factors because the
 * product itself may not be a double (2¹⁰⁷⁴ for the smallest subnormal); multiply by both in turn.
 * Multiplying by a power of two is exact unless the result leaves the double range, which only
 * values negligible beside the largest can do.
 */
export function rescalingFactors(largest: number): [number, number] {
  const k = -binaryExponent(largest);
  const half = Math.trunc(k / 2);
  return [2 ** half, 2 ** (k - half)];
}

/** ⌊log₂ x⌋ for a positive double (give or take one at exact powers of two, which no caller minds). */
export function binaryExponent(x: number): number {
  return Math.floor(Math.log2(x));
}

/** v · 2ᵏ for any integer k (the factor itself need not be a double), exact unless the result leaves the normal range. */
export function timesPowerOfTwo(v: number, k: number): number {
  let out = v;
  let rest = k;
  while (rest > 1000) {
    out *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** -1000;
    rest += 1000;
  }
  return out * 2 ** rest;
}

/** Rescales `q` in place (NaN gaps stay NaN) when its largest value is outside the safe band. */
export function rescaleInPlace(q: Float64Array, largest: number): Float64Array {
  if (!outsideSafeBand(largest)) return q;
  const [a, b] = rescalingFactors(largest);
  for (let i = 0; i < q.length; i++) q[i] = q[i] * a * b;
  return q;
}

/**
 * Compensated (Neumaier) summation: the error is about two roundings of the result whatever the
 * number of terms, where a plain loop over a million values drifts by ~10⁻¹². Terms that are NaN
 * (gaps) are skipped; `skip(i)` leaves out more.
 */
export function compensatedSum(q: Float64Array, square = false, skip?: (i: number) => boolean): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < q.length; i++) {
    const x = q[i];
    if (x !== x || (skip !== undefined && skip(i))) continue;
    const v = square ? x * x : x;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** A running compensated sum, for loops that add terms one at a time. */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;
  add(v: number): void {
    const t = this.sum + v;
    this.compensation += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.compensation;
  }
}
