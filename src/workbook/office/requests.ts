/**
 * Request-size accounting. Every context.sync() sends one request holding all queued actions;
 * Excel on the web rejects requests of 5 MB, so the adapter keeps each one below 4 MB and splits
 * large blocks into row chunks. Sizes are estimated as the UTF-8 length of the JSON payload.
 */
import { blockRange, formatCell } from "../a1";
import type { PlanValue } from "../plan";

export const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;
/** Our ceiling per request, with a margin for Office.js's own envelope. */
export const REQUEST_BUDGET = 4 * 1024 * 1024 - 256 * 1024;
/** Largest single write of a block chunk. */
export const CHUNK_BUDGET = 512 * 1024;
/** Allowance for each queued action's envelope (object path, method name). */
export const ACTION_OVERHEAD = 160;

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function payloadBytes(payload: unknown): number {
  return utf8Length(JSON.stringify(payload ?? null)) + ACTION_OVERHEAD;
}

export interface RowChunk<T> {
  /** Row offset of the chunk inside the block. */
  offset: number;
  rows: T[][];
}

/** Splits rows into consecutive chunks whose payload stays within `budget` bytes. */
export function rowChunks<T = PlanValue>(rows: T[][], budget = CHUNK_BUDGET): Array<RowChunk<T>> {
  const chunks: Array<RowChunk<T>> = [];
  let start = 0;
  let size = ACTION_OVERHEAD + 2;
  for (let r = 0; r < rows.length; r++) {
    const rowBytes = utf8Length(JSON.stringify(rows[r])) + 1;
    if (rowBytes + ACTION_OVERHEAD + 2 > budget) throw new Error(`row ${r + 1} alone is ${rowBytes} bytes, more than one request may carry`);
    if (size + rowBytes > budget && r > start) {
      chunks.push({ offset: start, rows: rows.slice(start, r) });
      start = r;
      size = ACTION_OVERHEAD + 2;
    }
    size += rowBytes;
  }
  if (rows.length > start) chunks.push({ offset: start, rows: rows.slice(start) });
  return chunks;
}

/** One chunk of a block, ready to queue: where it goes, its rows and its payload size. */
export interface ChunkWrite<T> extends RowChunk<T> {
  address: string;
  bytes: number;
}

/** Rows written with their top-left cell at (row, column), as row chunks within `budget`. */
export function chunkedWrites<T>(row: number, column: number, rows: T[][], budget = CHUNK_BUDGET): Array<ChunkWrite<T>> {
  return rowChunks(rows, budget).map((chunk) => ({
    ...chunk,
    address: blockRange(formatCell({ row: row + chunk.offset, column }), chunk.rows.length, chunk.rows[0].length),
    bytes: payloadBytes(chunk.rows),
  }));
}

/** Human-readable size. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
