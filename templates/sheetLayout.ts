/**
 * The last step of building a sheet: widths fitted to the content, notes wrapped across the
 * printed width, row heights that show them, and how the sheet prints. Runs on what the plan
 * knows (literal values; a formula's expected text where the template gave one, or a number of its
 * format); the .xlsx renderer fits again on the evaluated values.
 */
import { formatCell, formatRange, parseCell, parseRange, type CellAddress } from "../src/workbook/a1";
import { fitSheet, formatsByCell, spanWidth, textWidth, type CellReader } from "../src/workbook/layout";
import type { CellValue } from "../src/workbook/headless";
import { chartPageBreaks } from "../src/workbook/pages";
import type { PageSetupSpec, SheetPlan } from "../src/workbook/plan";

/** Widest a wrapped note runs, in characters: about a landscape page at full size. */
export const PROSE_WIDTH = 120;
/** Widest sheet printed portrait, in characters (Letter or A4 portrait, 0.7-inch margins, at 96% or more). */
export const PORTRAIT_WIDTH = 100;
/** Frozen rows repeat on every printed page only when there are at most this many. */
const MAX_TITLE_ROWS = 6;

export interface LayoutHints {
  /** Cells of notes and titles: wrapped across the sheet's width when too long for their cell. */
  prose: Array<CellAddress & { size?: number; bold?: boolean }>;
  /** Text a formula cell is expected to show (for widths and heights before evaluation). */
  samples: Map<string, string>;
  page: Partial<PageSetupSpec>;
}

/** A number shaped like what a format shows, for sizing a formula's cell before it is evaluated. */
function sampleNumber(format: string): number {
  if (format.includes("%")) return 0.999;
  if (format.includes(",")) return 123456;
  return 0.999999;
}

/** What the plan knows each cell shows. */
export function plannedReader(sheet: SheetPlan, samples: Map<string, string>): CellReader {
  const known = new Map<string, CellValue>();
  const formats = formatsByCell(sheet);
  for (const block of sheet.blocks) {
    const top = parseCell(block.anchor);
    block.rows.forEach((line, r) =>
      line.forEach((v, c) => {
        const at = `${top.row + r},${top.column + c}`;
        const a1 = formatCell({ row: top.row + r, column: top.column + c });
        if (samples.has(a1)) known.set(at, samples.get(a1)!);
        else if (typeof v === "string" && v.startsWith("=") && block.kind === "formulas") {
          const format = formats.get(at);
          if (format) known.set(at, sampleNumber(format));
        } else if (v !== null) known.set(at, v);
      }),
    );
  }
  return (row, column) => known.get(`${row},${column}`);
}

/** Last column (0-based) the sheet uses: its blocks and its charts. */
function lastColumn(sheet: SheetPlan): number {
  let last = 0;
  for (const b of sheet.blocks) {
    const r = parseRange(b.anchor);
    const width = Math.max(...b.rows.map((row) => row.length));
    last = Math.max(last, r.start.column + width - 1);
  }
  for (const c of sheet.charts ?? []) last = Math.max(last, parseCell(c.position.to).column);
  return last;
}

function lastRow(sheet: SheetPlan): number {
  let last = 0;
  for (const b of sheet.blocks) last = Math.max(last, parseCell(b.anchor).row + b.rows.length - 1);
  for (const c of sheet.charts ?? []) last = Math.max(last, parseCell(c.position.to).row);
  return last;
}

/** Cells a block puts something in, that a spill covers, or that a chart lies over. */
function occupiedCells(sheet: SheetPlan, except: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const c of sheet.charts ?? []) {
    const box = parseRange(`${c.position.from}:${c.position.to}`);
    for (let r = box.start.row; r <= box.end.row; r++) for (let col = box.start.column; col <= box.end.column; col++) out.add(`${r},${col}`);
  }
  for (const b of sheet.blocks) {
    const top = parseCell(b.anchor);
    b.rows.forEach((line, r) =>
      line.forEach((v, c) => {
        const k = `${top.row + r},${top.column + c}`;
        if ((v !== null || b.spill) && !except.has(k)) out.add(k);
      }),
    );
  }
  return out;
}

