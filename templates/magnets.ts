/**
 * Magnets and technology: China's share at each stage side by side (mining → separation → magnets),
 * the producers the sources name, and what is known about patents. Figures stated in the framework
 * paper are pulled live with CHOKEPOINT.DATA so their provenance stays on the sheet.
 */
import { COLOURS, text, unitFormat, type PlanBuilder } from "./kit";
import { chinaStageShares, frameworkFigures, magnetProducers, patentFigures, type StageShareRow } from "./data";
import type { TemplateDefinition } from "./types";

const STAGE_ORDER = ["mining", "refining", "magnets"] as const;
const STAGE_LABEL: Record<string, string> = { mining: "Mining", refining: "Separation and refining", magnets: "Magnets" };

/** The latest year in which one source reports China's share at all three stages. */
function sideBySide(rows: StageShareRow[]): StageShareRow[] | null {
  const actual = rows.filter((r) => !r.projection && r.year !== null);
  const groups = new Map<string, StageShareRow[]>();
  for (const r of actual) {
    const key = `${r.year}|${r.source}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const complete = [...groups.values()].filter((g) => STAGE_ORDER.every((s) => g.some((r) => r.stage === s)));
  complete.sort((a, b) => b[0].year! - a[0].year!);
  return complete[0] ? STAGE_ORDER.map((s) => complete[0].find((r) => r.stage === s)!) : null;
}

export const magnets: TemplateDefinition = {
  id: "magnets",
  title: "Magnets and technology",
  description: "China's share at each stage side by side (mining, separation and refining, magnets), every reported stage share, magnet producers, patent figures and the framework paper's firm and patent statements (live CHOKEPOINT.DATA).",
  version: "1.1.0",
  sheetName: "Magnets and technology",
  options: [],
  addTo(book: PlanBuilder) {
    const s = book.sheet("magnets", "Magnets and technology", "#548235");
    s.title("Magnets and technology: from mine to magnet", "Stages are different physical markets: shares are not additive, and the scopes differ (see each row).");

    const shares = chinaStageShares();
    book.useDataset(shares.datasetId);
    const trio = sideBySide(shares.rows);
    if (trio) {
      s.heading("side-heading", `China's share at each stage, ${trio[0].year} (${trio[0].source})`);
      const side = s.dataTable(
        "side-by-side",
        shares.datasetId,
        [["Stage", "China", "Scope"], ...trio.map((r) => [STAGE_LABEL[r.stage], r.share, r.scope])],
        { keepCursor: true },
      );
      const rest = s.formulas("side-rest", [["Rest of world"], ...trio.map((_, i) => [`=1-${side.cell(i + 1, 1)}`])], { column: 3, row: side.top, header: true });
      s.format(side.column(1, 1), "0%");
      s.style({ range: side.column(1, 1), horizontalAlignment: "center" });
      s.format(rest.column(0, 1), "0%");
      s.name("Magnets_ChinaStageShares", side.column(1, 1), `China's share by stage, ${trio[0].year}, one source`);
      s.conditional({ type: "colorScale", range: side.column(1, 1), minColor: COLOURS.mid, maxColor: COLOURS.high });
      s.chart({
        id: "magnets-stage-shares",
        type: "columnClustered",
        title: `China's share at each stage, ${trio[0].year}`,
        dataRange: side.area(0, 0, 3, 1),
        seriesBy: "columns",
        position: { from: `F${side.top}`, to: `J${side.top + 16}` },
        yAxisTitle: "share of world",
      });
      s.row = Math.max(s.row, side.top + 17);
      s.gap();
    }

    s.heading("all-heading", "Every reported China share by stage");
    const sorted = [...shares.rows].sort((a, b) => STAGE_ORDER.indexOf(a.stage as never) - STAGE_ORDER.indexOf(b.stage as never) || (a.year ?? 0) - (b.year ?? 0));
    const all = s.dataTable(
      "all-shares",
      shares.datasetId,
      [["Stage", "Year", "China share", "Scope", "Source", "Projection"], ...sorted.map((r) => [STAGE_LABEL[r.stage], r.year, r.share, r.scope, r.source, r.projection ? "projection" : null])],
    );
    s.format(all.column(2, 1), "0.0%");
    s.style({ range: all.column(2, 1), horizontalAlignment: "center" });
    s.style({ range: all.column(3, 1), wrap: true });
    s.style({ range: all.column(4, 1), wrap: true });
    s.notes("all-notes", ["A blank year: the source does not state one. Projections are the IEA base case, not observations."]);
    s.gap();

    const producers = magnetProducers();
    s.heading("producers-heading", "Producers named in the sources");
    const prod = s.dataTable(
      "producers",
      producers.datasetId,
      [["Company", "Headquarters", "Metric", "Year", "Value", "Unit", "Source"], ...producers.rows.map((r) => [r.company, r.country, r.metric, r.year, r.value, r.unit, r.source])],
    );
    producers.rows.forEach((r, i) => s.format(prod.cell(i + 1, 4), unitFormat(r.value, r.unit)));
    for (const c of [0, 2, 6]) s.style({ range: prod.column(c, 1), wrap: true });
    s.notes("producers-notes", ["Mostly company statements and press reports (secondary). A blank value: the company does not disclose it."]);
    s.gap();

    const figures = frameworkFigures();
    book.useDataset(figures.datasetId);
    const wanted = figures.rows.filter((r) => /^(magnet_|patent_)/.test(r.id) && !/demand/.test(r.id));
    s.heading("paper-heading", "Firm and patent concentration as stated in the framework paper (live CHOKEPOINT.DATA)");
    const paper = s.formulas(
      "paper-figures",
      [["Figure", "Value", "Unit", "Stated as"], ...wanted.map((r) => [r.subject, `=CHOKEPOINT.DATA(${text(figures.datasetId)},${text(r.id)})`, /^percent$/i.test(r.unit) ? "share" : r.unit, r.statedAs])],
      { header: true },
    );
    wanted.forEach((r, i) => s.format(paper.cell(i + 1, 1), unitFormat(r.value, r.unit)));
    s.style({ range: paper.column(0, 1), wrap: true });
    s.gap();

    const patents = patentFigures();
    s.heading("patents-heading", "Patent figures reported elsewhere");
    const pat = s.dataTable(
      "patents",
      patents.datasetId,
      [["Metric", "Geography", "Period", "Value", "Unit", "Source"], ...patents.rows.map((r) => [r.metric, r.geography, r.period, r.value, r.unit, r.source])],
    );
    patents.rows.forEach((r, i) => s.format(pat.cell(i + 1, 3), unitFormat(r.value, r.unit)));
    s.style({ range: pat.column(0, 1), wrap: true });
    s.notes("patents-notes", ["No country-by-year patent series was found; these are secondary aggregates. Read them as orders of magnitude."]);
    // the long texts wrap in these widths; the rest is fitted to content and headers (kit)
    [26, 12, 22, 24, 28, 9, 28].forEach((w, c) => s.width(c, w));
  },
};
