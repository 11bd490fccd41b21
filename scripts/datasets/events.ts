/**
 * The policy events the History briefing marks: those the framework paper names (2010, 2012,
 * 2015, 2021) and later ones with an official or reputable source (December 2023, April 2025),
 * from the curated file next to this module (scripts/datasets/policy_events.csv), which lives in
 * the repository so the project builds without ../shared. Every event carries its source and the
 * sentence it rests on; nothing is inferred.
 */
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { datasetHash } from "../../src/data/hash";
import { compactYears } from "../../src/data/years";
import type { DataRow, Dataset, Flag } from "../../src/data/schema";

export const EVENTS_FILE = path.join(__dirname, "policy_events.csv");

const Row = z.object({
  event_id: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a lower-case id"),
  year: z.string().regex(/^\d{4}$/, "expected a four-digit year"),
  month: z.string().regex(/^(\d{1,2})?$/, "expected a month number or blank"),
  event: z.string().min(1),
  stages: z.string().regex(/^(mining|midstream|magnets)(;(mining|midstream|magnets))*$/, "expected stages separated by ;"),
  source: z.string().min(1),
  source_url: z.string().min(1),
  source_type: z.string().min(1),
  basis: z.string().min(1),
});

/** The curated rows, validated; errors name the file, row and column. */
export function readEvents(text = fs.readFileSync(EVENTS_FILE, "utf8")): Array<z.infer<typeof Row>> {
  const [header, ...body] = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  return body.map((cells, i) => {
    const rec = Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? "").trim()]));
    const parsed = Row.safeParse(rec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`policy_events.csv: row ${i + 1} (line ${i + 2}), column ${String(issue.path[0])}: ${issue.message}`);
    }
    return parsed.data;
  });
}

export function events(): Dataset {
  const rows: DataRow[] = readEvents().map((r) => ({
    key: r.event_id,
    label: r.event,
    year: Number(r.year),
    period: r.month ? `${r.year}-${r.month.padStart(2, "0")}` : null,
    variant: null,
    values: { month: r.month ? Number(r.month) : null },
    text: { stages: r.stages.replace(/;/g, ", "), source: r.source, source_url: r.source_url, source_type: r.source_type, basis: r.basis },
    flags: (r.source_type.startsWith("press") ? ["secondary"] : []) as Flag[],
    note: `${r.source}: ${r.basis}`,
  }));
  const years = [...new Set(rows.map((r) => r.year as number))].sort((a, b) => a - b);
  const meta = {
    id: "policy_events",
    title: "Rare-earth policy events: the framework paper's and later ones, with sources",
    publisher: "Chokepoint project (curated from the framework paper, USGS MCS 2026 and Reuters)",
    sourceUrl: "scripts/datasets/policy_events.csv (each event's own source in its source and source_url fields)",
    retrievedVia: "curated in the repository from the framework paper's text (../shared/seed/framework-paper.txt), USGS MCS 2026 Rare Earths (third-party transcription) and Reuters",
    extracts: ["scripts/datasets/policy_events.csv"],
    publicationYear: 2026,
    licence: "facts with attribution to each event's source",
    units: "events (month where the source states one)",
    keyKind: "item" as const,
    fields: [{ name: "month", unit: "month (1–12)", description: "the month of the event where the source states one" }],
    defaultField: "month",
    variants: null,
    share: { unavailable: "events, not quantities" },
    coverage: {
      years,
      firstYear: years[0],
      lastYear: years[years.length - 1],
      keys: rows.map((r) => r.key),
      summary: `${compactYears(years)}; ${rows.length} events`,
    },
    gaps: ["Only the events the History briefing marks: the paper's four (2010, 2012, 2015, 2021) and two later ones (December 2023, April 2025); months only where the source states one."],
    citation: "",
    sha256: "0".repeat(64),
  };
  meta.citation = `${meta.publisher}, ${meta.title} (${meta.publicationYear}), ${meta.sourceUrl}; retrieved via ${meta.retrievedVia}; licence: ${meta.licence}.`;
  const ds: Dataset = { meta, rows };
  ds.meta.sha256 = datasetHash(ds);
  return ds;
}
