/**
 * Countries as ISO 3166-1 alpha-3 codes, with the names and aliases the sources and analysts use.
 * `resolveCountry` turns "China", "PRC", "Burma", "U.S.", "Korea" … into the code, and says
 * clearly (with the nearest names) when a name is unknown. Pure: no Node, DOM or Office imports.
 */
import { quote } from "../quote";
import { invalid } from "../errors";
import { MORE_HISTORICAL, withWorldEconomies } from "./countriesWorld";

export interface Country {
  /** ISO 3166-1 alpha-3, or a statistical aggregate code (WLD, OTH, EUR) or historical code (BLX, YUG). */
  iso3: string;
  iso2: string | null;
  name: string;
  aliases: readonly string[];
  /**
   * "aggregate" for World, Other countries, Europe; "historical" for codes no longer in ISO 3166;
   * "union" for the European Union (EU27), which the model treats as one importer.
   */
  kind: "country" | "aggregate" | "historical" | "union";
  /** The member countries' alpha-3 codes, for a union; absent otherwise. */
  members?: readonly string[];
}

type Entry = [iso3: string, iso2: string | null, name: string, aliases: string[]];

// Names as printed by USGS, BGS, UN Comtrade, CEPII BACI, OEC, the EU CRM study and the press extracts.
const COUNTRY_TABLE: Entry[] = [
  ["ALB", "AL", "Albania", []],
  ["ARE", "AE", "United Arab Emirates", ["UAE"]],
  ["ARG", "AR", "Argentina", []],
  ["ARM", "AM", "Armenia", []],
  ["AUS", "AU", "Australia", []],
  ["AUT", "AT", "Austria", []],
  ["BDI", "BI", "Burundi", []],
  ["BEL", "BE", "Belgium", []],
  ["BGD", "BD", "Bangladesh", []],
  ["BGR", "BG", "Bulgaria", []],
  ["BHR", "BH", "Bahrain", []],
  ["BHS", "BS", "Bahamas", []],
  ["BIH", "BA", "Bosnia and Herzegovina", []],
  ["BLR", "BY", "Belarus", []],
  ["BLX", null, "Belgium-Luxembourg", []],
  ["BRA", "BR", "Brazil", []],
  ["BRB", "BB", "Barbados", []],
  ["BRN", "BN", "Brunei", []],
  ["BTN", "BT", "Bhutan", []],
  ["BWA", "BW", "Botswana", []],
  ["CAN", "CA", "Canada", []],
  ["CHE", "CH", "Switzerland", []],
  ["CHL", "CL", "Chile", []],
  ["CHN", "CN", "China", ["PRC", "People's Republic of China", "China, mainland", "Mainland China", "P.R. China"]],
  ["CIV", "CI", "Côte d'Ivoire", ["Cote d'Ivoire", "Ivory Coast"]],
  ["CMR", "CM", "Cameroon", []],
  ["COD", "CD", "Democratic Republic of the Congo", ["Congo, Democratic Republic", "DR Congo", "DRC", "Congo (Kinshasa)"]],
  ["COL", "CO", "Colombia", []],
  ["CRI", "CR", "Costa Rica", []],
  ["CUB", "CU", "Cuba", []],
  ["CYP", "CY", "Cyprus", []],
  ["CZE", "CZ", "Czechia", ["Czech Republic"]],
  ["DEU", "DE", "Germany", []],
  ["DNK", "DK", "Denmark", []],
  ["DOM", "DO", "Dominican Republic", []],
  ["DZA", "DZ", "Algeria", []],
  ["ECU", "EC", "Ecuador", []],
  ["EGY", "EG", "Egypt", []],
  ["ESP", "ES", "Spain", []],
  ["EST", "EE", "Estonia", []],
  ["ETH", "ET", "Ethiopia", []],
  ["FIN", "FI", "Finland", []],
  ["FJI", "FJ", "Fiji", []],
  ["FRA", "FR", "France", []],
  ["GBR", "GB", "United Kingdom", ["UK", "U.K.", "Britain", "Great Britain"]],
  ["GEO", "GE", "Georgia", []],
  ["GHA", "GH", "Ghana", []],
  ["GIN", "GN", "Guinea", []],
  ["GRC", "GR", "Greece", []],
  ["GRL", "GL", "Greenland", []],
  ["GTM", "GT", "Guatemala", []],
  ["GUY", "GY", "Guyana", []],
  ["HKG", "HK", "Hong Kong", ["Hong Kong SAR", "China, Hong Kong SAR", "Hong Kong, China"]],
  ["HND", "HN", "Honduras", []],
  ["HRV", "HR", "Croatia", []],
  ["HUN", "HU", "Hungary", []],
  ["IDN", "ID", "Indonesia", []],
  ["IND", "IN", "India", []],
  ["IRL", "IE", "Ireland", []],
  ["IRN", "IR", "Iran", ["Islamic Republic of Iran"]],
  ["ISL", "IS", "Iceland", []],
  ["ISR", "IL", "Israel", []],
  ["ITA", "IT", "Italy", []],
  ["JAM", "JM", "Jamaica", []],
  ["JOR", "JO", "Jordan", []],
  ["JPN", "JP", "Japan", []],
  ["KAZ", "KZ", "Kazakhstan", []],
  ["KEN", "KE", "Kenya", []],
  ["KGZ", "KG", "Kyrgyzstan", []],
  ["KOR", "KR", "South Korea", ["Korea", "Korea, South", "Rep. of Korea", "Republic of Korea", "Korea, Rep.", "ROK"]],
  ["KWT", "KW", "Kuwait", []],
  ["LAO", "LA", "Laos", ["Lao PDR", "Lao People's Democratic Republic"]],
  ["LBN", "LB", "Lebanon", []],
  ["LKA", "LK", "Sri Lanka", []],
  ["LTU", "LT", "Lithuania", []],
  ["LUX", "LU", "Luxembourg", []],
  ["LVA", "LV", "Latvia", []],
  ["MAR", "MA", "Morocco", []],
  ["MDG", "MG", "Madagascar", []],
  ["MEX", "MX", "Mexico", []],
  ["MKD", "MK", "North Macedonia", ["Macedonia"]],
  ["MLI", "ML", "Mali", []],
  ["MLT", "MT", "Malta", []],
  ["MMR", "MM", "Myanmar", ["Burma", "Myanmar (Burma)", "Republic of the Union of Myanmar"]],
  ["MNG", "MN", "Mongolia", []],
  ["MOZ", "MZ", "Mozambique", []],
  ["MRT", "MR", "Mauritania", []],
  ["MUS", "MU", "Mauritius", []],
  ["MWI", "MW", "Malawi", []],
  ["MYS", "MY", "Malaysia", []],
  ["NAM", "NA", "Namibia", []],
  ["NCL", "NC", "New Caledonia", []],
  ["NGA", "NG", "Nigeria", []],
  ["NIC", "NI", "Nicaragua", []],
  ["NLD", "NL", "Netherlands", ["Holland", "The Netherlands"]],
  ["NOR", "NO", "Norway", []],
  ["NZL", "NZ", "New Zealand", []],
  ["OMN", "OM", "Oman", []],
  ["PAK", "PK", "Pakistan", []],
  ["PAN", "PA", "Panama", []],
  ["PER", "PE", "Peru", []],
  ["PHL", "PH", "Philippines", []],
  ["POL", "PL", "Poland", []],
  ["PRK", "KP", "North Korea", ["Korea, North", "DPRK", "Democratic People's Republic of Korea"]],
  ["PRT", "PT", "Portugal", []],
  ["QAT", "QA", "Qatar", []],
  ["ROU", "RO", "Romania", []],
  ["RUS", "RU", "Russia", ["Russian Federation"]],
  ["SAU", "SA", "Saudi Arabia", []],
  ["SEN", "SN", "Senegal", []],
  ["SGP", "SG", "Singapore", []],
  ["SLE", "SL", "Sierra Leone", []],
  ["SLV", "SV", "El Salvador", []],
  ["SRB", "RS", "Serbia", []],
  ["SUR", "SR", "Suriname", []],
  ["SVK", "SK", "Slovakia", []],
  ["SVN", "SI", "Slovenia", []],
  ["SWE", "SE", "Sweden", []],
  ["SWZ", "SZ", "Eswatini", ["Swaziland"]],
  ["THA", "TH", "Thailand", []],
  ["TJK", "TJ", "Tajikistan", []],
  ["TKM", "TM", "Turkmenistan", []],
  ["TTO", "TT", "Trinidad and Tobago", []],
  ["TUN", "TN", "Tunisia", []],
  ["TUR", "TR", "Türkiye", ["Turkey", "Turkiye"]],
  ["TWN", "TW", "Taiwan", ["Chinese Taipei", "Taiwan, China"]],
  ["TZA", "TZ", "Tanzania", ["United Republic of Tanzania"]],
  ["UGA", "UG", "Uganda", []],
  ["UKR", "UA", "Ukraine", []],
  ["URY", "UY", "Uruguay", []],
  ["USA", "US", "United States", ["US", "U.S.", "U.S.A.", "United States of America", "America"]],
  ["VEN", "VE", "Venezuela", []],
  ["VGB", "VG", "British Virgin Islands", []],
  ["VNM", "VN", "Viet Nam", ["Vietnam"]],
  ["YEM", "YE", "Yemen", []],
  ["YUG", null, "Yugoslavia (former)", ["Yugoslavia"]],
  ["ZAF", "ZA", "South Africa", []],
  ["ZMB", "ZM", "Zambia", []],
  ["ZWE", "ZW", "Zimbabwe", []],
];

