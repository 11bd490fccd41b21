/**
 * Every sheet, drawing and chart part of the default briefing, of every single-template briefing,
 * of its values-only copy and of a plan with every chart type validates against the ISO/IEC 29500-4
 * transitional schemas in ../shared/ooxml-schemas, after markup-compatibility processing
 * (test/interop/validate_parts.py, with Debian's python3-lxml). A deliberately broken chart part
 * must fail, so the check is known to bite.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { buildPlan, TEMPLATES } from "../../templates";
import { applyPlan } from "../../src/workbook/headless";
import { valuesCopyPlan } from "../../src/workbook/valuesCopy";
import { renderXlsx } from "../../src/workbook/xlsx";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { everyChartTypePlan } from "./chartPlan";
import { findLxmlPython } from "./programs";

const SCHEMAS = path.resolve(__dirname, "../../../shared/ooxml-schemas");
const SCRIPT = path.join(__dirname, "validate_parts.py");
const GENERATED_AT = "2026-01-01T00:00:00.000Z";

const python = findLxmlPython();
const absent = !fs.existsSync(SCHEMAS) ? `${SCHEMAS} is absent` : !python ? "lxml not importable by /usr/bin/python3; install Debian's python3-lxml" : null;
if (absent) console.log(`skipped: schema validation of the .xlsx parts: ${absent}`);
const maybe = absent ? test.skip : test;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-parts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Report = Record<string, Record<string, string>>;

function validate(files: string[]): Report {
  return JSON.parse(execFileSync(python!, [SCRIPT, SCHEMAS, ...files], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 })) as Report;
}

async function write(name: string, plan: WorkbookPlan, valuesOnly = false): Promise<{ file: string; plan: WorkbookPlan }> {
  const file = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(file, (await renderXlsx(plan, undefined, { valuesOnly })).buffer);
  return { file, plan };
}

maybe(
  "every sheet, drawing and chart part of every briefing validates against sml.xsd, dml-spreadsheetDrawing.xsd and dml-chart.xsd",
  async () => {
    const all = buildPlan("all", {}, GENERATED_AT);
    const written = [
      await write("all", all),
      ...(await Promise.all(TEMPLATES.map((t) => write(t.id, buildPlan(t.id, {}, GENERATED_AT))))),
      await write("values", valuesCopyPlan(all, applyPlan(all)), true),
      await write("chart-types", everyChartTypePlan()),
    ];
    const report = validate(written.map((w) => w.file));
    let charts = 0;
    for (const { file, plan } of written) {
      const parts = report[file];
      const failures = Object.entries(parts).filter(([, r]) => r !== "ok");
      expect({ file: path.basename(file), failures }).toEqual({ file: path.basename(file), failures: [] });
      const chartParts = Object.keys(parts).filter((p) => p.startsWith("xl/charts/"));
      const specs = plan.sheets.flatMap((s) => s.charts ?? []);
      expect(chartParts).toHaveLength(specs.length);
      expect(Object.keys(parts).filter((p) => p.startsWith("xl/drawings/"))).toHaveLength(plan.sheets.filter((s) => (s.charts ?? []).length > 0).length);
      expect(Object.keys(parts).filter((p) => p.startsWith("xl/worksheets/"))).toHaveLength(plan.sheets.length);
      charts += chartParts.length;
    }
    // the default briefing alone has one chart per ChartSpec; the chart-type plan covers all six types
    expect(charts).toBeGreaterThanOrEqual(2 * all.sheets.flatMap((s) => s.charts ?? []).length + 7);
  },
  300_000,
);

maybe("a chart part with its elements out of schema order fails validation", async () => {
  const { file } = await write("broken-source", everyChartTypePlan());
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
  const legend = /<c:legend>.*?<\/c:legend>/.exec(chart)![0];
  zip.file("xl/charts/chart1.xml", chart.replace(legend, "").replace("<c:plotArea>", `${legend}<c:plotArea>`));
  const broken = path.join(dir, "broken.xlsx");
  fs.writeFileSync(broken, await zip.generateAsync({ type: "nodebuffer" }));
  const report = validate([broken])[broken];
  expect(report["xl/charts/chart1.xml"]).toMatch(/legend|plotArea/);
  expect(report["xl/charts/chart2.xml"]).toBe("ok");
});
