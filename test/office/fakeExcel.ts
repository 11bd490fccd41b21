/**
 * A recording fake of the Excel JavaScript API, for the Office.js adapter's tests and the browser
 * test. It behaves like Excel on the points the adapter depends on:
 * - proxies queue actions; nothing happens until context.sync(), which runs them in order;
 * - scalar properties must be loaded (and synced) before they are read, else PropertyNotLoaded;
 * - a sync counter, and the request size of each sync (UTF-8 JSON of its actions); requests of
 *   5 MB or more are rejected as Excel on the web does;
 * - sheet, defined-name and table-name collisions are errors (ItemAlreadyExists);
 * - a batch is not a transaction: when an action fails, those before it stay applied, the rest
 *   are dropped, and sync rejects without returning anything the batch loaded (the loads before
 *   the failure are not delivered either); any action can be made to fail on purpose;
 * - values written as text are interpreted as Excel interprets typing ("=…" is a formula, "12"
 *   a number, a leading apostrophe keeps text);
 * - a pluggable calculator gives formula cells their values after each sync.
 * Only the subset of the API that Chokepoint uses is implemented.
 */

import { FakeDataValidation, FakePageBreaks, FakePageLayout, fakeMerge } from "./fakeLayout";

export const EXCEL_WEB_LIMIT = 5 * 1024 * 1024;

export type Scalar = string | number | boolean;

export interface CellState {
  /** Displayed value ("" when empty). */
  value: Scalar;
  /** Formula text when the cell holds a formula. */
  formula?: string;
  /** Set on cells filled by a spilling formula (value only, like Excel). */
  spilledFrom?: string;
  numberFormat?: string;
}

export interface ChartState {
  type: string;
  source: string;
  seriesBy: string;
  name?: string;
  title?: string;
  position?: { from: string; to?: string };
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  /**
   * The series, as Excel holds them: one from a one-column (or one-row) source; none recorded for a
   * wider source, whose series Excel guesses from the data (not modelled). Set by the series API.
   */
  series: ChartSeriesState[];
}

export interface ChartSeriesState {
  name?: string;
  /** Addresses on the chart's sheet. */
  values?: string;
  xValues?: string;
}

export interface SheetState {
  id: string;
  name: string;
  cells: Map<string, CellState>;
  /** Format properties set per range address, in order. */
  formats: Array<{ range: string; property: string; value: unknown }>;
  conditionalFormats: Array<{ range: string; type: string; settings: Record<string, unknown> }>;
  charts: ChartState[];
  tables: Array<{ name: string; range: string; style?: string }>;
  tabColor?: string;
  freeze?: { rows: number; columns: number };
  visibility: "Visible" | "Hidden";
}

export interface NameState {
  name: string;
  /** "=Sheet!$A$1:$B$2" form, resolved through the sheet object so renames follow. */
  sheet: SheetState;
  range: string;
  comment?: string;
}

export interface SyncRecord {
  index: number;
  actions: string[];
  /** Request size: the queued actions as JSON. */
  bytes: number;
  /** Response size: every loaded property and result value as JSON (Excel on the web limits it too). */
  responseBytes: number;
  ok: boolean;
}

export interface FailureRule {
  /** 1-based sync number; omitted = any sync. */
  sync?: number;
  /** Every sync from this one on (a fault that persists, so that retries fail too). */
  fromSync?: number;
  /** 0-based action index within that sync. */
  action?: number;
  /** Action kind, e.g. "Chart.add", "Range.formulas", "NamedItemCollection.add". */
  kind?: string;
  message?: string;
}

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(location ? { errorLocation: location } : {}) };
  }
}

/** UTF-8 length of a text without encoding it (the fake also runs in the browser test, and is hot in the fault matrix). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Gives formula cells their values; called after every successful sync. */
export type Calculator = (wb: FakeWorkbook) => void;

// ---------- A1 helpers (kept local so the fake shares no code with the adapter under test) ----------

function colToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
const COLUMN_NAMES: string[] = [];
function indexToCol(i: number): string {
  return (COLUMN_NAMES[i] ??= columnName(i));
}
function columnName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
export interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}
const MAX_ROW = 1048575;
export function parseArea(address: string): Area {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [p, q = p] = a.replace(/\$/g, "").split(":");
  const cell = (s: string, end: boolean) => {
    const m = /^([A-Za-z]{0,3})(\d*)$/.exec(s);
    if (!m || (!m[1] && !m[2])) throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: "${address}"`);
    return { r: m[2] ? Number(m[2]) - 1 : end ? MAX_ROW : 0, c: m[1] ? colToIndex(m[1]) : end ? 16383 : 0 };
  };
  const s = cell(p, false);
  const e = cell(q, true);
  return { r0: Math.min(s.r, e.r), c0: Math.min(s.c, e.c), r1: Math.max(s.r, e.r), c1: Math.max(s.c, e.c) };
}
export function cellKey(r: number, c: number): string {
  return `${indexToCol(c)}${r + 1}`;
}
function areaAddress(a: Area): string {
  const s = cellKey(a.r0, a.c0);
  const e = cellKey(a.r1, a.c1);
  return s === e ? s : `${s}:${e}`;
}
function quoteName(n: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(n) ? n : `'${n.replace(/'/g, "''")}'`;
}

/** How Excel reads text typed (or written through Range.values) into a cell. */
export function interpretTyped(v: unknown): { value: Scalar; formula?: string } {
  if (v === null || v === undefined) return { value: "" };
  if (typeof v === "number" || typeof v === "boolean") return { value: v };
  const s = String(v);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith("=") && s.length > 1) return { value: 0, formula: s };
  if (/^\s*[-+]?\d+(\.\d+)?(e[-+]?\d+)?\s*$/i.test(s)) return { value: Number(s) };
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === "true" };
  return { value: s };
}

const BAD_SHEET = /[[\]:*?/\\]/;
function checkSheetName(name: string): void {
  if (!name || name.length > 31 || BAD_SHEET.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: sheet name "${name}"`);
  }
}
const VALID_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
function checkDefinedName(name: string): void {
  if (!VALID_NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name) || name.length > 255) {
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: name "${name}"`);
  }
}

const CHART_TYPES = new Set(["ColumnClustered", "BarClustered", "Line", "LineMarkers", "Pie", "XYScatter", "ColumnStacked", "Area"]);

// ---------- the workbook state ----------

