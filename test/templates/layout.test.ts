/**
 * Readable and printable plans: text widths measured against LibreOffice's rendering of Calibri's
 * metric twin (Carlito), number formats that fit the units, columns fitted to content and headers,
 * notes merged and wrapped, every input cell guarded, citations without file paths, and each
 * sheet's print setup; plus the paper a briefing defaults to.
 */
import { buildPlan, TEMPLATES } from "../../templates";
import { unitFormat } from "../../templates/kit";
import { catalogue } from "../../templates/data";
import { displayText, fitSheet, textWidth, wrappedLines } from "../../src/workbook/layout";
import { evaluatePlan, sheetValues } from "../../src/workbook/headless";
import { parseCell, parseRange } from "../../src/workbook/a1";
import { defaultPaper } from "../../src/cli/paper";
import type { SheetPlan } from "../../src/workbook/plan";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";

describe("text measures", () => {
  // LibreOffice 7.4 with Carlito, one column-width unit = 5.55 pt at 100%: the widths it drew
  test.each([
    ["0123456789012345678901234567890123456789", 223.46 / 5.55],
    ["CVI is recomputed from those cells with CHOKEPOINT.VULN.CVI and the parameters above", 405.93 / 5.55],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLM", 236.33 / 5.55],
    ["the quick brown fox jumps over the lazy dog again and again", 270.14 / 5.55],
  ])("%s is as wide as LibreOffice draws it, within 3%%", (text, measured) => {
    expect(Math.abs(textWidth(text) - measured) / measured).toBeLessThan(0.03);
  });

  test("wrapping counts lines by words", () => {
    expect(wrappedLines("short", 20)).toBe(1);
    expect(wrappedLines("word ".repeat(20).trim(), 20)).toBe(Math.ceil(textWidth("word ".repeat(20)) / 19));
    expect(wrappedLines("a".repeat(100), 20)).toBeGreaterThanOrEqual(5); // an unbroken word is split
  });

  test.each([
    [0.4821, "0.0%", "48.2%"],
    [0.5, "0%", "50%"],
    [0.51234, "0.000", "0.512"],
    [1234567, "#,##0", "1,234,567"],
    [48, '#,##0"%"', "48%"],
    [7, "#,##0", "7"],
    [12.5, "#,##0.###", "12.5"],
    [2024, undefined, "2024"],
  ])("%p under %p shows %p", (v, f, shown) => expect(displayText(v, f)).toBe(shown));
});

describe("number formats fit the units", () => {
  test.each([
    [48, "percent", "48%"],
    [7.7, "percent", "7.7%"],
    [7, "companies", "7"],
    [45455, "t REO", "45,455"],
    [3.767, "billion CNY", "3.767"],
    [65, "%", "65%"],
  ])("%p %s shows as %p", (v, unit, shown) => expect(displayText(v, unitFormat(v, unit))).toBe(shown));

  test("the Magnets sheet shows the paper's counts as integers and its percentages as %", () => {
    const plan = buildPlan("magnets", {}, GENERATED_AT);
    const { workbook } = evaluatePlan(plan);
    const sheet = plan.sheets[0];
    const values = sheetValues(workbook, sheet.key);
    const block = sheet.blocks.find((b) => b.id === "paper-figures")!;
    const { row, column } = parseCell(block.anchor);
    const shown = block.rows.slice(1).map((r, i) => {
      const at = `${String.fromCharCode(65 + column + 1)}${row + 2 + i}`;
      const format = [...(sheet.numberFormats ?? [])].reverse().find((f) => f.range === at)?.format;
      return `${r[0]}: ${displayText(values[row + 1 + i][column + 1], format)} ${r[2]}`;
    });
    expect(shown).toContain("of the top ten permanent magnet companies by sales: 7 companies");
    expect(shown).toContain("China's share of patents granted in permanent magnets overall: 48% share");
    expect(shown.join("\n")).not.toMatch(/\d\.0 (companies|firms)|percent/);
  });
});

