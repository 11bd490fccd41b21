/**
 * A columnar form of a dataset, made at bundle time so the add-in ships its reference data compactly;
 * the committed JSON files stay the source of truth. `decodeDataset(encodeDataset(ds))` rebuilds an
 * object equal to `ds` in every value and key order (checked before the form is used), so the API in
 * ./index.ts never sees the difference.
 *
 * Each row property becomes one column; the `values` and `text` records become the list of their key
 * sets plus one column per key. A column is stored whichever way its JSON is shortest (which, for
 * the whole bundle, gzips smaller than choosing by each column's own gzip size):
 *   plain   the values as they are;
 *   dict    each distinct value once, and an index per row (keys, labels, variants, notes, flags);
 *   delta   numbers as integers (value × 10^scale) minus the previous one: a series by year such as
 *           a country's governance scores changes by little from row to row;
 *   scaled  numbers as integers (value × 10^scale), each on its own (trade values in dollars);
 *   of      a function of an earlier column: one value for each distinct value of that column (a
 *           country's label, given its key);
 *   sum / difference   (a field of a record) the sum or difference of two other fields of the same
 *           record, exactly as the stored numbers give it (net exports = exports − imports).
 * Lists of integers (indices, steps) are text, one or a few characters per integer (see `ints`):
 * gzip codes a character of such text in about as many bits as the integers carry, where a JSON
 * array spends a comma, a sign and decimal digits on each.
 * Pure: no Node, DOM or Office.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Row = Record<string, Json>;

/** Integers (or null) as text, in characters that JSON and a JS string literal carry without
 * escapes. Zigzag first (0, −1, 1, −2, … → 0, 1, 2, 3, …); then z < 72 is one "final" character,
 * and a larger z is a "more" character for (z − 72) mod 20 followed by the text of ⌊(z − 72) / 20⌋
 * (most steps and indices take one character, a dollar value of nine digits six); one character
 * stands for null. */
type Ints = string;
const ALPHABET = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
  .filter((c) => c !== '"' && c !== "\\")
  .join("");
const FINAL = 72;
const MORE = ALPHABET.length - 1 - FINAL;
const NULL = ALPHABET.length - 1;
/** Character code → digit. */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
/** Zigzag keeps integers of this size exact in a double. */
const MAX_INT = 2 ** 51;

function encodeInts(values: Array<number | null>): Ints {
  let out = "";
  for (const n of values) {
    if (n === null) {
      out += ALPHABET[NULL];
      continue;
    }
    let z = n >= 0 ? 2 * n : -2 * n - 1;
    while (z >= FINAL) {
      out += ALPHABET[FINAL + ((z - FINAL) % MORE)];
      z = Math.floor((z - FINAL) / MORE);
    }
    out += ALPHABET[z];
  }
  return out;
}

function decodeInts(text: Ints): Array<number | null> {
  const out: Array<number | null> = [];
  let z = 0;
  let unit = 1;
  for (let at = 0; at < text.length; at++) {
    const digit = DIGIT[text.charCodeAt(at)];
    if (digit === NULL) {
      out.push(null);
    } else if (digit >= FINAL) {
      z += digit * unit; // FINAL + (digit − FINAL), at this place
      unit *= MORE;
    } else {
      z += digit * unit;
      out.push(z % 2 === 0 ? z / 2 : -(z + 1) / 2);
      z = 0;
      unit = 1;
    }
  }
  return out;
}

/** Row i holds `d[i[i]]`. */
interface Dictionary {
  d: Json[];
  i: Ints;
}

/** Integers n, each standing for n / 10^scale. */
interface Scaled {
  scale: number;
  d: Ints;
}

type Values =
  | { plain: Json[] }
  | { dict: Dictionary }
  /** Row i holds (d[0] + … + d[i]) / 10^scale; a null stays null and does not move the sum. */
  | { delta: Scaled }
  | { scaled: Scaled }
  /** Row i holds d[k], k the rank of row i's value in column `of` among its distinct values (by first appearance). */
  | { of: number; d: Json[] };

/** A record field computed from two others present in the same records. */
type Derived = { sum: [string, string] } | { difference: [string, string] };

/** Row i has the keys `keys.d[keys.i[i]]`; the values of key `names[k]`, in row order, are `fields[k]`. */
interface RecordColumn {
  keys: Dictionary;
  names: string[];
  fields: Array<Values | Derived>;
}

type Column = Values | { record: RecordColumn };

export interface ColumnarDataset {
  columnar: 3;
  meta: Json;
  rowCount: number;
  /** The rows' property names, in their order. */
  properties: string[];
  columns: Column[];
}

const isRecord = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: Json): v is number => typeof v === "number";