export class FakeWorkbook {
  sheets: SheetState[] = [];
  names: NameState[] = [];
  settings = new Map<string, unknown>();
  xmlParts: Array<{ id: string; xml: string }> = [];
  activeSheet?: SheetState;
  syncs: SyncRecord[] = [];
  failures: FailureRule[] = [];
  calculator?: Calculator;
  /** Syncs during which API calculation was suspended (1-based). */
  suspendedSyncs: number[] = [];
  /** Formulas were written while calculation was suspended and have not been recalculated yet. */
  calculationPending = false;
  /**
   * Whether a method called on a null object (getXml() of getOnlyItemOrNullObject() with no part)
   * fails the batch with ItemNotFound instead of returning null. Office's documentation does not say
   * which a host does, so the adapter is tested both ways.
   */
  nullObjectMethodsThrow = false;
  /** Runs before each batch reaches the workbook: the user editing while the add-in works. */
  beforeSync?: (index: number) => void;
  private nextId = 1;

  constructor(init?: { sheets?: string[] }) {
    for (const name of init?.sheets ?? ["Sheet1"]) this.addSheet(name);
    this.activeSheet = this.sheets[0];
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  /**
   * An independent copy of the workbook's state (sheets, names, settings, XML parts, active sheet,
   * id counter), with no syncs or failures recorded: a starting point reused by many runs.
   */
  clone(): FakeWorkbook {
    const copy = new FakeWorkbook({ sheets: [] });
    copy.sheets = structuredClone(this.sheets);
    const byId = new Map(copy.sheets.map((sh) => [sh.id, sh]));
    copy.names = this.names.map((n) => ({ ...n, sheet: byId.get(n.sheet.id) ?? structuredClone(n.sheet) }));
    copy.settings = new Map(structuredClone([...this.settings]));
    copy.xmlParts = structuredClone(this.xmlParts);
    copy.activeSheet = this.activeSheet ? byId.get(this.activeSheet.id) : undefined;
    copy.calculator = this.calculator;
    copy.nullObjectMethodsThrow = this.nullObjectMethodsThrow;
    copy.nextId = this.nextId;
    return copy;
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, "0")}}`;
  }

  addSheet(name: string): SheetState {
    checkSheetName(name);
    if (this.sheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: sheet "${name}"`);
    const s: SheetState = { id: this.newId("sheet"), name, cells: new Map(), formats: [], conditionalFormats: [], charts: [], tables: [], visibility: "Visible" };
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  tableNames(): string[] {
    return this.sheets.flatMap((s) => s.tables.map((t) => t.name));
  }

  nameTaken(name: string): boolean {
    const n = name.toLowerCase();
    return this.names.some((x) => x.name.toLowerCase() === n) || this.tableNames().some((t) => t.toLowerCase() === n);
  }

  /** Test convenience: write cells directly (as a user would type them). */
  setCells(sheetName: string, anchor: string, rows: unknown[][]): void {
    const s = this.sheet(sheetName);
    if (!s) throw new Error(`no sheet ${sheetName}`);
    const a = parseArea(anchor);
    rows.forEach((line, r) =>
      line.forEach((v, c) => {
        // As typing in Excel: the cell keeps its number format.
        RangeProxy.put(s, cellKey(a.r0 + r, a.c0 + c), v);
      }),
    );
    this.calculator?.(this);
  }

  cell(sheetName: string, address: string): CellState | undefined {
    return this.sheet(sheetName)?.cells.get(address.replace(/\$/g, "").toUpperCase());
  }

  /** Displayed value of a cell ("" when empty). */
  value(sheetName: string, address: string): Scalar {
    return this.cell(sheetName, address)?.value ?? "";
  }

  usedArea(s: SheetState): Area | null {
    let a: Area | null = null;
    for (const key of s.cells.keys()) {
      const p = parseArea(key);
      a = a ? { r0: Math.min(a.r0, p.r0), c0: Math.min(a.c0, p.c0), r1: Math.max(a.r1, p.r1), c1: Math.max(a.c1, p.c1) } : p;
    }
    return a;
  }

  /** A deep, comparable snapshot of everything in the workbook (for "nothing changed" checks). */
  snapshot(): unknown {
    return {
      sheets: this.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        cells: [...s.cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
        formats: s.formats,
        conditionalFormats: s.conditionalFormats,
        charts: s.charts,
        tables: s.tables,
        tabColor: s.tabColor,
        freeze: s.freeze,
        visibility: s.visibility,
      })),
      activeSheet: this.activeSheet?.id ?? null,
      names: this.names.map((n) => ({ name: n.name, sheet: n.sheet.id, range: n.range, comment: n.comment })),
      settings: [...this.settings.entries()],
      xmlParts: this.xmlParts,
    };
  }

  /** What Excel does when calculation resumes (or the user presses F9): run the calculator. */
  recalculate(): void {
    this.calculationPending = false;
    this.calculator?.(this);
  }

  /** Reference text of a defined name, like Excel's NamedItem.formula. */
  nameFormula(n: NameState): string {
    const a = parseArea(n.range);
    const abs = (r: number, c: number) => `$${indexToCol(c)}$${r + 1}`;
    const ref = a.r0 === a.r1 && a.c0 === a.c1 ? abs(a.r0, a.c0) : `${abs(a.r0, a.c0)}:${abs(a.r1, a.c1)}`;
    const alive = this.sheets.includes(n.sheet);
    return alive ? `=${quoteName(n.sheet.name)}!${ref}` : "=#REF!";
  }

  context(): FakeRequestContext {
    return new FakeRequestContext(this);
  }

  /** Stand-in for Excel.run. */
  run = async <T>(batch: (ctx: FakeRequestContext) => Promise<T>): Promise<T> => batch(this.context());

  /** The rule matching an action about to run, if any. */
  failureFor(sync: number, index: number, kind: string): FailureRule | undefined {
    return this.failures.find(
      (f) =>
        (f.sync === undefined || f.sync === sync) &&
        (f.fromSync === undefined || sync >= f.fromSync) &&
        (f.action === undefined || f.action === index) &&
        (f.kind === undefined || f.kind === kind),
    );
  }
}

// ---------- request context and proxies ----------

interface Action {
  kind: string;
  target: string;
  args: unknown;
  run: () => void;
}

