/**
 * Version 2's trade input t_c = reliance × the largest partner's share of imports, each part taken
 * by the year rule (docs/model.md, "Trade"): the US from USGS's printed net import reliance (the
 * latest edition that prints the year) and UN Comtrade; Japan from its reported China share; the
 * EU from the EU 2023 study's EU sourcing (intra-EU excluded) and Eurostat; China from its own
 * trade in rare-earth compounds (F9); any other country by the net-exporter test and the
 * documented fallbacks (F2, F3, F4, F10), each flagged.
 */
import { allRows, num, preferred, rowsFor, yearsOf } from "./data";
import { BACI_TOP, BACI_WORLD, COMTRADE, EU_SHARES, JAPAN, OEC, SALIENT, STAGE_SHARES } from "./datasets";
import type { Importer } from "./importer";
import { gapRow } from "./inputs";
import type { ProductionTable } from "./production";
import { leaderOf } from "../core/vulnerability/scenario";
import { pct, round, type DimensionRow, type Stage, type TradeBasis } from "./types";
import { chooseYear, noYear, relationText, worse, type InputKind, type YearChoice } from "./yearRule";
import type { DataRow } from "../data";


/** The EU 2023 criticality study's sourcing shares carry no year: dated by the study (2023). */
export const EU_STUDY_YEAR = 2023;
/** The traded product whose partners stand in for each stage (the reference data has no ore codes). */
export const STAGE_HS: Record<Stage, string> = { mining: "284690", midstream: "284690", magnets: "850511" };

/** One part of t_c: a reliance or a partner share, with where and which year it comes from. */
interface Part {
  value: number;
  how: string;
  dataset: string;
  choice: YearChoice;
  fallback: boolean;
}

type PartResult = Part | string;

function part(value: number, how: string, dataset: string, choice: YearChoice, fallback = false): Part {
  return { value, how, dataset, choice, fallback };
}

function choose(years: number[], year: number, kind: InputKind, what: string): YearChoice | string {
  return chooseYear(years, year, kind) ?? `${what}: ${noYear(kind, year, years)}`;
}

// ---------------------------------------------------------------------------------------------
// Reliance

const US_NIR: Record<"mining" | "midstream", string> = { mining: "net_import_reliance_mineral_concentrates", midstream: "net_import_reliance_compounds_and_metals" };

/** The printed figure of the latest MCS edition that prints `year`: a percentage, a bound, E (net exporter), XX or NA. */
function usNir(stage: "mining" | "midstream", year: number): PartResult {
  const item = US_NIR[stage];
  const printed = (r: DataRow) => r.values.value != null || r.values.lower_bound != null || r.text.printed !== undefined;
  const years = yearsOf(SALIENT, item, printed);
  const choice = chooseYear(years, year, "import_reliance");
  if (!choice) {
    // MCS 2016 (2011–15) prints no net import reliance; at mining its rows show no concentrate imports.
    if (stage === "mining" && yearsOf(SALIENT, "imports_other_rare_earth_compounds", () => true).includes(year)) {
      const same: YearChoice = { year, relation: "same year", gap: 0 };
      return part(0, `reliance 0 (fallback F11: USGS prints no net import reliance for concentrates for ${year}; its salient statistics list US imports of compounds, metals and ferrocerium only, no ores or concentrates)`, SALIENT, same, true);
    }
    const salientYears = yearsOf(SALIENT, "imports_other_rare_earth_compounds", () => true).concat(years);
    const first = Math.min(...salientYears);
    if (year < first) return `${SALIENT}: the reference data has no US salient statistics for ${year}; they start in ${first} (MCS 2016), so US trade exposure cannot be computed`;
    return `${SALIENT}: ${noYear("import_reliance", year, years)} (USGS net import reliance, ${stage === "mining" ? "mineral concentrates" : "compounds and metals"})`;
  }
  const r = preferred(SALIENT, rowsFor(SALIENT, item).filter((x) => x.year === choice.year && printed(x)))!;
  const text = r.text.printed;
  const where = `USGS ${r.variant}`;
  if (text === "E") return part(0, `reliance 0: USGS prints "E" (net exporter) for ${choice.year} (${where})`, SALIENT, choice);
  if (text === "XX") return part(0, `reliance 0: USGS prints "XX" (not applicable: no US output or imports of concentrates) for ${choice.year} (${where})`, SALIENT, choice);
  const v = num(r, "value");
  if (v !== null) return part(v / 100, `net import reliance ${v}% (${where}, ${choice.year})`, SALIENT, choice);
  const bound = num(r, "lower_bound");
  if (bound !== null) return part(bound / 100, `net import reliance printed "${text}": its bound ${bound}% is used (${where}, ${choice.year}; errs low)`, SALIENT, choice, true);
  return part(0, `reliance 0 (fallback F11: USGS prints "${text}" for concentrates for ${choice.year}, ${where}; its salient statistics list no US imports of ores or concentrates)`, SALIENT, choice, true);
}

