/**
 * How templates use the compound vulnerability model (DESIGN.md 1.1, model version 2): the spilled
 * CHOKEPOINT.VULN.DIMENSIONS table of each country and stage, and formulas that pick one input out
 * of it by label, so every score on a summary sheet traces back to a row saying how it was computed,
 * from which dataset and year, and how that year relates to the year asked.
 */
import { text, type Placed, type SheetBuilder } from "./kit";
import { DEFAULT_PARAMETERS, MODEL_VERSION } from "../src/core/vulnerability/cvi";
import { DIMENSIONS_HEADER, LEVERS, SENSITIVITY_HEADER } from "../src/model/report";
import { HISTORY_HEADER } from "../src/model/history";
import { INPUTS } from "../src/model/types";
import type { Stage } from "./types";

export { SENSITIVITY_HEADER };

/** Inputs of the model, in the order DIMENSIONS lists them, with the label in its first column. */
export const MODEL_INPUTS = {
  g: "g",
  p: "p",
  p_c: "p_c",
  f: "f",
  t_c: "t_c",
  k_c: "k_c",
} as const;
export type ModelInput = keyof typeof MODEL_INPUTS;

/** Shape of the DIMENSIONS spill: a header row and one row per input; label, value, how, dataset, year, year rule. */
export const DIMENSIONS_SHAPE = { rows: 1 + INPUTS.length, columns: DIMENSIONS_HEADER.length };
const VALUE_COLUMN = DIMENSIONS_HEADER.indexOf("value") + 1; // 1-based, inside the spill
const YEAR_COLUMN = DIMENSIONS_HEADER.indexOf("year") + 1;
const RULE_COLUMN = DIMENSIONS_HEADER.indexOf("year rule") + 1;

/** Columns of the HISTORY spill, 0-based, by header. */
export const HISTORY_COLUMNS = Object.fromEntries(HISTORY_HEADER.map((h, i) => [String(h), i])) as Record<string, number>;
export const HISTORY_WIDTH = HISTORY_HEADER.length;

/** Model parameters' defaults (DESIGN.md 1.1): firm mitigation m and geographic weight w_g. */
export const MODEL_DEFAULTS = { m: DEFAULT_PARAMETERS.m, wg: DEFAULT_PARAMETERS.wg };
export { MODEL_VERSION };

export const STAGE_TITLE: Record<Stage, string> = { mining: "Mining", midstream: "Midstream", magnets: "Magnets" };

export interface DimensionsDetail {
  placed: Placed;
  /** A formula expression (no "=") giving one input's value from the spill. */
  input(name: ModelInput): string;
  /** A formula expression giving the year that input comes from, marked where it is not the year asked ("2021 ↑" later, "2023 ↓" earlier). */
  inputYear(name: ModelInput): string;
}

/**
 * The argument list of a VULN function after stage and country: year, mining source, version, as
 * given (names or literals), trailing blanks dropped. `source` only applies at the mining stage.
 */
export function modelArgs(stage: Stage, year: string | null, source: string | null): string[] {
  const src = stage === "mining" && source ? text(source) : null;
  return src ? [year ?? "", src] : year ? [year] : [];
}

/** Places "COUNTRY · stage" and the DIMENSIONS spill under it. `year` is a name or literal, or null for the latest; `source` a mining dataset id or null. */
export function dimensionsDetail(s: SheetBuilder, id: string, stage: Stage, country: string, year: string | null, column = 0, source: string | null = null): DimensionsDetail {
  const heading = s.values(`${id}-heading`, [[`${country} · ${STAGE_TITLE[stage]}`]], { column });
  s.style({ range: heading.cell(0, 0), bold: true });
  const args = [text(stage), text(country), ...modelArgs(stage, year, source)].join(",");
  const placed = s.spill(id, `=CHOKEPOINT.VULN.DIMENSIONS(${args})`, DIMENSIONS_SHAPE.rows, DIMENSIONS_SHAPE.columns, { column });
  const labels = placed.column(0);
  const pick = (col: number, name: ModelInput) => `INDEX(${placed.column(col - 1)},MATCH(${text(MODEL_INPUTS[name])},${labels},0))`;
  // where DIMENSIONS itself fails (no data for that year), pass its error and message on unchanged
  const anchor = placed.cell(0, 0);
  return {
    placed,
    input: (name) => `IF(ISERROR(${anchor}),${anchor},${pick(VALUE_COLUMN, name)})`,
    inputYear: (name) => {
      const rule = pick(RULE_COLUMN, name);
      // "n/a" where the input is missing (its value cell says why); "—" where no year applies (g outside mining)
      const year = pick(YEAR_COLUMN, name);
      return `IF(ISERROR(${anchor}),"n/a",IF(ISERROR(${pick(VALUE_COLUMN, name)}),"n/a",IF(${year}="","—",${year}&IF(LEFT(${rule},5)="later"," ↑",IF(LEFT(${rule},7)="earlier"," ↓","")))))`;
    },
  };
}

/** CHOKEPOINT.VULN.CVI over six input expressions and the parameter names. */
export function cviFormula(i: Record<ModelInput, string>, m: string, wg: string): string {
  return `=CHOKEPOINT.VULN.CVI(${i.g},${i.p_c},${i.p},${i.f},${i.t_c},${i.k_c},${m},${wg})`;
}

/** Shape of the CHOKEPOINT.VULN.SENSITIVITY spill: a header row and one row per lever; lever, new CVI, change. */
export const SENSITIVITY_SHAPE = { rows: 1 + LEVERS.length, columns: SENSITIVITY_HEADER.length };
/** The levers SENSITIVITY ranks, as its first column names them. */
export const SENSITIVITY_LEVERS: readonly string[] = LEVERS;
