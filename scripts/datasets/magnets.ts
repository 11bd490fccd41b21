/** Reported magnet, firm and patent figures (company reports, press and analyst sources): one row per reported line, each value with its source. */
import type { DataRow, Dataset, DatasetMeta, Flag } from "../../src/data/schema";
import { findCountry } from "../../src/data/countries";
import { anyText, countryKey, finish, flagsFrom, nonEmpty, numberText, optionalNumberText, parseValue, perValueSources, put, readCsv, row, slug, sourceName, Spec, yearText } from "./common";

/** A long "reported figures" file (entity, metric, year, value, unit …) as one row per line. */
function reported(
  file: string,
  entityCol: string,
  entityKey: (name: string) => string,
  opts: { yearCol: string; sourceCols: string[]; defaultSecondary: boolean },
): DataRow[] {
  const recs = readCsv(file, { [entityCol]: nonEmpty, metric: nonEmpty, [opts.yearCol]: anyText, value: anyText, unit: anyText });
  const used = new Set<string>();
  return recs.map((r) => {
    const rawYear = r[opts.yearCol] ?? "";
    const fy = /^FY(\d{4})( \(Jul\d{2}-Jun\d{2}\))?$/.exec(rawYear);
    const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : fy ? Number(fy[1]) : null;
    const key = entityKey(r[entityCol]);
    let field = slug(r.metric, 70);
    const period = year === null || fy ? rawYear || null : null;
    if (used.has(`${key}|${year}|${field}`)) field = slug(`${r.metric} ${rawYear}`, 80);
    let n = 2;
    const base = field;
    while (used.has(`${key}|${year}|${field}`)) field = `${base}_${n++}`;
    used.add(`${key}|${year}|${field}`);
    const sources = opts.sourceCols.map((c) => r[c]).filter(Boolean);
    const flags = flagsFrom(r.metric, rawYear, r.note ?? "", ...sources);
    if (fy) flags.push("fiscal_year");
    if (opts.defaultSecondary && !/company (release|results)|annual report|press release/i.test(sources.join(" "))) flags.push("secondary");
    if (/^c\./.test(rawYear)) flags.push("approximate");
    const target = { values: {} as Record<string, number | null>, text: { unit: r.unit, metric: r.metric } as Record<string, string>, flags };
    put(target, field, parseValue(r.value));
    if (r.stage) target.text.stage = r.stage;
    if (r.country_hq) target.text.country_hq = r.country_hq;
    const variant = sourceName(r[opts.sourceCols[0]], opts.sourceCols[1] ? r[opts.sourceCols[1]] : "");
    return row({ key, label: r[entityCol], year, period, variant, ...target, note: [sources.join("; "), r.note].filter(Boolean).join("; ") });
  });
}

function fieldsOf(rows: DataRow[]): DatasetMeta["fields"] {
  const seen = new Map<string, { unit: string; description: string }>();
  for (const r of rows) {
    for (const f of Object.keys(r.values)) {
      if (f === "lower_bound") continue;
      const prev = seen.get(f);
      const unit = r.text.unit ?? "";
      if (!prev) seen.set(f, { unit, description: r.text.metric ?? f });
      else if (prev.unit !== unit) prev.unit = "see unit";
    }
  }
  const fields = [...seen.entries()].map(([name, v]) => ({ name, unit: v.unit, description: v.description }));
  if (rows.some((r) => "lower_bound" in r.values)) fields.push({ name: "lower_bound", unit: "see unit", description: "bound where printed as '>x'" });
  return fields;
}

