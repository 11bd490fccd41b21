/**
 * Renders a WorkbookPlan to an .xlsx file. ExcelJS writes the sheets: cells, formulas with the
 * results the headless engine computed cached beside them (src/workbook/xlsx/cells.ts), formats
 * (xlsx/formats.ts). Then the parts ExcelJS cannot write are added to its package
 * (xlsx/package.ts): native charts (xlsx/charts.ts), the plan's metadata (xlsx/metadata.ts) and the
 * web-extension part that names the add-in (xlsx/webExtension.ts).
 *
 * To add something per sheet, add a SheetWriter to SHEET_WRITERS; for a new part, a PackageWriter
 * to PACKAGE_WRITERS.
 */
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { columnLetter, parseRange, quoteSheet } from "./a1";
import { applyPlan, reportSheets, sheetValues, type CellValue, type HeadlessWorkbook, type SheetReport } from "./headless";
import { callsChokepoint } from "./office/naming";
import type { SheetPlan, WorkbookPlan } from "./plan";
import { blockFormulas, writeCells } from "./xlsx/cells";
import { addCharts } from "./xlsx/charts";
import { argb, writeFormats } from "./xlsx/formats";
import { addPlanMetadata, readPlanMetadata as readMetadataPart } from "./xlsx/metadata";
import { XlsxPackage } from "./xlsx/package";
import { addWebExtension } from "./xlsx/webExtension";
import { applySheetPage } from "./xlsxPage";

export { PLAN_XML_NAMESPACE, PROPERTY_PREFIX, storedMetadata } from "./xlsx/metadata";

export interface XlsxOptions {
  /**
   * A copy for colleagues without the add-in: every CHOKEPOINT formula replaced by its result, no
   * web-extension part (nothing to load). src/workbook/valuesCopy.ts adds the sheet that says so.
   */
  valuesOnly?: boolean;
}

export interface SheetContext {
  plan: WorkbookPlan;
  /** The sheet's evaluated values, dense from A1. */
  values: CellValue[][];
  options: XlsxOptions;
}

/** Writes part of one sheet through ExcelJS, after the sheet is created. */
export type SheetWriter = (ws: ExcelJS.Worksheet, sheet: SheetPlan, context: SheetContext) => void;

/** Adds parts to the package ExcelJS wrote; may return a count for the report (charts written). */
export type PackageWriter = (pkg: XlsxPackage, plan: WorkbookPlan, context: { evaluated: HeadlessWorkbook; options: XlsxOptions }) => Promise<number | void>;

const SHEET_WRITERS: SheetWriter[] = [
  (ws, sheet, { values, options }) => writeCells(ws, sheet, values, options),
  (ws, sheet) => writeFormats(ws, sheet),
  // print setup, fitted widths, merged notes, data validation (after the formats it measures)
  (ws, sheet, { plan, values }) => applySheetPage(ws, sheet, plan, values),
];

/** In order; each one's time is reported (the benchmark prints the charts'). */
const PACKAGE_WRITERS: Array<{ name: string; write: PackageWriter }> = [
  { name: "charts", write: (pkg, plan, { evaluated }) => addCharts(pkg, plan.sheets.map((sheet) => ({ sheet, values: sheetValues(evaluated, sheet.key) }))) },
  { name: "metadata", write: (pkg, plan, { options }) => addPlanMetadata(pkg, plan, options.valuesOnly ? [["valuesOnly", "true"]] : []) },
  {
    name: "web extension",
    write: async (pkg, plan, { options }) => {
      if (!options.valuesOnly && usesAddin(plan)) await addWebExtension(pkg);
    },
  },
];

/** Whether any formula of the plan calls a CHOKEPOINT function (then the file names the add-in). */
export function usesAddin(plan: WorkbookPlan): boolean {
  return plan.sheets.some((s) => s.blocks.some((b) => blockFormulas(b).some((f) => callsChokepoint(f.formula))));
}

