/** USGS: Mineral Commodity Summaries (world mine production, reserves, U.S. salient statistics, end use, import sources) and Data Series 140. */
import { z } from "zod";
import type { DataRow, Dataset, Flag } from "../../src/data/schema";
import { anyText, countryKey, finish, flagsFrom, nonEmpty, numberText, optionalNumberText, parseValue, put, readCsv, Rec, row, slug, USGS_PD, yearText } from "./common";

const MCS_ORDER = ["MCS 2026", "MCS 2025", "MCS 2024", "MCS 2021", "MCS 2019", "USGS (edition not stated, as cited)"];

export function usgsMcs(): Dataset[] {
  const file = "usgs_mcs_world_production_by_edition.csv";
  const recs = readCsv(file, {
    edition: z.string().regex(/^MCS \d{4}$/, 'expected "MCS yyyy"'),
    country: nonEmpty,
    year: yearText,
    mine_production_t_reo: optionalNumberText,
    reserves_t_reo: optionalNumberText,
    estimate_flag: z.enum(["", "e"]),
    source_url: nonEmpty,
    note: anyText,
  });
  const prod: DataRow[] = [];
  const reserves: DataRow[] = [];
  const lastYear = new Map<string, number>();
  for (const r of recs) lastYear.set(r.edition, Math.max(lastYear.get(r.edition) ?? 0, Number(r.year)));
  for (const r of recs) {
    const key = countryKey(r.country, file);
    const flags: Flag[] = r.estimate_flag === "e" ? ["estimate"] : [];
    const p = parseValue(r.mine_production_t_reo);
    const target = { values: {} as Record<string, number | null>, text: {} as Record<string, string>, flags: [...flags] };
    put(target, "production", p);
    prod.push(row({ key, label: r.country, year: Number(r.year), variant: r.edition, ...target, note: r.note }));
    if (Number(r.year) === lastYear.get(r.edition)) {
      const res = { values: {} as Record<string, number | null>, text: {} as Record<string, string>, flags: [] as Flag[] };
      const bound = /reserves printed as '>([\d,]+)'/.exec(r.note);
      if (r.reserves_t_reo !== "") put(res, "reserves", parseValue(r.reserves_t_reo));
      else if (bound) put(res, "reserves", parseValue(`>${bound[1].replace(/,/g, "")}`));
      else {
        res.values.reserves = null;
        if (/reserves NA/.test(r.note)) res.text.printed = "NA";
      }
      reserves.push(row({ key, label: r.country, year: Number(r.year), variant: r.edition, ...res, note: r.note }));
    }
  }
  // China and world totals of earlier editions, mostly read in press articles quoting USGS.
  const file2 = "usgs_mcs_china_world_by_edition_reported.csv";
  const recs2 = readCsv(file2, {
    mcs_edition: nonEmpty,
    data_year: z.string().regex(/^(\d{4})?$/),
    estimate_flag: z.enum(["", "revised", "estimate", "as cited"]),
    series: z.enum(["China mine production", "World mine production", "World reserves"]),
    value_t_reo: nonEmpty,
    primary_source: nonEmpty,
    retrieved_via: nonEmpty,
  });
  for (const r of recs2) {
    const edition = /^MCS \d{4}$/.test(r.mcs_edition) ? r.mcs_edition : MCS_ORDER[MCS_ORDER.length - 1];
    const key = r.series.startsWith("China") ? "CHN" : "WLD";
    const label = r.series.startsWith("China") ? "China" : "World";
    const flags: Flag[] = ["secondary"];
    if (r.estimate_flag === "estimate") flags.push("estimate");
    if (r.estimate_flag === "revised") flags.push("revised");
    const note = `${r.primary_source}; read in ${r.retrieved_via} (${file2})`;
    if (r.series === "World reserves") {
      const year = lastYear.get(edition) ?? null;
      const existing = reserves.find((x) => x.key === "WLD" && x.variant === edition && x.year === year);
      if (existing) existing.note += `; also quoted as "${r.value_t_reo}" via ${r.retrieved_via}`;
      continue;
    }
    const year = Number(r.data_year);
    const p = parseValue(r.value_t_reo);
    const existing = prod.find((x) => x.key === key && x.year === year && x.variant === edition);
    if (existing) {
      const same = existing.values.production === p.value;
      existing.note += same ? `; also quoted (same value) via ${r.retrieved_via}` : `; NOTE: ${r.retrieved_via} quotes ${r.value_t_reo} for this edition and year`;
      continue;
    }
    const target = { values: {} as Record<string, number | null>, text: {} as Record<string, string>, flags };
    put(target, "production", p);
    prod.push(row({ key, label, year, variant: edition, ...target, note }));
  }
  const MCS_ROUTES =
    "MCS 2024 data release mcs2024-raree_world (copy in github onome23/Rare-earth-metals-analysis); MCS 2025 PDF text (github NSSAC/dpi.RAG data/PyPDF2 and data/marker); MCS 2026 transcription (github pranava0x0/usgs-mineral-commodity-summaries)";
  const common = {
    publisher: "U.S. Geological Survey (USGS)",
    sourceUrl: "https://www.usgs.gov/centers/national-minerals-information-center/rare-earths-statistics-and-information",
    retrievedVia: `${MCS_ROUTES}; MCS 2019/2021 China and world totals quoted by investingnews.com and reprints (flagged secondary)`,
    extracts: [file, file2],
    publicationYear: 2026,
    licence: USGS_PD,
    keyKind: "country" as const,
    variants: { label: "edition", order: MCS_ORDER, policy: "first" as const },
    share: { worldKey: "WLD" },
  };
  return [
    finish(
      {
        ...common,
        id: "usgs_mcs_mine_production",
        title: "Mineral Commodity Summaries: Rare Earths, world mine production by country",
        units: "metric tons of rare-earth-oxide (REO) equivalent",
        fields: [{ name: "production", unit: "t REO", description: "mine production, from the latest MCS edition reporting that year" }],
        defaultField: "production",
        gaps: [
          "MCS 2010–2023 world tables were not obtained: only China and world totals of MCS 2019 and MCS 2021 (quoted in press articles) cover 2017–2021.",
          "2021: China and world only, quoted without an edition (rizinia.com citing USGS).",
          "MCS 2024's data release has no 'Other countries' row; MCS 2026's transcription did not capture the estimate marker.",
          "USGS China figures are production quotas and exclude undocumented output (MCS 2025 footnote 14).",
        ],
        coverageNote: "country rows 2022–2025 (MCS 2024–2026); China and world only for 2017–2021",
      },
      prod,
    ),
    finish(
      {
        ...common,
        id: "usgs_mcs_reserves",
        // Reserves come only from the world tables of MCS 2024–2026 (the extract holds no reserves of
        // older editions); the press-quoted file adds MCS 2026's '>85,000,000' world figure as a note.
        retrievedVia: `${MCS_ROUTES}; MCS 2026 world reserves '>85,000,000' also quoted by a third-party repo (kept in the note)`,
        variants: { label: "edition", order: ["MCS 2026", "MCS 2025", "MCS 2024"], policy: "first" as const },
        title: "Mineral Commodity Summaries: Rare Earths, reserves by country",
        units: "metric tons of rare-earth-oxide (REO) equivalent",
        fields: [
          { name: "reserves", unit: "t REO", description: "reserves as printed in the edition (on its later-year row)" },
          { name: "lower_bound", unit: "t REO", description: "the bound where reserves are printed as '>x'" },
        ],
        defaultField: "reserves",
        gaps: [
          "Reserves NA (not available) for Burma, Madagascar, Malaysia, Nigeria and others in some editions: kept missing.",
          "World reserves are printed as '>90,000,000' (MCS 2025) and '>85,000,000' (MCS 2026): lower bounds, no share can be computed from them.",
          "Australia: JORC-compliant reserves 3.3 Mt (MCS 2024/2025 footnote) are in the note, not the value.",
        ],
        coverageNote: "year = the edition's later data year (MCS 2024 → 2023, MCS 2025 → 2024, MCS 2026 → 2025)",
      },
      reserves,
    ),
  ];
}

