/**
 * Renders a WorkbookPlan to an .xlsx file with ExcelJS. Formulas are written as formulas with the
 * results the headless engine computed cached beside them, so the file shows numbers when opened
 * anywhere; spilled formulas become array formulas over their spill range (Excel and LibreOffice
 * then show the whole table). ExcelJS cannot write charts: each chart's place is marked on its
 * sheet, and every chart spec travels in the plan metadata stored in the file (a custom XML part,
 * with the headline fields also as custom document properties).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { blockRange, columnLetter, parseCell, parseRange, quoteSheet } from "./a1";
import { applyPlan, reportSheets, sheetValues, type CellValue, type HeadlessWorkbook, type SheetReport } from "./headless";
import type { ChartSpec, StyleSpec, WorkbookPlan } from "./plan";
import { applySheetPage } from "./xlsxPage";

/** Namespace of the custom XML part holding the plan's metadata and chart specs. */
export const PLAN_XML_NAMESPACE = "urn:chokepoint:workbook-plan";
/** Prefix of the custom document properties. */
export const PROPERTY_PREFIX = "chokepoint.";

const INPUT_FILL = "FFF2CC";
const INPUT_FONT = "1F4E79";

function argb(colour: string): string {
  const hex = colour.replace(/^#/, "").toUpperCase();
  return hex.length === 8 ? hex : `FF${hex}`;
}

function forEachCell(range: string, fn: (row: number, col: number) => void): void {
  const r = parseRange(range);
  for (let row = r.start.row; row <= r.end.row; row++) for (let col = r.start.column; col <= r.end.column; col++) fn(row + 1, col + 1);
}

function cached(v: CellValue): ExcelJS.CellValue {
  if (v !== null && typeof v === "object") return { error: v.error } as unknown as ExcelJS.CellErrorValue;
  return v as ExcelJS.CellValue;
}

function applyStyle(ws: ExcelJS.Worksheet, spec: StyleSpec): void {
  const role = spec.role;
  forEachCell(spec.range, (row, col) => {
    const cell = ws.getCell(row, col);
    const font: Partial<ExcelJS.Font> = { ...cell.font };
    if (spec.bold || role === "header" || role === "title") font.bold = true;
    if (spec.italic || role === "note") font.italic = true;
    if (role === "title") font.size = 14;
    if (role === "input") font.color = { argb: argb(INPUT_FONT) };
    if (spec.fontColor) font.color = { argb: argb(spec.fontColor) };
    cell.font = font;
    const fill = spec.fill ?? (role === "input" ? INPUT_FILL : undefined);
    if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
    if (spec.wrap || spec.horizontalAlignment) {
      cell.alignment = { ...cell.alignment, ...(spec.wrap ? { wrapText: true } : {}), ...(spec.horizontalAlignment ? { horizontal: spec.horizontalAlignment } : {}) };
    }
    const border = spec.border ?? (role === "input" ? "thin" : undefined);
    if (border === "thin") {
      const side: Partial<ExcelJS.Border> = { style: role === "input" ? "medium" : "thin", color: { argb: argb(role === "input" ? INPUT_FONT : "#808080") } };
      cell.border = { top: side, left: side, bottom: side, right: side };
    } else if (border === "bottom") {
      cell.border = { ...cell.border, bottom: { style: "thin", color: { argb: "FF808080" } } };
    }
  });
}

const CHART_KIND: Record<ChartSpec["type"], string> = {
  columnClustered: "clustered column",
  barClustered: "clustered bar",
  line: "line",
  lineMarkers: "line with markers",
  pie: "pie",
  xyScatter: "scatter",
};

/** The words written where a chart will be inserted by the add-in. */
export function chartPlaceholder(chart: ChartSpec): string {
  return `Chart here: "${chart.title}" (${CHART_KIND[chart.type]} of ${chart.dataRange}) is inserted when this briefing is applied through the Chokepoint add-in.`;
}

export interface XlsxRendering {
  buffer: Buffer;
  sheets: SheetReport[];
  workbook: HeadlessWorkbook;
}

/** Renders the plan; the headless engine supplies every formula's cached result. */
export async function renderXlsx(plan: WorkbookPlan, evaluated: HeadlessWorkbook = applyPlan(plan)): Promise<XlsxRendering> {
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
    const ws = wb.addWorksheet(sheet.name, {
      ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
      views: sheet.freeze ? [{ state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [{}],
      // printed (and rendered to PDF) one page wide, landscape
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    const values = sheetValues(evaluated, sheet.key);
    const valueAt = (row: number, col: number): CellValue => values[row]?.[col] ?? null;

    for (const block of sheet.blocks) {
      const { row: top, column: left } = parseCell(block.anchor);
      if (block.kind === "formulas" && block.spill) {
        const formula = String(block.rows[0][0]).slice(1);
        const range = blockRange(block.anchor, block.spill.rows, block.spill.columns);
        const results = Array.from({ length: block.spill.rows }, (_, r) => Array.from({ length: block.spill!.columns }, (_, c) => cached(valueAt(top + r, left + c))));
        // ExcelJS's typings omit fillFormula's fourth parameter, the share type
        (ws as unknown as { fillFormula(r: string, f: string, v: unknown, t: string): void }).fillFormula(range, formula, results, "array");
        continue;
      }
      block.rows.forEach((cells, r) =>
        cells.forEach((v, c) => {
          if (v === null) return;
          const cell = ws.getCell(top + r + 1, left + c + 1);
          if (block.kind === "formulas" && typeof v === "string" && v.startsWith("=")) {
            cell.value = { formula: v.slice(1), result: cached(valueAt(top + r, left + c)) } as ExcelJS.CellFormulaValue;
          } else {
            cell.value = v;
          }
        }),
      );
    }

    for (const f of sheet.numberFormats ?? []) forEachCell(f.range, (row, col) => (ws.getCell(row, col).numFmt = f.format));
    for (const s of sheet.styles ?? []) applyStyle(ws, s);
    for (const w of sheet.columnWidths ?? []) ws.getColumn(w.column).width = w.width;
    applySheetPage(ws, sheet, plan, values);

    for (const cf of sheet.conditionalFormats ?? []) {
      if (cf.type === "colorScale") {
        const colours = [cf.minColor, ...(cf.midColor ? [cf.midColor] : []), cf.maxColor];
        const cfvo = cf.midColor
          ? [{ type: "min" as const }, { type: "percentile" as const, value: 50 }, { type: "max" as const }]
          : [{ type: "min" as const }, { type: "max" as const }];
        ws.addConditionalFormatting({ ref: cf.range, rules: [{ type: "colorScale", priority: 1, cfvo, color: colours.map((c) => ({ argb: argb(c) })) } as never] });
      } else {
        ws.addConditionalFormatting({
          ref: cf.range,
          rules: [
            {
              type: "cellIs",
              priority: 1,
              operator: cf.operator,
              formulae: [cf.formula1, ...(cf.formula2 ? [cf.formula2] : [])],
              style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } }, ...(cf.fontColor ? { font: { color: { argb: argb(cf.fontColor) } } } : {}) },
            } as never,
          ],
        });
      }
    }

    // Excel tables need header cells ExcelJS would rewrite; an autofilter keeps the table usable.
    const table = sheet.tables?.[0];
    if (table) ws.autoFilter = table.range;

    for (const chart of sheet.charts ?? []) {
      const at = parseCell(chart.position.from);
      const cell = ws.getCell(at.row + 1, at.column + 1);
      if (cell.value === null || cell.value === undefined) {
        cell.value = chartPlaceholder(chart);
        cell.font = { italic: true, color: { argb: "FF7F7F7F" } };
      }
    }
  }

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

  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  const buffer = await addPlanMetadata(raw, plan);
  return { buffer, sheets: reportSheets(evaluated), workbook: evaluated };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The metadata stored in the file: the plan's metadata plus each sheet's chart specs. */
export function storedMetadata(plan: WorkbookPlan): Record<string, unknown> {
  return {
    formatVersion: plan.formatVersion,
    ...plan.metadata,
    charts: plan.sheets.flatMap((s) => (s.charts ?? []).map((c) => ({ sheet: s.key, sheetName: s.name, ...c }))),
  };
}

/** Adds docProps/custom.xml (headline fields) and a custom XML part (everything, as JSON). */
async function addPlanMetadata(xlsx: Buffer, plan: WorkbookPlan): Promise<Buffer> {
  // jszip is what ExcelJS itself uses to write the package
  const zip = await JSZip.loadAsync(xlsx);
  const meta = plan.metadata;
  const props: Array<[string, string]> = [
    ["templateId", meta.templateId],
    ["templateVersion", meta.templateVersion],
    ["generatedAt", meta.generatedAt],
    ["planFormatVersion", String(plan.formatVersion)],
    ["datasets", meta.datasets.map((d) => `${d.id}@${d.hash.slice(0, 12)}`).join(" ")],
    ...(meta.modelVersion !== undefined ? [["modelVersion", String(meta.modelVersion)] as [string, string]] : []),
    ["options", JSON.stringify(meta.options)],
  ];
  const custom =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    props
      .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${PROPERTY_PREFIX}${k}"><vt:lpwstr>${xmlEscape(v)}</vt:lpwstr></property>`)
      .join("") +
    "</Properties>";
  zip.file("docProps/custom.xml", custom);

  const item = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chokepointPlan xmlns="${PLAN_XML_NAMESPACE}">${xmlEscape(JSON.stringify(storedMetadata(plan)))}</chokepointPlan>`;
  zip.file("customXml/item1.xml", item);
  zip.file(
    "customXml/itemProps1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
      '<ds:datastoreItem ds:itemID="{6C0B5A52-3F0E-4C57-9B7E-2D9E8C1F4A01}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">' +
      `<ds:schemaRefs><ds:schemaRef ds:uri="${PLAN_XML_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  zip.file(
    "customXml/_rels/item1.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>',
  );

  const addRelationship = async (path: string, rel: string) => {
    const xml = await zip.file(path)!.async("string");
    zip.file(path, xml.replace("</Relationships>", `${rel}</Relationships>`));
  };
  await addRelationship(
    "_rels/.rels",
    '<Relationship Id="rIdChokepointCustomProps" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>',
  );
  await addRelationship(
    "xl/_rels/workbook.xml.rels",
    '<Relationship Id="rIdChokepointPlan" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>',
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Reads the plan metadata back from an .xlsx written by renderXlsx. */
export async function readPlanMetadata(xlsx: Buffer): Promise<Record<string, unknown> | null> {
  const zip = await JSZip.loadAsync(xlsx);
  const file = zip.file("customXml/item1.xml");
  if (!file) return null;
  const xml = await file.async("string");
  const m = /<chokepointPlan[^>]*>([\s\S]*)<\/chokepointPlan>/.exec(xml);
  if (!m) return null;
  const json = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return JSON.parse(json) as Record<string, unknown>;
}
