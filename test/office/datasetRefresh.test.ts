/** Inserting a dataset as a table, then refreshing it from a revised dataset: note, rows and table follow. */
import { getDataset, listDatasets } from "../../src/data";
import type { Dataset } from "../../src/data/schema";
import { insertPlan, refreshInsertion } from "../../src/workbook/office";
import { datasetPlan, MAX_FROZEN_ROWS } from "../../src/workbook/office/datasetPlan";
import { FakeWorkbook, runnerOf } from "./fakeExcel";

const T0 = "2026-01-15T10:00:00.000Z";
// A small dataset keeps the fake quick; any would do.
const small = listDatasets()
  .map((m) => getDataset(m.id))
  .filter((d) => d.rows.length >= 5)
  .sort((a, b) => a.rows.length - b.rows.length)[0];

function revised(ds: Dataset, rows: Dataset["rows"], hash: string, coverage: string): Dataset {
  return { ...ds, meta: { ...ds.meta, sha256: hash, coverage: { ...ds.meta.coverage, summary: coverage } }, rows };
}

/** Every non-empty text in column A, top to bottom. */
function columnA(wb: FakeWorkbook, sheet: string): string[] {
  const out: string[] = [];
  for (let r = 1; r <= 40; r++) out.push(String(wb.value(sheet, `A${r}`)));
  return out;
}

describe("dataset insert and refresh", () => {
  test("the sheet is not frozen ~12 rows deep: the note is too tall to freeze above the table", async () => {
    const plan = datasetPlan(small, T0);
    const frozen = plan.sheets[0].freeze?.rows ?? 0;
    expect(frozen).toBeLessThanOrEqual(MAX_FROZEN_ROWS);
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const r = await insertPlan(runnerOf(wb), plan, { kind: "dataset" });
    expect(wb.sheet(r.sheets[0].name)!.freeze?.rows ?? 0).toBeLessThanOrEqual(MAX_FROZEN_ROWS);
  });

  test.each([
    ["fewer rows", -2],
    ["more rows", 1],
  ])("refresh with %s rewrites the note's hash and coverage and resizes the Data_ table", async (_label, delta) => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), datasetPlan(small, T0), { kind: "dataset" });
    const sheet = inserted.sheets[0].name;
    const table = wb.sheet(sheet)!.tables[0];
    expect(table.name).toBe(`Data_${small.meta.id}`);
    const top = Number(/^A(\d+):/.exec(table.range)![1]);
    const columns = table.range.split(":")[1].replace(/\d+/g, "");
    // header + every data row
    expect(table.range).toBe(`A${top}:${columns}${top + small.rows.length}`);

    const rows = delta < 0 ? small.rows.slice(0, delta) : [...small.rows, { ...small.rows[small.rows.length - 1], key: "ZZZ", label: "Added row" }];
    const next = revised(small, rows, "a".repeat(64), "Revised coverage 1990–2030");
    wb.syncs = [];
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, datasetPlan(next, T0));
    expect(wb.syncCount).toBe(3);

    const a = columnA(wb, sheet);
    expect(a).toContain(`SHA-256 of the dataset: ${"a".repeat(64)}`);
    expect(a).toContain("Coverage: Revised coverage 1990–2030");
    expect(a).not.toContain(`SHA-256 of the dataset: ${small.meta.sha256}`);
    expect(wb.sheet(sheet)!.tables[0].range).toBe(`A${top}:${columns}${top + rows.length}`);
    // The rows past the new end are empty (shrink) or hold the added row (grow).
    const last = top + rows.length;
    if (delta < 0) expect(wb.value(sheet, `A${last + 1}`)).toBe("");
    else expect(wb.value(sheet, `A${last}`)).toBe("ZZZ");
    expect(report.blocks.find((b) => b.blockId === "sources-note")!.status).toBe("updated");
  });

  test("an Excel without API 1.13 cannot resize the table: refresh changes nothing and says to insert again", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), datasetPlan(small, T0), { kind: "dataset" });
    const before = JSON.stringify(wb.snapshot());
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => !(name === "ExcelApi" && v === "1.13") } } };
    try {
      const next = revised(small, small.rows.slice(0, -1), "b".repeat(64), "Shorter");
      await expect(refreshInsertion(runnerOf(wb), inserted.insertionId, datasetPlan(next, T0))).rejects.toThrow(
        /resizing its table needs a newer Excel \(Excel API 1\.13.*Nothing was changed; insert the dataset again/,
      );
      expect(JSON.stringify(wb.snapshot())).toBe(before);
      // Same row count: no resize needed, so refresh works on the older Excel too.
      const sameSize = revised(small, small.rows, "c".repeat(64), "Same size");
      await refreshInsertion(runnerOf(wb), inserted.insertionId, datasetPlan(sameSize, T0));
    } finally {
      delete g.Office;
    }
    expect(JSON.stringify(wb.snapshot())).not.toBe(before); // the same-size refresh wrote the new hash
    expect(columnA(wb, inserted.sheets[0].name)).toContain(`SHA-256 of the dataset: ${"c".repeat(64)}`);
  });
});
