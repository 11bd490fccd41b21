/**
 * Input coercion shared by every function: turns Excel-shaped arguments (scalars, 2-D arrays with
 * blanks, text, booleans and error values) into plain numbers and strings, or a precise error.
 * Knows nothing of Office: an Excel error value is recognised by shape (an object with a `code`
 * such as "#DIV/0!", or an Error instance).
 */
import { invalid, missing } from "../errors";
import { quote } from "../quote";


/** Markers that statistical tables print for a missing value; skipped like blank cells. */
export const MISSING_MARKERS: readonly string[] = ["NA", "N/A", "N.A.", "—", "–", "-", "W", "XX"];
const MISSING_SET = new Set(MISSING_MARKERS);

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export function isMissingMarker(v: unknown): boolean {
  return typeof v === "string" && MISSING_SET.has(v.trim().toUpperCase());
}

/** True for an Excel error value as the runtimes deliver it (CustomFunctions.Error or similar). */
export function isErrorValue(v: unknown): boolean {
  if (v instanceof Error) return true;
  return typeof v === "object" && v !== null && !Array.isArray(v) && "code" in v;
}

function errorCodeOf(v: unknown): string {
  const code = (v as { code?: unknown }).code;
  return typeof code === "string" ? code : "an error value";
}

/** A cell with its 1-based position, for messages. */
export interface Cell {
  value: unknown;
  /** 1-based position in row-major order. */
  item: number;
  row: number;
  column: number;
}

/** Flattens a scalar or a 2-D (or 1-D) array into cells in row-major order. */
export function cellsOf(arg: unknown): Cell[] {
  if (!Array.isArray(arg)) return [{ value: arg, item: 1, row: 1, column: 1 }];
  const out: Cell[] = [];
  let item = 0;
  arg.forEach((row, r) => {
    if (Array.isArray(row)) {
      row.forEach((value, c) => out.push({ value, item: ++item, row: r + 1, column: c + 1 }));
    } else {
      out.push({ value: row, item: ++item, row: 1, column: r + 1 });
    }
  });
  return out;
}

/** Rows × columns of an Excel-shaped argument (a scalar is 1×1). */
export function shapeOf(arg: unknown): [number, number] {
  if (!Array.isArray(arg)) return [1, 1];
  if (arg.length === 0) return [0, 0];
  return Array.isArray(arg[0]) ? [arg.length, (arg[0] as unknown[]).length] : [1, arg.length];
}

function where(cell: Pick<Cell, "item" | "row" | "column">, multiRow: boolean): string {
  return multiRow ? `item ${cell.item} (row ${cell.row}, column ${cell.column})` : `item ${cell.item}`;
}

/** The 1-based position of the cell at row-major `index`, found without listing the cells. */
function positionOf(arg: unknown, index: number): Pick<Cell, "item" | "row" | "column"> {
  if (!Array.isArray(arg)) return { item: 1, row: 1, column: 1 };
  let start = 0;
  for (let r = 0; r < arg.length; r++) {
    const row = arg[r];
    const width = Array.isArray(row) ? row.length : 1;
    if (index < start + width) return Array.isArray(row) ? { item: index + 1, row: r + 1, column: index - start + 1 } : { item: index + 1, row: 1, column: r + 1 };
    start += width;
  }
  return { item: index + 1, row: 1, column: index + 1 };
}

/** How many cells a scalar or range argument has (as cellsOf would list them), without listing them. */
export function countCells(arg: unknown): number {
  if (!Array.isArray(arg)) return 1;
  let n = 0;
  for (let r = 0; r < arg.length; r++) n += Array.isArray(arg[r]) ? (arg[r] as unknown[]).length : 1;
  return n;
}

/** The cell at row-major `index` (0-based), as cellsOf would list it. */
export function cellAt(arg: unknown, index: number): unknown {
  if (!Array.isArray(arg)) return index === 0 ? arg : undefined;
  let start = 0;
  for (let r = 0; r < arg.length; r++) {
    const row = arg[r];
    const width = Array.isArray(row) ? row.length : 1;
    if (index < start + width) return Array.isArray(row) ? row[index - start] : row;
    start += width;
  }
  return undefined;
}

/** "1 cell", "3 cells": counts in messages. */
export function cellCount(n: number): string {
  return `${n} ${n === 1 ? "cell" : "cells"}`;
}

// Pasted from PDFs and web tables: thousands separators, a Unicode minus or dash, a non-breaking space.
const THOUSANDS = /^\s*\d{1,3}([,\u00a0\u202f ]\d{3})+(\.\d+)?\s*$/;
const UNICODE_MINUS = /^\s*[\u2212\u2012\u2013\u2014]\s*\d/;

