/**
 * The committed datasets: schema, content hash, frozen ids, provenance present, and a fresh build
 * from the extracts reproduces them byte for byte. A malformed dataset or extract row fails with a
 * message naming file, row and column.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { z } from "zod";
import { DATASETS } from "../../src/data/generated/datasets";
import { datasetHash } from "../../src/data/hash";
import { validateDataset } from "../../src/data/schema";
import { datasetIds } from "../../src/data";
import { countryByIso3 } from "../../src/data/countries";
import { buildAll, checkCommitted, OUT, render, validateCsvText } from "../../scripts/build-datasets";
import { describeWithExtracts } from "./extracts";

// Public formula API: these ids never change (new datasets may be added at the end).
const FROZEN_IDS = [
  "usgs_mcs_mine_production",
  "usgs_mcs_reserves",
  "bgs_mine_production",
  "usgs_world_production",
  "wmd_mine_production",
  "vc_mine_production",
  "us_salient",
  "us_end_use",
  "us_import_sources",
  "us_import_sources_census_2024",
  "comtrade_us_imports_by_partner",
  "comtrade_us_imports_concentration",
  "baci_world_trade",
  "baci_top_traders",
  "oec_hs2846_trade",
  "japan_china_import_share",
  "stage_shares",
  "eu_crm2023_shares",
  "framework_paper",
  "china_ndfeb_production",
  "china_magnet_exports_2010",
  "magnet_production_reported",
  "magnet_producers",
  "magnet_firm_shares",
  "firm_production",
  "china_quota",
  "ree_magnet_patents",
  "wgi",
  "eu_crm2017_sr_inputs",
  "eu_crm_assessments",
  "policy_events",
];

// Field names used in formulas are frozen too, for the core datasets.
const FROZEN_FIELDS: Record<string, string[]> = {
  usgs_mcs_mine_production: ["production"],
  usgs_mcs_reserves: ["reserves", "lower_bound"],
  bgs_mine_production: ["production", "share_of_world", "world_total"],
  usgs_world_production: ["production"],
  us_salient: ["value", "lower_bound"],
  us_import_sources: ["share_pct"],
  stage_shares: ["mining", "refining", "magnets"],
  japan_china_import_share: ["china_share_pct"],
  eu_crm2023_shares: ["share", "t"],
  framework_paper: ["value"],
  comtrade_us_imports_by_partner: ["import_value_hs280530", "share_hs280530", "import_value_hs284610", "share_hs284610"],
  baci_world_trade: ["world_trade_value_usd", "china_export_share", "exporter_hhi"],
  wgi: ["va", "pv", "ge", "rq", "rl", "cc"],
  eu_crm2017_sr_inputs: ["supply_risk", "economic_importance", "import_reliance_pct", "eol_rir_pct", "si_ei", "si_sr", "hhiwgi_t_global_supply", "hhiwgi_t_eu_sourcing"],
  eu_crm_assessments: ["sr", "ei"],
};

describe("dataset ids and fields (public API)", () => {
  test("the dataset ids are exactly the frozen list, in catalogue order", () => {
    expect(datasetIds()).toEqual(FROZEN_IDS);
  });

  test.each(Object.entries(FROZEN_FIELDS))("%s keeps its field names", (id, fields) => {
    const ds = DATASETS.find((d) => d.meta.id === id)!;
    for (const f of fields) expect(ds.meta.fields.map((x) => x.name)).toContain(f);
  });

  test("usgs_mcs_mine_production exposes the edition of every value", () => {
    const ds = DATASETS.find((d) => d.meta.id === "usgs_mcs_mine_production")!;
    expect(ds.meta.variants?.label).toBe("edition");
    expect(ds.rows.every((r) => r.variant !== null)).toBe(true);
  });
});

describe.each(DATASETS.map((d) => [d.meta.id, d] as const))("dataset %s", (id, ds) => {
  const file = `src/data/generated/${id}.json`;

  test("passes the schema and the consistency rules", () => {
    expect(() => validateDataset(ds, file)).not.toThrow();
  });

  test("its SHA-256 matches its content, as read from the committed file", () => {
    const fromDisk = JSON.parse(fs.readFileSync(path.join(OUT, `${id}.json`), "utf8"));
    expect(datasetHash(fromDisk)).toBe(ds.meta.sha256);
    expect(datasetHash(ds)).toBe(ds.meta.sha256);
  });

  test("carries its provenance in code", () => {
    const m = ds.meta;
    for (const text of [m.title, m.publisher, m.retrievedVia, m.licence, m.units, m.coverage.summary, m.citation]) {
      expect(text.trim().length).toBeGreaterThan(3);
    }
    // an address a reader can open, or none (a work cited by its description); never a local file
    expect(m.sourceUrl).toMatch(/^(https?:\/\/\S+)?$/);
    for (const text of [m.publisher, m.retrievedVia, m.citation]) expect(text).not.toMatch(/\.\.\/|shared\/seed|\.txt\b/);
    expect(m.extracts.length).toBeGreaterThan(0);
    expect(m.gaps.length).toBeGreaterThan(0);
    expect(ds.rows.length).toBeGreaterThan(0);
    expect(m.citation).toContain(m.publisher);
    expect(m.citation).toContain(m.licence);
  });

  test("country keys are ISO3 codes (or WLD/OTH/EUR), or named groups that cannot be taken for one", () => {
    if (ds.meta.keyKind !== "country") return;
    for (const r of ds.rows) {
      const ok = countryByIso3(r.key) !== null || /^[A-Z0-9]+_[A-Z0-9_]+$|^TOP3$/.test(r.key);
      expect({ key: r.key, ok }).toEqual({ key: r.key, ok: true });
    }
  });
});

describe("docs/data.md", () => {
  const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/data.md"), "utf8");
  test.each(FROZEN_IDS)("documents %s with provenance and citation", (id) => {
    const section = doc.split(/^### /m).find((s) => s.startsWith(`${id}\n`));
    expect(section).toBeDefined();
    const meta = DATASETS.find((d) => d.meta.id === id)!.meta;
    expect(section).toContain(meta.publisher);
    expect(section).toContain("**Coverage.**");
    expect(section).toContain(`=CHOKEPOINT.SOURCE("${id}")`);
  });

  test.each(datasetIds())("%s has a Known disagreements line: figures and a link to the central section, or none known", (id) => {
    const section = doc.split(/^### /m).find((s) => s.startsWith(`${id}\n`))!;
    const line = /^\*\*Known disagreements\.\*\* (.+)$/m.exec(section)?.[1];
    expect(line).toBeDefined();
    if (!/^none known/.test(line!)) {
      expect(line).toContain("(#known-disagreements-between-sources)");
      expect(line).toMatch(/\d/);
    }
  });
});

describe("malformed data fails with file, row and column", () => {
  const ds = DATASETS.find((d) => d.meta.id === "bgs_mine_production")!;

  test("a text value in a numeric column", () => {
    const bad = JSON.parse(JSON.stringify(ds));
    bad.rows[4].values.production = "21300";
    expect(() => validateDataset(bad, "bgs.json")).toThrow(/bgs\.json: row 5, column values\.production/);
  });

  test("an undeclared field", () => {
    const bad = JSON.parse(JSON.stringify(ds));
    bad.rows[2].values.tonnes = 1;
    expect(() => validateDataset(bad, "bgs.json")).toThrow(/bgs\.json: row 3, column values\.tonnes: field not declared/);
  });

  test("a duplicate key, year and field", () => {
    const bad = JSON.parse(JSON.stringify(ds));
    bad.rows.push(bad.rows[0]);
    expect(() => validateDataset(bad, "bgs.json")).toThrow(new RegExp(`row ${bad.rows.length}, column values\\.production: duplicate`));
  });

  test("a missing licence", () => {
    const bad = JSON.parse(JSON.stringify(ds));
    bad.meta.licence = "";
    expect(() => validateDataset(bad, "bgs.json")).toThrow(/bgs\.json: column meta\.licence/);
  });

  test("a malformed extract row names the CSV file, row and column", () => {
    const csv = "year,country,value\n2020,China,100\n20x1,USA,5\n";
    const columns = { year: z.string().regex(/^\d{4}$/, "expected a four-digit year"), country: z.string().min(1), value: z.string() };
    expect(() => validateCsvText("x.csv", csv, columns)).toThrow('x.csv: row 2 (line 3), column year: expected a four-digit year (got "20x1")');
    expect(() => validateCsvText("x.csv", "year,country\n2020,China\n", columns)).toThrow("x.csv: header: missing column(s) value");
    expect(() => validateCsvText("x.csv", "year,country,value\n2020,China\n", columns)).toThrow("x.csv: row 1 (line 2): 2 cells, header has 3");
    expect(() => validateCsvText("x.csv", 'year,country,value\n2020,"China,5\n', columns)).toThrow(/^x\.csv: .*quote/i);
  });
});

describeWithExtracts("the committed datasets are what the extracts build", () => {
  test("a fresh build from ../shared/data reproduces every generated file byte for byte", () => {
    const files = render(buildAll());
    const committed = fs.readdirSync(OUT).sort();
    expect([...files.keys()].sort()).toEqual(committed);
    for (const [name, text] of files) expect({ name, same: fs.readFileSync(path.join(OUT, name), "utf8") === text }).toEqual({ name, same: true });
  });
});

describe("the production build checks the committed datasets (npm run build → prebuild → data:check)", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-data-"));
    for (const name of fs.readdirSync(OUT)) fs.copyFileSync(path.join(OUT, name), path.join(dir, name));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const edit = (name: string, change: (text: string) => string) => fs.writeFileSync(path.join(dir, name), change(fs.readFileSync(path.join(dir, name), "utf8")));

  test("package.json runs data:check before the webpack build", () => {
    expect(pkg.scripts.prebuild).toBe("npm run data:check");
    expect(pkg.scripts["data:check"]).toMatch(/build-datasets\.ts --check/);
  });

  test("the committed files pass", () => {
    expect(checkCommitted(OUT)).toEqual([]);
    expect(checkCommitted(dir)).toEqual([]);
  });

  test("a text value in a numeric column names file, row and column", () => {
    // Row 5 of bgs_mine_production: its production as the string "21300".
    edit("bgs_mine_production.json", (t) => {
      const lines = t.split("\n");
      const first = lines.indexOf('"rows": [') + 1;
      lines[first + 4] = lines[first + 4].replace(/"production":(\d+)/, '"production":"$1"');
      return lines.join("\n");
    });
    const problems = checkCommitted(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/bgs_mine_production\.json: row 5, column values\.production: /);
  });

  test("broken JSON names the file, line and column", () => {
    edit("stage_shares.json", (t) => t.replace('"rows": [', '"rows": [,'));
    const [problem] = checkCommitted(dir);
    const line = fs.readFileSync(path.join(dir, "stage_shares.json"), "utf8").split("\n").indexOf('"rows": [,') + 1;
    expect(problem).toContain(`stage_shares.json: not valid JSON at line ${line} (before row 1)`);
  });

  test("a broken row names its row and line", () => {
    edit("japan_china_import_share.json", (t) => {
      const lines = t.split("\n");
      const first = lines.indexOf('"rows": [') + 1;
      lines[first + 2] = lines[first + 2].replace('"key":', '"key"');
      return lines.join("\n");
    });
    const line = fs.readFileSync(path.join(dir, "japan_china_import_share.json"), "utf8").split("\n").findIndex((l) => l.includes('{"key""')) + 1;
    expect(checkCommitted(dir)[0]).toContain(`japan_china_import_share.json: not valid JSON at row 3 (line ${line})`);
  });

  test("a value edited by hand no longer matches the recorded SHA-256", () => {
    edit("usgs_world_production.json", (t) => t.replace(/"production":(\d+)/, (_m, n) => `"production":${Number(n) + 1}`));
    expect(checkCommitted(dir)).toEqual([expect.stringMatching(/usgs_world_production\.json: column meta\.sha256: the content hashes to [0-9a-f]{64}, not the recorded/)]);
  });

  test("a dataset file the bundle does not import, or an import without a file", () => {
    fs.copyFileSync(path.join(dir, "stage_shares.json"), path.join(dir, "extra.json"));
    fs.unlinkSync(path.join(dir, "framework_paper.json"));
    const problems = checkCommitted(dir).join("\n");
    expect(problems).toMatch(/datasets\.ts: imports framework_paper\.json, which does not exist/);
    expect(problems).toMatch(/extra\.json: not imported by datasets\.ts/);
  });
});

describe("the dataset build is one module per source family", () => {
  const scripts = path.resolve(__dirname, "../../scripts");
  const files = [...fs.readdirSync(scripts).map((n) => path.join(scripts, n)), ...fs.readdirSync(path.join(scripts, "datasets")).map((n) => path.join(scripts, "datasets", n))].filter((f) => fs.statSync(f).isFile());

  test("no file in scripts/ is over 400 lines", () => {
    const long = files.map((f) => ({ file: path.relative(scripts, f), lines: fs.readFileSync(f, "utf8").split("\n").length - 1 })).filter((x) => x.lines > 400);
    expect(long).toEqual([]);
  });
});
