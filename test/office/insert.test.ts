/** The Office.js adapter against the recording fake: round trips, request sizes, no overwrite, rollback. */
import { buildPlan, TEMPLATES } from "../../templates";
import { getDataset, listDatasets } from "../../src/data";
import { insertPlan } from "../../src/workbook/office";
import { datasetPlan } from "../../src/workbook/office/datasetPlan";
import { logFromXml, parseLog, SETTINGS_KEY } from "../../src/workbook/office/record";
import { formatCell, parseCell } from "../../src/workbook/a1";
import type { PlanValue, WorkbookPlan } from "../../src/workbook/plan";
import { FakeWorkbook, runnerOf } from "./fakeExcel";
import { hyperFormulaCalculator } from "./hfCalculator";

const FOUR_MB = 4 * 1024 * 1024;
const TEMPLATE_IDS = [...TEMPLATES.map((t) => t.id), "all"];
const FIXED_TIME = "2026-01-15T10:00:00.000Z";

function userWorkbook(): FakeWorkbook {
  const wb = new FakeWorkbook({ sheets: ["My analysis"] });
  wb.setCells("My analysis", "A1", [["Analyst notes", 42], ["=B1*2", "keep me"]]);
  return wb;
}

/** What a plan cell should show in the workbook: values as written, formulas as formula text. */
function expectBlockWritten(wb: FakeWorkbook, sheet: string, anchor: string, rows: PlanValue[][], kind: "values" | "formulas", spill: boolean) {
  const { row, column } = parseCell(anchor);
  rows.forEach((line, r) =>
    line.forEach((v, c) => {
      if (spill && (r > 0 || c > 0)) return;
      const cell = wb.cell(sheet, formatCell({ row: row + r, column: column + c }));
      const where = `${sheet}!${formatCell({ row: row + r, column: column + c })}`;
      if (v === null || v === "") expect([where, cell?.value ?? ""]).toEqual([where, ""]);
      else if (kind === "formulas" && typeof v === "string" && v.startsWith("=")) expect([where, cell?.formula]).toEqual([where, v]);
      else expect([where, cell?.value, cell?.formula]).toEqual([where, v, undefined]);
    }),
  );
}

describe.each(TEMPLATE_IDS)("template %s", (id) => {
  const plan = buildPlan(id, {}, FIXED_TIME);

  test("inserts in 3 syncs, each request below 4 MB, calculation suspended while writing", async () => {
    const wb = userWorkbook();
    const before = JSON.stringify(wb.snapshot());
    const result = await insertPlan(runnerOf(wb), plan);
    expect(wb.syncCount).toBe(3);
    for (const s of wb.syncs) expect([s.bytes, s.responseBytes].every((b) => b < FOUR_MB)).toBe(true);
    const writing = wb.syncs.filter((s) => s.actions.some((a) => a === "Range.values" || a === "Range.formulas")).map((s) => s.index);
    expect(writing).toContain(2);
    expect(wb.suspendedSyncs).toEqual(expect.arrayContaining(writing));
    // the suspension is queued before the first write of its batch
    for (const i of writing) expect(wb.syncs[i - 1].actions[0]).toBe("Application.suspendApiCalculationUntilNextSync");
    // every write comes after the sheets were created, and the user's sheet is untouched
    const userSheet = JSON.parse(before).sheets[0];
    expect(JSON.parse(JSON.stringify(wb.snapshot())).sheets[0]).toEqual(userSheet);
    expect(result.sheets.map((s) => s.name)).toEqual(plan.sheets.map((s) => s.name));
    for (const sheet of plan.sheets) {
      for (const b of sheet.blocks) expectBlockWritten(wb, sheet.name, b.anchor, b.rows, b.kind, !!b.spill);
      // Number formats: the corner cells of each spec carry the last spec covering them.
      const specs = sheet.numberFormats ?? [];
      const covers = (range: string, cell: string) => {
        const [a, b = a] = range.split(":").map(parseCell);
        const p = parseCell(cell);
        return p.row >= a.row && p.row <= b.row && p.column >= a.column && p.column <= b.column;
      };
      for (const nf of specs) {
        for (const cell of nf.range.split(":")) {
          const expected = [...specs].reverse().find((x) => covers(x.range, cell))!.format;
          expect([sheet.name, cell, wb.cell(sheet.name, cell)?.numberFormat]).toEqual([sheet.name, cell, expected]);
        }
      }
      expect(wb.sheet(sheet.name)!.charts.map((c) => c.title)).toEqual((sheet.charts ?? []).map((c) => c.title));
      expect(wb.sheet(sheet.name)!.conditionalFormats.length).toBe((sheet.conditionalFormats ?? []).length);
    }
    for (const n of plan.names) {
      const made = wb.names.find((x) => x.name === n.name)!;
      expect(made.sheet.name).toBe(plan.sheets.find((s) => s.key === n.sheet)!.name);
      expect(made.range).toBe(n.range.replace(/\$/g, "").toUpperCase());
    }
  });

  test("records template, version, datasets with hashes and time in settings and a custom XML part", async () => {
    const wb = userWorkbook();
    await insertPlan(runnerOf(wb), plan, { now: () => new Date(FIXED_TIME) });
    const log = parseLog(wb.settings.get(SETTINGS_KEY));
    expect(log.insertions).toHaveLength(1);
    const rec = log.insertions[0];
    expect(rec.templateId).toBe(plan.metadata.templateId);
    expect(rec.templateVersion).toBe(plan.metadata.templateVersion);
    expect(rec.datasets).toEqual(plan.metadata.datasets);
    expect(rec.insertedAt).toBe(FIXED_TIME);
    expect(rec.sheets.map((s) => s.worksheetId)).toEqual(plan.sheets.map((s) => wb.sheet(s.name)!.id));
    expect(wb.xmlParts).toHaveLength(1);
    expect(logFromXml(wb.xmlParts[0].xml)).toEqual(log);
    for (const d of plan.metadata.datasets) expect(wb.xmlParts[0].xml).toContain(`sha256="${d.hash}"`);
  });
});

