/**
 * The compound vulnerability index of model versions 1 and 2 (DESIGN.md 1.1; same formulas and defaults): properties over random inputs
 * and cases worked by hand from the published definition (not from the code under test).
 */
import fc from "fast-check";
import { cvi, cviTerms, DEFAULT_PARAMETERS, MODEL_VERSION, MODEL_VERSIONS, type CviInputs } from "../../src/core/vulnerability/cvi";
import { diversifyFromLeader, externalSumOfSquares, firmHhiUpperBound, ROUNDING_TOLERANCE, sumOfSquares } from "../../src/core/vulnerability/scenario";
import { VULN_CVI } from "../../src/functions/families/vuln";

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const inputsArb = fc.record({ g: unit, pExternal: unit, pGlobal: unit, f: unit, t: unit, k: unit });
const paramsArb = fc.record({ m: unit, wg: unit });
const KEYS = ["g", "pExternal", "pGlobal", "f", "t", "k"] as const;

/** The closed form of DESIGN.md 1.1, written out independently of the implementation. */
function closedForm(x: CviInputs, m: number, wg: number): number {
  const P = x.pExternal * (1 - m * (1 - x.f));
  const T = x.t * x.pGlobal;
  const K = x.k * (P > T ? P : T);
  const G = wg * x.g;
  return 1 - (1 - G) * (1 - P) * (1 - T) * (1 - K);
}

