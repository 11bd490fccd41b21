/** `chokepoint eval` says in full why a formula cannot be evaluated, and a formula too deep for the parser is a usage error. */
import { spawnSync } from "child_process";
import path from "path";
import { main } from "../../src/cli/main";
import { explainParserMessage, structuralProblem } from "../../src/cli/formula";
import { evaluateFormula, FormulaSyntaxError } from "../../src/workbook/engine";

function capture(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

/** The first line of stderr (the second is the usage line). */
async function reason(formula: string): Promise<{ code: number; line: string }> {
  const r = await capture(["eval", formula]);
  return { code: r.code, line: r.err.split("\n")[0] };
}

describe("why a formula does not parse, in full", () => {
  test.each([
    ["", "chokepoint eval: the formula is empty; give one in quotes, e.g. chokepoint eval \"=CHOKEPOINT.HHI({30,30,20,20})\""],
    ["=", "chokepoint eval: the formula is empty; give one in quotes, e.g. chokepoint eval \"=CHOKEPOINT.HHI({30,30,20,20})\""],
    ["=CHOKEPOINT.HHI(1,", 'chokepoint eval: "=CHOKEPOINT.HHI(1," is not a valid formula: the parenthesis opened at character 16 is not closed; the formula needs ) at the end'],
    ["=SUM((1)", 'chokepoint eval: "=SUM((1)" is not a valid formula: the parenthesis opened at character 5 is not closed; the formula needs ) at the end'],
    ["=CHOKEPOINT.HHI({1,2)", 'chokepoint eval: "=CHOKEPOINT.HHI({1,2)" is not a valid formula: the array constant opened with { at character 17 is closed with ) at character 21; close it with }'],
    ["=1)", 'chokepoint eval: "=1)" is not a valid formula: the closing parenthesis ) at character 3 has no opening ( before it'],
    ['=CHOKEPOINT.DATA("usgs', 'chokepoint eval: "=CHOKEPOINT.DATA("usgs" is not a valid formula: the text that starts at character 18 ("usgs) has no closing double quote (")'],
    ["=1+", 'chokepoint eval: "=1+" is not a valid formula: the formula ends where a value is expected (after an operator, a comma or a colon, give a number, text in quotes, a reference or a function)'],
    ["=*3", 'chokepoint eval: "=*3" is not a valid formula: "*" stands where a value is expected (a number, text in quotes, a reference or a function)'],
    ["=1 2", 'chokepoint eval: "=1 2" is not a valid formula: the formula is complete before "2"; remove what follows, or join it with an operator such as + or &'],
    ["=SUM(1;2)", 'chokepoint eval: "=SUM(1;2)" is not a valid formula: a closing parenthesis ) is expected where the parser found ";" (separate arguments with a comma, as Excel does in English)'],
    ["=1+#", 'chokepoint eval: "=1+#" is not a valid formula: character 4, "#", cannot stand there (an error value must be written in full, such as #N/A)'],
  ])("eval %j", async (formula, expected) => {
    const r = await reason(formula);
    expect(r).toEqual({ code: 2, line: expected });
    expect(r.line).not.toMatch(/Token sequences|-->|RParen|offset:/); // no parser internals
  });

  test("every message the parser gives for these formulas is translated, none passed through raw", () => {
    for (const f of ["=1+", "=*3", "=1 2", "=SUM(1;2)", "=1+#", "=@A1", "=A1:", "=CHOKEPOINT.HHI({1,2)"]) {
      let parser = "";
      try {
        evaluateFormula(f);
      } catch (e) {
        parser = (e as FormulaSyntaxError).parserMessage;
      }
      expect([f, parser.length > 0]).toEqual([f, true]);
      expect([f, explainParserMessage(parser)]).not.toEqual([f, expect.stringMatching(/Token|-->|offset:/)]);
    }
  });
});

describe("Excel's limits, checked before the parser runs", () => {
  test("more than 64 levels of nesting", async () => {
    const deep = `=${"(".repeat(65)}1${")".repeat(65)}`;
    expect(await reason(deep)).toEqual({ code: 2, line: `chokepoint eval: "${deep.slice(0, 59)}…" (132 characters) is not a valid formula: the formula nests more than 64 levels of parentheses (at character 66); Excel allows at most 64` });
    expect(structuralProblem(`=${"(".repeat(64)}1${")".repeat(64)}`)).toBeNull();
  });

  test("a 120,000-character formula is a usage error with a message, exit 2, not a stack overflow", async () => {
    const huge = `=${"(".repeat(60_000)}1${")".repeat(59_999)}`;
    const r = await reason(huge);
    expect(r.code).toBe(2);
    expect(r.line).toMatch(/is not a valid formula: the formula is 120,001 characters long; Excel accepts at most 8,192$/);
  });

  test("within Excel's limits but too much for the parser's stack: a usage error with a message, exit 2", () => {
    // 4,096 terms: 8,192 characters, as long as Excel allows.
    const long = `=${Array.from({ length: 4096 }, () => "1").join("+")}`.slice(0, 8192);
    const r = spawnSync("node", [path.resolve(__dirname, "../../bin/chokepoint.js"), "eval", long], { encoding: "utf8", timeout: 60_000 });
    expect(r.status === 0 || r.status === 2).toBe(true);
    if (r.status === 2) expect(r.stderr.split("\n")[0]).toBe("chokepoint eval: the formula is too complex for the formula engine (its parser ran out of stack space); split it over several cells");
    else expect(r.stdout.trim()).toBe(String(long.split("+").length));
    expect(r.stderr).not.toMatch(/Maximum call stack|RangeError/);
  });
});
