/**
 * The data functions through their exported adapters, as Excel calls them: every kind of bad
 * argument gives the documented error (#VALUE! for a wrong argument, #N/A for a value the data
 * lacks) with a message that says what to fix, never a crash.
 */
import { DATA, DATASETS, SERIES, SHARE, SOURCE } from "../../src/functions/families/data";
import { datasetIds } from "../../src/data";

interface Outcome {
  code?: string;
  message?: string;
  value?: unknown;
}

function call(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { code: err.code, message: err.message };
  }
}

const upstream = () => new (globalThis as unknown as { CustomFunctions: { Error: new (c: string, m?: string) => Error } }).CustomFunctions.Error("#DIV/0!", "x");

describe("CHOKEPOINT.DATA errors", () => {
  test.each<[string, unknown[], string, RegExp]>([
    ["blank dataset", ["", "China", 2024], "#VALUE!", /^CHOKEPOINT\.DATA: dataset is blank; enter a value$/],
    ["omitted dataset", [null, "China"], "#VALUE!", /dataset is blank/],
    ["unknown dataset", ["usgs_mcs", "China", 2024], "#VALUE!", /dataset "usgs_mcs" is not known; did you mean "usgs_mcs_\w+"/],
    ["dataset as a boolean", [true, "China", 2024], "#VALUE!", /dataset is the logical value TRUE; expected text/],
    ["dataset as an error value", [upstream(), "China"], "#VALUE!", /dataset is the error #DIV\/0!/],
    ["dataset as a range", [[["bgs_mine_production", "x"]], "China"], "#VALUE!", /dataset must be a single value, not a range/],
    ["blank key", ["bgs_mine_production", "", 2020], "#VALUE!", /key is blank/],
    ["unknown country", ["bgs_mine_production", "Chna", 2020], "#VALUE!", /country "Chna" is not a known country name or ISO 3166 code; did you mean "China"/],
    ["unknown figure id", ["framework_paper", "reserve_share_china"], "#VALUE!", /framework_paper: "reserve_share_china" is not a key of this dataset; did you mean "reserves_share_china"/],
    ["year as text", ["bgs_mine_production", "China", "2020"], "#VALUE!", /year is text "2020" \(a number stored as text\); expected a number/],
    ["fractional year", ["bgs_mine_production", "China", 2020.5], "#VALUE!", /year must be a whole number; got 2020.5/],
    ["year out of any range", ["bgs_mine_production", "China", 20], "#VALUE!", /year must be at least 1800; got 20/],
    ["year outside coverage", ["bgs_mine_production", "China", 1980], "#N/A", /bgs_mine_production: no 1980 value for China; years with a value for China: 1992–2024/],
    ["country the source does not list", ["usgs_mcs_mine_production", "Greenland", 2019], "#N/A", /^CHOKEPOINT\.DATA: usgs_mcs_mine_production: no 2019 value for Greenland/],
    ["known country absent from the dataset", ["wmd_mine_production", "Japan", 2024], "#N/A", /wmd_mine_production: no 2024 value for Japan/],
    ["unknown field", ["bgs_mine_production", "China", 2020, "tonnes"], "#VALUE!", /field "tonnes" is not known; did you mean "\w+"\? Value fields: "production", "share_of_world", "world_total"; text fields: /],
    ["unknown edition", ["usgs_mcs_mine_production", "China", 2023, "production@MCS 2031"], "#VALUE!", /edition "MCS 2031" is not known; use one of: "MCS 2026"/],
    ["edition that does not report the year", ["usgs_mcs_mine_production", "China", 2025, "MCS 2024"], "#N/A", /no 2025 value for China in MCS 2024; values exist for edition: MCS 2026/],
    ["printed lower bound", ["usgs_mcs_reserves", "World", 2024], "#N/A", /printed as ">90000000" \(a lower bound, not a value\) in MCS 2025/],
    ["NA in the source", ["usgs_mcs_reserves", "Burma", 2024], "#N/A", /the 2024 reserves for Myanmar is printed as "NA" in MCS 2025/],
    ["batch not asked for", ["china_quota", "China Northern Rare Earth", 2024], "#N/A", /no 2024 value for China Northern Rare Earth in full year; values exist for batch: first batch/],
    ["period dataset with a year", ["us_import_sources", "China", 2022], "#N/A", /us_import_sources: no 2022 value for China; coverage: no single years/],
  ])("%s", (_name, args, code, message) => {
    const out = call(() => (DATA as (...a: unknown[]) => unknown)(...args));
    expect(out.code).toBe(code);
    expect(out.message).toMatch(message);
  });

  test("aliases reach the same value", () => {
    for (const name of ["China", "CHN", "PRC", "People's Republic of China", "china"]) expect(DATA("usgs_mcs_mine_production", name, 2023)).toBe(255000);
    for (const name of ["Burma", "Myanmar", "MMR"]) expect(DATA("bgs_mine_production", name, 2023)).toBe(72000);
    for (const name of ["United States", "USA", "US", "U.S.", "United States of America"]) expect(DATA("usgs_mcs_mine_production", name, 2024)).toBe(45500);
    for (const name of ["Korea", "South Korea", "KOR", "Rep. of Korea"]) expect(DATA("oec_hs2846_trade", name, 2010, "import_value_usd")).toBeGreaterThan(0);
  });

  test("a blank year takes the latest observed year, not a projection", () => {
    expect(DATA("usgs_mcs_mine_production", "China")).toBe(270000);
    expect(DATA("usgs_mcs_mine_production", "China", null, "edition")).toBe("MCS 2026");
    // stage_shares has 2030 projections for China; the blank year gives 2024 (IEA: refining 91%).
    expect(DATA("stage_shares", "China", null, "refining")).toBe(91);
    expect(DATA("stage_shares", "China", 2030, "refining")).toBe(77);
    expect(String(DATA("stage_shares", "China", 2030, "refining.flags"))).toContain("projection");
  });
});

describe("CHOKEPOINT.SHARE errors", () => {
  test.each<[string, unknown[], string, RegExp]>([
    ["year omitted", ["usgs_mcs_mine_production", "China", null], "#VALUE!", /year is blank; enter a number/],
    ["year as text", ["usgs_mcs_mine_production", "China", "x"], "#VALUE!", /year is text "x"/],
    ["unknown dataset", ["nope", "China", 2024], "#VALUE!", /dataset "nope" is not known/],
    ["unknown country", ["usgs_mcs_mine_production", "Atlantis", 2024], "#VALUE!", /country "Atlantis" is not a known country name/],
    ["no world total in the source", ["oec_hs2846_trade", "China", 2010], "#N/A", /oec_hs2846_trade: the extract lists only the countries present/],
    ["top traders only, total unknown", ["baci_top_traders", "China", 2024], "#N/A", /only the top 8 are listed/],
    ["world total only a lower bound", ["usgs_mcs_reserves", "China", 2024], "#N/A", /printed as ">90000000" \(a lower bound, not a value\)/],
    ["world series without countries", ["usgs_world_production", "China", 2000], "#N/A", /world totals only \(no country rows\)|gives world totals only/],
    ["year outside coverage", ["bgs_mine_production", "China", 1950], "#N/A", /no 1950 value for China/],
  ])("%s", (_name, args, code, message) => {
    const out = call(() => (SHARE as (...a: unknown[]) => unknown)(...args));
    expect(out.code).toBe(code);
    expect(out.message).toMatch(message);
  });

  test("reserves share uses the same edition's world total", () => {
    expect(SHARE("usgs_mcs_reserves", "China", 2023)).toBeCloseTo(44000000 / 110000000, 12);
  });
});

describe("CHOKEPOINT.SERIES", () => {
  test("without a country: one column per country, world last, blanks where missing", () => {
    const t = SERIES("usgs_mcs_mine_production", null, 2022, 2025);
    expect(t[0][0]).toBe("Year");
    expect(t[0][1]).toBe("China");
    expect(t[0][t[0].length - 1]).toMatch(/World|Other/);
    expect(t.map((r) => r[0])).toEqual(["Year", 2022, 2023, 2024, 2025]);
    const nigeria = t[0].indexOf("Nigeria");
    expect(t[1][nigeria]).toBe(""); // MCS 2024 does not list Nigeria: blank, not zero
    expect(t[2][nigeria]).toBe(7200);
  });

  test.each<[string, unknown[], string, RegExp]>([
    ["fromYear after toYear", ["bgs_mine_production", "China", 2024, 2020], "#VALUE!", /fromYear \(2024\) is after toYear \(2020\)/],
    ["range outside coverage", ["bgs_mine_production", "China", 1950, 1960], "#N/A", /no values for China between 1950 and 1960/],
    ["unknown dataset", ["bgs", "China"], "#VALUE!", /did you mean "bgs_mine_production"/],
    ["fromYear as a boolean", ["bgs_mine_production", "China", true], "#VALUE!", /fromYear is the logical value TRUE/],
    ["unknown country", ["bgs_mine_production", "Narnia"], "#VALUE!", /country "Narnia" is not a known country/],
  ])("%s", (_name, args, code, message) => {
    const out = call(() => (SERIES as (...a: unknown[]) => unknown)(...args));
    expect(out.code).toBe(code);
    expect(out.message).toMatch(message);
  });

  test("every dataset spills a rectangular table with a header, with and without a key", () => {
    for (const id of datasetIds()) {
      const t = SERIES(id);
      expect(t.length).toBeGreaterThan(1);
      expect(new Set(t.map((r) => r.length)).size).toBe(1);
      expect(t.flat().every((c) => c === "" || typeof c === "string" || (typeof c === "number" && Number.isFinite(c)))).toBe(true);
    }
  });
});

describe("CHOKEPOINT.SOURCE and CHOKEPOINT.DATASETS", () => {
  test("SOURCE is one line naming publisher, URL and licence", () => {
    const s = SOURCE("usgs_mcs_mine_production");
    expect(s).not.toMatch(/\n/);
    expect(s).toMatch(/^U\.S\. Geological Survey \(USGS\), Mineral Commodity Summaries/);
    expect(s).toContain("https://");
    expect(s).toMatch(/licence: U\.S\. public domain/);
  });

  test("SOURCE of an unknown or blank dataset", () => {
    expect(call(() => SOURCE("eu_crm"))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/did you mean "eu_crm2023_shares"/) });
    expect(call(() => SOURCE(""))).toEqual({ code: "#VALUE!", message: "CHOKEPOINT.SOURCE: dataset is blank; enter a value" });
  });

  test("DATASETS spills id, title, publisher, units, coverage for every dataset", () => {
    const t = DATASETS();
    expect(t[0]).toEqual(["id", "title", "publisher", "units", "coverage"]);
    expect(t.slice(1).map((r) => r[0])).toEqual(datasetIds());
    expect(t.find((r) => r[0] === "bgs_mine_production")![4]).toMatch(/^1992–2024; 14 countries/);
  });
});

