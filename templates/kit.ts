/**
 * Building blocks for templates: a PlanBuilder that collects sheets, names and the datasets used,
 * and a SheetBuilder that lays blocks out top to bottom. Pure: no Office, no files.
 */
import { blockRange, columnLetter, formatCell, parseCell, parseRange, type CellAddress } from "../src/workbook/a1";
import {
  PLAN_FORMAT_VERSION,
  type Block,
  type ChartSpec,
  type ConditionalFormatSpec,
  type DefinedNameSpec,
  type PageSetupSpec,
  type PlanMetadata,
  type PlanValue,
  type PrintSpec,
  type SheetPlan,
  type StyleSpec,
  type WorkbookPlan,
} from "../src/workbook/plan";
import { finishSheet } from "./sheetLayout";

/** Colours shared by every template so the briefing reads as one document. */
export const COLOURS = {
  title: "#1F3864",
  header: "#D9E1F2",
  input: "#FFF2CC",
  inputFont: "#1F4E79",
  note: "#595959",
  low: "#63BE7B",
  mid: "#FFEB84",
  high: "#F8696B",
};

/**
 * What an input cell accepts: the rule, what the cell does (shown when it is selected) and what is
 * allowed (shown when a value is refused). Excel's limits: titles 32 characters, the prompt 255,
 * the error message 225.
 */
export interface InputGuard {
  type: "decimal" | "whole";
  min: number;
  max: number;
  title: string;
  does: string;
  allowed: string;
}

/** The guards templates put on their input cells. */
export const guard = {
  /** A share of a whole, 0–1. */
  share: (title: string, does: string): InputGuard => ({ type: "decimal", min: 0, max: 1, title, does, allowed: "Enter a share between 0 and 1, for example 0.25 for 25%." }),
  /** A model weight, 0–1. */
  weight: (title: string, does: string): InputGuard => ({ type: "decimal", min: 0, max: 1, title, does, allowed: "Enter a weight between 0 and 1 (0 turns the effect off, 1 gives it full weight)." }),
  /** A year the data covers. */
  year: (first: number, last: number, title: string, does: string): InputGuard => ({
    type: "whole",
    min: first,
    max: last,
    title,
    does,
    allowed: `Enter a year from ${first} to ${last}, the years the data behind this sheet covers.`,
  }),
  /** Any number from min to max, in the unit named. */
  between: (min: number, max: number, unit: string, title: string, does: string): InputGuard => ({
    type: "decimal",
    min,
    max,
    title,
    does,
    allowed: `Enter a number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")} (${unit}).`,
  }),
};

/** A block once placed: where it is and how to address its cells. */
export class Placed {
  constructor(
    readonly anchor: string,
    readonly rowCount: number,
    readonly columnCount: number,
  ) {}
  get top(): number {
    return parseCell(this.anchor).row;
  }
  get left(): number {
    return parseCell(this.anchor).column;
  }
  get range(): string {
    return blockRange(this.anchor, this.rowCount, this.columnCount);
  }
  /** A1 address of the cell at row r, column c of the block (0-based). */
  cell(r: number, c: number): string {
    return formatCell({ row: this.top + r, column: this.left + c });
  }
  /** A1 range of column c from row r0 to r1 inclusive (0-based, inside the block). */
  column(c: number, r0 = 0, r1 = this.rowCount - 1): string {
    return `${this.cell(r0, c)}:${this.cell(r1, c)}`;
  }
  /** A1 range of row r from column c0 to c1 inclusive. */
  row(r: number, c0 = 0, c1 = this.columnCount - 1): string {
    return `${this.cell(r, c0)}:${this.cell(r, c1)}`;
  }
  /** A1 range of the sub-rectangle rows r0..r1, columns c0..c1. */
  area(r0: number, c0: number, r1: number, c1: number): string {
    return `${this.cell(r0, c0)}:${this.cell(r1, c1)}`;
  }
}

