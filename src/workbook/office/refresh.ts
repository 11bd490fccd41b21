/**
 * Refresh: re-applies the refreshable data blocks of a previously inserted briefing from a plan
 * rebuilt with current datasets. Only cells inside those blocks are written, on sheets the add-in
 * created; formulas and the user's edits elsewhere stay as they are. Three syncs: read the record
 * and sheets; read the blocks' current content; write what changed and update the record.
 */
import { blockRange, formatCell, parseCell } from "../a1";
import type { Block, WorkbookPlan } from "../plan";
import { describeError, hostSupports, isSizeLimitError, readBefore, queueBeforeReads, shownText, syncFirstReads, type BeforeReads, type ExcelRunner, type ProgressListener } from "./common";
import { blockCell, rectangular, shownFirstRow } from "./insert";
import type { Renames } from "./naming";
import type { InsertionRecord, RecordedBlock } from "./record";
import { payloadBytes, REQUEST_BUDGET, chunkedWrites, formatBytes, CHUNK_BUDGET } from "./requests";
import { quote } from "../../quote";
import { RefreshWriteError, sameCell, writeRefresh, type ChunkWrite, type PutBackReport, type TableResize } from "./refreshWrite";

export interface BlockRefresh {
  sheet: string;
  blockId: string;
  datasetId?: string;
  range: string;
  status: "updated" | "unchanged" | "skipped";
  changedCells: number;
  /** A few changed cells, for the message: address, before, after. */
  examples: Array<{ address: string; before: unknown; after: unknown }>;
  reason?: string;
}

export interface RefreshReport {
  insertionId: string;
  title: string;
  blocks: BlockRefresh[];
  datasets: Array<{ id: string; before?: string; after?: string; changed: boolean }>;
  missingSheets: string[];
  changedCells: number;
}

export class RefreshError extends Error {
  constructor(
    message: string,
    /** After a failed write: what putting the blocks back achieved, cell by cell. */
    readonly putBack?: PutBackReport,
  ) {
    super(message);
    this.name = "RefreshError";
  }
}

type Cell = string | number | boolean;
const same = sameCell;

