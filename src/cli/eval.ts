/** `chokepoint eval "<formula>" [--json]`: evaluates a formula in the headless engine. */
import { evaluateFormula, EvalResult, FormulaSyntaxError } from "../workbook/engine";
import { quote } from "../quote";
import { EMPTY_FORMULA, explainParserMessage, isEmptyFormula, structuralProblem } from "./formula";
import { CliIO, UsageError } from "./io";

export const USAGE = 'chokepoint eval "<formula>" [--json]   evaluate an Excel formula with the CHOKEPOINT functions';

function formatText(result: EvalResult): string {
  // As Excel shows them: TRUE/FALSE in capitals, an empty cell as nothing.
  const cell = (v: unknown) => (v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
  switch (result.kind) {
    case "value":
      return cell(result.value);
    case "array":
      return result.rows.map((row) => row.map(cell).join("\t")).join("\n");
    case "error":
      return result.message ? `${result.error}: ${result.message}` : result.error;
  }
}

export function run(args: string[], io: CliIO): number {
  const json = args.includes("--json");
  const rest = args.filter((a) => a !== "--json");
  const unknown = rest.filter((a) => a.startsWith("--"));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
  if (rest.length !== 1) throw new UsageError("give exactly one formula, in quotes");
  const formula = rest[0];
  if (isEmptyFormula(formula)) throw new UsageError(EMPTY_FORMULA);
  const invalid = (why: string) => new UsageError(`${quote(formula.trim())} is not a valid formula: ${why}`);
  const problem = structuralProblem(formula);
  if (problem) throw invalid(problem);
  let result: EvalResult;
  try {
    result = evaluateFormula(formula);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) throw invalid(explainParserMessage(e.parserMessage));
    // Within Excel's limits, but still more than the parser's stack holds.
    if (e instanceof RangeError) throw new UsageError("the formula is too complex for the formula engine (its parser ran out of stack space); split it over several cells");
    throw e;
  }
  io.out(json ? JSON.stringify(result) : formatText(result));
  return 0;
}
