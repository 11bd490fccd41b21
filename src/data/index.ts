/**
 * The reference datasets and their lookups: the API that formulas, the task pane, the CLI and the
 * vulnerability model use. Pure (no Node, DOM or Office). Errors are the core's typed errors:
 * `invalid` (→ #VALUE!) for a wrong argument, `missing` (→ #N/A) for a value the data lacks.
 *
 * Stable API (do not change signatures; add new functions instead):
 *   listDatasets(): DatasetMeta[]                       catalogue, in catalogue order
 *   getDataset(id): Dataset                             #VALUE! naming the nearest ids if unknown
 *   datasetIds(): string[]
 *   resolveKey(id, text): string                        country name/alias/ISO3 → ISO3, or figure/company/item id
 *   lookup(id, key, year?, field?): Lookup              one value with its row, variant (edition) and flags
 *   lookupText(id, key, year?, field?): string|number   as lookup, also text fields ("edition", "flags",
 *                                                       "note", "printed", "unit", "<field>.flags" …)
 *   value(id, key, year?, field?): number               lookup(...).value
 *   worldShare(id, key, year): ShareResult              value / the source's own world total, same variant
 *   countryRows(id, year, field?): CountryRows          every country's value for a year (chosen variant),
 *                                                       without aggregates, plus the source's world total
 *   series(id, key?, fromYear?, toYear?): Table         header row + rows, ready to chart
 *   citation(id): string                                one-line citation
 *   catalogue(): Table                                  id, title, publisher, units, coverage
 *   resolveCountry(text, argName?) / findCountry(text)  from ./countries
 * `year` null/undefined = the rows without a year if there are any, else the latest year with a value.
 * `field` null/undefined = the dataset's default field; "field@variant" or "variant" picks an
 * edition/source/batch explicitly (e.g. "production@MCS 2025", "MCS 2024").
 */
import { quote } from "../quote";
import { invalid, missing } from "../errors";
import { countryByIso3, findCountry, nearest, normaliseName, resolveCountry } from "./countries";
import type { DataRow, Dataset, DatasetMeta, Flag } from "./schema";
import { DATASETS } from "./generated/datasets";
import { compactYears } from "./years";

export { COUNTRIES, countryName, findCountry, resolveCountry } from "./countries";
export type { Country } from "./countries";
export type { DataRow, Dataset, DatasetMeta, Flag } from "./schema";

export type Cell = string | number | null;
export type Table = Cell[][];

export interface Lookup {
  dataset: string;
  key: string;
  label: string;
  year: number | null;
  field: string;
  /** The edition, source or batch the value comes from; null for datasets without variants. */
  variant: string | null;
  value: number;
  flags: readonly Flag[];
  row: DataRow;
}

export interface ShareResult {
  share: number;
  value: number;
  worldTotal: number;
  variant: string | null;
  year: number;
}

export interface CountryRows {
  dataset: string;
  year: number;
  field: string;
  rows: Array<{ key: string; label: string; value: number; variant: string | null; flags: readonly Flag[] }>;
  /** The source's own world total for that year (from the variant of most rows), or null if it gives none. */
  worldTotal: number | null;
}

/** Text fields DATA can return besides the numeric ones. */
export const TEXT_FIELDS = ["variant", "edition", "source", "batch", "scope", "flags", "note", "printed", "unit", "label", "period"] as const;

const SCOPED_FIELDS = new WeakMap<Dataset, string[]>();

/** The fields whose rows state what the figure covers ("mining_scope": all rare earths, or magnet
 * rare earths only), in the order of the dataset's fields. Found once per dataset: every DATA call
 * resolves its field through here, and the answer needs a pass over the rows. */
function scopedFields(ds: Dataset): string[] {
  let found = SCOPED_FIELDS.get(ds);
  if (!found) {
    found = ds.meta.fields.map((f) => f.name).filter((f) => ds.rows.some((r) => `${f}_scope` in r.text));
    SCOPED_FIELDS.set(ds, found);
  }
  return found;
}

