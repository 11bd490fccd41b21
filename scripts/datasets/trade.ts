/** Trade: UN Comtrade (U.S. imports by partner and concentration), CEPII BACI, OEC, and Japan's import dependence as reported. */
import { z } from "zod";
import type { DataRow, Dataset, Flag } from "../../src/data/schema";
import { countryByIso2 } from "../../src/data/countries";
import { anyText, countryKey, finish, nonEmpty, numberText, optionalNumberText, parseValue, perValueSources, put, readCsv, row, sourceName, uniq, yearText } from "./common";

const COMTRADE_META = {
  publisher: "United Nations Statistics Division (UN Comtrade)",
  sourceUrl: "https://comtradeplus.un.org/",
  retrievedVia: "github akashok1/semiconductor-rare-earth-supply-chain-risk, exports/fct_supplier_share.csv and exports/fct_concentration.csv (docs/04_data_dictionary.md)",
  publicationYear: 2025,
  licence: "UN Comtrade data: free for non-commercial use with citation (UN Comtrade terms of use)",
};

export function comtrade(): Dataset[] {
  const fileP = "us_imports_ree_by_partner_comtrade_2018_2025.csv";
  const fileC = "us_imports_ree_magnets_concentration_2018_2025.csv";
  const partners = readCsv(fileP, {
    hs6: z.string().regex(/^\d{6}$/),
    year: yearText,
    partner_m49: numberText,
    partner_iso3: z.string().regex(/^[A-Z]{3}$/),
    partner_name: nonEmpty,
    us_import_value_usd: numberText,
    share_of_us_imports: numberText,
    rank: numberText,
  });
  const conc = readCsv(fileC, {
    hs6: z.string().regex(/^\d{6}$/),
    product: nonEmpty,
    year: yearText,
    us_total_import_value_usd: numberText,
    top1_partner: nonEmpty,
    top1_share: numberText,
    top3_share: numberText,
    hhi: numberText,
    supplier_count: numberText,
  });
  const products = new Map(conc.map((r) => [r.hs6, r.product]));
  const codes = uniq(partners.map((r) => r.hs6)).sort();
  const merged = new Map<string, DataRow>();
  for (const r of partners) {
    const key = countryKey(r.partner_iso3, fileP);
    const id = `${key}|${r.year}`;
    const target = merged.get(id) ?? row({ key, label: r.partner_name, year: Number(r.year), values: {}, flags: r.year === "2025" ? ["provisional"] : [] });
    target.values[`import_value_hs${r.hs6}`] = Number(r.us_import_value_usd);
    target.values[`share_hs${r.hs6}`] = Number(r.share_of_us_imports);
    target.values[`rank_hs${r.hs6}`] = Number(r.rank);
    merged.set(id, target);
  }
  // The total of all partners, for the codes and years that have partner rows (same source and file set).
  for (const c of conc) {
    if (!partners.some((p) => p.hs6 === c.hs6 && p.year === c.year)) continue;
    const id = `WLD|${c.year}`;
    const target =
      merged.get(id) ??
      row({ key: "WLD", label: "World (total U.S. imports)", year: Number(c.year), values: {}, flags: c.year === "2025" ? ["provisional"] : [], note: `totals of all partners, from ${fileC}` });
    target.values[`import_value_hs${c.hs6}`] = Number(c.us_total_import_value_usd);
    merged.set(id, target);
  }
  const out: Dataset[] = [
    finish(
      {
        ...COMTRADE_META,
        id: "comtrade_us_imports_by_partner",
        title: `U.S. imports by partner (country of origin), HS ${codes.join(", ")}`,
        extracts: [fileP, fileC],
        units: "US dollars (customs value); shares of U.S. imports of the HS code as fractions",
        keyKind: "country",
        fields: codes.flatMap((hs) => [
          { name: `import_value_hs${hs}`, unit: "USD", description: `U.S. imports of HS ${hs} (${products.get(hs) ?? ""}) from the partner; World = all partners` },
          { name: `share_hs${hs}`, unit: "fraction", description: `the source's share of total U.S. imports of HS ${hs}` },
          { name: `rank_hs${hs}`, unit: "", description: `the partner's rank for HS ${hs} that year` },
        ]),
        defaultField: `import_value_hs${codes[0]}`,
        variants: null,
        share: { unavailable: `the source gives each partner's share per HS code: use CHOKEPOINT.DATA with field "share_hs${codes[0]}" (or another code)` },
        gaps: [
          "Partner = country of origin as reported by U.S. customs, not the country of mining or separation.",
          "HS 284690: partner rows for 2018 only (19 of 22 partners; residual 0.04%); 2019–2025 not extracted (totals in comtrade_us_imports_concentration).",
          "HS 850511 partner rows were not extracted.",
          "HS2017 codes 2018–21, HS2022 codes 2022–25; 2025 may be provisional.",
          "A bare HS code as the field (e.g. 280530) means import_value_hs280530.",
        ],
      },
      [...merged.values()],
    ),
  ];
  const concRows = conc.map((r) =>
    row({
      key: r.hs6,
      label: `HS ${r.hs6} ${r.product}`,
      year: Number(r.year),
      values: {
        total_import_value_usd: Number(r.us_total_import_value_usd),
        top1_share: Number(r.top1_share),
        top3_share: Number(r.top3_share),
        hhi: Number(r.hhi),
        supplier_count: Number(r.supplier_count),
      },
      text: { top1_partner: r.top1_partner },
      flags: r.year === "2025" ? ["provisional"] : [],
    }),
  );
  out.push(
    finish(
      {
        ...COMTRADE_META,
        id: "comtrade_us_imports_concentration",
        title: "U.S. imports of rare-earth metals, compounds and permanent magnets: totals and supplier concentration by HS code",
        extracts: [fileC],
        units: "USD; shares as fractions; HHI on the 0–10,000 scale",
        keyKind: "hs_code",
        fields: [
          { name: "total_import_value_usd", unit: "USD", description: "total U.S. import value of the code" },
          { name: "top1_share", unit: "fraction", description: "share of the top partner (see text field top1_partner)" },
          { name: "top3_share", unit: "fraction", description: "share of the top three partners" },
          { name: "hhi", unit: "0–10,000", description: "Herfindahl–Hirschman index of partner shares" },
          { name: "supplier_count", unit: "partners", description: "number of partners" },
        ],
        defaultField: "total_import_value_usd",
        variants: null,
        share: { unavailable: "rows are HS codes, not countries" },
        gaps: ["Partner rows for HS 850511 were not extracted; China is the top partner for 280530, 284690 and 850511 every year (Japan for 284610)."],
      },
      concRows,
    ),
  );
  return out;
}

