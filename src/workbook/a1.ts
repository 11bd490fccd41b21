/** A1-reference arithmetic shared by every workbook adapter. Rows and columns are 0-based here. */
export interface CellAddress {
  row: number;
  column: number;
}

export function columnLetter(column: number): string {
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseCell(a1: string): CellAddress {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new Error(`not an A1 cell reference: "${a1}"`);
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
}

export function formatCell(addr: CellAddress): string {
  return `${columnLetter(addr.column)}${addr.row + 1}`;
}

export interface RangeAddress {
  start: CellAddress;
  end: CellAddress;
}

export function parseRange(a1: string): RangeAddress {
  const [a, b] = a1.split(":");
  const start = parseCell(a);
  const end = b === undefined ? start : parseCell(b);
  return {
    start: { row: Math.min(start.row, end.row), column: Math.min(start.column, end.column) },
    end: { row: Math.max(start.row, end.row), column: Math.max(start.column, end.column) },
  };
}

export function formatRange(range: RangeAddress): string {
  const a = formatCell(range.start);
  const b = formatCell(range.end);
  return a === b ? a : `${a}:${b}`;
}

/** The range covered by a rows × columns block whose top-left cell is `anchor`. */
export function blockRange(anchor: string, rows: number, columns: number): string {
  const start = parseCell(anchor);
  return formatRange({ start, end: { row: start.row + Math.max(rows, 1) - 1, column: start.column + Math.max(columns, 1) - 1 } });
}

/** Quotes a sheet name for use in a formula reference when it needs quoting. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
