/**
 * The methods' functions on the reference data: EU.WGI and GEOPOLRISK.INSTABILITY from the WGI
 * extract, the country-name option of EU.HHIWGI and GEOPOLRISK, GEOPOLRISK.CF (geopolrisk-py's
 * reference), USGS.NIR (the printed figure), and EU.SR recomputed for the whole EU 2017 rare-earth
 * table. Expected numbers are computed here from the extracts, or are the figures SOURCES.md quotes.
 */
import { EU_CRITICAL, EU_HHIWGI, EU_SR, EU_WGI, EU_WGISCALE, GEOPOLRISK, GEOPOLRISK_CF, GEOPOLRISK_INSTABILITY, USGS_NIR } from "../../src/functions/families/methods";
import { describeWithExtracts, readExtract } from "../data/extracts";
import { errorOf } from "../setup/errors";

const WGI_FILE = "wgi_worldwide_governance_indicators_1996_2023.csv";
const SIX = ["va", "pv", "ge", "rq", "rl", "cc"];


describeWithExtracts("EU.WGI and GEOPOLRISK.INSTABILITY from the WGI extract", () => {
  const wgi = readExtract(WGI_FILE);
  const est = (code: string, year: string) => wgi.find((r) => r.iso3 === code && r.year === year)!;

  test("China 2023: EU score 5.58, instability 0.602 (SOURCES.md §9)", () => {
    const cn = est("CHN", "2023");
    const mean = SIX.reduce((a, f) => a + Number(cn[`${f}_estimate`]), 0) / 6;
    expect(EU_WGI("China", 2023)).toBeCloseTo(2 * (2.5 - mean), 12);
    expect(Math.round((EU_WGI("China", 2023) as number) * 100) / 100).toBe(5.58);
    expect(EU_WGI("CHN", null)).toBe(EU_WGI("China", 2023)); // blank year = the latest WGI year
    expect(GEOPOLRISK_INSTABILITY("China", 2023)).toBeCloseTo((2.5 - Number(cn.pv_estimate)) / 5, 12);
    expect(GEOPOLRISK_INSTABILITY("China", 2023)).toBeCloseTo(0.602, 12);
  });

  test("Myanmar 8.33 and Australia 1.91 (SOURCES.md §9); every economy and year equals EU.WGISCALE of its six estimates", () => {
    expect(Math.round((EU_WGI("Burma", 2023) as number) * 100) / 100).toBe(8.33);
    expect(Math.round((EU_WGI("Australia", 2023) as number) * 100) / 100).toBe(1.91);
    let checked = 0;
    for (const r of wgi.filter((x) => x.year === "2023" || x.year === "1996")) {
      const six = SIX.map((f) => r[`${f}_estimate`]);
      if (six.includes("")) continue;
      expect({ at: `${r.iso3} ${r.year}`, v: EU_WGI(r.country, Number(r.year)) }).toEqual({ at: `${r.iso3} ${r.year}`, v: EU_WGISCALE([six.map(Number)]) });
      checked++;
    }
    expect(checked).toBeGreaterThan(350);
  });

  test("a missing estimate is #N/A naming it, never a mean of fewer", () => {
    const gap = wgi.find((r) => r.va_estimate === "" && r.pv_estimate !== "")!;
    const e = errorOf(() => EU_WGI(gap.country, Number(gap.year)));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/prints no Voice and Accountability \(va\) estimate for .* \d{4}; the EU score averages all six/);
    expect(GEOPOLRISK_INSTABILITY(gap.country, Number(gap.year))).toBeCloseTo((2.5 - Number(gap.pv_estimate)) / 5, 12);
  });

  test("years and countries without estimates say so", () => {
    expect(errorOf(() => EU_WGI("Kosovo", 1997))).toEqual({ code: "#N/A", message: expect.stringMatching(/no 1997 estimates for Kosovo \(the indicators are biennial before 2002\)/) });
    expect(errorOf(() => EU_WGI("Netherlands Antilles"))).toEqual({ code: "#N/A", message: expect.stringMatching(/no 2023 estimates for Netherlands Antilles \(former\); years with estimates: 2004–2013/) });
    expect(errorOf(() => EU_WGI("Chna"))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/country "Chna" is not a known country .* "China"/) });
    expect(errorOf(() => GEOPOLRISK_INSTABILITY("China", 2023.5)).code).toBe("#VALUE!");
  });

  test("instability is clipped to [0, 1]", () => {
    // pv runs slightly beyond ±2.5 for a few economies; g stays within [0, 1] for every row.
    for (const r of wgi.filter((x) => x.pv_estimate !== "" && (x.year === "2023" || x.year === "2010"))) {
      const g = GEOPOLRISK_INSTABILITY(r.country, Number(r.year)) as number;
      expect({ at: `${r.iso3} ${r.year}`, g: Math.min(1, Math.max(0, (2.5 - Number(r.pv_estimate)) / 5)) }).toEqual({ at: `${r.iso3} ${r.year}`, g });
    }
  });
});

