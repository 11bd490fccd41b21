/**
 * A columnar form of a dataset, made at bundle time so the add-in ships its reference data compactly;
 * the committed JSON files stay the source of truth. `decodeDataset(encodeDataset(ds))` rebuilds an
 * object equal to `ds` in every value and key order (the bundler checks that before using it), so
 * the API in ./index.ts never sees the difference.
 *
 * Each row property becomes one column: repeated values (keys, labels, variants, notes, flags) are
 * stored once in a dictionary and referred to by index; the `values` and `text` records become the
 * list of their key sets plus their values in row order. Pure: no Node, DOM or Office.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Row = Record<string, Json>;

/** A column of whole values, stored once each: row i holds `d[i[i]]`. */
interface Dictionary {
  d: Json[];
  i: number[];
}

/** A column of records: row i has the keys `keys.d[keys.i[i]]`, filled in order from `values`. */
interface RecordColumn {
  keys: Dictionary;
  values: Json[] | Dictionary;
}

type Column = { plain: Json[] } | { dict: Dictionary } | { record: RecordColumn };

export interface ColumnarDataset {
  columnar: 1;
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

/** A dictionary where it saves room (values repeat), else the values as they are. */
function compact(values: Json[]): { plain: Json[] } | { dict: Dictionary } {
  const dict = dictionary(values);
  return dict.d.length * 2 <= values.length ? { dict } : { plain: values };
}

function encodeColumn(values: Json[]): Column {
  if (values.length > 0 && values.every(isRecord)) {
    const records = values as Array<{ [key: string]: Json }>;
    const keys = dictionary(records.map((r) => Object.keys(r)));
    const flat = records.flatMap((r) => Object.values(r));
    const inner = compact(flat);
    return { record: { keys, values: "dict" in inner ? inner.dict : inner.plain } };
  }
  return compact(values);
}

/** A fresh copy, so rows never share an array or object. */
function copy(v: Json): Json {
  if (Array.isArray(v)) return v.map(copy);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

function decodeColumn(column: Column, rowCount: number): Json[] {
  if ("plain" in column) return column.plain;
  if ("dict" in column) return column.dict.i.map((at) => copy(column.dict.d[at]));
  const { keys, values } = column.record;
  const flat = Array.isArray(values) ? values : values.i.map((at) => values.d[at]);
  let next = 0;
  const out: Json[] = [];
  for (let r = 0; r < rowCount; r++) {
    const record: { [key: string]: Json } = {};
    for (const key of keys.d[keys.i[r]] as string[]) record[key] = copy(flat[next++]);
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
    columnar: 1,
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
