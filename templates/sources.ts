/**
 * Sources: every dataset used anywhere in the workbook, with citation, licence, units, coverage,
 * retrieval route and content hash, so any number on any sheet can be traced. Built last, from the
 * datasets the other sheets recorded.
 */
import { text, type PlanBuilder } from "./kit";
import { catalogue } from "./data";
import type { TemplateDefinition } from "./types";

export const sources: TemplateDefinition = {
  id: "sources",
  title: "Sources",
  description: "Every dataset used anywhere in the workbook: citation (live CHOKEPOINT.SOURCE), publisher, licence, units, coverage, retrieval route and SHA-256. On its own it lists the whole catalogue.",
  version: "1.0.0",
  sheetName: "Sources",
  options: [],
  addTo(book: PlanBuilder) {
    addSources(book, "all");
  },
};

/** Adds the Sources sheet for the datasets the book has used so far ("used") or for all ("all"). */
export function addSources(book: PlanBuilder, which: "used" | "all"): void {
  const cat = catalogue();
  if (which === "all") for (const id of cat.ids()) book.useDataset(id);
  const ids = book.datasetIds;
  const s = book.sheet("sources", "Sources", "#404040");
  s.title(
    "Sources: where every number in this workbook comes from",
    which === "all" ? "The whole reference-data catalogue." : "Every dataset used on the other sheets; values are copied from the source, never estimated or interpolated.",
  );
  const header = ["Dataset id", "Title", "Publisher", "Citation (live)", "Licence", "Units", "Coverage", "Retrieved via", "Source URL", "SHA-256 of content"];
  const cards = ids.map((id) => cat.card(id));
  const top = s.row;
  const left = s.values("catalogue-left", [header.slice(0, 3), ...cards.map((c) => [c.id, c.title, c.publisher])], { header: true, keepCursor: true });
  const cite = s.formulas("citations", [[header[3]], ...cards.map((c) => [`=CHOKEPOINT.SOURCE(${text(c.id)})`])], { column: 3, row: top, header: true, keepCursor: true });
  const right = s.values("catalogue-right", [header.slice(4), ...cards.map((c) => [c.licence, c.units, c.coverage, c.retrieval, c.url, c.hash])], {
    column: 4,
    row: top,
    header: true,
  });
  if (cards.length > 0) s.name("Sources_Ids", left.column(0, 1));
  s.freeze(top + 1, 1);
  [22, 44, 28, 60, 24, 16, 18, 40, 40, 66].forEach((w, c) => s.width(c, w));
  s.style({ range: left.area(1, 1, cards.length, 2), wrap: true });
  s.style({ range: right.area(1, 0, cards.length, 4), wrap: true });
  void cite;
  s.gap();
  s.notes("how-to-cite", [
    "Cite the publisher's document, not this workbook. The SHA-256 identifies the exact dataset content these numbers were computed from;",
    "the same hashes are stored in the file's properties (chokepoint.datasets) and checked when the add-in refreshes a sheet.",
  ]);
}
