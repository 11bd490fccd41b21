/** What the functions say about hostile arguments: short, in Excel's terms, and never a dump of the input. */
import { listDatasets, getDataset } from "../../src/data";
import { COUNTRIES } from "../../src/data/countries";
import { MAX_TEXT_ARGUMENT } from "../../src/core/coerce";
import { QUOTED_CHARACTERS } from "../../src/quote";
import { DATA, SERIES } from "../../src/functions/families/data";
import { ENTROPY, HHI, HHI_EXCLUDING } from "../../src/functions/families/measures";
import { EU_WGISCALE, GEOPOLRISK } from "../../src/functions/families/methods";
import { SUGGESTION_CANDIDATES, suggestionCandidates } from "../../src/functions/arguments";
import { errorOf } from "../setup/errors";

type ExcelErrorClass = new (code: string, message?: string) => Error;
const excelError = (code: string) => new (globalThis as unknown as { CustomFunctions: { Error: ExcelErrorClass } }).CustomFunctions.Error(code);


describe("text arguments longer than any key are refused at once", () => {
  test("no dataset id, key, label, field (with its edition) or country name is longer than the limit", () => {
    const texts: string[] = COUNTRIES.flatMap((c) => [c.iso3, c.name, ...c.aliases]);
    for (const m of listDatasets()) {
      const ds = getDataset(m.id);
      texts.push(m.id, ...m.coverage.keys, ...ds.rows.map((r) => r.label));
      for (const f of m.fields) texts.push(f.name, ...(m.variants?.order ?? []).map((v) => `${f.name}@${v}`));
    }
    const longest = texts.reduce((a, b) => (b.length > a.length ? b : a));
    expect([longest, longest.length <= MAX_TEXT_ARGUMENT]).toEqual([longest, true]);
  });

  test("a 32,767-character key: a short message quoting its start and giving its length", () => {
    const long = "k".repeat(32_767);
    const e = errorOf(() => DATA("usgs_mcs_mine_production", long));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(`CHOKEPOINT.DATA: key is 32,767 characters long ("${"k".repeat(23)}…" (32,767 characters)); no id, key or name is longer than 255: check the cell it comes from`);
    expect(errorOf(() => SERIES(long)).message.length).toBeLessThan(200);
  });

  test("a text of 255 characters is still looked up (and found not to be a key)", () => {
    const e = errorOf(() => DATA("usgs_mcs_mine_production", "z".repeat(255)));
    expect(e.message).toMatch(/is not a known country name or ISO 3166 code/);
    expect(e.message).toContain(`"${"z".repeat(QUOTED_CHARACTERS - 1)}…" (255 characters)`);
  });
});

describe("messages quote at most a short part of an input", () => {
  test("a long text in a range of numbers", () => {
    const e = errorOf(() => HHI([[1, "x".repeat(5000)]]));
    expect(e.message).toBe(`CHOKEPOINT.HHI: values: item 2 is text "${"x".repeat(59)}…" (5,000 characters); expected a number`);
  });

  test("HHI.EXCLUDING's suggestions quote long labels in part", () => {
    const label = `Lynas ${"Rare Earths ".repeat(15)}`.trim(); // 185 characters: longer than a message quotes, short enough to type
    const e = errorOf(() => HHI_EXCLUDING([[1, 2]], [[label, "MP"]], "Lyna"));
    expect(e.message).toMatch(/^CHOKEPOINT\.HHI\.EXCLUDING: exclude "Lyna" is not one of the labels nor a known country; did you mean "Lynas Rare Earths .*…" \(\d+ characters\)/);
  });

  test("suggestions compare a bounded set of labels, however many there are", () => {
    const labels = Array.from({ length: 100_000 }, (_, i) => `Producer ${i}`);
    expect(suggestionCandidates("Producr 12", labels).length).toBeLessThanOrEqual(SUGGESTION_CANDIDATES);
    // The label containing the typed text is offered first.
    expect(suggestionCandidates("Lynas", ["MP Materials", "Lynas Rare Earths", "Shenghe"])[0]).toBe("Lynas Rare Earths");
  });
});

describe("arguments are named as Excel names them", () => {
  test("ENTROPY's normalized given a range says so (it said 'normalized is object')", () => {
    const e = errorOf(() => ENTROPY([[1, 2, 3]], [[true], [false]]));
    expect(e).toMatchObject({ code: "#VALUE!", message: "CHOKEPOINT.ENTROPY: normalized must be a single TRUE or FALSE, not a range" });
    expect(ENTROPY([[1, 1]], [[true]])).toBe(1);
  });

  test("an Excel error value is named #N/A, not printed as JSON", () => {
    expect(errorOf(() => EU_WGISCALE(excelError("#N/A"))).message).toBe("CHOKEPOINT.EU.WGISCALE: meanEstimate must be a number between -2.5 and 2.5; got the error #N/A");
    expect(errorOf(() => EU_WGISCALE([[0.1, excelError("#DIV/0!")]])).message).toBe("CHOKEPOINT.EU.WGISCALE: meanEstimate: item 2 is the error #DIV/0!; expected a number");
    expect(errorOf(() => EU_WGISCALE([["abc", 1]])).message).toBe('CHOKEPOINT.EU.WGISCALE: meanEstimate: item 1 is text "abc"; expected a number');
  });
});

describe("GEOPOLRISK: a finite result is returned, not 'not a finite number'", () => {
  test("instability near the largest double", () => {
    // 0.5 · (100·1.7e308 + 100·1.7e308) / 200 = 0.5 · 1.7e308
    expect(GEOPOLRISK(0.5, [[100, 100]], [[1.7e308, 1.7e308]], 0)).toBeCloseTo(0.85e308, -294);
  });
});
