/**
 * What every dataset module shares: reading an extract with row validation, parsing a printed
 * cell, building rows and finishing a dataset through the schema (provenance, coverage, citation,
 * hash). Rules: values are copied as printed, never computed, interpolated or estimated; a blank
 * stays missing (null); text such as ">95" or "E" is kept in `printed` with the value null. Every
 * CSV row is validated with zod and a malformed one stops the build naming file, row and column.
 */
import fs from "fs";
import path from "path";
import { z } from "zod";
import { findCountry } from "../../src/data/countries";
import { datasetHash } from "../../src/data/hash";
import { compactYears } from "../../src/data/years";
import { parse } from "csv-parse/sync";
import type { DataRow, Dataset, DatasetMeta, Flag } from "../../src/data/schema";

export const REPO = path.resolve(__dirname, "../..");
export const SHARED = path.resolve(REPO, "../shared/data");
export const OUT = path.join(REPO, "src/data/generated");

// ---------- CSV reading with row validation ----------

/** RFC 4180 CSV (csv-parse): quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ["\r\n", "\n"] });
}

export type Rec = Record<string, string>;

export const yearText = z.string().regex(/^\d{4}$/, "expected a four-digit year");
export const numberText = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a plain number");
export const optionalNumberText = z.string().regex(/^(-?\d+(\.\d+)?)?$/, "expected a plain number or blank");
export const anyText = z.string();
export const nonEmpty = z.string().min(1, "must not be blank");

/** Reads an extract and validates each row; errors name file, row (1 = first data row) and column. */
export function readCsv(file: string, columns: Record<string, z.ZodType<string>>): Rec[] {
  return validateCsvText(file, fs.readFileSync(path.join(SHARED, file), "utf8"), columns);
}

/** Parses CSV text and validates each row against `columns`; exported for the tests. */
export function validateCsvText(file: string, text: string, columns: Record<string, z.ZodType<string>>): Rec[] {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const [header, ...body] = table;
  const missingCols = Object.keys(columns).filter((c) => !header.includes(c));
  if (missingCols.length > 0) throw new Error(`${file}: header: missing column(s) ${missingCols.join(", ")}`);
  const schema = z.object(columns);
  return body.map((cells, i) => {
    if (cells.length !== header.length) {
      throw new Error(`${file}: row ${i + 1} (line ${i + 2}): ${cells.length} cells, header has ${header.length}`);
    }
    const rec: Rec = {};
    header.forEach((h, j) => (rec[h] = cells[j].trim()));
    const parsed = schema.safeParse(rec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const col = String(issue.path[0]);
      throw new Error(`${file}: row ${i + 1} (line ${i + 2}), column ${col}: ${issue.message} (got "${rec[col]}")`);
    }
    return rec;
  });
}

// ---------- value parsing ----------

export interface Parsed {
  value: number | null;
  printed?: string;
  lowerBound?: number;
  flags: Flag[];
}

/** A cell as printed: a number; "" (missing); ">95" (lower bound); anything else kept as printed text. */
export function parseValue(raw: string): Parsed {
  const t = raw.trim();
  if (t === "") return { value: null, flags: [] };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { value: Number(t), flags: [] };
  const bound = /^(>|more than |over )\s*(\d+(\.\d+)?)$/.exec(t);
  if (bound) return { value: null, printed: t, lowerBound: Number(bound[2]), flags: ["lower_bound"] };
  const approx = /^(~|c\.|about |approx\.? )\s*(\d+(\.\d+)?)$/.exec(t);
  if (approx) return { value: Number(approx[2]), printed: t, flags: ["approximate"] };
  return { value: null, printed: t, flags: [] };
}

export function slug(text: string, max = 60): string {
  const s = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/%/g, " pct ")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const cut = s.length > max ? s.slice(0, max).replace(/_+$/, "") : s;
  return /^[a-z]/.test(cut) ? cut : `x_${cut}`;
}

export function countryKey(name: string, file: string): string {
  const c = findCountry(name);
  if (!c) throw new Error(`${file}: country "${name}" is not in src/data/countries.ts; add it with its ISO3 code`);
  return c.iso3;
}

export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Each row's `source` variant, in first-seen order: datasets that quote several reporters. */
export function perValueSources(rows: DataRow[]) {
  return { label: "source", order: uniq(rows.map((r) => r.variant as string)), policy: "first" as const };
}

