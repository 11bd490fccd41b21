/**
 * Fault matrix of Refresh: a failure at every action of every sync, for a briefing (every data
 * block changed, one block a row shorter) and for a dataset refreshed at the same size, grown and
 * shrunk (its table resized); double faults where putting the blocks back fails too; and a user
 * edit inside a block between Refresh's read and its write, alone and with a fault.
 */
import { buildPlan } from "../../templates";
import { getDataset, listDatasets } from "../../src/data";
import type { Dataset } from "../../src/data/schema";
import { insertPlan, refreshInsertion, RefreshError } from "../../src/workbook/office";
import { datasetPlan } from "../../src/workbook/office/datasetPlan";
import { parseLog, SETTINGS_KEY } from "../../src/workbook/office/record";
import { formatCell, parseCell } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { FakeWorkbook, runnerOf } from "./fakeExcel";
import { describeSyncs, faultsOf, probe, runWith, secondFaults, singleFaults, type Fault, type MatrixOperation } from "./faultMatrix";

const T0 = "2026-01-15T10:00:00.000Z";
const T1 = new Date("2026-02-01T00:00:00.000Z");

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** The user's workbook with `plan` inserted, a hidden sheet and a chosen active sheet. */
async function withInsertion(plan: WorkbookPlan, kind: "briefing" | "dataset"): Promise<{ wb: FakeWorkbook; insertionId: string }> {
  const wb = new FakeWorkbook({ sheets: ["Notes", "My analysis", "Lookup"] });
  wb.setCells("My analysis", "A1", [["Analyst notes", 42]]);
  wb.sheet("Lookup")!.visibility = "Hidden";
  const inserted = await insertPlan(runnerOf(wb), plan, { kind, now: () => new Date(T0) });
  wb.activeSheet = wb.sheet("My analysis");
  wb.syncs = [];
  return { wb, insertionId: inserted.insertionId };
}

/** Every number in every refreshable block (below its first row) moved by one; the longest block one row shorter. */
function revisedBriefing(plan: WorkbookPlan): WorkbookPlan {
  const fresh = clone(plan);
  const blocks = fresh.sheets.flatMap((s) => s.blocks).filter((b) => b.refreshable);
  for (const b of blocks) b.rows = b.rows.map((r, i) => (i === 0 ? r : r.map((v) => (typeof v === "number" ? v + 1 : v))));
  const longest = blocks.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
  longest.rows.pop();
  return fresh;
}

const small: Dataset = listDatasets()
  .map((m) => getDataset(m.id))
  .filter((d) => d.rows.length >= 5)
  .sort((a, b) => a.rows.length - b.rows.length)[0];

function revisedDataset(rows: Dataset["rows"], hash: string): WorkbookPlan {
  return datasetPlan({ ...small, meta: { ...small.meta, sha256: hash, coverage: { ...small.meta.coverage, summary: `Revised ${hash.slice(0, 4)}` } }, rows }, T0);
}

function refreshOperation(label: string, base: FakeWorkbook, insertionId: string, fresh: WorkbookPlan): MatrixOperation {
  return {
    label,
    base,
    run: (wb) => refreshInsertion(runnerOf(wb), insertionId, fresh, { now: () => T1 }),
    isOwnError: (e) => e instanceof RefreshError,
    unchanged: /^Refresh failed while writing: .*Injected failure.*\. The blocks were put back as they were when Refresh read them; nothing changed\.$/,
    unchangedBeforeWriting: /^Could not read the (workbook before refreshing|inserted blocks): .*Nothing was changed/,
  };
}

const sizes: string[] = [];

async function operations(): Promise<MatrixOperation[]> {
  const briefing = buildPlan("all", {}, T0);
  const b = await withInsertion(briefing, "briefing");
  const d = await withInsertion(datasetPlan(small, T0), "dataset");
  const extra = { ...small.rows[small.rows.length - 1], key: "ZZZ", label: "Added row" };
  return [
    refreshOperation("refresh briefing (every block changed, one a row shorter)", b.wb, b.insertionId, revisedBriefing(briefing)),
    refreshOperation("refresh dataset, same size", d.wb, d.insertionId, revisedDataset(small.rows.map((r) => ({ ...r, note: `${r.note} (revised)` })), "a".repeat(64))),
    refreshOperation("refresh dataset, a row more (table grows)", d.wb, d.insertionId, revisedDataset([...small.rows, extra], "b".repeat(64))),
    refreshOperation("refresh dataset, two rows fewer (table shrinks)", d.wb, d.insertionId, revisedDataset(small.rows.slice(0, -2), "c".repeat(64))),
  ];
}

afterAll(() => console.log(`fault matrix (refresh):\n${sizes.join("\n")}`));

describe("refresh: a failure at every action of every sync", () => {
  test("briefing and dataset, with and without a table resize: the workbook is as it was, or as a clean refresh leaves it", async () => {
    for (const op of await operations()) {
      const p = await probe(op);
      // The clean run really changes the workbook, and the dataset runs resize their table.
      expect([op.label, p.done !== p.before]).toEqual([op.label, true]);
      const { runs, problems } = await singleFaults(op, p);
      sizes.push(`${op.label}: ${runs} single faults (${describeSyncs(p.syncs)}; ${p.syncs[2].actions.filter((a) => a === "Table.resize").length} table resizes)`);
      expect(problems.slice(0, 5)).toEqual([]);
    }
  });
});

