/**
 * Refresh's write, and what it does when the write goes wrong. Excel stays usable while Refresh
 * works, and a batch is not a transaction, so:
 *
 * - The write batch first loads what each range holds at that moment (actions run in order, so
 *   the load sees the cells just before they are written). A cell that differs from what Refresh
 *   read one sync earlier was edited in between: that block is put back as it was with the edit,
 *   left out of the record's update, and reported, instead of being written over unseen.
 * - When the write fails, the cells are read again and put back: a cell that holds what Refresh
 *   wrote gets back what it held; a cell holding anything else (someone's edit) is kept. Tables
 *   take back their size and the record its previous content.
 * - Putting back is tried twice; if it still fails, the cells are read once more so that the
 *   message says exactly which blocks hold the new data, which the old, and which a mix.
 */
import { formatCell } from "../a1";
import { quote } from "../../quote";
import { describeError, literal, queueLogWrite, shownText, type BeforeState } from "./common";
import { SETTINGS_KEY, type InsertionLog } from "./record";

export type Cell = string | number | boolean;

/** One row chunk of a block as Refresh writes it. */
export interface ChunkWrite {
  ws: Excel.Worksheet;
  /** The sheet's tab name, for messages. */
  sheet: string;
  address: string;
  /** 0-based row and column of the chunk's top-left cell. */
  top: number;
  left: number;
  /** Key of the block the chunk belongs to ("sheetKey/blockId"). */
  block: string;
  kind: "values" | "formulas";
  /** What Refresh writes. */
  cells: Cell[][];
  /** What the chunk held when Refresh read it (formulas as Excel returns them). */
  read: unknown[][];
}

/** A table over a refreshed block that takes the block's new size. */
export interface TableResize {
  table: Excel.Table;
  address: string;
  previous: string;
  block: string;
}

export interface WriteOutcome {
  /** Blocks edited between Refresh's read and its write: the edit was kept, the block not refreshed. Block key → cells edited. */
  keptEdits: Map<string, string[]>;
}

/** Raised with a message that says exactly what the workbook now holds (and the same as data). */
export class RefreshWriteError extends Error {
  constructor(
    message: string,
    readonly putBack: PutBackReport,
  ) {
    super(message);
  }
}

/** Cells equal as Excel shows them (a blank is "" or null; numbers within rounding of the text round trip). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  const blank = (v: unknown) => v === "" || v === null || v === undefined;
  return a === b || (blank(a) && blank(b));
}

/** A cell's content as read, in the form that writes it back: formulas as formulas, text as text. */
export function writable(v: unknown): Cell {
  if (typeof v === "string") return v.startsWith("=") ? v : literal(v);
  return v === null || v === undefined ? "" : (v as Cell);
}

/** What a cell of a chunk should hold after putting back, and what Refresh wrote there. */
interface PutBack {
  w: ChunkWrite;
  /** What to put back (as read), per cell. */
  target: unknown[][];
}

export interface PutBackReport {
  complete: boolean;
  /** Cells that still hold what Refresh wrote where something else belongs, by chunk. */
  remaining: Array<{ w: ChunkWrite; cells: string[] }>;
  /** Cells kept as someone else left them (neither Refresh's value nor the one put back). */
  kept: Array<{ w: ChunkWrite; cells: string[] }>;
  /** Whether the record holds what it should; null when not known. */
  record: boolean | null;
  /** Tables not back at their size. */
  tables: string[];
  checked: boolean;
  error?: string;
}

function address(w: ChunkWrite, r: number, c: number): string {
  return formatCell({ row: w.top + r, column: w.left + c });
}

/** Per cell of each chunk: what must be written to put it back, null where it is right or someone else's. */
function compare(items: PutBack[], now: unknown[][][]) {
  return items.map((item, k) => {
    const remaining: string[] = [];
    const kept: string[] = [];
    const grid = item.w.cells.map((line, r) =>
      line.map((ours, c) => {
        const cur = now[k][r]?.[c] ?? "";
        const target = item.target[r]?.[c] ?? "";
        if (sameCell(cur, target)) return null;
        if (sameCell(cur, shownText(ours))) {
          remaining.push(address(item.w, r, c));
          return writable(target);
        }
        kept.push(address(item.w, r, c));
        return null;
      }),
    );
    return { grid, remaining, kept };
  });
}