/** Exports against imports of HS 2846 compounds (OEC): the net-exporter test at mining and midstream. */
function oecBalance(code: string, year: number): { x: number; m: number; choice: YearChoice } | string {
  const years = yearsOf(OEC, code, (r) => num(r, "export_value_usd") !== null && num(r, "import_value_usd") !== null);
  const choice = choose(years, year, "trade_balance", `${OEC} (${code})`);
  if (typeof choice === "string") return choice;
  const r = rowsFor(OEC, code).find((x) => x.year === choice.year)!;
  return { x: num(r, "export_value_usd") as number, m: num(r, "import_value_usd") as number, choice };
}

/** Exports against imports of HS 850511 magnets among BACI's top eight traders (bounds where a side is unlisted). */
function baciMagnetBalance(code: string, year: number): { net: "exporter" | "importer"; how: string; choice: YearChoice } | string {
  const listed = (r: DataRow) => num(r, "export_value_hs850511") !== null || num(r, "import_value_hs850511") !== null;
  const years = yearsOf(BACI_TOP, code, listed);
  const choice = choose(years, year, "trade_balance", `${BACI_TOP} (${code}, HS 850511)`);
  if (typeof choice === "string") return choice;
  const own = rowsFor(BACI_TOP, code).find((r) => r.year === choice.year)!;
  const x = num(own, "export_value_hs850511");
  const m = num(own, "import_value_hs850511");
  const smallest = (field: string) => Math.min(...allRows(BACI_TOP).filter((r) => r.year === choice.year).map((r) => num(r, field)).filter((v): v is number => v !== null));
  const usd = (v: number) => `${(v / 1e6).toLocaleString("en-US", { maximumFractionDigits: 0 })} M USD`;
  if (x !== null && m !== null) return { net: x > m ? "exporter" : "importer", how: `exports ${usd(x)} against imports ${usd(m)}`, choice };
  if (x !== null) {
    const bound = smallest("import_value_hs850511");
    return x > bound ? { net: "exporter", how: `exports ${usd(x)} exceed imports (not among the top 8 importers, so below ${usd(bound)})`, choice } : { net: "importer", how: `not shown to be a net exporter (exports ${usd(x)}; imports unlisted)`, choice };
  }
  const bound = smallest("export_value_hs850511");
  return { net: "importer", how: `imports ${usd(m as number)} against exports below ${usd(bound)} (not among the top 8 exporters)`, choice };
}

/**
 * Reliance of a country without USGS figures. Mining: a producer ships ore abroad for separation
 * (F4, widened), a non-producer imports all it uses (F2). Midstream: the OEC net-exporter test;
 * a net importer that produces at the stage gets the trade-balance bound of F9, one that does not
 * reliance 1 (F2). Magnets: BACI's net-exporter test, else reliance 1 (F3).
 */
function reliance(stage: Stage, who: Importer, year: number, table: ProductionTable): PartResult {
  const own = table.members.filter((m) => who.isOwn(m.key)).reduce((a, m) => a + m.share, 0);
  // The world's largest producer at the stage, with no trade figure, is taken as a net exporter (F4).
  const leader = leaderOf(table.members);
  const largest = leader !== undefined && who.isOwn(leader.key);
  // A rule read off the production table carries the table's year; a rule applied for want of data, the year asked.
  const same: YearChoice = { year: table.year, relation: table.choice.relation, gap: table.choice.gap };
  const asked: YearChoice = { year, relation: "same year", gap: 0 };
  if (stage === "mining" && who.code !== "CHN") {
    if (own > 0) return part(0, `reliance 0 (fallback F4: a mine producer, ${pct(own)} of world output in ${table.dataset} ${table.year}, ships its ore and concentrate for separation; the reference data has no ore-trade rows)`, table.dataset, same, true);
    return part(1, `reliance 1 (fallback F2: ${who.code} mines no rare earths in ${table.dataset} ${table.year}, so it imports what it uses)`, table.dataset, same, true);
  }
  if (stage === "magnets") {
    const b = baciMagnetBalance(who.code, year);
    if (typeof b !== "string") {
      if (b.net === "exporter") return part(0, `reliance 0: net exporter of HS 850511 in ${b.choice.year}, ${b.how} (CEPII BACI)`, BACI_TOP, b.choice);
      return part(1, `reliance 1 (fallback F3: no magnet output figure; ${b.how} in ${b.choice.year}, CEPII BACI)`, BACI_TOP, b.choice, true);
    }
    if (largest) return part(0, `reliance 0 (fallback F4: ${b}; the largest producer, ${pct(own)} of world output in ${table.year}, is treated as a net exporter)`, table.dataset, same, true);
    return part(1, `reliance 1 (fallback F3: no magnet output or trade figure; ${b})`, BACI_TOP, asked, true);
  }
  const b = oecBalance(who.code, year);
  if (typeof b === "string") {
    if (largest) return part(0, `reliance 0 (fallback F4: ${b}; the largest producer, ${pct(own)} of world output in ${table.year}, is treated as a net exporter)`, table.dataset, same, true);
    return part(1, `reliance 1 (fallback F2: ${b}; no output figure either, so it imports what it uses)`, OEC, asked, true);
  }
  const usd = (v: number) => `${(v / 1e6).toLocaleString("en-US", { maximumFractionDigits: 0 })} M USD`;
  const flows = `HS 2846 exports ${usd(b.x)}, imports ${usd(b.m)} in ${b.choice.year} (OEC)`;
  if (b.x >= b.m) return part(0, `reliance 0: net exporter of rare-earth compounds, ${flows}`, OEC, b.choice);
  if (own > 0) {
    const bound = (b.m - b.x) / (b.m + b.x);
    return part(bound, `reliance ${round(bound, 4)} (fallback F9: net importer, ${flows}; (imports − exports) ÷ (imports + exports), an upper bound on net import reliance while its own output at this stage is at least twice its exports)`, OEC, b.choice, true);
  }
  return part(1, `reliance 1 (fallback F2: net importer, ${flows}, with no output at this stage in the reference data)`, OEC, b.choice, true);
}