export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  readonly application: { suspendApiCalculationUntilNextSync(): void; calculationMode?: string };
  queue: Action[] = [];

  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.enqueue("Application.suspendApiCalculationUntilNextSync", "application", null, () => {
        this.suspended = true;
      }),
    };
  }

  private suspended = false;

  enqueue(kind: string, target: string, args: unknown, run: () => void): void {
    this.queue.push({ kind, target, args, run });
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const index = this.wb.syncs.length + 1;
    this.wb.beforeSync?.(index);
    const bytes = actions.reduce((n, a) => n + utf8Bytes(JSON.stringify({ k: a.kind, t: a.target, a: a.args ?? null })), 0);
    const record: SyncRecord = { index, actions: actions.map((a) => a.kind), bytes, responseBytes: 0, ok: false };
    this.wb.syncs.push(record);
    await Promise.resolve();
    if (bytes >= EXCEL_WEB_LIMIT) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} bytes).`);
    this.suspended = false;
    // Calculation resumed after a suspended batch: what was written then is calculated now, before this batch reads.
    if (this.wb.calculationPending) this.wb.recalculate();
    this.response = record;
    this.delivered = [];
    try {
      actions.forEach((a, i) => {
        const rule = this.wb.failureFor(index, i, a.kind);
        if (rule) throw new FakeOfficeError("GeneralException", rule.message ?? `Injected failure at ${a.kind}`, a.kind);
        try {
          a.run();
        } catch (e) {
          if (e instanceof FakeOfficeError) {
            if (!e.debugInfo.errorLocation) e.debugInfo.errorLocation = a.kind;
            throw e;
          }
          throw new FakeOfficeError("GeneralException", e instanceof Error ? e.message : String(e), a.kind);
        }
      });
      record.ok = true;
      if (record.responseBytes >= EXCEL_WEB_LIMIT) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${record.responseBytes} bytes).`);
    } catch (e) {
      // A failed request returns only its error: nothing the batch loaded reaches the proxies.
      for (const undo of this.delivered.reverse()) undo();
      throw e;
    } finally {
      this.delivered = null;
      this.response = null;
      // No calculation while suspended: it waits for the next batch (or recalculate()).
      if (this.suspended) {
        this.wb.suspendedSyncs.push(index);
        this.wb.calculationPending = true;
      } else {
        this.wb.recalculate();
      }
    }
  }

  private response: SyncRecord | null = null;
  /** While a batch runs: how to take back each value it loaded, should it fail. */
  private delivered: Array<() => void> | null = null;

  /** Notes a loaded value so that a failing batch can take it back. */
  recordDelivery(map: Map<string, unknown>, key: string): void {
    if (!this.delivered) return;
    const had = map.has(key);
    const old = map.get(key);
    this.delivered.push(() => {
      if (had) Map.prototype.set.call(map, key, old);
      else map.delete(key);
    });
  }

  /** Counts a value the current batch sends back. Proxies inside it count through their own loads. */
  countResponse(value: unknown): void {
    if (!this.response) return;
    const json = JSON.stringify(value ?? null, (_k, v: unknown) => (v instanceof Loadable ? null : v));
    this.response.responseBytes += utf8Bytes(json ?? "null");
  }

  /** Loaded-property bookkeeping: properties are readable only after a sync ran the load. */
  loadInto(obj: Loadable, props: string[] | undefined, read: () => Record<string, unknown>, target: string): void {
    this.enqueue(`${obj.typeName}.load`, target, props ?? null, () => {
      const all = read();
      for (const p of props ?? Object.keys(all)) obj.loaded.set(p, all[p]);
    });
  }
}

function propsOf(spec: string | string[] | undefined): string[] | undefined {
  if (spec === undefined) return undefined;
  const list = Array.isArray(spec) ? spec : spec.split(",");
  return list.map((s) => s.trim()).filter(Boolean);
}

/** Loaded properties; each value set during a batch counts toward that batch's response size. */
class LoadedMap extends Map<string, unknown> {
  constructor(private readonly ctx?: FakeRequestContext) {
    super();
  }
  override set(key: string, value: unknown): this {
    this.ctx?.countResponse({ [key]: value });
    this.ctx?.recordDelivery(this, key);
    return super.set(key, value);
  }
}

abstract class Loadable {
  loaded: Map<string, unknown>;
  abstract typeName: string;
  constructor(readonly ctx: FakeRequestContext) {
    this.loaded = new LoadedMap(ctx);
  }
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(prop) as T;
  }
}

/** Objects obtained through *OrNullObject: isNullObject is known only after a sync. */
abstract class Nullable extends Loadable {
  protected nullable = false;
  get isNullObject(): boolean {
    if (!this.nullable) return false;
    return this.read<boolean>("isNullObject");
  }
  /** Resolves during the batch; records isNullObject for nullable proxies. */
  protected probe(exists: boolean): void {
    if (this.nullable) this.loaded.set("isNullObject", !exists);
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  constructor(readonly ctx: FakeRequestContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx, null);
  }
}

class WorksheetCollectionProxy extends Loadable {
  typeName = "WorksheetCollection";
  get items(): WorksheetProxy[] {
    return this.read("items");
  }
  load(spec?: string | string[]): this {
    const props = (propsOf(spec) ?? ["items/name"]).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue("WorksheetCollection.load", "worksheets", props, () => {
      this.loaded.set(
        "items",
        this.ctx.wb.sheets.map((s) => {
          const p = new WorksheetProxy(this.ctx, () => s, `worksheets[${s.id}]`);
          p.bind(s);
          p.fill(props);
          return p;
        }),
      );
    });
    return this;
  }
  add(name?: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.ctx, () => undefined, `worksheets.add(${JSON.stringify(name)})`);
    this.ctx.enqueue("WorksheetCollection.add", "worksheets", { name }, () => {
      let n = name;
      if (!n) for (let i = this.ctx.wb.sheets.length + 1; !n || this.ctx.wb.sheet(n); i++) n = `Sheet${i}`;
      proxy.bind(this.ctx.wb.addSheet(n));
    });
    return proxy;
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheet(name) ?? this.ctx.wb.sheets.find((s) => s.id === name), `worksheets.getItem(${JSON.stringify(name)})`);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    const p = this.getItem(name);
    p.makeNullable();
    return p;
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.activeSheet, "worksheets.getActiveWorksheet()");
  }
}

