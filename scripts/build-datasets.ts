/**
 * Builds the add-in's reference datasets (src/data/generated/*.json and datasets.ts) from the curated
 * extracts in ../shared/data. Run: `npx tsx scripts/build-datasets.ts [--check]` from the repo root.
 * --check rebuilds in memory and fails if the committed files differ (for CI).
 *
 * Rules: values are copied as printed, never computed, interpolated or estimated; a blank stays
 * missing (null); text such as ">95" or "E" is kept in `printed` with the value null. Every CSV
 * row is validated with zod and a malformed one stops the build naming file, row and column.
 */
import fs from "fs";
import path from "path";
import { z } from "zod";
import { countryByIso2, findCountry } from "../src/data/countries";
import { datasetHash } from "../src/data/hash";
import { compactYears } from "../src/data/years";
import { parse } from "csv-parse/sync";
import { DataRow, Dataset, DatasetMeta, Flag, validateDataset } from "../src/data/schema";
import { events } from "./datasets/events";

export const REPO = path.resolve(__dirname, "..");
export const SHARED = path.resolve(REPO, "../shared/data");
export const OUT = path.join(REPO, "src/data/generated");

// ---------- CSV reading with row validation ----------

/** RFC 4180 CSV (csv-parse): quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ["\r\n", "\n"] });
}

type Rec = Record<string, string>;

const yearText = z.string().regex(/^\d{4}$/, "expected a four-digit year");
const numberText = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a plain number");
const optionalNumberText = z.string().regex(/^(-?\d+(\.\d+)?)?$/, "expected a plain number or blank");
const anyText = z.string();
const nonEmpty = z.string().min(1, "must not be blank");

/** Reads an extract and validates each row; errors name file, row (1 = first data row) and column. */
function readCsv(file: string, columns: Record<string, z.ZodType<string>>): Rec[] {
  return validateCsvText(file, fs.readFileSync(path.join(SHARED, file), "utf8"), columns);
}

/** Parses CSV text and validates each row against `columns`; exported for the tests. */
export function validateCsvText(file: string, text: string, columns: Record<string, z.ZodType<string>>): Rec[] {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const [header, ...body] = table;
  const missingCols = Object.keys(columns).filter((c) => !header.includes(c));
  if (missingCols.length > 0) throw new Error(`${file}: header: missing column(s) ${missingCols.join(", ")}`);
  const schema = z.object(columns);
  return body.map((cells, i) => {
    if (cells.length !== header.length) {
      throw new Error(`${file}: row ${i + 1} (line ${i + 2}): ${cells.length} cells, header has ${header.length}`);
    }
    const rec: Rec = {};
    header.forEach((h, j) => (rec[h] = cells[j].trim()));
    const parsed = schema.safeParse(rec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const col = String(issue.path[0]);
      throw new Error(`${file}: row ${i + 1} (line ${i + 2}), column ${col}: ${issue.message} (got "${rec[col]}")`);
    }
    return rec;
  });
}

// ---------- value parsing ----------

interface Parsed {
  value: number | null;
  printed?: string;
  lowerBound?: number;
  flags: Flag[];
}

/** A cell as printed: a number; "" (missing); ">95" (lower bound); anything else kept as printed text. */
function parseValue(raw: string): Parsed {
  const t = raw.trim();
  if (t === "") return { value: null, flags: [] };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { value: Number(t), flags: [] };
  const bound = /^(>|more than |over )\s*(\d+(\.\d+)?)$/.exec(t);
  if (bound) return { value: null, printed: t, lowerBound: Number(bound[2]), flags: ["lower_bound"] };
  const approx = /^(~|c\.|about |approx\.? )\s*(\d+(\.\d+)?)$/.exec(t);
  if (approx) return { value: Number(approx[2]), printed: t, flags: ["approximate"] };
  return { value: null, printed: t, flags: [] };
}

function slug(text: string, max = 60): string {
  const s = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/%/g, " pct ")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const cut = s.length > max ? s.slice(0, max).replace(/_+$/, "") : s;
  return /^[a-z]/.test(cut) ? cut : `x_${cut}`;
}

