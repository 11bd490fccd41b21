/** The insertion log survives losing one of its two copies (settings or the custom XML part). */
import { buildPlan } from "../../templates";
import { insertPlan, refreshInsertion } from "../../src/workbook/office";
import { logFromXml, parseLog, SETTINGS_KEY } from "../../src/workbook/office/record";
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
