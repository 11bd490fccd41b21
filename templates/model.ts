/**
 * How templates use the compound vulnerability model (DESIGN.md 1.1, model version 2): the spilled
 * CHOKEPOINT.VULN.DIMENSIONS table of each country and stage, and formulas that pick one input out
 * of it by label, so every score on a summary sheet traces back to a row saying how it was computed,
 * from which dataset and year, and how that year relates to the year asked.
 */
import { COLOURS, text, type Placed, type SheetBuilder } from "./kit";
import { DEFAULT_PARAMETERS, MODEL_VERSION } from "../src/core/vulnerability/cvi";
import { DIMENSIONS_HEADER, LEVERS, SENSITIVITY_HEADER } from "../src/model/report";
import { HISTORY_HEADER } from "../src/model/history";
import { INPUTS } from "../src/model/types";
import type { Stage } from "./types";
import type { PlanValue } from "../src/workbook/plan";

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
  /** The spill (in the workings columns). */
  placed: Placed;
  /** Its printed copy. */
  printed: Placed;
  /** A formula expression (no "=") giving one input's value from the spill. */
  input(name: ModelInput): string;
  /** A formula expression showing one input: its value, or "n/a" where the data lacks it (the detail row says why). */
  shown(name: ModelInput): string;
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

/** Where a DIMENSIONS table goes: the printed copy from `column`, `span` columns wide, and the spill itself in `workings` (beyond the printed page). */
export interface DetailPlace {
  column: number;
  span: number;
  workings: number;
}

/** Headers of the printed copy of a DIMENSIONS table: the long "how computed" last, with the dataset. */
export const DETAIL_HEADER = ["input", "value", "year", "year rule", "how computed (dataset)"];

/**
 * Places "COUNTRY · stage", the DIMENSIONS spill in the workings columns and, on the printed page,
 * a copy that reads well: input, value, year, year rule, then how it was computed and from which
 * dataset, wrapped across the rest of the page's width. `year` is a name or literal, or null for
 * the latest; `source` a mining dataset id or null.
 */
export function dimensionsDetail(s: SheetBuilder, id: string, stage: Stage, country: string, year: string | null, at: DetailPlace, source: string | null = null): DimensionsDetail {
  const heading = s.values(`${id}-heading`, [[`${country} · ${STAGE_TITLE[stage]}`]], { column: at.column });
  s.style({ range: heading.cell(0, 0), bold: true });
  const args = [text(stage), text(country), ...modelArgs(stage, year, source)].join(",");
  const placed = s.spill(id, `=CHOKEPOINT.VULN.DIMENSIONS(${args})`, DIMENSIONS_SHAPE.rows, DIMENSIONS_SHAPE.columns, { column: at.workings, keepCursor: true });
  s.format(placed.column(VALUE_COLUMN - 1, 1), "0.000");
  const col = (h: string) => DIMENSIONS_HEADER.indexOf(h);
  // a copy shows the cell, blank where the spill is blank, and n/a where the value is missing
  const copy = (r: number, c: number) => `=IF(ISNA(${placed.cell(r, c)}),"n/a",IF(${placed.cell(r, c)}="","",${placed.cell(r, c)}))`;
  const tail = Array<PlanValue>(Math.max(0, at.span - DETAIL_HEADER.length)).fill(null);
  const printed = s.formulas(
    `${id}-printed`,
    [
      [...DETAIL_HEADER, ...tail],
      ...INPUTS.map((_, i) => {
        const [how, dataset] = [placed.cell(1 + i, col("how computed")), placed.cell(1 + i, col("dataset"))];
        return [
          copy(1 + i, col("input")),
          copy(1 + i, col("value")),
          copy(1 + i, col("year")),
          copy(1 + i, col("year rule")),
          `=IF(ISNA(${how}),"",${how})&IF(${dataset}="",""," (dataset "&${dataset}&")")`,
          ...tail,
        ];
      }),
    ],
    { column: at.column, header: true },
  );
  s.format(printed.column(1, 1), "0.000");
  s.style({ range: printed.column(1, 1), horizontalAlignment: "center" });
  s.style({ range: printed.column(2, 1), horizontalAlignment: "center" });
  for (let r = 0; r <= INPUTS.length; r++) s.merge(printed.area(r, DETAIL_HEADER.length - 1, r, at.span - 1));
  const labels = placed.column(0);
  const pick = (c: number, name: ModelInput) => `INDEX(${placed.column(c - 1)},MATCH(${text(MODEL_INPUTS[name])},${labels},0))`;
  // where DIMENSIONS itself fails (no data for that year), pass its error and message on unchanged;
  // a missing input stored as text in a file (src/workbook/xlsx/cells.ts) is #N/A again
  const anchor = placed.cell(0, 0);
  return {
    placed,
    printed,
    input: (name) => `IF(ISERROR(${anchor}),${anchor},IF(ISTEXT(${pick(VALUE_COLUMN, name)}),NA(),${pick(VALUE_COLUMN, name)}))`,
    shown: (name) => `IF(ISERROR(${anchor}),"n/a",IF(ISNUMBER(${pick(VALUE_COLUMN, name)}),${pick(VALUE_COLUMN, name)},"n/a"))`,
    inputYear: (name) => {
      const rule = pick(RULE_COLUMN, name);
      // "n/a" where the input is missing (its value cell says why); "—" where no year applies (g outside mining)
      const y = pick(YEAR_COLUMN, name);
      return `IF(ISERROR(${anchor}),"n/a",IF(NOT(ISNUMBER(${pick(VALUE_COLUMN, name)})),"n/a",IF(${y}="","—",${y}&IF(LEFT(${rule},5)="later"," ↑",IF(LEFT(${rule},7)="earlier"," ↓","")))))`;
    },
  };
}

/** A heading over the workings columns, where the DIMENSIONS spills sit beside the printed page. */
export function workingsHeading(s: SheetBuilder, column: number, row: number): void {
  const head = s.values("workings-heading", [["Workings (not printed): the CHOKEPOINT.VULN.DIMENSIONS tables the printed detail copies"]], { column, row, keepCursor: true });
  s.style({ range: head.cell(0, 0), bold: true, fontColor: COLOURS.title });
}

/** CHOKEPOINT.VULN.CVI over six input expressions and the parameter names. */
export function cviFormula(i: Record<ModelInput, string>, m: string, wg: string): string {
  return `=CHOKEPOINT.VULN.CVI(${i.g},${i.p_c},${i.p},${i.f},${i.t_c},${i.k_c},${m},${wg})`;
}

/** Shape of the CHOKEPOINT.VULN.SENSITIVITY spill: a header row and one row per lever; lever, new CVI, change. */
export const SENSITIVITY_SHAPE = { rows: 1 + LEVERS.length, columns: SENSITIVITY_HEADER.length };
/** The levers SENSITIVITY ranks, as its first column names them. */
export const SENSITIVITY_LEVERS: readonly string[] = LEVERS;
