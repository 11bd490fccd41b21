/**
 * What the task pane's components need from the outside world. Components receive these
 * interfaces as props and never call Office themselves, so they render and test without Excel.
 */
import type { ProgressStep } from "../workbook/office/common";
import type { RefreshReport } from "../workbook/office/refresh";
import type { ShareResult } from "../workbook/office/share";
import type { PlanValue } from "../workbook/plan";

export type { ProgressStep, RefreshReport, ShareResult };

/** The template id that means "every template, then Sources". */
export const ALL_TEMPLATES_ID = "all";

export interface TemplateInfo {
  id: string;
  title: string;
  description: string;
  options: Array<{ name: string; description: string }>;
}

export interface DatasetInfo {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  units: string;
  coverage: string;
  sourceUrl: string;
  notes: string[];
  rows: number;
}

export interface BriefingChoice {
  countries: string[];
  stages: Array<"mining" | "midstream" | "magnets">;
  /** null: the latest year with data. */
  year: number | null;
  /** Mine-production source where a template offers a choice. */
  source?: string;
}

export interface CatalogService {
  templates(): TemplateInfo[];
  datasets(): DatasetInfo[];
  /** Header row and the first `n` rows. */
  preview(datasetId: string, n: number): PlanValue[][];
  countries(): Array<{ iso3: string; name: string }>;
  sources(): Array<{ id: string; title: string }>;
}

export interface InsertSummary {
  insertionId: string;
  sheets: string[];
}

export interface InsertionSummary {
  id: string;
  title: string;
  kind: "briefing" | "dataset";
  insertedAt: string;
  refreshedAt?: string;
  sheets: string[];
}

export interface WorkbookService {
  insertBriefing(templateId: string, choice: BriefingChoice, onProgress: (p: ProgressStep) => void): Promise<InsertSummary>;
  insertDataset(datasetId: string, onProgress: (p: ProgressStep) => void): Promise<InsertSummary>;
  listSheets(): Promise<string[]>;
  listInsertions(): Promise<InsertionSummary[]>;
  refresh(insertionId: string, onProgress: (p: ProgressStep) => void): Promise<{ report: RefreshReport; message: string }>;
  prepareForSharing(sheets: string[], onProgress: (p: ProgressStep) => void): Promise<ShareResult>;
  activateSheet(name: string): Promise<void>;
}
