/**
 * Model version 2's inputs from the reference data: the year rule, one source and one edition's
 * world total per series (DIMENSIONS agrees with SHARE for every country and year of every
 * mining source), the printed US net import reliance, countries beyond the three and the EU,
 * China's own imports. Expected figures are recomputed by hand from the source extracts
 * (../shared/data) where a test says so.
 */
import { VULN_COMPOUND, VULN_DIMENSIONS, VULN_HISTORY } from "../../src/functions/families/vuln";
import { SHARE } from "../../src/functions/families/data";
import { countryRows, getDataset } from "../../src/data";
import { stageBasis } from "../../src/model/basis";
import { latestYear, MINING_SOURCES, mineYears } from "../../src/model/production";
import { STAGES, type DimensionRow, type Stage } from "../../src/model/types";
import { YEAR_LIMITS } from "../../src/model/yearRule";
import { describeWithExtracts, readExtract } from "../data/extracts";

type Row = [string, number | { code?: string; message?: string }, string, string, number | string, string];

function dims(stage: Stage, country: string, year: number | null = null, source: string | null = null): Record<string, Row> {
  const table = VULN_DIMENSIONS(stage as never, country, year, source) as Row[];
  expect(table[0]).toEqual(["input", "value", "how computed", "dataset", "year", "year rule"]);
  return Object.fromEntries(table.slice(1).map((r) => [r[0], r]));
}

function compound(stage: Stage, country: string, year: number | null = null, source: string | null = null): number {
  return (VULN_COMPOUND(stage as never, country, year, source) as number[][])[0][0];
}

function value(r: Row): number {
  expect(typeof r[1]).toBe("number");
  return r[1] as number;
}

describe("one source and one edition's world total per series: DIMENSIONS agrees with SHARE", () => {
  // Every mining source, every year it has a table, every country SHARE gives a share for.
  const cases = MINING_SOURCES.flatMap((source) => mineYears(source).map((year) => [source, year] as const));
  test.each(cases)("%s %i: each country's share, China's share and the global HHI", (source, year) => {
    const basis = stageBasis("mining", "USA", { year, source });
    const keys = countryRows(source, year).rows.map((r) => r.key).filter((k) => k.length === 3 && !["WLD", "OTH"].includes(k));
    let hhi = 0;
    let counted = 0;
    for (const key of keys) {
      let share: number;
      try {
        share = SHARE(source, key, year);
      } catch {
        expect(basis.production.some((m) => m.key === key)).toBe(false); // SHARE has none, so neither has the model
        continue;
      }
      expect(basis.production.find((m) => m.key === key)?.share).toBe(share);
      hhi += share * share;
      counted++;
    }
    expect(basis.production).toHaveLength(counted);
    const p = dims("mining", "USA", year, source).p;
    expect(value(p)).toBeCloseTo(hhi, 12);
    expect(p[3]).toBe(source);
    expect(p[4]).toBe(year);
    if (basis.production.some((m) => m.key === "CHN")) expect(p[2]).toContain(`CHN ${Number((SHARE(source, "CHN", year) * 100).toFixed(2))}%`);
  });

  test("2018 in USGS MCS: China's 120,000 t of MCS 2019's 170,000 t, not MCS 2021's world total with no China row (p was 0)", () => {
    const p = dims("mining", "USA", 2018, "usgs_mcs_mine_production").p;
    expect(value(p)).toBeCloseTo((120000 / 170000) ** 2, 12);
    expect(p[2]).toMatch(/MCS 2019, world 170,000 t/);
    expect(SHARE("usgs_mcs_mine_production", "China", 2018)).toBeCloseTo(0.7059, 4);
  });

  test("BGS is the default mining source; MCS is an option; the two are never spliced", () => {
    expect(dims("mining", "JPN").p[3]).toBe("bgs_mine_production");
    expect(dims("mining", "JPN", 2020, "usgs_mcs_mine_production").p[3]).toBe("usgs_mcs_mine_production");
    // 2016 is outside USGS MCS (2017–2025) and is not filled from BGS
    const gap = dims("mining", "JPN", 2016, "usgs_mcs_mine_production").p;
    expect((gap[1] as { code: string }).code).toBe("#N/A");
    expect(gap[2]).toMatch(/usgs_mcs_mine_production: no mine production .* for 2016 .* years with one: 2017–2025/);
    expect(() => VULN_DIMENSIONS("mining" as never, "USA", null, "mindat")).toThrow(/source "mindat" is not a mine-production dataset/);
  });
});