describeWithExtracts("EU.HHIWGI and GEOPOLRISK take country names in place of scores", () => {
  test("names give the same result as the looked-up scores; the year argument is the WGI year", () => {
    const shares = [[0.6], [0.3], [0.1]];
    const names = [["China"], ["Myanmar"], ["Australia"]];
    const scores = names.map(([c]) => [EU_WGI(c, 2020)]);
    expect(EU_HHIWGI(shares, names, null, 2020)).toBeCloseTo(EU_HHIWGI(shares, scores) as number, 12);
    expect(EU_HHIWGI(shares, names, 1.1, 2020)).toBeCloseTo((EU_HHIWGI(shares, scores) as number) * 1.1, 12);
    expect(EU_HHIWGI(shares, names)).toBeCloseTo(EU_HHIWGI(shares, names.map(([c]) => [EU_WGI(c, 2023)])) as number, 12);
    // numbers and names may be mixed
    expect(EU_HHIWGI(shares, [[scores[0][0]], ["Myanmar"], ["AUS"]], null, 2020)).toBeCloseTo(EU_HHIWGI(shares, scores) as number, 12);
    const imports = [[70], [20], [10]];
    const g = names.map(([c]) => [GEOPOLRISK_INSTABILITY(c, 2018)]);
    expect(GEOPOLRISK(0.5, imports, names, 25, 2018)).toBeCloseTo(GEOPOLRISK(0.5, imports, g, 25) as number, 12);
  });

  test("an unknown name or a country without estimates is an error naming the item", () => {
    expect(errorOf(() => EU_HHIWGI([[0.5], [0.5]], [["China"], ["Chna"]]))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/^CHOKEPOINT\.EU\.HHIWGI: wgi: item 2 "Chna" is not a known country/) });
    expect(errorOf(() => GEOPOLRISK(0.5, [[1], [1]], [["China"], ["Other"]], 0))).toEqual({ code: "#N/A", message: expect.stringMatching(/no estimates for Other countries/) });
  });
});

describe("GEOPOLRISK.CF: score × price / reference (geopolrisk-py)", () => {
  test("geopolrisk-py's reference 0.409412948 by default, or the one given", () => {
    expect(GEOPOLRISK_CF(0.2, 55)).toBeCloseTo((0.2 * 55) / 0.409412948, 12);
    expect(GEOPOLRISK_CF(0.2, 55, 1)).toBeCloseTo(11, 12);
    expect(GEOPOLRISK_CF(0, 55)).toBe(0);
  });
  test("errors say what to fix", () => {
    expect(errorOf(() => GEOPOLRISK_CF(0.2, -1))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/price must be at least 0/) });
    expect(errorOf(() => GEOPOLRISK_CF(0.2, 5, 0))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/referencePrice must be above 0 \(geopolrisk-py uses 0\.409412948\)/) });
    expect(errorOf(() => GEOPOLRISK_CF("x", 5)).code).toBe("#VALUE!");
  });
});

describeWithExtracts("USGS.NIR: the net import reliance USGS prints", () => {
  const mcs26 = readExtract("usgs_mcs2026_rare_earths_us_salient.csv").find((r) => r.item.startsWith("Net import reliance: compounds"))!;
  const mcs25 = readExtract("usgs_mcs2025_rare_earths_us_salient.csv").find((r) => r.item.startsWith("Net import reliance: compounds"))!;

  test("MCS 2026 NIR 2024 = 53 by default (the latest edition); MCS 2025's 80 on request", () => {
    expect(mcs26["2024"]).toBe("53");
    expect(USGS_NIR(2024)).toBeCloseTo(0.53, 12);
    expect(USGS_NIR(2024, "MCS 2025")).toBeCloseTo(Number(mcs25["2024"]) / 100, 12);
    expect(USGS_NIR(2024, 2025)).toBeCloseTo(0.8, 12);
    expect(USGS_NIR(2025)).toBeCloseTo(Number(mcs26["2025"]) / 100, 12);
  });

  test('">95" and ">90" are read as their bounds', () => {
    expect(mcs26["2022"]).toBe(">95");
    expect(USGS_NIR(2022)).toBeCloseTo(0.95, 12);
    expect(mcs26["2023"]).toBe(">90");
    expect(USGS_NIR(2023)).toBeCloseTo(0.9, 12);
    expect(USGS_NIR(2020)).toBe(1); // MCS 2025 prints 100 for 2020 (MCS 2026 starts at 2021)
  });

  test("years and editions the data does not hold", () => {
    expect(errorOf(() => USGS_NIR(2030))).toEqual({ code: "#N/A", message: expect.stringMatching(/no MCS edition in the data prints a US net import reliance for 2030; the editions print 2014–2025/) });
    expect(errorOf(() => USGS_NIR(2025, "MCS 2025"))).toEqual({ code: "#N/A", message: expect.stringMatching(/MCS 2025 prints no US net import reliance for 2025; MCS 2025 prints 2020–2024/) });
    expect(errorOf(() => USGS_NIR(2024, "MCS 2099")).code).toBe("#VALUE!");
  });
});

describeWithExtracts("EU.SR recomputed from the 2017 study's printed inputs, every rare earth", () => {
  const table = readExtract("eu_crm2017_ree_supply_risk_inputs.csv");

  test("all 16 rows (15 rare earths and scandium) within ±0.3 of the printed SR; EU.CRITICAL of the printed figures", () => {
    expect(table.length).toBe(16);
    for (const r of table) {
      const gsOnly = r.sr_scope === "GS only";
      const sr = EU_SR(Number(r.hhiwgi_t_global_supply), gsOnly ? null : Number(r.hhiwgi_t_eu_sourcing), Number(r.import_reliance_pct) / 100, Number(r.eol_rir_pct) / 100, Number(r.si_sr)) as number;
      const diff = Math.abs(sr - Number(r.supply_risk));
      expect({ material: r.material, within: diff <= 0.3 }).toEqual({ material: r.material, within: true });
      expect(EU_CRITICAL(Number(r.supply_risk), Number(r.economic_importance))).toBe(Number(r.supply_risk) >= 1 && Number(r.economic_importance) >= 2.8);
    }
    const nd = table.find((r) => r.material === "Neodymium")!;
    expect(EU_SR(8.8, 1.8, 1, 0.01, 0.9)).toBeCloseTo(4.7223, 4); // SOURCES.md §10: 4.72 against 4.8 printed
    expect(nd.supply_risk).toBe("4.8");
  });
});