const BY_ID = new Map<string, Dataset>(DATASETS.map((d) => [d.meta.id, d]));

export function datasetIds(): string[] {
  return DATASETS.map((d) => d.meta.id);
}

export function listDatasets(): DatasetMeta[] {
  return DATASETS.map((d) => d.meta);
}

export function getDataset(id: string): Dataset {
  const ds = BY_ID.get(id.trim().toLowerCase());
  if (ds) return ds;
  const near = nearest(id, datasetIds(), 3);
  throw invalid(`dataset ${quote(id)} is not known; did you mean ${near.map((n) => `"${n}"`).join(" or ")}? (CHOKEPOINT.DATASETS() lists all)`);
}

function keyLabel(ds: Dataset, key: string): string {
  const row = ds.rows.find((r) => r.key === key);
  if (ds.meta.keyKind === "country") return countryByIso3(key)?.name ?? row?.label ?? key;
  return row?.label ?? key;
}

/** The dataset's key for what the user typed: a country (any alias) or an id/label of the dataset. */
export function resolveKey(id: string, text: string): string {
  const ds = getDataset(id);
  const keys = ds.meta.coverage.keys;
  const wanted = normaliseName(text);
  const direct = keys.find((k) => normaliseName(k) === wanted);
  if (direct) return direct;
  const byLabel = ds.rows.find((r) => normaliseName(r.label) === wanted);
  if (byLabel) return byLabel.key;
  if (ds.meta.keyKind === "country") {
    const country = findCountry(text);
    if (country) return country.iso3;
    // Group keys of country datasets (e.g. "TOP3") were matched above; anything else is unknown.
    return resolveCountry(text).iso3;
  }
  const near = nearest(text, keys, 4);
  throw invalid(`${ds.meta.id}: ${quote(text)} is not a key of this dataset; did you mean ${near.map((n) => `"${n}"`).join(" or ")}?`);
}

interface FieldChoice {
  field: string;
  variant: string | null;
  textField: (typeof TEXT_FIELDS)[number] | null;
}

function resolveVariant(ds: Dataset, text: string): string {
  const variants = ds.meta.variants;
  if (!variants) throw invalid(`${ds.meta.id} has no editions or sources to choose from; remove ${quote(`@${text}`)} from the field`);
  const squash = (s: string) => normaliseName(s).replace(/[^a-z0-9]/g, "");
  const t = squash(text);
  const exact = variants.order.find((v) => squash(v) === t);
  if (exact) return exact;
  const partial = variants.order.filter((v) => squash(v).includes(t));
  if (partial.length === 1) return partial[0];
  const list = (partial.length > 1 ? partial : variants.order).map((v) => `"${v}"`).join(", ");
  throw invalid(`${ds.meta.id}: ${variants.label} ${quote(text)} is ${partial.length > 1 ? "ambiguous" : "not known"}; use one of: ${list}`);
}