// ---------------------------------------------------------------------------------------------
// Partner share

/** BACI stand-in (F10): China's share of world exports of the stage's HS code; for China, the exporter HHI without itself. */
function worldMarketPartner(stage: Stage, who: Importer, year: number): PartResult {
  const hs = STAGE_HS[stage];
  const years = yearsOf(BACI_WORLD, hs, (r) => num(r, "china_export_share") !== null && num(r, "exporter_hhi") !== null);
  const choice = choose(years, year, "partner_share", `${BACI_WORLD} (HS ${hs})`);
  if (typeof choice === "string") return choice;
  const r = rowsFor(BACI_WORLD, hs).find((x) => x.year === choice.year)!;
  const s = num(r, "china_export_share") as number;
  const hhi = num(r, "exporter_hhi") as number;
  if (who.code === "CHN") {
    const others = Math.max(0, (hhi - s * s) / ((1 - s) * (1 - s)));
    return part(others, `the exporter HHI of world trade in HS ${hs} without China's own exports, (${hhi} − ${s}²) ÷ (1 − ${s})² = ${round(others, 4)} (fallback F10: no partner split of China's imports; CEPII BACI ${choice.year})`, BACI_WORLD, choice, true);
  }
  return part(s, `China's ${pct(s)} of world exports of HS ${hs} as the largest partner's share (fallback F10: no partner split of ${who.code}'s imports for ${year}; CEPII BACI ${choice.year})`, BACI_WORLD, choice, true);
}

function usPartner(stage: Stage, year: number): PartResult | null {
  const hs = STAGE_HS[stage];
  const years = yearsOf(COMTRADE, hs, (r) => num(r, "top1_share") !== null);
  const choice = chooseYear(years, year, "partner_share");
  if (!choice) return null;
  const r = rowsFor(COMTRADE, hs).find((x) => x.year === choice.year)!;
  const top = num(r, "top1_share") as number;
  return part(top, `${r.text.top1_partner}'s ${pct(top)} of US imports of HS ${hs} (UN Comtrade ${choice.year}${r.flags.includes("provisional") ? ", provisional" : ""})`, COMTRADE, choice);
}

function japanPartner(year: number): PartResult | null {
  const value = (r: DataRow) => num(r, "china_share_pct") ?? (r.values.china_share_pct === null ? num(r, "lower_bound") : null);
  const years = yearsOf(JAPAN, "JPN", (r) => "china_share_pct" in r.values && value(r) !== null);
  const choice = chooseYear(years, year, "partner_share");
  if (!choice) return null;
  const r = preferred(JAPAN, rowsFor(JAPAN, "JPN").filter((x) => x.year === choice.year && "china_share_pct" in x.values && value(x) !== null))!;
  const v = value(r) as number;
  const bound = num(r, "china_share_pct") === null;
  return part(v / 100, `China's ${v}% of Japan's rare-earth imports${bound ? ` (printed "${r.text.printed}": the bound is used, errs low)` : ""} (reported, ${choice.year}; all rare earths, no stage split)`, JAPAN, choice, bound);
}

