/**
 * Model version 1 as published, through the functions' version argument: its inputs from the
 * reference data, recomputed here by hand from the numbers printed in the source extracts
 * (../shared/data), quoted as literals with their file, so version 1 stays reproducible and a
 * change to the data or to how version 1 builds an input fails a test.
 */
import { cvi } from "../../src/core/vulnerability/cvi";
import { VULN_COMPOUND, VULN_CVI, VULN_DIMENSIONS, VULN_EXPLAIN, VULN_SENSITIVITY } from "../../src/functions/families/vuln";
import { stageBasis } from "../../src/model/basis";
import { STAGES } from "../../src/model/types";

const V1 = 1;

type Row = [string, number, string, string, number | string, string];

function dims(stage: string, country: string, year?: number): Record<string, Row> {
  const table = VULN_DIMENSIONS(stage as never, country, year ?? null, null, V1) as Row[];
  expect(table[0]).toEqual(["input", "value", "how computed", "dataset", "year", "year rule"]);
  return Object.fromEntries(table.slice(1).map((r) => [r[0], r]));
}

function closedForm(g: number, pc: number, p: number, f: number, t: number, k: number): number {
  const P = pc * (1 - 0.5 * (1 - f));
  const T = t * p;
  const K = k * Math.max(P, T);
  return 1 - (1 - 0.5 * g) * (1 - P) * (1 - T) * (1 - K);
}

// usgs_mcs_world_production_by_edition.csv, MCS 2026, year 2025 (t REO); world total (rounded) 390,000.
const MINE_2025: Record<string, number> = {
  CHN: 270000, USA: 51000, AUS: 29000, MMR: 22000, THA: 4800, IND: 2900, MDG: 2700, RUS: 2600, BRA: 2000, NGA: 1500, VNM: 150, MYS: 110,
};
const WORLD_2025 = 390000;
// Same file, MCS 2026 reserves (2025 row), t REO; world printed only as ">85,000,000".
const RESERVES_2025: Record<string, number> = {
  CHN: 44e6, BRA: 21e6, AUS: 6.3e6, RUS: 3.8e6, VNM: 3.5e6, USA: 1.9e6, GRL: 1.5e6, TZA: 0.89e6, ZAF: 0.86e6, CAN: 0.83e6, MYS: 0.71e6,
};

function squaresExcept(shares: Record<string, number>, total: number, except: string | null): number {
  return Object.entries(shares).reduce((a, [k, v]) => (k === except ? a : a + (v / total) ** 2), 0);
}

const reserveTotal = Object.values(RESERVES_2025).reduce((a, b) => a + b, 0);
// firm_quota_china_by_group.csv: Northern 2023 mining 166,650 (batches 1+2) + 12,000 (batch 3). World 2023 in MCS 2025
// is printed rounded as 376,000 but its rows add up to 376,090 (countries 374,650 + other 1,440): shares are of the larger.
const F_MINING = (166650 + 12000) / 376090;
// Northern 2023 separation 152,234 + 11,000 over China's 243,850, times China's 92% of refining (2023, IEA GCMO 2024).
const F_MIDSTREAM = ((152234 + 11000) / 243850) * 0.92;
// framework_paper_figures.csv: the largest magnet company holds 7.7%.
const F_MAGNETS = 0.077;
// framework_paper_figures.csv: China 48% of permanent-magnet patents, 99% of neodymium-magnet patents (2021).
const K_FALLBACK = 0.48 ** 2;
const K_MAGNETS = 0.99 ** 2;

