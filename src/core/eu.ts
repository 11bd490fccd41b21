/**
 * The European Commission's criticality method (2017 methodology, used for the 2017, 2020 and
 * 2023 lists of critical raw materials):
 *   HHI_WGI,t = Σ_c S_c² · WGI_c · t_c        (S as fractions, WGI rescaled 0–10, 10 worst)
 *   SR = [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR
 *   critical when SR ≥ 1 and EI ≥ 2.8
 *   WGI rescaling: 2 · (2.5 − mean of the six WGI estimates)
 */
import { cellCount, cellsOf, describeValue, quantitiesWithGaps } from "./coerce";
import { invalid, missing } from "../errors";

/** How the shares of a supply mix were read. */
export type ShareUnit = "fractions" | "percentages";

/**
 * A supply mix with every share at most 1 is in fractions; with any share above 1, in percentages.
 * The total may exceed 1 (or 100) by the rounding of printed shares, up to 5%; more is an error,
 * because the unit cannot then be told and guessing would be off by a factor of 10,000.
 */
export function detectShareUnit(shares: readonly number[]): ShareUnit {
  const total = shares.reduce((a, v) => a + v, 0);
  const unit: ShareUnit = shares.every((v) => v <= 1) ? "fractions" : "percentages";
  const full = unit === "fractions" ? 1 : 100;
  if (total > full * (1 + ROUNDING_TOLERANCE)) {
    throw invalid(
      unit === "fractions"
        ? `shares are fractions (none above 1) but add up to ${sumText(total)}; a supply mix adds up to at most 1`
        : `shares are percentages (one is above 1) but add up to ${sumText(total)}; a supply mix adds up to at most 100`,
    );
  }
  return unit;
}

/** A sum for a message: shares near 1e308 add up to more than a double holds. */
function sumText(total: number): string {
  return Number.isFinite(total) ? String(total) : "more than 1.8E+308";
}

/** How far printed, rounded shares may add up beyond the whole. */
const ROUNDING_TOLERANCE = 0.05;

export interface HhiWgiResult {
  value: number;
  unit: ShareUnit;
}

/**
 * Σ S² · WGI · t over the countries of a supply mix. `t` is omitted (1.0 for all), a single
 * number, or a range aligned with the shares. Blank shares are skipped; a share without its WGI is
 * an error, because leaving it out would understate the risk.
 */
export function hhiWgi(shares: unknown, wgi: unknown, t?: unknown): HhiWgiResult {
  const s = quantitiesWithGaps(shares, "shares");
  const w = quantitiesWithGaps(wgi, "wgi");
  if (w.length !== s.length) throw invalid(`wgi has ${cellCount(w.length)} but shares has ${cellCount(s.length)}; give one WGI per country`);
  const tCells = t === null || t === undefined ? null : quantitiesWithGaps(t, "t");
  if (tCells !== null && tCells.length !== 1 && tCells.length !== s.length) {
    throw invalid(`t has ${tCells.length} cells; give one number for all countries or one per country (${s.length})`);
  }
  const total = s.reduce<number>((a, v) => a + (v ?? 0), 0);
  if (!(total > 0)) throw invalid("shares: no positive share in the range");
  const unit = detectShareUnit(s.filter((v): v is number => v !== null));
  const divisor = unit === "percentages" ? 100 : 1;
  let value = 0;
  s.forEach((share, i) => {
    if (share === null || share === 0) return;
    const wi = w[i];
    if (wi === null) throw invalid(`wgi: item ${i + 1} is blank but its share is ${share}; give the country's scaled WGI (0–10)`);
    if (wi > 10) throw invalid(`wgi: item ${i + 1} is ${wi}; the scaled WGI runs from 0 to 10 (use CHOKEPOINT.EU.WGISCALE)`);
    const ti = tCells === null ? 1 : tCells.length === 1 ? tCells[0] : tCells[i];
    if (ti === null) throw invalid(`t: item ${i + 1} is blank; give the trade variable (1 when there is no trade measure)`);
    const frac = share / divisor;
    value += frac * frac * wi * ti;
  });
  return { value, unit };
}

/** WGI rescaled to 0–10 (10 worst): 2 · (2.5 − x), x the mean of the six WGI estimates (−2.5 to 2.5). */
export function wgiScale(meanEstimate: unknown): number {
  const values = cellsOf(meanEstimate).length === 1 ? [scalarNumber(meanEstimate)] : quantitiesSigned(meanEstimate);
  if (values.length === 0) throw invalid("meanEstimate is blank; give the mean of the six WGI estimates (or the six estimates)");
  // Estimates near ±1.8e308 (typed by mistake) overflow a plain sum: average in parts then.
  const sum = values.reduce((a, v) => a + v, 0);
  const x = Number.isFinite(sum) ? sum / values.length : values.reduce((a, v) => a + v / values.length, 0);
  if (x < -2.5 || x > 2.5) throw invalid(`meanEstimate must be between -2.5 and 2.5 (the WGI estimate scale); got ${x}`);
  return 2 * (2.5 - x);
}

