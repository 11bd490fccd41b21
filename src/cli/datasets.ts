/** `chokepoint datasets [id] [--json]`: the catalogue, or one dataset's provenance and coverage. */
import { countryName, getDataset, listDatasets } from "../data";
import { isChokepointError } from "../core/errors";
import { CliIO, UsageError } from "./io";

export const USAGE = "chokepoint datasets [<id>] [--json]   list the reference datasets, or show one's provenance and coverage";

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]))).join("  ")).join("\n");
}

function describe(id: string): string {
  const ds = getDataset(id);
  const m = ds.meta;
  const keys = m.keyKind === "country" ? m.coverage.keys.map((k) => `${k} (${countryName(k)})`) : m.coverage.keys;
  const lines = [
    `${m.id}: ${m.title}`,
    "",
    `publisher:      ${m.publisher}`,
    `source:         ${m.sourceUrl}`,
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
    const metas = listDatasets();
    if (json) io.out(JSON.stringify(metas.map((m) => ({ id: m.id, title: m.title, publisher: m.publisher, units: m.units, coverage: m.coverage.summary }))));
    else io.out(table([["id", "publisher", "coverage"], ...metas.map((m) => [m.id, m.publisher.length > 60 ? `${m.publisher.slice(0, 57)}...` : m.publisher, m.coverage.summary])]));
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
