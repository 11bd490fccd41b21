import fc from "fast-check";
import { concentrationRatio, hhi, numbersEquivalent } from "../../src/core/concentration";

/** Non-empty lists of non-negative quantities with at least one positive value. */
const quantitiesArb = fc
  .array(fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 })
  .filter((xs) => xs.some((x) => x > 1e-6));

describe("concentration properties", () => {
  test("HHI lies within [1/n, 1] · scale, n the number of members", () => {
    fc.assert(
      fc.property(quantitiesArb, (xs) => {
        const n = xs.length;
        const h = hhi([xs], 1);
        return h >= 1 / n - 1e-12 && h <= 1 + 1e-12;
      }),
    );
    fc.assert(fc.property(quantitiesArb, (xs) => hhi([xs]) <= 10000 * (1 + 1e-12) && hhi([xs]) >= 10000 / xs.length - 1e-8));
  });

  test("HHI is invariant to permutation and to scaling of quantities", () => {
    fc.assert(
      fc.property(quantitiesArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.nat(), (xs, k, seed) => {
        const shuffled = [...xs].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const base = hhi([xs], 1);
        return Math.abs(hhi([shuffled], 1) - base) < 1e-9 && Math.abs(hhi([xs.map((x) => x * k)], 1) - base) < 1e-9;
      }),
    );
  });

  test("the 2-D shape of the range does not matter (column, row or block)", () => {
    fc.assert(
      fc.property(quantitiesArb, (xs) => Math.abs(hhi(xs.map((x) => [x]), 1) - hhi([xs], 1)) < 1e-12),
    );
  });

  test("NEQ · HHI = 1", () => {
    fc.assert(fc.property(quantitiesArb, (xs) => Math.abs(numbersEquivalent([xs]) * hhi([xs], 1) - 1) < 1e-9));
  });

  test("CR(n) is monotone non-decreasing in n and reaches 1", () => {
    fc.assert(
      fc.property(quantitiesArb, fc.integer({ min: 1, max: 70 }), (xs, n) => {
        const a = concentrationRatio([xs], n);
        const b = concentrationRatio([xs], n + 1);
        return b >= a - 1e-12 && concentrationRatio([xs], xs.length) > 1 - 1e-9;
      }),
    );
  });
});