export class WorksheetProxy extends Nullable {
  typeName = "Worksheet";
  readonly pageLayout: FakePageLayout = new FakePageLayout(this);
  readonly horizontalPageBreaks: FakePageBreaks = new FakePageBreaks(this);
  private state?: SheetState;
  readonly freezePanes: {
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(range: RangeProxy | string): void;
  };
  readonly charts: { add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy };
  readonly tables: { add(address: string | RangeProxy, hasHeaders: boolean): TableProxy };

  constructor(
    ctx: FakeRequestContext,
    private readonly locate: () => SheetState | undefined,
    readonly path: string,
  ) {
    super(ctx);
    this.freezePanes = {
      freezeRows: (n) => this.act("WorksheetFreezePanes.freezeRows", n, (s) => (s.freeze = { rows: n, columns: s.freeze?.columns ?? 0 })),
      freezeColumns: (n) => this.act("WorksheetFreezePanes.freezeColumns", n, (s) => (s.freeze = { rows: s.freeze?.rows ?? 0, columns: n })),
      freezeAt: (range) => {
        const address = typeof range === "string" ? range : range.addressText;
        this.act("WorksheetFreezePanes.freezeAt", address, (s) => {
          const a = parseArea(address);
          s.freeze = { rows: a.r1 + 1, columns: a.c1 + 1 };
        });
      },
    };
    this.charts = {
      add: (type, source, seriesBy = "Auto") => {
        const chart = new ChartProxy(this.ctx, `${this.path}.charts.add`);
        this.act("ChartCollection.add", { type, source: source.addressText, seriesBy }, (s) => {
          if (!CHART_TYPES.has(type)) throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: chart type "${type}"`);
          if (source.sheetState() !== s) throw new FakeOfficeError("InvalidArgument", "The chart's source data must be on the sheet");
          const a = parseArea(source.addressText);
          const single = a.r0 === a.r1 || a.c0 === a.c1;
          const c: ChartState = { type, source: source.addressText, seriesBy, series: single ? [{ values: source.addressText }] : [] };
          s.charts.push(c);
          chart.state = c;
        });
        return chart;
      },
    };
    this.tables = {
      add: (address, hasHeaders) => {
        const text = typeof address === "string" ? address : address.addressText;
        const table = new TableProxy(this.ctx, `${this.path}.tables.add`);
        this.act("TableCollection.add", { address: text, hasHeaders }, (s) => {
          let i = 1;
          while (this.ctx.wb.nameTaken(`Table${i}`)) i++;
          const t = { name: `Table${i}`, range: text };
          s.tables.push(t);
          table.bind(t);
        });
        return table;
      },
    };
  }

  makeNullable(): void {
    this.nullable = true;
  }

  bind(s: SheetState): void {
    this.state = s;
  }

  /** The sheet, resolved when an action runs (ItemNotFound if it does not exist). */
  resolve(): SheetState {
    if (this.state && this.ctx.wb.sheets.includes(this.state)) return this.state;
    const s = this.locate();
    if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}`);
    this.state = s;
    return s;
  }

  fill(props: string[]): void {
    const s = this.state!;
    const all: Record<string, unknown> = { name: s.name, id: s.id, visibility: s.visibility, tabColor: s.tabColor ?? "" };
    for (const p of props) this.loaded.set(p, all[p]);
  }

  act(kind: string, args: unknown, fn: (s: SheetState) => void): void {
    this.ctx.enqueue(kind, this.path, args, () => fn(this.resolve()));
  }

  load(spec?: string | string[]): this {
    const props = propsOf(spec) ?? ["name", "id", "visibility", "tabColor"];
    this.ctx.enqueue("Worksheet.load", this.path, props, () => {
      const exists = !!(this.state && this.ctx.wb.sheets.includes(this.state)) || !!this.locate();
      this.probe(exists);
      if (!exists) {
        if (this.nullable) return;
        throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}`);
      }
      this.resolve();
      this.fill(props);
    });
    return this;
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.act("Worksheet.name", v, (s) => {
      checkSheetName(v);
      const other = this.ctx.wb.sheet(v);
      if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: sheet "${v}"`);
      s.name = v;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(v: string) {
    this.act("Worksheet.tabColor", v, (s) => (s.tabColor = v));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, this, () => parseArea(address ?? "A1"), address ?? "A1");
  }

  getUsedRangeOrNullObject(): RangeProxy {
    const r = new RangeProxy(this.ctx, this, () => {
      const a = this.ctx.wb.usedArea(this.resolve());
      return a ?? undefined;
    }, "usedRange");
    r.makeNullable();
    return r;
  }

  getUsedRange(): RangeProxy {
    return new RangeProxy(this.ctx, this, () => this.ctx.wb.usedArea(this.resolve()) ?? parseArea("A1"), "usedRange");
  }

  delete(): void {
    this.act("Worksheet.delete", null, (s) => {
      if (this.ctx.wb.sheets.filter((x) => x.visibility === "Visible").length <= 1) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      this.ctx.wb.sheets = this.ctx.wb.sheets.filter((x) => x !== s);
      if (this.ctx.wb.activeSheet === s) this.ctx.wb.activeSheet = this.ctx.wb.sheets[0];
    });
  }

  activate(): void {
    this.act("Worksheet.activate", null, (s) => (this.ctx.wb.activeSheet = s));
  }

  copy(positionType?: string, relativeTo?: WorksheetProxy): WorksheetProxy {
    const proxy = new WorksheetProxy(this.ctx, () => undefined, `${this.path}.copy()`);
    this.act("Worksheet.copy", { positionType: positionType ?? "None", relativeTo: relativeTo?.path ?? null }, (s) => {
      let n = "";
      for (let i = 2; !n || this.ctx.wb.sheet(n); i++) n = `${s.name.slice(0, 31 - ` (${i})`.length)} (${i})`;
      const c = this.ctx.wb.addSheet(n);
      for (const [k, v] of s.cells) c.cells.set(k, { ...v });
      c.formats = s.formats.map((f) => ({ ...f }));
      c.conditionalFormats = s.conditionalFormats.map((f) => ({ ...f, settings: { ...f.settings } }));
      c.charts = s.charts.map((ch) => ({ ...ch, series: ch.series.map((x) => ({ ...x })) }));
      c.tabColor = s.tabColor;
      c.freeze = s.freeze ? { ...s.freeze } : undefined;
      // Table names are unique per workbook: copies get new names, as in Excel.
      c.tables = s.tables.map((t) => {
        let i = 2;
        while (this.ctx.wb.nameTaken(`${t.name}${i}`)) i++;
        return { ...t, name: `${t.name}${i}` };
      });
      proxy.bind(c);
    });
    return proxy;
  }

  sheetState(): SheetState | undefined {
    return this.state;
  }
}

export class RangeProxy extends Nullable {
  typeName = "Range";
  readonly format: RangeFormatProxy;
  readonly dataValidation: FakeDataValidation = new FakeDataValidation(this);
  readonly conditionalFormats: { add(type: string): ConditionalFormatProxy };

  constructor(
    ctx: FakeRequestContext,
    readonly sheet: WorksheetProxy,
    private readonly area: () => Area | undefined,
    readonly addressText: string,
  ) {
    super(ctx);
    this.format = new RangeFormatProxy(this);
    this.conditionalFormats = {
      add: (type) => {
        const cf = new ConditionalFormatProxy(this, type);
        this.act("ConditionalFormatCollection.add", { type }, (s) => {
          if (type !== "ColorScale" && type !== "CellValue") throw new FakeOfficeError("InvalidArgument", `unsupported conditional format type ${type}`);
          const state = { range: this.addressText, type, settings: {} };
          s.conditionalFormats.push(state);
          cf.state = state;
        });
        return cf;
      },
    };
  }

  makeNullable(): void {
    this.nullable = true;
  }

  get path(): string {
    return `${this.sheet.path}.range(${this.addressText})`;
  }

  sheetState(): SheetState {
    return this.sheet.resolve();
  }

  areaOrThrow(): Area {
    const a = this.area();
    if (!a) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}`);
    return a;
  }

  act(kind: string, args: unknown, fn: (s: SheetState, a: Area) => void): void {
    this.ctx.enqueue(kind, this.path, args, () => {
      const s = this.sheet.resolve();
      fn(s, this.areaOrThrow());
    });
  }

  private write(kind: string, data: unknown, apply: (s: SheetState, key: string, v: unknown) => void): void {
    this.act(kind, data, (s, a) => {
      const rows = a.r1 - a.r0 + 1;
      const cols = a.c1 - a.c0 + 1;
      if (!Array.isArray(data)) {
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) apply(s, cellKey(a.r0 + r, a.c0 + c), data);
        return;
      }
      if (data.length !== rows || data.some((line) => !Array.isArray(line) || line.length !== cols)) {
        throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${this.addressText}).`);
      }
      data.forEach((line: unknown[], r) =>
        line.forEach((v, c) => {
          if (v === null) return; // null leaves a cell as it is
          apply(s, cellKey(a.r0 + r, a.c0 + c), v);
        }),
      );
    });
  }

  static put(s: SheetState, key: string, v: unknown): void {
    const typed = interpretTyped(v);
    const old = s.cells.get(key);
    if (typed.value === "" && !typed.formula) {
      if (old?.numberFormat) s.cells.set(key, { value: "", numberFormat: old.numberFormat });
      else s.cells.delete(key);
      return;
    }
    s.cells.set(key, { ...typed, ...(old?.numberFormat ? { numberFormat: old.numberFormat } : {}) });
  }

  set values(v: unknown) {
    this.write("Range.values", v, RangeProxy.put);
  }
  get values(): Scalar[][] {
    return this.read("values");
  }
  set formulas(v: unknown) {
    this.write("Range.formulas", v, RangeProxy.put);
  }
  get formulas(): Scalar[][] {
    return this.read("formulas");
  }
  set numberFormat(v: unknown) {
    this.write("Range.numberFormat", v, (s, key, f) => {
      const old = s.cells.get(key) ?? { value: "" };
      s.cells.set(key, { ...old, numberFormat: String(f) });
    });
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  load(spec?: string | string[]): this {
    const props = propsOf(spec) ?? ["values", "formulas", "address", "rowIndex", "columnIndex", "rowCount", "columnCount"];
    this.ctx.enqueue("Range.load", this.path, props, () => {
      const s = this.sheet.resolve();
      const a = this.area();
      this.probe(!!a);
      if (!a) {
        if (this.nullable) return;
        throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}`);
      }
      const grid = (f: (c: CellState | undefined) => unknown) =>
        Array.from({ length: a.r1 - a.r0 + 1 }, (_, r) => Array.from({ length: a.c1 - a.c0 + 1 }, (_, c) => f(s.cells.get(cellKey(a.r0 + r, a.c0 + c)))));
      const all: Record<string, () => unknown> = {
        values: () => grid((c) => c?.value ?? ""),
        formulas: () => grid((c) => c?.formula ?? c?.value ?? ""),
        numberFormat: () => grid((c) => c?.numberFormat ?? "General"),
        address: () => `${quoteName(s.name)}!${areaAddress(a)}`,
        rowIndex: () => a.r0,
        columnIndex: () => a.c0,
        rowCount: () => a.r1 - a.r0 + 1,
        columnCount: () => a.c1 - a.c0 + 1,
      };
      for (const p of props) {
        if (!all[p]) throw new FakeOfficeError("InvalidArgument", `unknown property ${p}`);
        this.loaded.set(p, all[p]());
      }
    });
    return this;
  }

  getSpillingToRangeOrNullObject(): RangeProxy {
    const r = new RangeProxy(
      this.ctx,
      this.sheet,
      () => {
        const s = this.sheet.resolve();
        const a = this.areaOrThrow();
        const anchor = cellKey(a.r0, a.c0);
        if (!s.cells.get(anchor)?.formula) return undefined;
        let end: Area | undefined;
        for (const [key, c] of s.cells) {
          if (c.spilledFrom !== anchor) continue;
          const p = parseArea(key);
          end = end ? { r0: a.r0, c0: a.c0, r1: Math.max(end.r1, p.r1), c1: Math.max(end.c1, p.c1) } : { r0: a.r0, c0: a.c0, r1: p.r1, c1: p.c1 };
        }
        return end;
      },
      `${this.addressText}.spillingTo`,
    );
    r.makeNullable();
    return r;
  }

  select(): void {
    this.act("Range.select", null, (s) => (this.ctx.wb.activeSheet = s));
  }

  /** Range.merge(across): across=true would merge each row on its own; the adapter merges one-row ranges only. */
  merge(across = false): void {
    if (across) throw new FakeOfficeError("InvalidArgument", "merge(true) is not modelled by the fake");
    fakeMerge(this, cellKey);
  }

  clear(): void {
    this.act("Range.clear", null, (s, a) => {
      for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) s.cells.delete(cellKey(r, c));
    });
  }
}

class RangeFormatProxy {
  readonly borders: { getItem(edge: string): Record<string, unknown> };
  private fontProxy?: Record<string, unknown>;
  private fillProxy?: Record<string, unknown>;
  constructor(private readonly range: RangeProxy) {
    this.borders = { getItem: (edge) => this.setter("RangeBorder", ["style", "color", "weight"], `border.${edge}.`) };
  }
  // Made when first used: most ranges are only written, and the fault matrix makes hundreds of thousands.
  get font(): Record<string, unknown> {
    return (this.fontProxy ??= this.setter("RangeFont", ["bold", "italic", "color", "size", "name", "underline"], "font."));
  }
  get fill(): Record<string, unknown> {
    return (this.fillProxy ??= this.setter("RangeFill", ["color"], "fill."));
  }
  private setter(type: string, props: string[], prefix: string): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    for (const p of props) {
      Object.defineProperty(obj, p, {
        set: (v: unknown) => this.set(`${type}.${p}`, `${prefix}${p}`, v),
        get: () => {
          throw new FakeOfficeError("PropertyNotLoaded", `The property '${p}' is not available.`);
        },
      });
    }
    return obj;
  }
  private set(kind: string, property: string, value: unknown): void {
    this.range.act(kind, value, (s) => s.formats.push({ range: this.range.addressText, property, value }));
  }
  set wrapText(v: boolean) {
    this.set("RangeFormat.wrapText", "wrapText", v);
  }
  set horizontalAlignment(v: string) {
    if (!["Left", "Center", "Right", "General", "Fill", "Justify"].includes(v)) throw new FakeOfficeError("InvalidArgument", `bad alignment ${v}`);
    this.set("RangeFormat.horizontalAlignment", "horizontalAlignment", v);
  }
  set columnWidth(v: number) {
    this.set("RangeFormat.columnWidth", "columnWidth", v);
  }
  set rowHeight(v: number) {
    if (!(v >= 0 && v <= 409)) throw new FakeOfficeError("InvalidArgument", `bad row height ${v}`);
    this.set("RangeFormat.rowHeight", "rowHeight", v);
  }
  set verticalAlignment(v: string) {
    if (!["Top", "Center", "Bottom", "Justify", "Distributed"].includes(v)) throw new FakeOfficeError("InvalidArgument", `bad vertical alignment ${v}`);
    this.set("RangeFormat.verticalAlignment", "verticalAlignment", v);
  }
}

class ConditionalFormatProxy {
  state?: { settings: Record<string, unknown> };
  readonly colorScale: { criteria: unknown };
  readonly cellValue: { format: { fill: Record<string, unknown>; font: Record<string, unknown> }; rule: unknown };
  constructor(range: RangeProxy, type: string) {
    const set = (key: string, v: unknown) =>
      range.ctx.enqueue(`ConditionalFormat.${key}`, `${range.path}.cf(${type})`, v, () => {
        if (!this.state) throw new FakeOfficeError("ItemNotFound", "conditional format");
        this.state.settings[key] = v;
      });
    const colorScale = {};
    Object.defineProperty(colorScale, "criteria", { set: (v) => set("colorScale.criteria", v) });
    const fill = {};
    Object.defineProperty(fill, "color", { set: (v) => set("cellValue.fill.color", v) });
    const font = {};
    Object.defineProperty(font, "color", { set: (v) => set("cellValue.font.color", v) });
    const cellValue = { format: { fill, font } } as { format: { fill: Record<string, unknown>; font: Record<string, unknown> }; rule: unknown };
    Object.defineProperty(cellValue, "rule", { set: (v) => set("cellValue.rule", v) });
    this.colorScale = colorScale as { criteria: unknown };
    this.cellValue = cellValue;
  }
}

class ChartProxy {
  state?: ChartState;
  readonly title: { text: string };
  readonly axes: { categoryAxis: { title: { text: string } }; valueAxis: { title: { text: string } } };
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly path: string,
  ) {
    const text = (kind: string, apply: (c: ChartState, v: string) => void) => {
      const o = {};
      Object.defineProperty(o, "text", { set: (v: string) => this.act(kind, v, (c) => apply(c, v)) });
      return o as { text: string };
    };
    this.title = text("ChartTitle.text", (c, v) => (c.title = v));
    this.axes = {
      categoryAxis: { title: text("ChartAxisTitle.text", (c, v) => (c.categoryAxisTitle = v)) },
      valueAxis: { title: text("ChartAxisTitle.text", (c, v) => (c.valueAxisTitle = v)) },
    };
  }
  private act(kind: string, args: unknown, fn: (c: ChartState) => void): void {
    this.ctx.enqueue(kind, this.path, args, () => {
      if (!this.state) throw new FakeOfficeError("ItemNotFound", "chart");
      fn(this.state);
    });
  }
  set name(v: string) {
    this.act("Chart.name", v, (c) => (c.name = v));
  }
  /** Chart.series (ExcelApi 1.7): getItemAt and add, each series with a name, values and x values set by range. */
  get series(): { getItemAt(i: number): ChartSeriesProxy; add(name?: string): ChartSeriesProxy } {
    return {
      getItemAt: (i) => new ChartSeriesProxy((kind, args, fn) => this.act(kind, args, (c) => {
        const s = c.series[i];
        if (!s) throw new FakeOfficeError("ItemNotFound", `chart series ${i}`);
        fn(s);
      })),
      add: (name) => {
        let added: ChartSeriesState | undefined;
        this.act("ChartSeriesCollection.add", name, (c) => {
          added = { ...(name !== undefined ? { name } : {}) };
          c.series.push(added);
        });
        return new ChartSeriesProxy((kind, args, fn) => this.act(kind, args, () => fn(added!)));
      },
    };
  }
  setPosition(from: string, to?: string): void {
    this.act("Chart.setPosition", { from, to }, (c) => {
      parseArea(from);
      if (to) parseArea(to);
      c.position = { from, ...(to ? { to } : {}) };
    });
  }
}

class ChartSeriesProxy {
  constructor(private readonly act: (kind: string, args: unknown, fn: (s: ChartSeriesState) => void) => void) {}
  set name(v: string) {
    this.act("ChartSeries.name", v, (s) => (s.name = v));
  }
  setValues(range: RangeProxy): void {
    this.act("ChartSeries.setValues", range.addressText, (s) => (s.values = range.addressText));
  }
  setXAxisValues(range: RangeProxy): void {
    this.act("ChartSeries.setXAxisValues", range.addressText, (s) => (s.xValues = range.addressText));
  }
}

class TableProxy {
  private state?: { name: string; style?: string };
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly path: string,
  ) {}
  bind(t: { name: string; style?: string }): void {
    this.state = t;
  }
  set name(v: string) {
    this.ctx.enqueue("Table.name", this.path, v, () => {
      if (!this.state) throw new FakeOfficeError("ItemNotFound", "table");
      checkDefinedName(v);
      if (this.state.name.toLowerCase() !== v.toLowerCase() && this.ctx.wb.nameTaken(v)) throw new FakeOfficeError("ItemAlreadyExists", `A table or name "${v}" already exists`);
      this.state.name = v;
    });
  }
  set style(v: string) {
    this.ctx.enqueue("Table.style", this.path, v, () => {
      if (!this.state) throw new FakeOfficeError("ItemNotFound", "table");
      this.state.style = v;
    });
  }
}

/** A table got by name (workbook.tables.getItemOrNullObject). */
class TableHandleProxy extends Nullable {
  typeName = "Table";
  constructor(
    ctx: FakeRequestContext,
    private readonly tableName: string,
  ) {
    super(ctx);
    this.nullable = true;
  }
  private locate(): { sheet: SheetState; table: { name: string; range: string } } | undefined {
    for (const sheet of this.ctx.wb.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === this.tableName.toLowerCase());
      if (table) return { sheet, table };
    }
    return undefined;
  }
  get name(): string {
    return this.read("name");
  }
  /** The table's whole range (header and rows), as Table.getRange() gives it. */
  getRange(): RangeProxy {
    const where = `tables[${this.tableName}]`;
    const sheet = new WorksheetProxy(this.ctx, () => this.locate()?.sheet, `${where}.worksheet`);
    return new RangeProxy(this.ctx, sheet, () => {
      const found = this.locate();
      return found ? parseArea(found.table.range) : undefined;
    }, `${where}.range`);
  }
  load(_spec?: string): this {
    this.ctx.enqueue("Table.load", `tables[${this.tableName}]`, _spec ?? null, () => {
      const found = this.locate();
      this.probe(!!found);
      if (found) this.loaded.set("name", found.table.name);
    });
    return this;
  }
  /** Like Excel: the header row stays where it is and the new range overlaps the old one. */
  resize(address: string): void {
    this.ctx.enqueue("Table.resize", `tables[${this.tableName}]`, address, () => {
      const found = this.locate();
      if (!found) throw new FakeOfficeError("ItemNotFound", `table ${this.tableName}`);
      const before = parseArea(found.table.range);
      const after = parseArea(address);
      if (after.r0 !== before.r0 || after.c0 > before.c1 || after.c1 < before.c0) throw new FakeOfficeError("InvalidArgument", `a table keeps its header row and must overlap its old range (${found.table.range} → ${address})`);
      found.table.range = address;
    });
  }
}

class TableCollectionProxy extends Loadable {
  typeName = "TableCollection";
  get items(): Array<{ name: string }> {
    return this.read("items");
  }
  getItemOrNullObject(name: string): TableHandleProxy {
    return new TableHandleProxy(this.ctx, name);
  }
  load(_spec?: string): this {
    this.ctx.enqueue("TableCollection.load", "tables", _spec ?? null, () => this.loaded.set("items", this.ctx.wb.tableNames().map((name) => ({ name }))));
    return this;
  }
}

class NamedItemProxy extends Nullable {
  typeName = "NamedItem";
  constructor(
    ctx: FakeRequestContext,
    private readonly locate: () => NameState | undefined,
    private readonly path: string,
  ) {
    super(ctx);
  }
  makeNullable(): void {
    this.nullable = true;
  }
  load(spec?: string): this {
    const props = propsOf(spec) ?? ["name", "formula"];
    this.ctx.enqueue("NamedItem.load", this.path, props, () => {
      const n = this.locate();
      this.probe(!!n);
      if (!n) {
        if (this.nullable) return;
        throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}`);
      }
      this.fill(n, props);
    });
    return this;
  }
  fill(n: NameState, props: string[]): void {
    const all: Record<string, unknown> = { name: n.name, formula: this.ctx.wb.nameFormula(n), comment: n.comment ?? "", type: "Range" };
    for (const p of props) this.loaded.set(p, all[p]);
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
  delete(): void {
    this.ctx.enqueue("NamedItem.delete", this.path, null, () => {
      const n = this.locate();
      if (!n) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}`);
      this.ctx.wb.names = this.ctx.wb.names.filter((x) => x !== n);
    });
  }
}

class NamedItemCollectionProxy extends Loadable {
  typeName = "NamedItemCollection";
  get items(): NamedItemProxy[] {
    return this.read("items");
  }
  load(spec?: string): this {
    const props = (propsOf(spec) ?? ["items/name"]).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue("NamedItemCollection.load", "names", props, () => {
      this.loaded.set(
        "items",
        this.ctx.wb.names.map((n) => {
          const p = new NamedItemProxy(this.ctx, () => (this.ctx.wb.names.includes(n) ? n : undefined), `names[${n.name}]`);
          p.fill(n, props);
          return p;
        }),
      );
    });
    return this;
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    const args = { name, reference: typeof reference === "string" ? reference : reference.path, comment };
    this.ctx.enqueue("NamedItemCollection.add", "names", args, () => {
      checkDefinedName(name);
      if (this.ctx.wb.nameTaken(name)) throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: name "${name}"`);
      if (typeof reference === "string") {
        const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(reference);
        const sheet = m && this.ctx.wb.sheet((m[1] ?? m[2]).replace(/''/g, "'"));
        if (!m || !sheet) throw new FakeOfficeError("InvalidArgument", `bad reference ${reference}`);
        this.ctx.wb.names.push({ name, sheet, range: m[3].replace(/\$/g, ""), comment });
      } else {
        const sheet = reference.sheetState();
        this.ctx.wb.names.push({ name, sheet, range: areaAddress(reference.areaOrThrow()), comment });
      }
    });
    return this.getItem(name);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.ctx.wb.names.find((n) => n.name.toLowerCase() === name.toLowerCase()), `names.getItem(${JSON.stringify(name)})`);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    const p = this.getItem(name);
    p.makeNullable();
    return p;
  }
}

