/** The plan adapters on small hand-made plans: what the headless engine reports and what the .xlsx keeps. */
import ExcelJS from "exceljs";
import { applyPlan, cellValue, cellsDependingOnChokepoint, nameValue, reportSheets, setNamedInput } from "../../src/workbook/headless";
import { chartPlaceholder, readPlanMetadata, renderXlsx } from "../../src/workbook/xlsx";
import type { WorkbookPlan } from "../../src/workbook/plan";

function plan(): WorkbookPlan {
  return {
    formatVersion: 1,
    metadata: { templateId: "test", templateVersion: "0", title: "Test", options: {}, datasets: [], generatedAt: "2026-01-01T00:00:00.000Z" },
    names: [
      { name: "Qty", sheet: "a", range: "B2:B4" },
      { name: "Scale", sheet: "a", range: "C1" },
    ],
    sheets: [
      {
        key: "a",
        name: "First sheet",
        charts: [{ id: "c", type: "line", title: "Quantities", dataRange: "A1:B4", seriesBy: "columns", position: { from: "H2", to: "M12" } }],
        blocks: [
          { id: "v", kind: "values", anchor: "A1", rows: [["label", "2024", 2], ["CHN", 60, null], ["USA", 30, null], ["JPN", 10, null]] },
          { id: "s", kind: "formulas", anchor: "D2", rows: [["=CHOKEPOINT.SHARES(Qty)"], [null], [null]], spill: { rows: 3, columns: 1 } },
          { id: "wrong", kind: "formulas", anchor: "F2", rows: [["=CHOKEPOINT.SHARES(Qty)"], [null]], spill: { rows: 2, columns: 1 } },
          { id: "f", kind: "formulas", anchor: "E2", rows: [["=SUM(Qty)*Scale"], ["=D2*2"], ['=CHOKEPOINT.HHI({1,"a"})']] },
        ],
      },
      { key: "b", name: "Other", blocks: [{ id: "x", kind: "formulas", anchor: "A1", rows: [["=Scale*3"]] }] },
    ],
  };
}

describe("headless engine", () => {
  test("evaluates names across sheets, keeps text as text, and reports errors with their formula and message", () => {
    const wb = applyPlan(plan());
    expect(cellValue(wb, "a", "B1")).toBe("2024"); // text that looks like a number stays text
    expect(cellValue(wb, "a", "E2")).toBe(200);
    expect(cellValue(wb, "b", "A1")).toBe(6);
    const [first, other] = reportSheets(wb);
    expect(first.errors).toEqual([
      { address: "E4", error: "#VALUE!", message: 'CHOKEPOINT.HHI: values: item 2 is text "a"; expected a number', formula: '=CHOKEPOINT.HHI({1,"a"})' },
    ]);
    expect(first.formulas).toBe(5);
    expect(other).toMatchObject({ cells: 1, formulas: 1, errors: [] });
  });

  test("flags a spill whose size differs from the plan", () => {
    const [first] = reportSheets(applyPlan(plan()));
    expect(first.spillMismatches).toEqual([{ address: "F2", planned: "F2:F3", actual: "F2:F4" }]);
  });

  test("a changed input recalculates its dependents", () => {
    const wb = applyPlan(plan());
    setNamedInput(wb, "Scale", 3);
    expect(nameValue(wb, "Scale")).toBe(3);
    expect(cellValue(wb, "b", "A1")).toBe(9);
  });

  test("finds every cell that depends on a CHOKEPOINT function, spills and names included", () => {
    const tainted = cellsDependingOnChokepoint(applyPlan(plan()));
    expect([...tainted].sort()).toEqual(["a!D2", "a!D3", "a!D4", "a!E3", "a!E4", "a!F2", "a!F3", "a!F4"].sort());
  });
});

describe(".xlsx rendering", () => {
  test("writes formulas with cached results, spills as array formulas, names, chart placeholders and metadata", async () => {
    const p = plan();
    const { buffer } = await renderXlsx(p);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const ws = wb.getWorksheet("First sheet")!;
    expect(ws.getCell("E2").value).toMatchObject({ formula: "SUM(Qty)*Scale", result: 200 });
    expect(ws.getCell("D2").value).toMatchObject({ formula: "CHOKEPOINT.SHARES(Qty)", shareType: "array", ref: "D2:D4", result: 0.6 });
    expect(ws.getCell("D4").value).toBeCloseTo(0.1, 12);
    expect(ws.getCell("E4").value).toMatchObject({ result: { error: "#VALUE!" } });
    expect(ws.getCell("H2").value).toBe(chartPlaceholder(p.sheets[0].charts![0]));
    expect(wb.definedNames.getRanges("Qty").ranges).toEqual(["'First sheet'!$B$2:$B$4"]);
    const meta = await readPlanMetadata(buffer);
    expect(meta).toMatchObject({ templateId: "test", charts: [{ id: "c", sheet: "a", sheetName: "First sheet" }] });
  });
});
