/**
 * The economies of the World Bank's governance indicators (WGI) that the sources' own country table
 * (countries.ts) does not list, and the World Bank's names for those it does ("Egypt, Arab Rep.",
 * "Korea, Dem. Rep."), so that every one of the 214 WGI economies resolves by name and by ISO code.
 * Names are ISO 3166 short names; aliases are the World Bank's spellings. Kosovo has no ISO 3166
 * code: XKX / XK are the user-assigned codes the European Commission and IMF use. The World Bank's
 * own legacy codes (ROM, ZAR, TMP, ADO, WBG, KSV) are not aliases here: the WGI build maps them
 * explicitly (scripts/datasets/wgi.ts), since "ZAR" reads as South Africa's currency.
 */
export type CountryEntry = [iso3: string, iso2: string | null, name: string, aliases: string[]];

const MORE: CountryEntry[] = [
  ["ABW", "AW", "Aruba", []],
  ["AFG", "AF", "Afghanistan", []],
  ["AGO", "AO", "Angola", []],
  ["AIA", "AI", "Anguilla", []],
  ["AND", "AD", "Andorra", []],
  ["ANT", "AN", "Netherlands Antilles (former)", ["Netherlands Antilles"]],
  ["ASM", "AS", "American Samoa", []],
  ["ATG", "AG", "Antigua and Barbuda", []],
  ["AZE", "AZ", "Azerbaijan", []],
  ["BEN", "BJ", "Benin", []],
  ["BFA", "BF", "Burkina Faso", []],
  ["BLZ", "BZ", "Belize", []],
  ["BMU", "BM", "Bermuda", []],
  ["BOL", "BO", "Bolivia", ["Bolivia (Plurinational State of)"]],
  ["CAF", "CF", "Central African Republic", []],
  ["COG", "CG", "Republic of the Congo", ["Congo, Rep.", "Congo (Brazzaville)", "Congo-Brazzaville"]],
  ["COK", "CK", "Cook Islands", []],
  ["COM", "KM", "Comoros", []],
  ["CPV", "CV", "Cabo Verde", ["Cape Verde"]],
  ["CYM", "KY", "Cayman Islands", []],
  ["DJI", "DJ", "Djibouti", []],
  ["DMA", "DM", "Dominica", []],
  ["ERI", "ER", "Eritrea", []],
  ["FSM", "FM", "Micronesia", ["Micronesia, Fed. Sts.", "Federated States of Micronesia"]],
  ["GAB", "GA", "Gabon", []],
  ["GMB", "GM", "Gambia", ["Gambia, The", "The Gambia"]],
  ["GNB", "GW", "Guinea-Bissau", []],
  ["GNQ", "GQ", "Equatorial Guinea", []],
  ["GRD", "GD", "Grenada", []],
  ["GUF", "GF", "French Guiana", []],
  ["GUM", "GU", "Guam", []],
  ["HTI", "HT", "Haiti", []],
  ["IRQ", "IQ", "Iraq", []],
  ["JEY", "JE", "Jersey", ["Jersey, Channel Islands"]],
  ["KHM", "KH", "Cambodia", []],
  ["KIR", "KI", "Kiribati", []],
  ["KNA", "KN", "Saint Kitts and Nevis", ["St. Kitts and Nevis"]],
  ["LBR", "LR", "Liberia", []],
  ["LBY", "LY", "Libya", []],
  ["LCA", "LC", "Saint Lucia", ["St. Lucia"]],
  ["LIE", "LI", "Liechtenstein", []],
  ["LSO", "LS", "Lesotho", []],
  ["MAC", "MO", "Macao", ["Macao SAR, China", "China, Macao SAR", "Macau"]],
  ["MCO", "MC", "Monaco", []],
  ["MDA", "MD", "Moldova", ["Republic of Moldova"]],
  ["MDV", "MV", "Maldives", []],
  ["MHL", "MH", "Marshall Islands", []],
  ["MNE", "ME", "Montenegro", []],
  ["MTQ", "MQ", "Martinique", []],
  ["NER", "NE", "Niger", []],
  ["NIU", "NU", "Niue", []],
  ["NPL", "NP", "Nepal", []],
  ["NRU", "NR", "Nauru", []],
  ["PLW", "PW", "Palau", []],
  ["PNG", "PG", "Papua New Guinea", []],
  ["PRI", "PR", "Puerto Rico", []],
  ["PRY", "PY", "Paraguay", []],
  ["PSE", "PS", "Palestine", ["West Bank and Gaza", "State of Palestine", "Palestinian Territories"]],
  ["REU", "RE", "Réunion", []],
  ["RWA", "RW", "Rwanda", []],
  ["SDN", "SD", "Sudan", []],
  ["SLB", "SB", "Solomon Islands", []],
  ["SMR", "SM", "San Marino", []],
  ["SOM", "SO", "Somalia", []],
  ["SSD", "SS", "South Sudan", []],
  ["STP", "ST", "São Tomé and Príncipe", []],
  ["SYC", "SC", "Seychelles", []],
  ["SYR", "SY", "Syria", ["Syrian Arab Republic"]],
  ["TCD", "TD", "Chad", []],
  ["TGO", "TG", "Togo", []],
  ["TLS", "TL", "Timor-Leste", ["East Timor"]],
  ["TON", "TO", "Tonga", []],
  ["TUV", "TV", "Tuvalu", []],
  ["UZB", "UZ", "Uzbekistan", []],
  ["VCT", "VC", "Saint Vincent and the Grenadines", ["St. Vincent and the Grenadines"]],
  ["VIR", "VI", "United States Virgin Islands", ["Virgin Islands (U.S.)", "U.S. Virgin Islands"]],
  ["VUT", "VU", "Vanuatu", []],
  ["WSM", "WS", "Samoa", []],
  ["XKX", "XK", "Kosovo", []],
];

/** The World Bank's names for countries the sources' table already lists. */
const MORE_ALIASES: Record<string, string[]> = {
  BHS: ["Bahamas, The"],
  BRN: ["Brunei Darussalam"],
  COD: ["Congo, Dem. Rep."],
  EGY: ["Egypt, Arab Rep."],
  HKG: ["Hong Kong SAR, China"],
  IRN: ["Iran, Islamic Rep."],
  KGZ: ["Kyrgyz Republic"],
  PRK: ["Korea, Dem. Rep."],
  SVK: ["Slovak Republic"],
  VEN: ["Venezuela, RB"],
  YEM: ["Yemen, Rep."],
};

/** Codes no longer in ISO 3166 among the entries above. */
export const MORE_HISTORICAL = ["ANT"];

/**
 * `table` with the entries above that it lacks appended and the World Bank's names added to those
 * it has; an entry already in `table` keeps its own name and aliases first.
 */
export function withWorldEconomies<T extends CountryEntry>(table: readonly T[]): CountryEntry[] {
  const have = new Set(table.map((e) => e[0]));
  const merged: CountryEntry[] = table.map(([iso3, iso2, name, aliases]) => {
    const more = MORE.find((e) => e[0] === iso3);
    const extra = [...(MORE_ALIASES[iso3] ?? []), ...(more ? [more[2], ...more[3]] : [])];
    const known = new Set([name, ...aliases].map((s) => s.toLowerCase()));
    return [iso3, iso2, name, [...aliases, ...extra.filter((a) => !known.has(a.toLowerCase()))]];
  });
  return [...merged, ...MORE.filter((e) => !have.has(e[0]))];
}