/** Cells of the workbook's sheets that differ from `base`'s, as "Sheet!A1". */
function changedCells(base: FakeWorkbook, wb: FakeWorkbook): string[] {
  const out: string[] = [];
  for (const s of wb.sheets) {
    const was = base.sheets.find((x) => x.id === s.id);
    if (!was) continue;
    const keys = new Set([...s.cells.keys(), ...was.cells.keys()]);
    for (const k of keys) if (JSON.stringify(s.cells.get(k) ?? null) !== JSON.stringify(was.cells.get(k) ?? null)) out.push(`${s.name}!${k}`);
  }
  return out.sort();
}

describe("refresh: double faults (putting the blocks back fails too)", () => {
  test("the error says exactly which cells hold the new data, whether the record and tables are back", async () => {
    const problems: string[] = [];
    let runs = 0;
    const outcomes = { complete: 0, exact: 0, unchecked: 0 };
    for (const op of await operations()) {
      const p = await probe(op);
      const write = p.syncs[2];
      const firsts: Fault[] = [...new Set([0, Math.floor(write.actions.length / 2), write.actions.length - 1])].map((action) => ({ sync: 3, action, kind: write.actions[action] }));
      for (const first of firsts) {
        const alone = await runWith(op, [{ sync: 3, action: first.action }]);
        for (const second of secondFaults(alone.wb.syncs, first)) {
          runs++;
          const { wb, error, after } = await runWith(op, [{ sync: 3, action: first.action }, second]);
          const at = `${op.label}: first fault at sync 3 action ${first.action}, second ${JSON.stringify(second)}`;
          if (!(error instanceof RefreshError) || !error.putBack) {
            problems.push(`${at}: ${String(error)}`);
            continue;
          }
          const report = error.putBack;
          if (report.complete) {
            outcomes.complete++;
            if (after !== p.before) problems.push(`${at}: says put back, but the workbook is not as it was`);
            continue;
          }
          if (!report.checked) {
            outcomes.unchecked++;
            if (!/could not be read again to check/.test(error.message)) problems.push(`${at}: ${error.message}`);
            continue;
          }
          outcomes.exact++;
          // Every cell that differs from before is one it says still holds the new data, and the other way round.
          const said = report.remaining.flatMap((x) => x.cells.map((c) => `${x.w.sheet}!${c}`)).sort();
          const changed = changedCells(op.base, wb);
          if (JSON.stringify(said) !== JSON.stringify(changed)) problems.push(`${at}: says ${said.length} cells hold new data, ${changed.length} differ (${changed.slice(0, 3).join(", ")})`);
          const recordBack = JSON.stringify(wb.settings.get(SETTINGS_KEY)) === JSON.stringify(op.base.settings.get(SETTINGS_KEY));
          if (report.record !== recordBack) problems.push(`${at}: says the record is ${report.record ? "" : "not "}back, but it is${recordBack ? "" : " not"}`);
          const tablesBack = JSON.stringify(wb.sheets.map((s) => s.tables)) === JSON.stringify(op.base.sheets.map((s) => s.tables).concat([]).slice(0, wb.sheets.length));
          if ((report.tables.length === 0) !== tablesBack) problems.push(`${at}: tables: says ${JSON.stringify(report.tables)}`);
          if (!/Putting the blocks back also failed .*\. Now /.test(error.message)) problems.push(`${at}: ${error.message}`);
        }
      }
    }
    sizes.push(`refresh, double faults: ${runs} (first, middle and last action of each write × each put-back action once and each put-back action kind persisting): ${outcomes.complete} put back in full after a retry, ${outcomes.exact} reported exactly, ${outcomes.unchecked} could not be checked`);
    expect(outcomes.exact).toBeGreaterThan(0);
    expect(problems.slice(0, 5)).toEqual([]);
  });
});

