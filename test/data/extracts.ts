/**
 * Reads the curated extracts in ../shared/data for spot checks, independently of the build script
 * and of src/data. Tests that need them skip with a printed reason when they are absent.
 */
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";

export const SHARED_DATA = path.resolve(__dirname, "../../../shared/data");
export const HAVE_SHARED = fs.existsSync(SHARED_DATA);

if (!HAVE_SHARED) {
  console.warn(`test/data: skipping checks against the extracts: ${SHARED_DATA} not found`);
}

/** describe() when the extracts are present, describe.skip() otherwise. */
export const describeWithExtracts: jest.Describe = HAVE_SHARED ? describe : describe.skip;

/** CSV text as rows of fields (csv-parse); blank lines stay as rows, so row numbers match the file. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, record_delimiter: ["\r\n", "\n"] });
}

/**
 * The extract's rows as objects keyed by header; blank lines are dropped. Without ../shared/data it
 * gives no rows: jest still runs the body of a skipped describe to collect its tests, so a
 * describeWithExtracts block that reads an extract at its top must not fail there.
 */
export function readExtract(file: string): Record<string, string>[] {
  if (!HAVE_SHARED) return [];
  const [header, ...body] = parseCsv(fs.readFileSync(path.join(SHARED_DATA, file), "utf8"));
  return body
    .filter((cells) => cells.some((f) => f.trim() !== ""))
    .map((cells) => Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()])));
}

/** Says in the test output that a check was skipped and why, so a skip is never silent. */
export function skipNote(what: string): void {
  console.log(`skipped: ${what}: ${SHARED_DATA} is not present`);
}

/** MCS edition order for the "latest edition" rule: "MCS 2026" > … ; an unstated edition ranks last. */
export function editionYear(edition: string): number {
  const m = /^MCS (\d{4})$/.exec(edition);
  return m ? Number(m[1]) : 0;
}
