/**
 * The World Bank's Worldwide Governance Indicators (WGI, 2024 update): the six estimates per
 * economy and year. The World Bank keys economies by its own codes, ISO 3166 alpha-3 except a few
 * legacy ones, which are mapped here explicitly: a code that matched no country would silently
 * drop a supplier from a governance-weighted index. Every economy must resolve to a country of
 * src/data/countries.ts by its code AND by its printed name, to the same country, or the build stops.
 */
import { z } from "zod";
import type { DataRow, Dataset } from "../../src/data/schema";
import { countryByIso3, findCountry } from "../../src/data/countries";
import { WGI_INDICATORS } from "../../src/core/eu";
import { finish, nonEmpty, optionalNumberText, parseValue, put, readCsv, row, yearText } from "./common";

export const WGI_FILE = "wgi_worldwide_governance_indicators_1996_2023.csv";

/**
 * The World Bank's codes that are not the ISO 3166 alpha-3 code of the economy (SOURCES.md §9).
 * ANT (Netherlands Antilles, former) keeps its withdrawn ISO code; JEY (Jersey) is ISO's own.
 */
export const WORLD_BANK_LEGACY_CODES: Readonly<Record<string, string>> = {
  ADO: "AND", // Andorra
  ROM: "ROU", // Romania
  TMP: "TLS", // Timor-Leste
  ZAR: "COD", // Congo, Dem. Rep.
  WBG: "PSE", // West Bank and Gaza
  KSV: "XKX", // Kosovo (no ISO code; XKX is the user-assigned code)
};

/** The project's country key for a World Bank economy; throws when code and name disagree. */
export function wgiCountryKey(code: string, name: string, file = WGI_FILE): string {
  const key = WORLD_BANK_LEGACY_CODES[code] ?? code;
  const byCode = countryByIso3(key);
  if (!byCode) throw new Error(`${file}: World Bank code ${code} (${name}) is not a country of src/data/countries.ts; add it (or map the code in WORLD_BANK_LEGACY_CODES)`);
  const byName = findCountry(name);
  if (byName?.iso3 !== key) {
    throw new Error(`${file}: World Bank code ${code} maps to ${key} (${byCode.name}) but the name "${name}" ${byName ? `is ${byName.iso3} (${byName.name})` : "is not known"}; fix the mapping or add the name as an alias`);
  }
  return key;
}

export function wgi(): Dataset {
  const estimate = Object.fromEntries(WGI_INDICATORS.map(([f]) => [`${f}_estimate`, optionalNumberText]));
  const recs = readCsv(WGI_FILE, { iso3: z.string().regex(/^[A-Z]{3}$/), country: nonEmpty, year: yearText, ...estimate });
  const rows: DataRow[] = recs.map((r) => {
    const key = wgiCountryKey(r.iso3, r.country);
    const target = { values: {} as Record<string, number | null>, text: {} as Record<string, string>, flags: [] };
    for (const [f] of WGI_INDICATORS) put(target, f, parseValue(r[`${f}_estimate`]));
    return row({ key, label: r.country, year: Number(r.year), ...target, note: key === r.iso3 ? "" : `World Bank code ${r.iso3}` });
  });
  return finish(
    {
      id: "wgi",
      title: "Worldwide Governance Indicators, 2024 update: the six governance estimates by economy and year",
      publisher: "World Bank (Kaufmann and Kraay, Worldwide Governance Indicators)",
      sourceUrl: "https://www.govindicators.org",
      retrievedVia: "github lmorgans/WGIdata, wgidataset.csv (commit 05f52f8; the World Bank's own long-format download, SHA-256 81693aaa…f221d), reshaped to one row per economy and year",
      extracts: [WGI_FILE],
      publicationYear: 2024,
      licence: "CC BY 4.0 (World Bank); cite Kaufmann, D. and Kraay, A., Worldwide Governance Indicators, 2024 update, www.govindicators.org",
      units: "estimate on a standard normal scale, about −2.5 (weak) to +2.5 (strong governance)",
      keyKind: "country",
      fields: WGI_INDICATORS.map(([name, label]) => ({ name, unit: "−2.5 to 2.5", description: `${label} (estimate)` })),
      defaultField: "pv",
      variants: null,
      share: { unavailable: "governance estimates are scores, not quantities with a world total" },
      gaps: [
        "Biennial 1996–2002 (no 1997, 1999 or 2001), annual from 2002.",
        "A blank estimate ('..' in the World Bank's file) stays missing; economy-years with no estimate at all are not in the file.",
        "The World Bank's legacy codes are mapped to ISO 3166: ADO → AND, ROM → ROU, TMP → TLS, ZAR → COD, WBG → PSE, KSV → XKX (Kosovo, user-assigned); ANT is the former Netherlands Antilles (to 2013). The row's note names the World Bank code where it differs.",
        "Standard errors, percentile ranks and the number of sources behind each estimate are left out.",
        "The World Bank revises back years at each update: the EU 2023 study used WGI values of its own reference period, which may differ from these.",
      ],
      coverageNote: "the World Bank's economies, territories included; fields va, pv, ge, rq, rl, cc",
    },
    rows,
  );
}