describeWithExtracts("version 2 figures by hand from the extracts", () => {
  test("US mining 2024 from BGS: p over BGS's own world total of 360,714 t", () => {
    const bgs = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv").filter((r) => r.year === "2024");
    const world = Number(bgs[0].bgs_world_total_t_reo);
    expect(world).toBe(360714);
    const p = bgs.reduce((a, r) => a + (Number(r.mine_production_t_reo) / world) ** 2, 0);
    const pc = bgs.filter((r) => r.iso3 !== "USA").reduce((a, r) => a + (Number(r.mine_production_t_reo) / world) ** 2, 0);
    const d = dims("mining", "USA");
    expect(d.p[4]).toBe(2024);
    expect(value(d.p)).toBeCloseTo(p, 12);
    expect(value(d.p_c)).toBeCloseTo(pc, 12);
  });

  test("US midstream 2024: the net import reliance MCS 2026 prints for 2024 (53%, not MCS 2025's 80%) × China's share of HS 284690 imports", () => {
    const mcs2026 = readExtract("usgs_mcs2026_rare_earths_us_salient.csv").find((r) => r.item === "Net import reliance: compounds and metals")!;
    expect(mcs2026["2024"]).toBe("53");
    const comtrade = readExtract("us_imports_ree_magnets_concentration_2018_2025.csv").find((r) => r.hs6 === "284690" && r.year === "2024")!;
    const t = dims("midstream", "USA").t_c;
    expect(value(t)).toBeCloseTo(0.53 * Number(comtrade.top1_share), 12);
    expect(t[2]).toMatch(/net import reliance 53% \(USGS MCS 2026, 2024\)/);
    expect(t[4]).toBe(2024);
    expect(t[5]).toBe("same year");
  });

  test("China at midstream, 2024: its own HS 2846 imports (OEC 2022) and the exporters it can buy from (BACI 2024)", () => {
    const oec = readExtract("oec_hs2846_ree_compounds_trade_by_country_1995_2022.csv").find((r) => r.iso3 === "CHN" && r.year === "2022")!;
    const x = Number(oec.export_value_usd);
    const m = Number(oec.import_value_usd);
    const baci = readExtract("baci_world_trade_ree_magnets_2002_2024.csv").find((r) => r.hs6 === "284690" && r.year === "2024")!;
    const s = Number(baci.china_share_of_world_exports_value);
    const hhi = Number(baci.exporter_hhi_0to1);
    const expected = ((m - x) / (m + x)) * ((hhi - s * s) / (1 - s) ** 2);
    const t = dims("midstream", "CHN").t_c;
    expect(value(t)).toBeCloseTo(expected, 12);
    expect(t[2]).toMatch(/fallback F9/);
    expect(t[2]).toMatch(/fallback F10/);
    expect(t[4]).toBe(2022); // the part farther from the year asked; "how" names both years
    expect(t[2]).toMatch(/in 2022 \(OEC\).*CEPII BACI 2024/);
    expect(t[5]).toBe("earlier (2 years)");
  });

  test("Japan 2008: the printed '>90' is used as its bound and flagged", () => {
    const t = dims("mining", "JPN", 2008).t_c;
    expect(value(t)).toBeCloseTo(0.9, 12);
    expect(t[2]).toMatch(/printed ">90": the bound is used, errs low/);
  });
});