function resolveField(ds: Dataset, field: string | null | undefined): FieldChoice {
  const names = ds.meta.fields.map((f) => f.name);
  if (field === null || field === undefined || field.trim() === "") return { field: ds.meta.defaultField, variant: null, textField: null };
  const [name, variantText] = field.includes("@") ? field.split("@", 2).map((s) => s.trim()) : [field.trim(), ""];
  let variant: string | null = null;
  if (variantText) variant = resolveVariant(ds, variantText);
  const lower = name.toLowerCase();
  if (name === "") return { field: ds.meta.defaultField, variant, textField: null };
  const numeric =
    names.find((n) => n === lower) ??
    (/^\d{6}$/.test(lower) ? names.find((n) => n === `import_value_hs${lower}`) ?? names.find((n) => n.endsWith(`hs${lower}`)) : undefined);
  if (numeric) return { field: numeric, variant, textField: null };
  const textField = TEXT_FIELDS.find((t) => t === lower);
  if (textField) return { field: ds.meta.defaultField, variant, textField };
  // "mining_scope": what the mining figure covers, as the source states it.
  const scoped = scopedFields(ds).find((f) => lower === `${f}_scope`);
  if (scoped) return { field: scoped, variant, textField: "scope" };
  // "<field>.<text field>", e.g. "total_reo_production.flags": the text of that field's row.
  const dot = lower.lastIndexOf(".");
  const suffix = dot > 0 ? TEXT_FIELDS.find((t) => t === lower.slice(dot + 1)) : undefined;
  if (suffix && names.includes(lower.slice(0, dot))) return { field: lower.slice(0, dot), variant, textField: suffix };
  if (!variant && ds.meta.variants && !field.includes("@")) {
    // A bare edition or source name, e.g. "MCS 2024".
    const squash = (s: string) => normaliseName(s).replace(/[^a-z0-9]/g, "");
    const v = ds.meta.variants.order.find((o) => squash(o) === squash(name));
    if (v) return { field: ds.meta.defaultField, variant: v, textField: null };
  }
  // Hints name value fields first: a near value field is what a mistyped field almost always meant;
  // the text fields are offered after them, and only those that apply to this dataset.
  const valueFields = names.filter((n) => n !== "lower_bound");
  const textFields: string[] = TEXT_FIELDS.filter((t) =>
    t === "variant" ? ds.meta.variants !== null : ["edition", "source", "batch"].includes(t) ? ds.meta.variants?.label === t : t === "scope" ? scopedFields(ds).length > 0 : true,
  );
  textFields.push(...scopedFields(ds).map((f) => `${f}_scope`));
  const near = nearest(name, valueFields, 1)[0];
  const closeText = textFields.find((t) => normaliseName(t) === normaliseName(name).replace(/s$/, ""));
  const guess = closeText ?? near;
  const listed = valueFields.length <= 12 ? valueFields.map((n) => `"${n}"`).join(", ") : `${valueFields.slice(0, 10).map((n) => `"${n}"`).join(", ")} and ${valueFields.length - 10} more (npx chokepoint datasets ${ds.meta.id} lists them)`;
  throw invalid(`${ds.meta.id}: field ${quote(name)} is not known; did you mean "${guess}"? Value fields: ${listed}; text fields: ${textFields.map((t) => `"${t}"`).join(", ")}`);
}

function variantRank(ds: Dataset, variant: string | null): number {
  return variant === null || !ds.meta.variants ? 0 : ds.meta.variants.order.indexOf(variant);
}

function describeYear(year: number | null): string {
  return year === null ? "undated" : String(year);
}

function coverageText(ds: Dataset): string {
  return ds.meta.coverage.summary;
}

/** Rows for key and field (the field present, value possibly null), grouped by year. */
function rowsFor(ds: Dataset, key: string, field: string): DataRow[] {
  return ds.rows.filter((r) => r.key === key && Object.prototype.hasOwnProperty.call(r.values, field));
}

/** The chosen row for one key and year among its variants, by the dataset's policy. */
function chooseRow(ds: Dataset, candidates: DataRow[], variant: string | null): DataRow | undefined {
  if (variant !== null) return candidates.find((r) => r.variant === variant);
  if (!ds.meta.variants) return candidates[0];
  const sorted = [...candidates].sort((a, b) => variantRank(ds, a.variant) - variantRank(ds, b.variant));
  if (ds.meta.variants.policy === "explicit") return sorted.find((r) => r.variant === ds.meta.variants!.order[0]);
  return sorted[0];
}

function missingValueMessage(ds: Dataset, row: DataRow, field: string, name: string): string {
  const where = row.variant ? ` in ${row.variant}` : "";
  const printed = row.text.printed ? `printed as "${row.text.printed}"` : "not given";
  const bound = row.flags.includes("lower_bound") ? " (a lower bound, not a value)" : "";
  const note = row.note ? `; note: ${row.note.length > 160 ? `${row.note.slice(0, 157)}...` : row.note}` : "";
  return `${ds.meta.id}: the ${describeYear(row.year)} ${field} for ${name} is ${printed}${bound}${where}${note}`;
}

