/** The Office.js adapter: applies WorkbookPlans to the open workbook, refreshes and shares them. */
export { insertPlan, InsertError, type InsertOptions, type InsertResult } from "./insert";
export { refreshInsertion, describeRefresh, RefreshError, type RefreshReport, type BlockRefresh } from "./refresh";
export { prepareForSharing, ShareError, type ShareOptions, type ShareResult } from "./share";
export { listSheets, activateSheet, readInsertions, type SheetInfo } from "./workbook";
export type { ExcelRunner, ProgressStep, ProgressListener } from "./common";
export type { InsertionRecord, InsertionLog } from "./record";
export { SETTINGS_KEY, INSERTIONS_XML_NAMESPACE } from "./record";
export { REQUEST_BUDGET, EXCEL_WEB_REQUEST_LIMIT } from "./requests";
