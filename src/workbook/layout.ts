/**
 * Column widths and row heights fitted to what a sheet shows, for every adapter: estimated from the
 * text each cell displays (its value under its number format) in Excel's default font, Calibri 11,
 * whose digit width is Excel's unit of column width. Pure: used by the plan builder on the values it
 * knows and by the .xlsx renderer on the evaluated values.
 *
 * Rules, in order:
 * - a column is as wide as its widest cell (numbers as formatted, text as written), at most
 *   MAX_WIDTH; text that can wrap at spaces widens it to TEXT_WIDTH where such text is most of
 *   the column, and only to LABEL_WIDTH where it is a few labels among numbers;
 * - a header wider than its column's content wraps onto a second line (a long one onto a third)
 *   instead of widening the column beyond it (never splitting a word);
 * - text that may overflow (its right-hand neighbours on the row are empty, and no chart lies over
 *   them) only widens its column by what the empty neighbours cannot hold;
 * - longer text wraps; so does text in a merged range or a cell styled to wrap;
 * - a row is as tall as its most wrapped cell needs;
 * - left-aligned text right after a number is indented a step, so the two never touch ("85.5%85.49%").
 */
import { columnIndex, columnLetter, parseRange } from "./a1";
import type { CellValue } from "./headless";
import type { ColumnWidthSpec, RowHeightSpec, SheetPlan } from "./plan";

/** Widest a fitted column gets, in characters; longer text wraps (an unbroken word is split). */
export const MAX_WIDTH = 40;
/** Widest a column of explanations gets: longer text wraps onto more lines. */
export const TEXT_WIDTH = 32;
/** Widest a label among numbers makes its column: longer labels wrap. */
export const LABEL_WIDTH = 18;
export const MIN_WIDTH = 5;
/** A header longer than this (in characters) wraps onto up to three lines rather than two. */
const LONG_HEADER = 28;
/** Points per line of 11-point text; Excel's default row height. */
export const LINE_HEIGHT = 15;
/** Characters of padding Excel leaves inside a cell, plus a margin for renderers whose metrics differ. */
const PADDING = 0.5;
const SLACK = 1.02;

// Advance widths of Calibri, in thousandths of an em; the digit (507) is Excel's width unit.
const DIGIT = 507;
const NARROW: Record<string, number> = {
  " ": 226, ".": 252, ",": 250, ":": 268, ";": 268, "'": 221, "!": 326, "|": 460, "(": 303, ")": 303, "[": 307, "]": 307,
  "-": 306, "/": 386, "\\": 386, '"': 401, "*": 498, "%": 715, "&": 682, "@": 899, "#": 498, "?": 463, "–": 498, "—": 905,
  "…": 690, "·": 252, "“": 418, "”": 418, "‘": 250, "’": 250, "²": 360, "×": 498, "−": 498, "Σ": 570, "≥": 498, "≤": 498,
};
const LOWER: Record<string, number> = {
  a: 479, b: 525, c: 423, d: 525, e: 498, f: 305, g: 471, h: 525, i: 229, j: 239, k: 455, l: 229, m: 799, n: 525, o: 527,
  p: 525, q: 525, r: 349, s: 391, t: 335, u: 525, v: 452, w: 715, x: 433, y: 453, z: 395,
};
const UPPER: Record<string, number> = {
  A: 579, B: 544, C: 533, D: 615, E: 488, F: 459, G: 631, H: 623, I: 252, J: 319, K: 520, L: 420, M: 855, N: 646, O: 662,
  P: 517, Q: 673, R: 543, S: 459, T: 487, U: 642, V: 567, W: 890, X: 519, Y: 487, Z: 468,
};

function charWidth(ch: string): number {
  if (/[0-9]/.test(ch)) return DIGIT;
  const w = LOWER[ch] ?? UPPER[ch] ?? NARROW[ch];
  if (w !== undefined) return w;
  const code = ch.codePointAt(0) ?? 0;
  // CJK and other full-width characters take a whole em; other letters about an average letter
  return code >= 0x2e80 ? 1000 : 540;
}

/** Width of a text in Excel's column-width characters (Calibri 11, or `size` points; bold ~6% wider). */
export function textWidth(text: string, options: { bold?: boolean; size?: number } = {}): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch);
  return ((em / DIGIT) * (options.bold ? 1.06 : 1) * (options.size ?? 11)) / 11;
}

function longestWord(text: string, options: { bold?: boolean; size?: number }): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, options)));
}