/** What a cell or argument is, in Excel's terms, for messages: text quoted, TRUE/FALSE, #N/A, "a range of 4 cells". */
export function describeValue(v: unknown): string {
  if (typeof v === "string") {
    // Only a short text can be a number in disguise; the tests below are linear, but need not run on 32,767 characters.
    const short = v.length <= 64;
    const numeric = short && v.trim() !== "" && Number.isFinite(Number(v));
    if (numeric) return `text ${quote(v)} (a number stored as text)`;
    if (short && THOUSANDS.test(v)) return `text ${quote(v)} (a number with thousands separators, stored as text: remove the separators)`;
    if (short && UNICODE_MINUS.test(v)) return `text ${quote(v)} (a negative number typed with a Unicode minus or dash; type it with the minus key)`;
    return `text ${quote(v)}`;
  }
  if (typeof v === "boolean") return `the logical value ${v ? "TRUE" : "FALSE"}`;
  if (isErrorValue(v)) return `the error ${errorCodeOf(v)}`;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return `a range of ${cellCount(countCells(v))}`;
  if (v === null || v === undefined) return "blank";
  return "a value Excel does not pass to functions";
}
const describe = describeValue;

function fail(arg: unknown, argName: string, index: number, v: unknown, negative: boolean): never {
  const cell = positionOf(arg, index);
  const [rows, columns] = shapeOf(arg);
  const multi = rows > 1 && columns > 1;
  const expected = negative ? "expected a non-negative number" : "expected a number";
  throw invalid(`${argName}: ${where(cell, multi)} is ${describe(v)}; ${expected}`);
}

/**
 * Visits one quantity per cell, in row-major order: a finite non-negative number, or null where
 * the cell is blank or a missing-value marker. Anything else is #VALUE! naming the argument, the
 * item and what it is. Allocation-free on the happy path, because ranges can hold a million cells.
 */
export function visitQuantities(arg: unknown, argName: string, visit: (v: number | null) => void): void {
  const rows: unknown[] = Array.isArray(arg) ? arg : [arg];
  let index = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const cols: unknown[] = Array.isArray(row) ? row : [row];
    for (let c = 0; c < cols.length; c++, index++) {
      const v = cols[c];
      if (typeof v === "number") {
        if (v >= 0 && v !== Infinity) visit(v);
        else fail(arg, argName, index, v, v < 0);
      } else if (isBlank(v) || isMissingMarker(v)) {
        visit(null);
      } else {
        fail(arg, argName, index, v, false);
      }
    }
  }
}

/** One quantity per cell (null for blanks and missing-value markers). */
export function quantitiesWithGaps(arg: unknown, argName = "values"): Array<number | null> {
  const out: Array<number | null> = [];
  visitQuantities(arg, argName, (v) => out.push(v));
  return out;
}

/**
 * Every cell of a range as a quantity in one typed array, NaN where the cell is blank or a
 * missing-value marker; anything else is #VALUE! as in visitQuantities. One tight pass: ranges can
 * hold a million cells, and the measures read the array several times.
 */
export function flatQuantities(arg: unknown, argName = "values"): Float64Array {
  const rows: unknown[] = Array.isArray(arg) ? arg : [arg];
  const out = new Float64Array(countCells(arg));
  let i = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) {
      out[i] = quantityOf(arg, argName, i, row);
      i++;
      continue;
    }
    for (let c = 0; c < row.length; c++, i++) {
      const v = row[c];
      out[i] = typeof v === "number" && v >= 0 && v !== Infinity ? v : quantityOf(arg, argName, i, v);
    }
  }
  return out;
}

/**
 * One cell as a quantity: the number itself, NaN for a blank or missing marker, else #VALUE!
 * naming the argument and the cell at row-major `index` of `arg`.
 */
export function quantityOf(arg: unknown, argName: string, index: number, v: unknown): number {
  if (typeof v === "number") {
    if (v >= 0 && v !== Infinity) return v;
    return fail(arg, argName, index, v, v < 0);
  }
  if (isBlank(v) || isMissingMarker(v)) return NaN;
  return fail(arg, argName, index, v, false);
}

/** The non-missing quantities of a range, in order. */
export function quantities(arg: unknown, argName = "values"): number[] {
  return quantitiesWithGaps(arg, argName).filter((v): v is number => v !== null);
}

/** `values` when at least one is positive, else #VALUE! saying so. */
export function requireSomePositive<T extends number | null>(values: T[], argName = "values"): T[] {
  if (!values.some((v) => v !== null && v > 0)) {
    throw invalid(`${argName}: no positive number in the range; enter quantities or shares greater than zero`);
  }
  return values;
}

/** Quantities with at least one positive value, else #VALUE! saying so. */
export function positiveQuantities(arg: unknown, argName = "values"): number[] {
  return requireSomePositive(quantities(arg, argName), argName);
}