/** Each distinct value once (by first appearance), and each value's rank among them. Equal as JSON:
 * a string, number, boolean or null is its own key; an array or object is keyed by its JSON text. */
function distinct(values: Json[]): { d: Json[]; i: number[] } {
  const d: Json[] = [];
  const [primitives, texts] = [new Map<Json, number>(), new Map<string, number>()];
  const i = values.map((v) => {
    const [index, id] = v !== null && typeof v === "object" ? ([texts, JSON.stringify(v)] as const) : ([primitives, v] as const);
    let at = (index as Map<Json, number>).get(id);
    if (at === undefined) {
      at = d.length;
      (index as Map<Json, number>).set(id, at);
      d.push(v);
    }
    return at;
  });
  return { d, i };
}

function dictionary(values: Json[]): Dictionary {
  const { d, i } = distinct(values);
  return { d, i: encodeInts(i) };
}

const MAX_SCALE = 6;

/** The numbers as integers value × 10^scale (the smallest scale that restores every one), or null
 * when they are not all numbers (or null) with few decimals. */
function integers(values: Json[]): { scale: number; n: Array<number | null> } | null {
  if (!values.every((v) => v === null || isNumber(v))) return null;
  const numbers = values.filter(isNumber);
  if (numbers.length < 2) return null;
  for (let scale = 0; scale <= MAX_SCALE; scale++) {
    const f = 10 ** scale;
    if (numbers.every((v) => Math.abs(v * f) < MAX_INT && Math.round(v * f) / f === v)) {
      return { scale, n: values.map((v) => (v === null ? null : Math.round((v as number) * f))) };
    }
  }
  return null;
}

function steps(n: Array<number | null>): Array<number | null> {
  let previous = 0;
  return n.map((v) => {
    if (v === null) return null;
    const step = v - previous;
    previous = v;
    return step;
  });
}

/** `values` as a function of `by` (same rows), or null when two rows with one value of `by` differ. */
function functionOf(values: Json[], by: { d: Json[]; i: number[] }): Json[] | null {
  const d: Array<Json | undefined> = new Array(by.d.length);
  const seen = new Array<string | undefined>(by.d.length);
  for (let r = 0; r < values.length; r++) {
    const id = JSON.stringify(values[r]);
    const k = by.i[r];
    if (seen[k] === undefined) [seen[k], d[k]] = [id, values[r]];
    else if (seen[k] !== id) return null;
  }
  return d as Json[];
}

function shortest<T>(candidates: T[]): T {
  let best = candidates[0];
  let bestLength = JSON.stringify(best).length;
  for (const c of candidates.slice(1)) {
    const length = JSON.stringify(c).length;
    if (length < bestLength) [best, bestLength] = [c, length];
  }
  return best;
}

/** The candidate forms of one column; `earlier` are the distinct values of the columns before it. */
function encodeValues(values: Json[], earlier: Array<{ d: Json[]; i: number[] }> = []): Values {
  const candidates: Values[] = [{ plain: values }];
  const dict = distinct(values);
  if (dict.d.length < values.length) candidates.push({ dict: { d: dict.d, i: encodeInts(dict.i) } });
  const ints = integers(values);
  if (ints) {
    candidates.push({ delta: { scale: ints.scale, d: encodeInts(steps(ints.n)) } });
    candidates.push({ scaled: { scale: ints.scale, d: encodeInts(ints.n) } });
  }
  earlier.forEach((by, of) => {
    if (by.d.length >= values.length || by.d.length < dict.d.length) return;
    const d = functionOf(values, by);
    if (d) candidates.push({ of, d });
  });
  return shortest(candidates);
}

/** Fields that are the exact sum or difference of two others held by the same records; an operand
 * is always stored, never derived itself. */
function derivedFields(byName: Map<string, Json[]>, holders: Map<string, string>): Map<string, Derived> {
  const numeric = [...byName.keys()].filter((name) => byName.get(name)!.every(isNumber));
  const derived = new Map<string, Derived>();
  const operands = new Set<string>();
  for (const name of numeric) {
    if (operands.has(name)) continue;
    const c = byName.get(name) as number[];
    const usable = numeric.filter((o) => o !== name && !derived.has(o) && holders.get(o) === holders.get(name));
    const find = (): Derived | null => {
      for (const a of usable) {
        for (const b of usable) {
          if (a === b) continue;
          const [x, y] = [byName.get(a) as number[], byName.get(b) as number[]];
          if (a < b && c.every((v, k) => Object.is(x[k] + y[k], v))) return { sum: [a, b] };
          if (c.every((v, k) => Object.is(x[k] - y[k], v))) return { difference: [a, b] };
        }
      }
      return null;
    };
    const d = find();
    if (!d) continue;
    derived.set(name, d);
    for (const o of "sum" in d ? d.sum : d.difference) operands.add(o);
  }
  return derived;
}

