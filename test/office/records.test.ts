/** The insertion log survives losing one of its two copies (settings or the custom XML part). */
import { buildPlan } from "../../templates";
import { activateSheet, insertPlan, prepareForSharing, readInsertions, refreshInsertion } from "../../src/workbook/office";
import { logFromXml, parseLog, SETTINGS_KEY } from "../../src/workbook/office/record";
import { uniqueSuffixedSheetName } from "../../src/workbook/office/naming";
import { syncFirstReads } from "../../src/workbook/office/common";
import { FakeWorkbook, runnerOf } from "./fakeExcel";

const T0 = "2026-01-15T10:00:00.000Z";

describe("insertion log recovery", () => {
  test("settings cleared, XML part kept: the next insert keeps the earlier record, and refresh still finds it", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const first = await insertPlan(runnerOf(wb), buildPlan("mining", {}, T0), { now: () => new Date(T0) });
    expect(wb.xmlParts.length).toBe(1);
    wb.settings.clear(); // e.g. a tool that rewrote the file dropped the add-in's settings

    wb.syncs = [];
    const second = await insertPlan(runnerOf(wb), buildPlan("stage-comparison", {}, T0), { now: () => new Date("2026-01-16T00:00:00Z") });
    expect(wb.syncCount).toBe(3);
    const fromXml = logFromXml(wb.xmlParts[0].xml).insertions.map((r) => r.id);
    const fromSettings = parseLog(wb.settings.get(SETTINGS_KEY)).insertions.map((r) => r.id);
    expect(fromXml).toEqual([first.insertionId, second.insertionId]);
    expect(fromSettings).toEqual([first.insertionId, second.insertionId]);

    wb.settings.clear();
    wb.syncs = [];
    const report = await refreshInsertion(runnerOf(wb), first.insertionId, buildPlan("mining", {}, T0));
    expect(wb.syncCount).toBe(3);
    expect(report.missingSheets).toEqual([]);
    expect(report.blocks.length).toBeGreaterThan(0);
    expect(report.blocks.every((b) => b.status === "unchanged")).toBe(true);
  });

  test("XML part lost, settings kept: the log comes from settings and the part is written again", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const first = await insertPlan(runnerOf(wb), buildPlan("mining", {}, T0));
    wb.xmlParts = [];
    const second = await insertPlan(runnerOf(wb), buildPlan("stage-comparison", {}, T0));
    expect(logFromXml(wb.xmlParts[0].xml).insertions.map((r) => r.id)).toEqual([first.insertionId, second.insertionId]);
  });

  test("a failed insert after settings were lost puts back exactly what was there (no settings, the same XML)", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    await insertPlan(runnerOf(wb), buildPlan("mining", {}, T0));
    wb.settings.clear();
    const before = JSON.stringify(wb.snapshot());
    wb.syncs = [];
    wb.failures = [{ sync: 3, kind: "CustomXmlPart.setXml" }];
    await expect(insertPlan(runnerOf(wb), buildPlan("stage-comparison", {}, T0))).rejects.toThrow(/were removed/);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });
});

describe("a host where getXml() on a null object fails the batch", () => {
  // Office's documentation leaves this open; the first read batch is then retried without the XML text.
  test("the first insert into a fresh workbook succeeds in one more sync, and writes both copies", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    wb.nullObjectMethodsThrow = true;
    const first = await insertPlan(runnerOf(wb), buildPlan("mining", {}, T0));
    expect(wb.syncCount).toBe(4);
    expect(logFromXml(wb.xmlParts[0].xml).insertions.map((r) => r.id)).toEqual([first.insertionId]);
    expect((await readInsertions(runnerOf(wb))).insertions.map((r) => r.id)).toEqual([first.insertionId]);
  });
  test("once the part exists, reads take one sync again and still recover a lost settings copy", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    wb.nullObjectMethodsThrow = true;
    const first = await insertPlan(runnerOf(wb), buildPlan("mining", {}, T0));
    wb.settings.clear();
    wb.syncs = [];
    const second = await insertPlan(runnerOf(wb), buildPlan("stage-comparison", {}, T0), { now: () => new Date("2026-01-16T00:00:00Z") });
    expect(wb.syncCount).toBe(3);
    expect(logFromXml(wb.xmlParts[0].xml).insertions.map((r) => r.id)).toEqual([first.insertionId, second.insertionId]);
  });
});