/** One value with its provenance. Throws invalid/missing with a message naming dataset and gap. */
export function lookup(id: string, key: string, year?: number | null, field?: string | null): Lookup {
  const ds = getDataset(id);
  const k = resolveKey(id, key);
  const choice = resolveField(ds, field);
  const name = keyLabel(ds, k);
  const f = choice.field;
  const all = rowsFor(ds, k, f);
  if (year !== null && year !== undefined && !Number.isInteger(year)) throw invalid(`year must be a whole number; got ${year}`);
  let yearRows: DataRow[];
  let y: number | null;
  if (year === null || year === undefined) {
    // The latest observed year; else the undated rows; projections only as a last resort.
    const dated = all.filter((r) => r.year !== null && r.values[f] !== null);
    const observed = dated.filter((r) => !r.flags.includes("projection"));
    const undated = all.filter((r) => r.year === null);
    if (observed.length > 0 || (undated.length === 0 && dated.length > 0)) {
      y = Math.max(...(observed.length > 0 ? observed : dated).map((r) => r.year as number));
      yearRows = all.filter((r) => r.year === y);
    } else if (undated.length > 0) {
      yearRows = undated;
      y = null;
    } else {
      throw missing(`${ds.meta.id}: no ${f} value for ${name}; coverage: ${coverageText(ds)}`);
    }
  } else {
    y = year;
    yearRows = all.filter((r) => r.year === year);
    if (yearRows.length === 0 && ds.meta.keyKind === "figure") {
      // A figure has one year or none: a different year is a wrong argument, not a gap in the data,
      // and silently returning the figure would let a formula claim a year the source never gave.
      const own = [...new Set(all.map((r) => r.year))];
      if (own.length > 0 && own.every((v) => v === null)) {
        throw invalid(`${ds.meta.id}: "${k}" is undated (the source states no year for it); leave year blank`);
      }
      const dated = own.filter((v): v is number => v !== null).sort((a, b) => a - b);
      if (dated.length > 0) {
        throw invalid(`${ds.meta.id}: "${k}" is stated for ${compactYears(dated)}, not ${year}; give that year or leave year blank`);
      }
    }
  }
  if (yearRows.length === 0) {
    const years = [...new Set(all.map((r) => r.year).filter((v): v is number => v !== null))].sort((a, b) => a - b);
    const has = years.length > 0 ? `years with a value for ${name}: ${compactYears(years)}` : `coverage: ${coverageText(ds)}`;
    throw missing(`${ds.meta.id}: no ${describeYear(y)} value for ${name}${f === ds.meta.defaultField ? "" : ` (field ${f})`}; ${has}`);
  }
  const row = chooseRow(ds, yearRows, choice.variant);
  if (!row) {
    const present = [...new Set(yearRows.map((r) => r.variant))].join(", ");
    const asked = choice.variant ?? ds.meta.variants?.order[0];
    throw missing(`${ds.meta.id}: no ${describeYear(y)} value for ${name} in ${asked}; values exist for ${ds.meta.variants?.label ?? "variant"}: ${present} (ask with field "${f}@${yearRows[0].variant}")`);
  }
  const v = row.values[f];
  if (choice.textField === null && (v === null || v === undefined)) throw missing(missingValueMessage(ds, row, f, name));
  return {
    dataset: ds.meta.id,
    key: k,
    label: name,
    year: row.year,
    field: f,
    variant: row.variant,
    value: v ?? NaN,
    flags: row.flags,
    row,
  };
}