class SettingProxy extends Nullable {
  typeName = "Setting";
  constructor(
    ctx: FakeRequestContext,
    private readonly key: string,
    nullable: boolean,
  ) {
    super(ctx);
    this.nullable = nullable;
  }
  load(spec?: string): this {
    this.ctx.enqueue("Setting.load", `settings[${this.key}]`, spec ?? null, () => {
      const exists = this.ctx.wb.settings.has(this.key);
      this.probe(exists);
      if (!exists) {
        if (this.nullable) return;
        throw new FakeOfficeError("ItemNotFound", `setting ${this.key}`);
      }
      this.loaded.set("value", this.ctx.wb.settings.get(this.key));
      this.loaded.set("key", this.key);
    });
    return this;
  }
  get value(): unknown {
    return this.read("value");
  }
  delete(): void {
    this.ctx.enqueue("Setting.delete", `settings[${this.key}]`, null, () => {
      if (!this.ctx.wb.settings.has(this.key)) throw new FakeOfficeError("ItemNotFound", `setting ${this.key}`);
      this.ctx.wb.settings.delete(this.key);
    });
  }
}

class SettingCollectionProxy {
  constructor(private readonly ctx: FakeRequestContext) {}
  add(key: string, value: unknown): SettingProxy {
    this.ctx.enqueue("SettingCollection.add", "settings", { key, value }, () => this.ctx.wb.settings.set(key, JSON.parse(JSON.stringify(value))));
    return new SettingProxy(this.ctx, key, false);
  }
  getItem(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key, false);
  }
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key, true);
  }
}