export interface XlsxTimings {
  /** Evaluating the plan in the headless engine (0 when the caller passed it evaluated). */
  evaluateMs: number;
  /** Building the sheets in ExcelJS and writing its package. */
  sheetsMs: number;
  /** Writing the chart parts. */
  chartsMs: number;
  /** The other parts (metadata, web extension) and compressing the package. */
  packageMs: number;
  totalMs: number;
}

export interface XlsxRendering {
  buffer: Buffer;
  sheets: SheetReport[];
  workbook: HeadlessWorkbook;
  /** Native charts written. */
  charts: number;
  timings: XlsxTimings;
}

function addWorksheet(wb: ExcelJS.Workbook, sheet: SheetPlan): ExcelJS.Worksheet {
  return wb.addWorksheet(sheet.name, {
    ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
    views: sheet.freeze ? [{ state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [{}],
    // the default print setup: one page wide, landscape; xlsxPage.ts sets each sheet from its plan
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
}

function addDefinedNames(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  for (const n of plan.names) {
    const sheet = plan.sheets.find((s) => s.key === n.sheet);
    if (!sheet) throw new Error(`defined name ${n.name} refers to unknown sheet key "${n.sheet}"`);
    const range = parseRange(n.range);
    const abs = (row: number, col: number) => `$${columnLetter(col)}$${row + 1}`;
    const ref = `${quoteSheet(sheet.name)}!${abs(range.start.row, range.start.column)}${
      range.start.row === range.end.row && range.start.column === range.end.column ? "" : `:${abs(range.end.row, range.end.column)}`
    }`;
    wb.definedNames.add(ref, n.name);
  }
}

/** Renders the plan; the headless engine supplies every formula's cached result. */
export async function renderXlsx(plan: WorkbookPlan, evaluated?: HeadlessWorkbook, options: XlsxOptions = {}): Promise<XlsxRendering> {
  const t0 = performance.now();
  const workbook = evaluated ?? applyPlan(plan);
  const t1 = performance.now();
  const wb = new ExcelJS.Workbook();
  const meta = plan.metadata;
  wb.creator = "Chokepoint";
  wb.title = meta.title;
  wb.subject = `Chokepoint briefing template ${meta.templateId} ${meta.templateVersion}`;
  wb.description = `Generated ${meta.generatedAt} from datasets ${meta.datasets.map((d) => d.id).join(", ")}`;
  wb.created = new Date(meta.generatedAt);
  wb.modified = new Date(meta.generatedAt);
  // No full recalculation on load: without the add-in Excel would turn every cached CHOKEPOINT
  // result into #NAME?; with it, cells recalculate as their inputs change.
  wb.calcProperties.fullCalcOnLoad = false;

  for (const sheet of plan.sheets) {
    const ws = addWorksheet(wb, sheet);
    const context: SheetContext = { plan, values: sheetValues(workbook, sheet.key), options };
    for (const write of SHEET_WRITERS) write(ws, sheet, context);
  }
  addDefinedNames(wb, plan);
  // ExcelJS's package is stored uncompressed: the parts are added to it and the whole file is
  // compressed once, when written (compressing it here too would deflate every sheet twice).
  const pkg = await XlsxPackage.load(Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)));
  const t2 = performance.now();

  const context = { evaluated: workbook, options };
  const partMs: Record<string, number> = {};
  let charts = 0;
  for (const { name, write } of PACKAGE_WRITERS) {
    const start = performance.now();
    const count = await write(pkg, plan, context);
    if (name === "charts") charts = count ?? 0;
    partMs[name] = performance.now() - start;
  }
  const t3 = performance.now();
  const buffer = await pkg.buffer();
  const t4 = performance.now();
  return {
    buffer,
    sheets: reportSheets(workbook),
    workbook,
    charts,
    timings: { evaluateMs: t1 - t0, sheetsMs: t2 - t1, chartsMs: partMs.charts, packageMs: t3 - t2 - partMs.charts + (t4 - t3), totalMs: t4 - t0 },
  };
}

/** Reads the plan metadata back from an .xlsx written by renderXlsx. */
export async function readPlanMetadata(xlsx: Buffer): Promise<Record<string, unknown> | null> {
  return readMetadataPart(await XlsxPackage.load(xlsx));
}