export function flagsFrom(...texts: string[]): Flag[] {
  const t = texts.join(" ").toLowerCase();
  const flags: Flag[] = [];
  if (/secondary|as reported|as cited|\(as quoted\)|press|reprint/.test(t)) flags.push("secondary");
  if (/projection|scenario|forecast/.test(t)) flags.push("projection");
  if (/approx|roughly|'about|about |~|c\.\d|c\. /.test(t)) flags.push("approximate");
  if (/planned|target|announced|guidance/.test(t)) flags.push("planned");
  if (/unverified|inconsistent/.test(t)) flags.push("unverified");
  if (/provisional/.test(t)) flags.push("provisional");
  return flags;
}

export function row(partial: Partial<DataRow> & Pick<DataRow, "key" | "label" | "values">): DataRow {
  return {
    key: partial.key,
    label: partial.label,
    year: partial.year ?? null,
    period: partial.period ?? null,
    variant: partial.variant ?? null,
    values: partial.values,
    text: partial.text ?? {},
    flags: uniq(partial.flags ?? []).sort() as Flag[],
    note: partial.note ?? "",
  };
}

/** Puts a parsed cell into a row's values/text/flags under `field`. */
export function put(target: { values: Record<string, number | null>; text: Record<string, string>; flags: Flag[] }, field: string, p: Parsed) {
  target.values[field] = p.value;
  if (p.lowerBound !== undefined) target.values.lower_bound = p.lowerBound;
  if (p.printed !== undefined) target.text.printed = p.printed;
  target.flags.push(...p.flags);
}

// ---------- dataset assembly ----------

export type Spec = Omit<DatasetMeta, "coverage" | "sha256" | "citation"> & { coverageNote?: string };

export function finish(spec: Spec, rows: DataRow[]): Dataset {
  const years = uniq(rows.map((r) => r.year).filter((y): y is number => y !== null)).sort((a, b) => a - b);
  const keys = uniq(rows.map((r) => r.key));
  const countries = spec.keyKind === "country" ? keys.filter((k) => !["WLD", "OTH", "EUR"].includes(k) && findCountry(k)) : [];
  const yearText = years.length === 0 ? "no single years" : compactYears(years);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const keyText =
    spec.keyKind !== "country"
      ? plural(keys.length, spec.keyKind === "figure" ? "figure" : "key", spec.keyKind === "figure" ? "figures" : "keys")
      : countries.length === 0
        ? "world totals only"
        : plural(countries.length, "country", "countries");
  const summary = `${yearText}; ${keyText}${spec.coverageNote ? `; ${spec.coverageNote}` : ""}`;
  const { coverageNote, ...rest } = spec;
  void coverageNote;
  const yearPart = rest.publicationYear ? ` (${rest.publicationYear})` : "";
  // a work without a public address (sourceUrl "") is cited by its publisher and title alone
  const urlPart = rest.sourceUrl ? `, ${rest.sourceUrl}` : "";
  const citation = `${rest.publisher}, ${rest.title}${yearPart}${urlPart}; retrieved via ${rest.retrievedVia}; licence: ${rest.licence}.`;
  const meta = {
    ...rest,
    coverage: { years, firstYear: years[0] ?? null, lastYear: years[years.length - 1] ?? null, keys, summary },
    citation,
    sha256: "0".repeat(64),
  };
  const ds: Dataset = { meta, rows };
  ds.meta.sha256 = datasetHash(ds);
  return ds;
}

export const USGS_PD = "U.S. public domain (USGS works are not subject to copyright)";

/**
 * Abbreviated repeats of one citation in the same extract, mapped to the citation's full form, so
 * that one document is one `source` variant (the printed text stays in each row's note).
 */
export const SOURCE_ALIASES: Record<string, string> = {
  "Japan MOF trade statistics (as reported)": "Japan Ministry of Finance trade statistics (as reported)",
  "China Chemical Reporter 2011": "China Chemical Reporter 2011 issue 15 'Status Quo and Outlook for China's NdFeB Magnet Industry'",
  "Research and Markets report": "Research and Markets 'Global and China Rare Earth Permanent Magnet Industry Report 2017-2021'",
  "Adamas Intelligence 2020-02-18": "Adamas Intelligence (industry sources) 2020-02-18",
  "China Rare Earth Industry Association and SMM (as cited)": "China Rare Earth Industry Association and Shanghai Metals Market (as cited)",
  "Zacks/Nasdaq 2022-02-25": "Zacks/Nasdaq 'MP Materials Q4 earnings' 2022-02-25 (nasdaq.com), citing company",
  "Nikkei (as reported by Sina English)": "Nikkei (as reported by Sina English 2012-09-13)",
  "MP Q4/FY2024 results as summarised by reportify.ai": "MP Q4/FY2024 results as summarised by reportify.ai (filing summary) and SEC-linked fact-check text",
  "Research in China report": "'China Rare Earth Permanent Magnet Industry Report 2012-2015' (Research in China)",
  "Australian Mining 2024-10-30": "Australian Mining 2024-10-30 (australianmining.com.au/rare-earths-on-the-up-for-lynas)",
};

/**
 * The `source` variant of a reported figure: who published it and, where the extract says it was
 * read elsewhere, through whom (a reporter's site) — so figures of different reporters are never
 * one undifferentiated series. The extract's "[SECONDARY …]" tags are dropped here (they are flags).
 */
export function sourceName(primary: string, retrievedVia = ""): string {
  const printed = primary.replace(/\s*\[[^\]]*\]\s*$/, "").trim();
  const name = SOURCE_ALIASES[printed] ?? printed;
  const site = /([a-z0-9-]+\.)+(com|cn|org|net|ai|au|jp|gov|info)\b/i.exec(retrievedVia)?.[0].replace(/^www\./, "");
  return site && !name.toLowerCase().includes(site.toLowerCase()) ? `${name}, via ${site}` : name;
}
