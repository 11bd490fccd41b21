/**
 * The plan for inserting one reference dataset as a table, with a sources note above it: title,
 * publisher, licence, units, coverage, gaps, a live CHOKEPOINT.SOURCE citation and the SHA-256.
 * The note and the data rows are refreshable blocks, so Refresh can update them later (Refresh also
 * resizes the Data_<id> table when the row count changes). Pure.
 */
import type { Dataset } from "../../data/schema";
import { blockRange } from "../a1";
import { PLAN_FORMAT_VERSION, type PlanValue, type WorkbookPlan } from "../plan";

/** Header and rows of a dataset as a table: key, label, year, period, variant, each field, flags, note. */
export function datasetTable(ds: Dataset, limit?: number): PlanValue[][] {
  const fields = ds.meta.fields.map((f) => f.name);
  const variants = ds.meta.variants !== null;
  const header = ["Key", "Label", "Year", "Period", ...(variants ? [ds.meta.variants!.label || "Variant"] : []), ...ds.meta.fields.map((f) => (f.unit ? `${f.name} (${f.unit})` : f.name)), "Flags", "Note"];
  const rows = (limit === undefined ? ds.rows : ds.rows.slice(0, limit)).map((r) => [
    r.key,
    r.label,
    r.year,
    r.period,
    ...(variants ? [r.variant] : []),
    // A missing value stays missing; where the source printed words instead of a number, show them.
    ...fields.map((f): PlanValue => r.values[f] ?? r.text[f] ?? null),
    r.flags.join(", ") || null,
    r.note || null,
  ]);
  return [dedupe(header), ...rows];
}

function dedupe(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h) => {
    const n = (seen.get(h.toLowerCase()) ?? 0) + 1;
    seen.set(h.toLowerCase(), n);
    return n === 1 ? h : `${h} ${n}`;
  });
}

/** Freeze the rows above and including the table header only when they are this few. */
export const MAX_FROZEN_ROWS = 4;

export function datasetPlan(ds: Dataset, generatedAt: string = new Date().toISOString()): WorkbookPlan {
  const m = ds.meta;
  const table = datasetTable(ds);
  const notes: PlanValue[][] = [
    [m.title],
    [`Publisher: ${m.publisher}`],
    [`Licence: ${m.licence}`],
    [`Units: ${m.units}`],
    [`Coverage: ${m.coverage.summary}`],
    [`Source: ${m.sourceUrl}`],
    [`Retrieved via: ${m.retrievedVia}`],
    [`SHA-256 of the dataset: ${m.sha256}`],
    // Always present, so the note keeps its size and Refresh can rewrite it in place.
    [`Gaps: ${m.gaps.length > 0 ? m.gaps.join("; ") : "none recorded"}`],
  ];
  const citeRow = notes.length + 1;
  const tableTop = citeRow + 2;
  const tableRange = blockRange(`A${tableTop}`, table.length, table[0].length);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    metadata: {
      templateId: `dataset:${m.id}`,
      templateVersion: "1",
      title: m.title,
      options: { dataset: m.id },
      datasets: [{ id: m.id, hash: m.sha256 }],
      generatedAt,
    },
    sheets: [
      {
        key: "dataset",
        name: m.id.slice(0, 31),
        blocks: [
          // Refreshable too: coverage and hash change with the data.
          { id: "sources-note", kind: "values", anchor: "A1", rows: notes, refreshable: true, datasetId: m.id },
          { id: "citation", kind: "formulas", anchor: `A${citeRow}`, rows: [[`=CHOKEPOINT.SOURCE("${m.id}")`]] },
          { id: `data:${m.id}`, kind: "values", anchor: `A${tableTop}`, rows: table, refreshable: true, datasetId: m.id },
        ],
        styles: [
          { range: "A1", role: "title" },
          { range: blockRange("A2", notes.length - 1, 1), role: "note" },
          { range: `A${citeRow}`, role: "note" },
        ],
        tables: [{ name: `Data_${m.id}`, range: tableRange, style: "TableStyleLight9" }],
        columnWidths: [
          { column: "A", width: 14 },
          { column: "B", width: 28 },
        ],
        // The note puts the table's header ~11 rows down: freezing that many rows would leave little
        // room to scroll on a laptop, and an Excel table shows its headers in the column bar anyway.
        ...(tableTop <= MAX_FROZEN_ROWS ? { freeze: { rows: tableTop, columns: 0 } } : {}),
      },
    ],
    names: [],
  };
}