function namespaceOf(xml: string): string | null {
  const m = /<[A-Za-z_][\w.-]*(?::[\w.-]+)?\s[^>]*?xmlns="([^"]*)"/.exec(xml.replace(/<\?xml[^>]*\?>/, ""));
  return m ? m[1] : null;
}

class CustomXmlPartProxy extends Loadable {
  typeName = "CustomXmlPart";
  constructor(
    ctx: FakeRequestContext,
    private readonly locate: () => { id: string; xml: string } | undefined,
    private readonly path: string,
    /** A null object when nothing is located: reads give null instead of failing. */
    private readonly orNull = false,
  ) {
    super(ctx);
  }
  get id(): string {
    return this.read("id");
  }
  load(spec?: string): this {
    this.ctx.enqueue("CustomXmlPart.load", this.path, spec ?? null, () => {
      const p = this.locate();
      if (!p) throw new FakeOfficeError("ItemNotFound", this.path);
      this.loaded.set("id", p.id);
    });
    return this;
  }
  setXml(xml: string): void {
    this.ctx.enqueue("CustomXmlPart.setXml", this.path, xml, () => {
      const p = this.locate();
      if (!p) throw new FakeOfficeError("ItemNotFound", this.path);
      p.xml = xml;
    });
  }
  delete(): void {
    this.ctx.enqueue("CustomXmlPart.delete", this.path, null, () => {
      const p = this.locate();
      if (!p) throw new FakeOfficeError("ItemNotFound", this.path);
      this.ctx.wb.xmlParts = this.ctx.wb.xmlParts.filter((x) => x !== p);
    });
  }
  getXml(): { value: string | null } {
    const result: { loaded: boolean; v: string | null } = { loaded: false, v: "" };
    this.ctx.enqueue("CustomXmlPart.getXml", this.path, null, () => {
      const p = this.locate();
      if (!p && this.orNull && !this.ctx.wb.nullObjectMethodsThrow) {
        result.v = null;
        result.loaded = true;
        return;
      }
      if (!p) throw new FakeOfficeError("ItemNotFound", this.path);
      result.v = p.xml;
      result.loaded = true;
      this.ctx.countResponse(p.xml);
    });
    return {
      get value() {
        if (!result.loaded) throw new FakeOfficeError("PropertyNotLoaded", "The value of the result object has not been loaded yet. Call context.sync() first.");
        return result.v;
      },
    };
  }
}