export function usgsHistorical(): Dataset {
  const file = "usgs_ds140_world_ree_mine_production_1900_2020.csv";
  const recs = readCsv(file, { year: yearText, world_mine_production_t_reo: numberText });
  const rows = recs.map((r) => row({ key: "WLD", label: "World", year: Number(r.year), values: { production: Number(r.world_mine_production_t_reo) } }));
  return finish(
    {
      id: "usgs_world_production",
      title: "Data Series 140, Historical Statistics for Mineral and Material Commodities: Rare Earths, world mine production",
      publisher: "U.S. Geological Survey (USGS)",
      sourceUrl: "https://www.usgs.gov/media/files/rare-earths-historical-statistics-data-series-140",
      retrievedVia: "github materials-atlas/critical-materials-atlas, magnet_pilot_evidence.json (usgs_world_production block)",
      extracts: [file],
      publicationYear: 2021,
      licence: USGS_PD,
      units: "metric tons of rare-earth-oxide (REO) equivalent",
      keyKind: "country",
      fields: [{ name: "production", unit: "t REO", description: "world mine production" }],
      defaultField: "production",
      variants: null,
      share: { unavailable: "the historical series gives world totals only (no country rows), so there is no country share" },
      gaps: ["World total only, no country split; the workbook ends in 2020."],
    },
    rows,
  );
}