/** Puts the chunks, tables and record back (twice at most), then reads what is there for the report. */
async function putBack(ctx: Excel.RequestContext, items: PutBack[], resizes: TableResize[], record: InsertionLog, before: BeforeState): Promise<PutBackReport> {
  let error: string | undefined;
  let kept: PutBackReport["kept"] = [];
  const readAll = () => items.map((i) => i.w.ws.getRange(i.w.address).load("formulas"));
  for (let attempt = 0; attempt < 2; attempt++) {
    let diff: ReturnType<typeof compare>;
    try {
      const ranges = readAll();
      await ctx.sync();
      diff = compare(items, ranges.map((r) => r.formulas as unknown[][]));
    } catch (e) {
      error ??= describeError(e);
      continue;
    }
    kept = items.map((i, k) => ({ w: i.w, cells: diff[k].kept })).filter((x) => x.cells.length > 0);
    try {
      diff.forEach((d, k) => {
        if (d.remaining.length > 0) items[k].w.ws.getRange(items[k].w.address).formulas = d.grid as Cell[][];
      });
      for (const r of resizes) r.table.resize(r.previous);
      queueLogWrite(ctx, record, before);
      await ctx.sync();
      return { complete: true, remaining: [], kept, record: true, tables: [], checked: true, ...(error ? { error } : {}) };
    } catch (e) {
      error ??= describeError(e);
    }
  }
  try {
    const ranges = readAll();
    const setting = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    setting.load("value");
    const tables = resizes.map((r) => r.table.getRange().load("address"));
    await ctx.sync();
    const diff = compare(items, ranges.map((r) => r.formulas as unknown[][]));
    const remaining = items.map((i, k) => ({ w: i.w, cells: diff[k].remaining })).filter((x) => x.cells.length > 0);
    kept = items.map((i, k) => ({ w: i.w, cells: diff[k].kept })).filter((x) => x.cells.length > 0);
    const bare = (a: string) => a.slice(a.lastIndexOf("!") + 1).replace(/\$/g, "").toUpperCase();
    const wrongTables = resizes.filter((r, k) => bare(tables[k].address) !== bare(r.previous)).map((r) => r.previous);
    const recordBack = !setting.isNullObject && setting.value === JSON.stringify(record);
    return { complete: remaining.length === 0 && recordBack && wrongTables.length === 0, remaining, kept, record: recordBack, tables: wrongTables, checked: true, error };
  } catch (e) {
    error ??= describeError(e);
    return { complete: false, remaining: items.map((i) => ({ w: i.w, cells: [] })), kept, record: null, tables: resizes.map((r) => r.previous), checked: false, error };
  }
}

/** "Mining!B5:K30 (12 cells)" for the chunks of each block, merged per sheet and block. */
function describeCells(list: Array<{ w: ChunkWrite; cells: string[] }>): string {
  const byBlock = new Map<string, { sheet: string; cells: string[] }>();
  for (const { w, cells } of list) {
    const entry = byBlock.get(w.block) ?? { sheet: w.sheet, cells: [] };
    entry.cells.push(...cells);
    byBlock.set(w.block, entry);
  }
  return [...byBlock.values()]
    .map(({ sheet, cells }) => (cells.length <= 3 ? cells.map((c) => `${sheet}!${c}`).join(", ") : `${sheet}!${cells[0]}…${cells[cells.length - 1]} (${cells.length} cells)`))
    .join("; ");
}

function describeKept(kept: PutBackReport["kept"]): string {
  return kept.length === 0 ? "" : ` Cells edited while Refresh ran were left as edited: ${describeCells(kept)}.`;
}

/**
 * Writes the chunks, resizes the tables and writes the record in one batch, with the checks and
 * put-backs described above. `recordKeeping(blocks)` is the record with those blocks not updated.
 */
