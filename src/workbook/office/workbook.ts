/** Small context-level helpers the task pane needs besides insert, refresh and share. */
import type { ExcelRunner } from "./common";
import { INSERTIONS_XML_NAMESPACE, logFromXml, parseLog, SETTINGS_KEY, type InsertionLog } from "./record";

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
    const ws = ctx.workbook.worksheets.getItem(name);
    ws.activate();
    ws.getRange("A1").select();
    await ctx.sync();
  });
}

/** The insertion log: from settings, or from the custom XML part when settings were lost. */
export async function readInsertions(run: ExcelRunner): Promise<InsertionLog> {
  return run(async (ctx) => {
    const setting = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    setting.load("value");
    const parts = ctx.workbook.customXmlParts.getByNamespace(INSERTIONS_XML_NAMESPACE);
    parts.load("items/id");
    await ctx.sync();
    if (!setting.isNullObject) return parseLog(setting.value);
    if (parts.items.length === 0) return parseLog(null);
    const xml = parts.items[0].getXml();
    await ctx.sync();
    return logFromXml(xml.value);
  });
}