function countryKey(name: string, file: string): string {
  const c = findCountry(name);
  if (!c) throw new Error(`${file}: country "${name}" is not in src/data/countries.ts; add it with its ISO3 code`);
  return c.iso3;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Each row's `source` variant, in first-seen order: datasets that quote several reporters. */
function perValueSources(rows: DataRow[]) {
  return { label: "source", order: uniq(rows.map((r) => r.variant as string)), policy: "first" as const };
}

function flagsFrom(...texts: string[]): Flag[] {
  const t = texts.join(" ").toLowerCase();
  const flags: Flag[] = [];
  if (/secondary|as reported|as cited|\(as quoted\)|press|reprint/.test(t)) flags.push("secondary");
  if (/projection|scenario|forecast/.test(t)) flags.push("projection");
  if (/approx|roughly|'about|about |~|c\.\d|c\. /.test(t)) flags.push("approximate");
  if (/planned|target|announced|guidance/.test(t)) flags.push("planned");
  if (/unverified|inconsistent/.test(t)) flags.push("unverified");
  if (/provisional/.test(t)) flags.push("provisional");
  return flags;
}

function row(partial: Partial<DataRow> & Pick<DataRow, "key" | "label" | "values">): DataRow {
  return {
    key: partial.key,
    label: partial.label,
    year: partial.year ?? null,
    period: partial.period ?? null,
    variant: partial.variant ?? null,
    values: partial.values,
    text: partial.text ?? {},
    flags: uniq(partial.flags ?? []).sort() as Flag[],
    note: partial.note ?? "",
  };
}

/** Puts a parsed cell into a row's values/text/flags under `field`. */
function put(target: { values: Record<string, number | null>; text: Record<string, string>; flags: Flag[] }, field: string, p: Parsed) {
  target.values[field] = p.value;
  if (p.lowerBound !== undefined) target.values.lower_bound = p.lowerBound;
  if (p.printed !== undefined) target.text.printed = p.printed;
  target.flags.push(...p.flags);
}

// ---------- dataset assembly ----------

type Spec = Omit<DatasetMeta, "coverage" | "sha256" | "citation"> & { coverageNote?: string };

function finish(spec: Spec, rows: DataRow[]): Dataset {
  const years = uniq(rows.map((r) => r.year).filter((y): y is number => y !== null)).sort((a, b) => a - b);
  const keys = uniq(rows.map((r) => r.key));
  const countries = spec.keyKind === "country" ? keys.filter((k) => !["WLD", "OTH", "EUR"].includes(k) && findCountry(k)) : [];
  const yearText = years.length === 0 ? "no single years" : compactYears(years);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const keyText =
    spec.keyKind !== "country"
      ? plural(keys.length, spec.keyKind === "figure" ? "figure" : "key", spec.keyKind === "figure" ? "figures" : "keys")
      : countries.length === 0
        ? "world totals only"
        : plural(countries.length, "country", "countries");
  const summary = `${yearText}; ${keyText}${spec.coverageNote ? `; ${spec.coverageNote}` : ""}`;
  const { coverageNote, ...rest } = spec;
  void coverageNote;
  const yearPart = rest.publicationYear ? ` (${rest.publicationYear})` : "";
  const citation = `${rest.publisher}, ${rest.title}${yearPart}, ${rest.sourceUrl}; retrieved via ${rest.retrievedVia}; licence: ${rest.licence}.`;
  const meta = {
    ...rest,
    coverage: { years, firstYear: years[0] ?? null, lastYear: years[years.length - 1] ?? null, keys, summary },
    citation,
    sha256: "0".repeat(64),
  };
  const ds: Dataset = { meta, rows };
  ds.meta.sha256 = datasetHash(ds);
  return ds;
}

const USGS_PD = "U.S. public domain (USGS works are not subject to copyright)";
const MCS_ORDER = ["MCS 2026", "MCS 2025", "MCS 2024", "MCS 2021", "MCS 2019", "USGS (edition not stated, as cited)"];

// ---------- 1. USGS MCS mine production and reserves ----------

function usgsMcs(): Dataset[] {
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

// ---------- 2. BGS, USGS historical, WMD, Visual Capitalist ----------

function bgs(): Dataset {
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

function usgsHistorical(): Dataset {
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

function wmd(): Dataset {
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

function visualCapitalist(): Dataset {
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

// ---------- 3. US salient statistics, end use, import sources ----------

function usSalient(): Dataset {
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

function usEndUse(): Dataset {
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

function usImportSources(): Dataset[] {
  const file = "us_ree_import_sources.csv";
  const recs = readCsv(file, { period: nonEmpty, material: nonEmpty, partner: nonEmpty, share_pct: numberText, note: anyText });
  const mk = (r: Rec, secondary: boolean) =>
    row({
      key: countryKey(r.partner, file),
      label: r.partner,
      year: /^\d{4}$/.test(r.period) ? Number(r.period) : null,
      period: r.period,
      values: { share_pct: Number(r.share_pct) },
      text: { material: r.material },
      flags: secondary ? ["secondary"] : [],
      note: r.note,
    });
  const mcs = recs.filter((r) => r.period === "2020-2023").map((r) => mk(r, false));
  const census = recs.filter((r) => r.period !== "2020-2023").map((r) => mk(r, true));
  return [
    finish(
      {
        id: "us_import_sources",
        title: "Mineral Commodity Summaries 2025: Rare Earths, U.S. import sources of compounds and metals (2020–23)",
        publisher: "U.S. Geological Survey (USGS)",
        sourceUrl: "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf",
        retrievedVia: "github NSSAC/dpi.RAG data/PyPDF2/mcs2025-rare-earths.md",
        extracts: [file],
        publicationYear: 2025,
        licence: USGS_PD,
        units: "% of U.S. imports of rare-earth compounds and metals (by quantity), 2020–2023 average",
        keyKind: "country",
        fields: [{ name: "share_pct", unit: "%", description: "share of U.S. imports, 2020–23" }],
        defaultField: "share_pct",
        variants: null,
        share: { unavailable: "the values are already shares of U.S. imports (leave year blank: the period is 2020–2023)" },
        gaps: ["One period (2020–2023) only; the year argument must be left blank.", "China includes Hong Kong.", "The earlier edition's 'China 74%' (2018–21) could not be retrieved."],
        coverageNote: "period 2020–2023",
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

// ---------- 4. Trade: Comtrade, BACI, OEC, Japan ----------

const COMTRADE_META = {
  publisher: "United Nations Statistics Division (UN Comtrade)",
  sourceUrl: "https://comtradeplus.un.org/",
  retrievedVia: "github akashok1/semiconductor-rare-earth-supply-chain-risk, exports/fct_supplier_share.csv and exports/fct_concentration.csv (docs/04_data_dictionary.md)",
  publicationYear: 2025,
  licence: "UN Comtrade data: free for non-commercial use with citation (UN Comtrade terms of use)",
};

function comtrade(): Dataset[] {
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

function baci(): Dataset[] {
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

function oec(): Dataset {
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

function japan(): Dataset {
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
    if (!field) throw new Error(`${file}: metric "${r.metric}" has no field mapping in build-datasets.ts`);
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

// ---------- 5. Stage shares, magnets, firms, patents ----------

function stageShares(): Dataset {
  const file = "supply_chain_stage_shares_reported.csv";
  const recs = readCsv(file, {
    indicator: nonEmpty,
    stage: z.enum(["mining", "separation/refining", "magnets", "magnets trade"]),
    scope: nonEmpty,
    country_or_group: nonEmpty,
    year: z.string().regex(/^(\d{4})?$/),
    share_pct: numberText,
    projection: nonEmpty,
    primary_source: nonEmpty,
    retrieved_via: nonEmpty,
    note: anyText,
  });
  const fieldOf = { mining: "mining", "separation/refining": "refining", magnets: "magnets", "magnets trade": "magnet_trade" } as const;
  const groupKey = (name: string): { key: string; label: string } => {
    const c = findCountry(name);
    if (c) return { key: c.iso3, label: name };
    if (/^top 3$|\+/.test(name) && !/firms/.test(name)) return { key: name === "top 3" ? "TOP3" : `TOP3_${slug(name).toUpperCase()}`, label: name };
    return { key: slug(name).toUpperCase(), label: name };
  };
  const sourceName = (s: string) => s.replace(/\s*CC BY 4\.0$/, "").trim();
  const variants = uniq(recs.map((r) => sourceName(r.primary_source)));
  const merged = new Map<string, DataRow>();
  for (const r of recs) {
    const { key, label } = groupKey(r.country_or_group);
    const variant = sourceName(r.primary_source);
    const field = fieldOf[r.stage as keyof typeof fieldOf];
    const id = `${key}|${r.year}|${variant}|${field}`;
    const rowId = [...merged.keys()].find((k) => k.startsWith(`${key}|${r.year}|${variant}|`) && !merged.get(k)!.values[field] && !(field in merged.get(k)!.values));
    const target = rowId ? merged.get(rowId)! : row({ key, label, year: r.year ? Number(r.year) : null, variant, values: {} });
    target.values[field] = Number(r.share_pct);
    target.text[`${field}_scope`] = `${r.indicator} (${r.scope})`;
    const flags = flagsFrom(r.retrieved_via, r.note, r.projection);
    if (/^yes/.test(r.projection)) flags.push("projection");
    if (/SEAISI|Fortune|magneticsmag|china\.org|materials-atlas|macropolo/i.test(r.retrieved_via)) flags.push("secondary");
    target.flags = uniq([...target.flags, ...flags]).sort() as Flag[];
    target.note = [target.note, `${field}: ${r.indicator}; ${r.primary_source}; via ${r.retrieved_via}${r.note ? `; ${r.note}` : ""}`].filter(Boolean).join(" | ");
    if (!rowId) merged.set(id, target);
  }
  return finish(
    {
      id: "stage_shares",
      title: "Shares of world supply by stage of the rare-earth magnet chain (mining, separation/refining, magnets), by year and source",
      publisher: "IEA and others as listed per value (IEA GCMO 2024, IEA Rare Earth Elements report, IEA 2021, BGS, World Mining Data, MacroPolo, Research and Markets, china.org.cn, CEPII BACI, Eurostat)",
      sourceUrl: "https://www.iea.org/reports/global-critical-minerals-outlook-2024",
      retrievedVia: "SEAISI news 2024-06-03 (IEA GCMO 2024), Fortune India (IEA 2021), materials-atlas/critical-materials-atlas JSON files, macropolo.org, magneticsmag.com, japanese.china.org.cn",
      extracts: [file],
      publicationYear: 2025,
      licence: "IEA material CC BY 4.0; other figures quoted with attribution",
      units: "% of world supply at the stage (as printed)",
      keyKind: "country",
      fields: [
        { name: "mining", unit: "%", description: "share of world mine production" },
        { name: "refining", unit: "%", description: "share of world separation/refining" },
        { name: "magnets", unit: "%", description: "share of world magnet production" },
        { name: "magnet_trade", unit: "%", description: "share of magnet exports or imports (see note for scope)" },
      ],
      defaultField: "mining",
      variants: { label: "source", order: variants, policy: "first" },
      share: { unavailable: "the values are already shares of world supply" },
      gaps: [
        "Scopes differ between sources (all rare earths vs magnet rare earths Nd/Pr/Dy/Tb; sintered NdFeB vs all NdFeB): see the *_scope text and notes.",
        "Stages are different physical markets: shares are not additive across stages.",
        "2030 values are IEA base-case projections (flag projection); one USGS/IEA separation share (85%) has no year.",
      ],
    },
    [...merged.values()],
  );
}

/**
 * Abbreviated repeats of one citation in the same extract, mapped to the citation's full form, so
 * that one document is one `source` variant (the printed text stays in each row's note).
 */
const SOURCE_ALIASES: Record<string, string> = {
  "Japan MOF trade statistics (as reported)": "Japan Ministry of Finance trade statistics (as reported)",
  "China Chemical Reporter 2011": "China Chemical Reporter 2011 issue 15 'Status Quo and Outlook for China's NdFeB Magnet Industry'",
  "Research and Markets report": "Research and Markets 'Global and China Rare Earth Permanent Magnet Industry Report 2017-2021'",
  "Adamas Intelligence 2020-02-18": "Adamas Intelligence (industry sources) 2020-02-18",
  "China Rare Earth Industry Association and SMM (as cited)": "China Rare Earth Industry Association and Shanghai Metals Market (as cited)",
  "Zacks/Nasdaq 2022-02-25": "Zacks/Nasdaq 'MP Materials Q4 earnings' 2022-02-25 (nasdaq.com), citing company",
  "Nikkei (as reported by Sina English)": "Nikkei (as reported by Sina English 2012-09-13)",
  "MP Q4/FY2024 results as summarised by reportify.ai": "MP Q4/FY2024 results as summarised by reportify.ai (filing summary) and SEC-linked fact-check text",
  "Research in China report": "'China Rare Earth Permanent Magnet Industry Report 2012-2015' (Research in China)",
  "Australian Mining 2024-10-30": "Australian Mining 2024-10-30 (australianmining.com.au/rare-earths-on-the-up-for-lynas)",
};

/**
 * The `source` variant of a reported figure: who published it and, where the extract says it was
 * read elsewhere, through whom (a reporter's site) — so figures of different reporters are never
 * one undifferentiated series. The extract's "[SECONDARY …]" tags are dropped here (they are flags).
 */
export function sourceName(primary: string, retrievedVia = ""): string {
  const printed = primary.replace(/\s*\[[^\]]*\]\s*$/, "").trim();
  const name = SOURCE_ALIASES[printed] ?? printed;
  const site = /([a-z0-9-]+\.)+(com|cn|org|net|ai|au|jp|gov|info)\b/i.exec(retrievedVia)?.[0].replace(/^www\./, "");
  return site && !name.toLowerCase().includes(site.toLowerCase()) ? `${name}, via ${site}` : name;
}

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

function magnets(): Dataset[] {
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

function quota(): Dataset {
  const file = "firm_quota_china_by_group.csv";
  const recs = readCsv(file, {
    year: yearText,
    group: nonEmpty,
    mining_quota_t_reo: optionalNumberText,
    smelting_separation_quota_t_reo: optionalNumberText,
    total_mining_quota_t_reo: optionalNumberText,
    source: nonEmpty,
    note: anyText,
    batch: nonEmpty,
    mining_light_rock_t_reo: optionalNumberText,
    mining_ion_adsorption_t_reo: optionalNumberText,
    source_type: nonEmpty,
  });
  const batches = uniq(["full year", ...recs.map((r) => r.batch)]);
  const rows = recs.map((r) => {
    const key = r.group === "NATIONAL TOTAL" ? "national_total" : slug(r.group.replace(/\s*\(.*$/, ""), 50);
    const target = { values: {} as Record<string, number | null>, text: { source_type: r.source_type } as Record<string, string>, flags: [] as Flag[] };
    put(target, "mining_quota_t", parseValue(r.mining_quota_t_reo));
    put(target, "smelting_separation_quota_t", parseValue(r.smelting_separation_quota_t_reo));
    put(target, "total_mining_quota_t", parseValue(r.total_mining_quota_t_reo));
    put(target, "mining_light_rock_t", parseValue(r.mining_light_rock_t_reo));
    put(target, "mining_ion_adsorption_t", parseValue(r.mining_ion_adsorption_t_reo));
    if (!/^official notice$|official notice \(translation\)|official notice \(repost\)|company statement/.test(r.source_type)) target.flags.push("secondary");
    return row({ key, label: r.group, year: Number(r.year), variant: r.batch, ...target, note: [r.source, r.note].filter(Boolean).join("; ") });
  });
  return finish(
    {
      id: "china_quota",
      title: "China's rare-earth mining and smelting/separation quotas, national totals and by group or province",
      publisher: "Ministry of Industry and Information Technology (MIIT) and Ministry of Natural Resources (MNR) of China, as reposted and reported",
      sourceUrl: "https://www.miit.gov.cn/",
      retrievedVia: "MIIT/MNR notices as reposted (工信部联原[2019]55号, [2020]103号, [2023]23号, [2024]25号); Reuters, SMM, Fastmarkets, Argus, Project Blue, Global Times, 中国证券报, nbd.com.cn",
      extracts: [file],
      publicationYear: 2024,
      licence: "official notices (public); press figures quoted with attribution",
      units: "tonnes of REO",
      keyKind: "group",
      fields: [
        { name: "mining_quota_t", unit: "t REO", description: "group mining quota (batch or year)" },
        { name: "smelting_separation_quota_t", unit: "t REO", description: "smelting and separation quota" },
        { name: "total_mining_quota_t", unit: "t REO", description: "total mining quota (national rows: the national mining quota)" },
        { name: "mining_light_rock_t", unit: "t REO", description: "mining quota, light (rock) rare earths" },
        { name: "mining_ion_adsorption_t", unit: "t REO", description: "mining quota, ion-adsorption (heavy) rare earths" },
      ],
      defaultField: "total_mining_quota_t",
      variants: { label: "batch", order: batches, policy: "explicit" },
      share: { unavailable: "group quotas are mostly batch-level; divide by the national total for the same batch yourself, citing both" },
      gaps: [
        "Group rows are mostly batch-level, not full-year; full-year group tonnages for 2017, 2018, 2021, 2022 and the 2024 second batch by group were not found.",
        "Province rows (2018, 2020) are provincial allocations, not groups.",
        "Conflicts: SMM calls 127,000 t the 2019 mining quota, MIIT says 132,000 t mining / 127,000 t smelting (MIIT used).",
        "A lookup without a batch returns full-year values only; ask for a batch with field \"total_mining_quota_t@first batch\".",
      ],
    },
    rows,
  );
}

function patents(): Dataset {
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

// ---------- 6. EU CRM 2023 and the framework paper ----------

function euCrm(): Dataset {
  const file = "eu_crm2023_ree_supply_shares_t.csv";
  const recs = readCsv(file, { supply_mix: z.enum(["global", "eu"]), Material: nonEmpty, Stage: z.enum(["E", "P"]), Country: nonEmpty, Share: z.string().regex(/^<?\d+(\.\d+)?%$/, 'expected a share like "68.3%" or "<0.1%"'), t: numberText });
  const stageName = { E: "extraction", P: "processing" } as const;
  const variantOf = (r: Rec) => `${r.Material}, ${stageName[r.Stage as "E" | "P"]}, ${r.supply_mix === "global" ? "global supply" : "EU sourcing"}`;
  const variants = uniq(recs.map(variantOf));
  const rows = recs.map((r) => {
    const below = r.Share.startsWith("<");
    const pct = Number(r.Share.replace(/[<%]/g, ""));
    const values: Record<string, number | null> = { share: below ? null : Math.round(pct * 1000) / 100000, t: Number(r.t) };
    const flags: Flag[] = [];
    if (below) values.upper_bound = pct / 100;
    return row({
      key: countryKey(r.Country, file),
      label: r.Country,
      year: null,
      period: "EU CRM 2023 assessment",
      variant: variantOf(r),
      values,
      text: { printed_share: r.Share, material: r.Material, stage: r.Stage, supply_mix: r.supply_mix },
      flags,
      note: below ? `share printed as "${r.Share}" (below the bound; value missing, upper_bound set)` : "",
    });
  });
  return finish(
    {
      id: "eu_crm2023_shares",
      title: "Study on the Critical Raw Materials for the EU 2023: rare-earth supply shares and the trade variable t",
      publisher: "European Commission (Grohol and Veeh, 2023, doi:10.2873/725585)",
      sourceUrl: "https://doi.org/10.2873/725585",
      retrievedVia: "github erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets, Data/fact_GlobalSupplyShares&t.csv and Data/fact_EUSupplyShares&t.csv (CC BY 4.0 transcription)",
      extracts: [file],
      publicationYear: 2023,
      licence: "CC BY 4.0 (European Commission); cite the EU 2023 study",
      units: "share of supply as a fraction (printed as %); t dimensionless (1.0 baseline, 0.8 EU members, >1 export-restricting producers)",
      keyKind: "country",
      fields: [
        { name: "share", unit: "fraction", description: "share of global supply or EU sourcing (printed % / 100)" },
        { name: "t", unit: "", description: "trade-related variable t of the EU method" },
        { name: "upper_bound", unit: "fraction", description: "the bound where the share is printed as '<x%'" },
      ],
      defaultField: "share",
      variants: { label: "material and stage", order: variants, policy: "explicit" },
      share: { unavailable: "the values are already supply shares" },
      gaps: [
        "Choose the material, stage and supply mix with the field, e.g. \"share@Neodymium, extraction, global supply\"; without it the first listed (" + variants[0] + ") is used.",
        "Shares printed as '<0.1%' have no value (upper_bound set).",
        "Method (for the supply risk SR): SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EOL_RIR)·SI_SR, HHI = Σ S²·WGI·t.",
      ],
    },
    rows,
  );
}

function frameworkPaper(): Dataset {
  const file = "framework_paper_figures.csv";
  const recs = readCsv(file, { figure_id: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a lower-case id"), subject: nonEmpty, country_or_scope: anyText, year: z.string().regex(/^(\d{4})?$/), value: nonEmpty, unit: nonEmpty, stated_as: nonEmpty, section: nonEmpty });
  const rows = recs.map((r) => {
    const target = { values: {} as Record<string, number | null>, text: { unit: r.unit, subject: r.subject, stated_as: r.stated_as, section: r.section, scope: r.country_or_scope } as Record<string, string>, flags: [] as Flag[] };
    put(target, "value", parseValue(r.value));
    return row({ key: r.figure_id, label: r.subject, year: r.year ? Number(r.year) : null, ...target, note: `"${r.stated_as}" (section: ${r.section})` });
  });
  return finish(
    {
      id: "framework_paper",
      title: "Figures stated in the framework paper (US and Japanese approaches to supply-chain security in rare earths and permanent magnets, 2022 working paper)",
      publisher: "Framework paper (2022 working paper; text in ../shared/seed/framework-paper.txt)",
      sourceUrl: "../shared/seed/framework-paper.txt",
      retrievedVia: "figures copied from the paper's text with the sentence they come from (stated_as)",
      extracts: [file],
      publicationYear: 2022,
      licence: "quoted with attribution to the paper",
      units: "as stated per figure (see unit)",
      keyKind: "figure",
      fields: [
        { name: "value", unit: "see unit", description: "the figure as stated" },
        { name: "lower_bound", unit: "see unit", description: "bound where stated as 'more than x'" },
      ],
      defaultField: "value",
      variants: null,
      share: { unavailable: "figures are stated shares and counts, not country rows with a world total" },
      gaps: ["The paper's year is left blank where it states none; its own sources: USGS MCS 2022, Mergent, Google Patents (May 2022), Statista / Quest Rare Minerals, interviews."],
    },
    rows,
  );
}

// ---------- write ----------

export function buildAll(): Dataset[] {
  return [
    ...usgsMcs(),
    bgs(),
    usgsHistorical(),
    wmd(),
    visualCapitalist(),
    usSalient(),
    usEndUse(),
    ...usImportSources(),
    ...comtrade(),
    ...baci(),
    oec(),
    japan(),
    stageShares(),
    euCrm(),
    frameworkPaper(),
    ...magnets(),
    quota(),
    patents(),
    events(),
  ];
}

/** The generated files' contents by file name; validates every dataset first. */
export function render(datasets: Dataset[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const ds of datasets) {
    validateDataset(ds, `src/data/generated/${ds.meta.id}.json`);
    // Meta readable, one row per line: small in the bundle and readable in diffs.
    const rows = ds.rows.map((r) => `  ${JSON.stringify(r)}`).join(",\n");
    files.set(`${ds.meta.id}.json`, `{"meta": ${JSON.stringify(ds.meta, null, 1)},\n"rows": [\n${rows}\n]}\n`);
  }
  const imports = datasets.map((ds, i) => `import d${i} from "./${ds.meta.id}.json";`).join("\n");
  const list = datasets.map((_, i) => `d${i}`).join(", ");
  files.set(
    "datasets.ts",
    `// Generated by scripts/build-datasets.ts from ../shared/data. Do not edit: rebuild with \`npx tsx scripts/build-datasets.ts\`.\n` +
      `import type { Dataset } from "../schema";\n${imports}\n\n` +
      `/** Every reference dataset, in catalogue order. */\nexport const DATASETS: Dataset[] = [${list}] as Dataset[];\n`,
  );
  return files;
}

/**
 * Where a generated file stops being JSON, as "row R (line L)": the files hold one row per line
 * after `"rows": [` (see render), so each row line is parsed alone; else the meta block is named.
 */
function locateJsonError(text: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^"rows": \[/.test(l));
  if (start < 0) return "the meta block (no `\"rows\": [` line)";
  if (lines[start] !== '"rows": [') return `line ${start + 1} (before row 1)`;
  let row = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^\]\}\s*$/.test(line) || line === "") continue;
    row++;
    try {
      JSON.parse(line.trim().replace(/,$/, ""));
    } catch {
      return `row ${row} (line ${i + 1})`;
    }
  }
  return `the meta block (lines 1–${start})`;
}

/**
 * Checks the committed files the bundle imports, as they are on disk: each is valid JSON, passes
 * the schema and consistency rules (errors name file, row and column) and matches its own SHA-256,
 * and datasets.ts imports exactly these files. Returns the problems (empty when all is well).
 * Needs no extracts, so the production build can run it anywhere (package.json "prebuild").
 */
export function checkCommitted(dir = OUT): string[] {
  const rel = (name: string) => path.relative(REPO, path.join(dir, name)) || name;
  const problems: string[] = [];
  const jsonFiles = fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  const index = fs.existsSync(path.join(dir, "datasets.ts")) ? fs.readFileSync(path.join(dir, "datasets.ts"), "utf8") : "";
  const imported = [...index.matchAll(/from "\.\/([^"]+\.json)"/g)].map((m) => m[1]);
  for (const name of imported) if (!jsonFiles.includes(name)) problems.push(`${rel("datasets.ts")}: imports ${name}, which does not exist`);
  for (const name of jsonFiles) {
    if (!imported.includes(name)) problems.push(`${rel(name)}: not imported by datasets.ts (rebuild with npm run data:build)`);
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      problems.push(`${rel(name)}: not valid JSON at ${locateJsonError(text)}: ${(e as Error).message.split("\n")[0].slice(0, 120)}`);
      continue;
    }
    let ds: Dataset;
    try {
      ds = validateDataset(data, rel(name));
    } catch (e) {
      problems.push(...(e as Error).message.split("\n").slice(1));
      continue;
    }
    if (`${ds.meta.id}.json` !== name) problems.push(`${rel(name)}: column meta.id: "${ds.meta.id}" does not match the file name`);
    const hash = datasetHash(data as Dataset);
    if (hash !== ds.meta.sha256) problems.push(`${rel(name)}: column meta.sha256: the content hashes to ${hash}, not the recorded ${ds.meta.sha256} (edited by hand? rebuild with npm run data:build)`);
  }
  return problems;
}

function main(): number {
  const check = process.argv.includes("--check");
  if (check) {
    const problems = checkCommitted();
    if (problems.length > 0) {
      console.error(`build-datasets --check: invalid generated data\n${problems.map((p) => `  ${p}`).join("\n")}`);
      return 1;
    }
    if (!fs.existsSync(SHARED)) {
      // The committed data are valid; without the extracts their freshness cannot be checked.
      console.warn(`build-datasets --check: ${SHARED} not found; committed datasets are valid, not compared with the extracts`);
      return 0;
    }
  }
  if (!fs.existsSync(SHARED)) {
    console.error(`build-datasets: ${SHARED} not found; the extracts are needed to build the datasets`);
    return 1;
  }
  let files: Map<string, string>;
  try {
    files = render(buildAll());
  } catch (e) {
    console.error(`build-datasets: ${(e as Error).message}`);
    return 1;
  }
  if (check) {
    const stale = [...files].filter(([name, text]) => !fs.existsSync(path.join(OUT, name)) || fs.readFileSync(path.join(OUT, name), "utf8") !== text);
    if (stale.length > 0) {
      console.error(`build-datasets --check: out of date: ${stale.map(([n]) => n).join(", ")}`);
      return 1;
    }
    console.log(`build-datasets --check: ${files.size} files up to date`);
    return 0;
  }
  fs.mkdirSync(OUT, { recursive: true });
  for (const old of fs.readdirSync(OUT)) if (!files.has(old)) fs.unlinkSync(path.join(OUT, old));
  for (const [name, text] of files) fs.writeFileSync(path.join(OUT, name), text);
  console.log(`build-datasets: wrote ${files.size - 1} datasets to ${path.relative(REPO, OUT)}`);
  return 0;
}

if (require.main === module) process.exit(main());
