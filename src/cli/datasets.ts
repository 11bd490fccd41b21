/** `chokepoint datasets [id] [--json]`: the catalogue, or one dataset's provenance and coverage. */
import { catalogue, countryName, getDataset } from "../data";
import { isChokepointError } from "../errors";
import { CliIO, UsageError } from "./io";

export const USAGE = "chokepoint datasets [<id>] [--json]   list the reference datasets, or show one's provenance and coverage";

const WIDTH = 100;

/** Breaks text at spaces into lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/**
 * The catalogue as CHOKEPOINT.DATASETS() gives it (same columns, from the same table), one block
 * per dataset: the id on its own line, then each column labelled and wrapped, nothing cut short.
 */
function catalogueText(): string {
  const [header, ...rows] = catalogue();
  const labels = header.slice(1).map(String);
  const pad = Math.max(...labels.map((l) => l.length)) + 2;
  return rows
    .map((r) => {
      const fields = labels.flatMap((label, j) => {
        const [first, ...more] = wrap(String(r[j + 1] ?? ""), WIDTH - 2 - pad);
        return [`  ${`${label}:`.padEnd(pad)}${first ?? ""}`, ...more.map((m) => `  ${" ".repeat(pad)}${m}`)];
      });
      return [String(r[0]), ...fields].join("\n");
    })
    .join("\n\n");
}

function describe(id: string): string {
  const ds = getDataset(id);
  const m = ds.meta;
  const keys = m.keyKind === "country" ? m.coverage.keys.map((k) => `${k} (${countryName(k)})`) : m.coverage.keys;
  const lines = [
    `${m.id}: ${m.title}`,
    "",
    `publisher:      ${m.publisher}`,
    `source:         ${m.sourceUrl || "no public address: cite the work"}`,
    `retrieved via:  ${m.retrievedVia}`,
    `extracts:       ${m.extracts.join(", ")} (../shared/data)`,
    `licence:        ${m.licence}`,
    `units:          ${m.units}`,
    `coverage:       ${m.coverage.summary}`,
    `years:          ${m.coverage.years.length > 0 ? m.coverage.years.join(", ") : "none (undated values)"}`,
    `keys (${m.keyKind}): ${keys.join(", ")}`,
    `fields:         ${m.fields.map((f) => `${f.name}${f.unit ? ` [${f.unit}]` : ""}`).join(", ")} (default ${m.defaultField})`,
    `variants:       ${m.variants ? `${m.variants.label}: ${m.variants.order.join(" > ")} (${m.variants.policy === "first" ? "a lookup takes the first listed that has the value" : `a lookup takes "${m.variants.order[0]}" unless asked`})` : "none"}`,
    `share:          ${"worldKey" in m.share ? `value / the ${m.share.worldKey} row of the same year${m.variants ? ` and ${m.variants.label}` : ""}` : `not available: ${m.share.unavailable}`}`,
    `rows:           ${ds.rows.length}`,
    `sha256:         ${m.sha256}`,
    "",
    "gaps and caveats:",
    ...m.gaps.map((g) => `  - ${g}`),
    "",
    `cite as: ${m.citation}`,
  ];
  return lines.join("\n");
}

export function run(args: string[], io: CliIO): number {
  const json = args.includes("--json");
  const rest = args.filter((a) => a !== "--json");
  const unknown = rest.filter((a) => a.startsWith("--"));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
  if (rest.length > 1) throw new UsageError("give at most one dataset id");
  if (rest.length === 0) {
    if (json) {
      const [header, ...rows] = catalogue();
      io.out(JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, j) => [String(h), r[j]])))));
    } else io.out(catalogueText());
    return 0;
  }
  try {
    io.out(json ? JSON.stringify(getDataset(rest[0]).meta, null, 2) : describe(rest[0]));
    return 0;
  } catch (e) {
    if (isChokepointError(e)) {
      io.err(`chokepoint datasets: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