export interface PlaceOptions {
  /** 0-based column of the block's left edge (default 0, column A). */
  column?: number;
  /** Explicit 0-based row; default: the sheet's next free row. */
  row?: number;
  datasetId?: string;
  refreshable?: boolean;
  /** Style the first row as a header. */
  header?: boolean;
  /** Leave the cursor where it was (for blocks placed side by side). */
  keepCursor?: boolean;
}

export class SheetBuilder {
  readonly plan: SheetPlan;
  /** Next free row, 0-based. */
  row = 0;
  /** Notes and titles, wrapped across the sheet when too long for their cell. */
  private readonly prose: Array<CellAddress & { size?: number; bold?: boolean }> = [];
  private readonly samples = new Map<string, string>();
  private pageOptions: Partial<PageSetupSpec> = {};

  constructor(
    private readonly book: PlanBuilder,
    key: string,
    name: string,
    tabColor?: string,
  ) {
    this.plan = { key, name, blocks: [], styles: [], numberFormats: [], conditionalFormats: [], charts: [], columnWidths: [], ...(tabColor ? { tabColor } : {}) };
  }

  get key(): string {
    return this.plan.key;
  }

  private place(block: Omit<Block, "anchor">, options: PlaceOptions): Placed {
    const row = options.row ?? this.row;
    const anchor = formatCell({ row, column: options.column ?? 0 });
    const columns = Math.max(1, ...block.rows.map((r) => r.length));
    // every row of a block has the same width: adapters write it as one rectangle
    const rows = block.rows.map((r) => [...r, ...Array<PlanValue>(columns - r.length).fill(null)]);
    const spillRows = block.spill ? Math.max(block.spill.rows, rows.length) : rows.length;
    const spillColumns = block.spill ? Math.max(block.spill.columns, columns) : columns;
    const full = block.spill
      ? Array.from({ length: spillRows }, (_, r) => Array.from({ length: spillColumns }, (_, c) => (r === 0 && c === 0 ? rows[0][0] : null)))
      : rows;
    this.plan.blocks.push({ ...block, anchor, rows: full });
    if (options.datasetId) this.book.useDataset(options.datasetId);
    const placed = new Placed(anchor, full.length, full[0].length);
    if (options.header) this.style({ range: placed.row(0), role: "header", bold: true, fill: COLOURS.header });
    if (!options.keepCursor) this.row = Math.max(this.row, row + full.length);
    return placed;
  }

  values(id: string, rows: PlanValue[][], options: PlaceOptions = {}): Placed {
    return this.place(
      { id, kind: "values", rows, ...(options.datasetId ? { datasetId: options.datasetId } : {}), ...(options.refreshable ? { refreshable: true } : {}) },
      options,
    );
  }

  /** Reference data under a header row (rows[0]); Refresh rewrites it from the dataset. */
  dataTable(id: string, datasetId: string, rows: PlanValue[][], options: Omit<PlaceOptions, "datasetId" | "refreshable" | "header"> = {}): Placed {
    return this.values(id, rows, { ...options, datasetId, refreshable: true, header: true });
  }

  formulas(id: string, rows: PlanValue[][], options: PlaceOptions = {}): Placed {
    for (const row of rows) for (const v of row) if (typeof v === "string" && v.startsWith("=")) this.book.scanFormula(v);
    return this.place({ id, kind: "formulas", rows }, options);
  }

  /** A formula block whose formulas refer to its own cells: `build` gets the A1 address of (r, c). */
  formulasAt(id: string, build: (cell: (r: number, c: number) => string) => PlanValue[][], options: PlaceOptions = {}): Placed {
    const at = new Placed(formatCell({ row: options.row ?? this.row, column: options.column ?? 0 }), 1, 1);
    return this.formulas(id, build((r, c) => at.cell(r, c)), options);
  }

