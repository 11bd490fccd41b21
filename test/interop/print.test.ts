/**
 * The briefing as a reader nobody here wrote prints and reads it. openpyxl: print titles, print
 * areas, one page wide, paper, header and footer, data validation on every input cell, merged
 * notes, named fonts. LibreOffice, converted to PDF and read with pdftotext (poppler): every page
 * carries the title, the date, the plan's model version and "Page N of M"; the Summary is one page;
 * each sheet's widest table fits one page wide; every chart is drawn whole on one page; no two words
 * overlap anywhere (a cut header, wrapped text spilling over its neighbour, or a chart over cells
 * does); and no page is shrunk below half size.
 */
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { buildPlan } from "../../templates";
import { renderXlsx } from "../../src/workbook/xlsx";
import { applyPlan, sheetValues } from "../../src/workbook/headless";
import { parseCell, parseRange } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { findOpenpyxlPython, findSoffice } from "./programs";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-print-"));
const file = path.join(dir, "briefing.xlsx");
let plan: WorkbookPlan;

beforeAll(async () => {
  plan = buildPlan("all", { paper: "a4" }, GENERATED_AT);
  fs.writeFileSync(file, (await renderXlsx(plan)).buffer);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function skip(reason: string): void {
  console.log(`skipped: ${reason}`);
}

interface SheetRead {
  title: string;
  printTitleRows: string | null;
  printArea: string | null;
  orientation: string;
  paperSize: number | null;
  fitToWidth: number;
  fitToHeight: number;
  fitToPage: boolean;
  header: { left: string | null; right: string | null };
  footer: { left: string | null; center: string | null; right: string | null };
  validations: Array<{ sqref: string; type: string; operator: string | null; formula1: string; formula2: string; promptTitle: string; prompt: string; errorTitle: string; error: string; showInputMessage: boolean; showErrorMessage: boolean; errorStyle: string | null }>;
  merges: string[];
  unnamedFonts: string[];
  formats: Record<string, string>;
}

test("openpyxl reads print titles, print areas, one page wide, A4, header and footer, validations, merges and named fonts", () => {
  const python = findOpenpyxlPython();
  if (!python) return skip("openpyxl not importable by /usr/bin/python3; install Debian's python3-openpyxl");
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    ps = ws.page_setup
    fonts = [c.coordinate for row in ws.iter_rows() for c in row if c.has_style and c.font is not None and not c.font.name]
    out.append({
        "title": ws.title, "printTitleRows": ws.print_title_rows, "printArea": ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area,
        "orientation": ps.orientation, "paperSize": ps.paperSize, "fitToWidth": ps.fitToWidth, "fitToHeight": ps.fitToHeight,
        "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "header": {"left": ws.oddHeader.left.text, "right": ws.oddHeader.right.text},
        "footer": {"left": ws.oddFooter.left.text, "center": ws.oddFooter.center.text, "right": ws.oddFooter.right.text},
        "validations": [{"sqref": str(d.sqref), "type": d.type, "operator": d.operator, "formula1": d.formula1, "formula2": d.formula2,
            "promptTitle": d.promptTitle, "prompt": d.prompt, "errorTitle": d.errorTitle, "error": d.error,
            "showInputMessage": bool(d.showInputMessage), "showErrorMessage": bool(d.showErrorMessage), "errorStyle": d.errorStyle} for d in ws.data_validations.dataValidation],
        "merges": sorted(str(m) for m in ws.merged_cells.ranges),
        "unnamedFonts": fonts[:5],
        "formats": {c.coordinate: c.number_format for row in ws.iter_rows() for c in row if c.number_format != "General"},
    })
print(json.dumps(out))
`;
  const read = JSON.parse(execFileSync(python, ["-c", script, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as SheetRead[];
  expect(read.map((s) => s.title)).toEqual(plan.sheets.map((s) => s.name));
  let validations = 0;
  plan.sheets.forEach((sheet, i) => {
    const got = read[i];
    const page = sheet.page!;
    // absolute both ways (a relative row would move with the active cell); the sheet prefix varies by openpyxl version
    expect(got.printArea!.replace(/^.*!/, "")).toBe(page.area.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2"));
    expect(got.printTitleRows).toBe(`$${page.titleRows!.first}:$${page.titleRows!.last}`);
    expect([got.orientation, got.paperSize, got.fitToWidth, got.fitToHeight, got.fitToPage]).toEqual([page.orientation, 9, 1, page.fitToHeight, true]);
    expect(got.header.left).toContain(plan.metadata.title);
    expect(got.header.right).toContain("&A");
    expect(got.footer.left).toContain("Generated 2026-01-01");
    expect(got.footer.center).toMatch(/cited on the Sources sheet/);
    expect(got.footer.center).toContain(`model v${plan.metadata.modelVersion};`);
    expect(got.footer.right).toContain("Page &P of &N");
    expect(got.merges).toEqual([...(sheet.merges ?? [])].sort());
    expect(got.unnamedFonts).toEqual([]);
    for (const v of sheet.validations ?? []) {
      validations++;
      const d = got.validations.find((x) => x.sqref === v.range.replace(/^([A-Z]+\d+):\1$/, "$1"))!;
      expect(d).toBeDefined();
      expect([d.type, d.operator ?? "between", Number(d.formula1), Number(d.formula2)]).toEqual([v.type, "between", v.min, v.max]);
      expect([d.promptTitle, d.prompt, d.errorTitle, d.error]).toEqual([v.prompt.title, v.prompt.message, v.error.title, v.error.message]);
      expect([d.showInputMessage, d.showErrorMessage, d.errorStyle ?? "stop"]).toEqual([true, true, "stop"]);
    }
  });
  expect(validations).toBeGreaterThanOrEqual(2 + 8 + 4);
  // number formats that fit the units, as stored: the Summary's CVIs, the paper's counts and shares
  const summary = read[0].formats;
  const cvi = plan.sheets[0].blocks.find((b) => b.id === "cvi")!;
  expect(summary[`C${parseCell(cvi.anchor).row + 2}`]).toBe("0.00");
  const magnets = read.find((s) => s.title === "Magnets and technology")!.formats;
  const paper = plan.sheets.find((s) => s.key === "magnets")!.blocks.find((b) => b.id === "paper-figures")!;
  const top = parseCell(paper.anchor).row + 1;
  const formatOf = (unit: string) => paper.rows.slice(1).map((r, i) => (r[2] === unit ? magnets[`B${top + 1 + i}`] : null)).filter(Boolean);
  expect(new Set(formatOf("companies"))).toEqual(new Set(["#,##0"]));
  expect(formatOf("share").every((f) => /^#,##0(\.0+)?"%"$/.test(f!))).toBe(true);
});

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** Words of each page of a PDF, with their boxes (pdftotext -bbox). */
function pdfWords(pdf: string): Word[][] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 128 * 1024 * 1024 });
  const unescape = (s: string) => s.replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return html
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: unescape(m[5]) })),
    );
}

test("LibreOffice prints every sheet one page wide with header and footer, the Summary on one page, nothing overlapping, nothing shrunk below half size", () => {
  const soffice = findSoffice();
  if (!soffice) return skip("LibreOffice (soffice) not found; install Debian's libreoffice-calc");
  if (spawnSync("pdftotext", ["-v"]).error) return skip("pdftotext not found; install Debian's poppler-utils");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-lo-"));
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, file], { stdio: "ignore", timeout: 180_000 });
  const pages = pdfWords(path.join(dir, "briefing.pdf"));
  const text = (p: Word[]) => p.map((w) => w.text).join(" ");
  // header and footer on every page; the sheet name in the header tells the pages apart
  pages.forEach((p, i) => {
    const t = text(p);
    expect(t).toContain("Chokepoint briefing: US, Japan and China");
    expect(t).toContain("Generated 2026-01-01");
    expect(t).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(t).toContain(`Chokepoint model v${plan.metadata.modelVersion}`);
  });
  // the sheet's name is the header's right-hand part
  const sheetOf = (p: Word[]) => plan.sheets.map((s) => s.name).find((name) => text(p.filter((w) => w.y1 < 40).sort((a, b) => a.x0 - b.x0)).endsWith(name))!;
  const bySheet = new Map<string, Word[][]>();
  for (const p of pages) bySheet.set(sheetOf(p), [...(bySheet.get(sheetOf(p)) ?? []), p]);
  expect([...bySheet.keys()]).toEqual(plan.sheets.map((s) => s.name));
  expect(bySheet.get("Summary")!.length).toBe(1);
  expect(text(pages[0])).toMatch(/is most exposed at the \w+ stage \(CVI 0\.\d+\)/);

  // one page wide: the first and last header of each sheet's widest printed table share its first page
  for (const sheet of plan.sheets) {
    const printed = parseRange(sheet.page!.area).end.column;
    const headers = sheet.blocks
      .filter((b) => (sheet.styles ?? []).some((s) => s.role === "header" && s.range.startsWith(b.anchor)) && parseCell(b.anchor).column + b.rows[0].length - 1 <= printed)
      .sort((x, y) => y.rows[0].length - x.rows[0].length)[0];
    if (!headers) continue;
    const labels = headers.rows[0].filter((v): v is string => typeof v === "string" && v.length > 0);
    const ends = [labels[0], labels[labels.length - 1]].map((l) => l.split(/\s+/).pop()!);
    const together = bySheet.get(sheet.name)!.some((p) => ends.every((e) => p.some((w) => w.text === e)));
    expect([sheet.name, ends, together]).toEqual([sheet.name, ends, true]);
  }

  // Widths are Calibri's: where LibreOffice has no metric twin (Debian's fonts-crosextra-carlito) it
  // draws a wider face, and the checks below would measure that font, not the briefing
  const calibri = spawnSync("fc-match", ["Calibri"], { encoding: "utf8" });
  if (calibri.error || !/Carlito|Calibri/i.test(calibri.stdout)) return skip("no Calibri or Carlito font (fc-match Calibri); install Debian's fonts-crosextra-carlito for the overlap and size checks");

  // every chart is drawn whole on one page: its title once more than the sheet's cells hold it, the
  // last of them on a page that also shows its axis title below it
  const evaluated = applyPlan(plan);
  for (const sheet of plan.sheets) {
    const cells = sheetValues(evaluated, sheet.key).flat().filter((v): v is string => typeof v === "string").join("\n").replace(/\s+/g, " ");
    for (const chart of sheet.charts ?? []) {
      const first = chart.title.split(" ").slice(0, 5);
      const at = bySheet.get(sheet.name)!.flatMap((p) =>
        p.flatMap((w, k) => (first.every((f, j) => p[k + j]?.text === f) ? [{ page: p, y: w.y0 }] : [])),
      );
      expect([chart.id, at.length]).toEqual([chart.id, cells.split(first.join(" ")).length]);
      if (chart.xAxisTitle) {
        const axis = chart.xAxisTitle.split(" ")[0];
        expect([chart.id, at.some((t) => t.page.some((w) => w.text === axis && w.y0 > t.y + 100))]).toEqual([chart.id, true]);
      }
    }
  }

  // no two words overlap (a cut header, wrapped text running into the next row, or a chart over cells)
  const overlaps: string[] = [];
  pages.forEach((p, i) => {
    const words = p;
    for (let a = 0; a < words.length; a++) {
      for (let b = a + 1; b < words.length; b++) {
        const [u, v] = [words[a], words[b]];
        const ox = Math.min(u.x1, v.x1) - Math.max(u.x0, v.x0);
        const oy = Math.min(u.y1, v.y1) - Math.max(u.y0, v.y0);
        if (ox > 0.5 && oy > 0.5 * Math.min(u.y1 - u.y0, v.y1 - v.y0)) overlaps.push(`page ${i + 1}: "${u.text}" / "${v.text}"`);
      }
    }
  });
  expect(overlaps).toEqual([]);

  // legible: 11-point text drawn at 100% has boxes 14.3 pt tall; no page's typical word below half that
  for (const [name, sheetPages] of bySheet) {
    for (const p of sheetPages) {
      const heights = p.filter((w) => w.y1 > 40).map((w) => w.y1 - w.y0).sort((x, y) => x - y);
      expect([name, heights[Math.floor(heights.length / 2)] >= 7.15]).toEqual([name, true]);
    }
  }
});
