/**
 * The concentration measures are exact to 1e-12 (relative) across the whole double range,
 * subnormal numbers included. The reference is exact rational arithmetic: every double is an
 * integer multiple of 2⁻¹⁰⁷⁴, so sums and squares are computed as BigInt integers and only the
 * final ratio is rounded. Nothing here shares code with src/core.
 */
import fc from "fast-check";
import { concentrationRatio, entropy, geoGap, hhi, hhiExcluding, numbersEquivalent, shares, topShare } from "../../src/core/concentration";
import { geoPolRisk } from "../../src/core/geopolrisk";

const TOLERANCE = 1e-12;

/** v · 2¹⁰⁷⁴ as an exact integer (v ≥ 0 and finite). */
function exactUnits(v: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return exponent === 0 ? fraction : ((1n << 52n) | fraction) << BigInt(exponent - 1);
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** num / den as the nearest double (to far better than 1e-12), for positive integers. */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const k = bitLength(den) - bitLength(num) + 70;
  const q = k >= 0 ? (num << BigInt(k)) / den : num / (den << BigInt(-k));
  // q has about 70 bits; scale back by 2^-k in steps that stay within the double range.
  let out = Number(q);
  let rest = k;
  while (rest > 1000) {
    out /= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** 1000;
    rest += 1000;
  }
  return out / 2 ** rest;
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const exactHhi = (xs: number[]) => {
  const u = xs.map(exactUnits);
  const total = sum(u);
  return ratio(sum(u.map((x) => x * x)), total * total);
};

/** The spacing of subnormal numbers: a result that is itself subnormal cannot be closer than this. */
const SUBNORMAL_SPACING = 2 ** -1074;

/** Within 1e-12 relative, or within two subnormal steps for a result in the subnormal band (it has no more digits). */
function close(actual: number, expected: number, tolerance = TOLERANCE): boolean {
  return Math.abs(actual - expected) <= Math.max(tolerance * Math.abs(expected), 2 * SUBNORMAL_SPACING);
}

/** m · 2^e for any integer e in the double range, built in steps so that no intermediate overflows or underflows early. */
function timesPowerOfTwo(m: number, e: number): number {
  let v = m;
  let rest = e;
  while (rest > 600) {
    v *= 2 ** 600;
    rest -= 600;
  }
  while (rest < -600) {
    v *= 2 ** -600;
    rest += 600;
  }
  return v * 2 ** rest;
}

/**
 * A list of quantities of one magnitude anywhere in the double range (from the subnormal band to
 * near 1.8e308), spread over up to 2⁴⁰ around it, with at least one positive value.
 */
const magnitudeArb = fc.oneof(
  fc.integer({ min: -1074, max: 1022 }),
  // sampled on purpose: the subnormal band; values whose squares are subnormal (2E-162 is 2^-536);
  // values whose squares or sums overflow
  fc.integer({ min: -1074, max: -1000 }),
  fc.integer({ min: -580, max: -505 }),
  fc.integer({ min: 960, max: 1022 }),
);
const quantitiesArb = fc
  .tuple(magnitudeArb, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -40, max: 0 })), { minLength: 1, maxLength: 40 }))
  .map(([e, parts]) => parts.map(([m, offset]) => Math.min(timesPowerOfTwo(m, e + offset), Number.MAX_VALUE)))
  .filter((xs) => xs.some((x) => x > 0) && xs.every(Number.isFinite));