const AGGREGATES: Entry[] = [
  ["WLD", null, "World", ["World total", "World total (rounded)", "Total", "Global", "Whole world"]],
  ["OTH", null, "Other countries", ["Other", "Others", "Rest of world", "ROW"]],
  ["EUR", null, "Europe", []],
];

const HISTORICAL = new Set(["BLX", "YUG", ...MORE_HISTORICAL]);

/** The European Union's 27 member states since 1 February 2020 (the EU 2023 criticality study's EU27). */
export const EU27_MEMBERS: readonly string[] = Object.freeze([
  "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
  "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
]);

/** The EU as one importer: code EU27; "EU", "EU27", "EU-27" and "European Union" name it. */
export const EU27: Country = Object.freeze({ iso3: "EU27", iso2: null, name: "European Union (EU27)", aliases: ["EU", "EU-27", "EU 27", "European Union"], kind: "union", members: EU27_MEMBERS });

export const COUNTRIES: readonly Country[] = [
  ...withWorldEconomies(COUNTRY_TABLE).map(([iso3, iso2, name, aliases]): Country => ({
    iso3,
    iso2,
    name,
    aliases,
    kind: HISTORICAL.has(iso3) ? "historical" : "country",
  })),
  ...AGGREGATES.map(([iso3, iso2, name, aliases]): Country => ({ iso3, iso2, name, aliases, kind: "aggregate" })),
  EU27,
];

