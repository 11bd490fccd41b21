/**
 * Datasets that quote several reporters keep each figure's source: SERIES shows it on every row,
 * DATA(…, "source") returns it, and no key/year/field has two values (so DATA is unambiguous).
 * Also: china_magnet_exports_2010 carries CCR's printed total, and undated figures refuse a year.
 */
import { DATA, SERIES, SHARE } from "../../src/functions/families/data";
import { getDataset } from "../../src/data";
import { describeWithExtracts, readExtract } from "./extracts";

const MIXED_SOURCE_DATASETS = [
  "stage_shares",
  "magnet_production_reported",
  "magnet_producers",
  "magnet_firm_shares",
  "firm_production",
  "japan_china_import_share",
  "ree_magnet_patents",
];

function call(f: () => unknown): { code?: string; message?: string; value?: unknown } {
  try {
    return { value: f() };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { code: err.code, message: err.message };
  }
}

describe("datasets quoting several reporters carry a source per value", () => {
  test.each(MIXED_SOURCE_DATASETS)("%s: every row names its source; one value per key, year and field", (id) => {
    const ds = getDataset(id);
    expect(ds.meta.variants?.label).toBe("source");
    const seen = new Map<string, string>();
    for (const r of ds.rows) {
      expect(r.variant).toBeTruthy();
      for (const f of Object.keys(r.values)) {
        const k = `${r.key}|${r.year}|${r.period}|${f}`;
        // Two sources for the same cell would make DATA's answer depend on a ranking; there are none.
        if (id !== "stage_shares") expect(seen.get(k)).toBeUndefined();
        seen.set(k, r.variant as string);
      }
    }
  });

  test.each(MIXED_SOURCE_DATASETS)("%s: SERIES without a key lists records with a source column", (id) => {
    const table = SERIES(id) as unknown[][];
    const col = table[0].indexOf("source");
    expect(col).toBeGreaterThan(0);
    expect(table.slice(1).every((line) => typeof line[col] === "string" && (line[col] as string).length > 0)).toBe(true);
  });

  test("SERIES for one country is in time order, periods (2010-11, 2012 H1) beside their year", () => {
    const years = (SERIES("japan_china_import_share", "Japan") as unknown[][]).slice(1).map((line) => String(line[0]));
    const yearOf = (label: string) => Number(label.slice(0, 4));
    expect(years.map(yearOf)).toEqual([...years.map(yearOf)].sort((a, b) => a - b));
    expect(years.indexOf("2010-11")).toBeGreaterThan(years.indexOf("2010"));
    expect(years.indexOf("2012 H1")).toBeGreaterThan(years.indexOf("2012"));
  });
});

describeWithExtracts("the source shown is the extract's own source for that row", () => {
  test("Japan: China's share by year comes from different statistics, each named", () => {
    const rows = readExtract("japan_ree_import_dependence_reported.csv").filter((r) => /^China share/.test(r.metric) && /^\d{4}$/.test(r.year));
    const table = SERIES("japan_china_import_share", "Japan") as unknown[][];
    const [header, ...body] = table;
    const shareCol = header.indexOf("china_share_pct (%)");
    const sourceCol = header.indexOf("source");
    for (const r of rows) {
      const expected = r.value.startsWith(">") ? null : Number(r.value);
      const line = body.find((l) => l[0] === Number(r.year) && (expected === null || l[shareCol] === expected));
      expect(line).toBeDefined();
      // The source column starts with the extract's primary source (abbreviations expanded: MOF).
      const printed = r.primary_source.replace("Japan MOF", "Japan Ministry of Finance");
      expect(String(line![sourceCol]).startsWith(printed)).toBe(true);
      if (expected !== null) expect(String(DATA("japan_china_import_share", "Japan", Number(r.year), "source")).startsWith(printed)).toBe(true);
    }
    // 2018 (METI via a blog) and 2024 (Toyo Keizai) are different reporters from 2009–2014 (MOF via kksoukan).
    expect(DATA("japan_china_import_share", "Japan", 2018, "source")).toMatch(/^METI annual statistics 2018/);
    expect(DATA("japan_china_import_share", "Japan", 2024, "source")).toMatch(/^Toyo Keizai 2025/);
    expect(DATA("japan_china_import_share", "Japan", 2010, "source")).toMatch(/^Japan Ministry of Finance.*kksoukan\.com/);
  });

  test("firm figures: Lynas FY2023 output names the Lynas 2023 annual report", () => {
    const ly = readExtract("firm_production_non_china.csv").find((r) => r.company === "Lynas Rare Earths" && r.metric === "total REO production" && r.year.startsWith("FY2023 "))!;
    expect(DATA("firm_production", "Lynas Rare Earths", 2023, "total_reo_production")).toBe(Number(ly.value));
    expect(DATA("firm_production", "Lynas Rare Earths", 2023, "total_reo_production.source")).toBe(ly.source);
  });

  test("magnet figures: the 2019 sintered blank output is Adamas Intelligence's, the 2021 output CREIA/SMM's", () => {
    const mp = readExtract("magnet_production_reported_figures.csv");
    const adamas = mp.find((r) => r.year === "2019" && r.metric === "sintered NdFeB blank production")!;
    const creia = mp.find((r) => r.year === "2021" && r.metric === "NdFeB magnetic material output")!;
    expect(DATA("magnet_production_reported", "China", 2019, "sintered_ndfeb_blank_production")).toBe(Number(adamas.value));
    expect(DATA("magnet_production_reported", "China", 2019, "sintered_ndfeb_blank_production.source")).toMatch(/^Adamas Intelligence/);
    expect(DATA("magnet_production_reported", "China", 2021, "ndfeb_magnetic_material_output")).toBe(Number(creia.value));
    expect(DATA("magnet_production_reported", "China", 2021, "ndfeb_magnetic_material_output.source")).toMatch(/^China Rare Earth Industry Association/);
  });

  test("company datasets: SERIES for one company shows each figure's source", () => {
    const table = SERIES("magnet_producers", "Shin-Etsu Chemical") as unknown[][];
    const sourceCol = table[0].indexOf("source");
    expect(sourceCol).toBeGreaterThan(0);
    const extract = readExtract("magnet_producers_reported.csv").filter((r) => r.company === "Shin-Etsu Chemical");
    expect(table.length - 1).toBe(extract.length);
    for (const line of table.slice(1)) expect(String(line[sourceCol])).toMatch(/^industry blog compilation \(end-2022\), via couragemagnet\.com$/);
  });
});