class CustomXmlPartCollectionProxy extends Loadable {
  typeName = "CustomXmlPartCollection";
  constructor(
    ctx: FakeRequestContext,
    private readonly namespace: string | null,
  ) {
    super(ctx);
  }
  get items(): CustomXmlPartProxy[] {
    return this.read("items");
  }
  private matching() {
    return this.ctx.wb.xmlParts.filter((p) => this.namespace === null || namespaceOf(p.xml) === this.namespace);
  }
  load(_spec?: string): this {
    this.ctx.enqueue("CustomXmlPartCollection.load", `customXmlParts(${this.namespace ?? "*"})`, _spec ?? null, () => {
      this.loaded.set(
        "items",
        this.matching().map((p) => {
          const proxy = new CustomXmlPartProxy(this.ctx, () => this.ctx.wb.xmlParts.find((x) => x === p), `customXmlParts[${p.id}]`);
          proxy.loaded.set("id", p.id);
          return proxy;
        }),
      );
    });
    return this;
  }
  add(xml: string): CustomXmlPartProxy {
    let created: { id: string; xml: string } | undefined;
    this.ctx.enqueue("CustomXmlPartCollection.add", "customXmlParts", xml, () => {
      if (!namespaceOf(xml) && !/^\s*</.test(xml)) throw new FakeOfficeError("InvalidArgument", "not XML");
      created = { id: this.ctx.wb.newId("xml"), xml };
      this.ctx.wb.xmlParts.push(created);
    });
    return new CustomXmlPartProxy(this.ctx, () => created, "customXmlParts.add()");
  }
  /** Like Excel: the single matching part, or a null object when there are none or several. */
  getOnlyItemOrNullObject(): CustomXmlPartProxy {
    return new CustomXmlPartProxy(
      this.ctx,
      () => {
        const m = this.matching();
        return m.length === 1 ? m[0] : undefined;
      },
      `customXmlParts(${this.namespace ?? "*"}).getOnlyItemOrNullObject()`,
      true,
    );
  }
  getItem(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, () => this.ctx.wb.xmlParts.find((p) => p.id === id), `customXmlParts.getItem(${id})`);
  }
  getByNamespace(ns: string): CustomXmlPartCollectionProxy {
    return new CustomXmlPartCollectionProxy(this.ctx, ns);
  }
}

/** The fake's runner, typed as the adapter expects Excel.run. */
export function runnerOf(wb: FakeWorkbook): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
  return (batch) => wb.run((ctx) => batch(ctx as unknown as Excel.RequestContext));
}
