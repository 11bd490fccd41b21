/** Small context-level helpers against office-addin-mock, and the pure pieces of the adapter. */
import { OfficeMockObject } from "office-addin-mock";
import { activateSheet, readInsertions } from "../../src/workbook/office";
import { literal, shownText } from "../../src/workbook/office/common";
import { callsChokepoint, refersOutsideSheet, rewriteFormula, uniqueDefinedName, uniqueSheetName } from "../../src/workbook/office/naming";
import { emptyLog, logToXml, SETTINGS_KEY } from "../../src/workbook/office/record";
import { payloadBytes, rowChunks } from "../../src/workbook/office/requests";
import type { ExcelRunner } from "../../src/workbook/office";

// office-addin-mock only needs the host names from office-addin-manifest, whose own dependencies
// are ESM-only under this Jest; the names are the manifest package's OfficeApp values.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

function mockRunner(data: Record<string, unknown>): { run: ExcelRunner; context: OfficeMockObject } {
  const context = new OfficeMockObject(data);
  return { run: (batch) => batch(context as unknown as Excel.RequestContext), context };
}

describe("context helpers (office-addin-mock)", () => {
  test("activateSheet activates the named sheet and selects A1", async () => {
    const calls: string[] = [];
    const { run } = mockRunner({
      workbook: {
        worksheets: {
          getItemOrNullObject: (name: string) => ({
            isNullObject: false,
            name,
            load: () => undefined,
            activate: () => calls.push(`activate ${name}`),
            getRange: (a: string) => ({ select: () => calls.push(`select ${a}`) }),
          }),
        },
      },
    });
    await activateSheet(run, "Stage comparison (2)");
    expect(calls).toEqual(["activate Stage comparison (2)", "select A1"]);
  });

  test("readInsertions reads the log from settings", async () => {
    const log = { ...emptyLog(), insertions: [{ id: "x-1", title: "Mining", sheets: [] }] };
    const { run, context } = mockRunner({
      workbook: {
        settings: { getItemOrNullObject: (key: string) => ({ key, value: JSON.stringify(log), isNullObject: key !== SETTINGS_KEY, load() {} }) },
        customXmlParts: { getByNamespace: () => ({ items: [], load() {}, getOnlyItemOrNullObject: () => ({ getXml: () => ({ value: null }) }) }) },
        worksheets: { load() {} },
      },
    });
    // office-addin-mock turns arrays into mock objects; the collection's items are set as Excel fills them.
    (context as unknown as { workbook: { worksheets: { items: unknown[] } } }).workbook.worksheets.items = [];
    const read = await readInsertions(run);
    expect(read.insertions.map((r) => r.id)).toEqual(["x-1"]);
  });
});

describe("names never collide", () => {
  test("sheet names get (2), (3)… case-insensitively and stay within 31 characters", () => {
    expect(uniqueSheetName("Stage comparison", ["stage COMPARISON"])).toBe("Stage comparison (2)");
    expect(uniqueSheetName("Stage comparison", ["Stage comparison", "Stage comparison (2)"])).toBe("Stage comparison (3)");
    const long = "A very long sheet name that is too long";
    const u = uniqueSheetName(long, [long.slice(0, 31)]);
    expect(u.length).toBeLessThanOrEqual(31);
    expect(u.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("Trade: US/JP [2024]", [])).toBe("Trade  US JP  2024");
  });
  test("defined names get _2, _3…", () => {
    expect(uniqueDefinedName("Stage_CVI", ["stage_cvi"])).toBe("Stage_CVI_2");
    expect(uniqueDefinedName("Stage_CVI", ["Stage_CVI", "Stage_CVI_2"])).toBe("Stage_CVI_3");
  });
});

describe("formula rewriting after renames", () => {
  const renames = { sheets: new Map([["Sources", "Sources (2)"]]), names: new Map([["Mine_Prod", "Mine_Prod_2"]]) };
  test.each([
    ["=CHOKEPOINT.HHI(Mine_Prod)", "=CHOKEPOINT.HHI(Mine_Prod_2)"],
    ["=SUM(mine_prod)*2", "=SUM(Mine_Prod_2)*2"],
    ['=CHOKEPOINT.DATA("Mine_Prod", "CHN")', '=CHOKEPOINT.DATA("Mine_Prod", "CHN")'],
    ["=Mine_Production+Mine_Prod", "=Mine_Production+Mine_Prod_2"],
    ["=Sources!A1+'Sources'!B2", "='Sources (2)'!A1+'Sources (2)'!B2"],
    ["=Other!Mine_Prod", "=Other!Mine_Prod"],
    ["=1.5E+3+B4", "=1.5E+3+B4"],
    ["plain text Mine_Prod", "plain text Mine_Prod"],
  ])("%s → %s", (from, to) => {
    expect(rewriteFormula(from, renames)).toBe(to);
  });
  test("recognises CHOKEPOINT calls and references outside the sheet", () => {
    expect(callsChokepoint("=1+chokepoint.hhi(A1:A3)")).toBe(true);
    expect(callsChokepoint('="CHOKEPOINT.HHI(" & A1')).toBe(false);
    expect(refersOutsideSheet("=Sources!A1", [])).toBe(true);
    expect(refersOutsideSheet("=SUM(Mine_Prod)", ["mine_prod"])).toBe(true);
    expect(refersOutsideSheet("=SUM(A1:A4)*2", ["mine_prod"])).toBe(false);
  });
});

describe("cell text and request sizes", () => {
  test("text Excel would reinterpret keeps an apostrophe; other values pass through", () => {
    expect(literal("=not a formula")).toBe("'=not a formula");
    expect(literal("2024")).toBe("'2024");
    expect(literal("1,500")).toBe("'1,500");
    expect(literal("2024-05")).toBe("'2024-05");
    expect(literal("TRUE")).toBe("'TRUE");
    expect(literal("China")).toBe("China");
    expect(literal(2024)).toBe(2024);
    expect(literal(null)).toBe("");
    expect(shownText("'2024")).toBe("2024");
  });
  test("row chunks cover every row once, in order, each within the budget", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i, "x".repeat(i % 50)]);
    const chunks = rowChunks(rows, 4000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    chunks.forEach((c, i) => expect(c.offset).toBe(chunks.slice(0, i).reduce((n, x) => n + x.rows.length, 0)));
    for (const c of chunks) expect(payloadBytes(c.rows)).toBeLessThanOrEqual(4000);
  });
  test("the XML part escapes what it records", () => {
    const xml = logToXml({ ...emptyLog(), insertions: [{ id: "a", kind: "briefing", templateId: "t<&>", templateVersion: "1", title: 'say "hi"', options: {}, datasets: [], planFormatVersion: 1, insertedAt: "2026-01-01T00:00:00Z", sheets: [], names: [] }] });
    expect(xml).toContain('template="t&lt;&amp;&gt;"');
    expect(xml).not.toContain("t<&>");
  });
});