describe("renamed sheets", () => {
  test("Prepare for sharing finds the datasets of a renamed sheet by its worksheet id; the log lists the live name", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const plan = buildPlan("stage-comparison", {}, T0);
    const inserted = await insertPlan(runnerOf(wb), plan);
    wb.sheet(inserted.sheets[0].name)!.name = "Renamed by me";
    // No dataset ids are passed in: the sources must come from the insertion record alone.
    const result = await prepareForSharing(runnerOf(wb), ["Renamed by me"]);
    const expected = [...new Set(plan.metadata.datasets.map((d) => d.id))].sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(result.datasetIds).toEqual(expected);
    const listed = [...wb.sheet(result.sourcesSheet)!.cells.values()].map((c) => c.value);
    for (const id of expected) expect(listed).toContain(id);

    const log = await readInsertions(runnerOf(wb));
    expect(log.insertions[0].sheets.map((s) => s.name)).toEqual(["Renamed by me", ...inserted.sheets.slice(1).map((s) => s.name)]);
  });

  test("an old record without worksheet ids still matches by the recorded name", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const plan = buildPlan("stage-comparison", {}, T0);
    const inserted = await insertPlan(runnerOf(wb), plan);
    const log = parseLog(wb.settings.get(SETTINGS_KEY));
    for (const s of log.insertions[0].sheets) delete s.worksheetId;
    wb.settings.set(SETTINGS_KEY, JSON.stringify(log));
    wb.xmlParts = [];
    const result = await prepareForSharing(runnerOf(wb), [inserted.sheets[0].name]);
    expect(result.datasetIds).toEqual([...new Set(plan.metadata.datasets.map((d) => d.id))].sort());
  });
});

describe("shared copies of long sheet names", () => {
  test("a 31-character name keeps the (shared) suffix, shortened base, and stays unique", async () => {
    const long = "Critical minerals stage compari"; // 31 characters, the most Excel allows
    expect(long.length).toBe(31);
    const wb = new FakeWorkbook({ sheets: [long] });
    wb.setCells(long, "A1", [["=CHOKEPOINT.HHI(50,50)"]]);
    const first = await prepareForSharing(runnerOf(wb), [long]);
    expect(first.copies[0].copy).toBe("Critical minerals stag (shared)");
    const second = await prepareForSharing(runnerOf(wb), [long]);
    expect(second.copies[0].copy).toBe("Critical minerals (2) (shared)");
    for (const name of [first.copies[0].copy, second.copies[0].copy]) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(wb.sheet(name)).toBeDefined();
    }
  });

  test("uniqueSuffixedSheetName on short names", () => {
    expect(uniqueSuffixedSheetName("Mining", "(shared)", [])).toBe("Mining (shared)");
    expect(uniqueSuffixedSheetName("Mining", "(shared)", ["mining (SHARED)"])).toBe("Mining (2) (shared)");
  });
});

describe("rollback removes only what the run made", () => {
  test("a sheet and a name the user adds while an insert runs survive that insert's rollback", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    wb.beforeSync = (index) => {
      if (index !== 2) return;
      const mine = wb.addSheet("My notes");
      wb.names.push({ name: "MyTarget", sheet: mine, range: "A1" });
    };
    wb.failures = [{ sync: 3 }];
    await expect(insertPlan(runnerOf(wb), buildPlan("mining", {}, T0))).rejects.toThrow(/were removed; nothing else in your workbook was changed/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "My notes"]);
    expect(wb.names.map((n) => n.name)).toEqual(["MyTarget"]);
  });
});

describe("XML parts that could not be read are never overwritten", () => {
  test("two parts on a host failing getXml() on the null object: the insert keeps both parts as they were", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1"] });
    const first = await insertPlan(runnerOf(wb), buildPlan("mining", {}, T0));
    // A second, older copy of the record part (e.g. from merging two files): getOnlyItemOrNullObject is then null.
    wb.xmlParts.push({ id: "{xml-copy}", xml: wb.xmlParts[0].xml });
    const parts = JSON.stringify(wb.xmlParts);
    wb.nullObjectMethodsThrow = true;
    wb.settings.clear();
    const second = await insertPlan(runnerOf(wb), buildPlan("stage-comparison", {}, T0), { now: () => new Date("2026-01-16T00:00:00Z") });
    expect(JSON.stringify(wb.xmlParts)).toBe(parts);
    expect(logFromXml(wb.xmlParts[0].xml).insertions.map((r) => r.id)).toEqual([first.insertionId]);
    expect(parseLog(wb.settings.get(SETTINGS_KEY)).insertions.map((r) => r.id)).toEqual([second.insertionId]);
  });
});

describe("syncFirstReads", () => {
  test("retries without the XML text once, but not after a payload-size refusal (the retry would fail the same way)", async () => {
    const calls: boolean[] = [];
    let syncs = 0;
    const failing = (code: string) => ({ sync: async () => { syncs++; if (syncs === 1) throw Object.assign(new Error(code), { code }); } }) as unknown as Excel.RequestContext;
    await expect(syncFirstReads(failing("GeneralException"), (withXml) => calls.push(withXml))).resolves.toBe(2);
    expect(calls).toEqual([true, false]);
    calls.length = 0;
    syncs = 0;
    await expect(syncFirstReads(failing("ResponsePayloadSizeLimitExceeded"), (withXml) => calls.push(withXml))).rejects.toThrow("ResponsePayloadSizeLimitExceeded");
    expect(calls).toEqual([true]);
  });
});

describe("Go to a sheet", () => {
  test("a renamed or deleted sheet is an error saying so, not a silent no-op", async () => {
    const wb = new FakeWorkbook({ sheets: ["Sheet1", "Mining"] });
    await activateSheet(runnerOf(wb), "Mining");
    expect(wb.activeSheet?.name).toBe("Mining");
    await expect(activateSheet(runnerOf(wb), "Mining (old)")).rejects.toThrow('There is no sheet named "Mining (old)" any more: it was renamed or deleted.');
  });
});
