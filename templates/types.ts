/** What every briefing template declares: identity, options with defaults, and how it adds its sheets. */
import type { PlanBuilder } from "./kit";
import type { PaperSize } from "../src/workbook/plan";

export const STAGES = ["mining", "midstream", "magnets"] as const;
export type Stage = (typeof STAGES)[number];

/** Options every template understands; each template documents which ones it uses. */
export interface BriefingOptions {
  /** ISO 3166 alpha-3 codes of the countries compared. */
  countries: string[];
  /** Year of the figures; null means the latest year with data, per dataset. */
  year: number | null;
  stages: Stage[];
  /** Mine-production dataset for the templates that show one source's series; null: the template's default. */
  source: string | null;
  /** Paper the sheets print on; null: the reader's default (Excel's follows the locale). */
  paper?: PaperSize | null;
}

export interface OptionDoc {
  name: string;
  description: string;
  default: unknown;
}

export interface TemplateDefinition {
  id: string;
  title: string;
  description: string;
  /** Bumped whenever the layout or formulas change: saved workbooks record it. */
  version: string;
  /** Tab name of the sheet the template adds. */
  sheetName: string;
  options: OptionDoc[];
  /** Adds the template's sheet(s) and names to the book. Pure: no Office, no files, no clock. */
  addTo(book: PlanBuilder, options: BriefingOptions): void;
}
