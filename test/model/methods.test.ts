/**
 * The established methods: EU criticality (European Commission 2017 methodology, used for the
 * 2017, 2020 and 2023 lists), GeoPolRisk (Gemechu et al. 2015) and the supply-shock formula. The
 * expected figures are worked by hand in the comments from the published formulas.
 */
import { EU_CRITICAL, EU_HHIWGI, EU_SR, EU_WGISCALE, GEOPOLRISK } from "../../src/functions/families/methods";
import { VULN_SHOCK } from "../../src/functions/families/vuln";
import { detectShareUnit } from "../../src/core/eu";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
}

describe("EU.WGISCALE: 2 · (2.5 − x)", () => {
  test("the ends and the middle of the scale", () => {
    expect(EU_WGISCALE(2.5)).toBe(0); // best governance → 0
    expect(EU_WGISCALE(-2.5)).toBe(10); // worst → 10
    expect(EU_WGISCALE(0)).toBe(5);
    expect(EU_WGISCALE(-0.5)).toBeCloseTo(6, 12); // 2 · 3
  });
  test("six estimates are averaged first", () => {
    // mean(−0.3, −0.6, −0.9, −0.2, −0.5, −0.5) = −0.5 → 6
    expect(EU_WGISCALE([[-0.3, -0.6, -0.9, -0.2, -0.5, -0.5]])).toBeCloseTo(6, 12);
  });
  test("out of range and non-numbers are #VALUE! with a message", () => {
    expect(() => EU_WGISCALE(3)).toThrow(/EU\.WGISCALE: meanEstimate must be between -2\.5 and 2\.5/);
    expect(() => EU_WGISCALE("x")).toThrow(/meanEstimate must be a number/);
    expect(() => EU_WGISCALE(null)).toThrow(/meanEstimate must be a number/);
  });
});

describe("EU.HHIWGI: Σ S² · WGI · t", () => {
  // Three producers with shares .6, .3, .1 and scaled WGI 6, 3, 2:
  //   .36·6 + .09·3 + .01·2 = 2.16 + .27 + .02 = 2.45
  test("fractions, t = 1 by default", () => {
    expect(EU_HHIWGI([[0.6, 0.3, 0.1]], [[6, 3, 2]])).toBeCloseTo(2.45, 12);
  });
  test("percentages are detected and give the same number", () => {
    expect(EU_HHIWGI([[60], [30], [10]], [[6], [3], [2]])).toBeCloseTo(2.45, 12);
    expect(detectShareUnit([0.6, 0.4])).toBe("fractions");
    expect(detectShareUnit([60, 38.4])).toBe("percentages");
  });
  test("rounded fractions adding up to a little over 1 stay fractions (no silent ÷100)", () => {
    // .5² · 6 + .3² · 4 + .21² · 2 = 1.5 + .36 + .0882 = 1.9482
    expect(EU_HHIWGI([[0.5], [0.3], [0.21]], [[6], [4], [2]])).toBeCloseTo(1.9482, 12);
    expect(detectShareUnit([0.5, 0.3, 0.21])).toBe("fractions");
  });
  test("shares that cannot be a supply mix are #VALUE! saying why", () => {
    expect(() => EU_HHIWGI([[0.6], [0.6]], [[5], [5]])).toThrow(/EU\.HHIWGI: shares are fractions \(none above 1\) but add up to 1\.2/);
    expect(() => EU_HHIWGI([[70], [50]], [[5], [5]])).toThrow(/shares are percentages .* add up to 120/);
  });
  test("t as one number or per country", () => {
    // one t 1.1 → 2.45 · 1.1 = 2.695
    expect(EU_HHIWGI([[0.6, 0.3, 0.1]], [[6, 3, 2]], 1.1)).toBeCloseTo(2.695, 12);
    // export restriction on the first producer only (t 1.2): 2.16·1.2 + .27 + .02 = 2.592 + .29 = 2.882
    expect(EU_HHIWGI([[0.6, 0.3, 0.1]], [[6, 3, 2]], [[1.2, 1, 1]])).toBeCloseTo(2.882, 12);
    // EU member states carry t = 0.8: second producer an EU member → 2.16 + .27·.8 + .02 = 2.396
    expect(EU_HHIWGI([[0.6, 0.3, 0.1]], [[6, 3, 2]], [[1, 0.8, 1]])).toBeCloseTo(2.396, 12);
  });
  test("a zero share needs no WGI (it adds nothing)", () => {
    expect(EU_HHIWGI([[0.6, 0.3, 0.1, 0]], [[6, 3, 2, ""]])).toBeCloseTo(2.45, 12);
  });
  test("a single-source material with the worst governance reaches 10", () => {
    expect(EU_HHIWGI([[1]], [[10]])).toBe(10);
  });
  test("errors say what to fix", () => {
    expect(() => EU_HHIWGI([[0.6, 0.4]], [[6]])).toThrow(/wgi has 1 cell but shares has 2 cells/);
    expect(() => EU_HHIWGI([[0.6, 0.4]], [[6, ""]])).toThrow(/wgi: item 2 is blank but its share is 0\.4/);
    expect(() => EU_HHIWGI([[60, 70]], [[6, 3]])).toThrow(/shares are percentages .* add up to 130/);
    expect(() => EU_HHIWGI([[0.6, 0.4]], [[6, 12]])).toThrow(/runs from 0 to 10/);
    expect(() => EU_HHIWGI([[0.6, 0.4]], [[6, 3]], [[1, 1, 1]])).toThrow(/t has 3 cells/);
    expect(() => EU_HHIWGI([[0, 0]], [[6, 3]])).toThrow(/no positive share/);
    expect(codeOf(() => EU_HHIWGI([["a"]], [[1]]))).toBe("#VALUE!");
  });
});