  /** One formula whose result spills over rows × columns. */
  spill(id: string, formula: string, rows: number, columns: number, options: PlaceOptions = {}): Placed {
    this.book.scanFormula(formula);
    return this.place({ id, kind: "formulas", rows: [[formula]], spill: { rows, columns } }, options);
  }

  /** The sheet's title and a one-line subtitle. */
  title(text: string, subtitle?: string): void {
    const rows: PlanValue[][] = [[text]];
    if (subtitle) rows.push([subtitle]);
    const p = this.values("title", rows);
    this.prose.push({ row: p.top, column: p.left, size: 14, bold: true });
    if (subtitle) this.prose.push({ row: p.top + 1, column: p.left });
    this.style({ range: p.cell(0, 0), role: "title", bold: true, fontColor: COLOURS.title });
    if (subtitle) this.style({ range: p.cell(1, 0), role: "note", italic: true, fontColor: COLOURS.note });
    this.gap();
  }

  /** A section heading. */
  heading(id: string, text: string): Placed {
    const p = this.values(id, [[text]]);
    this.prose.push({ row: p.top, column: p.left, bold: true });
    this.style({ range: p.cell(0, 0), bold: true, fontColor: COLOURS.title, border: "bottom" });
    return p;
  }

  /** Lines of explanatory text, one per row in column A. */
  notes(id: string, lines: string[], options: PlaceOptions = {}): Placed {
    const p = this.values(id, lines.map((l) => [l]), options);
    this.markProse(p);
    this.style({ range: p.column(0), role: "note", italic: true, fontColor: COLOURS.note });
    return p;
  }

  /**
   * Marks the first column of a placed block as running text (notes, sentences): where too long
   * for its cell, it is merged across the printed width and wrapped. `expected` is the text a
   * formula there is expected to show, for its row height before evaluation.
   */
  markProse(p: Placed, expected?: string): void {
    for (let r = 0; r < p.rowCount; r++) {
      this.prose.push({ row: p.top + r, column: p.left });
      if (expected !== undefined) this.samples.set(p.cell(r, 0), expected);
    }
  }

  /** The text a formula cell is expected to show, for fitting its column and row before evaluation. */
  expect(cell: string, text: string): void {
    this.samples.set(cell, text);
  }

  /** An input cell (or range): styled as an input, with the guard's rule and messages. */
  input(range: string, g: InputGuard): void {
    if (g.title.length > 32) throw new Error(`input title "${g.title}" is longer than Excel's 32 characters`);
    if (g.does.length > 255) throw new Error(`input message is longer than Excel's 255 characters: "${g.does}"`);
    if (g.allowed.length > 225) throw new Error(`input error message is longer than Excel's 225 characters: "${g.allowed}"`);
    parseRange(range);
    this.style({ range, role: "input" });
    (this.plan.validations ??= []).push({
      range,
      type: g.type,
      min: g.min,
      max: g.max,
      allowBlank: true,
      prompt: { title: g.title, message: g.does },
      error: { title: g.title, message: g.allowed },
    });
  }

  /** Overrides the print setup worked out from the sheet (print area, pages tall, orientation). */
  page(options: Partial<PageSetupSpec>): void {
    this.pageOptions = { ...this.pageOptions, ...options };
  }

  /** Fits widths and heights, wraps the notes and sets up printing (PlanBuilder.build calls it). */
  finish(): SheetPlan {
    finishSheet(this.plan, { prose: this.prose, samples: this.samples, page: this.pageOptions });
    return this.plan;
  }

  gap(n = 1): void {
    this.row += n;
  }

  style(spec: StyleSpec): void {
    this.plan.styles!.push(spec);
  }

  format(range: string, format: string): void {
    this.plan.numberFormats!.push({ range, format });
  }

  conditional(spec: ConditionalFormatSpec): void {
    this.plan.conditionalFormats!.push(spec);
  }