describe("never overwrites", () => {
  test("existing sheets, names and tables get unique new names and formulas follow the renames", async () => {
    const plan = buildPlan("all", {}, FIXED_TIME);
    // Reference: the briefing in an empty workbook, evaluated.
    const clean = new FakeWorkbook({ sheets: ["Sheet1"] });
    clean.calculator = hyperFormulaCalculator;
    await insertPlan(runnerOf(clean), plan);

    const wb = new FakeWorkbook({ sheets: ["Stage comparison", "sources"] });
    wb.setCells("Stage comparison", "A1", [["my own stage table"]]);
    const [first, second] = plan.names;
    wb.names.push({ name: first.name.toUpperCase(), sheet: wb.sheets[0], range: "A1" });
    wb.sheets[1].tables.push({ name: second.name, range: "A1:B3" });
    wb.calculator = hyperFormulaCalculator;
    const untouched = JSON.stringify(wb.snapshot());
    const result = await insertPlan(runnerOf(wb), plan);

    expect(result.sheets.find((s) => s.key === "stages")!.name).toBe("Stage comparison (2)");
    expect(result.sheets.find((s) => s.planName === "Sources")!.name).toBe("Sources (2)");
    expect(result.names.find((n) => n.planName === first.name)!.name).toBe(`${first.name}_2`);
    expect(result.names.find((n) => n.planName === second.name)!.name).toBe(`${second.name}_2`);
    // the user's sheets, name and table are exactly as they were
    const after = JSON.parse(JSON.stringify(wb.snapshot()));
    const was = JSON.parse(untouched);
    expect(after.sheets.slice(0, 2)).toEqual(was.sheets);
    expect(after.names[0]).toEqual(was.names[0]);
    // every formula cell shows what it shows in a clean workbook: the renamed names resolve
    for (const s of plan.sheets) {
      const target = result.sheets.find((x) => x.key === s.key)!.name;
      for (const [key, cell] of clean.sheet(s.name)!.cells) {
        if (!cell.formula) continue;
        expect([target, key, wb.value(target, key)]).toEqual([target, key, cell.value]);
      }
    }
  });
});

