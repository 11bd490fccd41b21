/**
 * The six model inputs of a stage and country for a year, with provenance: model version 2 (the
 * year rule, one source per series, any country or the EU, China's own imports), or version 1 as
 * published. Every function that reads the model inputs goes through stageBasis.
 */
import { invalid, missing, type ChokepointError } from "../errors";
import { MODEL_VERSION, MODEL_VERSIONS, type CviInputs, type ModelVersion } from "../core/vulnerability/cvi";
import { importerOf } from "./importer";
import { firmRow, gapRow, geographyRow, productionRows, technologyRow } from "./inputs";
import { latestYear, parseMiningSource, productionTable } from "./production";
import { tradeRow } from "./trade";
import type { DimensionRow, InputName, Stage, StageBasis } from "./types";
import { stageBasisV1 } from "./v1";

export interface BasisOptions {
  /** The year asked; null: the latest year of the stage's production data (version 1: each input's latest). */
  year?: number | null;
  /** Mine-production dataset for the mining inputs (version 2); null: BGS. */
  source?: string | null;
  /** Model version; null: the current one. */
  version?: number | null;
}

/** The model version for a version argument (blank: the current one). */
export function parseVersion(v: number | null | undefined): ModelVersion {
  if (v === null || v === undefined) return MODEL_VERSION;
  const found = MODEL_VERSIONS.find((x) => x === v);
  if (found === undefined) throw invalid(`version ${v} is not a model version; use ${MODEL_VERSIONS.join(" or ")} (blank: ${MODEL_VERSION}, the current one)`);
  return found;
}

const CACHE = new Map<string, StageBasis>();

function basisV2(stage: Stage, countryText: string, yearAsked: number | null, sourceText: string | null): StageBasis {
  const who = importerOf(countryText);
  const source = parseMiningSource(sourceText);
  const year = yearAsked ?? latestYear(stage, source);
  const table = productionTable(stage, year, source);
  const geo = geographyRow(stage, who, year);
  const tech = technologyRow(stage, who, year);
  let rows: DimensionRow[];
  let trade = { nir: NaN, topShare: NaN };
  if (typeof table === "string") {
    rows = [geo.row, gapRow("p", table), gapRow("p_c", table), gapRow("f", `no production table to bound the firm share: ${table}`), gapRow("t_c", `no production table: ${table}`), tech.row];
  } else {
    const t = tradeRow(stage, who, year, table);
    trade = t.trade;
    rows = [geo.row, ...productionRows(table, who), firmRow(stage, year, table), t.row, tech.row];
  }
  return {
    stage,
    country: who.code,
    countryName: who.name,
    version: 2,
    year,
    source: stage === "mining" ? source : null,
    production: typeof table === "string" ? [] : table.members,
    reserves: geo.reserves,
    trade,
    patents: tech.patents,
    rows,
    isOwn: who.isOwn,
  };
}

/** The six inputs for a stage and country, with provenance (cached: the reference data never changes at run time). */
export function stageBasis(stage: Stage, countryText: string, options: BasisOptions = {}): StageBasis {
  const year = options.year ?? null;
  if (year !== null && !Number.isInteger(year)) throw invalid(`year must be a whole number; got ${year}`);
  const version = parseVersion(options.version);
  const source = options.source ?? null;
  if (version === 1 && source !== null && source.trim() !== "") throw invalid(`model version 1 reads mine production from USGS MCS only; leave source blank or use version 2`);
  const key = `${version}|${stage}|${countryText.trim().toLowerCase()}|${year}|${source ?? ""}`;
  const hit = CACHE.get(key);
  if (hit) return hit;
  const basis = version === 1 ? stageBasisV1(stage, countryText, year) : basisV2(stage, countryText, year, source);
  CACHE.set(key, basis);
  return basis;
}

/** The #N/A of an input the reference data cannot give, naming it and saying why. */
export function gapError(row: DimensionRow): ChokepointError {
  return missing(`${row.input}: ${row.how}`);
}

/** The CVI inputs; #N/A naming the input when the reference data cannot give one. */
export function inputsOf(basis: StageBasis): CviInputs {
  const gap = basis.rows.find((r) => r.value === null);
  if (gap) throw gapError(gap);
  const v = (name: InputName) => basis.rows.find((r) => r.input === name)!.value as number;
  return { g: v("g"), pExternal: v("p_c"), pGlobal: v("p"), f: v("f"), t: v("t_c"), k: v("k_c") };
}
