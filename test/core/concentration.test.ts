import {
  band,
  concentrationRatio,
  dependence,
  entropy,
  geoGap,
  hhi,
  hhiExcluding,
  hhiPoints,
  netImportReliance,
  numbersEquivalent,
  shares,
  topShare,
} from "../../src/core/concentration";
import { ChokepointError } from "../../src/errors";

function errorOf(fn: () => unknown): ChokepointError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ChokepointError) return e;
    throw e;
  }
  throw new Error("expected a ChokepointError");
}

describe("HHI", () => {
  test("DOJ worked example: shares 30, 30, 20, 20 give 2,600", () => {
    expect(hhi([[30, 30, 20, 20]])).toBeCloseTo(2600, 9);
    expect(hhi([[30], [30], [20], [20]], 1)).toBeCloseTo(0.26, 12);
  });

  test("a monopoly is 10,000 and n equal firms 10,000/n", () => {
    expect(hhi([[42]])).toBe(10000);
    expect(hhi([[5, 5, 5, 5, 5]])).toBeCloseTo(2000, 9);
  });

  test("quantities in tonnes give the same index as their percentages (USGS 2024 mine output, top 3)", () => {
    // China 270,000, United States 45,000, Myanmar 31,000 t REO (USGS MCS 2025).
    const total = 270000 + 45000 + 31000;
    const byHand = ((270000 / total) ** 2 + (45000 / total) ** 2 + (31000 / total) ** 2) * 10000;
    expect(hhi([[270000, 45000, 31000]])).toBeCloseTo(byHand, 8);
  });

  test("blanks and statistical missing markers are skipped", () => {
    expect(hhi([[30, null, "", "NA", "W", "—", "n.a.", "XX", 30, 20, 20]])).toBeCloseTo(2600, 9);
  });

  test("text, negative numbers, booleans and error values are named with their position", () => {
    expect(errorOf(() => hhi([[1, 2, "abc"]])).message).toBe('values: item 3 is text "abc"; expected a number');
    expect(errorOf(() => hhi([[1, -2]])).message).toBe("values: item 2 is -2; expected a non-negative number");
    expect(errorOf(() => hhi([[true]])).message).toContain("the logical value TRUE");
    expect(errorOf(() => hhi([[1, { code: "#DIV/0!" }]])).message).toContain("the error #DIV/0!");
    expect(errorOf(() => hhi([[1, 2], [3, "12"]])).message).toBe(
      'values: item 4 (row 2, column 2) is text "12" (a number stored as text); expected a number',
    );
  });

  test("a range with no positive value says so", () => {
    const e = errorOf(() => hhi([[0, null, "NA"]]));
    expect(e.kind).toBe("value");
    expect(e.message).toContain("no positive number");
  });
});

describe("shares, CR, top share, NEQ", () => {
  test("shares keep the input's shape and leave skipped cells blank", () => {
    expect(shares([[1, null], [3, "NA"]])).toEqual([[0.25, null], [0.75, null]]);
  });

  test("CR2 of 50/20/20/10 is 0.7; CR beyond the member count is 1", () => {
    expect(concentrationRatio([[10, 20, 50, 20]], 2)).toBeCloseTo(0.7, 12);
    expect(concentrationRatio([[10, 20]], 5)).toBe(1);
    expect(errorOf(() => concentrationRatio([[1]], 0)).message).toContain("at least 1");
  });

  test("top share with labels returns the label of the largest, first on a tie", () => {
    expect(topShare([[31000, 270000, 45000]], [["MMR", "CHN", "USA"]])).toEqual({ share: 270000 / 346000, index: 1, label: "CHN" });
    expect(topShare([[5, 5]], [["a", "b"]]).label).toBe("a");
    expect(errorOf(() => topShare([[1, 2]], [["a"]])).message).toContain("one label per value");
  });

  test("numbers-equivalent of the DOJ example is 1/0.26", () => {
    expect(numbersEquivalent([[30, 30, 20, 20]])).toBeCloseTo(1 / 0.26, 12);
  });
});

describe("entropy", () => {
  test("four equal shares: ln 4, evenness 1; a single supplier: 0", () => {
    expect(entropy([[1, 1, 1, 1]])).toBeCloseTo(Math.log(4), 12);
    expect(entropy([[1, 1, 1, 1]], true)).toBeCloseTo(1, 12);
    expect(entropy([[7, 0]], true)).toBe(0);
  });

  test("shares 0.5/0.25/0.25 give 1.5 ln 2", () => {
    expect(entropy([[2, 1, 1]])).toBeCloseTo(1.5 * Math.log(2), 12);
  });
});

