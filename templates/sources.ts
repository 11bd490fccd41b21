/**
 * Sources: every dataset used anywhere in the workbook, with citation, licence, units, coverage,
 * retrieval route and content hash, so any number on any sheet can be traced. Built last, from the
 * datasets the other sheets recorded.
 */
import { text, type PlanBuilder } from "./kit";
import { catalogue } from "./data";
import { columnLetter } from "../src/workbook/a1";
import type { TemplateDefinition } from "./types";

export const sources: TemplateDefinition = {
  id: "sources",
  title: "Sources",
  description: "Every dataset used anywhere in the workbook, one row each: citation (live CHOKEPOINT.SOURCE), units, coverage and SHA-256, with title, publisher, licence, retrieval route and address beside them for filtering. On its own it lists the whole catalogue.",
  version: "1.1.0",
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
    which === "all" ? "The whole reference-data catalogue, one row per dataset." : "One row per dataset used on the other sheets; values are copied from the source, never estimated or interpolated.",
  );
  // Printed: the citation (which names publisher, title, address, retrieval route and licence),
  // units, coverage and hash. The same fields one by one follow to the right, unwrapped, for filtering.
  const header = ["Dataset", "Citation (live CHOKEPOINT.SOURCE)", "Units", "Coverage", "SHA-256 of the content"];
  const detailHeader = ["Title", "Publisher", "Licence", "Retrieved via", "Source URL"];
  const cards = ids.map((id) => cat.card(id));
  const top = s.row;
  const table = s.formulas(
    "catalogue",
    [header, ...cards.map((c) => [c.id, `=CHOKEPOINT.SOURCE(${text(c.id)})`, c.units, c.coverage, c.hash])],
    { header: true, keepCursor: true },
  );
  cards.forEach((c, i) => s.expect(table.cell(i + 1, 1), c.citation));
  const details = s.values("catalogue-details", [detailHeader, ...cards.map((c) => [c.title, c.publisher, c.licence, c.retrieval, c.url || "no public address: cite the work"])], {
    column: header.length + 1,
    row: top,
    header: true,
  });
  if (cards.length > 0) {
    s.name("Sources_Ids", table.column(0, 1));
    s.style({ range: table.area(1, 1, cards.length, header.length - 1), wrap: true });
  }
  s.freeze(top + 1, 1);
  [12, 64, 20, 24, 17, 2, 36, 28, 24, 32, 36].forEach((w, c) => s.width(c, w));
  s.gap();
  s.notes("how-to-cite", [
    "Cite the publisher's document, not this workbook. The SHA-256 identifies the exact dataset content these numbers were computed from; " +
      "the same hashes are stored in the file's properties (chokepoint.datasets) and checked when the add-in refreshes a sheet.",
    `Columns ${columnLetter(details.left)} to ${columnLetter(details.left + detailHeader.length - 1)} repeat the citation's parts one by one, for filtering; they are not printed.`,
  ]);
  s.page({ area: `A1:${columnLetter(header.length - 1)}${s.row}` });
}