describe("the largest dataset", () => {
  const largest = listDatasets()
    .map((m) => getDataset(m.id))
    .sort((a, b) => JSON.stringify(b.rows).length - JSON.stringify(a.rows).length)[0];

  test(`${largest.meta.id} (${largest.rows.length} rows) inserts as a table in 3 syncs below 4 MB`, async () => {
    const wb = userWorkbook();
    await insertPlan(runnerOf(wb), datasetPlan(largest, FIXED_TIME), { kind: "dataset" });
    expect(wb.syncCount).toBe(3);
    for (const s of wb.syncs) expect([s.bytes, s.responseBytes].every((b) => b < FOUR_MB)).toBe(true);
    const sheet = wb.sheet(largest.meta.id.slice(0, 31))!;
    expect(sheet.tables).toHaveLength(1);
    // last data row: its key is where the table ends
    const lastRow = largest.rows[largest.rows.length - 1];
    const end = sheet.tables[0].range.split(":")[1];
    expect(wb.value(sheet.name, `A${parseCell(end).row + 1}`)).toBe(lastRow.key);
  });

  test("a dataset 15 times as large is split into row chunks and still takes 3 syncs below 4 MB", async () => {
    const big = { ...largest, rows: Array.from({ length: 15 }, () => largest.rows).flat() };
    const plan = datasetPlan(big, FIXED_TIME);
    const wb = userWorkbook();
    await insertPlan(runnerOf(wb), plan, { kind: "dataset" });
    expect(wb.syncCount).toBe(3);
    for (const s of wb.syncs) expect([s.bytes, s.responseBytes].every((b) => b < FOUR_MB)).toBe(true);
    const valueWrites = wb.syncs.flatMap((s) => s.actions).filter((a) => a === "Range.values").length;
    expect(valueWrites).toBeGreaterThan(2);
  });

  test("data too large for one request spreads over the second and third, each below 4 MB, with every row written", async () => {
    // About 18 MB of rows as JSON (50 copies of the OEC dataset, once the largest), which insert as
    // roughly 5–7 MB of requests: more than one holds, less than two, whatever the largest dataset is.
    const times = Math.ceil((18 * 2 ** 20) / JSON.stringify(largest.rows).length);
    const big = { ...largest, rows: Array.from({ length: times }, () => largest.rows).flat() };
    const wb = userWorkbook();
    await insertPlan(runnerOf(wb), datasetPlan(big, FIXED_TIME), { kind: "dataset" });
    expect(wb.syncCount).toBe(3);
    for (const s of wb.syncs) expect([s.bytes, s.responseBytes].every((b) => b < FOUR_MB)).toBe(true);
    expect(wb.syncs[1].bytes + wb.syncs[2].bytes).toBeGreaterThan(FOUR_MB);
    expect(wb.syncs[2].actions.filter((a) => a === "Range.values").length).toBeGreaterThan(0);
    const sheet = wb.sheet(largest.meta.id.slice(0, 31))!;
    const end = parseCell(sheet.tables[0].range.split(":")[1]).row + 1;
    expect(end - parseCell(sheet.tables[0].range.split(":")[0]).row - 1).toBe(big.rows.length);
    expect(wb.value(sheet.name, `A${end}`)).toBe(big.rows[big.rows.length - 1].key);
  });

  test("a plan too large for two requests is refused before anything is written", async () => {
    const filler = "x".repeat(1000);
    const rows = Array.from({ length: 9000 }, (_, i) => [i, filler]);
    const plan: WorkbookPlan = { ...datasetPlan(largest, FIXED_TIME), names: [] };
    plan.sheets = [{ key: "big", name: "Big", blocks: [{ id: "data", kind: "values", anchor: "A1", rows }] }];
    const wb = userWorkbook();
    const before = JSON.stringify(wb.snapshot());
    await expect(insertPlan(runnerOf(wb), plan)).rejects.toThrow(/too large to insert.*Nothing was written/);
    expect(wb.syncCount).toBe(1);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });
});

describe("rollback", () => {
  test("a failure while reading the workbook writes nothing and says so", async () => {
    const wb = userWorkbook();
    const before = JSON.stringify(wb.snapshot());
    // The read batch is tried twice (the second time without the XML part's text): fail both.
    wb.failures = [
      { sync: 1, kind: "NamedItemCollection.load" },
      { sync: 2, kind: "NamedItemCollection.load" },
    ];
    await expect(insertPlan(runnerOf(wb), buildPlan("mining", {}, FIXED_TIME))).rejects.toThrow(/Could not read the workbook.*Nothing was written/);
    expect(wb.syncCount).toBe(2);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });
  // A failure at every action of every sync, and double faults: faults.insert.test.ts.
});
