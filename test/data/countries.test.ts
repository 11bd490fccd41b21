/** Country names, aliases and ISO3 codes, and what an unknown name says. */
import { COUNTRIES, countryByIso2, findCountry, findCountryOrCode, resolveCountry } from "../../src/data/countries";
import { isChokepointError } from "../../src/errors";

describe("resolveCountry", () => {
  test.each([
    ["China", "CHN"],
    ["CHN", "CHN"],
    ["chn", "CHN"],
    ["PRC", "CHN"],
    ["People's Republic of China", "CHN"],
    ["Burma", "MMR"],
    ["Myanmar", "MMR"],
    ["United States", "USA"],
    ["USA", "USA"],
    ["US", "USA"],
    ["U.S.", "USA"],
    ["the United States", "USA"],
    ["Japan", "JPN"],
    ["JPN", "JPN"],
    ["Korea", "KOR"],
    ["South Korea", "KOR"],
    ["Korea, South", "KOR"],
    ["KOR", "KOR"],
    ["North Korea", "PRK"],
    ["Viet Nam", "VNM"],
    ["Vietnam", "VNM"],
    ["Russian Federation", "RUS"],
    ["Turkey", "TUR"],
    ["Türkiye", "TUR"],
    ["Congo, Democratic Republic", "COD"],
    ["China, Hong Kong SAR", "HKG"],
    ["UK", "GBR"],
    ["Greenland", "GRL"],
    ["  Japan  ", "JPN"],
    ["World total (rounded)", "WLD"],
    ["Other", "OTH"],
  ])("%s → %s", (name, iso3) => {
    expect(resolveCountry(name).iso3).toBe(iso3);
  });

  test("an unknown name is #VALUE! naming it and suggesting the nearest", () => {
    try {
      resolveCountry("Jappan");
      throw new Error("no error");
    } catch (e) {
      expect(isChokepointError(e) && e.kind).toBe("value");
      expect((e as Error).message).toMatch(/^country "Jappan" is not a known country name or ISO 3166 code; did you mean "Japan"/);
    }
    expect(() => resolveCountry("Bruma", "key")).toThrow(/key "Bruma" .* did you mean "Burma"/);
  });

  test("two-letter codes are not names (NA, IN, NO read as words), but sources' alpha-2 columns resolve", () => {
    expect(findCountry("NA")).toBeNull();
    expect(findCountry("IN")).toBeNull();
    expect(countryByIso2("VN")!.iso3).toBe("VNM");
    expect(countryByIso2("KR")!.iso3).toBe("KOR");
  });

  test("as arguments, alpha-2 codes in capitals name countries (WMD, Comtrade, Eurostat columns)", () => {
    expect(resolveCountry("CN").iso3).toBe("CHN");
    expect(resolveCountry("MM").iso3).toBe("MMR");
    expect(resolveCountry("EL").iso3).toBe("GRC"); // Eurostat's Greece
    expect(resolveCountry("UK").iso3).toBe("GBR");
    expect(resolveCountry("Myanmar (Burma)").iso3).toBe("MMR");
    // Lower case is not taken as a code ("no", "in" are words), but the code's country is suggested first.
    expect(() => resolveCountry("jp")).toThrow(/country "jp" is not a known country name or ISO 3166 code; did you mean "Japan"/);
    expect(findCountryOrCode("NA")!.iso3).toBe("NAM");
    expect(findCountryOrCode("na")).toBeNull();
  });

  test("codes are unique and every alias points to one country only", () => {
    const codes = COUNTRIES.map((c) => c.iso3);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Map<string, string>();
    for (const c of COUNTRIES) {
      for (const n of [c.name, ...c.aliases].map((s) => s.toLowerCase())) {
        if (seen.has(n)) expect({ n, code: seen.get(n) }).toEqual({ n, code: c.iso3 });
        seen.set(n, c.iso3);
      }
    }
  });
});