export function usSalient(): Dataset {
  // The wide MCS tables (one column per year), newest edition first: a row lookup that takes the
  // first row of a year then reads the latest edition's figure. MCS 2026 heads its last column
  // "2025e" (SOURCES.md: "2021–2025 (2025 estimated)"), so every 2025 figure is an estimate.
  const wide = [
    { edition: "MCS 2026", file: "usgs_mcs2026_rare_earths_us_salient.csv", years: ["2021", "2022", "2023", "2024", "2025"], estimatedColumn: "2025" },
    { edition: "MCS 2025", file: "usgs_mcs2025_rare_earths_us_salient.csv", years: ["2020", "2021", "2022", "2023", "2024"], estimatedColumn: null },
  ];
  const rows: DataRow[] = [];
  const itemKey = (item: string) => slug(item.replace(/\(average\)/, ""));
  for (const { edition, file, years, estimatedColumn } of wide) {
    const recs = readCsv(file, { item: nonEmpty, unit: nonEmpty, ...Object.fromEntries(years.map((y) => [y, nonEmpty])), note: anyText });
    for (const r of recs) {
      // "2025 estimated (e)" marks that year only; a bare "estimated (e)" (MCS 2025) the whole row.
      const estimated = /(\d{4}) estimated \(e\)/.exec(r.note)?.[1];
      // The years the note says this edition revised: "revises 2023 (MCS 2025: 250) and 2024 (MCS
      // 2025: 1300)", "MCS 2025 printed 80 for 2024".
      const revised = [...r.note.matchAll(/(\d{4}) \(MCS \d{4}: |MCS \d{4} printed \S+ for (\d{4})/g)].map((m) => m[1] ?? m[2]);
      for (const y of years) {
        const p = parseValue(r[y]);
        const target = { values: {} as Record<string, number | null>, text: { unit: r.unit } as Record<string, string>, flags: [] as Flag[] };
        put(target, "value", p);
        if (r[y] === "E") target.text.printed = "E";
        if (y === estimatedColumn || (estimated ? estimated === y : /estimated \(e\)/.test(r.note))) target.flags.push("estimate");
        if (revised.includes(y)) target.flags.push("revised");
        rows.push(row({ key: itemKey(r.item), label: r.item, year: Number(y), variant: edition, ...target, note: r.note }));
      }
    }
  }
  const file2 = "us_ree_salient_statistics_mcs2016_mcs2019_mcs2021.csv";
  const recs2 = readCsv(file2, { mcs_edition: z.string().regex(/^MCS \d{4}$/), item: nonEmpty, unit: nonEmpty, year: yearText, value: nonEmpty, note: anyText });
  for (const r of recs2) {
    const p = parseValue(r.value);
    const target = { values: {} as Record<string, number | null>, text: { unit: r.unit } as Record<string, string>, flags: [] as Flag[] };
    put(target, "value", p);
    // Notes name the estimated year ("2018 estimate"); only that year's row is an estimate.
    const estimatedYears = [...r.note.matchAll(/(\d{4}) estimate/g)].map((m) => m[1]);
    if (/estimat/i.test(r.item) || /\be\b|estimated/.test(r.note) || estimatedYears.includes(r.year)) target.flags.push("estimate");
    rows.push(row({ key: itemKey(r.item), label: r.item, year: Number(r.year), variant: r.mcs_edition, ...target, note: r.note }));
  }
  return finish(
    {
      id: "us_salient",
      title: "Mineral Commodity Summaries: Rare Earths, U.S. salient statistics (production, imports, exports, apparent consumption, prices, net import reliance)",
      publisher: "U.S. Geological Survey (USGS)",
      sourceUrl: "https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-rare-earths.pdf",
      retrievedVia:
        "MCS 2026: github pranava0x0/usgs-mineral-commodity-summaries, data/audit/rare-earths/data.json (third-party machine transcription of the PDF, SHA-256 a733c264…8ab1 as recorded by the transcriber); MCS 2025 (pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf): github NSSAC/dpi.RAG PDF text; MCS 2016 and 2019: docslib.org/doc/1659904 and /doc/9890780; MCS 2021: docslib.org/doc/10507567",
      extracts: [...wide.map((w) => w.file), file2],
      publicationYear: 2026,
      licence: USGS_PD,
      units: "per item: t REO, USD/kg, % of apparent consumption, number of employees (see the unit text field)",
      keyKind: "item",
      fields: [
        { name: "value", unit: "see unit", description: "the statistic as printed in that edition" },
        { name: "lower_bound", unit: "see unit", description: "the bound where printed as '>x' (e.g. net import reliance >95)" },
      ],
      defaultField: "value",
      variants: { label: "edition", order: ["MCS 2026", "MCS 2025", "MCS 2021", "MCS 2019", "MCS 2016"], policy: "first" },
      share: { unavailable: "salient statistics are U.S. items, not country rows with a world total" },
      gaps: [
        "Row labels differ between editions (e.g. 'Imports: compounds' vs 'Imports: cerium compounds'); items are kept as printed, not merged.",
        "Some MCS 2016/2019 row labels were lost in the extracted text and identified by MCS row order (see note).",
        "Net import reliance printed as '>95' or '>90' is a lower bound; 'E' means net exporter: both have no value.",
        "MCS 2026's printed apparent consumption is not production + imports − exports of its printed rows (the 'ores and compounds' export row includes mineral concentrates), so net import reliance recomputed from the rows differs from the printed one for 2023–2025: use the printed figure.",
        "MCS 2026 prices are Argus free-on-board quotations with two decimals; MCS 2025 printed most of them rounded to whole dollars and lists dysprosium and terbium, MCS 2026 praseodymium, NdPr, samarium and gadolinium.",
      ],
    },
    rows,
  );
}

export function usEndUse(): Dataset {
  const file = "us_ree_end_use_and_import_value_mcs.csv";
  const recs = readCsv(file, { mcs_edition: z.string().regex(/^MCS \d{4}$/), data_year: yearText, metric: nonEmpty, value: nonEmpty, unit: nonEmpty, note: anyText });
  const rows = recs.map((r) => {
    const target = { values: {} as Record<string, number | null>, text: { unit: r.unit } as Record<string, string>, flags: flagsFrom(r.note) };
    put(target, "value", parseValue(r.value));
    return row({ key: slug(r.metric), label: r.metric, year: Number(r.data_year), variant: r.mcs_edition, ...target, note: r.note });
  });
  return finish(
    {
      id: "us_end_use",
      title: "Mineral Commodity Summaries: Rare Earths, U.S. import value and end-use shares",
      publisher: "U.S. Geological Survey (USGS)",
      sourceUrl: "https://www.usgs.gov/centers/national-minerals-information-center/rare-earths-statistics-and-information",
      retrievedVia: "MCS 2016/2019/2021 text on docslib.org; MCS 2025 PDF text in github NSSAC/dpi.RAG",
      extracts: [file],
      publicationYear: 2025,
      licence: USGS_PD,
      units: "per item: million USD or % of consumption (see unit)",
      keyKind: "item",
      fields: [{ name: "value", unit: "see unit", description: "as printed" }],
      defaultField: "value",
      variants: { label: "edition", order: ["MCS 2025", "MCS 2021", "MCS 2019", "MCS 2016"], policy: "first" },
      share: { unavailable: "end-use shares are already shares of U.S. consumption" },
      gaps: ["Only the editions named; end-use categories change between editions."],
    },
    rows,
  );
}

export function usImportSources(): Dataset[] {
  const file = "us_ree_import_sources.csv";
  const file2026 = "us_ree_import_sources_mcs2026.csv";
  const columns = { period: nonEmpty, material: nonEmpty, partner: nonEmpty, share_pct: numberText, note: anyText };
  const recs = readCsv(file, columns);
  const mk = (r: Rec, source: string, variant: string | null, secondary: boolean) =>
    row({
      key: countryKey(r.partner, source),
      label: r.partner,
      year: /^\d{4}$/.test(r.period) ? Number(r.period) : null,
      period: r.period,
      variant,
      values: { share_pct: Number(r.share_pct) },
      text: { material: r.material },
      flags: secondary ? ["secondary"] : [],
      note: r.note,
    });
  // USGS's import sources, newest edition first (each edition prints its own four-year period).
  const mcs = [
    ...readCsv(file2026, columns).map((r) => mk(r, file2026, "MCS 2026", false)),
    ...recs.filter((r) => r.period === "2020-2023").map((r) => mk(r, file, "MCS 2025", false)),
  ];
  const census = recs.filter((r) => r.period !== "2020-2023").map((r) => mk(r, file, null, true));
  return [
    finish(
      {
        id: "us_import_sources",
        title: "Mineral Commodity Summaries: Rare Earths, U.S. import sources of compounds and metals (MCS 2026: 2021–24; MCS 2025: 2020–23)",
        publisher: "U.S. Geological Survey (USGS)",
        sourceUrl: "https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-rare-earths.pdf",
        retrievedVia:
          "MCS 2026: github pranava0x0/usgs-mineral-commodity-summaries, data/audit/rare-earths/data.json (third-party machine transcription); MCS 2025 (pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf): github NSSAC/dpi.RAG data/PyPDF2/mcs2025-rare-earths.md",
        extracts: [file2026, file],
        publicationYear: 2026,
        licence: USGS_PD,
        units: "% of U.S. imports of rare-earth compounds and metals (by quantity), average of the edition's four-year period",
        keyKind: "country",
        fields: [{ name: "share_pct", unit: "%", description: "share of U.S. imports over the edition's period (MCS 2026: 2021–24; MCS 2025: 2020–23)" }],
        defaultField: "share_pct",
        variants: { label: "edition", order: ["MCS 2026", "MCS 2025"], policy: "first" },
        share: { unavailable: "the values are already shares of U.S. imports (leave year blank: each edition prints a four-year period)" },
        gaps: [
          "One period per edition (MCS 2026: 2021–2024; MCS 2025: 2020–2023); the year argument must be left blank; field \"period\" says which.",
          "China includes Hong Kong.",
          "The earlier edition's 'China 74%' (2018–21) could not be retrieved.",
        ],
        coverageNote: "periods 2021–2024 (MCS 2026) and 2020–2023 (MCS 2025)",
      },
      mcs,
    ),
    finish(
      {
        id: "us_import_sources_census_2024",
        title: "U.S. rare-earth import sources 2024 (Census-based compilation)",
        publisher: "Motley Fool Research (compiling U.S. Census Bureau trade data)",
        sourceUrl: "https://www.fool.com/research/rare-earths-trade-statistics/",
        retrievedVia: "fool.com research page",
        extracts: [file],
        publicationYear: 2025,
        licence: "quoted with attribution (secondary source; not a USGS line)",
        units: "% of U.S. rare-earth imports, 2024",
        keyKind: "country",
        fields: [{ name: "share_pct", unit: "%", description: "share of U.S. imports in 2024" }],
        defaultField: "share_pct",
        variants: null,
        share: { unavailable: "the values are already shares of U.S. imports" },
        gaps: ["Secondary source; scope as defined by the compiler; no 'other' row."],
      },
      census,
    ),
  ];
}
