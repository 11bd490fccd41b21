/**
 * The shape of a reference dataset, as a zod schema. The build script validates every dataset it
 * writes and the tests validate every committed dataset; a malformed one fails with a message
 * naming the file, the row and the column.
 */
import { z } from "zod";

/** Per-value flags, copied from the source's own markers or from the extract's notes. */
export const FLAGS = [
  "estimate", // the source marks the value as estimated ("e")
  "revised", // the source marks the value as revised from an earlier edition
  "secondary", // read from a press or analyst report quoting the primary source, not the primary document
  "lower_bound", // printed as "> x" or "more than x": `value` is missing, `lower_bound` holds x
  "projection", // a forecast or scenario, not an observation
  "approximate", // printed as "about", "roughly", "~" or "c."
  "planned", // a capacity plan or target, not output
  "fiscal_year", // a company fiscal year, not a calendar year
  "provisional", // the source says the year may still be revised
  "unverified", // the extract itself marks the row as unverified or inconsistent
] as const;
export type Flag = (typeof FLAGS)[number];

const text = z.string().min(1);

export const FieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, "field names are lower-case letters, digits and _"),
  unit: z.string(),
  description: text,
});

export const RowSchema = z.object({
  /** ISO3 (or WLD/OTH/EUR) for country datasets; an id for figure, company, item or HS-code datasets. */
  key: text,
  /** The key as printed in the source. */
  label: text,
  /** Data year; null where the source states none (then `period` may say what it does state). */
  year: z.number().int().min(1800).max(2100).nullable(),
  period: z.string().nullable(),
  /** Edition, source or batch for datasets with variants (see DatasetMeta.variants); null otherwise. */
  variant: z.string().nullable(),
  /** Numeric fields; null = the source gives no number (see flags and `printed`). */
  values: z.record(z.string(), z.number().finite().nullable()),
  /** Text fields: the value as printed where it is not a plain number, the unit where rows differ, … */
  text: z.record(z.string(), z.string()),
  flags: z.array(z.enum(FLAGS)),
  note: z.string(),
});

export const DatasetMetaSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: text,
  publisher: text,
  /** The primary document or page, as an http(s) address; "" for a work with no public address (cited by publisher and title). */
  sourceUrl: z.union([z.string().regex(/^https?:\/\/\S+$/, "expected an http(s) address"), z.literal("")]),
  /** Where the numbers were actually read (a public GitHub file, a web page). */
  retrievedVia: text,
  /** The extract file(s) in ../shared/data this dataset was built from. */
  extracts: z.array(text).min(1),
  /** Year of the source publication (or of its latest edition used). */
  publicationYear: z.number().int().nullable(),
  licence: text,
  units: text,
  /** What the key means: a country, a figure id, a company, an item of a table, an HS code. */
  keyKind: z.enum(["country", "figure", "company", "item", "hs_code", "group"]),
  fields: z.array(FieldSchema).min(1),
  defaultField: text,
  /** How rows for the same key and year differ (editions, sources, batches) and which one a lookup takes. */
  variants: z
    .object({
      label: text,
      /** Preferred first. */
      order: z.array(text).min(1),
      /** "first": take the most preferred variant that has the value; "explicit": only `order[0]` unless asked. */
      policy: z.enum(["first", "explicit"]),
    })
    .nullable(),
  /** How CHOKEPOINT.SHARE works here: the world-total key (same variant), or why it cannot. */
  share: z.union([
    z.object({ worldKey: text }),
    z.object({ unavailable: text }),
  ]),
  coverage: z.object({
    years: z.array(z.number().int()),
    firstYear: z.number().int().nullable(),
    lastYear: z.number().int().nullable(),
    keys: z.array(text),
    summary: text,
  }),
  gaps: z.array(text),
  citation: text,
  /** SHA-256 (hex) of the canonical JSON of { meta without sha256, rows }. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const DatasetSchema = z.object({
  meta: DatasetMetaSchema,
  rows: z.array(RowSchema),
});

export type Field = z.infer<typeof FieldSchema>;
export type DataRow = z.infer<typeof RowSchema>;
export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;
export type Dataset = z.infer<typeof DatasetSchema>;

/** Turns a zod error path into "row 12, column values.production" (rows counted from 1). */
function describePath(path: ReadonlyArray<PropertyKey>): string {
  if (path[0] === "rows" && typeof path[1] === "number") {
    const column = path.slice(2).map(String).join(".") || "(whole row)";
    return `row ${path[1] + 1}, column ${column}`;
  }
  return `column ${path.map(String).join(".") || "(dataset)"}`;
}

/**
 * Validates a dataset: the schema, then the consistency rules the schema cannot say (every value's
 * field is declared, keys unique per key/year/variant, variants known). Throws one Error listing
 * the first problems, each naming file, row and column.
 */
export function validateDataset(data: unknown, file: string): Dataset {
  const parsed = DatasetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${file}: ${describePath(i.path)}: ${i.message}`);
    throw new Error(`invalid dataset\n${problems.join("\n")}`);
  }
  const ds = parsed.data;
  const problems: string[] = [];
  const fieldNames = new Set(ds.meta.fields.map((f) => f.name));
  if (!fieldNames.has(ds.meta.defaultField)) problems.push(`${file}: column meta.defaultField: "${ds.meta.defaultField}" is not a declared field`);
  const seen = new Set<string>();
  ds.rows.forEach((row, i) => {
    for (const name of Object.keys(row.values)) {
      if (!fieldNames.has(name)) problems.push(`${file}: row ${i + 1}, column values.${name}: field not declared in meta.fields`);
    }
    if ((row.variant === null) !== (ds.meta.variants === null)) {
      problems.push(`${file}: row ${i + 1}, column variant: ${ds.meta.variants ? "missing" : "not expected (dataset has no variants)"}`);
    } else if (row.variant !== null && !ds.meta.variants!.order.includes(row.variant)) {
      problems.push(`${file}: row ${i + 1}, column variant: "${row.variant}" is not in meta.variants.order`);
    }
    if (row.flags.includes("lower_bound") && row.values.lower_bound === undefined) {
      problems.push(`${file}: row ${i + 1}, column values.lower_bound: flagged lower_bound but no bound given`);
    }
    for (const name of Object.keys(row.values)) {
      const id = `${row.key}|${row.year}|${row.period}|${row.variant}|${name}`;
      if (seen.has(id)) problems.push(`${file}: row ${i + 1}, column values.${name}: duplicate value for key ${row.key}, year ${row.year}, variant ${row.variant}`);
      seen.add(id);
    }
  });
  if (problems.length > 0) throw new Error(`invalid dataset\n${problems.slice(0, 10).join("\n")}`);
  return ds;
}
