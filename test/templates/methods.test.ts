/**
 * The Methods sheet of the default brief, in the headless engine: no error cell at all (no
 * documented #N/A either), and its figures equal to the same figures computed here from the
 * source extracts: the EU 2017 supply risk of every rare earth, the HHI-WGI-t of neodymium from
 * the EU 2023 shares and the WGI, GeoPolRisk for the US and Japan, and USGS's printed NIR.
 */
import { buildPlan } from "../../templates";
import { evaluatePlan, nameValue, nameValues, setNamedInput } from "../../src/workbook/headless";
import { parseRange } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { describeWithExtracts, readExtract } from "../data/extracts";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";
const num = (v: unknown) => {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};
const column = (values: unknown[][]) => values.map((r) => r[0]);

const wgi = () => readExtract("wgi_worldwide_governance_indicators_1996_2023.csv");
// The World Bank's codes of the countries these extracts name (written out here, independently of src/data).
const CODE: Record<string, string> = {
  Australia: "AUS", Brazil: "BRA", Burundi: "BDI", China: "CHN", Estonia: "EST", France: "FRA", India: "IND", Japan: "JPN",
  Malaysia: "MYS", Myanmar: "MMR", Russia: "RUS", Thailand: "THA", "United States": "USA", Vietnam: "VNM",
};
function wgiRow(country: string, year: number) {
  const r = wgi().find((x) => x.iso3 === CODE[country] && x.year === String(year));
  if (!r) throw new Error(`no WGI row for ${country} ${year}`);
  return r;
}
const euScore = (country: string, year: number) => {
  const r = wgiRow(country, year);
  return 2 * (2.5 - ["va", "pv", "ge", "rq", "rl", "cc"].reduce((a, f) => a + Number(r[`${f}_estimate`]), 0) / 6);
};
const instability = (country: string, year: number) => Math.min(1, Math.max(0, (2.5 - Number(wgiRow(country, year).pv_estimate)) / 5));
const hhi = (xs: number[]) => {
  const t = xs.reduce((a, b) => a + b, 0);
  return xs.reduce((a, x) => a + (x / t) ** 2, 0);
};

function methods(): { plan: WorkbookPlan; evaluated: ReturnType<typeof evaluatePlan> } {
  const plan = buildPlan("methods", {}, GENERATED_AT);
  return { plan, evaluated: evaluatePlan(plan) };
}

describe("the default brief's Methods sheet", () => {
  const { plan, evaluated } = methods();
  const sheet = plan.sheets.find((s) => s.key === "methods")!;

  test("has no error cell, and no cell left waiting for an input (no documented gaps)", () => {
    const report = evaluated.sheets.find((s) => s.key === "methods")!;
    expect(report.errors).toEqual([]);
    expect(sheet.documentedGaps ?? []).toEqual([]);
    expect(report.cells).toBeGreaterThan(1000);
    // the default brief ("all") too
    const all = evaluatePlan(buildPlan("all", {}, GENERATED_AT)).sheets.find((s) => s.key === "methods")!;
    expect(all.errors).toEqual([]);
  });

  test("no two blocks overlap", () => {
    const cells = new Map<string, string>();
    for (const b of sheet.blocks) {
      const { start } = parseRange(b.anchor);
      b.rows.forEach((row, r) =>
        row.forEach((_, c) => {
          const at = `${start.row + r},${start.column + c}`;
          expect({ at, block: b.id, taken: cells.get(at) ?? null }).toEqual({ at, block: b.id, taken: null });
          cells.set(at, b.id);
        }),
      );
    }
  });

  test("every input is a named, yellow input cell with its default and the default's source beside it", () => {
    const names = ["Methods_WGIYear", "Methods_Tolerance", "Methods_WGIYearUS", "Methods_WGIYearJP", "Methods_UnnamedInstability", "Methods_JapanProduction", "Methods_CFReference"];
    const inputStyles = (sheet.styles ?? []).filter((st) => st.role === "input").map((st) => parseRange(st.range));
    for (const n of names) {
      const spec = plan.names.find((x) => x.name === n)!;
      const cell = parseRange(spec.range).start;
      expect({ n, input: inputStyles.some((r) => cell.row >= r.start.row && cell.row <= r.end.row && cell.column >= r.start.column && cell.column <= r.end.column) }).toEqual({ n, input: true });
      expect(typeof nameValue(evaluated.workbook, n)).toBe("number");
    }
    expect(nameValue(evaluated.workbook, "Methods_WGIYear")).toBe(2023);
    expect(nameValue(evaluated.workbook, "Methods_CFReference")).toBe(0.409412948);
  });

  test("the chart of the EU rounds is a ChartSpec over the rounds table", () => {
    const chart = (sheet.charts ?? []).find((c) => c.id === "methods-eu-rounds")!;
    expect(chart).toMatchObject({ type: "columnClustered", seriesBy: "columns" });
    const range = parseRange(chart.dataRange);
    const names = parseRange(plan.names.find((x) => x.name === "Methods_EURounds")!.range);
    expect([range.start.row + 1, range.start.column + 1, range.end.row, range.end.column]).toEqual([names.start.row, names.start.column, names.end.row, names.end.column]);
  });
});

