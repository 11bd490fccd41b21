/**
 * Native Excel charts for the plan's ChartSpecs, added to the package ExcelJS wrote (ExcelJS writes
 * no charts): one drawing part per sheet with a two-cell anchor per chart, one chart part per chart
 * (DrawingML chart, ISO/IEC 29500-1 §21.2), their relationships and content types. Every series
 * refers to the sheet's cells (`c:strRef`/`c:numRef` with a `c:f` formula) and carries a cache of
 * their current values, so a reader shows the chart without recalculating and Excel redraws it as
 * the cells change. The parts validate against the transitional schemas (test/interop/parts.test.ts).
 */
import { parseCell } from "../a1";
import type { CellValue } from "../headless";
import type { ChartSpec, SheetPlan } from "../plan";
import { resolveChart, type CellsRef, type ResolvedChart } from "../chartSeries";
import { insertIntoWorksheet, REL, XML_HEADER, xmlEscape, type XlsxPackage } from "./package";

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: REL.officeDocument,
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};

export const CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_REL = `${REL.officeDocument}/chart`;
const DRAWING_REL = `${REL.officeDocument}/drawing`;

/** Worksheet elements that come after `drawing` in CT_Worksheet's sequence. */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

const CAT_AX = 1;
const VAL_AX = 2;

const val = (tag: string, v: string | number) => `<c:${tag} val="${v}"/>`;

