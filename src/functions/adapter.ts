/**
 * The one bridge between the pure core and Excel's CustomFunctions runtime. Every custom function
 * body is `return run("NAME", () => core(...))`: typed core errors are thrown as #VALUE! or #N/A
 * with a message that starts with the function's name, and no other exception ever escapes.
 */
import { isChokepointError } from "../errors";

export const NAMESPACE = "CHOKEPOINT";

function excelError(kind: "value" | "na", message: string): CustomFunctions.Error {
  const code = kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, message);
}

/**
 * Excel cannot show NaN, Infinity or null inside a spill: a blank cell or an error says it instead.
 * A core error inside a spill becomes that cell's Excel error (CustomFunctionsRuntime 1.2).
 */
function checkResult<T>(name: string, result: T): T {
  if (typeof result === "number" && !Number.isFinite(result)) {
    throw excelError("value", `${name}: the result is not a finite number; check the inputs`);
  }
  if (Array.isArray(result)) {
    // Rows are copied only where a cell changes: a spill of a million plain numbers (SHARES over a
    // column) goes back as it is, instead of doubling its allocation.
    let out: unknown[][] | null = null;
    for (let r = 0; r < result.length; r++) {
      const row = result[r] as unknown[];
      let copy: unknown[] | null = null;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        const shown = spilled(name, v);
        if (shown !== v) (copy ??= row.slice())[c] = shown;
      }
      if (copy) (out ??= result.slice())[r] = copy;
    }
    return (out ?? result) as T;
  }
  return result;
}

/** What a spilled cell shows: a core error as that cell's Excel error, a blank for null or a non-finite number. */
function spilled(name: string, v: unknown): unknown {
  if (isChokepointError(v)) return excelError(v.kind, `${name}: ${v.message}`); // one cell's error inside a spill
  return v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v;
}

/** Runs a core computation for `CHOKEPOINT.<fnName>`; every failure is thrown as an Excel error with a message. */
export function run<T>(fnName: string, body: () => T): T {
  const name = `${NAMESPACE}.${fnName}`;
  let result: T;
  try {
    result = body();
  } catch (e) {
    if (isChokepointError(e)) throw excelError(e.kind, `${name}: ${e.message}`);
    const detail = e instanceof Error ? e.message : String(e);
    throw excelError("value", `${name}: unexpected failure (${detail}); please report this with the formula`);
  }
  return checkResult(name, result);
}
