/**
 * The plan for inserting one reference dataset as a table, with a sources note above it: title,
 * publisher, licence, units, coverage, gaps, a live CHOKEPOINT.SOURCE citation and the SHA-256.
 * The data rows are one refreshable block, so Refresh can update them later. Pure.
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
    ...(m.gaps.length > 0 ? [[`Gaps: ${m.gaps.join("; ")}`]] : []),
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
          { id: "sources-note", kind: "values", anchor: "A1", rows: notes },
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
        freeze: { rows: tableTop, columns: 0 },
      },
    ],
    names: [],
  };
}
