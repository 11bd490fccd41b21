/**
 * What the add-in records in a workbook about each insertion (template id and version, dataset ids
 * and hashes, time, the sheets and blocks it wrote), so that Refresh can find them again and the
 * provenance travels with the file: JSON in the add-in's workbook settings, mirrored in a custom
 * XML part.
 */
import type { PlanMetadata } from "../plan";

export const SETTINGS_KEY = "chokepoint.insertions";
export const INSERTIONS_XML_NAMESPACE = "urn:chokepoint:insertions";
export const RECORD_FORMAT_VERSION = 1;

export interface RecordedBlock {
  id: string;
  kind: "values" | "formulas";
  anchor: string;
  rows: number;
  columns: number;
  refreshable: boolean;
  datasetId?: string;
  /**
   * What the block's first row showed when written (refreshable blocks). Refresh compares it with
   * what is at the anchor now: rows or columns inserted above or to the left, or an edit of that
   * row, make them differ, and the block is skipped instead of written over the user's cells.
   */
  firstRow?: Array<string | number | boolean>;
}

export interface RecordedSheet {
  key: string;
  /** Tab name the plan asked for. */
  planName: string;
  /** Tab name actually used (differs after a collision). */
  name: string;
  /** Excel's worksheet id: stable when the user renames the tab. */
  worksheetId?: string;
  blocks: RecordedBlock[];
}

export interface InsertionRecord {
  /** Unique per insertion. */
  id: string;
  kind: "briefing" | "dataset";
  templateId: string;
  templateVersion: string;
  title: string;
  options: Record<string, unknown>;
  datasets: Array<{ id: string; hash: string }>;
  modelVersion?: number;
  planFormatVersion: number;
  /** ISO 8601. */
  insertedAt: string;
  refreshedAt?: string;
  sheets: RecordedSheet[];
  /** Defined names the plan asked for and the names actually used. */
  names: Array<{ planName: string; name: string }>;
  /** Table names, likewise. */
  tables?: Array<{ planName: string; name: string }>;
}

export interface InsertionLog {
  formatVersion: number;
  insertions: InsertionRecord[];
}

export function emptyLog(): InsertionLog {
  return { formatVersion: RECORD_FORMAT_VERSION, insertions: [] };
}

/** Parses the settings value; anything unreadable counts as no log (and is reported by the caller). */
export function parseLog(value: unknown): InsertionLog {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return emptyLog();
    }
  }
  if (v && typeof v === "object" && Array.isArray((v as InsertionLog).insertions)) return v as InsertionLog;
  return emptyLog();
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The custom XML part: readable attributes for each insertion, plus the full record as JSON. */
export function logToXml(log: InsertionLog): string {
  const items = log.insertions
    .map((r) => {
      const datasets = r.datasets.map((d) => `<dataset id="${xmlEscape(d.id)}" sha256="${xmlEscape(d.hash)}"/>`).join("");
      const sheets = r.sheets.map((s) => `<sheet key="${xmlEscape(s.key)}" name="${xmlEscape(s.name)}"/>`).join("");
      return (
        `<insertion id="${xmlEscape(r.id)}" kind="${r.kind}" template="${xmlEscape(r.templateId)}" version="${xmlEscape(r.templateVersion)}" ` +
        `insertedAt="${xmlEscape(r.insertedAt)}"${r.refreshedAt ? ` refreshedAt="${xmlEscape(r.refreshedAt)}"` : ""}>${datasets}${sheets}` +
        `<record>${xmlEscape(JSON.stringify(r))}</record></insertion>`
      );
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><chokepointInsertions xmlns="${INSERTIONS_XML_NAMESPACE}" formatVersion="${log.formatVersion}">${items}</chokepointInsertions>`;
}

/** Reads the full records back from the XML part (used when settings were lost). */
export function logFromXml(xml: string): InsertionLog {
  const out = emptyLog();
  const re = /<record>([\s\S]*?)<\/record>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const json = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    out.insertions.push(JSON.parse(json) as InsertionRecord);
  }
  return out;
}

export function newInsertionId(meta: Pick<PlanMetadata, "templateId">, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.TZ]/g, "").slice(0, 14);
  return `${meta.templateId}-${stamp}-${Math.floor(Math.random() * 0xffff).toString(16).padStart(4, "0")}`;
}