/** Rich text for a chart or axis title; `vertical` turns it to read bottom to top. */
function title(text: string, { size, vertical }: { size?: number; vertical?: boolean } = {}): string {
  const rPr = `<a:rPr lang="en-US"${size ? ` sz="${size}"` : ""} b="${size ? 1 : 0}"/>`;
  return (
    `<c:title><c:tx><c:rich><a:bodyPr${vertical ? ' rot="-5400000" vert="horz"' : ""}/><a:lstStyle/>` +
    `<a:p><a:pPr><a:defRPr${size ? ` sz="${size}"` : ""}/></a:pPr><a:r>${rPr}<a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `${val("overlay", 0)}</c:title>`
  );
}

function isNumber(v: CellValue): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function numRef(ref: CellsRef, format = "General"): string {
  const points = ref.values.map((v, i) => (isNumber(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numRef><c:f>${xmlEscape(ref.formula)}</c:f><c:numCache><c:formatCode>${xmlEscape(format)}</c:formatCode>${val("ptCount", ref.values.length)}${points}</c:numCache></c:numRef>`;
}

function shown(v: CellValue): string | null {
  if (v === null || v === "" || typeof v === "object") return null;
  return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

function strRef(ref: CellsRef): string {
  const points = ref.values
    .map((v, i) => {
      const text = shown(v);
      return text === null ? "" : `<c:pt idx="${i}"><c:v>${xmlEscape(text)}</c:v></c:pt>`;
    })
    .join("");
  return `<c:strRef><c:f>${xmlEscape(ref.formula)}</c:f><c:strCache>${val("ptCount", ref.values.length)}${points}</c:strCache></c:strRef>`;
}

/** Category (or x) cells: numbers when every filled cell is a number (years), text otherwise. */
function axisData(ref: CellsRef): string {
  const filled = ref.values.filter((v) => v !== null && v !== "");
  return filled.length > 0 && filled.every(isNumber) ? numRef(ref) : strRef(ref);
}

type Kind = "bar" | "line" | "pie" | "scatter";

const KIND: Record<ChartSpec["type"], Kind> = {
  columnClustered: "bar",
  barClustered: "bar",
  line: "line",
  lineMarkers: "line",
  pie: "pie",
  xyScatter: "scatter",
};

function seriesXml(chart: ResolvedChart): string {
  const type = chart.spec.type;
  const kind = KIND[type];
  return chart.series
    .map((s, i) => {
      const head = `${val("idx", i)}${val("order", i)}<c:tx>${strRef(s.name)}</c:tx>`;
      const values = numRef(s.values, s.format);
      switch (kind) {
        case "bar":
          return `<c:ser>${head}${val("invertIfNegative", 0)}<c:cat>${axisData(chart.categories)}</c:cat><c:val>${values}</c:val></c:ser>`;
        case "line": {
          const marker = type === "line" ? `<c:marker>${val("symbol", "none")}</c:marker>` : "";
          return `<c:ser>${head}${marker}<c:cat>${axisData(chart.categories)}</c:cat><c:val>${values}</c:val>${val("smooth", 0)}</c:ser>`;
        }
        case "pie":
          return `<c:ser>${head}<c:cat>${axisData(chart.categories)}</c:cat><c:val>${values}</c:val></c:ser>`;
        case "scatter":
          // Excel's XYScatter: markers only, no connecting line
          return (
            `<c:ser>${head}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker>${val("symbol", "circle")}${val("size", 5)}</c:marker>` +
            `<c:xVal>${axisData(chart.categories)}</c:xVal><c:yVal>${values}</c:yVal>${val("smooth", 0)}</c:ser>`
          );
      }
    })
    .join("");
}

interface AxisOptions {
  id: number;
  cross: number;
  position: "b" | "l";
  titleText?: string;
  format?: string;
  gridlines?: boolean;
  /** "low" keeps labels at the low end of the other axis, clear of bars that go negative. */
  labels?: "nextTo" | "low";
}

function axisBody(a: AxisOptions): string {
  return (
    `${val("axId", a.id)}<c:scaling>${val("orientation", "minMax")}</c:scaling>${val("delete", 0)}${val("axPos", a.position)}` +
    `${a.gridlines ? "<c:majorGridlines/>" : ""}${a.titleText ? title(a.titleText, { vertical: a.position === "l" }) : ""}` +
    `<c:numFmt formatCode="${xmlEscape(a.format ?? "General")}" sourceLinked="1"/>` +
    `${val("majorTickMark", "out")}${val("minorTickMark", "none")}${val("tickLblPos", a.labels ?? "nextTo")}${val("crossAx", a.cross)}${val("crosses", "autoZero")}`
  );
}

const catAx = (a: AxisOptions) => `<c:catAx>${axisBody(a)}${val("auto", 1)}${val("lblAlgn", "ctr")}${val("lblOffset", 100)}${val("noMultiLvlLbl", 0)}</c:catAx>`;
const valAx = (a: AxisOptions, between: "between" | "midCat") => `<c:valAx>${axisBody(a)}${val("crossBetween", between)}</c:valAx>`;

function plotArea(chart: ResolvedChart): string {
  const { spec } = chart;
  const series = seriesXml(chart);
  const axisIds = `${val("axId", CAT_AX)}${val("axId", VAL_AX)}`;
  const format = chart.series[0].format;
  // xAxisTitle names the category (or x) axis and yAxisTitle the value axis, as in the Office.js renderer
  const horizontalBars = spec.type === "barClustered";
  const category = { id: CAT_AX, cross: VAL_AX, position: horizontalBars ? "l" : "b", titleText: spec.xAxisTitle, labels: "low" } as const;
  const value = { id: VAL_AX, cross: CAT_AX, position: horizontalBars ? "b" : "l", titleText: spec.yAxisTitle, format, gridlines: true } as const;
  switch (KIND[spec.type]) {
    case "bar":
      return (
        `<c:barChart>${val("barDir", horizontalBars ? "bar" : "col")}${val("grouping", "clustered")}${val("varyColors", 0)}${series}${val("gapWidth", 150)}${axisIds}</c:barChart>` +
        `${catAx(category)}${valAx(value, "between")}`
      );
    case "line":
      return `<c:lineChart>${val("grouping", "standard")}${val("varyColors", 0)}${series}${val("marker", 1)}${axisIds}</c:lineChart>${catAx(category)}${valAx(value, "between")}`;
    case "pie":
      return `<c:pieChart>${val("varyColors", 1)}${series}${val("firstSliceAng", 0)}</c:pieChart>`;
    case "scatter":
      return `<c:scatterChart>${val("scatterStyle", "lineMarker")}${val("varyColors", 0)}${series}${axisIds}</c:scatterChart>${valAx(category, "midCat")}${valAx(value, "midCat")}`;
  }
}

/**
 * Excel's "Show #N/A as an empty cell" (the Office 2017 chart extension c16r3:dataDisplayOptions16,
 * as Excel writes it): a #N/A cell, a figure the data lacks, is a gap in the line like a blank cell
 * (dispBlanksAs gap), not a point to draw a line through.
 */
const NA_AS_BLANK =
  `<c:extLst><c:ext uri="{56B9EC1D-385E-4148-901F-78D8002777C0}" xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart">` +
  `<c16r3:dataDisplayOptions16><c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16></c:ext></c:extLst>`;

/** The chart part (c:chartSpace) of one resolved chart. */
export function chartXml(chart: ResolvedChart): string {
  return (
    `${XML_HEADER}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${val("date1904", 0)}${val("lang", "en-US")}${val("roundedCorners", 0)}` +
    `<c:chart>${title(chart.spec.title, { size: 1400 })}${val("autoTitleDeleted", 0)}<c:plotArea><c:layout/>${plotArea(chart)}</c:plotArea>` +
    `<c:legend>${val("legendPos", "b")}${val("overlay", 0)}</c:legend>${val("plotVisOnly", 1)}${val("dispBlanksAs", "gap")}${NA_AS_BLANK}</c:chart></c:chartSpace>`
  );
}

function marker(tag: "from" | "to", column: number, row: number): string {
  return `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
}

/** The drawing part of one sheet: each chart anchored from the top-left of `from` to the bottom-right of `to`. */
export function drawingXml(charts: Array<{ spec: ChartSpec; relId: string }>): string {
  const anchors = charts.map(({ spec, relId }, i) => {
    const from = parseCell(spec.position.from);
    const to = parseCell(spec.position.to);
    return (
      `<xdr:twoCellAnchor>${marker("from", from.column, from.row)}${marker("to", to.column + 1, to.row + 1)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(spec.id)}" descr="${xmlEscape(spec.title)}"/>` +
      `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${relId}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `${XML_HEADER}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join("")}</xdr:wsDr>`;
}

/** A number format lookup for a sheet: the last of the plan's formats whose range holds the cell. */
export function formatLookup(sheet: SheetPlan): (row: number, column: number) => string | undefined {
  const formats = (sheet.numberFormats ?? []).map((f) => {
    const [a, b] = f.range.split(":");
    const start = parseCell(a);
    const end = b ? parseCell(b) : start;
    return { start, end, format: f.format };
  });
  return (row, column) => {
    let found: string | undefined;
    for (const f of formats) if (row >= f.start.row && row <= f.end.row && column >= f.start.column && column <= f.end.column) found = f.format;
    return found;
  };
}

export interface ChartedSheet {
  sheet: SheetPlan;
  /** The sheet's evaluated values (dense, from A1). */
  values: CellValue[][];
}

/** Adds every chart of every sheet to the package; returns how many charts were written. */
export async function addCharts(pkg: XlsxPackage, sheets: ChartedSheet[]): Promise<number> {
  const worksheetParts = await pkg.worksheetParts();
  let drawingNo = pkg.parts(/^xl\/drawings\/drawing\d+\.xml$/).length;
  let chartNo = pkg.parts(/^xl\/charts\/chart\d+\.xml$/).length;
  let written = 0;
  for (const { sheet, values } of sheets) {
    const specs = sheet.charts ?? [];
    if (specs.length === 0) continue;
    const sheetPart = worksheetParts.get(sheet.name);
    if (!sheetPart) throw new Error(`charts: the package has no worksheet named "${sheet.name}"`);
    const sheetXml = await pkg.read(sheetPart);
    if (/<drawing[\s/>]/.test(sheetXml)) throw new Error(`charts: worksheet "${sheet.name}" already has a drawing part`);
    const formatAt = formatLookup(sheet);
    const drawingPart = `xl/drawings/drawing${++drawingNo}.xml`;
    const anchors: Array<{ spec: ChartSpec; relId: string }> = [];
    for (const spec of specs) {
      const chartPart = `xl/charts/chart${++chartNo}.xml`;
      await pkg.write(chartPart, chartXml(resolveChart(spec, sheet.name, values, formatAt)), CHART_CONTENT_TYPE);
      anchors.push({ spec, relId: await pkg.relate(drawingPart, CHART_REL, chartPart) });
      written++;
    }
    await pkg.write(drawingPart, drawingXml(anchors), DRAWING_CONTENT_TYPE);
    const relId = await pkg.relate(sheetPart, DRAWING_REL, drawingPart);
    await pkg.write(sheetPart, insertIntoWorksheet(sheetXml, `<drawing r:id="${relId}"/>`, AFTER_DRAWING));
  }
  return written;
}
