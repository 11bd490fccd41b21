/** The Functions tab: one line on each CHOKEPOINT function and an example that works as typed. */
export interface FunctionEntry {
  name: string;
  syntax: string;
  summary: string;
  example: string;
}

export const DOCS_URL = "https://localhost:3000/docs/functions.html";

/** GitHub-style heading anchor of a function in docs/functions.md ("### CHOKEPOINT.HHI" → "chokepointhhi"). */
export function anchorOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");
}

export const FUNCTIONS: FunctionEntry[] = [
  { name: "CHOKEPOINT.HHI", syntax: "HHI(values, [scale])", summary: "Herfindahl–Hirschman index of the values' shares (points, or 0–1 with scale 1).", example: "=CHOKEPOINT.HHI({30,30,20,20})" },
  { name: "CHOKEPOINT.SHARES", syntax: "SHARES(values)", summary: "Each value's share of the total, spilled.", example: "=CHOKEPOINT.SHARES({1,3})" },
  { name: "CHOKEPOINT.CR", syntax: "CR(values, n)", summary: "Sum of the n largest shares.", example: "=CHOKEPOINT.CR({50,20,20,10}, 2)" },
  { name: "CHOKEPOINT.TOPSHARE", syntax: "TOPSHARE(values, [labels])", summary: "The largest share, with its label when labels are given.", example: '=CHOKEPOINT.TOPSHARE({270000,45000,31000}, {"CHN","USA","MMR"})' },
  { name: "CHOKEPOINT.NEQ", syntax: "NEQ(values)", summary: "Numbers-equivalent: how many equal suppliers give the same HHI.", example: "=CHOKEPOINT.NEQ({30,30,20,20})" },
  { name: "CHOKEPOINT.ENTROPY", syntax: "ENTROPY(values, [normalized])", summary: "Shannon entropy of the shares; normalised, 1 means even.", example: "=CHOKEPOINT.ENTROPY({1,2,3,4})" },
  { name: "CHOKEPOINT.BAND", syntax: "BAND(hhi, [guidelines])", summary: "Concentration band of an HHI under the 2010 or 2023 US merger guidelines.", example: '=CHOKEPOINT.BAND(2600, "2010")' },
  { name: "CHOKEPOINT.HHI.EXCLUDING", syntax: "HHI.EXCLUDING(values, labels, exclude)", summary: "External concentration: the HHI without one country's own share.", example: '=CHOKEPOINT.HHI.EXCLUDING({50,30,20}, {"CHN","USA","AUS"}, "USA")' },
  { name: "CHOKEPOINT.NIR", syntax: "NIR(production, imports, exports, [stockChange])", summary: "USGS net import reliance as a fraction of apparent consumption.", example: "=CHOKEPOINT.NIR(0, 100, 20)" },
  { name: "CHOKEPOINT.USGS.NIR", syntax: "USGS.NIR(year, [edition])", summary: "The US net import reliance USGS prints (latest MCS edition, or the one given).", example: "=CHOKEPOINT.USGS.NIR(2024)" },
  { name: "CHOKEPOINT.DEPENDENCE", syntax: "DEPENDENCE(fromPartner, total)", summary: "Share of imports coming from one partner.", example: "=CHOKEPOINT.DEPENDENCE(60, 100)" },
  { name: "CHOKEPOINT.GEOGAP", syntax: "GEOGAP(production, reserves)", summary: "Production HHI minus reserves HHI: concentration by policy, not geography.", example: "=CHOKEPOINT.GEOGAP({60,20,20}, {40,30,30})" },
  { name: "CHOKEPOINT.VULN.CVI", syntax: "VULN.CVI(g, pExternal, pGlobal, f, t, k, [m], [wg])", summary: "Compound vulnerability index from the five chokepoint inputs.", example: "=CHOKEPOINT.VULN.CVI(0.1, 0.5, 0.6, 0.3, 0.4, 0.5)" },
  { name: "CHOKEPOINT.VULN.DIMENSIONS", syntax: "VULN.DIMENSIONS(stage, country, [year], [source], [version])", summary: "The model inputs for a stage and country (or the EU) from the reference data, with their sources and years.", example: '=CHOKEPOINT.VULN.DIMENSIONS("midstream", "USA", 2020)' },
  { name: "CHOKEPOINT.VULN.COMPOUND", syntax: "VULN.COMPOUND(stage, [country], [year], [source], [version])", summary: "The CVI of a stage (and country) from the reference data, for any year the data supports.", example: '=CHOKEPOINT.VULN.COMPOUND("midstream", "JPN", 2015)' },
  { name: "CHOKEPOINT.VULN.HISTORY", syntax: "VULN.HISTORY(stage, country, [fromYear], [toYear], [source], [version])", summary: "The CVI and its terms year by year, with the years of the inputs and what is missing.", example: '=CHOKEPOINT.VULN.HISTORY("mining", "JPN", 2008, 2024)' },
  { name: "CHOKEPOINT.VULN.EXPLAIN", syntax: "VULN.EXPLAIN(stage, country, [year], [source], [version])", summary: "The terms G, P, T, K and the CVI, each with the framework statement behind it.", example: '=CHOKEPOINT.VULN.EXPLAIN("mining", "USA")' },
  { name: "CHOKEPOINT.VULN.SENSITIVITY", syntax: "VULN.SENSITIVITY(stage, country, [delta], [year], [source], [version])", summary: "Policy levers ranked by how much they lower the CVI.", example: '=CHOKEPOINT.VULN.SENSITIVITY("midstream", "USA", 0.1)' },
  { name: "CHOKEPOINT.VULN.SHOCK", syntax: "VULN.SHOCK(importReliance, partnerShare, cut, [substitution])", summary: "Fraction of supply lost when a partner cuts exports.", example: "=CHOKEPOINT.VULN.SHOCK(0.8, 0.745, 1)" },
  { name: "CHOKEPOINT.EU.HHIWGI", syntax: "EU.HHIWGI(shares, wgi, [t], [year])", summary: "EU criticality concentration: Σ share² × WGI × t; wgi may name the countries.", example: "=CHOKEPOINT.EU.HHIWGI({0.6,0.4}, {6,3})" },
  { name: "CHOKEPOINT.EU.WGI", syntax: "EU.WGI(country, [year])", summary: "A country's WGI on the EU 0–10 scale (10 worst), from the World Bank's six estimates.", example: '=CHOKEPOINT.EU.WGI("China", 2023)' },
  { name: "CHOKEPOINT.EU.WGISCALE", syntax: "EU.WGISCALE(meanEstimate)", summary: "World Governance Indicators rescaled to 0–10, 10 worst.", example: "=CHOKEPOINT.EU.WGISCALE(-0.5)" },
  { name: "CHOKEPOINT.EU.SR", syntax: "EU.SR(hhiGlobal, hhiEU, importReliance, eolRir, substitutionIndex)", summary: "EU supply risk (2017 methodology).", example: "=CHOKEPOINT.EU.SR(2.45, 1.2, 0.6, 0.1, 0.95)" },
  { name: "CHOKEPOINT.EU.CRITICAL", syntax: "EU.CRITICAL(sr, ei, [srThreshold], [eiThreshold])", summary: "TRUE when supply risk and economic importance pass the EU thresholds.", example: "=CHOKEPOINT.EU.CRITICAL(1, 2.8)" },
  { name: "CHOKEPOINT.GEOPOLRISK", syntax: "GEOPOLRISK(hhi, imports, instability, domesticProduction, [year])", summary: "Importer-specific geopolitical supply risk (Gemechu et al. 2015); instability may name the partners.", example: "=CHOKEPOINT.GEOPOLRISK(0.5, {60,40}, {0.8,0.2}, 100)" },
  { name: "CHOKEPOINT.GEOPOLRISK.INSTABILITY", syntax: "GEOPOLRISK.INSTABILITY(country, [year])", summary: "A partner's instability for GeoPolRisk: (2.5 − political stability) / 5, 0–1.", example: '=CHOKEPOINT.GEOPOLRISK.INSTABILITY("China", 2023)' },
  { name: "CHOKEPOINT.GEOPOLRISK.CF", syntax: "GEOPOLRISK.CF(score, price, [referencePrice])", summary: "GeoPolRisk characterisation factor (geopolrisk-py): score × price / copper reference.", example: "=CHOKEPOINT.GEOPOLRISK.CF(0.2, 55)" },
  { name: "CHOKEPOINT.DATA", syntax: "DATA(dataset, key, [year], [field])", summary: "One value from a reference dataset, traceable to its source.", example: '=CHOKEPOINT.DATA("bgs_mine_production", "China", 2020)' },
  { name: "CHOKEPOINT.SERIES", syntax: "SERIES(dataset, [country], [fromYear], [toYear])", summary: "A spilled table from a dataset, ready to chart.", example: '=CHOKEPOINT.SERIES("bgs_mine_production", "CHN", 2018, 2022)' },
  { name: "CHOKEPOINT.SHARE", syntax: "SHARE(dataset, country, year)", summary: "A country's share of the world total printed by the same source and edition.", example: '=CHOKEPOINT.SHARE("usgs_mcs_mine_production", "China", 2023)' },
  { name: "CHOKEPOINT.SOURCE", syntax: "SOURCE(dataset)", summary: "One-line citation of a dataset: publisher, title, year, URL, licence.", example: '=CHOKEPOINT.SOURCE("bgs_mine_production")' },
  { name: "CHOKEPOINT.DATASETS", syntax: "DATASETS()", summary: "The catalogue of reference datasets, spilled.", example: "=CHOKEPOINT.DATASETS()" },
];
