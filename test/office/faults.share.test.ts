/**
 * Fault matrix of Prepare for sharing: a failure at every action of every sync (the reads
 * included), and double faults where removing the partial copies fails too.
 */
import { buildPlan } from "../../templates";
import { insertPlan, prepareForSharing, ShareError } from "../../src/workbook/office";
import { FakeWorkbook, runnerOf } from "./fakeExcel";
import { describeSyncs, describeUndoCounts, faultPerKind, probe, singleFaults, spreadFaults, undoDoubleFaults, type MatrixOperation } from "./faultMatrix";

const T0 = "2026-01-15T10:00:00.000Z";
const sizes: string[] = [];
afterAll(() => console.log(`fault matrix (share):\n${sizes.join("\n")}`));

async function shareOperation(): Promise<{ op: MatrixOperation }> {
  const base = new FakeWorkbook({ sheets: ["Notes", "My analysis", "Lookup"] });
  base.setCells("My analysis", "A1", [["=CHOKEPOINT.HHI(30,30,20,20)", "=A1*2", "=Notes!A1"]]);
  base.sheet("Lookup")!.visibility = "Hidden";
  const inserted = await insertPlan(runnerOf(base), buildPlan("stage-comparison", {}, T0), { now: () => new Date(T0) });
  base.activeSheet = base.sheet("My analysis");
  base.syncs = [];
  const chosen = [inserted.sheets[0].name, "My analysis"];
  const op: MatrixOperation = {
    label: `share ${chosen.join(" and ")}`,
    base,
    run: (wb) => prepareForSharing(runnerOf(wb), chosen),
    isOwnError: (e) => e instanceof ShareError,
    unchanged: /^Preparing for sharing failed: .*Injected failure.*\. The copies made so far were removed; your sheets are unchanged\.$/,
    unchangedBeforeWriting: /^Could not read the chosen sheets: .*Nothing was changed\.$/,
  };
  return { op };
}

describe("share: a failure at every action of every sync", () => {
  test("the workbook is as it was, or as a clean run leaves it after a retried read", async () => {
    const { op } = await shareOperation();
    const p = await probe(op);
    const { runs, problems } = await singleFaults(op, p);
    sizes.push(`${op.label}: ${runs} single faults (${describeSyncs(p.syncs)})`);
    expect(problems.slice(0, 5)).toEqual([]);
  });
});

describe("share: double faults (removing the copies fails too)", () => {
  test("what the message says is left is left, and no sheet is claimed that was not made", async () => {
    const { op } = await shareOperation();
    const p = await probe(op);
    const firsts = [...spreadFaults(p.syncs, 2), ...faultPerKind(p.syncs, 2)];
    const planned = [...op.base.sheets.map((s) => `${s.name} (shared)`), "Formulas (shared)", "Sources (shared)"];
    const counts = await undoDoubleFaults(op, p, firsts, { undoOf: (e) => (e as ShareError).undo, planned });
    sizes.push(`share, double faults: ${describeUndoCounts(counts, firsts.length)}`);
    expect(counts.exact).toBeGreaterThan(0);
    expect(counts.problems.slice(0, 5)).toEqual([]);
  });
});