/** Fits widths, wraps notes, sets row heights and the print setup of a sheet, in place. */
export function finishSheet(sheet: SheetPlan, hints: LayoutHints): void {
  const known = plannedReader(sheet, hints.samples);
  const proseKeys = new Set(hints.prose.map((p) => `${p.row},${p.column}`));
  const area = hints.page.area ? parseRange(hints.page.area) : null;
  const extent = area ? area.end.column : lastColumn(sheet);

  // 1. widths from everything but the notes
  const withoutProse: CellReader = (r, c) => (proseKeys.has(`${r},${c}`) ? undefined : known(r, c));
  const first = fitSheet(sheet, withoutProse, extent);

  // 2. each note too long for the room it has runs across the printed width and wraps
  const occupied = occupiedCells(sheet, new Set());
  const merges: string[] = [];
  const wraps: string[] = [];
  for (const p of hints.prose) {
    const v = known(p.row, p.column);
    const text = v === undefined || v === null ? null : String(typeof v === "object" ? v.error : v);
    const width = text === null ? PROSE_WIDTH : textWidth(text, p) * 1.02 + 0.5;
    const target = Math.min(PROSE_WIDTH, width);
    let end = p.column;
    while (end + 1 <= extent && !occupied.has(`${p.row},${end + 1}`) && spanWidth(first.columnWidths, p.column, end) < target) end++;
    const fits = text !== null && spanWidth(first.columnWidths, p.column, end) >= width;
    if (fits) continue; // overflows into the empty cells beside it, inside the printed width
    if (end > p.column) merges.push(formatRange({ start: { row: p.row, column: p.column }, end: { row: p.row, column: end } }));
    wraps.push(formatCell(p));
  }
  sheet.merges = [...(sheet.merges ?? []), ...merges];
  for (const w of wraps) sheet.styles = [...(sheet.styles ?? []), { range: w, wrap: true }];

  // 3. final widths and heights with the notes merged
  sheet.columnWidths = first.columnWidths;
  const fitted = fitSheet(sheet, known, extent);
  sheet.columnWidths = fitted.columnWidths;
  if (fitted.rowHeights.length > 0) sheet.rowHeights = fitted.rowHeights;
  for (const w of fitted.wrapped) sheet.styles!.push({ range: w, wrap: true });

  // 4. printing: the used range, one page wide, the title (and frozen header rows) on every page
  const printed = area ?? { start: { row: 0, column: 0 }, end: { row: lastRow(sheet), column: extent } };
  const width = spanWidth(fitted.columnWidths, printed.start.column, printed.end.column);
  const freezeRows = sheet.freeze?.rows ?? 0;
  const titleRows = freezeRows > 0 && freezeRows <= MAX_TITLE_ROWS ? freezeRows : titleRowCount(sheet);
  sheet.page = {
    orientation: width <= PORTRAIT_WIDTH ? "portrait" : "landscape",
    area: formatRange(printed),
    ...(titleRows > 0 ? { titleRows: { first: 1, last: titleRows } } : {}),
    fitToWidth: 1,
    fitToHeight: 0,
    ...hints.page,
  };
  const breaks = hints.page.pageBreaksBefore ?? chartPageBreaks(sheet, fitted, sheet.page);
  if (breaks.length > 0) sheet.page.pageBreaksBefore = breaks;
}

/** Rows of the sheet's title block (title and subtitle), 0 when it has none. */
function titleRowCount(sheet: SheetPlan): number {
  const title = sheet.blocks.find((b) => b.id === "title");
  return title && parseCell(title.anchor).row === 0 ? title.rows.length : 0;
}