/** Lower-case, no accents, no dots, single spaces, "&" as "and", a leading "the" dropped. */
export function normaliseName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.’']/g, "")
    .replace(/[^a-z0-9,()+-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

const BY_NAME = new Map<string, Country>();
const BY_ISO3 = new Map<string, Country>();
for (const c of COUNTRIES) {
  BY_ISO3.set(c.iso3, c);
  for (const name of [c.iso3, c.name, ...c.aliases]) BY_NAME.set(normaliseName(name), c);
}
// Two-letter codes are not accepted as names ("NA", "IN", "NO" read as words); only the sources' columns use them.
const BY_ISO2 = new Map(COUNTRIES.filter((c) => c.iso2).map((c) => [c.iso2 as string, c]));

/** The country with this ISO 3166-1 alpha-2 code, or null (used to read sources that print alpha-2). */
export function countryByIso2(iso2: string): Country | null {
  return BY_ISO2.get(iso2.toUpperCase()) ?? null;
}

/** The country for a code, name or alias, or null. Never throws. */
export function findCountry(text: string): Country | null {
  const key = normaliseName(text);
  if (key === "") return null;
  return BY_NAME.get(key) ?? null;
}

// Eurostat's two-letter codes that differ from ISO 3166: Greece and the United Kingdom.
const EUROSTAT_CODES: Record<string, string> = { EL: "GR", UK: "GB" };

/** The country of a two-letter code, ISO 3166 alpha-2 or Eurostat's (any case), or null. */
function countryByTwoLetterCode(text: string): Country | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? countryByIso2(EUROSTAT_CODES[code] ?? code) : null;
}

/**
 * The country a function argument or label names: a name, alias or alpha-3 code, or an alpha-2 code
 * typed in capitals ("CN", "DE", Eurostat's "EL"), as Comtrade, WMD and Eurostat columns print them.
 * Capitals only: in running text "no" or "in" are words, and "NA" among values is a missing marker.
 */
export function findCountryOrCode(text: string): Country | null {
  const byName = findCountry(text);
  if (byName) return byName;
  return /^[A-Z]{2}$/.test(text.trim()) ? countryByTwoLetterCode(text) : null;
}

/** The country with this alpha-3 code (exactly as stored), or null. */
export function countryByIso3(iso3: string): Country | null {
  return BY_ISO3.get(iso3.toUpperCase()) ?? null;
}

/** The display name for a code; the code itself if unknown. */
export function countryName(iso3: string): string {
  return BY_ISO3.get(iso3)?.name ?? iso3;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), for "did you mean"
 * suggestions: "Bruma" is one step from "Burma", two from "Aruba".
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Up to `count` candidates closest to `text`: a candidate that starts with or contains the text
 * ranks first, then by edit distance. Case and punctuation are ignored.
 */
export function nearest(text: string, candidates: readonly string[], count = 3): string[] {
  const t = normaliseName(text);
  const scored = candidates.map((c) => {
    const n = normaliseName(c);
    const contains = n.startsWith(t) || (t.length >= 3 && n.includes(t)) ? 0 : 1;
    return { c, contains, d: editDistance(t, n) };
  });
  scored.sort((x, y) => x.contains - y.contains || x.d - y.d || x.c.localeCompare(y.c));
  return [...new Set(scored.map((s) => s.c))].slice(0, count);
}

/** The names a user might type, for suggestions: every name and alias. */
function allNames(): string[] {
  return COUNTRIES.flatMap((c) => [c.name, ...c.aliases]);
}

/**
 * The country for a code, name or alias; #VALUE! naming the nearest known names when unknown.
 * `argName` is the argument named in the message.
 */
export function resolveCountry(text: string, argName = "country"): Country {
  const found = findCountryOrCode(text);
  if (found) return found;
  // "cn" or "jp": the alpha-2 code in lower case is the likeliest meaning.
  const byCode = countryByTwoLetterCode(text);
  const suggestions = [...new Set([...(byCode ? [byCode.name] : []), ...nearest(text, allNames())])].slice(0, 3);
  throw invalid(
    `${argName} ${quote(text)} is not a known country name or ISO 3166 code; did you mean ${suggestions
      .map((s) => `"${s}"`)
      .join(" or ")}?`,
  );
}
