/** The pane's catalogue comes from the template registry and the datasets, with provenance intact. */
import { TEMPLATES } from "../../templates";
import { getDataset, listDatasets } from "../../src/data";
import { createCatalog } from "../../src/taskpane/catalog";

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