describeWithExtracts("Methods figures equal those computed from the extracts", () => {
  const { evaluated } = methods();
  const wb = evaluated.workbook;

  test("EU 2017: EU.SR of every rare earth from its printed inputs, and the line counting those within ±0.3", () => {
    const table = readExtract("eu_crm2017_ree_supply_risk_inputs.csv");
    const sr = column(nameValues(wb, "Methods_EU2017SR")).map(num);
    expect(sr.length).toBe(table.length);
    table.forEach((r, i) => {
      const gs = Number(r.hhiwgi_t_global_supply);
      const eu = r.sr_scope === "GS only" ? gs : Number(r.hhiwgi_t_eu_sourcing);
      const ir = Number(r.import_reliance_pct) / 100;
      const expected = (gs * (ir / 2) + eu * (1 - ir / 2)) * (1 - Number(r.eol_rir_pct) / 100) * Number(r.si_sr);
      expect({ m: r.material, sr: sr[i] }).toEqual({ m: r.material, sr: expect.closeTo(expected, 10) });
      expect(Math.abs(sr[i] - Number(r.supply_risk))).toBeLessThanOrEqual(0.3);
    });
    expect(nameValue(wb, "Methods_EU2017Within")).toMatch(/^16 of 16 rare earths .* within ±0\.3 of the printed SR$/);
    setNamedInput(wb, "Methods_Tolerance", 0.05);
    const tight = table.filter((r, i) => Math.abs(sr[i] - Number(r.supply_risk)) <= 0.05).length;
    expect(nameValue(wb, "Methods_EU2017Within")).toMatch(new RegExp(`^${tight} of 16 rare earths`));
    expect(tight).toBeLessThan(16);
    setNamedInput(wb, "Methods_Tolerance", 0.3);
  });

  test("EU HHI-WGI-t of neodymium extraction from the EU 2023 shares and the WGI of the chosen year", () => {
    const shares = readExtract("eu_crm2023_ree_supply_shares_t.csv").filter((r) => r.supply_mix === "global" && r.Material === "Neodymium" && r.Stage === "E" && !r.Share.startsWith("<"));
    const expected = (year: number) => shares.reduce((a, r) => a + (Number(r.Share.replace("%", "")) / 100) ** 2 * euScore(r.Country, year) * Number(r.t), 0);
    const first = () => num(column(nameValues(wb, "Methods_EUHHIWGI"))[0]);
    expect(first()).toBeCloseTo(expected(2023), 10);
    setNamedInput(wb, "Methods_WGIYear", 2018);
    expect(first()).toBeCloseTo(expected(2018), 10);
    setNamedInput(wb, "Methods_WGIYear", 2023);
    // beside it, the 2017 study's printed value for neodymium extraction
    const nd = readExtract("eu_crm2017_ree_supply_risk_inputs.csv").find((r) => r.material === "Neodymium")!;
    expect(column(nameValues(wb, "Methods_EUHHIWGIPrinted2017"))[0]).toBe(Number(nd.hhiwgi_t_global_supply));
  });

  test("EU rounds: HREEs and LREEs SR and EI in 2017, 2020 and 2023", () => {
    const rounds = readExtract("eu_crm_assessments_sr_ei_2011_2023.csv");
    const got = nameValues(wb, "Methods_EURounds");
    [2017, 2020, 2023].forEach((y, i) => {
      const of = (m: string) => rounds.find((r) => r.material === m && r.assessment_year === String(y))!;
      expect(got[i]).toEqual([Number(of("HREEs").supply_risk), Number(of("HREEs").economic_importance), Number(of("LREEs").supply_risk), Number(of("LREEs").economic_importance)]);
    });
  });

  test("GeoPolRisk of US imports (MCS 2026, WGI 2023, USGS mine production 2024) and Japan's (METI 2018, WGI 2018, BGS 2018)", () => {
    const src = readExtract("us_ree_import_sources_mcs2026.csv");
    const sal = readExtract("usgs_mcs2026_rare_earths_us_salient.csv");
    const item = (label: string) => Number(sal.find((r) => r.item === label)!["2024"]);
    const imports = item("Imports: compounds") + item("Imports: rare-earth metals and alloys");
    const production = item("Production: compounds and metals");
    const g = (partner: string) => (partner === "Other" ? 0.5 : instability(partner, 2023));
    const weighted = src.reduce((a, r) => a + g(r.partner) * (Number(r.share_pct) / 100) * imports, 0);
    const mine = readExtract("usgs_mcs_world_production_by_edition.csv").filter((r) => r.edition === "MCS 2026" && r.year === "2024" && !/^(World|Other)/.test(r.country));
    const usExpected = (hhi(mine.map((r) => Number(r.mine_production_t_reo))) * weighted) / (production + imports);
    expect(num(nameValue(wb, "Methods_GeoPolRisk"))).toBeCloseTo(usExpected, 10);

    const jp = readExtract("japan_ree_import_dependence_reported.csv").filter((r) => r.year === "2018" && /share of Japan/.test(r.metric));
    const named = jp.map((r) => ({ partner: r.metric.split(" share")[0], share: Number(r.value) / 100 }));
    const rest = 1 - named.reduce((a, p) => a + p.share, 0);
    const jWeighted = named.reduce((a, p) => a + instability(p.partner, 2018) * p.share * 100, 0) + 0.5 * rest * 100;
    const bgs = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv").filter((r) => r.year === "2018");
    const jpExpected = (hhi(bgs.map((r) => Number(r.mine_production_t_reo))) * jWeighted) / 100;
    expect(num(nameValue(wb, "Methods_GeoPolRiskJapan"))).toBeCloseTo(jpExpected, 10);

    // CF at NdPr oxide's 2024 price (MCS 2026), with geopolrisk-py's copper reference
    const cf = column(nameValues(wb, "Methods_CFUS")).map(num);
    expect(cf).toContainEqual(expect.closeTo((usExpected * item("Price: NdPr oxide 99% min")) / 0.409412948, 10));
  });

  test("USGS NIR: printed (latest edition per year) beside the one from the printed consumption", () => {
    const years = column(nameValues(wb, "Methods_USNIRYears"));
    const printed = column(nameValues(wb, "Methods_USNIR"));
    const recomputed = column(nameValues(wb, "Methods_USNIRRecomputed"));
    const sal = readExtract("usgs_mcs2026_rare_earths_us_salient.csv");
    const of = (label: string, y: number) => Number(sal.find((r) => r.item.startsWith(label))![String(y)]);
    const i = years.indexOf(2024);
    expect(printed[i]).toBeCloseTo(0.53, 12);
    const c = of("Consumption apparent", 2024);
    const p = of("Production: compounds and metals", 2024);
    expect(recomputed[i]).toBeCloseTo((c - p) / c, 12);
    expect(years[0]).toBe(2014);
    expect(years[years.length - 1]).toBe(2025);
    expect(printed[years.indexOf(2022)]).toBe(0.95); // ">95"
  });
});
