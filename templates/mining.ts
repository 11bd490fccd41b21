/**
 * Mining: who mines the world's rare earths, from one source only (sources disagree by tens of
 * percent in some years, so series are never mixed). China's share and the HHI are live formulas
 * on the values; a second table sets reserves against production (GEOGAP).
 */
import { COLOURS, text, type PlanBuilder } from "./kit";
import { catalogue, lastYear, minePanel, reservesAndProduction } from "./data";
import type { BriefingOptions, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";
import { columnLetter } from "../src/workbook/a1";

export const MINING_SOURCE = "bgs_mine_production";
/** The mine-production datasets with country rows a production table can be built from. */
export const MINING_SOURCES = ["bgs_mine_production", "usgs_mcs_mine_production", "wmd_mine_production", "vc_mine_production"];
export const MINING_FROM_YEAR = 2000;

function miningSource(options: BriefingOptions): string {
  const id = options.source ?? MINING_SOURCE;
  if (!MINING_SOURCES.includes(id)) throw new Error(`source "${id}" is not a mine-production dataset; choose one of ${MINING_SOURCES.join(", ")}`);
  return id;
}

export const mining: TemplateDefinition = {
  id: "mining",
  title: "Mining",
  description: "Mine production by country over time from one named source, China's share and HHI per year as formulas, reserves against production (GEOGAP), line charts.",
  version: "1.2.0",
  sheetName: "Mining",
  options: [
    { name: "source", description: `mine-production dataset of the series (one of ${MINING_SOURCES.join(", ")}); never mixed with another`, default: MINING_SOURCE },
    { name: "year", description: `last year of the production series (from ${MINING_FROM_YEAR}; default the source's latest) and the year of the reserves table`, default: null },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("mining", "Mining", "#7F6000");
    const source = miningSource(options);
    const latest = lastYear(source);
    const to = options.year === null ? latest : Math.min(options.year, latest);
    const panel = minePanel(source, MINING_FROM_YEAR, to);
    book.useDataset(source);
    s.title("Mine production: who mines the world's rare earths", "One source throughout; never mix it with another source's figures, which differ by tens of percent in some years.");
    const src = s.values("source-label", [["Source"]], { keepCursor: true });
    s.style({ range: src.cell(0, 0), bold: true });
    s.markProse(s.formulas("source", [[`=CHOKEPOINT.SOURCE(${text(source)})`]], { column: 1 }), catalogue().card(source).citation);
    s.notes("source-notes", [
      `Dataset ${source}: tonnes of rare-earth oxide (REO). A blank cell means the source gives no figure for that country and year (most sources list only the main producers).`,
      "China's share uses the source's own world total for the same year. The HHI is over the listed producers (the unlisted residual is shown).",
      ...(options.year !== null && options.year > latest ? [`${options.year} was asked for, but ${source} has no figures after ${latest}: the series ends in ${latest}.`] : []),
    ]);
    s.gap();

    // Production table: values (year + countries), then sums and measures as formulas beside them.
    s.heading("production-heading", `Production by country, ${panel.years[0]}–${panel.years[panel.years.length - 1]} (t REO)`);
    const n = panel.countries.length;
    const header: PlanValue[] = ["Year", ...panel.countries.map((c) => c.iso3)];
    const body = panel.years.map((y) => [y, ...panel.countries.map((c) => panel.value(y, c.iso3))]);
    const top = s.row;
    const values = s.dataTable("production", source, [header, ...body], { keepCursor: true });
    const chn = panel.countries.findIndex((c) => c.iso3 === "CHN");
    if (chn < 0) throw new Error(`${source} has no China rows in ${MINING_FROM_YEAR}-${to}`);
    const col = (c: number) => values.left + c; // absolute column of the values block
    const listed = s.formulas(
      "listed-total",
      [["Listed producers"], ...body.map((_, r) => [`=SUM(${values.row(r + 1, 1, n)})`])],
      { column: col(n + 1), row: top, header: true, keepCursor: true },
    );
    const world = s.dataTable("world-total", source, [["World total (source)"], ...panel.years.map((y) => [panel.world(y)])], {
      column: col(n + 2),
      row: top,
      keepCursor: true,
    });
    const last = panel.years.length;
    s.format(values.area(1, 1, last, n), "#,##0");
    s.format(listed.column(0, 1), "#,##0");
    s.format(world.column(0, 1), "#,##0");
    s.name("Mining_Years", values.column(0, 1));
    s.name("Mining_Production", values.area(1, 1, last, n), `${source}, t REO, countries in columns`);
    s.name("Mining_World", world.column(0, 1));
    s.freeze(values.top + 1, 1);
    s.row = values.top + values.rowCount;
    s.gap();

    // Concentration by year, from the table above; the charts beside it, one above the other.
    s.heading("trend-heading", "Concentration over time");
    const measures = s.formulasAt(
      "measures",
      (cell) => [
        ["Year", "China share of world", "HHI (0–1)", "China share (via SHARE)", "HHI, listed producers", "Not itemised (t)", "HHI band (2010)"],
        ...panel.years.map((_, r) => {
          const w = world.cell(r + 1, 0);
          return [
            `=${values.cell(r + 1, 0)}`,
            `=${values.cell(r + 1, 1 + chn)}/${w}`,
            `=${cell(r + 1, 4)}/10000`,
            `=CHOKEPOINT.SHARE(${text(source)},"CHN",${values.cell(r + 1, 0)})`,
            `=CHOKEPOINT.HHI(${values.row(r + 1, 1, n)})`,
            `=${w}-${listed.cell(r + 1, 0)}`,
            `=CHOKEPOINT.BAND(${cell(r + 1, 4)})`,
          ];
        }),
      ],
      { header: true },
    );
    s.format(measures.column(1, 1), "0.0%");
    s.format(measures.column(2, 1), "0.000");
    s.format(measures.column(3, 1), "0.0%");
    s.format(measures.column(4, 1), "#,##0");
    s.format(measures.column(5, 1), "#,##0");
    s.conditional({ type: "colorScale", range: measures.column(1, 1), minColor: COLOURS.low, midColor: COLOURS.mid, maxColor: COLOURS.high });
    s.name("Mining_ChinaShare", measures.column(1, 1), "China's share of world mine production, source's own world total");
    s.name("Mining_HHI", measures.column(4, 1));
    // the concentration chart reads year, China's share and the HHI (0–1): one contiguous range
    const half = Math.max(12, Math.ceil((last + 1) / 2));
    const chartFrom = columnLetter(measures.left + 8);
    const chartTo = columnLetter(Math.max(measures.left + 16, values.left + n + 2));
    s.chart({
      id: "mining-production",
      type: "line",
      title: `Rare-earth mine production by country (t REO, ${source})`,
      dataRange: values.range,
      seriesBy: "columns",
      position: { from: `${chartFrom}${measures.top + 1}`, to: `${chartTo}${measures.top + half}` },
      xAxisTitle: "Year",
      yAxisTitle: "t REO",
    });
    s.chart({
      id: "mining-concentration",
      type: "line",
      title: "China's share of world mine production and the HHI (0–1)",
      dataRange: `${measures.cell(0, 0)}:${measures.cell(last, 2)}`,
      seriesBy: "columns",
      position: { from: `${chartFrom}${measures.top + half + 2}`, to: `${chartTo}${measures.top + 2 * half + 1}` },
      xAxisTitle: "Year",
      yAxisTitle: "share / HHI (0–1)",
    });
    s.row = Math.max(s.row, measures.top + 2 * half + 2);
    s.gap();

    // Reserves against production: concentration of where rare earths are mined versus where they lie.
    const rp = reservesAndProduction(options.year);
    book.useDataset(rp.productionDatasetId);
    book.useDataset(rp.reservesDatasetId);
    s.heading("geogap-heading", `Reserves against production, ${rp.year}: policy, not geography`);
    s.notes("geogap-intro", [
      `Production (${rp.productionDatasetId}) and reserves (${rp.reservesDatasetId}) in t REO, for the countries with both figures in ${rp.year}.` +
        (rp.substitutedFor !== null ? ` The reserves series has no ${rp.substitutedFor} figures, so ${rp.year}, the nearest year with them, is shown.` : ""),
      "Rare earths are not geologically rare: production is far more concentrated than reserves. China's position \"was determined by policy, not geography\".",
    ]);
    const gp = s.dataTable("geogap-data", rp.productionDatasetId, [["Country", "ISO3", "Mine production", "Reserves"], ...rp.rows.map((r) => [r.name, r.iso3, r.production, r.reserves])]);
    const k = rp.rows.length;
    s.format(gp.area(1, 2, k, 3), "#,##0");
    s.name("Mining_GapProduction", gp.column(2, 1));
    s.name("Mining_GapReserves", gp.column(3, 1));
    const chnRow = rp.rows.findIndex((r) => r.iso3 === "CHN");
    const gap = s.formulas("geogap", [
      ["Measure", "Production", "Reserves"],
      ["HHI (0–1)", "=CHOKEPOINT.HHI(Mining_GapProduction,1)", "=CHOKEPOINT.HHI(Mining_GapReserves,1)"],
      ["China's share of the countries listed", chnRow < 0 ? null : `=${gp.cell(chnRow + 1, 2)}/SUM(Mining_GapProduction)`, chnRow < 0 ? null : `=${gp.cell(chnRow + 1, 3)}/SUM(Mining_GapReserves)`],
      ["GEOGAP: production HHI − reserves HHI", "=CHOKEPOINT.GEOGAP(Mining_GapProduction,Mining_GapReserves)", null],
    ], { header: true });
    s.format(gap.area(1, 1, 1, 2), "0.000");
    s.format(gap.area(2, 1, 2, 2), "0.0%");
    s.format(gap.cell(3, 1), "0.000");
    s.name("Mining_GeoGap", gap.cell(3, 1));
    if (rp.excluded.length > 0) {
      s.notes("geogap-excluded", [`Left out (a figure is missing in the source): ${rp.excluded.map((e) => `${e.name} (no ${e.missing})`).join(", ")}.`]);
    }
    // widths: fitted to the figures and headers (kit), so the wide production table prints as large as it can
  },
};
