/**
 * The reference data as the model reads it: rows by key (indexed once per dataset, since a
 * History sheet builds hundreds of bases), the preferred edition of a row, and the years an input
 * has. Only the src/data API underneath.
 */
import { getDataset, type DataRow, type Dataset } from "../data";

const BY_KEY = new WeakMap<Dataset, Map<string, DataRow[]>>();

function index(ds: Dataset): Map<string, DataRow[]> {
  let map = BY_KEY.get(ds);
  if (!map) {
    map = new Map();
    for (const r of ds.rows) {
      const list = map.get(r.key);
      if (list) list.push(r);
      else map.set(r.key, [r]);
    }
    BY_KEY.set(ds, map);
  }
  return map;
}

/** Every row of dataset `id` for `key` (empty when none). */
export function rowsFor(id: string, key: string): readonly DataRow[] {
  return index(getDataset(id)).get(key) ?? [];
}

/** Every row of dataset `id`. */
export function allRows(id: string): readonly DataRow[] {
  return getDataset(id).rows;
}

/** A row's rank among the dataset's editions or sources (0 = preferred; rows without variants 0). */
export function variantRank(id: string, variant: string | null): number {
  const order = getDataset(id).meta.variants?.order ?? [];
  return variant === null ? 0 : order.indexOf(variant);
}

/** The preferred row (latest edition first) among `rows`, or undefined. */
export function preferred(id: string, rows: readonly DataRow[]): DataRow | undefined {
  let best: DataRow | undefined;
  for (const r of rows) if (!best || variantRank(id, r.variant) < variantRank(id, best.variant)) best = r;
  return best;
}

/** The numeric value of `field`, or null (missing, or printed as text). */
export function num(r: DataRow | undefined, field: string): number | null {
  const v = r?.values[field];
  return typeof v === "number" ? v : null;
}

/** The years of `key` in `id` that have a row for which `keep` holds. */
export function yearsOf(id: string, key: string, keep: (r: DataRow) => boolean): number[] {
  const years = new Set<number>();
  for (const r of rowsFor(id, key)) if (r.year !== null && keep(r)) years.add(r.year);
  return [...years].sort((a, b) => a - b);
}

/** The preferred row of `key` for `year` among those for which `keep` holds. */
export function rowIn(id: string, key: string, year: number, keep: (r: DataRow) => boolean = () => true): DataRow | undefined {
  return preferred(
    id,
    rowsFor(id, key).filter((r) => r.year === year && keep(r)),
  );
}

/** The dataset's meta. */
export function metaOf(id: string): Dataset["meta"] {
  return getDataset(id).meta;
}
