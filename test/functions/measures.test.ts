/** The measures as Excel calls them: argument rules that live in the adapters. */
import { BAND, CR, HHI, HHI_EXCLUDING, NIR, TOPSHARE } from "../../src/functions/families/measures";
import { GEOPOLRISK } from "../../src/functions/families/methods";
import { errorOf } from "../setup/errors";


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

describe("labels in two-letter codes (Comtrade, Eurostat) name their countries", () => {
  test("CN/US labels with exclude China: China's own share is left out", () => {
    // 50, 30, 20 for EU, CN, US; without CN: 0.5² + 0.2² = 0.29.
    expect(HHI_EXCLUDING([[50, 30, 20]], [["EU", "CN", "US"]], "China")).toBeCloseTo(0.29, 12);
    // Eurostat writes Greece EL: without it 0.3² + 0.2² = 0.13; "FR" is France.
    expect(HHI_EXCLUDING([[50, 30, 20]], [["EL", "DE", "FR"]], "Greece")).toBeCloseTo(0.13, 12);
    expect(HHI_EXCLUDING([[50, 30, 20]], [["EL", "DE", "FR"]], "FRA")).toBeCloseTo(0.34, 12);
  });
});

describe("exact and readable results", () => {
  test("CR of all members is exactly 1, and the two largest of 50/20/20/10 exactly 0.7", () => {
    expect(CR([[30, 20, 10]], 3)).toBe(1);
    expect(CR([[0.1, 0.2, 0.3]], 5)).toBe(1);
    expect(CR([[50, 20, 20, 10]], 2)).toBe(0.7);
  });
  test("NIR of figures near 1e308 does not overflow: 1e308 produced, 1e308 imported → 0.5", () => {
    expect(NIR(1e308, 1e308, 0)).toBeCloseTo(0.5, 12);
  });
  test("a blank label for the leader is #VALUE!, not an empty name", () => {
    expect(errorOf(() => TOPSHARE([[30, 20, 10]], [["", "b", "c"]])).message).toBe(
      "CHOKEPOINT.TOPSHARE: labels: item 1, the label of the largest value, is blank; give every member a label",
    );
    expect(TOPSHARE([[30, 20, 10]], [["a", "", "c"]])).toEqual([["a", 0.5]]);
  });
  test("text pasted from PDFs says what is wrong with it", () => {
    expect(errorOf(() => HHI([[30, "1,000"]])).message).toBe(
      'CHOKEPOINT.HHI: values: item 2 is text "1,000" (a number with thousands separators, stored as text: remove the separators); expected a number',
    );
    expect(errorOf(() => HHI([[30, "−5"]])).message).toMatch(/item 2 is text "−5" \(a negative number typed with a Unicode minus or dash/);
    expect(errorOf(() => TOPSHARE([[30, 20, 10]], [["a"]])).message).toBe("CHOKEPOINT.TOPSHARE: labels has 1 cell but values has 3 cells; give one label per value");
  });
});