describe("EU.SR: [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR", () => {
  test("both supply mixes", () => {
    // HHI_GS 2.45, HHI_EU 1.2, IR .6, EOL_RIR .1, SI .95:
    //   2.45·.3 + 1.2·.7 = .735 + .84 = 1.575; · .9 · .95 = 1.346625
    expect(EU_SR(2.45, 1.2, 0.6, 0.1, 0.95)).toBeCloseTo(1.346625, 12);
    // full import reliance weighs both halves equally: (2 + 1)/2 = 1.5
    expect(EU_SR(2, 1, 1, 0, 1)).toBeCloseTo(1.5, 12);
  });
  test("a blank HHI_EU means global supply only, and the reverse", () => {
    // 2.45 · .9 · .95 = 2.094750
    expect(EU_SR(2.45, null, 0.6, 0.1, 0.95)).toBeCloseTo(2.09475, 12);
    expect(EU_SR("", 1.2, 0.6, 0.1, 0.95)).toBeCloseTo(1.026, 12); // 1.2 · .855
  });
  test("errors say what to fix", () => {
    expect(() => EU_SR(null, null, 0.5, 0, 1)).toThrow(/EU\.SR: hhiGlobal and hhiEU are both blank/);
    expect(() => EU_SR(2, 1, 60, 0, 1)).toThrow(/importReliance must be between 0 and 1/);
    expect(() => EU_SR(2, 1, 0.6, 1.2, 1)).toThrow(/eolRir must be between 0 and 1/);
    expect(() => EU_SR(2, 1, 0.6, 0, 2)).toThrow(/substitutionIndex must be between 0 and 1/);
    expect(() => EU_SR(12, 1, 0.6, 0, 1)).toThrow(/hhiGlobal must be between 0 and 10/);
    expect(() => EU_SR(2, 1, "x", 0, 1)).toThrow(/importReliance is text "x"/);
  });
});

describe("EU.CRITICAL: SR ≥ 1 and EI ≥ 2.8", () => {
  test("thresholds are inclusive and overridable", () => {
    expect(EU_CRITICAL(1, 2.8)).toBe(true);
    expect(EU_CRITICAL(0.99, 6)).toBe(false);
    expect(EU_CRITICAL(4, 2.79)).toBe(false);
    expect(EU_CRITICAL(0.8, 3, 0.7, null)).toBe(true);
    expect(EU_CRITICAL(1.2, 3, null, 3.5)).toBe(false);
  });
  test("errors", () => {
    expect(() => EU_CRITICAL(-1, 3)).toThrow(/sr must be at least 0/);
    expect(() => EU_CRITICAL(1, "")).toThrow(/ei is blank/);
  });
});

describe("GEOPOLRISK: HHI · Σ g_i f_i / (p_c + F_c)", () => {
  // HHI .5; imports 60 from A (g .8), 40 from B (g .2); domestic production 100:
  //   Σ g f = 48 + 8 = 56; F = 100; 0.5 · 56 / 200 = 0.14
  test("worked example", () => {
    expect(GEOPOLRISK(0.5, [[60, 40]], [[0.8, 0.2]], 100)).toBeCloseTo(0.14, 12);
    expect(GEOPOLRISK(5000, [[60], [40]], [[0.8], [0.2]], 100)).toBeCloseTo(0.14, 12); // points
    // no domestic production: .5 · 56 / 100 = .28
    expect(GEOPOLRISK(0.5, [[60, 40]], [[0.8, 0.2]], 0)).toBeCloseTo(0.28, 12);
  });
  test("errors say what to fix", () => {
    expect(() => GEOPOLRISK(0.5, [[60, 40]], [[0.8]], 0)).toThrow(/instability has 1 cell but imports has 2 cells/);
    expect(() => GEOPOLRISK(0.5, [[60, 40]], [[0.8, ""]], 0)).toThrow(/instability: item 2 is blank/);
    expect(() => GEOPOLRISK(0.5, [[0, 0]], [[0.8, 0.1]], 0)).toThrow(/no supply/);
    expect(() => GEOPOLRISK(20000, [[1]], [[1]], 0)).toThrow(/hhi must be between 0 and 1/);
    expect(() => GEOPOLRISK(1.5, [[1]], [[1]], 0)).toThrow(/hhi 1\.5 is neither on the 0–1 scale nor in points/);
    expect(() => GEOPOLRISK(0.5, [[1]], [[1]], -3)).toThrow(/domesticProduction must be at least 0/);
  });
});

describe("VULN.SHOCK: importReliance · partnerShare · cut · (1 − substitution)", () => {
  test("worked examples", () => {
    // US compounds and metals 2024: reliance .8, China .745 of imports, a full cut, no substitution → .596
    expect(VULN_SHOCK(0.8, 0.745, 1)).toBeCloseTo(0.596, 12);
    // half cut, a quarter replaced: .8 · .745 · .5 · .75 = .2235
    expect(VULN_SHOCK(0.8, 0.745, 0.5, 0.25)).toBeCloseTo(0.2235, 12);
    expect(VULN_SHOCK(0, 1, 1, 0)).toBe(0);
  });
  test("errors name the argument", () => {
    expect(() => VULN_SHOCK(80, 0.7, 1)).toThrow(/VULN\.SHOCK: importReliance must be between 0 and 1/);
    expect(() => VULN_SHOCK(0.8, 0.7, 1, 2)).toThrow(/substitution must be between 0 and 1/);
    expect(() => VULN_SHOCK(0.8, "", 1)).toThrow(/partnerShare is blank/);
    expect(codeOf(() => VULN_SHOCK(0.8, 0.7, -1))).toBe("#VALUE!");
  });
});
