/** The plan adapters on small hand-made plans: what the headless engine reports and what the .xlsx keeps. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { applyPlan, cellValue, cellsDependingOnChokepoint, nameValue, reportSheets, setNamedInput } from "../../src/workbook/headless";
import { readPlanMetadata, renderXlsx } from "../../src/workbook/xlsx";
import { insertIntoWorksheet } from "../../src/workbook/xlsx/package";
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
  test("writes formulas in Excel's storage form with cached results, each spill cell as INDEX, names and metadata", async () => {
    const p = plan();
    const { buffer } = await renderXlsx(p);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const ws = wb.getWorksheet("First sheet")!;
    expect(ws.getCell("E2").value).toMatchObject({ formula: "SUM(Qty)*Scale", result: 200 });
    expect(ws.getCell("D2").value).toMatchObject({ formula: "INDEX(_xldudf_CHOKEPOINT_SHARES(Qty),1,1)", result: 0.6 });
    expect(ws.getCell("D4").value).toMatchObject({ formula: "INDEX(_xldudf_CHOKEPOINT_SHARES(Qty),3,1)" });
    expect((ws.getCell("D4").value as { result: number }).result).toBeCloseTo(0.1, 12);
    expect(ws.getCell("D2").value).not.toHaveProperty("shareType"); // a plain formula, not an array formula
    expect(ws.getCell("E4").value).toMatchObject({ formula: '_xldudf_CHOKEPOINT_HHI({1,"a"})', result: { error: "#VALUE!" } });
    expect(ws.getCell("H2").value).toBeNull(); // no placeholder where the chart sits
    expect(wb.definedNames.getRanges("Qty").ranges).toEqual(["'First sheet'!$B$2:$B$4"]);
    const meta = await readPlanMetadata(buffer);
    expect(meta).toMatchObject({ templateId: "test", charts: [{ id: "c", sheet: "a", sheetName: "First sheet" }] });
  });

  test("anchors a native chart where the plan puts it, with series referring to the sheet's cells", async () => {
    const { buffer, charts } = await renderXlsx(plan());
    expect(charts).toBe(1);
    const zip = await JSZip.loadAsync(buffer);
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)![1];
    const sheetRels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    expect(sheetRels).toMatch(new RegExp(`Id="${drawingId}" Type="[^"]+/drawing" Target="../drawings/drawing1.xml"`));
    const drawing = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    // H2 is column 7, row 1 (0-based); the anchor ends after M12: column 13, row 12
    expect(drawing).toContain("<xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>");
    expect(drawing).toContain("<xdr:to><xdr:col>13</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>12</xdr:row>");
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain("<a:t>Quantities</a:t>");
    // the data range A1:B4 has one series, column B, named by its header "2024" (text, as typed)
    expect(chart.match(/<c:ser>/g)).toHaveLength(1);
    expect(chart).toContain("<c:tx><c:strRef><c:f>'First sheet'!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>2024</c:v>");
    expect(chart).toContain("<c:cat><c:strRef><c:f>'First sheet'!$A$2:$A$4</c:f>");
    expect(chart).toContain('<c:val><c:numRef><c:f>\'First sheet\'!$B$2:$B$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>60</c:v></c:pt>');
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
  });

  test("a values-only rendering keeps results and non-CHOKEPOINT formulas, and names no add-in", async () => {
    const p = plan();
    const { buffer } = await renderXlsx(p, undefined, { valuesOnly: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const ws = wb.getWorksheet("First sheet")!;
    expect(ws.getCell("D2").value).toBe(0.6);
    expect(ws.getCell("E4").value).toEqual({ error: "#VALUE!" });
    expect(ws.getCell("E2").value).toMatchObject({ formula: "SUM(Qty)*Scale", result: 200 });
    const zip = await JSZip.loadAsync(buffer);
    expect(zip.file("xl/webextensions/webextension1.xml")).toBeNull();
    expect(zip.file("xl/charts/chart1.xml")).not.toBeNull();
    expect(await readPlanMetadata(buffer)).toMatchObject({ templateId: "test" });
  });

  test("a part added to a worksheet goes where the schema's sequence puts it, among the root's own children", () => {
    const sheet = '<worksheet><sheetData/><conditionalFormatting><cfRule><extLst><ext/></extLst></cfRule></conditionalFormatting><pageSetup/><tableParts count="0"/><extLst/></worksheet>';
    expect(insertIntoWorksheet(sheet, "<drawing/>", ["legacyDrawing", "tableParts", "extLst"])).toBe(
      '<worksheet><sheetData/><conditionalFormatting><cfRule><extLst><ext/></extLst></cfRule></conditionalFormatting><pageSetup/><drawing/><tableParts count="0"/><extLst/></worksheet>',
    );
    expect(insertIntoWorksheet("<worksheet><sheetData/><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting></worksheet>", "<drawing/>", ["extLst"])).toBe(
      "<worksheet><sheetData/><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting><drawing/></worksheet>",
    );
  });
});
