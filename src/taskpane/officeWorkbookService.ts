/**
 * The WorkbookService the pane uses inside Excel: builds plans from the templates and datasets and
 * hands them to the Office.js adapter. The only task-pane module that calls Office.
 */
import { buildPlan } from "../../templates";
import { datasetIds, getDataset, listDatasets } from "../data";
import { activateSheet, insertPlan, listSheets, prepareForSharing, readInsertions, refreshInsertion, describeRefresh, type ExcelRunner } from "../workbook/office";
import { datasetPlan } from "../workbook/office/datasetPlan";
import type { PlanValue } from "../workbook/plan";
import type { BriefingChoice, WorkbookService } from "./services";

/** Sources sheet rows for sharing: the same provenance the Sources template gives. */
export function sourcesTable(ids: string[]): PlanValue[][] {
  const known = new Set(datasetIds());
  return [
    ["Dataset id", "Title", "Publisher", "Licence", "Units", "Coverage", "Source URL", "SHA-256"],
    ...ids.filter((id) => known.has(id)).map((id) => {
      const m = getDataset(id).meta;
      return [m.id, m.title, m.publisher, m.licence, m.units, m.coverage.summary, m.sourceUrl, m.sha256];
    }),
  ];
}

export function createOfficeWorkbookService(run: ExcelRunner = (batch) => Excel.run(batch)): WorkbookService {
  return {
    async insertBriefing(templateId, choice: BriefingChoice, onProgress) {
      const options: Record<string, unknown> = { countries: choice.countries, stages: choice.stages, year: choice.year };
      if (choice.source) options.source = choice.source;
      const plan = buildPlan(templateId, options);
      const r = await insertPlan(run, plan, { onProgress, kind: "briefing" });
      return { insertionId: r.insertionId, sheets: r.sheets.map((s) => s.name) };
    },
    async insertDataset(datasetId, onProgress) {
      const r = await insertPlan(run, datasetPlan(getDataset(datasetId)), { onProgress, kind: "dataset" });
      return { insertionId: r.insertionId, sheets: r.sheets.map((s) => s.name) };
    },
    async listSheets() {
      return (await listSheets(run)).filter((s) => s.visible).map((s) => s.name);
    },
    async listInsertions() {
      const log = await readInsertions(run);
      return log.insertions.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        insertedAt: r.insertedAt,
        ...(r.refreshedAt ? { refreshedAt: r.refreshedAt } : {}),
        sheets: r.sheets.map((s) => s.name),
      }));
    },
    async refresh(insertionId, onProgress) {
      const log = await readInsertions(run);
      const rec = log.insertions.find((r) => r.id === insertionId);
      if (!rec) throw new Error(`No record of insertion ${insertionId} in this workbook.`);
      const plan =
        rec.kind === "dataset"
          ? datasetPlan(getDataset(String(rec.options.dataset)))
          : buildPlan(rec.templateId === "briefing" ? "all" : rec.templateId, rec.options as never);
      const report = await refreshInsertion(run, insertionId, plan, { onProgress });
      return { report, message: describeRefresh(report) };
    },
    async prepareForSharing(sheets, onProgress) {
      return prepareForSharing(run, sheets, { onProgress, knownDatasetIds: listDatasets().map((m) => m.id), sourcesTable });
    },
    async activateSheet(name) {
      await activateSheet(run, name);
    },
  };
}
