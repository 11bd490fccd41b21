/**
 * A workbook plan: a plain, serialisable description of what to put into a workbook. Templates
 * produce plans and never touch Office or files; adapters apply them (Office.js, .xlsx, headless
 * engine). Formulas refer to defined names or plain A1 references, never structured references.
 *
 * Sheets are identified by a stable `key`; `name` is the tab name the template would like. An
 * adapter may rename a sheet to avoid a collision, so cross-sheet references go through defined
 * names, whose `sheet` field holds the sheet key.
 */
export const PLAN_FORMAT_VERSION = 1;

export type PlanValue = number | string | boolean | null;

/** A rectangular block written in one call. Formula cells are strings starting with "=". */
export interface Block {
  /** Stable within its sheet, e.g. "data:usgs_mcs_mine_production"; Refresh matches on it. */
  id: string;
  kind: "values" | "formulas";
  /** Top-left cell, A1 style, e.g. "B4". */
  anchor: string;
  rows: PlanValue[][];
  /** Data blocks that Refresh may re-apply from current datasets. */
  refreshable?: boolean;
  /** Dataset the values come from, if any. */
  datasetId?: string;
  /**
   * For a formula that spills: the top-left formula cell holds it and the rest of `rows` is null.
   * Adapters write it as a dynamic array (Excel) or, in an .xlsx, one INDEX formula per cell of the
   * `spill` rows × columns (src/workbook/xlsx/cells.ts says why).
   */
  spill?: { rows: number; columns: number };
}

export interface NumberFormatSpec {
  range: string;
  format: string;
}

export interface StyleSpec {
  range: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  horizontalAlignment?: "left" | "center" | "right";
  border?: "thin" | "bottom";
  /** An input cell analysts may edit (scenario levers): styled distinctly by every adapter. */
  role?: "input" | "header" | "title" | "note" | "output";
}

export interface DefinedNameSpec {
  name: string;
  /** Sheet key (not display name). */
  sheet: string;
  /** A1 range inside that sheet, e.g. "B4:B12". */
  range: string;
  comment?: string;
}

export interface TableSpec {
  name: string;
  range: string;
  style?: string;
}

export type ConditionalFormatSpec =
  | {
      type: "colorScale";
      range: string;
      /** Colours for minimum, optional midpoint and maximum, as #RRGGBB. */
      minColor: string;
      midColor?: string;
      maxColor: string;
    }
  | {
      type: "cellValue";
      range: string;
      operator: "greaterThan" | "lessThan" | "between" | "equal" | "greaterThanOrEqual" | "lessThanOrEqual";
      formula1: string;
      formula2?: string;
      fill: string;
      fontColor?: string;
    };

export interface ChartSpec {
  id: string;
  type: "columnClustered" | "barClustered" | "line" | "lineMarkers" | "pie" | "xyScatter";
  title: string;
  /** A1 range of the data including its header row and label column. */
  dataRange: string;
  seriesBy: "columns" | "rows";
  /** Where the chart sits: top-left and bottom-right cells. */
  position: { from: string; to: string };
  xAxisTitle?: string;
  yAxisTitle?: string;
}

export interface ColumnWidthSpec {
  /** Column letter, e.g. "A". */
  column: string;
  /** Width in characters, as Excel measures it. */
  width: number;
}

export interface SheetPlan {
  key: string;
  name: string;
  tabColor?: string;
  blocks: Block[];
  numberFormats?: NumberFormatSpec[];
  styles?: StyleSpec[];
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  tables?: TableSpec[];
  columnWidths?: ColumnWidthSpec[];
  freeze?: { rows: number; columns: number };
  /**
   * Cells that show #N/A until the analyst supplies a figure the reference data does not hold
   * (e.g. WGI scores); the reason is also written on the sheet. Checks treat them as expected.
   */
  documentedGaps?: Array<{ range: string; reason: string }>;
  /** What an input cell accepts, with the message shown when it is selected and when a value is refused. */
  validations?: DataValidationSpec[];
  /** Ranges shown as one cell (wrapped notes across the sheet's width); the top-left cell holds the content. */
  merges?: string[];
  /** Rows taller than the default, so wrapped text shows whole. */
  rowHeights?: RowHeightSpec[];
  /** How the sheet prints. */
  page?: PageSetupSpec;
}

/**
 * A guard on input cells (Excel's data validation): a number, or a whole number, between min and
 * max. Titles are at most 32 characters and messages at most 255, Excel's limits.
 */
export interface DataValidationSpec {
  range: string;
  type: "decimal" | "whole";
  min: number;
  max: number;
  /** A blank cell is allowed (the formulas then say what is missing); default true. */
  allowBlank?: boolean;
  /** Shown when the cell is selected: what the cell does. */
  prompt: { title: string; message: string };
  /** Shown when a value outside the rule is typed: what is allowed. */
  error: { title: string; message: string };
}

export interface RowHeightSpec {
  /** 1-based row number, as Excel shows it. */
  row: number;
  /** Height in points. */
  height: number;
}

export interface PageSetupSpec {
  orientation: "portrait" | "landscape";
  /** The printed range, A1 style. */
  area: string;
  /** Rows repeated at the top of every printed page (1-based, inclusive). */
  titleRows?: { first: number; last: number };
  /** Pages wide and tall the print is scaled to fit; 0 = as many as needed. */
  fitToWidth: number;
  fitToHeight: number;
  /**
   * Rows (1-based) that start a new printed page. Set on sheets with charts so that no chart is
   * split between two pages (src/workbook/pages.ts); the .xlsx renderer works them out again on
   * the evaluated layout.
   */
  pageBreaksBefore?: number[];
}

/**
 * Header and footer texts, in Excel's header/footer codes (the same in the file format and in
 * Office.js): &P page number, &N number of pages, &A sheet name, && a literal ampersand.
 */
export interface HeaderFooterSpec {
  left?: string;
  center?: string;
  right?: string;
}

export type PaperSize = "letter" | "a4";

/** Print settings shared by every sheet of the plan. */
export interface PrintSpec {
  /** Omitted: the reader's default paper (Excel's is the locale's). */
  paper?: PaperSize;
  header: HeaderFooterSpec;
  footer: HeaderFooterSpec;
}

export interface PlanMetadata {
  templateId: string;
  templateVersion: string;
  title: string;
  options: Record<string, unknown>;
  /** Every dataset the plan's values or formulas use, with its content hash. */
  datasets: Array<{ id: string; hash: string }>;
  /** ISO 8601 time of generation. */
  generatedAt: string;
  /** Version of the compound vulnerability model the formulas use, where relevant. */
  modelVersion?: number;
}

export interface WorkbookPlan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  metadata: PlanMetadata;
  sheets: SheetPlan[];
  names: DefinedNameSpec[];
  /** Header, footer and paper for printing every sheet. */
  print?: PrintSpec;
}
