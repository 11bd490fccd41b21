/**
 * Fuzz suite: every exported custom function, found from the same JSDoc metadata that becomes
 * functions.json (so functions added later are covered without a line here), called directly as
 * Excel calls it with random Excel-shaped arguments, and a sample of formulas through the headless
 * engine. Each call must keep the contract in contract.ts. Bounded in time: the whole suite takes
 * about FUZZ_BUDGET_MS however many functions there are. FUZZ_SEED=<n> replays a run.
 */
import fc from "fast-check";
import { evaluateFormula, createEngine, FormulaSyntaxError, loadFunctionBindings } from "../../src/workbook/engine";
import { argumentsArb, cellArb, textArb } from "./excelArbitraries";
import { callAndCheck, longestQuotedRun, MAX_QUOTED_RUN, type Outcomes } from "./contract";

const FUZZ_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 24_000);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;
const MAX_RUNS = 5_000;

const bindings = loadFunctionBindings();
// Direct calls get four fifths of the budget, the engine the rest.
const perFunctionMs = (FUZZ_BUDGET_MS * 0.8) / bindings.length;
const tally = new Map<string, Outcomes>();

afterAll(() => {
  const lines = [...tally].map(([name, o]) => `${name.padEnd(34)} ${String(o.calls).padStart(5)} calls: ${o.values} values, ${o.arrays} arrays, ${o.errors} errors`);
  const total = [...tally.values()].reduce((n, o) => n + o.calls, 0);
  console.log(`fuzz seed ${SEED}: ${total} calls over ${tally.size} entries\n${lines.join("\n")}`);
});

describe("the contract checker itself", () => {
  test("finds a quoted run of more than 80 characters, and only that", () => {
    const input = "q".repeat(10) + "abcdefghij".repeat(20);
    expect(longestQuotedRun(`x "${input.slice(5, 5 + 81)}" y`, input)).toBe(81);
    expect(longestQuotedRun(`x "${input.slice(30, 30 + MAX_QUOTED_RUN)}" y`, input)).toBeLessThanOrEqual(MAX_QUOTED_RUN);
  });
});

describe("every custom function keeps the contract on Excel-shaped random arguments", () => {
  test("the functions are found from the metadata (the foundation's eleven at least)", () => {
    expect(bindings.length).toBeGreaterThanOrEqual(11);
  });

  test.each(bindings.map((b) => [b.excelName, b] as const))("%s", (name, b) => {
    const outcomes: Outcomes = { calls: 0, values: 0, arrays: 0, errors: 0 };
    tally.set(name, outcomes);
    fc.assert(
      fc.property(argumentsArb(b.parameters), (args) => {
        const problem = callAndCheck(name, b.impl, args, outcomes);
        if (problem) throw new Error(problem);
      }),
      { seed: SEED, numRuns: MAX_RUNS, interruptAfterTimeLimit: perFunctionMs, markInterruptAsFailure: false },
    );
    expect(outcomes.calls).toBeGreaterThan(0);
  });
});

/** A cell value as formula text: numbers, "text" (quotes doubled), TRUE/FALSE, NA(), an array constant. */
function literal(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v).replace("e", "E") : "0";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return `"${v.slice(0, 255).replace(/"/g, '""')}"`;
  if (v === null) return "";
  return "NA()";
}

const formulaArgArb = fc.oneof(
  { weight: 4, arbitrary: cellArb.map(literal) },
  { weight: 1, arbitrary: textArb.map(literal) },
  { weight: 2, arbitrary: fc.array(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }).map(literal), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((rows) => `{${rows.map((r) => r.join(",")).join(";")}}`) },
);

describe("formulas through the headless engine", () => {
  const engine = createEngine();

  test("evaluate to a value, an array or an error with a message; never an exception", () => {
    const outcomes: Outcomes = { calls: 0, values: 0, arrays: 0, errors: 0 };
    tally.set("(formulas through the engine)", outcomes);
    const formulaArb = fc.constantFrom(...bindings).chain((b) =>
      fc.array(formulaArgArb, { minLength: 0, maxLength: b.parameters.length }).map((args) => ({ b, formula: `=${b.excelName}(${args.join(",")})` })),
    );
    fc.assert(
      fc.property(formulaArb, ({ b, formula }) => {
        outcomes.calls++;
        let result;
        try {
          result = evaluateFormula(formula, engine);
        } catch (e) {
          if (e instanceof FormulaSyntaxError) return; // e.g. a text literal the engine's parser rejects
          throw e;
        }
        if (result.kind === "error") {
          outcomes.errors++;
          // Our functions' errors carry their message; the engine's own (#NAME?, an #N/A argument passed through) need not.
          if (result.message.startsWith(`${b.excelName}: `)) expect(["#VALUE!", "#N/A"]).toContain(result.error);
        } else if (result.kind === "array") {
          outcomes.arrays++;
          expect(result.rows.every((r) => r.length === result.rows[0].length)).toBe(true);
        } else {
          outcomes.values++;
          if (typeof result.value === "number") expect(Number.isFinite(result.value)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: MAX_RUNS, interruptAfterTimeLimit: FUZZ_BUDGET_MS * 0.2, markInterruptAsFailure: false },
    );
    expect(outcomes.calls).toBeGreaterThan(0);
  });
});