describeWithExtracts("china_magnet_exports_2010: the article's printed total makes SHARE work", () => {
  test("USA's share of China's 2010 magnet exports = 1,740.16 / 13,885.92 ≈ 0.1253", () => {
    const usa = readExtract("china_magnet_exports_2010_top_destinations.csv").find((r) => r.destination === "USA")!;
    const total = readExtract("magnet_production_reported_figures.csv").find((r) => r.year === "2010" && r.metric === "rare-earth permanent magnet exports (volume)")!;
    expect(Number(total.value)).toBe(13885.92);
    const share = SHARE("china_magnet_exports_2010", "USA", 2010) as number;
    expect(share).toBeCloseTo(Number(usa.export_volume_t) / Number(total.value), 12);
    expect(share).toBeCloseTo(0.1253, 4);
    expect(DATA("china_magnet_exports_2010", "World", 2010)).toBe(13885.92);
  });

  test("the six listed destinations add up to less than the total (93 others are not itemised)", () => {
    const listed = readExtract("china_magnet_exports_2010_top_destinations.csv").reduce((s, r) => s + Number(r.export_volume_t), 0);
    expect(listed).toBeCloseTo(7838.78, 2);
    expect(13885.92 - listed).toBeCloseTo(6047.14, 2);
    const shares = ["Hong Kong", "USA", "South Korea", "Germany", "Italy", "Singapore"].map((c) => SHARE("china_magnet_exports_2010", c, 2010) as number);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(listed / 13885.92, 12);
  });
});

describeWithExtracts("framework_paper: a year on an undated figure is an error, not ignored", () => {
  const figures = readExtract("framework_paper_figures.csv");
  const undated = figures.find((f) => f.year === "")!;
  const dated = figures.find((f) => /^\d{4}$/.test(f.year))!;

  test("undated figure with a year → #VALUE! saying to leave year blank", () => {
    const out = call(() => DATA("framework_paper", undated.figure_id, 2022));
    expect(out.code).toBe("#VALUE!");
    expect(out.message).toMatch(new RegExp(`framework_paper: "${undated.figure_id}" is undated .*leave year blank`));
    expect(DATA("framework_paper", undated.figure_id)).toBe(Number(undated.value));
  });

  test("dated figure: its own year works, another year is #VALUE! naming the figure's year", () => {
    expect(DATA("framework_paper", dated.figure_id, Number(dated.year))).toBe(Number(dated.value));
    const out = call(() => DATA("framework_paper", dated.figure_id, Number(dated.year) - 1));
    expect(out.code).toBe("#VALUE!");
    expect(out.message).toContain(`is stated for ${dated.year}, not ${Number(dated.year) - 1}`);
  });
});

