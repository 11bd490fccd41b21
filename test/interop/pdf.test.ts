/**
 * The briefing as a colleague without the add-in sees it: LibreOffice (headless, a fresh profile
 * with its default settings) converts the .xlsx to PDF, and poppler-utils read the PDF back.
 *
 * What this proves: the PDF's text (pdftotext) holds no #NAME? and prints the cached CVI results;
 * every chart's title is in the text once more than the cells hold it, so LibreOffice drew each
 * chart; and the
 * rendered pages (pdftoppm) hold far more coloured ink with the charts than the same workbook
 * without them, page by page for the every-chart-type plan. What it cannot prove: that the chart
 * looks right to a reader (look at the pictures: npm run render:picture), or anything about Excel.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { buildPlan } from "../../templates";
import { applyPlan, nameValues, sheetValues } from "../../src/workbook/headless";
import { renderXlsx } from "../../src/workbook/xlsx";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { CHART_TITLES, everyChartTypePlan } from "./chartPlan";
import { findProgram, findSoffice, sofficeConvert } from "./programs";

const soffice = findSoffice();
const poppler = findProgram("pdftotext") && findProgram("pdftoppm");
const absent = !soffice ? "LibreOffice (soffice) not found; install Debian's libreoffice-calc" : !poppler ? "pdftotext/pdftoppm not found; install Debian's poppler-utils" : null;
if (absent) console.log(`skipped: LibreOffice PDF checks: ${absent}`);
const maybe = absent ? test.skip : test;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-pdf-"));
/** A fresh LibreOffice profile: default settings, as on a colleague's machine. */
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-lo-default-"));
const outputs: string[] = [];
afterAll(() => {
  for (const d of [dir, profile, ...outputs]) fs.rmSync(d, { recursive: true, force: true });
});

function withoutCharts(plan: WorkbookPlan): WorkbookPlan {
  return { ...plan, sheets: plan.sheets.map((s) => ({ ...s, charts: [] })) };
}

async function toPdf(name: string, plan: WorkbookPlan): Promise<string> {
  const xlsx = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(xlsx, (await renderXlsx(plan, applyPlan(plan))).buffer);
  const out = sofficeConvert(soffice!, xlsx, "pdf", profile);
  outputs.push(out);
  const pdf = path.join(out, `${name}.pdf`);
  expect(fs.existsSync(pdf)).toBe(true);
  return pdf;
}

const pdfText = (pdf: string) => execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** Pixels per page whose colour is clearly not grey (chart series, coloured cells), at 40 dpi. */
function colouredPixelsPerPage(pdf: string): number[] {
  const prefix = path.join(dir, `${path.basename(pdf, ".pdf")}-page`);
  execFileSync("pdftoppm", ["-r", "40", pdf, prefix]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith(".ppm"))
    .sort()
    .map((f) => {
      const data = fs.readFileSync(path.join(dir, f));
      // binary PPM: "P6\n<width> <height>\n255\n" then RGB bytes
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString("latin1"))!;
      let coloured = 0;
      for (let i = header[0].length; i + 2 < data.length; i += 3) {
        const r = data[i], g = data[i + 1], b = data[i + 2];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      return coloured;
    });
}

describe("LibreOffice's PDF of the default briefing", () => {
  let plan: WorkbookPlan;
  let text = "";
  let withCharts: number[] = [];
  let without: number[] = [];
  beforeAll(async () => {
    if (absent) return;
    plan = buildPlan("all", {}, "2026-01-01T00:00:00.000Z");
    const pdf = await toPdf("briefing", plan);
    text = pdfText(pdf);
    withCharts = colouredPixelsPerPage(pdf);
    without = colouredPixelsPerPage(await toPdf("briefing-no-charts", withoutCharts(plan)));
  }, 300_000);

  maybe("contains no #NAME? (nor any other error) and prints the cached CVI of every country and stage", () => {
    expect(text.length).toBeGreaterThan(5000);
    expect(text.match(/#(NAME\?|N\/A|VALUE!|REF!|DIV\/0!|NUM!)/g) ?? []).toEqual([]);
    const cvi = nameValues(applyPlan(plan), "Stage_CVI").flat();
    expect(cvi.length).toBe(9);
    for (const v of cvi) expect(text).toContain((v as number).toFixed(3));
  });

  maybe("draws every chart of the plan: each title is in the PDF once more than the cells hold it", () => {
    const evaluated = applyPlan(plan);
    const cells = plan.sheets.flatMap((s) => sheetValues(evaluated, s.key).flat().filter((v): v is string => typeof v === "string")).join("\n").replace(/\s+/g, " ");
    const specs = plan.sheets.flatMap((s) => s.charts ?? []);
    expect(specs.length).toBeGreaterThanOrEqual(7);
    const flat = text.replace(/\s+/g, " ");
    const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
    for (const spec of specs) {
      // a long title may wrap inside the chart: look for its first words
      const words = spec.title.split(" ").slice(0, 5).join(" ");
      expect({ title: spec.title, inPdf: count(flat, words) }).toEqual({ title: spec.title, inPdf: count(cells, words) + 1 });
    }
    const inked = withCharts.reduce((a, b) => a + b, 0) - without.reduce((a, b) => a + b, 0);
    expect(inked).toBeGreaterThan(specs.length * 200);
  });
});

maybe(
  "a briefing for a year the data partly lacks (2010): no #NAME? and no error anywhere in LibreOffice's PDF; n/a where a figure is missing, with the reason in words",
  async () => {
    const plan = buildPlan("all", { year: 2010 }, "2026-01-01T00:00:00.000Z");
    const text = pdfText(await toPdf("briefing-2010", plan)).replace(/\s+/g, " ");
    expect(text.match(/#(NAME\?|N\/A|VALUE!|REF!|DIV\/0!|NUM!)/g) ?? []).toEqual([]);
    expect(text).toContain("n/a");
    expect(text).toContain("the reference data has no US salient statistics for 2010");
  },
  300_000,
);

maybe(
  "LibreOffice draws every chart type: titles in the text, and coloured series on each page that holds charts",
  async () => {
    const plan = everyChartTypePlan();
    const pdf = await toPdf("chart-types", plan);
    const flat = pdfText(pdf).replace(/\s+/g, " ");
    for (const title of Object.values(CHART_TITLES)) expect(flat).toContain(title);
    const withCharts = colouredPixelsPerPage(pdf);
    const without = colouredPixelsPerPage(await toPdf("chart-types-no-charts", withoutCharts(plan)));
    // the chart-less sheet has no coloured cells at all; every page with charts is full of colour
    expect(without.every((n) => n === 0)).toBe(true);
    expect(withCharts.length).toBeGreaterThanOrEqual(1);
    for (const n of withCharts) expect(n).toBeGreaterThan(500);
  },
  300_000,
);
