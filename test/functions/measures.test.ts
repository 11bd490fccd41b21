/** The measures as Excel calls them: argument rules that live in the adapters. */
import { BAND, HHI_EXCLUDING, NIR } from "../../src/functions/families/measures";
import { GEOPOLRISK } from "../../src/functions/families/methods";

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected an error");
}

describe("NIR: a withheld stock change is missing data, not a wrong argument", () => {
  test('"W" or "NA" as stockChange is #N/A naming the marker', () => {
    const e = errorOf(() => NIR(0, 100, 20, "W"));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe('CHOKEPOINT.NIR: stockChange is "W" (withheld to avoid disclosing company data), so the result cannot be computed');
    expect(errorOf(() => NIR(0, 100, 20, [["NA"]])).code).toBe("#N/A");
  });
  test("blank or omitted is no stock change; a number is used", () => {
    // (100 − 20) / (0 + 100 − 20) = 1; with 5 t taken into stock: 75 / 75 = 1; with production 25: 75/100.
    expect(NIR(0, 100, 20, null)).toBe(1);
    expect(NIR(0, 100, 20, [[""]])).toBe(1);
    expect(NIR(25, 100, 20, -5)).toBeCloseTo(0.75, 12);
    expect(errorOf(() => NIR(0, 100, 20, "abc")).code).toBe("#VALUE!");
  });
});

describe("HHI.EXCLUDING: a misspelt exclude is an error, not a silent no-op", () => {
  const values = [[50, 30, 20]];
  test("text that is neither a label nor a country is #VALUE! with the nearest labels", () => {
    const e = errorOf(() => HHI_EXCLUDING(values, [["Lynas", "MP", "Shenghe"]], "Lynnas"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^CHOKEPOINT\.HHI\.EXCLUDING: exclude "Lynnas" is not one of the labels nor a known country; did you mean "Lynas"/);
  });
  test("a label, an alias of a labelled country, or a country with no output all work", () => {
    expect(HHI_EXCLUDING(values, [["Lynas", "MP", "Shenghe"]], "mp")).toBeCloseTo(0.29, 12); // .5² + .2²
    expect(HHI_EXCLUDING(values, [["China", "USA", "AUS"]], "PRC")).toBeCloseTo(0.13, 12); // .3² + .2²
    expect(HHI_EXCLUDING(values, [["CHN", "USA", "AUS"]], "Japan")).toBeCloseTo(0.38, 12); // whole HHI
  });
});

describe("BAND and GEOPOLRISK read an HHI by the same rule", () => {
  test("50 is #VALUE! for both; 0.45 and 4500 are the same HHI", () => {
    expect(errorOf(() => BAND(50)).message).toMatch(/hhi 50 is neither on the 0–1 scale nor in points/);
    expect(errorOf(() => GEOPOLRISK(50, [[1]], [[0.5]], 0)).message).toMatch(/hhi 50 is neither on the 0–1 scale nor in points/);
    expect(BAND(0.45)).toBe(BAND(4500));
    expect(GEOPOLRISK(0.45, [[1]], [[0.5]], 0)).toBeCloseTo(GEOPOLRISK(4500, [[1]], [[0.5]], 0) as number, 12);
  });
});
