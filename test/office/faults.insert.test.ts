/**
 * Fault matrix of insert: a failure at every action of every sync of inserting the whole briefing
 * ("all"), and double faults where the undo fails too. See faultMatrix.ts for what each run must
 * satisfy.
 */
import { buildPlan } from "../../templates";
import { insertPlan, InsertError } from "../../src/workbook/office";
import { FakeWorkbook, runnerOf } from "./fakeExcel";
import { describeSyncs, describeUndoCounts, faultPerKind, probe, singleFaults, spreadFaults, undoDoubleFaults, type MatrixOperation } from "./faultMatrix";

const FIXED_TIME = new Date("2026-01-15T10:00:00.000Z");

/**
 * The user's workbook: a prior insertion (so there is a log and an XML part to restore), a hidden
 * sheet, and an active sheet that is not the first.
 */
async function userWorkbook(): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook({ sheets: ["Notes", "My analysis", "Lookup"] });
  wb.setCells("My analysis", "A1", [["Analyst notes", 42], ["=B1*2", "keep me"]]);
  wb.sheet("Lookup")!.visibility = "Hidden";
  await insertPlan(runnerOf(wb), buildPlan("sources", {}, FIXED_TIME.toISOString()), { now: () => FIXED_TIME });
  wb.activeSheet = wb.sheet("My analysis");
  wb.syncs = [];
  return wb;
}

function insertOperation(base: FakeWorkbook, templateId: string): MatrixOperation {
  const plan = buildPlan(templateId, {}, FIXED_TIME.toISOString());
  return {
    label: `insert ${templateId}`,
    base,
    run: (wb) => insertPlan(runnerOf(wb), plan, { now: () => FIXED_TIME }),
    isOwnError: (e) => e instanceof InsertError,
    unchanged: /failed while .*: .*Injected failure.*\. The sheets and names created by this insert were removed; nothing else in your workbook was changed\.$/,
    unchangedBeforeWriting: /^Could not read the workbook before inserting .*Nothing was written\.$/,
  };
}

const sizes: string[] = [];
let randomSpy: jest.SpyInstance;
beforeAll(() => {
  // Insertion ids end in a random suffix: fixed, so that a retried run and a clean run compare equal.
  randomSpy = jest.spyOn(Math, "random").mockReturnValue(0.25);
});
afterAll(() => {
  randomSpy.mockRestore();
  console.log(`fault matrix (insert):\n${sizes.join("\n")}`);
});

describe("insert: a failure at every action of every sync", () => {
  test('"all": the workbook is as it was, or as a clean insert leaves it after a retried read', async () => {
    const op = insertOperation(await userWorkbook(), "all");
    const p = await probe(op);
    const { runs, problems } = await singleFaults(op, p);
    sizes.push(`insert all: ${runs} single faults (${describeSyncs(p.syncs)})`);
    expect(runs).toBeGreaterThan(900);
    expect(problems.slice(0, 5)).toEqual([]);
  });
});

describe("insert: double faults (the undo fails too)", () => {
  test.each([
    ["all", "the first, a middle and the last action of each writing sync", spreadFaults],
    ["mining", "the first action of each kind in each writing sync", faultPerKind],
  ] as const)("%s: what the message says is left is left, and nothing else; no sheet is claimed that was not made (first faults: %s)", async (templateId, _how, choose) => {
    const op = insertOperation(await userWorkbook(), templateId);
    const p = await probe(op);
    const firsts = choose(p.syncs, 2);
    const planned = buildPlan(templateId, {}, FIXED_TIME.toISOString()).sheets.map((s) => s.name);
    const counts = await undoDoubleFaults(op, p, firsts, { undoOf: (e) => (e as InsertError).undo, planned });
    sizes.push(`insert ${templateId}, double faults: ${describeUndoCounts(counts, firsts.length)}`);
    expect(counts.exact).toBeGreaterThan(0);
    expect(counts.unchecked).toBeGreaterThan(0);
    expect(counts.problems.slice(0, 5)).toEqual([]);
  });
});
