/**
 * The headless engine: HyperFormula with every CHOKEPOINT custom function registered through the
 * same adapter functions that Excel calls, bound by the generated metadata that is functions.json
 * (./functionSource). Used by `chokepoint eval`, the briefing checks and tests; never bundled into
 * the add-in (HyperFormula is used here under its GPLv3 licence key, in tooling only).
 */
import {
  ArraySize,
  CellError,
  DetailedCellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ConfigParams } from "hyperformula";
import { installCustomFunctionsStandIn } from "../runtime/customFunctionsStandIn";
import { NAMESPACE } from "../functions/adapter";
import { fromStorageForm } from "./storageForm";
import { loadFunctionSource, type Implementation as Impl } from "./functionSource";
import { EXCEL_COLUMNS, EXCEL_ROWS, engineErrorMessage, oversizedRange } from "./grid";

export interface FunctionBinding {
  /** Metadata id, e.g. "HHI.EXCLUDING". */
  id: string;
  /** Full Excel name, e.g. "CHOKEPOINT.HHI.EXCLUDING". */
  excelName: string;
  parameters: Array<{ name: string; optional: boolean; matrix: boolean }>;
  matrixResult: boolean;
  impl: Impl;
}

/** Binds each id of the generated function metadata to its exported adapter. */
export function loadFunctionBindings(): FunctionBinding[] {
  installCustomFunctionsStandIn();
  const source = loadFunctionSource();
  return source.functions.map((fn) => {
    const impl = source.implementation(fn.id);
    if (typeof impl !== "function") throw new Error(`no exported function for custom function ${fn.id}`);
    return {
      id: fn.id,
      excelName: `${NAMESPACE}.${fn.name}`,
      parameters: fn.parameters.map((p) => ({ name: p.name, optional: !!p.optional, matrix: p.dimensionality === "matrix" })),
      matrixResult: fn.result?.dimensionality === "matrix",
      impl,
    };
  });
}

/** An Excel error as the runtime delivers it to a custom function inside a range. */
class ErrorValue {
  constructor(readonly code: string, readonly message: string) {}
}

/** Excel's names for HyperFormula's error types; those Excel lacks (CYCLE, ERROR, LIC) keep HF's. */
const EXCEL_ERROR_NAMES: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.REF]: "#REF!",
  [ErrorType.SPILL]: "#SPILL!",
  [ErrorType.VALUE]: "#VALUE!",
};

/** HyperFormula's internal value → the value Excel would hand to a custom function. */
function toExcelScalar(v: unknown): unknown {
  if (v instanceof CellError) return new ErrorValue(EXCEL_ERROR_NAMES[v.type] ?? `#${v.type}!`, v.message ?? "");
  if (typeof v === "symbol" || v === undefined) return null; // EmptyValue
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val; // RichNumber
  return v;
}

function toExcelArgument(v: unknown, matrix: boolean): unknown {
  if (v instanceof SimpleRangeValue) {
    const data = v.data.map((row) => row.map(toExcelScalar));
    return matrix ? data : data.length === 1 && data[0].length === 1 ? data[0][0] : data;
  }
  const scalar = toExcelScalar(v);
  // Excel passes a scalar to a matrix parameter as a 1×1 array; omitted optionals stay null.
  return matrix && scalar !== null ? [[scalar]] : scalar;
}

function toEngineError(e: unknown): CellError {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const type = code === "#N/A" ? ErrorType.NA : code === "#DIV/0!" ? ErrorType.DIV_BY_ZERO : code === "#NUM!" ? ErrorType.NUM : ErrorType.VALUE;
  return new CellError(type, message);
}

function toEngineResult(result: unknown): unknown {
  if (Array.isArray(result)) {
    const rows = result.map((row: unknown[]) => row.map((v) => (v === null || v === undefined ? "" : isThrown(v) ? toEngineError(v) : v)));
    return SimpleRangeValue.onlyValues(rows as never);
  }
  return result;
}

function call(binding: FunctionBinding, args: unknown[]): unknown {
  const excelArgs = binding.parameters.map((p, i) => (i < args.length ? toExcelArgument(args[i], p.matrix) : null));
  try {
    return binding.impl(...excelArgs);
  } catch (e) {
    return e;
  }
}

let registered: FunctionBinding[] | null = null;

/** Registers the CHOKEPOINT plugin with HyperFormula once per process; returns the bindings. */
export function registerChokepointFunctions(): FunctionBinding[] {
  if (registered) return registered;
  const bindings = loadFunctionBindings();
  const implemented: Record<string, unknown> = {};
  const translations: Record<string, string> = {};

  class ChokepointPlugin extends FunctionPlugin {}
  const proto = ChokepointPlugin.prototype as unknown as Record<string, unknown>;

  for (const b of bindings) {
    const method = `run_${b.id.replace(/\./g, "_")}`;
    const sizeMethod = `size_${b.id.replace(/\./g, "_")}`;
    implemented[b.excelName] = {
      method,
      parameters: b.parameters.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional })),
      ...(b.matrixResult ? { sizeOfResultArrayMethod: sizeMethod } : {}),
    };
    translations[b.excelName] = b.excelName;
    proto[method] = function (this: PluginInternals, ast: { args: unknown[] }, state: unknown) {
      return this.runFunction(ast.args, state, this.metadata(b.excelName), (...args: unknown[]) => {
        const out = call(b, args);
        return isThrown(out) ? toEngineError(out) : toEngineResult(out);
      });
    };
    // Spill size is fixed when the formula is entered (as for HyperFormula's own FILTER): evaluate
    // the arguments then (constants and names of constant cells) and measure the result.
    proto[sizeMethod] = function (this: PluginInternals, ast: { args: unknown[] }, state: unknown) {
      try {
        const args = ast.args.map((a) => this.evaluateAst(a, state));
        const out = call(b, args);
        if (Array.isArray(out) && out.length > 0 && Array.isArray(out[0])) return new ArraySize(out[0].length, out.length);
      } catch {
        // fall through: a scalar-sized result that will show the function's own error
      }
      return ArraySize.scalar();
    };
  }
  (ChokepointPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = implemented;
  HyperFormula.registerFunctionPlugin(ChokepointPlugin as never, { enGB: translations, enUS: translations } as never);
  registered = bindings;
  return bindings;
}

