/** BGS World Mineral Statistics: rare-earth mine production of the top producers. */
import { z } from "zod";
import type { DataRow, Dataset } from "../../src/data/schema";
import { findCountry } from "../../src/data/countries";
import { finish, nonEmpty, numberText, readCsv, row, yearText } from "./common";

export function bgs(): Dataset {
  const file = "bgs_ree_mine_production_top_producers_1992_2024.csv";
  const recs = readCsv(file, {
    year: yearText,
    country: nonEmpty,
    iso3: z.string().regex(/^[A-Z]{3}$/),
    mine_production_t_reo: numberText,
    share_of_world: numberText,
    bgs_world_total_t_reo: numberText,
  });
  const rows: DataRow[] = [];
  const worldDone = new Set<number>();
  for (const r of recs) {
    const year = Number(r.year);
    const c = findCountry(r.iso3) ?? findCountry(r.country);
    if (!c) throw new Error(`${file}: unknown country ${r.country}`);
    rows.push(
      row({
        key: c.iso3,
        label: r.country,
        year,
        values: { production: Number(r.mine_production_t_reo), share_of_world: Number(r.share_of_world), world_total: Number(r.bgs_world_total_t_reo) },
      }),
    );
    if (!worldDone.has(year)) {
      worldDone.add(year);
      rows.push(row({ key: "WLD", label: "World (BGS total)", year, values: { production: Number(r.bgs_world_total_t_reo) } }));
    }
  }
  return finish(
    {
      id: "bgs_mine_production",
      title: "World Mineral Statistics: rare earth oxides, mine production of the top producers",
      publisher: "British Geological Survey (BGS)",
      sourceUrl: "https://www.bgs.ac.uk/mineralsuk/statistics/world-mineral-statistics/",
      retrievedVia: "github materials-atlas/critical-materials-atlas, magnet-chain/out/magnet_pilot_evidence.json (bgs_mine_production block, 2026 build)",
      extracts: [file],
      publicationYear: 2026,
      licence: "BGS © UKRI; World Mineral Statistics data may be used with acknowledgement (Open Government Licence terms for BGS data); cite BGS",
      units: "metric tons of rare-earth-oxide (REO) equivalent",
      keyKind: "country",
      fields: [
        { name: "production", unit: "t REO", description: "mine production reported or calculated as REO" },
        { name: "share_of_world", unit: "fraction", description: "the source's own share of the BGS world total" },
        { name: "world_total", unit: "t REO", description: "the BGS world total for that year" },
      ],
      defaultField: "production",
      variants: null,
      share: { worldKey: "WLD" },
      gaps: [
        "Only the top producers (at most 8 a year) are itemised; for years with 8 listed the residual (<0.6% of the world total) is not.",
        "USA also produced about 2,000 t/yr from stockpiles (not itemised).",
        "Earlier BGS editions tabulated 'rare earth minerals', not oxides: take care with long comparisons.",
      ],
    },
    rows,
  );
}