describe("no argument crashes the data functions (property)", () => {
  // Real dataset ids with random keys, years and fields, so the deep paths run, not only the id check.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require("fast-check") as typeof import("fast-check");
  const id = fc.constantFrom(...datasetIds());
  const key = fc.oneof(fc.constantFrom("China", "USA", "Burma", "World", "Japan", "850511", "national_total", "reserves_share_china", "", "x"), fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.boolean());
  const year = fc.oneof(fc.integer({ min: 1890, max: 2060 }), fc.double(), fc.constant(null), fc.constantFrom("2020", "", true));
  const field = fc.oneof(fc.constant(null), fc.constantFrom("edition", "flags", "note", "printed", "unit", "@MCS 2025", "production@", "share@x", "mining", "280530", ".flags", "value.flags"), fc.string({ maxLength: 10 }));
  const isExcelError = (o: Outcome) =>
    (o.code === "#VALUE!" || o.code === "#N/A") && typeof o.message === "string" && o.message.startsWith("CHOKEPOINT.") && !o.message.includes("unexpected failure");

  test("DATA, SHARE and SERIES return a value or a #VALUE!/#N/A with a message", () => {
    fc.assert(
      fc.property(id, key, year, field, year, (d, k, y, f, y2) => {
        for (const out of [call(() => DATA(d, k, y, f)), call(() => SHARE(d, k, y)), call(() => SERIES(d, k, y, y2))]) {
          if (out.code === undefined) {
            const v = out.value;
            if (!(typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || Array.isArray(v))) return false;
          } else if (!isExcelError(out)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });
});
