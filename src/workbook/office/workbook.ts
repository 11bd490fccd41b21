/** Small context-level helpers the task pane needs besides insert, refresh and share. */
import { queueLogReads, readLog, syncFirstReads, type ExcelRunner } from "./common";
import { emptyLog, type InsertionLog } from "./record";

export interface SheetInfo {
  name: string;
  id: string;
  visible: boolean;
}

export async function listSheets(run: ExcelRunner): Promise<SheetInfo[]> {
  return run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load("items/name,items/id,items/visibility");
    await ctx.sync();
    return sheets.items.map((s) => ({ name: s.name, id: s.id, visible: s.visibility === "Visible" }));
  });
}

export async function activateSheet(run: ExcelRunner, name: string): Promise<void> {
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
    ws.load("name");
    await ctx.sync();
    if (ws.isNullObject) throw new Error(`There is no sheet named "${name}" any more: it was renamed or deleted. Pick it from the sheet tabs instead.`);
    ws.activate();
    ws.getRange("A1").select();
    await ctx.sync();
  });
}

/**
 * The insertion log (settings merged with the custom XML part, one sync), with each recorded sheet
 * under its current tab name: a sheet the user renamed is found by its worksheet id.
 */
export async function readInsertions(run: ExcelRunner): Promise<InsertionLog> {
  return run(async (ctx) => {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load("items/name,items/id");
    const reads = await syncFirstReads(ctx, (withXml) => queueLogReads(ctx, withXml));
    return withLiveSheetNames(readLog(reads).log ?? emptyLog(), worksheets.items);
  });
}

/** The log with recorded sheet names replaced by the tabs' current names (matched by worksheet id). */
export function withLiveSheetNames(log: InsertionLog, worksheets: Array<{ id: string; name: string }>): InsertionLog {
  const byId = new Map(worksheets.map((w) => [w.id, w.name]));
  return {
    ...log,
    insertions: log.insertions.map((r) => ({
      ...r,
      sheets: r.sheets.map((s) => (s.worksheetId && byId.has(s.worksheetId) ? { ...s, name: byId.get(s.worksheetId)! } : s)),
    })),
  };
}