describe("CVI, model versions 1 and 2", () => {
  test("the model version and defaults are the published ones", () => {
    expect(MODEL_VERSION).toBe(2);
    expect(MODEL_VERSIONS).toEqual([1, 2]);
    expect(DEFAULT_PARAMETERS).toEqual({ m: 0.5, wg: 0.5 });
    expect(Object.isFrozen(DEFAULT_PARAMETERS)).toBe(true);
  });

  test("CVI lies within [0, 1]", () => {
    fc.assert(fc.property(inputsArb, paramsArb, (x, p) => {
      const v = cvi(x, p);
      return v >= 0 && v <= 1;
    }));
  });

  test("CVI equals the closed form for random inputs", () => {
    fc.assert(fc.property(inputsArb, paramsArb, (x, p) => Math.abs(cvi(x, p) - closedForm(x, p.m, p.wg)) < 1e-12));
  });

  test("CVI never decreases when any input (or the geographic weight) rises", () => {
    fc.assert(
      fc.property(inputsArb, paramsArb, fc.constantFrom(...KEYS), unit, (x, p, key, bump) => {
        const higher = { ...x, [key]: Math.min(1, x[key] + bump * (1 - x[key])) };
        return cvi(higher, p) >= cvi(x, p) - 1e-12;
      }),
    );
    fc.assert(fc.property(inputsArb, paramsArb, unit, (x, p, bump) => cvi(x, { ...p, wg: Math.min(1, p.wg + bump * (1 - p.wg)) }) >= cvi(x, p) - 1e-12));
  });

  test("statement 1: T = 0 when global production is unconcentrated, whatever the trade exposure", () => {
    fc.assert(fc.property(inputsArb, paramsArb, (x, p) => cviTerms({ ...x, pGlobal: 0 }, p).T === 0));
    // Many equal producers: p = 1/n → T vanishes as n grows.
    const n = 1000;
    expect(cviTerms({ g: 0, pExternal: 0, pGlobal: 1 / n, f: 0, t: 1, k: 0 }).T).toBeCloseTo(0.001, 12);
  });

  test("statement 3: K = 0 when there is no other chokepoint", () => {
    fc.assert(fc.property(inputsArb, paramsArb, (x, p) => cviTerms({ ...x, pExternal: 0, t: 0 }, p).K === 0));
    fc.assert(fc.property(inputsArb, paramsArb, (x, p) => cviTerms({ ...x, pExternal: 0, pGlobal: 0 }, p).K === 0));
  });

  test("statement 5: a country's own production adds nothing (p_c excludes it)", () => {
    // China 70%, Australia 20%, USA 10%: for China p_c = 0.2² + 0.1² = 0.05; for the US 0.49 + 0.04 = 0.53.
    const shares = [{ key: "CHN", share: 0.7 }, { key: "AUS", share: 0.2 }, { key: "USA", share: 0.1 }];
    expect(externalSumOfSquares(shares, "CHN")).toBeCloseTo(0.05, 12);
    expect(externalSumOfSquares(shares, "USA")).toBeCloseTo(0.53, 12);
    expect(sumOfSquares(shares)).toBeCloseTo(0.54, 12);
  });

  test("hand-computed terms: each term alone", () => {
    // P: p_c 0.8, f 0.2, m 0.5 → 0.8 · (1 − 0.5 · 0.8) = 0.48
    expect(cviTerms({ g: 0, pExternal: 0.8, pGlobal: 0, f: 0.2, t: 0, k: 0 })).toMatchObject({ P: 0.48, T: 0, K: 0, G: 0 });
    // T: t 0.6, p 0.5 → 0.3
    expect(cviTerms({ g: 0, pExternal: 0, pGlobal: 0.5, f: 1, t: 0.6, k: 0 }).T).toBeCloseTo(0.3, 12);
    // G: w_g 0.5, g 0.3 → 0.15
    expect(cviTerms({ g: 0.3, pExternal: 0, pGlobal: 0, f: 1, t: 0, k: 0 }).G).toBeCloseTo(0.15, 12);
    // K: k 0.5 · max(P 0.48, T 0.3) = 0.24
    expect(cviTerms({ g: 0, pExternal: 0.8, pGlobal: 0.5, f: 0.2, t: 0.6, k: 0.5 }).K).toBeCloseTo(0.24, 12);
  });

  test("hand-computed CVI with every term", () => {
    // g .3 → G .15; p_c .8, f .2 → P .48; t .6, p .5 → T .3; k .5 → K .24
    // CVI = 1 − .85 · .52 · .7 · .76 = 1 − 0.235144 = 0.764856
    expect(cvi({ g: 0.3, pExternal: 0.8, pGlobal: 0.5, f: 0.2, t: 0.6, k: 0.5 })).toBeCloseTo(0.764856, 12);
    // m = 1, w_g = 1: P = .8 · .2 = .16, G = .3, T = .3, K = .5 · .3 = .15 → 1 − .7 · .84 · .7 · .85 = 0.65014
    expect(cvi({ g: 0.3, pExternal: 0.8, pGlobal: 0.5, f: 0.2, t: 0.6, k: 0.5 }, { m: 1, wg: 1 })).toBeCloseTo(0.65014, 12);
  });

  test("the custom function gives the same number and defaults m and wg to 0.5", () => {
    expect(VULN_CVI(0.3, 0.8, 0.5, 0.2, 0.6, 0.5)).toBeCloseTo(0.764856, 12);
    expect(VULN_CVI(0.3, 0.8, 0.5, 0.2, 0.6, 0.5, null, null)).toBeCloseTo(0.764856, 12);
    expect(VULN_CVI([[0.3]], 0.8, 0.5, 0.2, 0.6, 0.5, 1, 1)).toBeCloseTo(0.65014, 12);
  });

  test.each([
    [[1.2, 0, 0, 0, 0, 0], /#?CHOKEPOINT\.VULN\.CVI: g must be between 0 and 1; got 1\.2/],
    [[0, -0.1, 0, 0, 0, 0], /pExternal must be between 0 and 1; got -0\.1/],
    [[0, 0, 2, 0, 0, 0], /pGlobal must be between 0 and 1/],
    [[0, 0, 0, 1.5, 0, 0], /f must be between 0 and 1/],
    [[0, 0, 0, 0, 7, 0], /\bt must be between 0 and 1/],
    [[0, 0, 0, 0, 0, 9], /\bk must be between 0 and 1/],
    [[0, 0, 0, 0, 0, 0, 3], /\bm must be between 0 and 1/],
    [[0, 0, 0, 0, 0, 0, 0.5, -1], /wg must be between 0 and 1/],
    [["", 0, 0, 0, 0, 0], /g is blank; enter a number/],
    [[0, "abc", 0, 0, 0, 0], /pExternal is text "abc"; expected a number/],
  ])("VULN.CVI(%j) is #VALUE! naming the argument", (args, message) => {
    expect(() => (VULN_CVI as (...a: unknown[]) => number)(...args)).toThrow(message);
    try {
      (VULN_CVI as (...a: unknown[]) => number)(...args);
    } catch (e) {
      expect((e as { code: string }).code).toBe("#VALUE!");
    }
  });
});

describe("scenario arithmetic", () => {
  test("diversifying from the leader moves delta to the others in proportion to their shares", () => {
    // China .6, Australia .2, USA .1, remainder .1; delta .1 → China .5; others get .1 · s/.4:
    // Australia .2 + .05 = .25, USA .1 + .025 = .125 (remainder gets .025).
    const out = diversifyFromLeader([{ key: "CHN", share: 0.6 }, { key: "AUS", share: 0.2 }, { key: "USA", share: 0.1 }], 0.1);
    expect(out.map((m) => m.share)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.25, 12), expect.closeTo(0.125, 12)]);
  });

  test("the shift never exceeds the leader's share, scales every other share by the same factor, and lowers HHI while the leader stays leader", () => {
    const shareList = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }).map((xs) => {
      const total = xs.reduce((a, b) => a + b, 0) || 1;
      return xs.map((x, i) => ({ key: `K${i}`, share: (x / total) * 0.99 }));
    });
    fc.assert(fc.property(shareList, unit, (members, delta) => {
      const out = diversifyFromLeader(members, delta);
      const leaderIndex = members.reduce((best, m, i) => (m.share > members[best].share ? i : best), 0);
      const leader = members[leaderIndex].share;
      const moved = Math.min(delta, leader);
      const factor = 1 + moved / (1 - leader);
      const ok = out.every((m, i) =>
        i === leaderIndex ? Math.abs(m.share - (leader - moved)) < 1e-12 : Math.abs(m.share - members[i].share * factor) < 1e-9,
      );
      const stillLeader = out.every((m) => m.share <= out[leaderIndex].share + 1e-12);
      return ok && (!stillLeader || sumOfSquares(out) <= sumOfSquares(members) + 1e-12);
    }));
  });

  test("firm HHI upper bound from the largest firms", () => {
    // One firm of 7.7%: HHI ≤ 0.077.
    expect(firmHhiUpperBound([0.077])).toBeCloseTo(0.077, 12);
    // Firms .4 and .2, remainder .4 in firms of at most .2: .16 + .04 + .4 · .2 = .28
    expect(firmHhiUpperBound([0.4, 0.2])).toBeCloseTo(0.28, 12);
    expect(() => firmHhiUpperBound([])).toThrow(/no firm shares/);
    expect(() => firmHhiUpperBound([0.8, 0.5])).toThrow(/more than the whole market/);
  });

  test("shares of a rounded world total may add up to a little over 100%, not more", () => {
    // USGS MCS 2026 for 2024: countries 383,000 t against a printed world total of 380,000 t.
    const rounded = [{ key: "CHN", share: 270000 / 380000 }, { key: "USA", share: 45500 / 380000 }, { key: "REST", share: 67500 / 380000 }];
    expect(rounded.reduce((a, m) => a + m.share, 0)).toBeCloseTo(1.0079, 4);
    expect(sumOfSquares(rounded)).toBeCloseTo((270000 ** 2 + 45500 ** 2 + 67500 ** 2) / 380000 ** 2, 12);
    expect(ROUNDING_TOLERANCE).toBe(0.02);
    expect(() => sumOfSquares([{ key: "A", share: 0.6 }, { key: "B", share: 0.45 }])).toThrow(/shares add up to 1\.0500, more than the whole world/);
    expect(externalSumOfSquares([{ key: "DEU", share: 0.3 }, { key: "FRA", share: 0.2 }, { key: "CHN", share: 0.5 }], (k) => k === "DEU" || k === "FRA")).toBeCloseTo(0.25, 12);
  });
});