describe("the year rule", () => {
  const RULE_OF: Record<Stage, Record<string, keyof typeof YEAR_LIMITS | null>> = {
    mining: { g: "reserves", p: "mine_production", p_c: "mine_production", f: "firm", t_c: "partner_share", k_c: "patents" },
    midstream: { g: null, p: "refining_shares", p_c: "refining_shares", f: "firm", t_c: "partner_share", k_c: "patents" },
    magnets: { g: null, p: "magnet_shares", p_c: "magnet_shares", f: "magnet_firm", t_c: "partner_share", k_c: "patents" },
  };
  const years = (r: DimensionRow): number[] => (typeof r.year === "number" ? [r.year] : [...String(r.year).matchAll(/\d{4}/g)].map((m) => Number(m[0])));

  test("no input comes from a later year unless its kind is declared slow-moving, within its limit, and the row says so", () => {
    for (const stage of STAGES) {
      for (const c of ["USA", "JPN", "CHN", "KOR", "EU"]) {
        for (let year = 2000; year <= 2025; year++) {
          for (const r of stageBasis(stage, c, { year }).rows) {
            const later = years(r).filter((y) => y > year);
            if (later.length === 0) {
              expect(r.yearRule.startsWith("later")).toBe(false);
              continue;
            }
            // f = p (fallback F6) carries the production table's year, so its kind is the table's
            const kind = r.input === "f" && r.fallback ? RULE_OF[stage].p : RULE_OF[stage][r.input];
            const limits = YEAR_LIMITS[kind!];
            expect([stage, c, year, r.input, limits.later]).not.toContain(null);
            expect(Math.max(...later) - year).toBeLessThanOrEqual(limits.later!);
            expect(r.yearRule).toMatch(/^later than the year asked \(\d+ years?\)$/);
          }
        }
      }
    }
  });

  test("an earlier year stays within the staleness limit of its kind", () => {
    for (const stage of STAGES) {
      for (let year = 2005; year <= 2025; year++) {
        for (const r of stageBasis(stage, "JPN", { year }).rows) {
          const m = /^earlier \((\d+) years?\)$/.exec(r.yearRule);
          if (!m) continue;
          const kinds = r.input === "t_c" ? ["import_reliance", "partner_share", "trade_balance"] : [r.input === "f" && r.fallback ? RULE_OF[stage].p : RULE_OF[stage][r.input]];
          expect(Number(m[1])).toBeLessThanOrEqual(Math.max(...kinds.map((k) => YEAR_LIMITS[k as keyof typeof YEAR_LIMITS].earlier)));
        }
      }
    }
  });

  test("2019, US mining: each input from its own year, later years flagged (the 2017→2019 jump came from 2024 trade, 2023 firm and 2025 reserve figures)", () => {
    const d = dims("mining", "USA", 2019);
    expect(d.p[4]).toBe(2019);
    expect(d.f[4]).toBe(2019); // China Northern's 2019 quota
    expect(d.t_c[4]).toBe(2019);
    expect(d.t_c[2]).toMatch(/USGS prints "E" \(net exporter\) for 2019 \(USGS MCS 2021\)/);
    expect(d.g[5]).toBe("later than the year asked (4 years)");
    expect(d.k_c[5]).toBe("later than the year asked (2 years)");
  });

  test("a year nothing qualifies for is #N/A with the reason", () => {
    const d = dims("mining", "USA", 2009);
    expect((d.t_c[1] as { code: string }).code).toBe("#N/A");
    expect(d.t_c[2]).toMatch(/us_salient: the reference data has no US salient statistics for 2009; they start in 2011/);
    expect(() => VULN_COMPOUND("mining" as never, "USA", 2009)).toThrow(/t_c: us_salient: the reference data has no US salient statistics for 2009/);
    expect(() => VULN_COMPOUND("magnets" as never, "JPN", 2016)).toThrow(/no shares of magnet output .* for 2016 within the staleness limit \(2011–2016 may be used \(never a later year\)\); years with one: 2005, 2010, 2017, 2021–2022, 2024/);
  });
});

describe("what the issue asks of VULN.COMPOUND", () => {
  const inUnit = (x: number) => x >= 0 && x <= 1;
  test("mining: a number for JPN and CHN every year from 2008, and for the USA from 2011, to the latest", () => {
    const latest = latestYear("mining", "bgs_mine_production");
    for (let y = 2008; y <= latest; y++) {
      for (const c of ["JPN", "CHN", ...(y >= 2011 ? ["USA"] : [])]) expect(inUnit(compound("mining", c, y))).toBe(true);
    }
  });

  test("every stage for USA, JPN and CHN in 2015, 2020 and the latest year, every input's year visible", () => {
    for (const stage of STAGES) {
      for (const c of ["USA", "JPN", "CHN"]) {
        for (const y of [2015, 2020, null]) {
          expect(inUnit(compound(stage, c, y))).toBe(true);
          for (const r of stageBasis(stage, c, { year: y }).rows) {
            if (r.input === "g" && stage !== "mining") continue;
            expect(String(r.year)).toMatch(/^\d{4}/);
            expect(r.yearRule).toMatch(/^(same year|earlier|later than the year asked)/);
          }
        }
      }
    }
  });

  test("KOR, DEU, IND, AUS and the EU get numbers at every stage, each fallback flagged in its row", () => {
    for (const c of ["KOR", "DEU", "IND", "AUS", "EU"]) {
      for (const stage of STAGES) {
        expect(inUnit(compound(stage, c))).toBe(true);
        for (const r of stageBasis(stage, c).rows) if (r.fallback) expect(r.how).toMatch(/fallback F\d+/);
      }
    }
  });

  test("China is small but not a silent zero where the data shows its imports (mining and midstream)", () => {
    for (const stage of ["mining", "midstream"] as const) {
      const x = compound(stage, "CHN");
      expect(x).toBeGreaterThan(0.01);
      expect(x).toBeLessThan(compound(stage, "USA"));
      expect(value(dims(stage, "CHN").t_c)).toBeGreaterThan(0);
    }
    // before 2019 China exported more HS 2846 compounds than it imported (OEC): t_c = 0 by the net-exporter rule
    expect(value(dims("midstream", "CHN", 2015).t_c)).toBe(0);
    expect(dims("midstream", "CHN", 2015).t_c[2]).toMatch(/net exporter of rare-earth compounds/);
  });
});

