/**
 * The policy events the History briefing marks: those the framework paper names (2010, 2012,
 * 2015, 2021) and later ones with an official or reputable source (December 2023, April 2025),
 * from the curated file next to this module (scripts/datasets/policy_events.csv), which lives in
 * the repository so the project builds without ../shared. Every event carries its source and the
 * sentence it rests on; nothing is inferred.
 */
import fs from "fs";
import path from "path";
import { z } from "zod";
import { finish, validateCsvText, type Rec } from "./common";
import type { DataRow, Dataset, Flag } from "../../src/data/schema";

export const EVENTS_FILE = path.join(__dirname, "policy_events.csv");

const COLUMNS = {
  event_id: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a lower-case id"),
  year: z.string().regex(/^\d{4}$/, "expected a four-digit year"),
  month: z.string().regex(/^(\d{1,2})?$/, "expected a month number or blank"),
  event: z.string().min(1, "must not be blank"),
  stages: z.string().regex(/^(mining|midstream|magnets)(;(mining|midstream|magnets))*$/, "expected stages separated by ;"),
  source: z.string().min(1, "must not be blank"),
  source_url: z.string().min(1, "must not be blank"),
  source_type: z.string().min(1, "must not be blank"),
  basis: z.string().min(1, "must not be blank"),
};

/** The curated rows, validated; errors name the file, row and column. */
export function readEvents(text = fs.readFileSync(EVENTS_FILE, "utf8")): Rec[] {
  return validateCsvText("policy_events.csv", text, COLUMNS);
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
  return finish(
    {
      id: "policy_events",
      title: "Rare-earth policy events: the framework paper's and later ones, with sources",
      publisher: "Chokepoint project (curated from the framework paper, USGS MCS 2026 and Reuters)",
      // a compilation of the project's own: each event's address is in its source_url field
      sourceUrl: "",
      retrievedVia: "curated in the repository (scripts/datasets/policy_events.csv) from the framework paper (2022 working paper), USGS MCS 2026 Rare Earths (third-party transcription) and Reuters; each event's own source in its source and source_url fields",
      extracts: ["scripts/datasets/policy_events.csv"],
      publicationYear: 2026,
      licence: "facts with attribution to each event's source",
      units: "events (month where the source states one)",
      keyKind: "item",
      fields: [{ name: "month", unit: "month (1–12)", description: "the month of the event where the source states one" }],
      defaultField: "month",
      variants: null,
      share: { unavailable: "events, not quantities" },
      gaps: ["Only the events the History briefing marks: the paper's four (2010, 2012, 2015, 2021) and two later ones (December 2023, April 2025); months only where the source states one."],
    },
    rows,
  );
}