/** A text field of the looked-up row (edition, flags, note …), for DATA(…, "edition"). */
export function lookupText(id: string, key: string, year?: number | null, field?: string | null): string | number {
  const ds = getDataset(id);
  const choice = resolveField(ds, field);
  if (choice.textField === null) return lookup(id, key, year, field).value;
  const base = choice.variant ? `${choice.field}@${choice.variant}` : choice.field;
  const found = (() => {
    try {
      return lookup(id, key, year, base).row;
    } catch (e) {
      // A missing number still has its row: find it for the text fields.
      const k = resolveKey(id, key);
      const row = ds.rows.find((r) => r.key === k && (year === null || year === undefined || r.year === year) && r.values[choice.field] === null);
      if (row) return row;
      throw e;
    }
  })();
  switch (choice.textField) {
    case "variant":
    case "edition":
    case "source":
    case "batch":
      if (found.variant === null) throw missing(`${ds.meta.id} has no editions or sources; the whole dataset is one source: ${ds.meta.publisher}`);
      return found.variant;
    case "scope": {
      const scope = found.text[`${choice.field}_scope`];
      if (scope === undefined) throw missing(`${ds.meta.id}: the source states no scope for ${choice.field} of ${found.label}${found.year === null ? "" : ` in ${found.year}`}`);
      return scope;
    }
    case "flags":
      return found.flags.join(", ");
    case "note":
      return found.note;
    case "label":
      return found.label;
    case "period":
      return found.period ?? (found.year === null ? "" : String(found.year));
    case "unit":
      return found.text.unit ?? ds.meta.fields.find((f) => f.name === choice.field)!.unit;
    case "printed": {
      const p = found.text.printed;
      if (p !== undefined) return p;
      const n = found.values[choice.field];
      return n === null || n === undefined ? "" : n;
    }
  }
}

export function value(id: string, key: string, year?: number | null, field?: string | null): number {
  return lookup(id, key, year, field).value;
}

/** value / the source's own world total for the same year and the same edition or source. */
export function worldShare(id: string, key: string, year: number): ShareResult {
  const ds = getDataset(id);
  if ("unavailable" in ds.meta.share) throw missing(`${ds.meta.id}: ${ds.meta.share.unavailable}`);
  const worldKey = ds.meta.share.worldKey;
  const part = lookup(id, key, year);
  const f = ds.meta.defaultField;
  const totalRow = ds.rows.find((r) => r.key === worldKey && r.year === year && r.variant === part.variant && f in r.values);
  const where = part.variant ? `${part.variant}` : ds.meta.publisher;
  if (!totalRow) throw missing(`${ds.meta.id}: ${where} gives no world total for ${year}, so ${part.label}'s share cannot be computed`);
  const total = totalRow.values[f];
  if (total === null || total === undefined) throw missing(missingValueMessage(ds, totalRow, f, "the world"));
  if (total <= 0) throw missing(`${ds.meta.id}: the world total for ${year} in ${where} is ${total}, so no share can be computed`);
  return { share: part.value / total, value: part.value, worldTotal: total, variant: part.variant, year };
}