describe("countries beyond the three, and the EU as one importer", () => {
  test('"EU", "EU27" and "European Union" name the same importer', () => {
    const eu = compound("midstream", "EU");
    expect(compound("midstream", "EU27")).toBe(eu);
    expect(compound("midstream", "European Union")).toBe(eu);
    expect(dims("midstream", "European Union").t_c[3]).toBe("eu_crm2023_shares");
  });

  test("the EU's trade input: EU sourcing of neodymium from the EU 2023 study, intra-EU excluded; Eurostat for magnets", () => {
    const rows = getDataset("eu_crm2023_shares").rows;
    const processing = rows.filter((r) => r.variant === "Neodymium, processing, EU sourcing");
    const china = processing.find((r) => r.key === "CHN")!.values.share as number;
    const total = processing.reduce((a, r) => a + (r.values.share as number), 0);
    expect(value(dims("midstream", "EU").t_c)).toBeCloseTo(china / total, 12);
    expect(value(dims("mining", "EU").t_c)).toBeCloseTo(0.43, 12);
    expect(value(dims("magnets", "EU").t_c)).toBeCloseTo(0.9272, 12);
  });

  test("Australia, a net exporter at mining, gets t_c = 0 by the documented rule", () => {
    const t = dims("mining", "AUS").t_c;
    expect(value(t)).toBe(0);
    expect(t[2]).toMatch(/fallback F4: a mine producer/);
  });

  test("a country without partner data takes the world-market stand-in, flagged", () => {
    const t = dims("magnets", "KOR").t_c;
    expect(t[2]).toMatch(/fallback F10: no partner split of KOR's imports/);
    expect(value(t)).toBeCloseTo(0.6266, 12); // China's share of world HS 850511 exports, BACI 2024
  });

  test("own territory is excluded: an EU member's production does not count against the EU", () => {
    const b = stageBasis("mining", "EU", { year: 2024 });
    expect(b.isOwn("DEU")).toBe(true);
    expect(b.isOwn("CHN")).toBe(false);
  });
});

describe("VULN.HISTORY", () => {
  test("one row per year: the terms and CVI agree with COMPOUND, with counts of same-year, earlier and later inputs", () => {
    const table = VULN_HISTORY("mining" as never, "JPN", 2008, 2024) as unknown[][];
    expect(table[0]).toEqual(["year", "G", "P", "T", "K", "CVI", "same year", "earlier", "later", "missing, fallbacks and later inputs"]);
    expect(table).toHaveLength(1 + 17);
    for (const row of table.slice(1)) {
      const year = row[0] as number;
      expect(row[5]).toBe(compound("mining", "JPN", year));
      const counts = (row[6] as number) + (row[7] as number) + (row[8] as number);
      expect(counts).toBe(6);
    }
  });

  test("a year that cannot be computed says which input is missing", () => {
    const table = VULN_HISTORY("mining" as never, "USA", 2009, 2012) as unknown[][];
    expect((table[1][5] as { code: string }).code).toBe("#N/A");
    expect(table[1][9]).toMatch(/^missing t_c: us_salient: the reference data has no US salient statistics for 2009/);
    expect(typeof table[3][5]).toBe("number"); // 2011
  });

  test("by default, from the first year the data supports for the country to the latest", () => {
    const table = VULN_HISTORY("mining" as never, "USA") as unknown[][];
    expect(table[1][0]).toBe(2011);
    expect(table[table.length - 1][0]).toBe(latestYear("mining", "bgs_mine_production"));
    expect(() => VULN_HISTORY("mining" as never, "USA", 2020, 2010)).toThrow(/fromYear \(2020\) is after toYear \(2010\)/);
  });

  test("version 1 through the version argument", () => {
    const v1 = VULN_HISTORY("midstream" as never, "USA", 2024, 2024, null, 1) as unknown[][];
    expect(v1[1][5]).toBe((VULN_COMPOUND("midstream" as never, "USA", 2024, null, 1) as number[][])[0][0]);
  });
});
