/**
 * us_salient, edition "MCS 2026": every cell of the extract's table is in the dataset, as printed
 * (numbers as numbers, ">95" / ">90" as lower bounds, "E" kept as printed), with the 2025 column
 * flagged as USGS's estimate; the latest edition is what a lookup returns by default.
 */
import { DATA } from "../../src/functions/families/data";
import { getDataset } from "../../src/data";
import { describeWithExtracts, readExtract } from "./extracts";

const FILE = "usgs_mcs2026_rare_earths_us_salient.csv";
const YEARS = ["2021", "2022", "2023", "2024", "2025"];

describeWithExtracts("us_salient: the MCS 2026 edition", () => {
  const extract = readExtract(FILE);
  const rows = getDataset("us_salient").rows.filter((r) => r.variant === "MCS 2026");
  const stored = (item: string, year: string) => rows.find((r) => r.label === item && r.year === Number(year));

  test("every item and year of the table is a row, with the value as printed", () => {
    expect(extract.length).toBe(21);
    expect(rows.length).toBe(extract.length * YEARS.length);
    for (const r of extract) {
      for (const y of YEARS) {
        const row = stored(r.item, y)!;
        const printed = r[y];
        const got = { item: r.item, year: y, unit: row.text.unit, value: row.values.value, printed: row.text.printed ?? null, bound: row.values.lower_bound ?? null };
        const bound = /^>(\d+)$/.exec(printed);
        const want = {
          item: r.item,
          year: y,
          unit: r.unit,
          value: /^\d+(\.\d+)?$/.test(printed) ? Number(printed) : null,
          printed: /^\d+(\.\d+)?$/.test(printed) ? null : printed,
          bound: bound ? Number(bound[1]) : null,
        };
        expect(got).toEqual(want);
      }
    }
  });

  test("net import reliance: 53 printed for 2024 (MCS 2025 printed 80), the lower bounds and E kept as flags", () => {
    const nir = extract.find((r) => r.item === "Net import reliance: compounds and metals")!;
    expect(nir["2024"]).toBe("53");
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2024, null)).toBe(53);
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2024, "value@MCS 2025")).toBe(80);
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2024, "flags")).toBe("revised");
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2023, "printed")).toBe(">90");
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2023, "lower_bound")).toBe(90);
    expect(() => DATA("us_salient", "net_import_reliance_compounds_and_metals", 2023, null)).toThrow(/printed as ">90" \(a lower bound, not a value\) in MCS 2026/);
    expect(stored("Net import reliance: compounds and metals", "2022")!.flags).toContain("lower_bound");
    expect(DATA("us_salient", "net_import_reliance_mineral_concentrates", 2025, "printed")).toBe("E");
  });

  test("prices are included, to the cent as printed", () => {
    const nd = extract.find((r) => r.item.startsWith("Price: NdPr oxide"))!;
    expect(DATA("us_salient", "price_ndpr_oxide_99_pct_min", 2024, null)).toBe(Number(nd["2024"]));
    const la = extract.find((r) => r.item.startsWith("Price: lanthanum oxide"))!;
    expect(DATA("us_salient", "price_lanthanum_oxide_99_5_pct_min", 2021, null)).toBe(Number(la["2021"]));
    expect(DATA("us_salient", "price_lanthanum_oxide_99_5_pct_min", 2021, "value@MCS 2025")).toBe(2);
  });

  test("the 2025 column is USGS's estimate, the revised years of compounds and metals are flagged", () => {
    for (const r of rows) expect({ item: r.label, year: r.year, estimate: r.flags.includes("estimate") }).toEqual({ item: r.label, year: r.year, estimate: r.year === 2025 });
    const prod = rows.filter((r) => r.label === "Production: compounds and metals" && r.flags.includes("revised")).map((r) => r.year);
    expect(prod).toEqual([2023, 2024]);
  });
});