/** The EU 2023 study's EU sourcing for neodymium (extraction or processing), intra-EU excluded; Eurostat for magnets. */
function euSourcing(stage: Stage, who: Importer, year: number): { reliance: Part; partner: Part } | null {
  if (stage === "magnets") {
    const r = rowsFor(STAGE_SHARES, "CHN").find((x) => x.variant === "Eurostat Comext" && num(x, "magnet_trade") !== null);
    const choice = r && r.year !== null ? chooseYear([r.year], year, "partner_share") : null;
    if (!r || !choice) return null;
    const top = (num(r, "magnet_trade") as number) / 100;
    return {
      reliance: part(1, `reliance 1 (fallback F3: no EU magnet output figure in the reference data)`, STAGE_SHARES, choice, true),
      partner: part(top, `China's ${pct(top)} of EU extra-EU imports of rare-earth permanent magnets (CN 85051110, Eurostat Comext ${choice.year})`, STAGE_SHARES, choice),
    };
  }
  const variant = `Neodymium, ${stage === "mining" ? "extraction" : "processing"}, EU sourcing`;
  const choice = chooseYear([EU_STUDY_YEAR], year, "partner_share");
  if (!choice) return null;
  const rows = allRows(EU_SHARES).filter((r) => r.variant === variant && num(r, "share") !== null);
  if (rows.length === 0) return null;
  const extra = rows.filter((r) => !who.isOwn(r.key));
  const extraTotal = extra.reduce((a, r) => a + (num(r, "share") as number), 0);
  const top = extra.reduce((best, r) => ((num(r, "share") as number) > (num(best, "share") as number) ? r : best), extra[0]);
  const topShare = (num(top, "share") as number) / extraTotal;
  const intra = rows.length - extra.length;
  return {
    reliance: part(Math.min(1, extraTotal), `reliance ${round(Math.min(1, extraTotal), 4)}: the extra-EU part of EU sourcing of neodymium (${stage === "mining" ? "extraction" : "processing"}; ${intra === 0 ? "no member state among the sources" : `${intra} member-state rows excluded`}; EU 2023 criticality study, dated ${EU_STUDY_YEAR})`, EU_SHARES, choice),
    partner: part(topShare, `${top.label}'s ${pct(topShare)} of extra-EU sourcing`, EU_SHARES, choice),
  };
}

// ---------------------------------------------------------------------------------------------
// The row


function combine(r: Part, p: Part | null): { trade: TradeBasis; row: DimensionRow } {
  const datasets = [...new Set([r.dataset, ...(p && r.value > 0 ? [p.dataset] : [])])].join("; ");
  const used = r.value > 0 ? p : null;
  const choice = used ? worse(r.choice, used.choice) : r.choice;
  const value = used ? r.value * used.value : 0;
  return {
    trade: { nir: r.value, topShare: used ? used.value : 0 },
    row: {
      input: "t_c",
      value,
      how: used ? `${r.how} × ${used.how}` : `${r.how}; t_c = 0`,
      dataset: datasets,
      // the year of the part farther from the year asked (the one the year rule names); "how" gives both
      year: choice.year,
      yearRule: relationText(choice),
      fallback: r.fallback || (used?.fallback ?? false),
    },
  };
}

/** t_c for a stage, importer and year, or a row saying what is missing (the other inputs still show). */
export function tradeRow(stage: Stage, who: Importer, year: number, table: ProductionTable): { trade: TradeBasis; row: DimensionRow } {
  let rel: PartResult;
  let partner: PartResult | null = null;
  if (who.code === "USA" && stage !== "magnets") {
    rel = usNir(stage, year);
    partner = usPartner(stage, year);
  } else if (who.union) {
    const eu = euSourcing(stage, who, year);
    rel = eu ? eu.reliance : reliance(stage, who, year, table);
    partner = eu ? eu.partner : null;
  } else if (who.code === "CHN" && stage === "mining") {
    rel = reliance("midstream", who, year, table);
    if (typeof rel !== "string") rel = { ...rel, how: `${rel.how.replace(/ at this stage/g, " at the midstream stage")}; Myanmar's mine output reaches China as mixed carbonate (HS 2846.90), which USGS estimates from China's import data` };
  } else {
    rel = reliance(stage, who, year, table);
    if (who.code === "USA") partner = usPartner(stage, year);
    if (who.code === "JPN" && stage !== "magnets") partner = japanPartner(year);
  }
  if (typeof rel === "string") return { trade: { nir: NaN, topShare: NaN }, row: gapRow("t_c", rel) };
  if (rel.value === 0) return combine(rel, null);
  const p = partner ?? worldMarketPartner(stage, who, year);
  if (typeof p === "string") return { trade: { nir: NaN, topShare: NaN }, row: gapRow("t_c", p) };
  return combine(rel, p);
}
