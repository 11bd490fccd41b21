/**
 * Where a sheet's printed pages begin, and where its charts sit, worked out from the plan and a
 * fitted layout (column widths and row heights), for every adapter. Pure.
 *
 * Pages: a sheet prints one page wide, scaled to fit (fitToWidth 1, fitToHeight 0), so how many
 * rows a page holds follows from the printed width. On a sheet with charts every page break is set
 * by hand (`PageSetupSpec.pageBreaksBefore`): a chart, with the heading just above it, is never
 * split by a break, and a heading never ends a page. Each planned page is filled to at most
 * PAGE_FILL of what the smaller of A4 and Letter holds at Excel's scale, so no reader needs a break
 * of its own inside one (LibreOffice, whose columns come out a few percent wider, prints smaller
 * and fits more on a page; Excel computes the same widths as here).
 *
 * Charts: a chart's anchor rectangle must cover no cell that shows something, including text that
 * overflows from a cell on its left into the empty cells under the chart (`chartConflicts`).
 */
import { columnIndex, formatCell, parseCell, parseRange, type RangeAddress } from "./a1";
import { displayText, formatsByCell, LINE_HEIGHT, textWidth, type CellReader } from "./layout";
import type { ChartSpec, ColumnWidthSpec, PageSetupSpec, PaperSize, RowHeightSpec, SheetPlan } from "./plan";

/** Paper in points (portrait): ISO A4 and US Letter. */
const PAPER: Record<PaperSize, { width: number; height: number }> = {
  a4: { width: 595.3, height: 841.9 },
  letter: { width: 612, height: 792 },
};
/** The page margins every adapter writes (Excel's defaults, in inches): left/right, top/bottom. */
const MARGIN = { side: 0.7 * 72, end: 0.75 * 72 };
/** How full a planned page may be, of what it holds by this estimate. */
export const PAGE_FILL = 0.92;
/** Width of an unset column, in characters (Excel's default). */
const DEFAULT_WIDTH = 8.43;

/** Points a column `width` characters wide takes on paper at 100% (Excel: 7 pixels a character plus 5, at 96 dpi). */
export function columnPoints(width: number): number {
  return (Math.floor(width * 7 + 5) * 72) / 96;
}

/** Printable width and height in points: the smaller of A4 and Letter when no paper is set. */
export function printableBox(orientation: PageSetupSpec["orientation"], paper?: PaperSize | null): { width: number; height: number } {
  const sheets = paper ? [PAPER[paper]] : Object.values(PAPER);
  const w = Math.min(...sheets.map((p) => (orientation === "portrait" ? p.width : p.height)));
  const h = Math.min(...sheets.map((p) => (orientation === "portrait" ? p.height : p.width)));
  return { width: w - 2 * MARGIN.side, height: h - 2 * MARGIN.end };
}

export interface SheetGeometry {
  columnWidths: ColumnWidthSpec[];
  rowHeights: RowHeightSpec[];
}

function widthOf(geometry: SheetGeometry): (column: number) => number {
  const widths = new Map(geometry.columnWidths.map((w) => [columnIndex(w.column), w.width]));
  return (c) => widths.get(c) ?? DEFAULT_WIDTH;
}

function heightOf(geometry: SheetGeometry): (row: number) => number {
  const heights = new Map(geometry.rowHeights.map((h) => [h.row - 1, h.height]));
  return (r) => heights.get(r) ?? LINE_HEIGHT;
}

/** The scale a one-page-wide print uses (Excel rounds down to a whole percent). */
export function printScale(area: RangeAddress, geometry: SheetGeometry, orientation: PageSetupSpec["orientation"], paper?: PaperSize | null): number {
  const width = widthOf(geometry);
  let points = 0;
  for (let c = area.start.column; c <= area.end.column; c++) points += columnPoints(width(c));
  return Math.min(1, Math.floor((printableBox(orientation, paper).width / points) * 100) / 100);
}

/** A table this short prints on one page with its heading. */
const SHORT_TABLE = 15;

/**
 * Rows (0-based, inclusive) that print on one page: each chart with a row above and below it, and
 * each short table (a block with a header row), with the headings right above them; overlapping
 * spans are joined.
 */