describe("merger-guideline bands", () => {
  test.each([
    [1499, "2010", "unconcentrated"],
    [1500, "2010", "moderately concentrated"],
    [2500, "2010", "moderately concentrated"],
    [2501, "2010", "highly concentrated"],
    [999, "2023", "unconcentrated"],
    [1000, "2023", "moderately concentrated"],
    [1800, "2023", "moderately concentrated"],
    [1801, "2023", "highly concentrated"],
    [0.26, "2010", "highly concentrated"],
  ] as const)("HHI %p under the %s guidelines is %s", (value, guidelines, expected) => {
    expect(band(value, guidelines)).toBe(expected);
  });
  test("one HHI reading rule for BAND and GEOPOLRISK: 0–1, or points from 100; between is #VALUE!", () => {
    expect(hhiPoints(0.45)).toBeCloseTo(4500, 9);
    expect(hhiPoints(1)).toBe(10000);
    expect(hhiPoints(100)).toBe(100);
    expect(errorOf(() => band(50)).message).toBe("hhi 50 is neither on the 0–1 scale nor in points (100–10000); give an HHI such as 0.45 or 4500");
    expect(errorOf(() => band(10001)).message).toContain("between 0 and 1, or 0 and 10000 points");
  });
});

describe("extreme magnitudes: shares do not depend on units", () => {
  // Squares of 1e200 overflow and of 1e-200 underflow in floating point; the shares are 1/2, 1/2.
  test.each([1e200, 1e-200, 1e308])("two equal values of %p: HHI 5000, NEQ 2, shares ½", (v) => {
    expect(hhi([[v, v]])).toBeCloseTo(5000, 9);
    expect(numbersEquivalent([[v, v]])).toBeCloseTo(2, 12);
    expect(shares([[v, "NA", v]])).toEqual([[0.5, null, 0.5]]);
    expect(concentrationRatio([[v, v]], 1)).toBeCloseTo(0.5, 12);
    expect(hhiExcluding([[v, v]], [["a", "b"]], "a")).toBeCloseTo(0.25, 12);
  });
  test("1e-200 and 3e-200: shares ¼ and ¾, HHI 6250", () => {
    expect(hhi([[1e-200, 3e-200]])).toBeCloseTo(6250, 9);
  });
});

describe("external concentration", () => {
  test("excluding the USA from 50/30/20 leaves 0.5² + 0.2²", () => {
    expect(hhiExcluding([[50, 30, 20]], [["CHN", "USA", "AUS"]], "usa")).toBeCloseTo(0.29, 12);
  });
  test("a country with no output sees the whole HHI", () => {
    expect(hhiExcluding([[50, 30, 20]], [["CHN", "USA", "AUS"]], "JPN")).toBeCloseTo(0.38, 12);
  });
  test("labels must align with values", () => {
    expect(errorOf(() => hhiExcluding([[1, 2]], [["a"]], "a")).message).toContain("one label per value");
  });
});

describe("USGS net import reliance", () => {
  test("MCS 2025 compounds and metals 2020: USGS prints apparent consumption 6,490 t and NIR 100%", () => {
    const imports = 6510 + 270 + 363;
    const exports = 626 + 25;
    expect(netImportReliance({ production: 0, imports, exports, stockChange: 0 })).toBe(1);
    expect(Math.round((imports - exports) / 10) * 10).toBe(6490);
  });
  test("a net exporter is negative; stock releases add to supply", () => {
    expect(netImportReliance({ production: 100, imports: 10, exports: 50, stockChange: 0 })).toBeCloseTo(-40 / 60, 12);
    expect(netImportReliance({ production: 50, imports: 40, exports: 0, stockChange: 10 })).toBeCloseTo(0.5, 12);
  });
  test("zero or negative apparent consumption is an error with a reason", () => {
    expect(errorOf(() => netImportReliance({ production: 0, imports: 5, exports: 5, stockChange: 0 })).message).toContain("zero");
    expect(errorOf(() => netImportReliance({ production: 1, imports: 0, exports: 5, stockChange: 0 })).message).toContain("negative");
  });
});

describe("dependence and the geography gap", () => {
  test("dependence is a plain share and refuses impossible totals", () => {
    expect(dependence(60, 100)).toBe(0.6);
    expect(errorOf(() => dependence(120, 100)).message).toContain("exceed");
    expect(errorOf(() => dependence(0, 0)).message).toContain("greater than zero");
  });
  test("production 60/20/20 against reserves 40/30/30 gives 0.44 − 0.34", () => {
    expect(geoGap([[60, 20, 20]], [[40, 30, 30]])).toBeCloseTo(0.1, 12);
    expect(errorOf(() => geoGap([[1, 2]], [[1, 2, 3]])).message).toContain("same countries");
  });
});

describe("CHOKEPOINT.HHI.EXCLUDING through its adapter", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { HHI_EXCLUDING } = require("../../src/functions/families/measures");
  test("matches country names and codes as the same member", () => {
    expect(HHI_EXCLUDING([[50, 30, 20]], [["China", "United States", "Australia"]], "USA")).toBeCloseTo(0.29, 12);
    expect(HHI_EXCLUDING([[50, 30, 20]], [["CHN", "MMR", "AUS"]], "Burma")).toBeCloseTo(0.29, 12);
  });
});