describe("exact to 1e-12 across the double range (BigInt reference)", () => {
  test("the issue's cases: two 2E-162 values are 5000 and NEQ 2 exactly; three 3E-162 and five 1E-160 values too", () => {
    expect(hhi([[2e-162, 2e-162]])).toBe(5000);
    expect(numbersEquivalent([[2e-162, 2e-162]])).toBe(2);
    expect(close(hhi([[3e-162, 3e-162, 3e-162]]), 10000 / 3)).toBe(true);
    expect(close(hhi([[1e-160, 1e-160, 1e-160, 1e-160, 1e-160]]), 2000)).toBe(true);
    expect(hhiExcluding([[2e-162, 2e-162]], [["a", "b"]], "c")).toBe(hhi([[2e-162, 2e-162]], 1));
    // the smallest subnormal, and values near the largest double
    expect(hhi([[5e-324, 5e-324]])).toBe(5000);
    expect(close(hhi([[1.7e308, 1.7e308, 1.7e308]]), 10000 / 3)).toBe(true);
  });

  test("HHI and NEQ", () => {
    fc.assert(
      fc.property(quantitiesArb, (xs) => {
        const expected = exactHhi(xs);
        return close(hhi([xs], 1), expected) && close(hhi(xs.map((x) => [x])), expected * 10000) && close(numbersEquivalent([xs]), 1 / expected);
      }),
      { numRuns: 400 },
    );
  });

  test("SHARES, TOPSHARE and CR", () => {
    fc.assert(
      fc.property(quantitiesArb, fc.integer({ min: 1, max: 45 }), (xs, n) => {
        const u = xs.map(exactUnits);
        const total = sum(u);
        const got = shares([xs])[0];
        if (!got.every((s, i) => close(s as number, ratio(u[i], total)))) return false;
        const top = u.reduce((a, b) => (b > a ? b : a), 0n);
        if (!close(topShare([xs]).share, ratio(top, total))) return false;
        const largestN = [...u].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, n);
        return close(concentrationRatio([xs], n), ratio(sum(largestN), total));
      }),
      { numRuns: 300 },
    );
  });

  test("HHI.EXCLUDING, and the same number as HHI when the member is absent", () => {
    fc.assert(
      fc.property(quantitiesArb, fc.nat(), (xs, pick) => {
        const labels = xs.map((_, i) => `m${i}`);
        const excluded = pick % xs.length;
        const u = xs.map(exactUnits);
        const total = sum(u);
        const external = ratio(sum(u.filter((_, i) => i !== excluded).map((x) => x * x)), total * total);
        return close(hhiExcluding([xs], [labels], `m${excluded}`), external) && hhiExcluding([xs], [labels], "nobody") === hhi([xs], 1);
      }),
      { numRuns: 300 },
    );
  });

  test("GEOGAP: the difference of two exact HHIs, to 1e-12 of the larger", () => {
    fc.assert(
      fc.property(quantitiesArb, quantitiesArb, (p, r) => {
        const n = Math.min(p.length, r.length);
        const [pp, rr] = [p.slice(0, n), r.slice(0, n)];
        if (!pp.some((x) => x > 0) || !rr.some((x) => x > 0)) return true;
        const [hp, hr] = [exactHhi(pp), exactHhi(rr)];
        return Math.abs(geoGap([pp], [rr]) - (hp - hr)) <= TOLERANCE * Math.max(hp, hr);
      }),
      { numRuns: 300 },
    );
  });
});

describe("scale invariance, sampling the subnormal band explicitly", () => {
  // Integer quantities below 2^20 times 2^k are exact doubles for every k from −1074 up: the
  // scaled list has the same shares, so every measure must give the same number.
  const integersArb = fc.array(fc.integer({ min: 0, max: 2 ** 20 - 1 }), { minLength: 1, maxLength: 30 }).filter((xs) => xs.some((x) => x > 0));
  const subnormalK = fc.integer({ min: -1074, max: -1043 }); // every scaled value below 2^-1022: subnormal
  const squaresSubnormalK = fc.integer({ min: -580, max: -511 }); // values near 2E-162: their squares are subnormal
  const anyK = fc.oneof(subnormalK, squaresSubnormalK, fc.integer({ min: -1074, max: 1003 }));

  test("HHI, NEQ, SHARES, CR, TOPSHARE, ENTROPY and HHI.EXCLUDING do not change", () => {
    fc.assert(
      fc.property(integersArb, anyK, fc.integer({ min: 1, max: 30 }), (xs, k, n) => {
        const scaled = xs.map((x) => timesPowerOfTwo(x, k));
        expect(scaled.every((v, i) => exactUnits(v) === BigInt(xs[i]) << BigInt(k + 1074))).toBe(true); // exact, as claimed
        const labels = [xs.map((_, i) => `m${i}`)];
        const pairs: Array<[number, number]> = [
          [hhi([scaled], 1), hhi([xs], 1)],
          [numbersEquivalent([scaled]), numbersEquivalent([xs])],
          [concentrationRatio([scaled], n), concentrationRatio([xs], n)],
          [topShare([scaled]).share, topShare([xs]).share],
          [entropy([scaled]), entropy([xs])],
          [entropy([scaled], true), entropy([xs], true)],
          [hhiExcluding([scaled], labels, "m0"), hhiExcluding([xs], labels, "m0")],
          ...shares([scaled])[0].map((s, i): [number, number] => [s as number, shares([xs])[0][i] as number]),
        ];
        return pairs.every(([a, b]) => close(a, b));
      }),
      { numRuns: 400 },
    );
  });

  test("equal members in the subnormal band: HHI 10000/n and NEQ n", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), subnormalK, fc.integer({ min: 1, max: 1000 }), (n, k, m) => {
        const v = timesPowerOfTwo(m, k);
        const xs = Array.from({ length: n }, () => v);
        return close(hhi([xs]), 10000 / n) && close(numbersEquivalent([xs]), n) && close(entropy([xs]), Math.log(n));
      }),
    );
  });
});