function sheetWith(blocks: SheetPlan["blocks"], extra: Partial<SheetPlan> = {}): SheetPlan {
  return { key: "t", name: "T", blocks, styles: [], ...extra };
}

describe("column widths and row heights", () => {
  test("a column fits its widest figure and its header, which wraps rather than widening a column of numbers", () => {
    const sheet = sheetWith([{ id: "b", kind: "values", anchor: "A1", rows: [["Listed producers", "China share (CHOKEPOINT.SHARE)"], [123456, 0.9], [7, 0.5]] }], {
      styles: [{ range: "A1:B1", role: "header" }],
      numberFormats: [{ range: "A2:A3", format: "#,##0" }, { range: "B2:B3", format: "0.0%" }],
    });
    const fit = fitSheet(sheet, (r, c) => (sheet.blocks[0].rows[r]?.[c] ?? null) as never);
    const width = (col: string) => fit.columnWidths.find((w) => w.column === col)!.width;
    // no header is cut: each wraps onto a second line, no narrower than its longest word
    expect(width("A")).toBeLessThan(textWidth("Listed producers", { bold: true }));
    expect(width("A")).toBeGreaterThanOrEqual(textWidth("producers", { bold: true }));
    expect(width("A")).toBeGreaterThanOrEqual(textWidth("123,456"));
    expect(width("B")).toBeLessThan(textWidth("China share (CHOKEPOINT.SHARE)", { bold: true }));
    expect(width("B")).toBeGreaterThanOrEqual(textWidth("(CHOKEPOINT.SHARE)", { bold: true }));
    expect(fit.wrapped.sort()).toEqual(["A1", "B1"]);
    expect(fit.rowHeights).toEqual([{ row: 1, height: 30 }]);
  });

  test("text that can overflow into empty cells does not widen its column; text that cannot wraps", () => {
    const long = "a note that runs on for a good many words, longer than its column";
    const rows = [
      [long, null, null, null, null],
      [1, "a wide label", "a wide label", "a wide label", "a wide label"],
      [long, 6, 7, 8, 9],
    ];
    const sheet = sheetWith([{ id: "b", kind: "values", anchor: "A1", rows }]);
    const fit = fitSheet(sheet, (r, c) => (rows[r]?.[c] ?? null) as never);
    // row 1 overflows into the four empty cells beside it; row 3 has numbers beside it, so it wraps
    expect(fit.columnWidths.find((w) => w.column === "A")!.width).toBe(18);
    expect(fit.wrapped).toEqual(["A3"]);
    expect(fit.rowHeights.map((h) => h.row)).toEqual([3]);
  });

  test("the template's widths are minimums", () => {
    const sheet = sheetWith([{ id: "a", kind: "values", anchor: "A1", rows: [[1]] }], { columnWidths: [{ column: "A", width: 30 }] });
    expect(fitSheet(sheet, () => 1).columnWidths).toEqual([{ column: "A", width: 30 }]);
  });
});

const all = buildPlan("all", { year: 2024 }, GENERATED_AT);