/** Re-applies refreshable blocks of insertion `insertionId` from `plan` (built from current datasets with the recorded options). */
export async function refreshInsertion(
  run: ExcelRunner,
  insertionId: string,
  plan: WorkbookPlan,
  options: { onProgress?: ProgressListener; now?: () => Date; requestBudget?: number } = {},
): Promise<RefreshReport> {
  const progress = options.onProgress ?? (() => undefined);
  const budget = options.requestBudget ?? REQUEST_BUDGET;
  return run(async (ctx) => {
    progress({ step: 1, total: 4, label: "Reading what was inserted" });
    let reads: BeforeReads;
    try {
      reads = await syncFirstReads(ctx, (withXml) => queueBeforeReads(ctx, withXml));
    } catch (e) {
      throw new RefreshError(`Could not read the workbook before refreshing: ${describeError(e)}. Nothing was changed; try again.`);
    }
    const before = readBefore(reads);
    const record = before.log?.insertions.find((r) => r.id === insertionId);
    if (!record) throw new RefreshError(`This workbook has no record of insertion ${insertionId}; it may have been inserted by another copy of the file. Insert the briefing again instead.`);
    if (record.templateId !== plan.metadata.templateId) throw new RefreshError(`insertion ${insertionId} came from template ${record.templateId}, not ${plan.metadata.templateId}`);

    const renames: Renames = {
      sheets: new Map(record.sheets.filter((s) => s.name !== s.planName).map((s) => [s.planName, s.name])),
      names: new Map(record.names.filter((n) => n.name !== n.planName).map((n) => [n.planName, n.name])),
    };
    const byId = new Map(reads.worksheets.items.map((w) => [w.id, w]));
    const byName = new Map(reads.worksheets.items.map((w) => [w.name.toLowerCase(), w]));

    interface Target {
      sheetKey: string;
      sheetLabel: string;
      ws: Excel.Worksheet;
      block: Block;
      recorded: RecordedBlock;
      area: string;
      rows: number;
      columns: number;
      current: Excel.Range;
    }
    const targets: Target[] = [];
    const report: BlockRefresh[] = [];
    const missingSheets: string[] = [];
    for (const sheet of plan.sheets) {
      const rec = record.sheets.find((s) => s.key === sheet.key);
      if (!rec) continue;
      // By id: a sheet of the same name that the user made after deleting ours is not ours.
      const ws = rec.worksheetId ? byId.get(rec.worksheetId) : byName.get(rec.name.toLowerCase());
      const blocks = sheet.blocks.filter((b) => b.refreshable);
      if (!ws) {
        if (blocks.length > 0) missingSheets.push(rec.name);
        continue;
      }
      for (const block of blocks) {
        const recorded = rec.blocks.find((b) => b.id === block.id);
        const columns = Math.max(...block.rows.map((r) => r.length), 0);
        const base = { sheet: ws.name, blockId: block.id, ...(block.datasetId ? { datasetId: block.datasetId } : {}), changedCells: 0, examples: [] };
        if (!recorded) {
          report.push({ ...base, range: blockRange(block.anchor, block.rows.length, columns), status: "skipped", reason: "this block is new in the current template version; insert the briefing again to get it" });
          continue;
        }
        if (recorded.anchor.toUpperCase() !== block.anchor.toUpperCase()) {
          report.push({ ...base, range: blockRange(recorded.anchor, recorded.rows, recorded.columns), status: "skipped", reason: `the template now places this block at ${block.anchor}, not ${recorded.anchor}; insert the briefing again` });
          continue;
        }
        const rows = Math.max(recorded.rows, block.rows.length);
        const cols = Math.max(recorded.columns, columns);
        const area = blockRange(block.anchor, rows, cols);
        const current = ws.getRange(area);
        current.load("formulas");
        targets.push({ sheetKey: sheet.key, sheetLabel: ws.name, ws, block, recorded, area, rows, columns: cols, current });
      }
    }

    // Tables over a refreshed block follow its row count: find them now, resize them in the write.
    const tableNames = new Map((record.tables ?? []).map((t) => [t.planName, t.name]));
    const tableTargets = plan.sheets.flatMap((sheet) =>
      (sheet.tables ?? []).map((t) => {
        const handle = ctx.workbook.tables.getItemOrNullObject(tableNames.get(t.name) ?? t.name);
        handle.load("name");
        return { sheetKey: sheet.key, spec: t, handle };
      }),
    );

    progress({ step: 2, total: 4, label: "Comparing with the current datasets" });
    try {
      await ctx.sync();
    } catch (e) {
      const advice = isSizeLimitError(e)
        ? "The blocks hold more than Excel returns in one request; insert the briefing or dataset again instead of refreshing it."
        : "Check that the inserted sheets still exist, then refresh again.";
      throw new RefreshError(`Could not read the inserted blocks: ${describeError(e)}. Nothing was changed. ${advice}`);
    }

    const writes: ChunkWrite[] = [];
    const updatedBlocks = new Map<string, RecordedBlock>();
    for (const t of targets) {
      const fresh = rectangular(t.block.rows, (v) => blockCell(t.block, v, renames));
      const now = t.current.formulas as unknown[][];
      const grid: Cell[][] = [];
      let changed = 0;
      let blockedBy: string | null = null;
      const examples: BlockRefresh["examples"] = [];
      const { row: top, column: left } = parseCell(t.block.anchor);
      // The block's first row as it was written: anything else there means rows or columns were
      // inserted or deleted before the block, or the user edited that row. Writing would overwrite
      // their cells, so the block is skipped.
      const expected = t.recorded.firstRow ?? [];
      const c = expected.findIndex((v, i) => !same(now[0]?.[i] ?? "", v));
      if (c >= 0) {
        report.push({
          sheet: t.sheetLabel,
          blockId: t.block.id,
          ...(t.block.datasetId ? { datasetId: t.block.datasetId } : {}),
          range: t.area,
          status: "skipped",
          changedCells: 0,
          examples: [],
          reason: `${formatCell({ row: top, column: left + c })} no longer holds what was inserted there (${typeof expected[c] === "string" ? quote(expected[c] as string) : String(expected[c])}): rows or columns were probably inserted or deleted above or to the left of this block, or the cell was edited. Nothing was written over it; insert the briefing or dataset again to get the current data`,
        });
        continue;
      }
      for (let r = 0; r < t.rows; r++) {
        const line: Cell[] = [];
        for (let c = 0; c < t.columns; c++) {
          const inNew = r < fresh.length && c < (fresh[0]?.length ?? 0);
          const inOld = r < t.recorded.rows && c < t.recorded.columns;
          const cur = now[r]?.[c] ?? "";
          const next: Cell = inNew ? fresh[r][c] : "";
          if (!inOld && inNew && cur !== "" && cur !== null) blockedBy = blockedBy ?? formatCell({ row: top + r, column: left + c });
          if (!same(cur, shownText(next))) {
            changed++;
            if (examples.length < 5) examples.push({ address: formatCell({ row: top + r, column: left + c }), before: cur, after: shownText(next) });
          }
          line.push(next);
        }
        grid.push(line);
      }
      const base = { sheet: t.sheetLabel, blockId: t.block.id, ...(t.block.datasetId ? { datasetId: t.block.datasetId } : {}), range: t.area };
      if (blockedBy) {
        report.push({ ...base, status: "skipped", changedCells: 0, examples: [], reason: `the data grew into ${blockedBy}, which holds other content; move it and refresh again` });
        continue;
      }
      report.push({ ...base, status: changed > 0 ? "updated" : "unchanged", changedCells: changed, examples });
      updatedBlocks.set(`${t.sheetKey}/${t.block.id}`, {
        ...t.recorded,
        rows: fresh.length,
        columns: fresh[0]?.length ?? 0,
        ...(t.block.datasetId ? { datasetId: t.block.datasetId } : {}),
        firstRow: shownFirstRow(t.block, renames),
      });
      if (changed > 0) {
        // What the cells held when read, kept with each chunk: what a failed write puts back.
        const read = Array.from({ length: t.rows }, (_, r) => Array.from({ length: t.columns }, (_, c) => now[r]?.[c] ?? ""));
        for (const chunk of chunkedWrites(top, left, grid, CHUNK_BUDGET)) {
          writes.push({
            ws: t.ws,
            sheet: t.sheetLabel,
            address: chunk.address,
            top: top + chunk.offset,
            left,
            block: `${t.sheetKey}/${t.block.id}`,
            kind: t.block.kind,
            cells: chunk.rows,
            read: read.slice(chunk.offset, chunk.offset + chunk.rows.length),
          });
        }
      }
    }

    // A table whose top-left is a refreshed block's anchor takes the block's new size.
    const resizes: TableResize[] = [];
    for (const t of tableTargets) {
      if (t.handle.isNullObject) continue;
      const start = parseCell(t.spec.range.split(":")[0]);
      const target = targets.find((x) => x.sheetKey === t.sheetKey && updatedBlocks.has(`${x.sheetKey}/${x.block.id}`) && parseCell(x.block.anchor).row === start.row && parseCell(x.block.anchor).column === start.column);
      if (!target) continue;
      const now = updatedBlocks.get(`${target.sheetKey}/${target.block.id}`)!;
      if (now.rows === target.recorded.rows && now.columns === target.recorded.columns) continue;
      resizes.push({
        table: t.handle,
        address: blockRange(target.block.anchor, now.rows, now.columns),
        previous: blockRange(target.block.anchor, target.recorded.rows, target.recorded.columns),
        block: `${target.sheetKey}/${target.block.id}`,
      });
    }

    // Table.resize is ExcelApi 1.13; an older Excel cannot grow or shrink the table, so nothing is written.
    if (resizes.length > 0 && !hostSupports("1.13")) {
      throw new RefreshError(
        "The refreshed dataset has a different number of rows, and resizing its table needs a newer Excel (Excel API 1.13: Microsoft 365 or Excel 2021 and later). Nothing was changed; insert the dataset again instead.",
      );
    }

    const refreshedAt = (options.now ?? (() => new Date()))().toISOString();
    // The log with this insertion's record refreshed, except for the blocks in `kept` (left as they were).
    const logKeeping = (kept: Set<string>) => {
      const updated: InsertionRecord = {
        ...record,
        refreshedAt,
        datasets: plan.metadata.datasets,
        sheets: record.sheets.map((s) => ({
          ...s,
          blocks: s.blocks.map((b) => (kept.has(`${s.key}/${b.id}`) ? b : (updatedBlocks.get(`${s.key}/${b.id}`) ?? b))),
        })),
      };
      return { ...before.log!, insertions: before.log!.insertions.map((r) => (r.id === record.id ? updated : r)) };
    };
    const log = logKeeping(new Set());
    const bytes = writes.reduce((n, w) => n + payloadBytes(w.cells), 0) + 2 * payloadBytes(log);
    if (bytes > budget) throw new RefreshError(`The refreshed data needs about ${formatBytes(bytes)}, more than one request may carry; nothing was changed. Insert the briefing or dataset again to get the current data.`);

    progress({ step: 3, total: 4, label: "Writing the changed blocks" });
    let outcome;
    try {
      outcome = await writeRefresh(ctx, { writes, resizes, record: log, recordKeeping: logKeeping, previousRecord: before.log!, before });
    } catch (e) {
      if (e instanceof RefreshWriteError) throw new RefreshError(e.message, e.putBack);
      throw e;
    }
    // A block edited while Refresh ran keeps the edit and is reported, not refreshed.
    for (const [key, cells] of outcome.keptEdits) {
      const entry = report.find((b) => `${targets.find((t) => t.block.id === b.blockId && t.sheetLabel === b.sheet)?.sheetKey}/${b.blockId}` === key);
      if (!entry) continue;
      Object.assign(entry, {
        status: "skipped",
        changedCells: 0,
        examples: [],
        reason: `${cells.slice(0, 3).join(", ")}${cells.length > 3 ? ` and ${cells.length - 3} more cells` : ""} changed while Refresh was running; the edit was kept and this block was not refreshed. Refresh again to update it`,
      });
    }
    progress({ step: 4, total: 4, label: "Done" });
    const oldHashes = new Map(record.datasets.map((d) => [d.id, d.hash]));
    const newHashes = new Map(plan.metadata.datasets.map((d) => [d.id, d.hash]));
    const ids = [...new Set([...oldHashes.keys(), ...newHashes.keys()])];
    return {
      insertionId: record.id,
      title: record.title,
      blocks: report,
      datasets: ids.map((id) => ({ id, before: oldHashes.get(id), after: newHashes.get(id), changed: oldHashes.get(id) !== newHashes.get(id) })),
      missingSheets,
      changedCells: report.reduce((n, b) => n + b.changedCells, 0),
    };
  });
}

/** A one-paragraph account of a refresh for the task pane. */
export function describeRefresh(r: RefreshReport): string {
  const updated = r.blocks.filter((b) => b.status === "updated");
  const skipped = r.blocks.filter((b) => b.status === "skipped");
  const parts: string[] = [];
  parts.push(
    updated.length === 0
      ? `"${r.title}": every data block already matches the current datasets.`
      : `"${r.title}": ${r.changedCells} cell${r.changedCells === 1 ? "" : "s"} changed in ${updated.map((b) => `${b.sheet}!${b.range}`).join(", ")}.`,
  );
  const changedData = r.datasets.filter((d) => d.changed);
  if (changedData.length > 0) parts.push(`Datasets with new content: ${changedData.map((d) => d.id).join(", ")}.`);
  for (const s of skipped) parts.push(`Not refreshed: ${s.sheet}!${s.range} (${s.reason}).`);
  if (r.missingSheets.length > 0) parts.push(`Sheets no longer in the workbook: ${r.missingSheets.join(", ")}.`);
  return parts.join(" ");
}