/** Every country's value for one year (chosen variant each), aggregates left out, and the world total. */
export function countryRows(id: string, year: number, field?: string | null): CountryRows {
  const ds = getDataset(id);
  const choice = resolveField(ds, field);
  if (choice.textField) throw invalid(`${ds.meta.id}: countryRows needs a numeric field, not "${choice.textField}"`);
  const keys = [...new Set(ds.rows.filter((r) => r.year === year).map((r) => r.key))];
  const out: CountryRows["rows"] = [];
  const variantsUsed = new Map<string | null, number>();
  for (const key of keys) {
    const candidates = rowsFor(ds, key, choice.field).filter((r) => r.year === year);
    const row = chooseRow(ds, candidates, choice.variant);
    if (!row) continue;
    const v = row.values[choice.field];
    const country = countryByIso3(key);
    if (ds.meta.keyKind === "country" && country?.kind === "aggregate") continue;
    if (v === null || v === undefined) continue;
    out.push({ key, label: keyLabel(ds, key), value: v, variant: row.variant, flags: row.flags });
    variantsUsed.set(row.variant, (variantsUsed.get(row.variant) ?? 0) + 1);
  }
  let worldTotal: number | null = null;
  if ("worldKey" in ds.meta.share) {
    const main = [...variantsUsed.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const worldKey = ds.meta.share.worldKey;
    const totalRow = ds.rows.find((r) => r.key === worldKey && r.year === year && r.variant === main);
    worldTotal = totalRow?.values[choice.field] ?? null;
  }
  if (out.length === 0) throw missing(`${ds.meta.id}: no ${choice.field} values for ${year}; coverage: ${coverageText(ds)}`);
  out.sort((a, b) => b.value - a.value);
  return { dataset: ds.meta.id, year, field: choice.field, rows: out, worldTotal };
}

function fieldHeader(ds: Dataset, field: string): string {
  const f = ds.meta.fields.find((x) => x.name === field)!;
  return f.unit ? `${f.name} (${f.unit})` : f.name;
}

function inRange(year: number | null, from?: number | null, to?: number | null): boolean {
  if (year === null) return from === null || from === undefined ? to === null || to === undefined : false;
  return (from === null || from === undefined || year >= from) && (to === null || to === undefined || year <= to);
}

/** Where a row falls in time: its year, else the first year its period names ("2012 H1", "2010-11"). */
function chronological(r: DataRow): number {
  return r.year ?? Number(r.period?.match(/\b(?:19|20)\d{2}\b/)?.[0] ?? 0);
}

/** Time order for SERIES rows: by year, a period after the full year it falls in; 0 when equal. */
function byTime(a: DataRow, b: DataRow): number {
  return chronological(a) - chronological(b) || Number(a.year === null) - Number(b.year === null);
}

/**
 * A table with a header row, ready to chart.
 * With a key: one row per year (and per variant where the policy is explicit): Year, the numeric
 * fields, the variant, flags. Without a key, for datasets with years: Year, then one column per
 * key with the default field (chosen variant). Without years: one row per record.
 */

export function series(id: string, key?: string | null, fromYear?: number | null, toYear?: number | null): Table {
  const ds = getDataset(id);
  if (fromYear != null && toYear != null && fromYear > toYear) throw invalid(`fromYear (${fromYear}) is after toYear (${toYear})`);
  const fields = ds.meta.fields.map((f) => f.name);
  const variantLabel = ds.meta.variants ? ds.meta.variants.label : null;
  const hasYears = ds.meta.coverage.years.length > 0;
  if (key !== null && key !== undefined && key.trim() !== "") {
    const k = resolveKey(id, key);
    const name = keyLabel(ds, k);
    const rows = ds.rows.filter((r) => r.key === k && inRange(r.year, fromYear, toYear));
    const used = fields.filter((f) => rows.some((r) => f in r.values));
    const picked: DataRow[] = [];
    const groups = new Map<string, DataRow[]>();
    for (const r of rows) {
      const g = `${r.year}|${r.period}`;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    for (const group of groups.values()) {
      // Editions of one publication revise each other: the preferred one per year. Distinct
      // sources (stage_shares) or batches are parallel observations: all are shown.
      if (!ds.meta.variants || ds.meta.variants.policy === "explicit" || ds.meta.variants.label !== "edition") picked.push(...group);
      else {
        // One row per year and field: the most preferred variant giving that field.
        const best = [...group].sort((a, b) => variantRank(ds, a.variant) - variantRank(ds, b.variant));
        picked.push(best.find((r) => ds.meta.defaultField in r.values) ?? best[0]);
      }
    }
    if (picked.length === 0) {
      const range = fromYear != null || toYear != null ? ` between ${fromYear ?? "the start"} and ${toYear ?? "the end"}` : "";
      throw missing(`${ds.meta.id}: no values for ${name}${range}; coverage: ${coverageText(ds)}`);
    }
    picked.sort((a, b) => byTime(a, b) || variantRank(ds, a.variant) - variantRank(ds, b.variant));
    const scopes = scopedFields(ds).filter((f) => used.includes(f));
    const header: Cell[] = [hasYears ? "Year" : "Period", ...used.map((f) => fieldHeader(ds, f)), ...scopes.map((f) => `${f} scope`)];
    if (variantLabel) header.push(variantLabel);
    header.push("Flags");
    const body = picked.map((r) => {
      const line: Cell[] = [r.year ?? r.period ?? "", ...used.map((f) => r.values[f] ?? null), ...scopes.map((f) => r.text[`${f}_scope`] ?? null)];
      if (variantLabel) line.push(r.variant);
      line.push(r.flags.join(", "));
      return line;
    });
    return [header, ...body];
  }
  // Parallel sources (stage_shares, the reported-figure datasets) are listed record by record with
  // their source: a Year × country grid would show one source's value per cell without saying which.
  const parallelSources = ds.meta.variants?.label === "source";
  if (!hasYears || ds.meta.keyKind !== "country" || parallelSources) {
    const rows = ds.rows.filter((r) => inRange(r.year, fromYear, toYear) || (!hasYears && r.year === null));
    if (rows.length === 0) throw missing(`${ds.meta.id}: no values in that year range; coverage: ${coverageText(ds)}`);
    // In time order (a period beside its year), then as the source lists them.
    // Array.prototype.sort is stable, so rows of the same time keep the source's order.
    const ordered = rows.sort(byTime);
    // What each figure covers, where the source says (stage_shares: all rare earths, or magnet REEs).
    const scopes = scopedFields(ds);
    const header: Cell[] = ["Key", "Label", "Year", ...fields.map((f) => fieldHeader(ds, f)), ...scopes.map((f) => `${f} scope`)];
    if (variantLabel) header.push(variantLabel);
    header.push("Flags");
    return [
      header,
      ...ordered.map((r) => {
        const line: Cell[] = [r.key, r.label, r.year ?? r.period ?? "", ...fields.map((f) => r.values[f] ?? null), ...scopes.map((f) => r.text[`${f}_scope`] ?? null)];
        if (variantLabel) line.push(r.variant);
        line.push(r.flags.join(", "));
        return line;
      }),
    ];
  }
  const years = ds.meta.coverage.years.filter((y) => inRange(y, fromYear, toYear));
  if (years.length === 0) {
    throw missing(`${ds.meta.id}: no years between ${fromYear ?? "the start"} and ${toYear ?? "the end"}; coverage: ${coverageText(ds)}`);
  }
  const f = ds.meta.defaultField;
  const keys = [...new Set(ds.rows.filter((r) => years.includes(r.year as number) && f in r.values).map((r) => r.key))];
  const isAggregate = (k: string) => countryByIso3(k)?.kind === "aggregate";
  const cell = (k: string, y: number): Cell => {
    const row = chooseRow(ds, rowsFor(ds, k, f).filter((r) => r.year === y), null);
    return row?.values[f] ?? null;
  };
  const lastYear = years[years.length - 1];
  keys.sort((a, b) => Number(isAggregate(a)) - Number(isAggregate(b)) || ((cell(b, lastYear) as number) ?? -1) - ((cell(a, lastYear) as number) ?? -1) || a.localeCompare(b));
  const header: Cell[] = ["Year", ...keys.map((k) => keyLabel(ds, k))];
  return [header, ...years.map((y) => [y, ...keys.map((k) => cell(k, y))])];
}

/** One line: publisher, title, year, URL, licence, retrieval route. */
export function citation(id: string): string {
  return getDataset(id).meta.citation;
}

export function catalogue(): Table {
  return [
    ["id", "title", "publisher", "units", "coverage"],
    ...listDatasets().map((m) => [m.id, m.title, m.publisher, m.units, m.coverage.summary]),
  ];
}