function scalarNumber(arg: unknown): number {
  const [cell] = cellsOf(arg);
  const v = cell.value;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw invalid(`meanEstimate must be a number between -2.5 and 2.5; got ${v === null || v === undefined || v === "" ? "a blank" : describeValue(v)}`);
  }
  return v;
}

/** WGI estimates can be negative, so quantities() does not fit: numbers, blanks skipped, else an error. */
function quantitiesSigned(arg: unknown): number[] {
  const out: number[] = [];
  for (const cell of cellsOf(arg)) {
    const v = cell.value;
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(`meanEstimate: item ${cell.item} is ${describeValue(v)}; expected a number`);
    out.push(v);
  }
  return out;
}

export interface SupplyRiskInputs {
  /** HHI_WGI,t of global supply (0–10); null = not given. */
  hhiGlobal: number | null;
  /** HHI_WGI,t of EU sourcing (0–10); null = not given. */
  hhiEU: number | null;
  importReliance: number;
  eolRir: number;
  substitutionIndex: number;
}

/**
 * Supply risk. With only one of the two HHIs given, that HHI stands for both (a blank HHI_EU
 * means the assessment uses global supply only, and the reverse), so SR = HHI · (1 − EOL_RIR) · SI.
 */
export function supplyRisk(x: SupplyRiskInputs): number {
  const unit = (v: number, name: string) => {
    if (v < 0 || v > 1) throw invalid(`${name} must be between 0 and 1 (a fraction); got ${v}`);
  };
  unit(x.importReliance, "importReliance");
  unit(x.eolRir, "eolRir");
  unit(x.substitutionIndex, "substitutionIndex");
  for (const [name, v] of [["hhiGlobal", x.hhiGlobal], ["hhiEU", x.hhiEU]] as const) {
    if (v !== null && (v < 0 || v > 10)) throw invalid(`${name} must be between 0 and 10 (an HHI weighted by the 0–10 WGI); got ${v}`);
  }
  if (x.hhiGlobal === null && x.hhiEU === null) throw invalid("hhiGlobal and hhiEU are both blank; give at least one");
  const global = x.hhiGlobal ?? (x.hhiEU as number);
  const eu = x.hhiEU ?? global;
  const ir = x.importReliance;
  return (global * (ir / 2) + eu * (1 - ir / 2)) * (1 - x.eolRir) * x.substitutionIndex;
}

/** Critical under the EU method: SR at or above its threshold and EI at or above its threshold. */
export function isCritical(sr: number, ei: number, srThreshold = 1, eiThreshold = 2.8): boolean {
  for (const [name, v] of [["sr", sr], ["ei", ei], ["srThreshold", srThreshold], ["eiThreshold", eiThreshold]] as const) {
    if (v < 0) throw invalid(`${name} must not be negative; got ${v}`);
  }
  return sr >= srThreshold && ei >= eiThreshold;
}

/** The six Worldwide Governance Indicators, in the World Bank's order: short code and name. */
export const WGI_INDICATORS: ReadonlyArray<readonly [code: string, name: string]> = [
  ["va", "Voice and Accountability"],
  ["pv", "Political Stability and Absence of Violence/Terrorism"],
  ["ge", "Government Effectiveness"],
  ["rq", "Regulatory Quality"],
  ["rl", "Rule of Law"],
  ["cc", "Control of Corruption"],
];

/** One WGI estimate of a country and year, as the World Bank prints it (null where it prints none). */
export interface WgiEstimate {
  /** Short code, e.g. "pv". */
  code: string;
  /** Indicator name, e.g. "Political Stability and Absence of Violence/Terrorism". */
  name: string;
  value: number | null;
}

/**
 * The EU method's governance score on its 0–10 scale (10 worst): 2 · (2.5 − mean of the six WGI
 * estimates). All six are required: a mean of fewer would change what the score measures, so a
 * missing one is #N/A naming it (`who` says whose estimates they are, e.g. "China 2023").
 */
export function euWgiScore(estimates: readonly WgiEstimate[], who: string): number {
  if (estimates.length !== 6) throw invalid(`the EU WGI score needs the six WGI estimates; got ${estimates.length}`);
  const gaps = estimates.filter((e) => e.value === null);
  if (gaps.length > 0) {
    const list = gaps.map((e) => `${e.name} (${e.code})`).join(", ");
    throw missing(`the World Bank prints no ${list} estimate for ${who}; the EU score averages all six WGI estimates, so it is not computed from fewer`);
  }
  return wgiScale(estimates.map((e) => e.value as number));
}