describe("ENTROPY against a reference from exact shares", () => {
  // Each share is the exact ratio rounded once; the largest share's log is taken from the exact
  // remainder (log1p), the others' directly: a reference good to a few units in the last place.
  // ln of a positive integer of any size: ln of its top 60 bits plus the rest as powers of two.
  const lnBig = (n: bigint) => {
    const k = Math.max(0, bitLength(n) - 60);
    return Math.log(Number(n >> BigInt(k))) + k * Math.LN2;
  };
  // H as one exact ratio Σ termᵢ = num / (T² · 2¹²⁰), rounded once at the end: each logarithm
  // (ln(T/x) ≥ ln 2 for all but the largest) is carried as an integer multiple of 2⁻⁶⁰.
  const reference = (xs: number[]) => {
    const u = xs.map(exactUnits);
    const total = sum(u);
    const den = total * total * (1n << 120n);
    let num = 0n;
    for (const x of u) {
      if (x === 0n) continue;
      if (2n * x > total) {
        // The largest share s = 1 − r: s · ln(1/s), which is s·r·(1 + r/2 + …) for a tiny r.
        const r = ratio(total - x, total);
        if (r < 1e-8) num += x * (total - x) * BigInt(Math.round((1 + r / 2) * 2 ** 60)) * (1n << 60n);
        else num += BigInt(Math.round(-ratio(x, total) * Math.log1p(-r) * 2 ** 120)) * total * total;
        continue;
      }
      num += x * BigInt(Math.round((lnBig(total) - lnBig(x)) * 2 ** 60)) * total * (1n << 60n);
    }
    return ratio(num, den);
  };
  /** Normalised results in the subnormal band carry the division's rounding too: a few steps of 2^-1074. */
  const closeToReference = (actual: number, expected: number) => close(actual, expected) || (Math.abs(expected) < 2 ** -1000 && Math.abs(actual - expected) <= 4 * 2 ** -1074);
  test("over the whole double range, both when one pass suffices and when the terms must be summed one by one", () => {
    fc.assert(
      fc.property(quantitiesArb, (xs) => {
        const members = xs.filter((x) => x > 0).length;
        const h = reference(xs);
        return close(entropy([xs]), h) && closeToReference(entropy([xs], true), members < 2 ? 0 : h / Math.log(members));
      }),
      { numRuns: 400 },
    );
  });
});

describe("ENTROPY keeps its digits when one member holds nearly everything", () => {
  test("{1, x}: H = ln(1 + x) − x ln(x) / (1 + x), for x down to 1e-300", () => {
    for (const x of [1e-3, 1e-8, 1e-10, 1e-15, 1e-100, 1e-300]) {
      const expected = Math.log1p(x) - (x * Math.log(x)) / (1 + x);
      expect([x, close(entropy([[1, x]]), expected)]).toEqual([x, true]);
    }
  });
});

describe("GEOPOLRISK does not overflow on the way to a finite result", () => {
  test("instability near the largest double", () => {
    // HHI · Σ g·f / (p + F) with equal scores: HHI · g · F / (p + F).
    expect(close(geoPolRisk(0.5, [[100, 100]], [[1.7e308, 1.7e308]], 0), 0.5 * 1.7e308)).toBe(true);
    expect(close(geoPolRisk(0.5, [[100, 300]], [[1.7e308, 1e308]], 100), (0.5 * (100 * 1.7e308 + 300 * 1e308)) / 500)).toBe(true);
  });
  test("imports and production near 1e308, and near the subnormal band", () => {
    expect(close(geoPolRisk(0.5, [[1e308, 1e308]], [[2, 4]], 1e308), 1)).toBe(true);
    expect(close(geoPolRisk(0.5, [[1e-320, 3e-320]], [[2, 4]], 0), (0.5 * (2 * 1e-320 + 4 * 3e-320)) / 4e-320, 1e-3)).toBe(true);
    expect(close(geoPolRisk(0.6, [[10, 30]], [[2, 4]], 60), 0.84)).toBe(true);
  });
});