describe.each(TEMPLATES.map((t) => t.id))("template %s", (id) => {
  const plan = buildPlan(id, {}, GENERATED_AT);

  test("every input cell carries a validation with a prompt and an error message within Excel's limits", () => {
    for (const sheet of [...plan.sheets, ...all.sheets]) {
      const guarded = (sheet.validations ?? []).map((v) => parseRange(v.range));
      for (const s of (sheet.styles ?? []).filter((x) => x.role === "input")) {
        const r = parseRange(s.range);
        const covered = guarded.some((g) => g.start.row <= r.start.row && g.end.row >= r.end.row && g.start.column <= r.start.column && g.end.column >= r.end.column);
        expect([sheet.name, s.range, covered]).toEqual([sheet.name, s.range, true]);
      }
      for (const v of sheet.validations ?? []) {
        expect(v.min).toBeLessThan(v.max);
        expect(v.prompt.title.length).toBeLessThanOrEqual(32);
        expect(v.error.title.length).toBeLessThanOrEqual(32);
        expect(v.prompt.message.length).toBeLessThanOrEqual(255);
        expect(v.error.message.length).toBeLessThanOrEqual(225);
        expect(v.error.message).toMatch(/\d/); // says what is allowed
      }
    }
  });

  test("prints one page wide, with the title rows on every page, an area covering every block, and notes merged inside it", () => {
    for (const sheet of plan.sheets) {
      const page = sheet.page!;
      expect(page.fitToWidth).toBe(1);
      expect(page.titleRows?.first).toBe(1);
      const area = parseRange(page.area);
      expect(area.start).toEqual({ row: 0, column: 0 });
      // every block in the printed columns is inside the printed rows (workings and filter columns sit beside)
      for (const b of sheet.blocks.filter((x) => parseCell(x.anchor).column <= area.end.column)) {
        expect([b.id, parseCell(b.anchor).row + b.rows.length - 1 <= area.end.row]).toEqual([b.id, true]);
      }
      for (const m of sheet.merges ?? []) {
        const r = parseRange(m);
        expect(r.end.column).toBeLessThanOrEqual(area.end.column);
        expect(r.start.row).toBe(r.end.row);
      }
      for (const w of sheet.columnWidths ?? []) expect(w.width).toBeGreaterThan(0);
    }
  });
});

describe("citations and print header", () => {
  test("no cell of any sheet names a file on the machine that built the data", () => {
    const { workbook } = evaluatePlan(all);
    for (const sheet of all.sheets) {
      for (const row of sheetValues(workbook, sheet.key)) for (const v of row) if (typeof v === "string") expect(v).not.toMatch(/\.\.\/|shared\/seed|\.txt\b/);
    }
  });

  test("the framework paper is cited as the 2022 working paper it is, by the live citation", () => {
    const card = catalogue().card("framework_paper");
    expect(card.citation).toMatch(/2022 working paper on US and Japanese supply-chain security in rare earths and permanent magnets/);
    expect(`${card.citation} ${card.url} ${card.publisher}`).not.toMatch(/\.\.\/|seed/);
    expect(card.url).toBe("");
    // every dataset's citation on the Sources sheet is the live CHOKEPOINT.SOURCE formula
    const sourcesSheet = all.sheets.find((s) => s.key === "sources")!;
    const formulas = sourcesSheet.blocks.flatMap((b) => b.rows.flat()).filter((v): v is string => typeof v === "string" && v.startsWith("=CHOKEPOINT.SOURCE("));
    expect(formulas.length).toBe(all.metadata.datasets.length);
  });

  test("header: the briefing title and the sheet; footer: the date, the source line and page N of M", () => {
    expect(all.print!.header.left).toContain(all.metadata.title);
    expect(all.print!.header.right).toContain("&A");
    expect(all.print!.footer.left).toContain("2026-01-01");
    expect(all.print!.footer.center).toMatch(/datasets, cited on the Sources sheet/);
    expect(all.print!.footer.right).toContain("Page &P of &N");
    expect(buildPlan("all", { paper: "letter" }, GENERATED_AT).print!.paper).toBe("letter");
    expect(all.print!.paper).toBeUndefined();
  });
});

describe("the default paper follows the locale", () => {
  test.each([
    [{ LANG: "en_US.UTF-8" }, "letter"],
    [{ LANG: "en_CA.UTF-8" }, "letter"],
    [{ LANG: "es_MX" }, "letter"],
    [{ LANG: "ja_JP.UTF-8" }, "a4"],
    [{ LANG: "en_GB.UTF-8" }, "a4"],
    [{ LANG: "de_DE.UTF-8", LC_PAPER: "en_US.UTF-8" }, "letter"],
    [{ LC_ALL: "fr_FR.UTF-8", LC_PAPER: "en_US.UTF-8" }, "a4"],
    [{ LANG: "C.UTF-8" }, "a4"],
    [{}, "a4"],
  ])("%j → %s", (env, paper) => expect(defaultPaper(env)).toBe(paper));
});