function encodeRecords(records: Array<{ [key: string]: Json }>): RecordColumn {
  const keys = dictionary(records.map((r) => Object.keys(r)));
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const byName = new Map(names.map((name) => [name, records.filter((r) => name in r).map((r) => r[name])]));
  const holders = new Map(names.map((name) => [name, records.map((r) => (name in r ? "1" : "0")).join("")]));
  const derived = derivedFields(byName, holders);
  return { keys, names, fields: names.map((name) => derived.get(name) ?? encodeValues(byName.get(name)!)) };
}

/** A fresh copy, so rows never share an array or object. */
function copy(v: Json): Json {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(copy);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

function decodeValues(column: Values, earlier: Json[][]): Json[] {
  if ("plain" in column) return column.plain;
  if ("dict" in column) return decodeInts(column.dict.i).map((at) => copy(column.dict.d[at!]));
  if ("of" in column) {
    const ranks = distinct(earlier[column.of]).i;
    return ranks.map((k) => copy(column.d[k]));
  }
  const { scale, d } = "delta" in column ? column.delta : column.scaled;
  const f = 10 ** scale;
  const n = decodeInts(d);
  if ("scaled" in column) return n.map((v) => (v === null ? null : v / f));
  let sum = 0;
  return n.map((step) => (step === null ? null : (sum += step) / f));
}

function decodeRecords(column: RecordColumn, rowCount: number): Json[] {
  const { keys, names, fields } = column;
  const byName = new Map<string, Json[]>();
  fields.forEach((field, k) => {
    if (!("sum" in field) && !("difference" in field)) byName.set(names[k], decodeValues(field, []));
  });
  fields.forEach((field, k) => {
    if ("sum" in field) {
      const [a, b] = field.sum.map((name) => byName.get(name) as number[]);
      byName.set(names[k], a.map((x, j) => x + b[j]));
    } else if ("difference" in field) {
      const [a, b] = field.difference.map((name) => byName.get(name) as number[]);
      byName.set(names[k], a.map((x, j) => x - b[j]));
    }
  });
  const fieldsByName = new Map([...byName].map(([name, values]) => [name, { values, next: 0 }]));
  const keySets = decodeInts(keys.i).map((at) => keys.d[at!] as string[]);
  const out: Json[] = [];
  for (let r = 0; r < rowCount; r++) {
    const record: { [key: string]: Json } = {};
    for (const key of keySets[r]) {
      const field = fieldsByName.get(key)!;
      record[key] = copy(field.values[field.next++]);
    }
    out.push(record);
  }
  return out;
}

/** Equal as JSON values, including the order of object keys (and -0 apart from 0). */
function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson(a[k], b[k]));
  }
  return Object.is(a, b);
}

/**
 * The columnar form of a dataset ({ meta, rows }), or null when it does not fit the form (rows that
 * differ in their properties, or a value the form cannot restore exactly): then ship it as it is.
 */
export function encodeDataset(dataset: unknown): ColumnarDataset | null {
  const ds = dataset as { meta?: Json; rows?: Json };
  if (!isRecord(dataset as Json) || !Array.isArray(ds.rows) || Object.keys(dataset as object).join() !== "meta,rows") return null;
  const rows = ds.rows as Json[];
  if (rows.length === 0 || !rows.every(isRecord)) return null;
  const properties = Object.keys(rows[0] as Row);
  if (!rows.every((r) => Object.keys(r as Row).join("\u0000") === properties.join("\u0000"))) return null;
  const earlier: Array<{ d: Json[]; i: number[] }> = [];
  const columns = properties.map((p): Column => {
    const values = rows.map((r) => (r as Row)[p]);
    const column = values.every(isRecord) ? { record: encodeRecords(values as Array<{ [key: string]: Json }>) } : encodeValues(values, earlier);
    earlier.push(distinct(values));
    return column;
  });
  const encoded: ColumnarDataset = { columnar: 3, meta: ds.meta ?? null, rowCount: rows.length, properties, columns };
  return sameJson(decodeDataset(JSON.parse(JSON.stringify(encoded))) as unknown as Json, dataset as Json) ? encoded : null;
}

/** The dataset back from its columnar form. */
export function decodeDataset(encoded: ColumnarDataset): { meta: unknown; rows: unknown[] } {
  const columns: Json[][] = [];
  for (const c of encoded.columns) columns.push("record" in c ? decodeRecords(c.record, encoded.rowCount) : decodeValues(c, columns));
  const rows: Row[] = [];
  for (let r = 0; r < encoded.rowCount; r++) {
    const row: Row = {};
    encoded.properties.forEach((p, c) => (row[p] = columns[c][r]));
    rows.push(row);
  }
  return { meta: encoded.meta, rows };
}