interface PluginInternals {
  runFunction(args: unknown[], state: unknown, metadata: unknown, fn: (...a: unknown[]) => unknown): unknown;
  evaluateAst(ast: unknown, state: unknown): unknown;
  metadata(name: string): unknown;
}

function isThrown(out: unknown): boolean {
  return out instanceof Error || out instanceof ErrorValue;
}

/** Engine configuration close to Excel's defaults. */
export const ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  // Excel's grid, not HyperFormula's default 40,000 rows (see ./grid).
  maxRows: EXCEL_ROWS,
  maxColumns: EXCEL_COLUMNS,
  useArrayArithmetic: true,
  smartRounding: false,
};

/** The parser's own reason for rejecting a formula (all its lines), read from a scratch cell. */
function parseFailure(engine: HyperFormula, text: string, sheetId: number): string {
  const scratch = { sheet: sheetId, row: 0, col: 0 };
  engine.setCellContents(scratch, text);
  const value = engine.getCellValue(scratch);
  engine.setCellContents(scratch, null);
  return value instanceof DetailedCellError ? (value.message ?? "").replace(/^Parsing error\.\s*/, "") : "";
}

/** A HyperFormula instance with the CHOKEPOINT functions available. */
export function createEngine(config: Partial<ConfigParams> = {}): HyperFormula {
  registerChokepointFunctions();
  const engine = HyperFormula.buildEmpty({ ...ENGINE_CONFIG, ...config });
  // Excel reads bare TRUE and FALSE as booleans; HyperFormula knows only TRUE() and FALSE()
  // until they are named (its Excel-compatibility guide does the same).
  engine.addNamedExpression("TRUE", "=TRUE()");
  engine.addNamedExpression("FALSE", "=FALSE()");
  return engine;
}

export type EvalScalar = number | string | boolean | null;
export type EvalResult =
  | { kind: "value"; value: EvalScalar }
  | { kind: "array"; rows: EvalScalar[][] }
  | { kind: "error"; error: string; message: string };

function fromCellValue(v: unknown, formula: string): EvalScalar | { error: string; message: string } {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message || engineErrorMessage(v.value, formula) };
  return v as EvalScalar;
}

/** Excel's scientific notation (1E3, 2.5E-4) as HyperFormula reads it (1e3): its number literal
 * takes only a lowercase e. String literals ("1E3") and sheet names ('Q1E3') are left alone, and so
 * are names and references (A1E3) because the digits must not follow a letter. */
export function normaliseNumberLiterals(formula: string): string {
  return formula.replace(/("(?:[^"]|"")*"?)|('(?:[^']|'')*'?)|(?<![A-Za-z0-9_.$])(\d+(?:\.\d*)?|\.\d+)E(?=[+-]?\d)/g, (match, str, sheet, mantissa) =>
    str !== undefined || sheet !== undefined ? match : `${mantissa}e`,
  );
}

/** A formula the engine cannot parse: a mistake in the command, not a result. */
export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    /** The parser's whole message (several lines), for a fuller explanation. */
    readonly parserMessage = "",
  ) {
    super(message);
  }
}

/** Evaluates one Excel formula (with or without the leading "="), in either the typed form or the
 * form Excel stores in a file (`_xldudf_CHOKEPOINT_HHI(…)`). Throws FormulaSyntaxError, with the
 * parser's reason, when the formula does not parse. */
export function evaluateFormula(formula: string, engine: HyperFormula = createEngine()): EvalResult {
  const trimmed = formula.trim();
  const text = normaliseNumberLiterals(fromStorageForm(trimmed.startsWith("=") ? trimmed : `=${trimmed}`));
  if (!engine.doesSheetExist("Sheet1")) engine.addSheet("Sheet1");
  const sheetId = engine.getSheetId("Sheet1") as number;
  if (!engine.validateFormula(text)) {
    const reason = parseFailure(engine, text, sheetId);
    throw new FormulaSyntaxError(`not a valid formula: ${text}${reason ? ` (${reason.split("\n")[0]})` : ""}`, reason);
  }
  const tooLarge = oversizedRange(text);
  if (tooLarge) return { kind: "error", error: "#VALUE!", message: tooLarge };
  const raw = engine.calculateFormula(text, sheetId) as unknown;
  if (Array.isArray(raw)) {
    const rows = raw.map((row: unknown[]) => row.map((v) => fromCellValue(v, text)));
    const firstError = rows.flat().find((v) => v !== null && typeof v === "object");
    if (rows.length === 1 && rows[0].length === 1 && firstError) {
      const e = firstError as { error: string; message: string };
      return { kind: "error", error: e.error, message: e.message };
    }
    return {
      kind: "array",
      rows: rows.map((row) => row.map((v) => (v !== null && typeof v === "object" ? `${v.error}` : v))),
    };
  }
  const v = fromCellValue(raw, text);
  if (v !== null && typeof v === "object") return { kind: "error", error: v.error, message: v.message };
  return { kind: "value", value: v };
}
