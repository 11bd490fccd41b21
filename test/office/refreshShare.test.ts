/** Refresh re-applies data blocks only; Prepare for sharing freezes CHOKEPOINT results in copies. */
import { buildPlan } from "../../templates";
import { insertPlan, prepareForSharing, refreshInsertion, describeRefresh } from "../../src/workbook/office";
import { parseLog, SETTINGS_KEY } from "../../src/workbook/office/record";
import { formatCell, parseCell } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { FakeWorkbook, runnerOf } from "./fakeExcel";
import { hyperFormulaCalculator } from "./hfCalculator";
import { getDataset } from "../../src/data";
import { datasetPlan } from "../../src/workbook/office/datasetPlan";

const T0 = "2026-01-15T10:00:00.000Z";

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

describe("refresh", () => {
  const plan = buildPlan("mining", {}, T0);
  const sheet = plan.sheets.find((s) => s.key === "mining")!;
  const block = sheet.blocks.find((b) => b.refreshable && b.kind === "values" && b.rows.length > 3)!;
  const formulaBlock = sheet.blocks.find((b) => b.kind === "formulas")!;

  /** A cell of `block` holding a number, and its address. */
  function numericCell(b = block) {
    for (let r = 1; r < b.rows.length; r++)
      for (let c = 0; c < b.rows[r].length; c++)
        if (typeof b.rows[r][c] === "number") {
          const { row, column } = parseCell(b.anchor);
          return { r, c, address: formatCell({ row: row + r, column: column + c }), value: b.rows[r][c] as number };
        }
    throw new Error("no numeric cell");
  }

  test("rewrites changed data cells only, leaves formulas and the user's edits outside the blocks alone, reports the changes", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), plan);
    const name = inserted.sheets.find((s) => s.key === "mining")!.name;

    // The user edits: a note far to the right, a formula cell overwritten, and one data cell.
    wb.setCells(name, "Z1", [["my note"]]);
    const formulaCell = formatCell(parseCell(formulaBlock.anchor));
    wb.setCells(name, formulaCell, [["=1+1"]]);
    const cell = numericCell();

    // New data: one value revised and a new dataset hash.
    const fresh = clone(plan);
    const fb = fresh.sheets.find((s) => s.key === "mining")!.blocks.find((b) => b.id === block.id)!;
    fb.rows[cell.r][cell.c] = cell.value + 1000;
    fresh.metadata.datasets = fresh.metadata.datasets.map((d) => (d.id === block.datasetId ? { ...d, hash: "f".repeat(64) } : d));

    wb.syncs = [];
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, fresh, { now: () => new Date("2026-02-01T00:00:00Z") });
    expect(wb.syncCount).toBe(3);
    expect(wb.value(name, cell.address)).toBe(cell.value + 1000);
    expect(wb.value(name, "Z1")).toBe("my note");
    expect(wb.cell(name, formulaCell)!.formula).toBe("=1+1");
    const updated = report.blocks.filter((b) => b.status === "updated");
    expect(updated.map((b) => b.blockId)).toEqual([block.id]);
    expect(updated[0].changedCells).toBe(1);
    expect(updated[0].examples[0]).toEqual({ address: cell.address, before: cell.value, after: cell.value + 1000 });
    expect(report.datasets.find((d) => d.id === block.datasetId)!.changed).toBe(true);
    expect(describeRefresh(report)).toContain("1 cell changed");
    const rec = parseLog(wb.settings.get(SETTINGS_KEY)).insertions[0];
    expect(rec.refreshedAt).toBe("2026-02-01T00:00:00.000Z");
    expect(rec.datasets.find((d) => d.id === block.datasetId)!.hash).toBe("f".repeat(64));
  });

  test("a row the user inserted above a block: the block is skipped, nothing is written over the moved cells", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), plan);
    const name = inserted.sheets.find((s) => s.key === "mining")!.name;
    // What Excel does on "Insert row" above the block: every cell from the anchor's row down moves one row.
    const anchorRow = parseCell(block.anchor).row;
    const ws = wb.sheet(name)!;
    const moved = new Map([...ws.cells].map(([key, c]) => {
      const { row, column } = parseCell(key);
      return [row >= anchorRow ? formatCell({ row: row + 1, column }) : key, c] as const;
    }));
    ws.cells = moved;
    wb.setCells(name, formatCell({ row: anchorRow, column: parseCell(block.anchor).column }), [["my heading for the table"]]);
    const before = JSON.stringify([...ws.cells]);

    const fresh = clone(plan);
    const cell = numericCell();
    fresh.sheets.find((s) => s.key === "mining")!.blocks.find((b) => b.id === block.id)!.rows[cell.r][cell.c] = cell.value + 1000;
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, fresh);
    const entry = report.blocks.find((b) => b.blockId === block.id)!;
    expect(entry.status).toBe("skipped");
    expect(entry.reason).toMatch(new RegExp(`^${block.anchor} no longer holds what was inserted there .*rows or columns were probably inserted or deleted`));
    // The user's heading and the moved data are untouched (other blocks below the anchor are skipped the same way).
    expect(wb.value(name, block.anchor)).toBe("my heading for the table");
    expect(JSON.stringify([...wb.sheet(name)!.cells])).toBe(before);
  });

  // A failure at every action of every sync of a refresh, and double faults: faults.refresh.test.ts.

  test("a sheet the user made with the same name after deleting ours is not written", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), plan);
    const name = inserted.sheets.find((s) => s.key === "mining")!.name;
    wb.sheets = wb.sheets.filter((s) => s.name !== name);
    wb.addSheet(name);
    wb.setCells(name, "A1", [["the user's own sheet"]]);
    const mine = JSON.stringify(wb.sheet(name));
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, plan);
    expect(report.missingSheets).toEqual([name]);
    expect(JSON.stringify(wb.sheet(name))).toBe(mine);
  });

  test("a renamed sheet is still found and refreshed", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), plan);
    wb.sheet(inserted.sheets.find((s) => s.key === "mining")!.name)!.name = "My mining";
    const cell = numericCell();
    wb.setCells("My mining", cell.address, [[-1]]);
    // The new data has one row fewer: that row is cleared and the record shrinks with it.
    const fresh = clone(plan);
    const fb = fresh.sheets.find((s) => s.key === "mining")!.blocks.find((b) => b.id === block.id)!;
    fb.rows.pop();
    const { row, column } = parseCell(block.anchor);
    const dropped = formatCell({ row: row + block.rows.length - 1, column });
    expect(wb.value("My mining", dropped)).not.toBe("");
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, fresh);
    expect(report.missingSheets).toEqual([]);
    expect(wb.value("My mining", cell.address)).toBe(cell.value);
    expect(wb.value("My mining", dropped)).toBe("");
    const rec = parseLog(wb.settings.get(SETTINGS_KEY)).insertions[0];
    expect(rec.sheets.find((s) => s.key === "mining")!.blocks.find((b) => b.id === block.id)!.rows).toBe(block.rows.length - 1);
  });

  test("with unchanged data nothing is written to the sheets", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), plan);
    wb.syncs = [];
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, plan);
    expect(report.changedCells).toBe(0);
    expect(wb.syncs.flatMap((s) => s.actions).filter((a) => a === "Range.values" || a === "Range.formulas")).toEqual([]);
  });

  test("data that grew into the user's cells is not written, and the report says why", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const inserted = await insertPlan(runnerOf(wb), plan);
    const name = inserted.sheets.find((s) => s.key === "mining")!.name;
    const { row, column } = parseCell(block.anchor);
    const below = formatCell({ row: row + block.rows.length, column });
    // Whatever the template put below the block stays; the user's own text goes there if empty.
    if (wb.value(name, below) === "") wb.setCells(name, below, [["user text"]]);
    const shown = wb.value(name, below);
    const fresh = clone(plan);
    const fb = fresh.sheets.find((s) => s.key === "mining")!.blocks.find((b) => b.id === block.id)!;
    fb.rows.push(fb.rows[fb.rows.length - 1].map((v) => (typeof v === "number" ? v + 1 : v)));
    const report = await refreshInsertion(runnerOf(wb), inserted.insertionId, fresh);
    const b = report.blocks.find((x) => x.blockId === block.id)!;
    expect(b.status).toBe("skipped");
    expect(b.reason).toContain(below);
    expect(wb.value(name, below)).toBe(shown);
  });
});

