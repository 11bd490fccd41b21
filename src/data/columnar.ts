/**
 * A columnar form of a dataset, made at bundle time so the add-in ships its reference data compactly;
 * the committed JSON files stay the source of truth. `decodeDataset(encodeDataset(ds))` rebuilds an
 * object equal to `ds` in every value and key order (checked before the form is used), so the API in
 * ./index.ts never sees the difference.
 *
 * Each row property becomes one column; the `values` and `text` records become the list of their key
 * sets plus one column per key. A column is stored whichever way its JSON is shortest (which, for
 * the whole bundle, gzips smaller than choosing by each column's own gzip size):
 *   plain  the values as they are;
 *   dict   each distinct value once, and an index per row (keys, labels, variants, notes, flags);
 *   delta  numbers as integers (value × 10^scale) minus the previous one: a series by year such as
 *          a country's governance scores changes by little from row to row.
 * Pure: no Node, DOM or Office.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Row = Record<string, Json>;

/** Row i holds `d[i[i]]`. */
interface Dictionary {
  d: Json[];
  i: number[];
}

/** Row i holds (d[0] + … + d[i]) / 10^scale; a null stays null and does not move the sum. */
interface Delta {
  scale: number;
  d: Array<number | null>;
}

type Values = { plain: Json[] } | { dict: Dictionary } | { delta: Delta };

/** Row i has the keys `keys.d[keys.i[i]]`; the values of key `names[k]`, in row order, are `fields[k]`. */
interface RecordColumn {
  keys: Dictionary;
  names: string[];
  fields: Values[];
}

type Column = Values | { record: RecordColumn };

export interface ColumnarDataset {
  columnar: 2;
  meta: Json;
  rowCount: number;
  /** The rows' property names, in their order. */
  properties: string[];
  columns: Column[];
}

const isRecord = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

function dictionary(values: Json[]): Dictionary {
  const d: Json[] = [];
  const index = new Map<string, number>();
  const i = values.map((v) => {
    const id = JSON.stringify(v);
    let at = index.get(id);
    if (at === undefined) {
      at = d.length;
      index.set(id, at);
      d.push(v);
    }
    return at;
  });
  return { d, i };
}

const MAX_SCALE = 6;

/** The numbers as scaled integer steps, or null when they are not all numbers with few decimals. */
function delta(values: Json[]): Delta | null {
  if (!values.every((v) => v === null || typeof v === "number")) return null;
  const numbers = values.filter((v): v is number => typeof v === "number");
  if (numbers.length < 2) return null;
  for (let scale = 0; scale <= MAX_SCALE; scale++) {
    const f = 10 ** scale;
    if (!numbers.every((v) => Math.abs(v * f) < 2 ** 52 && Math.round(v * f) / f === v)) continue;
    let previous = 0;
    const d = values.map((v) => {
      if (v === null) return null;
      const n = Math.round((v as number) * f);
      const step = n - previous;
      previous = n;
      return step;
    });
    return { scale, d };
  }
  return null;
}

function encodeValues(values: Json[]): Values {
  const candidates: Values[] = [{ plain: values }];
  const dict = dictionary(values);
  if (dict.d.length < values.length) candidates.push({ dict });
  const steps = delta(values);
  if (steps) candidates.push({ delta: steps });
  let best = candidates[0];
  let bestLength = JSON.stringify(best).length;
  for (const c of candidates.slice(1)) {
    const length = JSON.stringify(c).length;
    if (length < bestLength) [best, bestLength] = [c, length];
  }
  return best;
}

function encodeColumn(values: Json[]): Column {
  if (values.length > 0 && values.every(isRecord)) {
    const records = values as Array<{ [key: string]: Json }>;
    const keys = dictionary(records.map((r) => Object.keys(r)));
    const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const fields = names.map((name) => encodeValues(records.filter((r) => name in r).map((r) => r[name])));
    return { record: { keys, names, fields } };
  }
  return encodeValues(values);
}

/** A fresh copy, so rows never share an array or object. */
function copy(v: Json): Json {
  if (Array.isArray(v)) return v.map(copy);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

function decodeValues(column: Values): Json[] {
  if ("plain" in column) return column.plain;
  if ("dict" in column) return column.dict.i.map((at) => copy(column.dict.d[at]));
  const f = 10 ** column.delta.scale;
  let sum = 0;
  return column.delta.d.map((step) => (step === null ? null : (sum += step) / f));
}

function decodeColumn(column: Column, rowCount: number): Json[] {
  if (!("record" in column)) return decodeValues(column);
  const { keys, names, fields } = column.record;
  const byName = new Map(names.map((name, k) => [name, { values: decodeValues(fields[k]), next: 0 }]));
  const out: Json[] = [];
  for (let r = 0; r < rowCount; r++) {
    const record: { [key: string]: Json } = {};
    for (const key of keys.d[keys.i[r]] as string[]) {
      const field = byName.get(key)!;
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
  const encoded: ColumnarDataset = {
    columnar: 2,
    meta: ds.meta ?? null,
    rowCount: rows.length,
    properties,
    columns: properties.map((p) => encodeColumn(rows.map((r) => (r as Row)[p]))),
  };
  return sameJson(decodeDataset(JSON.parse(JSON.stringify(encoded))) as unknown as Json, dataset as Json) ? encoded : null;
}

/** The dataset back from its columnar form. */
export function decodeDataset(encoded: ColumnarDataset): { meta: unknown; rows: unknown[] } {
  const columns = encoded.columns.map((c) => decodeColumn(c, encoded.rowCount));
  const rows: Row[] = [];
  for (let r = 0; r < encoded.rowCount; r++) {
    const row: Row = {};
    encoded.properties.forEach((p, c) => (row[p] = columns[c][r]));
    rows.push(row);
  }
  return { meta: encoded.meta, rows };
}