  /** A chart, placed to the right of the data unless told otherwise. */
  chart(spec: ChartSpec): void {
    this.plan.charts!.push(spec);
  }

  /** Shows a range as one cell (its top-left holds the content), wrapped: a long text across columns. */
  merge(range: string): void {
    parseRange(range);
    (this.plan.merges ??= []).push(range);
    this.style({ range: range.split(":")[0], wrap: true });
  }

  /** Declares cells that stay #N/A until the analyst enters what the data lacks. */
  documentGap(range: string, reason: string): void {
    (this.plan.documentedGaps ??= []).push({ range, reason });
  }

  width(column: number | string, width: number): void {
    this.plan.columnWidths!.push({ column: typeof column === "number" ? columnLetter(column) : column, width });
  }

  freeze(rows: number, columns = 0): void {
    this.plan.freeze = { rows, columns };
  }

  /** Defines a workbook-level name for a range of this sheet. */
  name(name: string, range: string, comment?: string): string {
    return this.book.name({ name, sheet: this.key, range, ...(comment ? { comment } : {}) });
  }
}

/** Where a template's dataset ids and hashes come from (the src/data catalogue). */
export interface DatasetHashes {
  hashOf(id: string): string;
  isDataset(id: string): boolean;
}

export class PlanBuilder {
  private readonly sheets: SheetBuilder[] = [];
  private readonly names: DefinedNameSpec[] = [];
  private readonly datasets = new Set<string>();

  constructor(private readonly catalogue: DatasetHashes) {}

  sheet(key: string, name: string, tabColor?: string): SheetBuilder {
    if (this.sheets.some((s) => s.key === key)) throw new Error(`duplicate sheet key "${key}"`);
    const s = new SheetBuilder(this, key, name, tabColor);
    this.sheets.push(s);
    return s;
  }

  name(spec: DefinedNameSpec): string {
    if (this.names.some((n) => n.name.toLowerCase() === spec.name.toLowerCase())) throw new Error(`duplicate defined name "${spec.name}"`);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(spec.name) || /^[A-Za-z]{1,3}\d+$/.test(spec.name)) throw new Error(`"${spec.name}" is not a usable defined name`);
    this.names.push(spec);
    return spec.name;
  }

  useDataset(id: string): void {
    if (!this.catalogue.isDataset(id)) throw new Error(`template uses unknown dataset "${id}"`);
    this.datasets.add(id);
  }

  /** Records the datasets a formula names in its string arguments (CHOKEPOINT.DATA("id", ...)). */
  scanFormula(formula: string): void {
    for (const m of formula.matchAll(/"([a-z0-9_]+)"/g)) if (this.catalogue.isDataset(m[1])) this.datasets.add(m[1]);
  }

  get datasetIds(): string[] {
    return [...this.datasets].sort();
  }

  build(metadata: Omit<PlanMetadata, "datasets">, print?: PrintSpec): WorkbookPlan {
    return {
      formatVersion: PLAN_FORMAT_VERSION,
      metadata: { ...metadata, datasets: this.datasetIds.map((id) => ({ id, hash: this.catalogue.hashOf(id) })) },
      sheets: this.sheets.map((s) => s.finish()),
      names: [...this.names],
      ...(print ? { print } : {}),
    };
  }
}

/**
 * A number format that fits a value and its unit: a percent shown as "48%" (the value stays in
 * percent), a count or tonnage as an integer with thousands separators, and only the decimals the
 * value has (at most three): never "7.0 companies" or "48.0 percent".
 */
export function unitFormat(value: PlanValue, unit: string): string {
  const decimals = typeof value === "number" && !Number.isInteger(value) ? Math.min(3, (String(value).split(".")[1] ?? "").length) : 0;
  const number = `#,##0${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}`;
  return /^\s*(%|percent\b)/i.test(unit) ? `${number}"%"` : number;
}

/** Quotes a text for use inside a formula. */
export function text(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