/** Lines a text needs when wrapped by words in a cell `width` characters wide. */
export function wrappedLines(text: string, width: number, options: { bold?: boolean; size?: number } = {}): number {
  const usable = Math.max(1, width - PADDING);
  const space = textWidth(" ", options);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = textWidth(word, options) * SLACK;
      if (line > 0 && line + space + w > usable) {
        lines++;
        line = w;
      } else line += (line > 0 ? space : 0) + w;
      // a word wider than the cell is broken across lines
      while (line > usable) {
        lines++;
        line -= usable;
      }
    }
  }
  return lines;
}

/** The text a value shows under a number format (the formats the templates use; General otherwise). */
export function displayText(value: CellValue | undefined, format?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return value.error;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!format || format === "General") {
    if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
    const s = String(Number(value.toPrecision(9)));
    return s.length > 11 ? value.toExponential(4) : s;
  }
  const raw = format.split(";")[0];
  // a "%" in quotes is a literal suffix; a bare one scales by 100
  const percent = raw.replace(/"[^"]*"/g, "").includes("%");
  const section = raw.replace(/"([^"]*)"/g, (_q, t: string) => t.replace("%", "\u0001"));
  const x = percent ? value * 100 : value;
  const fraction = /\.([0#?]+)/.exec(section)?.[1] ?? "";
  const required = (fraction.match(/0/g) ?? []).length;
  let digits = x.toFixed(fraction.length);
  if (fraction.length > required) digits = digits.replace(new RegExp(`0{0,${fraction.length - required}}$`), "").replace(/\.$/, required === 0 ? "" : ".");
  if (section.includes(",")) {
    const [int, dec] = digits.split(".");
    digits = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (dec !== undefined ? `.${dec}` : "");
  }
  const literal = section.replace(/[#0?.,%]+/, "\u0000").split("\u0000");
  return `${literal[0] ?? ""}${digits}${percent ? "%" : ""}${(literal[1] ?? "").replace("%", "")}`.replace("\u0001", "%");
}

/** What a cell shows; `undefined` when not known (a formula before evaluation). */
export type CellReader = (row: number, column: number) => CellValue | undefined;

export interface SheetLayout {
  columnWidths: ColumnWidthSpec[];
  rowHeights: RowHeightSpec[];
  /** Cells (A1) that must wrap to show their text: long text, and headers narrower than their text. */
  wrapped: string[];
  /** Left-aligned text cells (A1) right after a number on their row: indented one step, so the two never touch. */
  indented: string[];
}

interface CellInfo {
  row: number;
  column: number;
  text: string;
  numeric: boolean;
  bold: boolean;
  size: number;
  header: boolean;
  wrap: boolean;
  /** Indented one step (after a right-aligned number). */
  indent: boolean;
}

/** What one indent step adds to a cell's text, in characters (Excel indents by about a character and a half). */
const INDENT = 1.5;

function cellsOf(range: string): Array<[number, number]> {
  const r = parseRange(range);
  const out: Array<[number, number]> = [];
  for (let row = r.start.row; row <= r.end.row; row++) for (let col = r.start.column; col <= r.end.column; col++) out.push([row, col]);
  return out;
}

const key = (r: number, c: number) => `${r},${c}`;

/** The number format of each cell ("row,column", 0-based) that has one; the last spec covering it wins. */
export function formatsByCell(sheet: SheetPlan): Map<string, string> {
  const format = new Map<string, string>();
  for (const f of sheet.numberFormats ?? []) for (const [r, c] of cellsOf(f.range)) format.set(key(r, c), f.format);
  return format;
}

/** Every cell the sheet's blocks place (spill areas included), with its format and style. */
function sheetCells(sheet: SheetPlan, read: CellReader): { cells: CellInfo[]; occupied: Set<string> } {
  const format = formatsByCell(sheet);
  const style = new Map<string, { bold: boolean; size: number; header: boolean; wrap: boolean; align?: string }>();
  for (const s of sheet.styles ?? []) {
    for (const [r, c] of cellsOf(s.range)) {
      const old = style.get(key(r, c)) ?? { bold: false, size: 11, header: false, wrap: false };
      style.set(key(r, c), {
        bold: old.bold || !!s.bold || s.role === "header" || s.role === "title",
        size: s.role === "title" ? 14 : old.size,
        header: old.header || s.role === "header",
        wrap: old.wrap || !!s.wrap,
        align: s.horizontalAlignment ?? old.align,
      });
    }
  }
  // a number is drawn against its cell's right edge (unless aligned otherwise): text right after it is indented
  const numberEnds = new Set<string>();
  const occupied = new Set<string>();
  const cells: CellInfo[] = [];
  for (const block of sheet.blocks) {
    const top = parseRange(block.anchor).start;
    block.rows.forEach((line, r) =>
      line.forEach((planned, c) => {
        const row = top.row + r;
        const column = top.column + c;
        const value = read(row, column);
        if (block.spill) occupied.add(key(row, column));
        if (value === null || value === undefined || value === "") return;
        if (planned !== null || block.spill) occupied.add(key(row, column));
        const st = style.get(key(row, column)) ?? { bold: false, size: 11, header: false, wrap: false };
        const numeric = typeof value === "number";
        if (numeric && (st.align ?? "right") === "right") numberEnds.add(key(row, column));
        cells.push({ row, column, text: displayText(value, format.get(key(row, column))), numeric, bold: st.bold, size: st.size, header: st.header, wrap: st.wrap, indent: !numeric && !st.header && (st.align ?? "left") === "left" });
      }),
    );
  }
  for (const cell of cells) cell.indent = cell.indent && numberEnds.has(key(cell.row, cell.column - 1));
  for (const m of sheet.merges ?? []) for (const [r, c] of cellsOf(m)) occupied.add(key(r, c));
  // text never runs under a chart: it wraps in its own column instead
  for (const c of sheet.charts ?? []) for (const [r, col] of cellsOf(`${c.position.from}:${c.position.to}`)) occupied.add(key(r, col));
  return { cells, occupied };
}

function mergedAt(sheet: SheetPlan): Map<string, { first: number; last: number; row: number }> {
  const out = new Map<string, { first: number; last: number; row: number }>();
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    for (const [row, col] of cellsOf(m)) out.set(key(row, col), { first: r.start.column, last: r.end.column, row: r.start.row });
  }
  return out;
}

/**
 * Fits the sheet's columns and rows to what `read` says each cell shows. The sheet's own column
 * widths are minimums; merged ranges keep their plan and wrap inside it. `extent` is the last
 * printed column (0-based): text overflows into empty neighbours only up to it.
 */
export function fitSheet(sheet: SheetPlan, read: CellReader, extent?: number): SheetLayout {
  const { cells, occupied } = sheetCells(sheet, read);
  const merged = mergedAt(sheet);
  const width = new Map<number, number>();
  for (const w of sheet.columnWidths ?? []) width.set(columnIndex(w.column), Math.max(width.get(columnIndex(w.column)) ?? 0, w.width));
  const declared = new Set(width.keys());
  const grow = (c: number, w: number) => width.set(c, Math.max(width.get(c) ?? MIN_WIDTH, Math.min(MAX_WIDTH, w)));
  const wrapped = new Set<string>();
  const need = (cell: CellInfo) => textWidth(cell.text, cell) * SLACK + PADDING + (cell.indent ? INDENT : 0);

  // 1. numbers and text that cannot overflow, headers and wrapping cells aside
  const used = Math.max(0, ...cells.map((c) => c.column), ...[...merged.values()].map((m) => m.last));
  const last = extent ?? used;
  // beyond the printed width (workings, columns for filtering) text is not wrapped unless styled so
  const outside = (cell: CellInfo) => cell.column > last;
  const free = (cell: CellInfo) => {
    const end = outside(cell) ? used : last;
    let run = 0;
    while (cell.column + run + 1 <= end && !occupied.has(key(cell.row, cell.column + run + 1))) run++;
    return run;
  };
  const plain = cells.filter((c) => !merged.has(key(c.row, c.column)));
  const overflowing: CellInfo[] = [];
  // text that can wrap sets a wide column only where it is most of the column (a column of
  // explanations); a few long labels among numbers wrap in a column sized for the rest
  const breakable = (cell: CellInfo) => !cell.numeric && !cell.wrap && /\s/.test(cell.text.trim()) && need(cell) > LABEL_WIDTH;
  const textCap = new Map<number, number>();
  for (const column of new Set(plain.map((c) => c.column))) {
    const inColumn = plain.filter((c) => c.column === column && !c.header);
    const long = inColumn.filter(breakable).length;
    textCap.set(column, long >= 3 && long * 3 >= inColumn.length ? TEXT_WIDTH : LABEL_WIDTH);
  }
  for (const cell of plain) {
    if (cell.header) continue;
    if (cell.wrap) {
      // a column the template sized for wrapped text keeps its width; otherwise words are not split
      if (!declared.has(cell.column)) grow(cell.column, Math.min(longestWord(cell.text, cell) * SLACK + PADDING, TEXT_WIDTH));
      continue;
    }
    if (!cell.numeric && free(cell) > 0) {
      overflowing.push(cell);
      continue;
    }
    const cap = cell.numeric || !/\s/.test(cell.text.trim()) ? MAX_WIDTH : Math.max(textCap.get(cell.column)!, width.get(cell.column) ?? 0);
    grow(cell.column, Math.min(cap, need(cell)));
    if (need(cell) > cap && !outside(cell)) wrapped.add(key(cell.row, cell.column));
  }
  // 2. headers: as wide as their longest word, half their text, or the column's content, whichever is widest
  for (const cell of plain.filter((c) => c.header)) {
    if (free(cell) > 0) {
      overflowing.push(cell);
      continue;
    }
    const content = width.get(cell.column) ?? MIN_WIDTH;
    const full = need(cell);
    if (full <= Math.max(content, 14)) grow(cell.column, full);
    // a long header may take three lines
    else grow(cell.column, Math.max(content, longestWord(cell.text, cell) * SLACK + PADDING, full / (full > LONG_HEADER ? 3 : 2) + 1, 10));
  }
  // 3. text that overflows into empty neighbours widens its column only by what they cannot hold
  const overflows = new Set(overflowing.map((c) => key(c.row, c.column)));
  for (const cell of overflowing) {
    let room = 0;
    for (let k = 1; k <= free(cell); k++) room += width.get(cell.column + k) ?? 8.43;
    const own = width.get(cell.column) ?? MIN_WIDTH;
    if (need(cell) <= own + room) continue;
    grow(cell.column, need(cell) - room);
    // what still does not fit inside the printed width wraps in its own column
    if (need(cell) - room > MAX_WIDTH && !outside(cell)) wrapped.add(key(cell.row, cell.column));
  }

  const widthOf = (c: number) => width.get(c) ?? 8.43;
  // 4. rows: the most wrapped cell sets the height
  const lines = new Map<number, number>();
  for (const cell of cells) {
    const m = merged.get(key(cell.row, cell.column));
    let w: number;
    if (m) {
      if (m.row !== cell.row || m.first !== cell.column) continue;
      w = 0;
      for (let c = m.first; c <= m.last; c++) w += widthOf(c);
    } else w = widthOf(cell.column);
    const wraps = !!m || cell.wrap || wrapped.has(key(cell.row, cell.column)) || (cell.header && need(cell) > w && !outside(cell) && !overflows.has(key(cell.row, cell.column)));
    if (!wraps) continue;
    const n = wrappedLines(cell.text, w - (cell.indent ? INDENT : 0), cell);
    if (n > 1 && !m) wrapped.add(key(cell.row, cell.column));
    const height = (n * LINE_HEIGHT * cell.size) / 11;
    lines.set(cell.row, Math.max(lines.get(cell.row) ?? 0, height));
  }
  for (const cell of cells) if (cell.size > 11) lines.set(cell.row, Math.max(lines.get(cell.row) ?? 0, (LINE_HEIGHT * cell.size) / 11 + 2));

  return {
    columnWidths: [...width]
      .sort((a, b) => a[0] - b[0])
      .map(([c, w]) => ({ column: columnLetter(c), width: Math.round(w * 10) / 10 })),
    rowHeights: [...lines]
      .filter(([, h]) => h > LINE_HEIGHT)
      .sort((a, b) => a[0] - b[0])
      .map(([r, h]) => ({ row: r + 1, height: Math.round(h * 4) / 4 })),
    wrapped: [...wrapped].map((k) => {
      const [r, c] = k.split(",").map(Number);
      return `${columnLetter(c)}${r + 1}`;
    }),
    indented: cells.filter((c) => c.indent && !merged.has(key(c.row, c.column))).map((c) => `${columnLetter(c.column)}${c.row + 1}`),
  };
}

/** Sum of the widths of columns first..last (0-based), default width where none is set. */
export function spanWidth(widths: ColumnWidthSpec[], first: number, last: number): number {
  let w = 0;
  for (let c = first; c <= last; c++) w += widths.find((x) => columnIndex(x.column) === c)?.width ?? 8.43;
  return w;
}
