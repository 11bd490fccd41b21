/** The pane's catalogue comes from the template registry and the datasets, with provenance intact. */
import { TEMPLATES } from "../../templates";
import { getDataset, listDatasets } from "../../src/data";
import { createCatalog } from "../../src/taskpane/catalog";
import { createOfficeWorkbookService } from "../../src/taskpane/officeWorkbookService";
import { parseLog, SETTINGS_KEY } from "../../src/workbook/office/record";
import { FakeWorkbook, runnerOf } from "../office/fakeExcel";

const catalog = createCatalog();

test("lists every template with its description, after the whole-briefing choice", () => {
  const t = catalog.templates();
  expect(t[0].id).toBe("all");
  expect(t.slice(1).map((x) => x.id)).toEqual(TEMPLATES.map((x) => x.id));
  for (const x of t) expect(x.description.length).toBeGreaterThan(20);
});

test("lists every dataset with publisher, licence, units, coverage and notes from the dataset itself", () => {
  const d = catalog.datasets();
  expect(d.map((x) => x.id)).toEqual(listDatasets().map((m) => m.id));
  const bgs = d.find((x) => x.id === "bgs_mine_production")!;
  expect(bgs.publisher).toMatch(/British Geological Survey/);
  expect(bgs.rows).toBe(getDataset("bgs_mine_production").rows.length);
});

test("the preview is the header and the first rows, values copied as they are", () => {
  const ds = getDataset("bgs_mine_production");
  const p = catalog.preview("bgs_mine_production", 5);
  expect(p).toHaveLength(6);
  expect(p[0].slice(0, 3)).toEqual(["Key", "Label", "Year"]);
  expect(p.slice(1).map((r) => r[0])).toEqual(ds.rows.slice(0, 5).map((r) => r.key));
  const field = ds.meta.fields[0].name;
  const column = p[0].findIndex((h) => String(h).startsWith(field));
  expect(p.slice(1).map((r) => r[column])).toEqual(ds.rows.slice(0, 5).map((r) => r.values[field] ?? r.text[field] ?? null));
});

test("the whole briefing offers the mine-production source, and the chosen one reaches the Mining sheet", async () => {
  const all = catalog.templates()[0];
  const names = all.options.flatMap((o) => o.name.split(/,\s*/));
  expect(names).toEqual(expect.arrayContaining(["countries", "stages", "year", "source"]));
  const mining = catalog.templates().find((t) => t.id === "mining")!;
  expect(mining.options.map((o) => o.name)).toContain("source");

  const chosen = catalog.sources().find((s) => s.id !== "usgs_mcs_mine_production")!;
  expect(chosen).toBeDefined();
  const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
  const service = createOfficeWorkbookService(runnerOf(wb));
  await service.insertBriefing("all", { countries: ["CHN", "USA"], stages: ["mining", "midstream", "magnets"], year: null, source: chosen.id }, () => undefined);
  const record = parseLog(wb.settings.get(SETTINGS_KEY)).insertions[0];
  expect(record.options.source).toBe(chosen.id);
  const miningSheet = record.sheets.find((s) => s.key === "mining")!;
  expect(miningSheet.blocks.some((b) => b.datasetId === chosen.id)).toBe(true);
});
