/** The headless engine and `chokepoint eval`: same results as the adapters, in a real formula engine. */
import { execFileSync, spawnSync } from "child_process";
import path from "path";
import { evaluateFormula, FormulaSyntaxError, normaliseNumberLiterals } from "../../src/workbook/engine";
import { main } from "../../src/cli/main";

function capture(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

describe("headless engine", () => {
  test("evaluates CHOKEPOINT functions with array constants", () => {
    expect(evaluateFormula("=CHOKEPOINT.HHI({30,30,20,20})")).toEqual({ kind: "value", value: 2600 });
    expect(evaluateFormula("CHOKEPOINT.HHI({30;30;20;20}, 1)")).toEqual({ kind: "value", value: 0.26 });
  });

  test("spills arrays and composes with Excel's own functions", () => {
    expect(evaluateFormula("=CHOKEPOINT.SHARES({1,3;4,2})")).toEqual({ kind: "array", rows: [[0.1, 0.3], [0.4, 0.2]] });
    expect(evaluateFormula("=SUM(CHOKEPOINT.SHARES({1,3}))")).toEqual({ kind: "value", value: 1 });
    expect(evaluateFormula('=CHOKEPOINT.BAND(CHOKEPOINT.HHI({30,30,20,20}),"2023")')).toEqual({ kind: "value", value: "highly concentrated" });
  });

  test("returns the function's error with its message", () => {
    expect(evaluateFormula('=CHOKEPOINT.HHI({1,"abc",3})')).toEqual({
      kind: "error",
      error: "#VALUE!",
      message: 'CHOKEPOINT.HHI: values: item 2 is text "abc"; expected a number',
    });
    expect(evaluateFormula('=CHOKEPOINT.NIR("W",10,2)')).toMatchObject({ kind: "error", error: "#N/A" });
  });

  test("reads bare TRUE and FALSE as booleans, as Excel does", () => {
    // Four equal shares: entropy ln 4, or 1 when normalised.
    expect(evaluateFormula("=CHOKEPOINT.ENTROPY({1,1,1,1}, TRUE)")).toEqual({ kind: "value", value: 1 });
    expect(evaluateFormula("=CHOKEPOINT.ENTROPY({1,1,1,1}, FALSE)")).toEqual({ kind: "value", value: Math.log(4) });
    expect(evaluateFormula("=CHOKEPOINT.HHI({1,2}, TRUE)")).toMatchObject({
      kind: "error",
      error: "#VALUE!",
      message: "CHOKEPOINT.HHI: scale is the logical value TRUE; expected a number",
    });
  });

  test("an unparsable formula is a FormulaSyntaxError with the parser's reason", () => {
    expect(() => evaluateFormula("=1+")).toThrow(FormulaSyntaxError);
    expect(() => evaluateFormula("=SUM(1,2")).toThrow(/not a valid formula: =SUM\(1,2 \(.*RParen/);
  });

  test("reads Excel's scientific notation with a capital E, outside strings and names", () => {
    expect(evaluateFormula("=1E3")).toEqual({ kind: "value", value: 1000 });
    expect(evaluateFormula("=2.5E-2+1E+1")).toEqual({ kind: "value", value: 10.025 });
    // 1000 and 2000: shares 1/3 and 2/3, HHI (1/9 + 4/9) × 10000.
    expect(evaluateFormula("=CHOKEPOINT.HHI({1E3,2E3})")).toMatchObject({ kind: "value", value: expect.closeTo(50000 / 9, 9) });
    expect(evaluateFormula('="1E3"&"x"')).toEqual({ kind: "value", value: "1E3x" });
    expect(normaliseNumberLiterals("='Q1E3 sheet'!A1+A1E3+1E3")).toBe("='Q1E3 sheet'!A1+A1E3+1e3");
  });
});

describe("chokepoint eval", () => {
  test("prints a value, a spill as tab-separated rows, and an error with its message", async () => {
    expect(await capture(["eval", "=CHOKEPOINT.HHI({30,30,20,20})"])).toMatchObject({ code: 0, out: "2600" });
    expect(await capture(["eval", "=CHOKEPOINT.SHARES({1,3;4,2})"])).toMatchObject({ code: 0, out: "0.1\t0.3\n0.4\t0.2" });
    expect(await capture(["eval", '=CHOKEPOINT.CR({1,3},0)'])).toMatchObject({ code: 0, out: "#VALUE!: CHOKEPOINT.CR: n must be at least 1; got 0" });
  });

  test("--json prints a machine-readable result", async () => {
    const r = await capture(["eval", "--json", "=CHOKEPOINT.TOPSHARE({1,3},{\"a\",\"b\"})"]);
    expect(JSON.parse(r.out)).toEqual({ kind: "array", rows: [["b", 0.75]] });
  });

  test("prints logical values as Excel shows them", async () => {
    expect(await capture(["eval", "=CHOKEPOINT.EU.CRITICAL(1,2.8)"])).toMatchObject({ code: 0, out: "TRUE" });
    expect(await capture(["eval", "={1,2}>1"])).toMatchObject({ code: 0, out: "FALSE\tTRUE" });
    expect(JSON.parse((await capture(["eval", "--json", "=1>2"])).out)).toEqual({ kind: "value", value: false });
  });

  test("usage errors exit with status 2", async () => {
    const unparsable = await capture(["eval", "=CHOKEPOINT.HHI({1,2}"]);
    expect(unparsable).toMatchObject({ code: 2, out: "", err: expect.stringContaining('"=CHOKEPOINT.HHI({1,2}" is not a valid formula: the parenthesis opened at character 16 is not closed') });
    expect((await capture(["eval"])).code).toBe(2);
    expect((await capture(["eval", "--bogus", "=1"])).code).toBe(2);
    expect((await capture(["nonsense"])).code).toBe(2);
  });

  test("the installed bin works as `npx chokepoint` does", () => {
    const bin = path.resolve(__dirname, "../../bin/chokepoint.js");
    expect(execFileSync("node", [bin, "eval", "=CHOKEPOINT.NEQ({30,30,20,20})"], { encoding: "utf8" }).trim()).toBe(String(1 / 0.26));
    expect(spawnSync("node", [bin, "eval"], { encoding: "utf8" }).status).toBe(2);
  });
});

describe("errors inside ranges reach the functions under Excel's names", () => {
  test("#DIV/0! rather than HyperFormula's #DIV_BY_ZERO!", () => {
    expect(evaluateFormula("=CHOKEPOINT.HHI({30,1/0,20})")).toEqual({
      kind: "error",
      error: "#VALUE!",
      message: "CHOKEPOINT.HHI: values: item 2 is the error #DIV/0!; expected a number",
    });
  });
});
