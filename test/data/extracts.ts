/**
 * Reads the curated extracts in ../shared/data for spot checks, independently of the build script
 * (its own small CSV reader). Tests that need them skip with a printed reason when they are absent.
 */
import fs from "fs";
import path from "path";

export const SHARED_DATA = path.resolve(__dirname, "../../../shared/data");
export const HAVE_SHARED = fs.existsSync(SHARED_DATA);

if (!HAVE_SHARED) {
  console.warn(`test/data: skipping checks against the extracts: ${SHARED_DATA} not found`);
}

/** describe() when the extracts are present, describe.skip() otherwise. */
export const describeWithExtracts: jest.Describe = HAVE_SHARED ? describe : describe.skip;

function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') inQuotes = !inQuotes;
    else if (c === "," && !inQuotes) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The extract's rows as objects keyed by header (no field in these files spans lines). */
export function readExtract(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(path.join(SHARED_DATA, file), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = splitLine(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = splitLine(l);
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()]));
  });
}

/** MCS edition order for the "latest edition" rule: "MCS 2026" > … ; an unstated edition ranks last. */
export function editionYear(edition: string): number {
  const m = /^MCS (\d{4})$/.exec(edition);
  return m ? Number(m[1]) : 0;
}
