/**
 * Lookups the established methods need, in the shapes their functions take: a country's six WGI
 * estimates for a year (EU.WGI, GEOPOLRISK.INSTABILITY, the country-name option of EU.HHIWGI and
 * GEOPOLRISK) and the net import reliance USGS prints (USGS.NIR): reference data turned into the
 * inputs of the core's method arithmetic, so it sits in the model layer. Pure; errors are the typed
 * errors: `invalid` (#VALUE!) for a wrong argument, `missing` (#N/A) for what the data lacks.
 */
import { invalid, missing } from "../errors";
import { quote } from "../quote";
import { WGI_INDICATORS, type WgiEstimate } from "../core/eu";
import { getDataset, resolveCountry, type DataRow } from "../data";
import { compactYears } from "../data/years";

const WGI = "wgi";

export interface WgiRecord {
  /** The project's country key (ISO 3166 alpha-3, or XKX for Kosovo). */
  key: string;
  /** The economy as the World Bank names it. */
  label: string;
  year: number;
  estimates: WgiEstimate[];
}

let byKey: Map<string, Map<number, DataRow>> | null = null;

function index(): Map<string, Map<number, DataRow>> {
  if (!byKey) {
    byKey = new Map();
    for (const r of getDataset(WGI).rows) {
      if (r.year === null) continue;
      if (!byKey.has(r.key)) byKey.set(r.key, new Map());
      byKey.get(r.key)!.set(r.year, r);
    }
  }
  return byKey;
}

/** The latest year of the WGI data (the default year of every WGI lookup). */
export function wgiLatestYear(): number {
  return getDataset(WGI).meta.coverage.lastYear as number;
}

/**
 * A country's WGI estimates for a year; `year` null = the latest WGI year, the same for every
 * country (a country without estimates that year is #N/A, never silently an earlier year).
 */
export function wgiRecord(country: string, year: number | null, argName = "country"): WgiRecord {
  const c = resolveCountry(country, argName);
  if (year !== null && !Number.isInteger(year)) throw invalid(`year must be a whole number; got ${year}`);
  const y = year ?? wgiLatestYear();
  const years = index().get(c.iso3);
  if (!years) throw missing(`wgi: the World Bank's governance indicators have no estimates for ${c.name}`);
  const row = years.get(y);
  if (!row) {
    const have = [...years.keys()].sort((a, b) => a - b);
    const biennial = y < 2002 && y % 2 === 1 ? " (the indicators are biennial before 2002)" : "";
    throw missing(`wgi: no ${y} estimates for ${c.name}${biennial}; years with estimates: ${compactYears(have)}`);
  }
  return {
    key: c.iso3,
    label: row.label,
    year: y,
    estimates: WGI_INDICATORS.map(([code, name]) => ({ code, name, value: row.values[code] ?? null })),
  };
}

/** "China 2023", for messages. */
export function wgiWho(record: WgiRecord): string {
  return `${record.label} ${record.year}`;
}

export interface PrintedNir {
  /** Net import reliance as a fraction; where USGS prints a bound (">95"), the bound. */
  value: number;
  /** As printed, e.g. "53" or ">95". */
  printed: string;
  edition: string;
  year: number;
  lowerBound: boolean;
}

const SALIENT = "us_salient";
const NIR_KEY = "net_import_reliance_compounds_and_metals";

/** "MCS 2025", "mcs2025", 2025 or "2025" → the edition as the dataset names it. */
function editionOf(edition: string | number): string {
  const order = getDataset(SALIENT).meta.variants!.order;
  const year = /(\d{4})/.exec(String(edition))?.[1];
  const found = year ? order.find((e) => e === `MCS ${year}`) : undefined;
  if (!found) throw invalid(`edition ${quote(String(edition))} is not an MCS edition in us_salient; use one of: ${order.map((e) => `"${e}"`).join(", ")}`);
  return found;
}

/**
 * The US net import reliance of rare-earth compounds and metals as USGS prints it: from the latest
 * MCS edition that prints that year, or from `edition`. ">95" (">90") is read as its bound, 0.95.
 */
export function printedNetImportReliance(year: number, edition: string | number | null): PrintedNir {
  if (!Number.isInteger(year)) throw invalid(`year must be a whole number; got ${year}`);
  const ds = getDataset(SALIENT);
  const order = ds.meta.variants!.order;
  const rows = ds.rows.filter((r) => r.key === NIR_KEY);
  const wanted = edition === null ? null : editionOf(edition);
  const ofYear = rows.filter((r) => r.year === year).sort((a, b) => order.indexOf(a.variant!) - order.indexOf(b.variant!));
  const row = wanted ? ofYear.find((r) => r.variant === wanted) : ofYear[0];
  if (!row) {
    const pool = wanted ? rows.filter((r) => r.variant === wanted) : rows;
    const years = compactYears([...new Set(pool.map((r) => r.year as number))].sort((a, b) => a - b));
    const who = wanted ? `${wanted} prints no` : "no MCS edition in the data prints a";
    throw missing(`us_salient: ${who} US net import reliance for ${year}; ${wanted ? `${wanted} prints` : "the editions print"} ${years}`);
  }
  const printed = row.text.printed ?? String(row.values.value);
  if (typeof row.values.value === "number") return { value: row.values.value / 100, printed, edition: row.variant!, year, lowerBound: false };
  if (typeof row.values.lower_bound === "number") return { value: row.values.lower_bound / 100, printed, edition: row.variant!, year, lowerBound: true };
  throw missing(`us_salient: ${row.variant} prints "${printed}" for the ${year} net import reliance (no number)`);
}