describe("field hints list value fields first", () => {
  test("a mistyped field suggests the value field, and offers only the text fields that apply", () => {
    const out = call(() => DATA("bgs_mine_production", "China", 2020, "prodution"));
    expect(out.code).toBe("#VALUE!");
    expect(out.message).toMatch(/did you mean "production"\? Value fields: "production"/);
    // BGS has no editions, sources or batches: those are not offered as fields.
    expect(out.message).not.toMatch(/"edition"|"batch"|"source"|"variant"/);
  });

  test("an edition dataset offers edition, a source dataset offers source", () => {
    expect(call(() => DATA("usgs_mcs_mine_production", "China", 2024, "prod")).message).toMatch(/did you mean "production"\?.*text fields: .*"edition"/);
    const m = call(() => DATA("stage_shares", "China", 2024, "refinig")).message!;
    expect(m).toMatch(/did you mean "refining"\? Value fields: "mining", "refining"/);
    expect(m).toMatch(/"source"/);
    expect(m).not.toMatch(/"batch"|"edition"/);
  });
});

describeWithExtracts("usgs_mcs_reserves: the metadata says what the extract holds", () => {
  test("its editions are the by-edition extract's (MCS 2024–2026); no MCS 2019/2021 press route", () => {
    const editions = [...new Set(readExtract("usgs_mcs_world_production_by_edition.csv").map((r) => r.edition))].sort().reverse();
    const ds = getDataset("usgs_mcs_reserves");
    expect(ds.meta.variants!.order).toEqual(editions);
    expect(new Set(ds.rows.map((r) => r.variant))).toEqual(new Set(editions));
    expect(ds.meta.retrievedVia).not.toMatch(/2019|2021|investingnews/);
    for (const e of editions) expect(ds.meta.retrievedVia).toContain(e);
  });
});

describeWithExtracts("us_salient: the year a note calls an estimate carries the estimate flag", () => {
  test('"2015 estimate" (MCS 2016) and "2018 estimate" (MCS 2019): only that year of that edition', () => {
    const rows = readExtract("us_ree_salient_statistics_mcs2016_mcs2019_mcs2021.csv").filter((r) => r.item === "Production: bastnaesite concentrates");
    const ds = getDataset("us_salient");
    for (const r of rows) {
      const noted = new RegExp(`\\b${r.year} estimate`).test(r.note);
      const stored = ds.rows.find((d) => d.key === "production_bastnaesite_concentrates" && d.year === Number(r.year) && d.variant === r.mcs_edition);
      expect({ edition: r.mcs_edition, year: r.year, estimate: stored?.flags.includes("estimate") }).toEqual({ edition: r.mcs_edition, year: r.year, estimate: noted });
    }
    // The two years named in the extract's notes.
    expect(rows.filter((r) => new RegExp(`\\b${r.year} estimate`).test(r.note)).map((r) => `${r.mcs_edition} ${r.year}`)).toEqual(
      expect.arrayContaining(["MCS 2016 2015", "MCS 2019 2018"]),
    );
  });
});

describeWithExtracts("stage_shares: what each figure covers is reachable", () => {
  test("the scope of China's 2024 mining share under each source is the extract's indicator and scope", () => {
    const rows = readExtract("supply_chain_stage_shares_reported.csv").filter((r) => r.stage === "mining" && r.country_or_group === "China" && r.year === "2024");
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const table = SERIES("stage_shares", "China", 2024, 2024) as unknown[][];
    const scopeCol = table[0].indexOf("mining scope");
    const miningCol = table[0].findIndex((h) => String(h).startsWith("mining ("));
    expect(scopeCol).toBeGreaterThan(0);
    for (const r of rows) {
      // Each extract row's share sits beside text naming its own scope ("magnet rare earths", "all rare earths (REO)").
      const line = table.find((l) => l[miningCol] === Number(r.share_pct));
      expect({ share: r.share_pct, scope: String(line?.[scopeCol] ?? "").includes(r.scope) }).toEqual({ share: r.share_pct, scope: true });
    }
    // DATA's default answer says what it covers.
    const value = DATA("stage_shares", "China", 2024, "mining");
    const scope = DATA("stage_shares", "China", 2024, "mining_scope") as string;
    const source = rows.find((r) => Number(r.share_pct) === value)!;
    expect(scope).toContain(source.scope);
  });
});

test("SERIES of a multi-source dataset without a key lists records in time order", () => {
  const years = (SERIES("japan_china_import_share") as unknown[][]).slice(1).map((line) => String(line[2]));
  const yearOf = (label: string) => Number(label.slice(0, 4));
  expect(years.map(yearOf)).toEqual([...years.map(yearOf)].sort((a, b) => a - b));
  expect(years.indexOf("2010-11")).toBeGreaterThan(years.indexOf("2010"));
});