const BACI_META = {
  publisher: "CEPII (BACI, reconciled UN Comtrade data)",
  sourceUrl: "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
  retrievedVia: "github materials-atlas/critical-materials-atlas, magnet-chain/out/magnet_trade.json and rare-earths-chain/out/rare_earths_trade.json",
  publicationYear: 2026,
  licence: "BACI: Etalab Open Licence 2.0 (cite CEPII BACI, Gaulier and Zignago 2010)",
};

export function baci(): Dataset[] {
  const file = "baci_world_trade_ree_magnets_2002_2024.csv";
  const recs = readCsv(file, {
    hs6: z.string().regex(/^\d{6}$/),
    product: nonEmpty,
    year: yearText,
    hs_vintage: nonEmpty,
    world_trade_value_usd: numberText,
    world_trade_tonnes: optionalNumberText,
    china_share_of_world_exports_value: optionalNumberText,
    exporter_hhi_0to1: optionalNumberText,
  });
  const world = recs.map((r) => {
    const target = { values: {} as Record<string, number | null>, text: { hs_vintage: r.hs_vintage } as Record<string, string>, flags: [] as Flag[] };
    put(target, "world_trade_value_usd", parseValue(r.world_trade_value_usd));
    put(target, "world_trade_tonnes", parseValue(r.world_trade_tonnes));
    put(target, "china_export_share", parseValue(r.china_share_of_world_exports_value));
    put(target, "exporter_hhi", parseValue(r.exporter_hhi_0to1));
    return row({ key: r.hs6, label: `HS ${r.hs6} ${r.product}`, year: Number(r.year), ...target });
  });
  const file2 = "baci_top8_exporters_importers_selected_years.csv";
  const recs2 = readCsv(file2, {
    hs6: z.string().regex(/^\d{6}$/),
    year: yearText,
    flow: z.enum(["exporter", "importer"]),
    rank: numberText,
    iso2: z.string().regex(/^[A-Z]{2}$/),
    country: nonEmpty,
    value_usd: numberText,
    share_of_world_trade: numberText,
  });
  const merged = new Map<string, DataRow>();
  for (const r of recs2) {
    const c = countryByIso2(r.iso2);
    if (!c) throw new Error(`${file2}: unknown ISO2 ${r.iso2}`);
    // Belgium-Luxembourg is printed with BE: keep the printed name in the label.
    const key = r.country === "Belgium-Luxembourg" ? "BLX" : c.iso3;
    const id = `${key}|${r.year}`;
    const existing = merged.get(id) ?? row({ key, label: r.country, year: Number(r.year), values: {} });
    const dir = r.flow === "exporter" ? "export" : "import";
    existing.values[`${dir}_value_hs${r.hs6}`] = Number(r.value_usd);
    existing.values[`${dir}_share_hs${r.hs6}`] = Number(r.share_of_world_trade);
    merged.set(id, existing);
  }
  const hsCodes = uniq(recs2.map((r) => r.hs6)).sort();
  const topFields = hsCodes.flatMap((hs) => [
    { name: `export_value_hs${hs}`, unit: "USD", description: `exports of HS ${hs} (top-8 exporters only)` },
    { name: `export_share_hs${hs}`, unit: "fraction", description: `share of world trade in HS ${hs}` },
    { name: `import_value_hs${hs}`, unit: "USD", description: `imports of HS ${hs} (top-8 importers only)` },
    { name: `import_share_hs${hs}`, unit: "fraction", description: `share of world trade in HS ${hs}` },
  ]);
  return [
    finish(
      {
        ...BACI_META,
        id: "baci_world_trade",
        title: "BACI world trade in rare-earth metals, compounds and permanent magnets, with China's export share, by HS code",
        extracts: [file],
        units: "USD, tonnes, China's share of world exports by value (fraction), exporter HHI (0–1)",
        keyKind: "hs_code",
        fields: [
          { name: "world_trade_value_usd", unit: "USD", description: "world trade value" },
          { name: "world_trade_tonnes", unit: "t", description: "world trade quantity" },
          { name: "china_export_share", unit: "fraction", description: "China's share of world exports by value" },
          { name: "exporter_hhi", unit: "0–1", description: "HHI of exporters' shares" },
        ],
        defaultField: "china_export_share",
        variants: null,
        share: { unavailable: "rows are HS codes; china_export_share is already China's share of world exports" },
        gaps: [
          "HS 850511 = all permanent magnets of metal (NdFeB, SmCo, AlNiCo), not only rare-earth magnets.",
          "HS 280530 origin is the metal plant (e.g. Viet Nam, Thailand), not the mine; HS 284610 is not in BACI here.",
          "HS02 vintage 2002–16, HS17 2017–24.",
        ],
      },
      world,
    ),
    finish(
      {
        ...BACI_META,
        id: "baci_top_traders",
        title: "BACI top-8 exporters and importers of rare-earth products and permanent magnets, selected years",
        extracts: [file2],
        units: "USD and share of world trade (fraction), by flow and HS code",
        keyKind: "country",
        fields: topFields,
        defaultField: "export_share_hs850511",
        variants: null,
        share: { unavailable: "the shares are already shares of world trade (fields *_share_hs*); only the top 8 are listed" },
        gaps: [
          "Only 2002–2004 and 2021/2022–2024 were read; only the top 8 of each flow.",
          "Gives Japan's and the U.S.'s total imports when in the top 8, not bilateral flows from China.",
          "HS 284690 importers 2004 truncated to 2 rows.",
        ],
      },
      [...merged.values()],
    ),
  ];
}

