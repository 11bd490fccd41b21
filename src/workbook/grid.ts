/**
 * Excel's grid in the headless engine, and messages for the errors the engine makes itself.
 *
 * The engine runs on Excel's grid (1,048,576 rows by 16,384 columns), so whole-column references such
 * as A1:A1048576 work as in Excel. A formula text is checked before it is evaluated: a cell range
 * too large for the engine to hold (it materialises every cell of an explicit range, about 200 bytes
 * each) is refused with a #VALUE! that says so, instead of exhausting memory, and a cell beyond the
 * grid is named in the #NAME? it causes. Errors the engine produces without a message (#DIV/0! from
 * =1/0, #NAME? from an unknown reference) get one that says what happened.
 */
import { columnIndex, columnLetter } from "./a1";

export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;
/** Cells one explicit range may span in the headless engine: two whole columns (or 128 whole rows). */
export const MAX_RANGE_CELLS = 2 * EXCEL_ROWS;

/** 1048576 → "1,048,576" (without toLocaleString, whose locale data costs milliseconds to load). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

const LAST_CELL = `${columnLetter(EXCEL_COLUMNS - 1)}${EXCEL_ROWS}`;
const GRID = `Excel's grid (columns A to ${columnLetter(EXCEL_COLUMNS - 1)}, rows 1 to ${thousands(EXCEL_ROWS)})`;

/** A cell reference in a formula, outside string literals and sheet names: column letters and row. */
interface CellToken {
  text: string;
  column: number;
  row: number;
}

// A quoted sheet name, a string literal, or a cell reference (optionally a range A1:B2) not glued to
// a name (CHOKEPOINT.HHI, LOG10, _xldudf_…): the letters and digits must stand alone.
const TOKENS = /('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(?<![A-Za-z0-9_.$])\$?([A-Za-z]{1,4})\$?(\d{1,8})(?:\s*:\s*\$?([A-Za-z]{1,4})\$?(\d{1,8}))?(?![A-Za-z0-9_.(])/g;

function cell(letters: string, digits: string): CellToken {
  return { text: `${letters.toUpperCase()}${Number(digits)}`, column: columnIndex(letters), row: Number(digits) - 1 };
}

const outside = (c: CellToken) => c.column >= EXCEL_COLUMNS || c.row >= EXCEL_ROWS || c.row < 0;

/** The cells and ranges a formula refers to by A1 address. */
function references(formula: string): Array<{ start: CellToken; end: CellToken | null }> {
  const found: Array<{ start: CellToken; end: CellToken | null }> = [];
  for (const m of formula.matchAll(TOKENS)) {
    if (m[1] !== undefined || m[2] !== undefined) continue;
    found.push({ start: cell(m[3], m[4]), end: m[5] !== undefined ? cell(m[5], m[6]) : null });
  }
  return found;
}

/**
 * Why the engine should not evaluate this formula, or null: a range with more cells than it can
 * hold. (References beyond the grid are left to the engine, which answers #NAME?, as Excel does.)
 */
export function oversizedRange(formula: string): string | null {
  for (const { start, end } of references(formula)) {
    if (!end || outside(start) || outside(end)) continue;
    const cells = (Math.abs(end.row - start.row) + 1) * (Math.abs(end.column - start.column) + 1);
    if (cells > MAX_RANGE_CELLS) {
      return (
        `the range ${start.text}:${end.text} has ${thousands(cells)} cells; the headless engine takes ranges of up to ` +
        `${thousands(MAX_RANGE_CELLS)} cells (two whole columns): give the cells that hold the data`
      );
    }
  }
  return null;
}

/** What an error the engine made without a message means, for the formula that produced it. */
export function engineErrorMessage(error: string, formula = ""): string {
  switch (error) {
    case "#NAME?": {
      const beyond = references(formula)
        .flatMap((r) => (r.end ? [r.start, r.end] : [r.start]))
        .find(outside);
      if (beyond) return `${beyond.text} is outside ${GRID}; the last cell is ${LAST_CELL}`;
      return "the formula uses a name or reference the engine does not know; check its spelling";
    }
    case "#DIV/0!":
      return "the formula divides by zero (or by an empty cell)";
    case "#NUM!":
      return "a number in the formula is out of range for the calculation";
    case "#REF!":
      return "the formula refers to a cell or sheet that does not exist";
    case "#VALUE!":
      return "a value in the formula has the wrong type for the calculation (text where a number is needed, say)";
    case "#N/A":
      return "a value the formula needs is not available";
    case "#SPILL!":
      return "the result cannot spill: the cells it would cover are not empty";
    case "#CYCLE!":
      return "the formula refers to its own result (a circular reference)";
    default:
      return `the engine could not evaluate the formula (${error})`;
  }
}
