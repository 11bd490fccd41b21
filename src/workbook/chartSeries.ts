/**
 * What a ChartSpec's data range means, resolved against the sheet's values: the series, each with
 * its name cell and value cells, and the category (or x) cells they share. This is how Excel reads
 * a range handed to `charts.add(type, range, seriesBy)` in the Office.js renderer when the range has
 * a header row and a label column, which is what every ChartSpec's dataRange holds:
 *
 * - seriesBy "columns": the first row holds the series names, the first column the categories, and
 *   each further column is one series;
 * - seriesBy "rows": the first column holds the series names, the first row the categories, and
 *   each further row is one series.
 *
 * A column (or row) of text with no number in it is not a series (such as ISO codes beside the
 * partner names; Excel would show it as a second level of category labels). A column of errors or
 * blanks stays a series: it fills in when its cells do.
 */
import { columnLetter, parseRange, quoteSheet, type RangeAddress } from "./a1";
import type { CellValue } from "./headless";
import type { ChartSpec } from "./plan";

/** Cells a chart refers to: the formula Excel stores (`'Sheet'!$B$2:$B$5`) and their current values. */
export interface CellsRef {
  formula: string;
  values: CellValue[];
}

export interface ChartSeriesRef {
  name: CellsRef;
  values: CellsRef;
  /** Number format of the first value cell, for the cache and the value axis. */
  format?: string;
}

export interface ResolvedChart {
  spec: ChartSpec;
  categories: CellsRef;
  series: ChartSeriesRef[];
}

function absolute(sheetName: string, r0: number, c0: number, r1: number, c1: number): string {
  const cell = (r: number, c: number) => `$${columnLetter(c)}$${r + 1}`;
  return `${quoteSheet(sheetName)}!${cell(r0, c0)}${r0 === r1 && c0 === c1 ? "" : `:${cell(r1, c1)}`}`;
}

/** Resolves a chart against its sheet's evaluated values; `formatAt` gives a cell's number format. */
export function resolveChart(
  spec: ChartSpec,
  sheetName: string,
  values: CellValue[][],
  formatAt: (row: number, column: number) => string | undefined = () => undefined,
): ResolvedChart {
  const range: RangeAddress = parseRange(spec.dataRange);
  const byColumns = spec.seriesBy === "columns";
  const at = (r: number, c: number): CellValue => values[r]?.[c] ?? null;
  // "major" runs along the series (columns when seriesBy columns), "minor" along the categories
  const [minor0, minor1] = byColumns ? [range.start.row, range.end.row] : [range.start.column, range.end.column];
  const [major0, major1] = byColumns ? [range.start.column, range.end.column] : [range.start.row, range.end.row];
  const cell = (major: number, minor: number) => (byColumns ? at(minor, major) : at(major, minor));
  const ref = (major: number, from: number, to: number): CellsRef => {
    const cells = Array.from({ length: to - from + 1 }, (_, i) => cell(major, from + i));
    const formula = byColumns ? absolute(sheetName, from, major, to, major) : absolute(sheetName, major, from, major, to);
    return { formula, values: cells };
  };
  if (major1 <= major0 || minor1 <= minor0) {
    throw new Error(`chart ${spec.id}: data range ${spec.dataRange} needs a header row, a label column and at least one value cell`);
  }
  const categories = ref(major0, minor0 + 1, minor1);
  const all: ChartSeriesRef[] = [];
  for (let major = major0 + 1; major <= major1; major++) {
    const format = byColumns ? formatAt(minor0 + 1, major) : formatAt(major, minor0 + 1);
    all.push({ name: ref(major, minor0, minor0), values: ref(major, minor0 + 1, minor1), ...(format ? { format } : {}) });
  }
  // text columns are labels, unless nothing else is left: then the chart keeps them, empty, and fills in with its cells
  const numeric = all.filter((s) => !isLabels(s.values.values));
  const series = numeric.length > 0 ? numeric : all;
  return { spec, categories, series };
}

function isLabels(cells: CellValue[]): boolean {
  return !cells.some((v) => typeof v === "number") && cells.some((v) => typeof v === "string" && v !== "");
}
