/**
 * Arguments as Excel hands them to a custom function, for the fuzz suite: numbers over the whole
 * double range (subnormals and 1.7e308 included), text (keys the data knows, missing markers,
 * random text, text longer than any key up to a full 32,767-character cell), TRUE/FALSE, blank
 * cells, Excel error values, and 2-D ranges of all of these. Excel never passes NaN, Infinity or
 * undefined, so neither does this.
 */
import fc from "fast-check";
import { datasetIds } from "../../src/data";
import { MISSING_MARKERS } from "../../src/core/coerce";

type ExcelErrorClass = new (code: string, message?: string) => Error;

/** An Excel error value as the CustomFunctions runtime delivers it inside a range. */
export function excelError(code: string): Error {
  const E = (globalThis as unknown as { CustomFunctions: { Error: ExcelErrorClass } }).CustomFunctions.Error;
  return new E(code);
}

/** Text that a well-behaved message may quote only in part: a full cell, and a few long random texts. */
export const FULL_CELL = Array.from({ length: 32_767 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789 ,.;-"[(i * 7 + (i >> 5)) % 41]).join("");

const KNOWN_TEXT = [
  ...datasetIds(),
  "China", "CHN", "United States", "USA", "Japan", "JPN", "Burma", "EU", "World", "CN", "cn",
  "mining", "midstream", "magnets", "2010", "2023", "production", "edition", "flags", "note",
  "production@MCS 2024", "TOP3", "Lynas", "2023", "1e3", "12", "1,234", "−5", " ", "",
  ...MISSING_MARKERS,
];

export const numberArb = fc.oneof(
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 3000 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 2, 0.5, 100, 10000, 2000, 2010, 2020, 2023, 2024, 5e-324, 1e-320, 2e-162, 1e-160, 1.7e308, 1e308, -0, -1) },
);

export const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_TEXT) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 81, maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant(FULL_CELL) },
);

export const cellArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: numberArb },
  { weight: 4, arbitrary: textArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom("#N/A", "#VALUE!", "#DIV/0!", "#REF!", "#NUM!", "#NAME?").map(excelError) },
);

export type Shape = [number, number];
export const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 5, max: 60 }), fc.constant(1)) },
);

/** A 2-D range of the given shape; `cell` decides what its cells hold. */
export function rangeArb([rows, columns]: Shape, cell: fc.Arbitrary<unknown> = cellArb): fc.Arbitrary<unknown[][]> {
  return fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows });
}

/** Quantities, as a range of mostly plain numbers: the shape most measures accept, so deeper code runs. */
const quantityCellArb = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(5e-324, 2e-162, 1e-300, 1.7e308, 0)) },
  { weight: 1, arbitrary: cellArb },
);

/**
 * Likely values for a parameter, from its name as the metadata gives it (so functions added later
 * get them too): dataset ids for "dataset", countries for "country", "key" and "exclude", stages
 * for "stage", years for a "year". Mixed with the general cells, so that calls reach past the
 * argument checks into the lookups and the models.
 */
function hintFor(name: string): fc.Arbitrary<unknown> | null {
  const n = name.toLowerCase();
  if (n === "dataset") return fc.constantFrom(...datasetIds());
  if (n === "country" || n === "key" || n === "exclude") return fc.constantFrom("China", "CHN", "USA", "Japan", "JPN", "Australia", "Myanmar", "EU", "Germany", "World");
  if (n === "stage") return fc.constantFrom("mining", "midstream", "magnets");
  if (n.endsWith("year")) return fc.integer({ min: 1995, max: 2030 });
  if (n === "field") return fc.constantFrom("edition", "flags", "note", "production", "reserves", "share");
  return null;
}

export interface Parameter {
  name: string;
  optional: boolean;
  matrix: boolean;
}

/**
 * One call's arguments: a matrix parameter gets a 2-D range (most of them in one shape per call,
 * so aligned ranges such as values and labels line up), a scalar parameter a cell or sometimes a
 * range, an optional one sometimes null (omitted).
 */
export function argumentsArb(parameters: Parameter[]): fc.Arbitrary<unknown[]> {
  return shapeArb.chain((shape) =>
    fc.tuple(
      ...parameters.map((p): fc.Arbitrary<unknown> => {
        const hint = hintFor(p.name);
        const given = p.matrix
          ? fc.oneof({ weight: 4, arbitrary: rangeArb(shape, quantityCellArb) }, { weight: 2, arbitrary: rangeArb(shape) }, { weight: 1, arbitrary: shapeArb.chain((s) => rangeArb(s)) })
          : fc.oneof(
              { weight: 8, arbitrary: cellArb },
              { weight: 1, arbitrary: shapeArb.chain((s) => rangeArb(s)) },
              // Most scalar inputs of the model and methods are fractions: enough of them reach the arithmetic.
              { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
              ...(hint ? [{ weight: 12, arbitrary: hint }] : []),
            );
        return p.optional ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: given }) : given;
      }),
    ),
  );
}
