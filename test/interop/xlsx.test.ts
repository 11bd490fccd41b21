/**
 * The whole briefing written to .xlsx and read back by programs nobody here wrote: LibreOffice
 * recalculates it and agrees with every cached value that does not depend on a CHOKEPOINT function;
 * openpyxl reads back the sheets, the defined names and the formulas. Plus the stored metadata.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { buildPlan } from "../../templates";
import { cellsDependingOnChokepoint, sheetValues, type CellValue } from "../../src/workbook/headless";
import { formatCell, parseCell } from "../../src/workbook/a1";
import { readPlanMetadata, renderXlsx, type XlsxRendering } from "../../src/workbook/xlsx";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { parseCsv } from "../data/extracts";
import { CSV_ALL_SHEETS, findOpenpyxlPython, findSoffice, privateProfile, sofficeConvert } from "./programs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-interop-"));
const file = path.join(dir, "briefing.xlsx");
let plan: WorkbookPlan;
let rendering: XlsxRendering;

beforeAll(async () => {
  plan = buildPlan("all", {}, "2026-01-01T00:00:00.000Z");
  rendering = await renderXlsx(plan);
  fs.writeFileSync(file, rendering.buffer);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function skip(reason: string): void {
  console.log(`skipped: ${reason}`);
}

test("the plan's metadata and chart specs are stored in the file", async () => {
  const meta = await readPlanMetadata(rendering.buffer);
  expect(meta).not.toBeNull();
  expect(meta!.templateId).toBe("briefing");
  expect(meta!.datasets).toEqual(plan.metadata.datasets);
  const charts = plan.sheets.flatMap((s) => s.charts ?? []);
  expect((meta!.charts as unknown[]).length).toBe(charts.length);
  expect(charts.length).toBeGreaterThanOrEqual(6);
});

test("LibreOffice recalculates the workbook and agrees with every cached value outside CHOKEPOINT functions", () => {
  const soffice = findSoffice();
  if (!soffice) return skip("LibreOffice (soffice) not found; install Debian's libreoffice-calc");
  const profile = privateProfile();
  try {
    const out = sofficeConvert(soffice, file, CSV_ALL_SHEETS, profile);
    const tainted = cellsDependingOnChokepoint(rendering.workbook);
    let compared = 0;
    let recalculated = 0;
    const mismatches: string[] = [];
    for (const sheet of plan.sheets) {
      const csvFile = path.join(out, `briefing-${sheet.name}.csv`);
      expect(fs.existsSync(csvFile)).toBe(true);
      const lo = parseCsv(fs.readFileSync(csvFile, "utf8"));
      const cached = sheetValues(rendering.workbook, sheet.key);
      cached.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === "") return;
          const address = `${sheet.key}!${formatCell({ row: r, column: c })}`;
          const got = lo[r]?.[c] ?? "";
          if (tainted.has(address)) {
            if (/^(#NAME\?|Err:|#VALUE!|#N\/A)/.test(got)) recalculated++;
            return;
          }
          compared++;
          if (!same(v, got)) mismatches.push(`${sheet.name}!${formatCell({ row: r, column: c })}: cached ${JSON.stringify(v)}, LibreOffice ${JSON.stringify(got)}`);
        }),
      );
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(500);
    // LibreOffice really recalculated: it cannot evaluate CHOKEPOINT functions, so those cells are errors there
    expect(recalculated).toBeGreaterThan(10);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

function same(cached: CellValue, lo: string): boolean {
  if (typeof cached === "number") {
    // LibreOffice writes percent-formatted cells with a % sign even when asked for raw values
    const n = lo.endsWith("%") ? Number(lo.slice(0, -1)) / 100 : Number(lo);
    return lo !== "" && Number.isFinite(n) && Math.abs(n - cached) <= 1e-9 * Math.max(1, Math.abs(cached));
  }
  if (typeof cached === "boolean") return lo.toUpperCase() === String(cached).toUpperCase();
  if (typeof cached === "string") return lo === cached;
  if (cached && typeof cached === "object") return lo === cached.error;
  return false;
}

test("openpyxl reads back the sheets, the defined names and the formulas", () => {
  const python = findOpenpyxlPython();
  if (!python) return skip("openpyxl not importable by /usr/bin/python3; install Debian's python3-openpyxl");
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
dn = wb.defined_names
items = dn.definedName if hasattr(dn, "definedName") else list(dn.values())
names = {d.name: d.attr_text for d in items}
formulas = {}
arrays = {}
for ws in wb.worksheets:
    f = {}
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if hasattr(v, "text"):
                f[cell.coordinate] = v.text
                arrays[ws.title + "!" + cell.coordinate] = v.ref
            elif isinstance(v, str) and v.startswith("="):
                f[cell.coordinate] = v
    formulas[ws.title] = f
    for coord, attrs in getattr(ws, "formula_attributes", {}).items():
        if attrs.get("t") == "array":
            arrays[ws.title + "!" + coord] = attrs.get("ref")
print(json.dumps({"sheets": wb.sheetnames, "names": names, "formulas": formulas, "arrays": arrays}))
`;
  const out = JSON.parse(execFileSync(python, ["-c", script, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as {
    sheets: string[];
    names: Record<string, string>;
    formulas: Record<string, Record<string, string>>;
    arrays: Record<string, string>;
  };
  expect(out.sheets).toEqual(plan.sheets.map((s) => s.name));
  for (const n of plan.names) {
    const sheet = plan.sheets.find((s) => s.key === n.sheet)!;
    expect(out.names[n.name]).toBeDefined();
    expect(out.names[n.name].replace(/\$/g, "")).toBe(`${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name}'`}!${n.range}`.replace(/!([A-Z]+\d+):\1$/, "!$1"));
  }
  let checked = 0;
  for (const sheet of plan.sheets) {
    for (const block of sheet.blocks.filter((b) => b.kind === "formulas")) {
      const at = parseCell(block.anchor);
      block.rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v !== "string" || !v.startsWith("=")) return;
          const address = formatCell({ row: at.row + r, column: at.column + c });
          expect(out.formulas[sheet.name][address]).toBe(v);
          checked++;
        }),
      );
      if (block.spill) {
        const ref = out.arrays[`${sheet.name}!${block.anchor}`];
        const end = formatCell({ row: at.row + block.spill.rows - 1, column: at.column + block.spill.columns - 1 });
        expect(ref).toBe(`${block.anchor}:${end}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(300);
});