describe("VULN.DIMENSIONS from the reference data", () => {
  test("mining, USA: every input recomputed from the USGS, quota and paper figures", () => {
    const d = dims("mining", "USA");
    expect(d.p[1]).toBeCloseTo(squaresExcept(MINE_2025, WORLD_2025, null), 12);
    expect(d.p_c[1]).toBeCloseTo(squaresExcept(MINE_2025, WORLD_2025, "USA"), 12);
    expect(d.p[3]).toBe("usgs_mcs_mine_production");
    expect(d.p[4]).toBe(2025);
    expect(d.g[1]).toBeCloseTo(squaresExcept(RESERVES_2025, reserveTotal, "USA"), 12);
    expect(d.f[1]).toBeCloseTo(F_MINING, 12);
    expect(d.t_c[1]).toBe(0); // USGS prints "E" for concentrates
    expect(d.t_c[2]).toMatch(/net exporter/);
    expect(d.k_c[1]).toBeCloseTo(K_FALLBACK, 12);
    expect(d.k_c[2]).toMatch(/fallback/);
  });

  // usgs_mcs2026_rare_earths_us_salient.csv: net import reliance 2025e 67; us_imports_ree_magnets_concentration_2018_2025.csv:
  // China's 2025 share of HS 284690 0.585650.
  test("midstream, USA: net import reliance 67% (MCS 2026, 2025e) × China's 58.565% of HS 284690 imports (2025)", () => {
    const d = dims("midstream", "USA");
    expect(d.g[1]).toBe(0);
    expect(d.p[1]).toBeCloseTo(0.91 ** 2, 12);
    expect(d.p_c[1]).toBeCloseTo(0.91 ** 2, 12);
    expect(d.f[1]).toBeCloseTo(F_MIDSTREAM, 12);
    expect(d.t_c[1]).toBeCloseTo(0.67 * 0.58565, 12);
    expect(d.t_c[2]).toMatch(/67% \(USGS, compounds and metals, MCS 2026\)/);
    expect(d.t_c[4]).toBe(2025);
    expect(d.k_c[1]).toBeCloseTo(K_FALLBACK, 12);
  });

  test("magnets: China 94% of sintered magnets (2024), 7.7% largest firm, 99% of NdFeB patents", () => {
    const us = dims("magnets", "United States");
    expect(us.p[1]).toBeCloseTo(0.94 ** 2, 12);
    expect(us.f[1]).toBeCloseTo(F_MAGNETS, 12);
    expect(us.t_c[1]).toBeCloseTo(0.727399, 12); // China's share of US HS 850511 imports, 2025 (provisional)
    expect(us.t_c[2]).toMatch(/fallback/);
    expect(us.k_c[1]).toBeCloseTo(K_MAGNETS, 12);
    const jp = dims("magnets", "Japan");
    expect(jp.t_c[1]).toBeCloseTo(0.6266, 12); // China's share of world HS 850511 exports (BACI 2024)
    const cn = dims("magnets", "CHN");
    expect(cn.p_c[1]).toBe(0);
    expect(cn.t_c[1]).toBe(0);
    expect(cn.k_c[1]).toBe(0);
  });

  test("Japan: China's 71% of Japan's rare-earth imports (2024) with reliance 1 as the documented fallback", () => {
    for (const stage of ["mining", "midstream"]) {
      const d = dims(stage, "JPN");
      expect(d.t_c[1]).toBeCloseTo(0.71, 12);
      expect(d.t_c[2]).toMatch(/fallback/);
      expect(d.t_c[3]).toBe("japan_china_import_share");
    }
  });

  test("every fallback is said in its row; every row names a dataset unless it is 0 by definition", () => {
    for (const stage of STAGES) {
      for (const c of ["USA", "JPN", "CHN"]) {
        for (const r of stageBasis(stage, c, { version: V1 }).rows) {
          if (r.fallback) expect(r.how).toMatch(/fallback/);
          if (r.dataset === "") expect(r.how).toMatch(/0 by definition/);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  test("a given year is used where the data has it", () => {
    // MCS 2026, 2024: the itemised rows (countries 383,000 + other 1,000) exceed the rounded world 380,000,
    // so shares are of 384,000: China 270,000 / 384,000.
    const d = dims("mining", "USA", 2024);
    expect(d.p[4]).toBe(2024);
    expect(d.p[2]).toMatch(/MCS 2026, itemised sum 384,000 t REO/);
    const mine2024: Record<string, number> = { CHN: 270000, USA: 45500, AUS: 29000, MMR: 27000, IND: 2900, RUS: 2600, THA: 2100, NGA: 1500, MDG: 1400, BRA: 560, VNM: 300, MYS: 140 };
    expect(d.p_c[1]).toBeCloseTo(squaresExcept(mine2024, 384000, "USA"), 12);
    // midstream 2023: IEA GCMO 2024 gives China 92% and Malaysia 5%.
    const m = dims("midstream", "CHN", 2023);
    expect(m.p[1]).toBeCloseTo(0.92 ** 2 + 0.05 ** 2, 12);
    expect(m.p_c[1]).toBeCloseTo(0.05 ** 2, 12);
  });
});

describe("COMPOUND, EXPLAIN and SENSITIVITY agree with CVI on DIMENSIONS' own outputs", () => {
  test.each(STAGES.flatMap((s) => ["USA", "JPN", "CHN"].map((c) => [s, c] as const)))("%s %s", (stage, country) => {
    const d = dims(stage, country);
    const fromCvi = VULN_CVI(d.g[1], d.p_c[1], d.p[1], d.f[1], d.t_c[1], d.k_c[1]);
    const compound = VULN_COMPOUND(stage as never, country, null, null, V1) as number[][];
    expect(compound).toEqual([[fromCvi]]);
    expect(fromCvi).toBeCloseTo(closedForm(d.g[1], d.p_c[1], d.p[1], d.f[1], d.t_c[1], d.k_c[1]), 12);
    const explain = VULN_EXPLAIN(stage as never, country, null, null, V1) as Array<[string, number, string, string]>;
    expect(explain.map((r) => r[0])).toEqual(["term", "G", "P", "T", "K", "CVI"]);
    expect(explain[5][1]).toBe(fromCvi);
    const sens = VULN_SENSITIVITY(stage as never, country, null, null, null, V1) as Array<[string, number, number]>;
    expect(sens[0]).toEqual(["lever", "new CVI", "change"]);
    expect(sens.slice(1).map((r) => r[0]).sort()).toEqual(["firms", "imports", "production", "technology"]);
    for (const [, value, change] of sens.slice(1)) expect(value - change).toBeCloseTo(fromCvi, 12);
    const changes = sens.slice(1).map((r) => r[2]);
    expect([...changes].sort((a, b) => a - b)).toEqual(changes);
  });

  test("without a country COMPOUND spills USA, JPN and CHN", () => {
    const table = VULN_COMPOUND("midstream" as never, null, null, null, V1) as Array<[string, number]>;
    expect(table.map((r) => r[0])).toEqual(["USA", "JPN", "CHN"]);
    expect(table[0][1]).toBe((VULN_COMPOUND("midstream" as never, "USA", null, null, V1) as number[][])[0][0]);
  });

  test("the US midstream CVI by hand (docs/model.md worked example)", () => {
    const expected = closedForm(0, 0.91 ** 2, 0.91 ** 2, F_MIDSTREAM, 0.67 * 0.58565, K_FALLBACK);
    expect(expected).toBeCloseTo(0.811022, 6);
    expect((VULN_COMPOUND("midstream" as never, "USA", null, null, V1) as number[][])[0][0]).toBeCloseTo(expected, 12);
  });

  test("the production lever by hand: US mining, delta 0.1 moves 0.1 of China's share to the others", () => {
    const china = MINE_2025.CHN / WORLD_2025;
    const factor = 1 + 0.1 / (1 - china);
    const shifted = Object.fromEntries(Object.entries(MINE_2025).map(([k, v]) => [k, k === "CHN" ? v / WORLD_2025 - 0.1 : (v / WORLD_2025) * factor]));
    const p = squaresExcept(shifted, 1, null);
    const pc = squaresExcept(shifted, 1, "USA");
    const g = squaresExcept(RESERVES_2025, reserveTotal, "USA");
    const expected = closedForm(g, pc, p, F_MINING, 0, K_FALLBACK);
    const row = (VULN_SENSITIVITY("mining" as never, "USA", 0.1, null, null, V1) as Array<[string, number, number]>).find((r) => r[0] === "production")!;
    expect(row[1]).toBeCloseTo(expected, 12);
    expect(cvi({ g, pExternal: pc, pGlobal: p, f: F_MINING, t: 0, k: K_FALLBACK })).toBeCloseTo(expected, 12);
  });
});

describe("an input the reference data cannot give", () => {
  test("DIMENSIONS still lists all six inputs; the missing one is #N/A in its value cell, with the reason beside it", () => {
    const table = VULN_DIMENSIONS("mining" as never, "Australia", null, null, V1) as unknown[][];
    expect(table.map((r) => r[0])).toEqual(["input", "g", "p", "p_c", "f", "t_c", "k_c"]);
    const tc = table[5] as [string, { code?: string; message?: string }, string];
    expect(tc[1].code).toBe("#N/A");
    expect(tc[1].message).toMatch(/^CHOKEPOINT\.VULN\.DIMENSIONS: t_c: no trade data for AUS at the mining stage/);
    expect(tc[2]).toMatch(/enter t_c yourself in CHOKEPOINT\.VULN\.CVI/);
    // the inputs that exist keep their values: Australia's own 7.44% (29,000 of 390,000 t) drops out of p_c
    const p = table[2][1] as number;
    const pc = table[3][1] as number;
    expect(p - pc).toBeCloseTo((MINE_2025.AUS / WORLD_2025) ** 2, 12);
  });
});

describe("error paths give a message", () => {
  const cases: Array<[string, () => unknown, string, RegExp]> = [
    ["unknown stage", () => VULN_DIMENSIONS("refining" as never, "USA"), "#VALUE!", /VULN\.DIMENSIONS: stage "refining" is not recognised; use one of: "mining", "midstream", "magnets"/],
    ["blank stage", () => VULN_COMPOUND(null as never, "USA"), "#VALUE!", /VULN\.COMPOUND: stage is blank/],
    ["unknown country", () => VULN_EXPLAIN("mining" as never, "Narnia"), "#VALUE!", /country "Narnia" is not a known country/],
    ["an aggregate, not a country", () => VULN_DIMENSIONS("mining" as never, "World"), "#VALUE!", /is World, not a country/],
    ["year without a world table", () => VULN_DIMENSIONS("mining" as never, "USA", 2010, null, V1), "#N/A", /no 2010 world mine production; years with a world total: 2017/],
    ["a year the stage shares lack", () => VULN_DIMENSIONS("magnets" as never, "USA", 2023, null, V1), "#N/A", /stage_shares: no 2023 magnets share for China; years with one: 2005, 2010, 2017, 2021, 2022, 2024/],
    ["fractional year", () => VULN_COMPOUND("mining" as never, "USA", 2020.5), "#VALUE!", /year must be a whole number/],
    ["no trade data and no fallback", () => VULN_COMPOUND("mining" as never, "Australia", null, null, V1), "#N/A", /no trade data for AUS at the mining stage/],
    ["version 1 has no EU", () => VULN_COMPOUND("mining" as never, "EU", null, null, V1), "#VALUE!", /model version 1 has no EU/],
    ["version 1 has no source option", () => VULN_COMPOUND("mining" as never, "USA", null, "bgs_mine_production", V1), "#VALUE!", /version 1 reads mine production from USGS MCS only/],
    ["an unknown version", () => VULN_COMPOUND("mining" as never, "USA", null, null, 3), "#VALUE!", /version 3 is not a model version; use 1 or 2/],
    ["delta out of range", () => VULN_SENSITIVITY("mining" as never, "USA", 2), "#VALUE!", /delta must be at most 1/],
    ["delta as text", () => VULN_SENSITIVITY("mining" as never, "USA", "big"), "#VALUE!", /delta is text "big"/],
  ];
  test.each(cases)("%s", (_name, call, code, message) => {
    let error: { code?: string; message?: string } | undefined;
    try {
      call();
    } catch (e) {
      error = e as { code?: string; message?: string };
    }
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
  });
});
