/**
 * Excel's grid in the headless engine (1,048,576 rows by 16,384 columns): whole-column references
 * work as in Excel, a range too large for the engine is refused with a message instead of
 * exhausting memory, and errors the engine makes without a message get one.
 */
import { execFileSync } from "child_process";
import path from "path";
import { evaluateFormula } from "../../src/workbook/engine";
import { EXCEL_COLUMNS, EXCEL_ROWS, MAX_RANGE_CELLS, oversizedRange } from "../../src/workbook/grid";

const HHI_NO_VALUES = "CHOKEPOINT.HHI: values: no positive number in the range; enter quantities or shares greater than zero";

describe("Excel's grid", () => {
  test("is 1,048,576 rows by 16,384 columns (XFD)", () => {
    expect([EXCEL_ROWS, EXCEL_COLUMNS]).toEqual([2 ** 20, 2 ** 14]);
    expect(evaluateFormula("=ROWS(A1:A1048576)")).toEqual({ kind: "value", value: 1048576 });
    expect(evaluateFormula("=COLUMNS(A1:XFD1)")).toEqual({ kind: "value", value: 16384 });
    expect(evaluateFormula("=XFD1048576")).toEqual({ kind: "value", value: null });
  });

  test("a whole column reaches a CHOKEPOINT function, which says what is wrong with it (not #NAME?)", () => {
    expect(evaluateFormula("=CHOKEPOINT.HHI(A1:A1048576)")).toEqual({ kind: "error", error: "#VALUE!", message: HHI_NO_VALUES });
    expect(evaluateFormula("=CHOKEPOINT.HHI(A:A)")).toEqual({ kind: "error", error: "#VALUE!", message: HHI_NO_VALUES });
    expect(evaluateFormula("=SUM(A1:A1048576)")).toEqual({ kind: "value", value: 0 });
  }, 30_000);

  test("a cell beyond the grid is a #NAME? naming the cell and the grid", () => {
    expect(evaluateFormula("=SUM(A1:A1048577)")).toEqual({
      kind: "error",
      error: "#NAME?",
      message: "A1048577 is outside Excel's grid (columns A to XFD, rows 1 to 1,048,576); the last cell is XFD1048576",
    });
    expect(evaluateFormula("=CHOKEPOINT.HHI(XFE1)")).toMatchObject({ error: "#NAME?", message: expect.stringMatching(/^XFE1 is outside Excel's grid/) });
  });

  test("a range larger than the engine holds is refused at once with a #VALUE! that says so", () => {
    const t0 = Date.now();
    expect(evaluateFormula("=SUM(A1:XFD1048576)")).toEqual({
      kind: "error",
      error: "#VALUE!",
      message:
        "the range A1:XFD1048576 has 17,179,869,184 cells; the headless engine takes ranges of up to 2,097,152 cells (two whole columns): give the cells that hold the data",
    });
    expect(Date.now() - t0).toBeLessThan(5000); // refused, not evaluated (which exhausts memory)
    expect(evaluateFormula("=CHOKEPOINT.HHI($A$1:$C$1048576)")).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^the range A1:C1048576 has 3,145,728 cells/) });
    expect(MAX_RANGE_CELLS).toBe(2 * EXCEL_ROWS);
  });

  test("only real references count: text, sheet names and function names are left alone", () => {
    expect(oversizedRange('="A1:XFD1048576"')).toBeNull();
    expect(oversizedRange("='A1:XFD1048576'!B2")).toBeNull();
    expect(oversizedRange("=LOG10(100)+ATAN2(1,1)")).toBeNull();
    expect(oversizedRange("=Sheet1!A1:B1048576")).toBeNull();
    expect(oversizedRange("=Sheet1!A1:C1048576")).toMatch(/^the range A1:C1048576/);
    expect(evaluateFormula('="A1:XFD1048576"')).toEqual({ kind: "value", value: "A1:XFD1048576" });
  });

  test("errors the engine makes without a message get one", () => {
    expect(evaluateFormula("=1/0")).toEqual({ kind: "error", error: "#DIV/0!", message: "the formula divides by zero (or by an empty cell)" });
    expect(evaluateFormula("=CHOKEPOINT.HHI(1/0)")).toEqual({ kind: "error", error: "#DIV/0!", message: "the formula divides by zero (or by an empty cell)" });
    // The engine's own messages stay.
    expect(evaluateFormula("=NOSUCH(1)")).toEqual({ kind: "error", error: "#NAME?", message: "Function name NOSUCH not recognized." });
  });

  test("chokepoint eval of a whole column prints the function's #VALUE! and its message", () => {
    const bin = path.resolve(__dirname, "../../bin/chokepoint.js");
    expect(execFileSync("node", [bin, "eval", "=CHOKEPOINT.HHI(A1:A1048576)"], { encoding: "utf8" }).trim()).toBe(`#VALUE!: ${HHI_NO_VALUES}`);
  }, 30_000);
});
