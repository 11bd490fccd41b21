/**
 * Renders the README pictures from a fresh briefing, as LibreOffice shows it to a colleague:
 * `chokepoint brief` (in-process) → .xlsx → PDF (LibreOffice headless, a fresh profile with default
 * settings, one page per sheet: each sheet whole, whatever its print setup) → PNG (pdftoppm).
 *
 * 1. docs/images/briefing.png: the whole first sheet of the workbook, whichever sheet that is.
 * 2. docs/images/briefing-chart.png: one chart as drawn on its sheet's page, found by its title
 *    (pdftotext -bbox) and cut along the chart's own frame, which LibreOffice draws around it.
 *
 * Usage: npm run render:picture [-- <template id, default all> [<chart id, default the first>]]
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { buildPlan } from "../templates";
import { renderXlsx } from "../src/workbook/xlsx";

const ROOT = path.resolve(__dirname, "..");
const SHEET_PNG = path.join(ROOT, "docs/images/briefing.png");
const CHART_PNG = path.join(ROOT, "docs/images/briefing-chart.png");
const DPI = 96;
const ONE_PAGE_PER_SHEET = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

function need(cmd: string, pkg: string): void {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
  } catch {
    throw new Error(`${cmd} not found (Debian: ${pkg})`);
  }
}

interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The box (in points) of the first line of `text` on the page: its words in order on one line. */
function textBox(pdf: string, page: number, text: string): Box {
  const html = run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"]);
  const words = [...html.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5].replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"'),
  }));
  const wanted = text.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    let n = 0;
    while (n < wanted.length && i + n < words.length && words[i + n].text === wanted[n] && Math.abs(words[i + n].yMin - words[i].yMin) < 1) n++;
    // a long title may wrap: its first line is enough, if it has a few words
    if (n === wanted.length || n >= 4) return { xMin: words[i].xMin, yMin: words[i].yMin, xMax: words[i + n - 1].xMax, yMax: words[i].yMax };
  }
  throw new Error(`the chart title "${text}" is not on page ${page} of the PDF: LibreOffice did not draw the chart`);
}

/** A page as RGB pixels (pdftoppm's binary PPM). */
function pagePixels(pdf: string, page: number, dir: string): { width: number; height: number; ink: (x: number, y: number) => boolean } {
  const base = path.join(dir, "page");
  run("pdftoppm", ["-r", String(DPI), "-f", String(page), "-l", String(page), "-singlefile", pdf, base]);
  const data = fs.readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString("latin1"))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  const ink = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return true; // the page edge ends a scan
    const i = offset + 3 * (y * width + x);
    return data[i] + data[i + 1] + data[i + 2] < 3 * 225;
  };
  return { width, height, ink };
}

/** The chart's frame around its title: scan out from the title to the frame's lines. */
function chartFrame(pdf: string, page: number, title: string, dir: string): Box {
  const t = textBox(pdf, page, title);
  const px = (pt: number) => Math.round((pt * DPI) / 72);
  const { width, height, ink } = pagePixels(pdf, page, dir);
  const midY = px((t.yMin + t.yMax) / 2);
  const midX = px((t.xMin + t.xMax) / 2);
  let left = px(t.xMin) - 3;
  while (!ink(left, midY)) left--;
  let right = px(t.xMax) + 3;
  while (!ink(right, midY)) right++;
  let top = px(t.yMin) - 3;
  while (!ink(midX, top)) top--;
  let bottom = top + 1;
  while (bottom < height - 1 && ink(left, bottom + 1)) bottom++;
  const box = { xMin: Math.max(0, left), yMin: Math.max(0, top), xMax: Math.min(width - 1, right), yMax: Math.min(height - 1, bottom) };
  if (box.xMax - box.xMin < 150 || box.yMax - box.yMin < 100) throw new Error(`found no chart frame around "${title}" on page ${page}`);
  return box;
}

async function main(): Promise<void> {
  const [template = "all", chartId] = process.argv.slice(2);
  need("soffice", "libreoffice-calc");
  need("pdftoppm", "poppler-utils");
  need("pdftotext", "poppler-utils");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-picture-"));
  try {
    const plan = buildPlan(template, {});
    const xlsx = path.join(dir, "briefing.xlsx");
    fs.writeFileSync(xlsx, (await renderXlsx(plan)).buffer);
    run("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", ONE_PAGE_PER_SHEET, "--outdir", dir, xlsx]);
    const pdf = path.join(dir, "briefing.pdf");
    fs.mkdirSync(path.dirname(SHEET_PNG), { recursive: true });
    run("pdftoppm", ["-png", "-r", String(DPI), "-f", "1", "-l", "1", "-singlefile", pdf, SHEET_PNG.replace(/\.png$/, "")]);
    console.log(`wrote ${path.relative(ROOT, SHEET_PNG)}: the whole first sheet, "${plan.sheets[0].name}"`);

    const sheetIndex = plan.sheets.findIndex((s) => (s.charts ?? []).some((c) => chartId === undefined || c.id === chartId));
    if (sheetIndex < 0) throw new Error(chartId ? `no chart with id "${chartId}" in template ${template}` : `template ${template} has no chart`);
    const spec = plan.sheets[sheetIndex].charts!.find((c) => chartId === undefined || c.id === chartId)!;
    const page = sheetIndex + 1;
    const f = chartFrame(pdf, page, spec.title, dir);
    const size = ["-x", String(f.xMin), "-y", String(f.yMin), "-W", String(f.xMax - f.xMin + 1), "-H", String(f.yMax - f.yMin + 1)];
    run("pdftoppm", ["-png", "-r", String(DPI), "-f", String(page), "-l", String(page), ...size, "-singlefile", pdf, CHART_PNG.replace(/\.png$/, "")]);
    console.log(`wrote ${path.relative(ROOT, CHART_PNG)}: the chart "${spec.title}" (${spec.id}) on sheet "${plan.sheets[sheetIndex].name}"`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`render-briefing: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