export function keepTogether(sheet: SheetPlan): Array<{ first: number; last: number }> {
  const sticky = stickyRows(sheet);
  const headers = new Set<string>();
  for (const st of sheet.styles ?? []) if (st.role === "header") headers.add(parseRange(st.range).start.row + "," + parseRange(st.range).start.column);
  const spans = [
    // a chart keeps a row above and below it on its page: a page edge on the chart's own edge makes
    // LibreOffice draw it, clipped away, on the neighbouring page as well
    ...(sheet.charts ?? []).map((c) => ({ first: Math.max(0, parseCell(c.position.from).row - 1), last: parseCell(c.position.to).row + 1 })),
    ...sheet.blocks
      .filter((b) => b.rows.length <= SHORT_TABLE && headers.has(`${parseCell(b.anchor).row},${parseCell(b.anchor).column}`))
      .map((b) => ({ first: parseCell(b.anchor).row, last: parseCell(b.anchor).row + b.rows.length - 1 })),
  ].map((g) => {
    let first = g.first;
    while (sticky.has(first - 1)) first--;
    return { first, last: g.last };
  });
  spans.sort((a, b) => a.first - b.first);
  const joined: Array<{ first: number; last: number }> = [];
  for (const g of spans) {
    const prev = joined[joined.length - 1];
    if (prev && g.first <= prev.last) prev.last = Math.max(prev.last, g.last);
    else joined.push({ ...g });
  }
  return joined;
}

/**
 * Rows that must not end a page, since they introduce what follows: section headings
 * (SheetBuilder.heading: a bottom border), table header rows, and one-cell bold labels.
 */
export function stickyRows(sheet: SheetPlan): Set<number> {
  const rows = new Set<number>();
  const bold = new Set<string>();
  for (const s of sheet.styles ?? []) {
    const r = parseRange(s.range);
    if (s.border === "bottom") rows.add(r.start.row);
    if (s.role === "header") for (let row = r.start.row; row <= r.end.row; row++) rows.add(row);
    if (s.bold && r.start.row === r.end.row && r.start.column === r.end.column) bold.add(`${r.start.row},${r.start.column}`);
  }
  const headers = [...rows];
  for (const b of sheet.blocks) {
    const at = parseCell(b.anchor);
    if (b.rows.length === 1 && b.rows[0].length === 1 && bold.has(`${at.row},${at.column}`)) rows.add(at.row);
    // a page never ends right after a table's header row or its first row
    if (headers.includes(at.row) && b.rows.length > 3) rows.add(at.row + 1);
  }
  return rows;
}

/**
 * The first row (0-based) of every printed page after the first, for a sheet printed one page
 * wide: pages hold at most PAGE_FILL of the estimate, a kept-together span never straddles a break
 * (unless it is taller than a page), and a heading never ends a page.
 */
export function pageStarts(sheet: SheetPlan, geometry: SheetGeometry, page: Pick<PageSetupSpec, "area" | "orientation" | "titleRows">, paper?: PaperSize | null): number[] {
  const area = parseRange(page.area);
  const height = heightOf(geometry);
  const scale = printScale(area, geometry, page.orientation, paper);
  const capacity = (printableBox(page.orientation, paper).height / scale) * PAGE_FILL;
  let titles = 0;
  if (page.titleRows) for (let r = page.titleRows.first - 1; r <= page.titleRows.last - 1; r++) titles += height(r);
  const groups = keepTogether(sheet);
  const sticky = stickyRows(sheet);
  const span = (first: number, last: number) => {
    let h = 0;
    for (let r = first; r <= last; r++) h += height(r);
    return h;
  };
  const starts: number[] = [];
  let start = area.start.row;
  let used = 0;
  const room = () => capacity - (starts.length > 0 ? titles : 0);
  const breakBefore = (r: number) => {
    // a heading goes to the next page with what it heads
    let at = r;
    while (at - 1 > start && sticky.has(at - 1)) at--;
    starts.push(at);
    start = at;
    used = span(at, r - 1);
  };
  for (let r = area.start.row; r <= area.end.row; r++) {
    const group = groups.find((g) => g.first === r);
    if (group && r > start && used + span(group.first, group.last) > room()) breakBefore(r);
    else if (r > start && used + height(r) > room() && !groups.some((g) => g.first < r && r <= g.last && g.first >= start)) breakBefore(r);
    used += height(r);
  }
  return starts;
}

/** The page breaks of a sheet with charts (1-based rows that start a page); none for a sheet without. */
export function chartPageBreaks(sheet: SheetPlan, geometry: SheetGeometry, page: Pick<PageSetupSpec, "area" | "orientation" | "titleRows">, paper?: PaperSize | null): number[] {
  if ((sheet.charts ?? []).length === 0) return [];
  return pageStarts(sheet, geometry, page, paper).map((r) => r + 1);
}