export function oec(): Dataset {
  const file = "oec_hs2846_ree_compounds_trade_by_country_1995_2022.csv";
  const recs = readCsv(file, { year: yearText, iso3: z.string().regex(/^[A-Z]{3}$/), country: nonEmpty, export_value_usd: numberText, import_value_usd: numberText, net_export_usd: z.string().regex(/^-?\d+(\.\d+)?$/) });
  const rows = recs.map((r) =>
    row({
      key: countryKey(r.iso3, file),
      label: r.country,
      year: Number(r.year),
      values: { export_value_usd: Number(r.export_value_usd), import_value_usd: Number(r.import_value_usd), net_export_usd: Number(r.net_export_usd) },
    }),
  );
  return finish(
    {
      id: "oec_hs2846_trade",
      title: "OEC: rare-earth metal compounds (HS 2846), total exports and imports by country",
      publisher: "Observatory of Economic Complexity (OEC)",
      sourceUrl: "https://oec.world/en/profile/hs/rare-earth-metal-compounds",
      retrievedVia: "github rodnm/proyect_powebi_rare-earth, Dataset/source/Net-Trade-YYYY.csv (product confirmed in Dataset/clean.R)",
      extracts: [file],
      publicationYear: 2023,
      licence: "OEC data, free to use with citation (CC BY-SA 4.0 per OEC terms)",
      units: "US dollars",
      keyKind: "country",
      fields: [
        { name: "export_value_usd", unit: "USD", description: "total exports of HS 2846" },
        { name: "import_value_usd", unit: "USD", description: "total imports of HS 2846" },
        { name: "net_export_usd", unit: "USD", description: "exports minus imports, as printed" },
      ],
      defaultField: "export_value_usd",
      variants: null,
      share: { unavailable: "the extract lists only the countries present in the OEC extract (~60–70 a year) and no world total" },
      gaps: ["Only countries present in the OEC extract; no partner split.", "BLX (Belgium-Luxembourg) and YUG are OEC's historical codes."],
    },
    rows,
  );
}

