/** Test helper: reads the source extracts in ../shared/data directly, independently of src/data. */
import fs from "fs";
import path from "path";

export const SHARED_DATA = path.resolve(__dirname, "../../../shared/data");
export const haveSharedData = fs.existsSync(SHARED_DATA);

/** Parses a CSV extract into records keyed by header (quoted fields with commas and "" escapes). */
export function readExtract(file: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(fs.readFileSync(path.join(SHARED_DATA, file), "utf8"));
  return body.filter((r) => r.some((f) => f !== "")).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** Parses CSV text into rows of fields (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    }
    else if (ch === "\n") {
      row.push(field.replace(/\r$/, ""));
      records.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) records.push([...row, field]);
  return records;
}

/** Describes a skipped check in the test output, so a skip is never silent. */
export function skipNote(what: string): void {
  console.log(`skipped: ${what}: ../shared/data is not present`);
}
