/**
 * The datasets behind the established methods, against their extracts, read here independently:
 * wgi (every economy resolves to the right country: none dropped, none mismatched), the EU 2017
 * supply-risk inputs and the EU assessments 2011–2023 (every cell as printed).
 */
import { DATA } from "../../src/functions/families/data";
import { getDataset } from "../../src/data";
import { countryByIso3, findCountry } from "../../src/data/countries";
import { wgiCountryKey } from "../../scripts/datasets/wgi";
import { describeWithExtracts, readExtract } from "./extracts";

const INDICATORS = ["va", "pv", "ge", "rq", "rl", "cc"];
// SOURCES.md §9: the World Bank's codes that are not ISO 3166 alpha-3.
const LEGACY: Record<string, string> = { ADO: "AND", ROM: "ROU", TMP: "TLS", ZAR: "COD", WBG: "PSE", KSV: "XKX" };

describeWithExtracts("wgi: every World Bank economy is a country of the dataset, by code and by name", () => {
  const extract = readExtract("wgi_worldwide_governance_indicators_1996_2023.csv");
  const ds = getDataset("wgi");
  const economies = [...new Map(extract.map((r) => [r.iso3, r.country])).entries()];

  test("214 economies, 214 distinct keys, one row per economy and year", () => {
    expect(economies.length).toBe(214);
    expect(new Set(ds.rows.map((r) => r.key)).size).toBe(214);
    expect(ds.rows.length).toBe(extract.length);
  });

  test("the legacy codes map to the ISO codes SOURCES.md names; every other code is its own key", () => {
    for (const [code, name] of economies) {
      const key = LEGACY[code] ?? code;
      const rows = ds.rows.filter((r) => r.key === key);
      const want = extract.filter((r) => r.iso3 === code).length;
      expect({ code, name, key, rows: rows.length, labels: [...new Set(rows.map((r) => r.label))] }).toEqual({ code, name, key, rows: want, labels: [name] });
      // the name an analyst reads in the World Bank's table finds the same country
      expect({ code, byName: findCountry(name)?.iso3 }).toEqual({ code, byName: key });
      expect(countryByIso3(key)).not.toBeNull();
    }
    expect(DATA("wgi", "Romania", 2023, "note")).toBe("World Bank code ROM");
    expect(DATA("wgi", "Congo, Dem. Rep.", 2023, "pv")).toBe(Number(extract.find((r) => r.iso3 === "ZAR" && r.year === "2023")!.pv_estimate));
    expect(DATA("wgi", "XK", 2023, "rl")).toBe(Number(extract.find((r) => r.iso3 === "KSV" && r.year === "2023")!.rl_estimate));
  });

  test("every estimate as printed; a blank stays missing", () => {
    let blanks = 0;
    const byId = new Map(ds.rows.map((r) => [`${r.key}|${r.year}`, r]));
    for (const r of extract) {
      const row = byId.get(`${LEGACY[r.iso3] ?? r.iso3}|${r.year}`)!;
      for (const f of INDICATORS) {
        const printed = r[`${f}_estimate`];
        if (printed === "") blanks++;
        expect({ at: `${r.iso3} ${r.year} ${f}`, v: row.values[f] }).toEqual({ at: `${r.iso3} ${r.year} ${f}`, v: printed === "" ? null : Number(printed) });
      }
    }
    expect(blanks).toBeGreaterThan(0);
  });

  test("a code and a name that disagree stop the build", () => {
    expect(() => wgiCountryKey("ROM", "Bulgaria")).toThrow(/World Bank code ROM maps to ROU \(Romania\) but the name "Bulgaria" is BGR/);
    expect(() => wgiCountryKey("QQQ", "Atlantis")).toThrow(/World Bank code QQQ \(Atlantis\) is not a country/);
  });
});

describeWithExtracts("eu_crm2017_sr_inputs: the 2017 study's rare-earth table, as printed", () => {
  const extract = readExtract("eu_crm2017_ree_supply_risk_inputs.csv");
  const numeric = ["supply_risk", "economic_importance", "import_reliance_pct", "eol_rir_pct", "si_ei", "si_sr", "hhiwgi_t_global_supply", "hhiwgi_t_eu_sourcing"];

  test("15 rare earths and scandium, every field", () => {
    expect(extract.length).toBe(16);
    for (const r of extract) {
      for (const f of numeric) expect({ m: r.material, f, v: DATA("eu_crm2017_sr_inputs", r.material, null, f) }).toEqual({ m: r.material, f, v: Number(r[f]) });
    }
    expect(DATA("eu_crm2017_sr_inputs", "Scandium", null, "printed")).toBe(2.9);
    expect(getDataset("eu_crm2017_sr_inputs").rows.find((r) => r.label === "Scandium")!.text).toEqual({ stage: "Processing", sr_scope: "GS only" });
  });
});

describeWithExtracts("eu_crm_assessments: SR and EI of every material and round", () => {
  const extract = readExtract("eu_crm_assessments_sr_ei_2011_2023.csv");

  test("every cell as printed; not assessed stays missing with its note", () => {
    for (const r of extract) {
      const material = r.material.replace(/\s+/g, " ");
      for (const [field, col] of [["sr", "supply_risk"], ["ei", "economic_importance"]]) {
        const got = (() => {
          try {
            return DATA("eu_crm_assessments", material, Number(r.assessment_year), field);
          } catch (e) {
            return (e as Error).message.includes("not assessed") ? "missing" : (e as Error).message;
          }
        })();
        expect({ material, year: r.assessment_year, field, got }).toEqual({ material, year: r.assessment_year, field, got: r[col] === "" ? "missing" : Number(r[col]) });
      }
    }
  });

  test("the rare-earth groups of the 2017, 2020 and 2023 rounds (2017 methodology)", () => {
    expect(DATA("eu_crm_assessments", "LREEs", 2023, "sr")).toBe(3.7);
    expect(DATA("eu_crm_assessments", "LREEs", 2023, "ei")).toBe(5.9);
    const rounds = getDataset("eu_crm_assessments").rows.filter((r) => r.label === "HREEs");
    expect(rounds.map((r) => [r.year, r.text.methodology])).toEqual([
      [2011, "methodology of the 2011 and 2014 rounds"],
      [2014, "methodology of the 2011 and 2014 rounds"],
      [2017, "2017 methodology"],
      [2020, "2017 methodology"],
      [2023, "2017 methodology"],
    ]);
    const teak = getDataset("eu_crm_assessments").rows.filter((r) => r.label === "Natural Teak wood").map((r) => r.year);
    expect(teak).toEqual([2011, 2014, 2017, 2020, 2023]);
  });
});
