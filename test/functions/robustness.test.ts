/**
 * No input of any kind makes any CHOKEPOINT function throw anything but an Excel error with a
 * message. Runs over every function of every family, as Excel would call them.
 */
import fc from "fast-check";
import { loadFunctionBindings } from "../../src/workbook/engine";

const excelErrorArb = fc.constantFrom("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NUM!").map((code) => {
  const E = (globalThis as unknown as { CustomFunctions: { Error: new (c: string, m?: string) => Error } }).CustomFunctions.Error;
  return new E(code, "upstream");
});

const scalarArb = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 3000 }),
  fc.constantFrom("", "NA", "W", "—", "CHN", "USA", "Japan", "mining", "midstream", "magnets", "2023", "abc", "1e3"),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  excelErrorArb,
);
const matrixArb = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([r, c]) => fc.array(fc.array(scalarArb, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
const argArb = fc.oneof(scalarArb, matrixArb, fc.constant([]), fc.constant([[]]));

const bindings = loadFunctionBindings();

describe("robustness of every custom function", () => {
  test("at least the foundation's eleven functions are registered", () => {
    expect(bindings.length).toBeGreaterThanOrEqual(11);
  });

  test.each(bindings.map((b) => [b.excelName, b] as const))("%s returns a value or throws an Excel error with a message", (name, b) => {
    fc.assert(
      fc.property(fc.array(argArb, { minLength: 0, maxLength: b.parameters.length + 1 }), (args) => {
        try {
          b.impl(...args);
          return true;
        } catch (e) {
          const err = e as { code?: unknown; message?: unknown };
          return (
            (err.code === "#VALUE!" || err.code === "#N/A") &&
            typeof err.message === "string" &&
            err.message.startsWith(`${name}: `) &&
            !err.message.includes("unexpected failure")
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