/** Unwraps a 1×1 range to its single value; leaves anything else as it is. */
export function scalarOf(arg: unknown): unknown {
  let v = arg;
  while (Array.isArray(v) && v.length === 1) v = v[0];
  return v;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

function checkRule(n: number, name: string, rule: NumberRule): number {
  if (rule.integer && !Number.isInteger(n)) throw invalid(`${name} must be a whole number; got ${n}`);
  if (rule.min !== undefined && n < rule.min) throw invalid(`${name} must be at least ${rule.min}; got ${n}`);
  if (rule.max !== undefined && n > rule.max) throw invalid(`${name} must be at most ${rule.max}; got ${n}`);
  return n;
}

/** A required scalar number argument. */
export function requiredNumber(arg: unknown, name: string, rule: NumberRule = {}): number {
  const v = scalarOf(arg);
  if (Array.isArray(v)) throw invalid(`${name} must be a single number, not a range`);
  if (isBlank(v)) throw invalid(`${name} is blank; enter a number`);
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(`${name} is ${describe(v)}; expected a number`);
  return checkRule(v, name, rule);
}

/** An optional scalar number argument: blank/omitted gives the default. */
export function optionalNumber(arg: unknown, name: string, fallback: number, rule: NumberRule = {}): number {
  return isBlank(scalarOf(arg)) ? fallback : requiredNumber(arg, name, rule);
}

/** A number that must lie in [0, 1], as every model input does. */
export function fraction(arg: unknown, name: string): number {
  return requiredNumber(arg, name, { min: 0, max: 1 });
}

/**
 * The longest text argument accepted: 255 characters, the longest text Excel allows inside a
 * formula, and longer than any dataset id, key, label, field (with its edition) or country name
 * (a test checks the data against it). Longer text is refused before any lookup, so a 32,767-
 * character cell costs nothing and its message stays short.
 */
export const MAX_TEXT_ARGUMENT = 255;

/** A required text argument, trimmed. Numbers are accepted as their text (e.g. a year typed as 2023). */
export function requiredText(arg: unknown, name: string): string {
  const v = scalarOf(arg);
  if (Array.isArray(v)) throw invalid(`${name} must be a single value, not a range`);
  if (isBlank(v)) throw invalid(`${name} is blank; enter a value`);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") throw invalid(`${name} is ${describe(v)}; expected text`);
  if (v.length > MAX_TEXT_ARGUMENT && v.trim().length > MAX_TEXT_ARGUMENT) {
    throw invalid(`${name} is ${v.length.toLocaleString("en-US")} characters long (${quote(v, 24)}); no id, key or name is longer than ${MAX_TEXT_ARGUMENT}: check the cell it comes from`);
  }
  return v.trim();
}

export function optionalText(arg: unknown, name: string): string | null {
  return isBlank(scalarOf(arg)) ? null : requiredText(arg, name);
}

/** A text argument that must be one of `choices` (case-insensitive); returns the canonical choice. */
export function choice<T extends string>(arg: unknown, name: string, choices: readonly T[], fallback?: T): T {
  const text = fallback !== undefined ? optionalText(arg, name) : requiredText(arg, name);
  if (text === null) return fallback as T;
  const found = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  if (found === undefined) {
    throw invalid(`${name} ${quote(text)} is not recognised; use one of: ${choices.map((c) => `"${c}"`).join(", ")}`);
  }
  return found;
}

/** An optional TRUE/FALSE argument (1/0 accepted, as in Excel). */
export function optionalBoolean(arg: unknown, name: string, fallback: boolean): boolean {
  const v = scalarOf(arg);
  if (isBlank(v)) return fallback;
  if (Array.isArray(v)) throw invalid(`${name} must be a single TRUE or FALSE, not a range`);
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  throw invalid(`${name} is ${describe(v)}; expected TRUE or FALSE`);
}

/** One cell as a label: blank → "", anything else its text, trimmed. */
export function labelOf(v: unknown): string {
  if (typeof v === "string") return v.trim();
  return isBlank(v) ? "" : isErrorValue(v) ? errorCodeOf(v) : String(v).trim();
}

/** Flattened text labels (blank → ""), for ranges aligned with values; one pass, no per-cell objects. */
export function labelsOf(arg: unknown): string[] {
  const rows: unknown[] = Array.isArray(arg) ? arg : [arg];
  const out: string[] = new Array(countCells(arg));
  let i = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (Array.isArray(row)) for (let c = 0; c < row.length; c++) out[i++] = labelOf(row[c]);
    else out[i++] = labelOf(row);
  }
  return out;
}

const MARKER_MEANING: Record<string, string> = { W: "withheld to avoid disclosing company data", XX: "not applicable" };

/**
 * A required scalar number where a statistical table's missing-value marker means the figure does
 * not exist: the marker is #N/A (the data is missing), not #VALUE! (the argument is wrong).
 */
export function requiredFigure(arg: unknown, name: string, rule: NumberRule = {}): number {
  const v = scalarOf(arg);
  if (isMissingMarker(v)) {
    const marker = String(v).trim().toUpperCase();
    const meaning = MARKER_MEANING[marker] ?? "not available";
    throw missing(`${name} is ${quote(String(v).trim())} (${meaning}), so the result cannot be computed`);
  }
  return requiredNumber(arg, name, rule);
}

/** An optional figure: blank or omitted is `fallback`; a missing-value marker is #N/A as above. */
export function optionalFigure(arg: unknown, name: string, fallback: number, rule: NumberRule = {}): number {
  return isBlank(scalarOf(arg)) ? fallback : requiredFigure(arg, name, rule);
}