export function japan(): Dataset {
  const file = "japan_ree_import_dependence_reported.csv";
  const recs = readCsv(file, { year: nonEmpty, metric: nonEmpty, value: nonEmpty, unit: nonEmpty, primary_source: nonEmpty, retrieved_via: nonEmpty, note: anyText });
  const fieldOf: Record<string, string> = {
    "Japan rare earth imports (volume)": "import_volume_t",
    "China share of Japan rare earth imports": "china_share_pct",
    "China share of Japan rare earth (minor metal) imports": "china_share_pct",
    "China share of Japan rare earth raw material imports": "china_share_pct",
    "Japan rare earth imports from China (volume)": "imports_from_china_t",
    "Japan rare earth imports from Malaysia": "imports_from_malaysia_t",
    "Vietnam share of Japan rare earth imports": "vietnam_share_pct",
    "France share of Japan rare earth imports": "france_share_pct",
    "Malaysia share of Japan rare earth imports": "malaysia_share_pct",
    "Japan rare earth imports from China (monthly): Sep/Oct/Nov 2010": "monthly_imports_from_china_t",
  };
  const rows = recs.map((r) => {
    const field = fieldOf[r.metric];
    if (!field) throw new Error(`${file}: metric "${r.metric}" has no field mapping in scripts/datasets/trade.ts (japan)`);
    const plainYear = /^\d{4}$/.test(r.year);
    const target = { values: {} as Record<string, number | null>, text: { unit: r.unit, metric: r.metric } as Record<string, string>, flags: ["secondary"] as Flag[] };
    put(target, field, parseValue(r.value));
    return row({
      key: "JPN",
      label: "Japan",
      year: plainYear ? Number(r.year) : null,
      period: plainYear ? null : r.year,
      variant: sourceName(r.primary_source, r.retrieved_via),
      ...target,
      note: [r.metric, `${r.primary_source}; via ${r.retrieved_via}`, r.note].filter(Boolean).join("; "),
    });
  });
  return finish(
    {
      id: "japan_china_import_share",
      title: "Japan's rare-earth imports and China's share of them, as reported",
      publisher: "Japan Ministry of Finance trade statistics / METI, as reported in press and industry sources",
      sourceUrl: "https://www.customs.go.jp/toukei/info/index_e.htm",
      retrievedVia: "kksoukan.com (citing China Rare Earth Online), Nikkei via Sina English, Reuters via SMM, Toyo Keizai 2025, um-material.com, couragemagnet.com",
      extracts: [file],
      publicationYear: 2025,
      licence: "figures quoted with attribution (secondary sources)",
      units: "% of Japan's rare-earth imports; tonnes",
      keyKind: "country",
      fields: [
        { name: "china_share_pct", unit: "%", description: "China's share of Japan's rare-earth imports" },
        { name: "import_volume_t", unit: "t", description: "Japan's rare-earth imports" },
        { name: "imports_from_china_t", unit: "t", description: "Japan's rare-earth imports from China" },
        { name: "imports_from_malaysia_t", unit: "t", description: "Japan's rare-earth imports from Malaysia" },
        { name: "vietnam_share_pct", unit: "%", description: "Viet Nam's share of Japan's imports" },
        { name: "france_share_pct", unit: "%", description: "France's share of Japan's imports" },
        { name: "malaysia_share_pct", unit: "%", description: "Malaysia's share of Japan's imports" },
        { name: "monthly_imports_from_china_t", unit: "t", description: "monthly imports from China (printed as a list)" },
        { name: "lower_bound", unit: "%", description: "bound where printed as '>x'" },
      ],
      defaultField: "china_share_pct",
      // The years come from different statistics and reporters (MOF via kksoukan, METI via a blog,
      // Toyo Keizai …): each value carries its source; one value per year and field.
      variants: perValueSources(rows),
      share: { unavailable: "the values are already China's share of Japan's imports" },
      gaps: [
        "Definitions of 'rare earths' (HS scope, volume vs value) differ between reports: treat the series as indicative.",
        "2008 is printed as '>90' (a lower bound); 2012 H1 and the 2010 monthly figures are kept with their periods, not as years.",
        "No value for 2012–2013, 2015–2017, 2019–2020, 2022–2023.",
      ],
    },
    rows,
  );
}