function companyKey(name: string): string {
  return slug(name.replace(/\s*\(.*$/, ""), 40);
}

function reportedDataset(id: string, file: string, entityCol: string, keyKind: DatasetMeta["keyKind"], meta: Omit<Spec, "id" | "fields" | "defaultField" | "variants" | "share" | "keyKind" | "extracts">, defaultField: string | null, yearCol = "year", sourceCols = ["primary_source", "retrieved_via"]): Dataset {
  const keyFn = keyKind === "country" ? (n: string) => findCountry(n)?.iso3 ?? slug(n, 40).toUpperCase() : companyKey;
  const rows = reported(file, entityCol, keyFn, { yearCol, sourceCols, defaultSecondary: true });
  const fields = fieldsOf(rows);
  return finish(
    {
      ...meta,
      id,
      extracts: [file],
      keyKind,
      fields,
      defaultField: defaultField ?? fields[0].name,
      // Each figure keeps its own source; the field names are unique per key and year, so a value
      // has one source and DATA needs no choice (the order only ranks sources if two ever coincide).
      variants: perValueSources(rows),
      share: { unavailable: "the source gives firm or national figures without a matching world total" },
    },
    rows,
  );
}

export function magnets(): Dataset[] {
  const ccrFile = "china_ndfeb_production_2001_2010_ccr.csv";
  const ccr = readCsv(ccrFile, { year: yearText, china_sintered_ndfeb_t: numberText, sintered_yoy_pct: numberText, china_bonded_ndfeb_t: numberText, bonded_yoy_pct: numberText });
  const ccrRows = ccr.map((r) =>
    row({
      key: "CHN",
      label: "China",
      year: Number(r.year),
      values: { sintered_t: Number(r.china_sintered_ndfeb_t), sintered_yoy_pct: Number(r.sintered_yoy_pct), bonded_t: Number(r.china_bonded_ndfeb_t), bonded_yoy_pct: Number(r.bonded_yoy_pct) },
    }),
  );
  const expFile = "china_magnet_exports_2010_top_destinations.csv";
  const exp = readCsv(expFile, { year: yearText, rank: numberText, destination: nonEmpty, export_volume_t: numberText, export_value_million_usd: optionalNumberText });
  const expRows = exp.map((r) => {
    const target = { values: { rank: Number(r.rank) } as Record<string, number | null>, text: {} as Record<string, string>, flags: [] as Flag[] };
    put(target, "export_volume_t", parseValue(r.export_volume_t));
    put(target, "export_value_musd", parseValue(r.export_value_million_usd));
    return row({ key: countryKey(r.destination, expFile), label: r.destination, year: Number(r.year), ...target });
  });
  // The same CCR article prints China's total 2010 magnet exports (to 99 countries/regions); the
  // extract keeps it with CCR's other figures. It is the destinations' own total, so SHARE uses it.
  const totalsFile = "magnet_production_reported_figures.csv";
  const totals = readCsv(totalsFile, { year: yearText, geography: nonEmpty, metric: nonEmpty, value: anyText, unit: anyText, primary_source: nonEmpty, retrieved_via: anyText, note: anyText }).filter(
    (r) => r.year === "2010" && r.geography === "China" && /^China Chemical Reporter 2011/.test(r.primary_source) && /^rare-earth permanent magnet exports/.test(r.metric),
  );
  const totalOf = (kind: string) => {
    const r = totals.find((x) => x.metric.includes(`(${kind})`));
    if (!r) throw new Error(`${totalsFile}: no China Chemical Reporter 2010 magnet exports (${kind}) row for china_magnet_exports_2010's total`);
    return r;
  };
  const vol = totalOf("volume");
  const val = totalOf("value");
  const totalTarget = { values: {} as Record<string, number | null>, text: {} as Record<string, string>, flags: [] as Flag[] };
  put(totalTarget, "export_volume_t", parseValue(vol.value));
  put(totalTarget, "export_value_musd", parseValue(val.value));
  expRows.push(
    row({ key: "WLD", label: "All destinations (total)", year: 2010, ...totalTarget, note: `China's total 2010 exports as printed by CCR (${totalsFile}): ${vol.note}` }),
  );
  const CCR = {
    publisher: "China Chemical Reporter (ccr.com.cn)",
    sourceUrl: "http://www.ccr.com.cn/c/2011-08-17/629694.shtml",
    retrievedVia: "ccr.com.cn article 'Status Quo and Outlook for China's NdFeB Magnet Industry' (2011 issue 15)",
    publicationYear: 2011,
    licence: "figures quoted with attribution",
  };
  return [
    finish(
      {
        ...CCR,
        id: "china_ndfeb_production",
        title: "China's sintered and bonded NdFeB magnet output, 2001–2010",
        extracts: [ccrFile],
        units: "tonnes of magnet; year-on-year change in %",
        keyKind: "country",
        fields: [
          { name: "sintered_t", unit: "t", description: "China sintered NdFeB output" },
          { name: "sintered_yoy_pct", unit: "%", description: "year-on-year change, as printed" },
          { name: "bonded_t", unit: "t", description: "China bonded NdFeB output" },
          { name: "bonded_yoy_pct", unit: "%", description: "year-on-year change, as printed" },
        ],
        defaultField: "sintered_t",
        variants: null,
        share: { unavailable: "China only; world magnet output is in magnet_production_reported (other sources)" },
        gaps: ["China only, 2001–2010."],
      },
      ccrRows,
    ),
    finish(
      {
        ...CCR,
        id: "china_magnet_exports_2010",
        title: "China's rare-earth permanent-magnet exports by destination, 2010 (top 6 and total)",
        extracts: [expFile, totalsFile],
        units: "tonnes; million USD",
        keyKind: "country",
        fields: [
          { name: "export_volume_t", unit: "t", description: "exports to the destination" },
          { name: "export_value_musd", unit: "million USD", description: "export value" },
          { name: "rank", unit: "", description: "rank among destinations" },
        ],
        defaultField: "export_volume_t",
        variants: null,
        share: { worldKey: "WLD" },
        gaps: [
          "Top 6 destinations only (their sum is not the total: 93 other destinations are not itemised); Singapore's value not given.",
          "The total (key WLD, 13,885.92 t; US$625.2921 M) is the article's own figure, copied from magnet_production_reported_figures.csv.",
        ],
      },
      expRows,
    ),
    reportedDataset(
      "magnet_production_reported",
      "magnet_production_reported_figures.csv",
      "geography",
      "country",
      {
        title: "Rare-earth permanent magnet output, exports and demand: reported figures (China and world)",
        publisher: "various, as listed per value (China Chemical Reporter, china.org.cn, Research and Markets, Adamas Intelligence, CREIA/SMM, IEA)",
        sourceUrl: "https://www.adamasintel.com/china-ndfeb-production-2019/",
        retrievedVia: "ccr.com.cn, japanese.china.org.cn, magneticsmag.com, adamasintel.com, rizinia.com, seaisi.org",
        publicationYear: 2024,
        licence: "figures quoted with attribution; IEA content CC BY 4.0",
        units: "tonnes (see unit per value)",
        gaps: ["Isolated years from different sources: do not chart as one series.", "'>150000' and '>170000' are lower bounds (value missing, lower_bound set)."],
      },
      null,
    ),
    reportedDataset(
      "magnet_producers",
      "magnet_producers_reported.csv",
      "company",
      "company",
      {
        title: "Magnet producers: capacities, output, revenue and market shares reported by company",
        publisher: "company results and briefings as reported in the press (Rare Earth Exchanges, SMM, laitimes, magneticsmag and others)",
        sourceUrl: "https://earths-book.com/index-969.html",
        retrievedVia: "press and company briefings as listed per value",
        publicationYear: 2025,
        licence: "figures quoted with attribution (mostly secondary)",
        units: "t, t/yr, %, billion CNY/JPY (see unit per value)",
        gaps: ["Ningbo Yunsheng, TDK, Proterial and VAC capacities were not found (TDK/Proterial 'undisclosed': value missing)."],
      },
      null,
    ),
    reportedDataset(
      "magnet_firm_shares",
      "magnet_firm_shares.csv",
      "company",
      "company",
      {
        title: "Firm shares of China's rare-earth permanent-magnet capacity, and firm magnet figures",
        publisher: "中商产业研究院 (Askci) and others, as listed per value",
        sourceUrl: "https://www.askci.com/news/chanye/20230426/171803268250068462810672_2.shtml",
        retrievedVia: "askci.com, broker notes, company announcements as listed per value",
        publicationYear: 2023,
        licence: "figures quoted with attribution (secondary)",
        units: "% of China's magnet capacity; t; t/yr; billion CNY (see unit per value)",
        gaps: [
          "Capacity shares, not output; the capacity year is not stated (likely 2022).",
          "No top-10 NdFeB producer share table was found; no tonnage for TDK, Proterial or VAC.",
        ],
      },
      null,
      "year",
      ["source"],
    ),
    reportedDataset(
      "firm_production",
      "firm_production_non_china.csv",
      "company",
      "company",
      {
        title: "Firm-level rare-earth mining and separation output and capacities outside China (and two Chinese comparison rows)",
        publisher: "company reports and releases (MP Materials, Lynas, Energy Fuels, Iluka, Arafura, Solvay, Neo) and press summaries",
        sourceUrl: "https://lynasrareearths.com/investors-media/",
        retrievedVia: "company annual reports and releases; Business Wire; Zacks/Nasdaq; Rare Earth Exchanges (as listed per value)",
        publicationYear: 2025,
        licence: "figures quoted with attribution",
        units: "t REO, t NdPr (see unit per value)",
        gaps: [
          "Lynas reports fiscal years to 30 June (flag fiscal_year; year = the year the fiscal year ends): do not mix with MP's calendar years without saying so.",
          "MP Materials 2020 full year not found; Lynas FY22 only quarterly.",
          "The China Northern and CREG rows are marked unverified in the extract.",
        ],
      },
      null,
      "year",
      ["source"],
    ),
  ];
}

export function patents(): Dataset {
  const file = "ree_magnet_patents_reported.csv";
  const rows = reported(file, "geography", (n) => findCountry(n.replace(/\s*\(company\)$/, ""))?.iso3 ?? slug(n, 40).toUpperCase(), {
    yearCol: "period",
    sourceCols: ["primary_source", "retrieved_via"],
    defaultSecondary: true,
  });
  // A company's holding is not its country's: keep "Japan (company)" apart from Japan.
  for (const r of rows) if (/company/.test(r.label)) r.key = "HITACHI_METALS_PROTERIAL";
  const fields = fieldsOf(rows);
  return finish(
    {
      id: "ree_magnet_patents",
      title: "NdFeB and rare-earth magnetic-material patents: reported aggregates",
      publisher: "Chinese industry analyses and CNIPA Sichuan centre paper, as reported",
      sourceUrl: "https://www.leimai.tech/newsinfo/984770.html",
      retrievedVia: "leimai.tech, handmsg.com, ssvalvefittings.com, mpcomagnetics.com",
      extracts: [file],
      publicationYear: 2016,
      licence: "figures quoted with attribution (secondary)",
      units: "patent applications (approximate counts) and % of annual filings",
      keyKind: "country",
      fields,
      defaultField: fields[0].name,
      // Several analyses are quoted side by side: each figure carries its source (as in the firm datasets).
      variants: perValueSources(rows),
      share: { unavailable: "only aggregates and China's share are reported; no country-by-year patent series was found" },
      gaps: ["No country-by-year patent series was found: only cumulative counts (dates unclear) and China's share in 1985 and 2013.", "The framework paper's own patent counts (Google Patents, May 2022) are in framework_paper."],
    },
    rows,
  );
}