describe("prepare for sharing", () => {
  const plan: WorkbookPlan = buildPlan("stage-comparison", {}, T0);

  test("copies the sheet with CHOKEPOINT results as values, lists the formulas, adds sources, leaves the original alone", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    wb.calculator = hyperFormulaCalculator;
    const inserted = await insertPlan(runnerOf(wb), plan);
    const name = inserted.sheets[0].name;
    const original = JSON.stringify(wb.sheet(name));
    const originalCells = new Map(wb.sheet(name)!.cells);
    wb.syncs = [];
    const result = await prepareForSharing(runnerOf(wb), [name], { knownDatasetIds: plan.metadata.datasets.map((d) => d.id) });
    expect(wb.syncCount).toBe(3);
    expect(JSON.stringify(wb.sheet(name))).toBe(original);

    const copy = wb.sheet(result.copies[0].copy)!;
    expect(copy.name).toBe(`${name} (shared)`);
    const chokepointFormulas = [...originalCells].filter(([, c]) => c.formula && /CHOKEPOINT\./i.test(c.formula));
    expect(chokepointFormulas.length).toBeGreaterThan(5);
    expect(result.copies[0].frozenCells).toBeGreaterThanOrEqual(chokepointFormulas.length);
    // no formula in the copy reaches a CHOKEPOINT function or outside the sheet
    const live = [...copy.cells].filter(([, c]) => c.formula && /CHOKEPOINT\.|!/i.test(c.formula)).map(([key, c]) => `${key} ${c.formula}`);
    expect(live).toEqual([]);
    // every cell shows what the original showed, spilled results included
    for (const [key, c] of originalCells) expect([key, copy.cells.get(key)?.value ?? ""]).toEqual([key, c.value]);
    // the formulas sheet lists each replaced formula with its cell
    const list = wb.sheet(result.formulasSheet)!;
    const listed = [...list.cells.values()].map((c) => c.value);
    for (const [, c] of chokepointFormulas) expect(listed).toContain(c.formula);
    const sources = wb.sheet(result.sourcesSheet)!;
    for (const d of plan.metadata.datasets) expect([...sources.cells.values()].map((c) => c.value)).toContain(d.id);
  });

  // A failure at every action of every sync of sharing, and double faults: faults.share.test.ts.

  test("frozen values go out as ranges, split into row chunks, every request within the budget", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    wb.calculator = hyperFormulaCalculator;
    // A user's sheet with a 300 x 4 block of CHOKEPOINT formulas (one range once frozen) and one stray cell.
    wb.setCells("Sheet1", "A1", Array.from({ length: 300 }, (_, r) => Array.from({ length: 4 }, (_, c) => `=CHOKEPOINT.HHI(${r + c + 1},${r + 1})`)));
    wb.setCells("Sheet1", "H2", [["=CHOKEPOINT.HHI(50,50)"]]);
    wb.syncs = [];
    const chunkBudget = 4 * 1024;
    const result = await prepareForSharing(runnerOf(wb), ["Sheet1"], { chunkBudget, requestBudget: 400 * 1024 });
    expect(wb.syncCount).toBe(3);
    expect(result.copies[0].frozenCells).toBe(1201);
    const writes = wb.syncs[2].actions.filter((a) => a === "Range.values").length;
    // 1201 cells in far fewer writes: the block in chunks of at most 4 KB, plus the stray cell.
    expect(writes).toBeGreaterThan(2);
    expect(writes).toBeLessThan(60);
    for (const s of wb.syncs) expect(s.bytes).toBeLessThan(400 * 1024);
    expect(result.requestBytes.every((b) => b <= 400 * 1024)).toBe(true);
    const copy = result.copies[0].copy;
    for (const address of ["A1", "D300", "B150", "H2"]) expect([address, wb.cell(copy, address)?.formula]).toEqual([address, undefined]);
    expect(wb.value(copy, "D300")).toBe(wb.value("Sheet1", "D300"));
    expect(wb.value(copy, "H2")).toBe(wb.value("Sheet1", "H2"));
  });

  test("sheets too large for two requests are refused before anything is copied", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    wb.setCells("Sheet1", "A1", Array.from({ length: 200 }, (_, r) => [`=CHOKEPOINT.HHI(${r + 1})`]));
    const before = JSON.stringify(wb.snapshot());
    await expect(prepareForSharing(runnerOf(wb), ["Sheet1"], { requestBudget: 2 * 1024 })).rejects.toThrow(/too large to prepare.*Nothing was copied/);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });
});

describe("prepare for sharing: references to tables", () => {
  test("a formula reading another sheet's table through its name is frozen to its value in the copy", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const ds = datasetPlan(getDataset("usgs_mcs_reserves"), T0);
    const inserted = await insertPlan(runnerOf(wb), ds, { kind: "dataset" });
    const table = wb.sheet(inserted.sheets[0].name)!.tables[0].name;
    wb.setCells("Sheet1", "A1", [[`=ROWS(${table})`, "=1+1"]]);
    wb.sheet("Sheet1")!.cells.get("A1")!.value = 17; // what Excel would show
    const result = await prepareForSharing(runnerOf(wb), ["Sheet1"]);
    const copy = wb.sheet(result.copies[0].copy)!;
    expect(result.copies[0].frozenCells).toBe(1);
    expect(wb.value(copy.name, "A1")).toBe(17);
    expect(copy.cells.get("A1")!.formula ?? null).toBeNull();
    // A formula within the sheet stays live.
    expect(copy.cells.get("B1")!.formula).toBe("=1+1");
  });
});