describe("refresh: a user edit inside a block between Refresh's read and its write", () => {
  async function setup() {
    const plan = buildPlan("mining", {}, T0);
    const { wb, insertionId } = await withInsertion(plan, "briefing");
    const fresh = revisedBriefing(plan);
    const sheet = plan.sheets.find((s) => s.key === "mining")!;
    const block = sheet.blocks.find((b) => b.refreshable && b.rows.length > 3)!;
    const { row, column } = parseCell(block.anchor);
    const edited = formatCell({ row: row + 2, column: column + 1 });
    const area = block.rows.flatMap((line, r) => line.map((_, c) => formatCell({ row: row + r, column: column + c })));
    const op = refreshOperation("refresh with an edit", wb, insertionId, fresh);
    // The user types into the block while Refresh works: after its read (sync 2), before its write (sync 3).
    const edit = (index: number, w: FakeWorkbook) => {
      if (index === 3) w.setCells(sheet.name, edited, [["my own figure"]]);
    };
    return { op, sheet, block, edited, area, edit };
  }

  const cellsOf = (wb: FakeWorkbook, sheet: string, area: string[]) => area.map((a) => JSON.stringify(wb.cell(sheet, a) ?? null));

  test("is detected and kept: that block is left as it was with the edit, reported, and not recorded as refreshed", async () => {
    const { op, sheet, block, edited, area, edit } = await setup();
    const clean = await runWith(op, []);
    const { wb, error } = await runWith(op, [], edit);
    expect(error).toBeUndefined();
    expect(wb.value(sheet.name, edited)).toBe("my own figure");
    // The rest of the block is as it was before the refresh; the other blocks are refreshed as in a clean run.
    const others = area.filter((a) => a !== edited);
    expect(cellsOf(wb, sheet.name, others)).toEqual(cellsOf(op.base, sheet.name, others));
    const ws = wb.sheet(sheet.name)!;
    const outside = [...clean.wb.sheet(sheet.name)!.cells.keys()].filter((k) => !area.includes(k));
    expect(outside.map((k) => JSON.stringify(ws.cells.get(k) ?? null))).toEqual(outside.map((k) => JSON.stringify(clean.wb.sheet(sheet.name)!.cells.get(k) ?? null)));
    // The record keeps the block's old entry (so the next Refresh compares with what is really there).
    const recorded = (w: FakeWorkbook) => parseLog(w.settings.get(SETTINGS_KEY)).insertions.at(-1)!.sheets.find((s) => s.key === sheet.key)!.blocks.find((b) => b.id === block.id);
    expect(recorded(wb)).toEqual(recorded(op.base));
    // Refreshing again updates it.
    const again = await refreshInsertion(runnerOf(wb.clone()), parseLog(wb.settings.get(SETTINGS_KEY)).insertions.at(-1)!.id, revisedBriefing(buildPlan("mining", {}, T0)), { now: () => T1 });
    expect(again.blocks.find((b) => b.blockId === block.id)!.status).toBe("updated");
  });

  test("the report says which cell changed and that it was kept", async () => {
    const { op, sheet, block, edited, edit } = await setup();
    const wb = op.base.clone();
    wb.beforeSync = (i) => edit(i, wb);
    const report = await refreshInsertion(runnerOf(wb), parseLog(wb.settings.get(SETTINGS_KEY)).insertions.at(-1)!.id, revisedBriefing(buildPlan("mining", {}, T0)), { now: () => T1 });
    const entry = report.blocks.find((b) => b.blockId === block.id)!;
    expect(entry.status).toBe("skipped");
    expect(entry.reason).toBe(`${sheet.name}!${edited} changed while Refresh was running; the edit was kept and this block was not refreshed. Refresh again to update it`);
  });

  test("with a fault at every action of the write: the edit is kept unless the failed write reached it, and the message says which", async () => {
    const { op, sheet, edited, edit } = await setup();
    const p = await probe(op);
    const problems: string[] = [];
    const counts = { kept: 0, overwritten: 0 };
    const withEdit = op.base.clone();
    edit(3, withEdit);
    const beforeWithEdit = JSON.stringify(withEdit.snapshot());
    for (const f of faultsOf(p.syncs).filter((x) => x.sync === 3)) {
      const { error, after } = await runWith(op, [{ sync: 3, action: f.action }], edit);
      const message = (error as Error)?.message ?? "";
      if (!(error instanceof RefreshError)) problems.push(`action ${f.action}: ${String(error)}`);
      else if (after === beforeWithEdit) {
        counts.kept++;
        if (!message.includes(`left as edited: ${sheet.name}!${edited}`)) problems.push(`action ${f.action}: kept the edit without saying so: ${message}`);
      } else if (after === p.before) {
        // The failed write had reached the cell: Excel returns nothing from a failed batch, so the edit cannot be told from the new data.
        counts.overwritten++;
        if (message.includes("left as edited")) problems.push(`action ${f.action}: claims to have kept an edit it put back: ${message}`);
      } else problems.push(`action ${f.action}: the workbook is neither as it was nor as it was with the edit: ${message}`);
    }
    sizes.push(`refresh with a user edit between read and write: ${counts.kept + counts.overwritten} faults in the write (${counts.kept} kept the edit, ${counts.overwritten} had already written over it)`);
    expect(counts.kept).toBeGreaterThan(0);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  test("when putting the edited block back fails, the message gives the value that was typed", async () => {
    const { op, sheet, edited, edit } = await setup();
    const clean = await runWith(op, [], edit);
    const putBackSync = clean.wb.syncs[3];
    expect(putBackSync).toBeDefined();
    const { error } = await runWith(op, [{ kind: "Range.formulas", fromSync: 4 }], edit);
    expect(error).toBeInstanceOf(RefreshError);
    expect((error as Error).message).toMatch(new RegExp(`cells were edited while it ran \\(.*!${edited} held "my own figure"\\), and putting those edits back failed\\. Putting the blocks back also failed .*Now these cells still hold the new data: ${sheet.name}!.*; the other blocks were refreshed\\. .*Type those values again if you want them\\.$`));
  });
});