export async function writeRefresh(
  ctx: Excel.RequestContext,
  job: { writes: ChunkWrite[]; resizes: TableResize[]; record: InsertionLog; recordKeeping: (blocks: Set<string>) => InsertionLog; previousRecord: InsertionLog; before: BeforeState },
): Promise<WriteOutcome> {
  const { writes, resizes, record, before } = job;
  // Loaded before the writes in the same batch: what each range holds just before it is written.
  const checks = writes.map((w) => w.ws.getRange(w.address).load("formulas"));
  if (writes.length > 0) ctx.application.suspendApiCalculationUntilNextSync();
  for (const w of writes) {
    const range = w.ws.getRange(w.address);
    if (w.kind === "values") range.values = w.cells;
    else range.formulas = w.cells;
  }
  for (const r of resizes) r.table.resize(r.address);
  queueLogWrite(ctx, record, before);
  try {
    await ctx.sync();
  } catch (e) {
    const what = `Refresh failed while writing: ${describeError(e)}.`;
    const report = await putBack(ctx, writes.map((w) => ({ w, target: w.read })), resizes, job.previousRecord, before);
    throw new RefreshWriteError(`${what} ${describePutBack(report, "The blocks were put back as they were when Refresh read them; nothing changed.")}`, report);
  }

  // Someone edited a block between the read and the write: put those blocks back, edit included.
  const edited = new Map<string, Array<{ cell: string; value: unknown }>>();
  writes.forEach((w, k) => {
    const held = checks[k].formulas as unknown[][];
    w.read.forEach((line, r) =>
      line.forEach((v, c) => {
        const now = held[r]?.[c] ?? "";
        if (!sameCell(now, v)) edited.set(w.block, [...(edited.get(w.block) ?? []), { cell: `${w.sheet}!${address(w, r, c)}`, value: now }]);
      }),
    );
  });
  const keptEdits = new Map([...edited].map(([block, cells]) => [block, cells.map((x) => x.cell)]));
  if (edited.size === 0) return { keptEdits };
  const blocks = new Set(edited.keys());
  const items = writes.flatMap((w, k) => (blocks.has(w.block) ? [{ w, target: checks[k].formulas as unknown[][] }] : []));
  const report = await putBack(ctx, items, resizes.filter((r) => blocks.has(r.block)), job.recordKeeping(blocks), before);
  if (report.complete) return { keptEdits };
  const examples = [...edited.values()].flat().slice(0, 5).map((x) => `${x.cell} held ${typeof x.value === "string" ? quote(x.value) : String(x.value)}`);
  throw new RefreshWriteError(
    `Refresh wrote the new data, but cells were edited while it ran (${examples.join(", ")}), and putting those edits back failed. ${describePutBack(report, "", "the other blocks were refreshed")} Type those values again if you want them.`,
    report,
  );
}

/**
 * The state after putting back, in words: done, or exactly what still holds the new data. `rest`
 * says what holds for the cells not named (as they were, or refreshed).
 */
function describePutBack(report: PutBackReport, done: string, rest = "everything else is as it was"): string {
  if (report.complete) return `${done}${describeKept(report.kept)}`.trim();
  const why = report.error ? ` (${report.error})` : "";
  if (!report.checked) {
    return `Putting the blocks back also failed${why}, and they could not be read again to check: some cells in ${[...new Set(report.remaining.map((x) => x.w.sheet))].join(", ")} may hold the new data and the record may describe it. Run Refresh again to finish; it reports any block it cannot update.`;
  }
  const parts: string[] = [];
  if (report.remaining.length > 0) parts.push(`these cells still hold the new data: ${describeCells(report.remaining)}`);
  if (report.tables.length > 0) parts.push(`the table${report.tables.length === 1 ? "" : "s"} at ${report.tables.join(", ")} kept the new size`);
  if (report.record === false) parts.push("the add-in's record describes the refreshed data");
  const state = parts.length > 0 ? ` Now ${parts.join("; ")}; ${rest}.` : "";
  return `Putting the blocks back also failed${why}.${state}${describeKept(report.kept)} Run Refresh again to finish; it reports any block it cannot update.`;
}
