/** Mine-production compilations other than USGS and BGS: World Mining Data (Austrian Federal Ministry of Finance) and Visual Capitalist (secondary). */
import { z } from "zod";
import type { DataRow, Dataset } from "../../src/data/schema";
import { countryByIso2 } from "../../src/data/countries";
import { countryKey, finish, nonEmpty, numberText, readCsv, row, yearText } from "./common";

export function wmd(): Dataset {
  const file = "world_mining_data_2024_ree_top5.csv";
  const recs = readCsv(file, {
    year: yearText,
    country: nonEmpty,
    iso2: z.string().regex(/^[A-Z]{2}$/),
    mine_production_t_reo: numberText,
    share_of_world_pct: numberText,
    world_total_t_reo: numberText,
  });
  const rows: DataRow[] = recs.map((r) =>
    row({
      key: countryByIso2(r.iso2)!.iso3,
      label: r.country,
      year: Number(r.year),
      values: { production: Number(r.mine_production_t_reo), share_of_world_pct: Number(r.share_of_world_pct) },
    }),
  );
  rows.push(row({ key: "WLD", label: "World", year: Number(recs[0].year), values: { production: Number(recs[0].world_total_t_reo) } }));
  return finish(
    {
      id: "wmd_mine_production",
      title: "World Mining Data 6.4: rare earths (REO), top 5 producers and world total",
      publisher: "Austrian Federal Ministry of Finance (World Mining Data)",
      sourceUrl: "https://www.world-mining-data.info/",
      retrievedVia: "github materials-atlas/critical-materials-atlas out/production.json (the atlas labels the row 'magnets'; the figures are REO mine output)",
      extracts: [file],
      publicationYear: 2026,
      licence: "World Mining Data, free to use with citation of the source",
      units: "metric tons of rare-earth-oxide (REO) equivalent",
      keyKind: "country",
      fields: [
        { name: "production", unit: "t REO", description: "mine production" },
        { name: "share_of_world_pct", unit: "%", description: "the source's share of world production" },
      ],
      defaultField: "production",
      variants: null,
      share: { worldKey: "WLD" },
      gaps: ["2024 only, top 5 producers only; the residual (world total minus the five) is not itemised."],
    },
    rows,
  );
}

export function visualCapitalist(): Dataset {
  const file = "visual_capitalist_ree_mine_production_1994_2004_2014_2024.csv";
  const cols = ["1994", "2004", "2014", "2024"];
  const recs = readCsv(file, { country: nonEmpty, ...Object.fromEntries(cols.map((c) => [c, numberText])) });
  const rows: DataRow[] = [];
  for (const r of recs) {
    const key = countryKey(r.country, file);
    for (const c of cols) {
      rows.push(row({ key, label: r.country, year: Number(c), values: { production: Number(r[c]) }, flags: ["secondary"] }));
    }
  }
  return finish(
    {
      id: "vc_mine_production",
      title: "Visualizing 30 Years of Rare Earth Production, by Country (benchmark years 1994, 2004, 2014, 2024)",
      publisher: "Visual Capitalist (data credited to Benchmark Mineral Intelligence and USGS)",
      sourceUrl: "https://www.visualcapitalist.com/",
      retrievedVia: "reproductions on taihoang.com and castbox.fm",
      extracts: [file],
      publicationYear: 2025,
      licence: "Visual Capitalist content; figures quoted with attribution (secondary source)",
      units: "metric tons of rare-earth-oxide (REO) equivalent",
      keyKind: "country",
      fields: [{ name: "production", unit: "t REO", description: "mine production as charted" }],
      defaultField: "production",
      variants: null,
      share: { worldKey: "WLD" },
      gaps: [
        "Secondary source: 2024 US (45,855) and Myanmar (36,125) are not the USGS MCS values.",
        "Zeros are as printed (the chart shows 0 where a country is not charted, e.g. USA 2004).",
      ],
    },
    rows,
  );
}