/**
 * Charts a page break cuts through or touches: a page that starts (1-based) inside a chart's rows,
 * at its first row, or right after its last (a page edge on the chart's edge).
 */
export function chartsSplitByBreaks(sheet: SheetPlan, breaksBefore: number[]): Array<{ chart: string; breakBefore: number }> {
  const out: Array<{ chart: string; breakBefore: number }> = [];
  for (const c of sheet.charts ?? []) {
    const [top, bottom] = [parseCell(c.position.from).row + 1, parseCell(c.position.to).row + 1];
    for (const b of breaksBefore) if (b >= top && b <= bottom + 1) out.push({ chart: c.id, breakBefore: b });
  }
  return out;
}

interface Shown {
  row: number;
  column: number;
  text: string;
  numeric: boolean;
}

/**
 * Cells a chart would cover that show something: a value of a block, a cell of a spill range or
 * of a merged range, or text running over from a cell on its left (left-aligned text that does not
 * wrap overflows into the empty cells on its right until it fits).
 */
export function chartConflicts(sheet: SheetPlan, read: CellReader, geometry: SheetGeometry & { wrapped?: string[] }): Array<{ chart: string; cell: string; text: string }> {
  const width = widthOf(geometry);
  const key = (r: number, c: number) => `${r},${c}`;
  const occupied = new Map<string, string>();
  const shown: Shown[] = [];
  const formats = formatsByCell(sheet);
  for (const b of sheet.blocks) {
    const top = parseCell(b.anchor);
    b.rows.forEach((line, r) =>
      line.forEach((planned, c) => {
        const [row, column] = [top.row + r, top.column + c];
        const value = read(row, column);
        if (planned === null && !b.spill && (value === null || value === undefined || value === "")) return;
        // a formula not yet evaluated occupies its cell; what it shows is not known
        const unknown = value === undefined && (b.spill || (typeof planned === "string" && planned.startsWith("=")));
        const text = unknown ? "" : value === undefined ? (planned === null ? "" : String(planned)) : displayText(value, formats.get(key(row, column)));
        occupied.set(key(row, column), text || (unknown ? "(formula)" : "(spill cell)"));
        if (text) shown.push({ row, column, text, numeric: typeof value === "number" || (value === undefined && typeof planned === "number") });
      }),
    );
  }
  const merged = new Set<string>();
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    const text = occupied.get(key(r.start.row, r.start.column)) ?? "(merged cell)";
    for (let row = r.start.row; row <= r.end.row; row++)
      for (let c = r.start.column; c <= r.end.column; c++) {
        merged.add(key(row, c));
        occupied.set(key(row, c), text);
      }
  }
  const wraps = new Set<string>((geometry.wrapped ?? []).map((a) => {
    const at = parseCell(a);
    return key(at.row, at.column);
  }));
  const rightAligned = new Set<string>();
  for (const s of sheet.styles ?? []) {
    const r = parseRange(s.range);
    for (let row = r.start.row; row <= r.end.row; row++)
      for (let c = r.start.column; c <= r.end.column; c++) {
        if (s.wrap) wraps.add(key(row, c));
        if (s.horizontalAlignment && s.horizontalAlignment !== "left") rightAligned.add(key(row, c));
      }
  }
  // text running over empty neighbours
  const covered = new Map(occupied);
  for (const cell of shown) {
    const k = key(cell.row, cell.column);
    if (cell.numeric || merged.has(k) || wraps.has(k) || rightAligned.has(k)) continue;
    let need = textWidth(cell.text) + 0.5 - width(cell.column);
    for (let c = cell.column + 1; need > 0 && !occupied.has(key(cell.row, c)); c++) {
      covered.set(key(cell.row, c), cell.text);
      need -= width(c);
    }
  }
  const out: Array<{ chart: string; cell: string; text: string }> = [];
  for (const chart of sheet.charts ?? []) {
    const box = chartBox(chart);
    for (let row = box.start.row; row <= box.end.row; row++)
      for (let c = box.start.column; c <= box.end.column; c++) {
        const text = covered.get(key(row, c));
        if (text !== undefined) out.push({ chart: chart.id, cell: formatCell({ row, column: c }), text: text.slice(0, 60) });
      }
  }
  return out;
}

/** The cells a chart's anchor covers (from the top-left of `from` to the bottom-right of `to`). */
export function chartBox(chart: ChartSpec): RangeAddress {
  return parseRange(`${chart.position.from}:${chart.position.to}`);
}
