/**
 * The whole briefing written to .xlsx and read back by programs nobody here wrote: LibreOffice
 * recalculates it and agrees with every cached value that does not depend on a CHOKEPOINT function;
 * openpyxl reads back the sheets, the defined names, the formulas in Excel's storage form (which
 * the headless engine, reading that form, evaluates to the cached values) and the charts. Plus the
 * stored metadata.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { buildPlan } from "../../templates";
import { applyPlan, cellValue, cellsDependingOnChokepoint, sheetValues, type CellValue } from "../../src/workbook/headless";
import { formatCell, parseCell, quoteSheet } from "../../src/workbook/a1";
import { fromStorageForm } from "../../src/workbook/storageForm";
import { readPlanMetadata, renderXlsx, type XlsxRendering } from "../../src/workbook/xlsx";
import type { ChartSpec, PlanValue, WorkbookPlan } from "../../src/workbook/plan";
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
  let out = "";
  try {
    out = sofficeConvert(soffice, file, CSV_ALL_SHEETS, profile);
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
    for (const d of [profile, out]) if (d) fs.rmSync(d, { recursive: true, force: true });
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

const OPENPYXL_READER = `
import json, sys, openpyxl
from openpyxl.chart.text import RichText
formulas_book = openpyxl.load_workbook(sys.argv[1])
values_book = openpyxl.load_workbook(sys.argv[1], data_only=True)
dn = formulas_book.defined_names
items = dn.definedName if hasattr(dn, "definedName") else list(dn.values())
names = {d.name: d.attr_text for d in items}
sheets = {}
charts = {}
array_formulas = 0
def text_of(title):
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    return "".join(r.t for p in title.tx.rich.p for r in (p.r or []))
for ws in formulas_book.worksheets:
    cached = values_book[ws.title]
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if v is None:
                continue
            if hasattr(v, "text"):
                array_formulas += 1
                v = v.text
            c = cached[cell.coordinate]
            # a formula whose cached result is empty text (t="str", <v></v>) reads back as None
            entry = {"cached": "" if c.value is None and c.data_type == "str" else c.value}
            if cell.data_type == "f":
                entry["formula"] = v
            cells[cell.coordinate] = entry
    sheets[ws.title] = cells
    charts[ws.title] = [{
        "type": type(ch).__name__,
        "title": text_of(ch.title),
        "values": [s.val.numRef.f for s in ch.series if s.val is not None],
        "from": [ch.anchor._from.col, ch.anchor._from.row],
    } for ch in ws._charts]
print(json.dumps({"sheets": formulas_book.sheetnames, "names": names, "cells": sheets, "charts": charts, "arrayFormulas": array_formulas}, default=str))
`;

interface OpenpyxlBook {
  sheets: string[];
  names: Record<string, string>;
  cells: Record<string, Record<string, { formula?: string; cached: unknown }>>;
  charts: Record<string, Array<{ type: string; title: string | null; values: string[]; from: [number, number] }>>;
  arrayFormulas: number;
}

function readWithOpenpyxl(python: string, xlsx: string): OpenpyxlBook {
  return JSON.parse(execFileSync(python, ["-c", OPENPYXL_READER, xlsx], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as OpenpyxlBook;
}

describe("openpyxl", () => {
  const python = findOpenpyxlPython();
  if (!python) skip("openpyxl not importable by /usr/bin/python3; install Debian's python3-openpyxl");
  const maybe = python ? test : test.skip;
  let book: OpenpyxlBook;
  beforeAll(() => {
    if (python) book = readWithOpenpyxl(python, file);
  });

  maybe("reads back every sheet and defined name", () => {
    expect(book.sheets).toEqual(plan.sheets.map((s) => s.name));
    for (const n of plan.names) {
      const sheet = plan.sheets.find((s) => s.key === n.sheet)!;
      expect(book.names[n.name]).toBeDefined();
      expect(book.names[n.name].replace(/\$/g, "")).toBe(`${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name}'`}!${n.range}`.replace(/!([A-Z]+\d+):\1$/, "!$1"));
    }
  });

  maybe("reads every formula in Excel's storage form: _xldudf_ names, spills as one plain INDEX formula per cell", () => {
    expect(book.arrayFormulas).toBe(0);
    let checked = 0;
    let stored = 0;
    let ifna = 0;
    for (const sheet of plan.sheets) {
      const cells = book.cells[sheet.name];
      for (const block of sheet.blocks.filter((b) => b.kind === "formulas")) {
        const at = parseCell(block.anchor);
        if (block.spill) {
          const body = String(block.rows[0][0]).slice(1);
          // a spill of IFNA(f,"n/a") is stored cell by cell as _xlfn.IFNA(INDEX(f,r,c),"n/a")
          const wrapped = /^IFNA\((.*),"n\/a"\)$/.exec(body);
          for (let r = 0; r < block.spill.rows; r++)
            for (let c = 0; c < block.spill.columns; c++) {
              const formula = cells[formatCell({ row: at.row + r, column: at.column + c })]?.formula;
              if (formula === undefined) continue; // an empty result stays an empty cell
              const m = wrapped ? /^=_xlfn\.IFNA\(INDEX\((.*),(\d+),(\d+)\),"n\/a"\)$/.exec(formula)! : /^=INDEX\((.*),(\d+),(\d+)\)$/.exec(formula)!;
              expect([formula, m !== null]).toEqual([formula, true]);
              expect([fromStorageForm(m[1]), Number(m[2]), Number(m[3])]).toEqual([wrapped ? wrapped[1] : body, r + 1, c + 1]);
              if (m[1].includes("_xldudf_CHOKEPOINT_")) stored++;
              if (wrapped) ifna++;
              checked++;
            }
          continue;
        }
        block.rows.forEach((row, r) =>
          row.forEach((v, c) => {
            if (typeof v !== "string" || !v.startsWith("=")) return;
            const formula = cells[formatCell({ row: at.row + r, column: at.column + c })]?.formula;
            expect(formula === undefined ? undefined : fromStorageForm(formula)).toBe(v);
            expect(formula!.includes("CHOKEPOINT.")).toBe(false); // never the typed name
            if (formula!.includes("_xldudf_CHOKEPOINT_")) stored++;
            checked++;
          }),
        );
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(stored).toBeGreaterThanOrEqual(20);
    expect(ifna).toBeGreaterThan(100); // the History sheet's HISTORY tables
  });

  maybe("the stored formulas, evaluated by the headless engine from the file's own text, give the values cached beside them", () => {
    // a plan rebuilt from what openpyxl read: every cell as stored, formulas in the _xldudf_ form
    const fromFile: WorkbookPlan = {
      ...plan,
      names: plan.names.map((n) => ({ ...n, sheet: plan.sheets.find((s) => s.key === n.sheet)!.name })),
      sheets: plan.sheets.map((s) => ({
        key: s.name,
        name: s.name,
        blocks: Object.entries(book.cells[s.name]).map(([address, cell]) => ({
          id: address,
          kind: cell.formula ? ("formulas" as const) : ("values" as const),
          anchor: address,
          rows: [[(cell.formula ?? cell.cached) as PlanValue]],
        })),
      })),
    };
    const engine = applyPlan(fromFile);
    const mismatches: string[] = [];
    let compared = 0;
    for (const s of plan.sheets)
      for (const [address, cell] of Object.entries(book.cells[s.name])) {
        if (!cell.formula) continue;
        compared++;
        const got = cellValue(engine, s.name, address);
        const shown = got !== null && typeof got === "object" ? got.error : got;
        const ok = typeof shown === "number" && typeof cell.cached === "number" ? Math.abs(shown - cell.cached) <= 1e-9 * Math.max(1, Math.abs(cell.cached)) : shown === cell.cached;
        if (!ok) mismatches.push(`${s.name}!${address}: ${cell.formula} → ${JSON.stringify(shown)}, cached ${JSON.stringify(cell.cached)}`);
      }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(300);
  });

  maybe("reads every chart: its type, title, anchor and series that refer to the sheet's cells", () => {
    const kinds: Record<ChartSpec["type"], string> = { columnClustered: "BarChart", barClustered: "BarChart", line: "LineChart", lineMarkers: "LineChart", pie: "PieChart", xyScatter: "ScatterChart" };
    for (const sheet of plan.sheets) {
      const read = book.charts[sheet.name];
      expect(read.map((c) => c.title)).toEqual((sheet.charts ?? []).map((c) => c.title));
      (sheet.charts ?? []).forEach((spec, i) => {
        const from = parseCell(spec.position.from);
        expect(read[i]).toMatchObject({ type: kinds[spec.type], from: [from.column, from.row] });
        expect(read[i].values.length).toBeGreaterThan(0);
        for (const f of read[i].values) expect(f).toMatch(new RegExp(`^${quoteSheet(sheet.name).replace(/[()]/g, "\\$&")}!\\$[A-Z]+\\$\\d+:\\$[A-Z]+\\$\\d+$`));
      });
    }
  });
});
