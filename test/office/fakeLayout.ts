/**
 * The fake Excel's data validation (ExcelApi 1.8), merged ranges, and page layout (ExcelApi 1.9),
 * kept apart from fakeExcel.ts, which attaches them to its range and worksheet proxies. Each
 * sheet's state lives in a WeakMap keyed by the sheet, so SheetState itself is unchanged. Setters
 * check their arguments as Excel documents them (operators, alert styles, Excel's length limits
 * on titles and messages, print-title rows), so a wrong call fails here as it would in Excel.
 */
import { FakeOfficeError, parseArea, type Area, type SheetState } from "./fakeExcel";

export interface ValidationState {
  range: string;
  rule?: Record<string, { formula1: unknown; formula2?: unknown; operator: string }>;
  ignoreBlanks?: boolean;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
}

export interface PageLayoutState {
  orientation?: string;
  paperSize?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printArea?: string;
  printTitleRows?: string;
  headersFooters: Record<string, string>;
  /** Rows (1-based) above which a manual page break was added (Worksheet.horizontalPageBreaks). */
  pageBreaks?: number[];
}

export interface LayoutState {
  validations: ValidationState[];
  merges: string[];
  pageLayout: PageLayoutState;
}

const STATES = new WeakMap<SheetState, LayoutState>();

/** The validation, merges and page layout recorded for a sheet. */
export function layoutOf(sheet: SheetState): LayoutState {
  let state = STATES.get(sheet);
  if (!state) {
    state = { validations: [], merges: [], pageLayout: { headersFooters: {} } };
    STATES.set(sheet, state);
  }
  return state;
}

interface RangeActor {
  readonly addressText: string;
  act(kind: string, args: unknown, fn: (s: SheetState, a: Area) => void): void;
}
interface SheetActor {
  act(kind: string, args: unknown, fn: (s: SheetState) => void): void;
}

const invalid = (what: string) => new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${what}`);
const OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"];
const RULE_TYPES = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"];

export class FakeDataValidation {
  constructor(private readonly range: RangeActor) {}
  private entry(s: SheetState): ValidationState {
    const list = layoutOf(s).validations;
    let v = list.find((x) => x.range === this.range.addressText);
    if (!v) list.push((v = { range: this.range.addressText }));
    return v;
  }
  set rule(rule: Record<string, { formula1: unknown; formula2?: unknown; operator: string }>) {
    this.range.act("DataValidation.rule", rule, (s) => {
      const kinds = Object.keys(rule ?? {});
      if (kinds.length !== 1 || !RULE_TYPES.includes(kinds[0])) throw invalid(`rule must set exactly one of ${RULE_TYPES.join(", ")}`);
      const basic = rule[kinds[0]];
      if (!OPERATORS.includes(basic.operator)) throw invalid(`operator ${basic.operator}`);
      if (basic.formula1 === undefined || (/Between/.test(basic.operator) && basic.formula2 === undefined)) throw invalid("formula1/formula2");
      this.entry(s).rule = rule;
    });
  }
  set ignoreBlanks(v: boolean) {
    this.range.act("DataValidation.ignoreBlanks", v, (s) => (this.entry(s).ignoreBlanks = v));
  }
  set prompt(p: { showPrompt: boolean; title: string; message: string }) {
    this.range.act("DataValidation.prompt", p, (s) => {
      if (p.title.length > 32 || p.message.length > 255) throw invalid("prompt title over 32 or message over 255 characters");
      this.entry(s).prompt = p;
    });
  }
  set errorAlert(e: { showAlert: boolean; style: string; title: string; message: string }) {
    this.range.act("DataValidation.errorAlert", e, (s) => {
      if (!["Stop", "Warning", "Information"].includes(e.style)) throw invalid(`alert style ${e.style}`);
      if (e.title.length > 32 || e.message.length > 225) throw invalid("error title over 32 or message over 225 characters");
      this.entry(s).errorAlert = e;
    });
  }
}

/** Range.merge: the area becomes one cell; what the other cells held is lost, as in Excel. */
export function fakeMerge(range: RangeActor, cellKey: (r: number, c: number) => string): void {
  range.act("Range.merge", null, (s, a) => {
    const overlaps = layoutOf(s).merges.some((m) => {
      const b = parseArea(m);
      return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
    });
    if (overlaps) throw new FakeOfficeError("InvalidOperation", `Cannot merge ${range.addressText}: it overlaps a merged range.`);
    for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) if (r !== a.r0 || c !== a.c0) s.cells.delete(cellKey(r, c));
    layoutOf(s).merges.push(range.addressText);
  });
}

const PAPER = ["Letter", "Legal", "A3", "A4", "A5", "B4", "B5", "Executive", "Tabloid"];
const HEADER_FOOTER = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];

export class FakePageLayout {
  readonly headersFooters: { defaultForAllPages: Record<string, string> };
  constructor(private readonly sheet: SheetActor) {
    const all: Record<string, string> = {};
    for (const p of HEADER_FOOTER) {
      Object.defineProperty(all, p, {
        set: (v: string) =>
          this.sheet.act(`HeaderFooter.${p}`, v, (s) => {
            if (v.length > 255) throw invalid(`${p} longer than 255 characters`);
            layoutOf(s).pageLayout.headersFooters[p] = v;
          }),
      });
    }
    this.headersFooters = { defaultForAllPages: all };
  }
  private set<K extends keyof PageLayoutState>(kind: string, key: K, v: PageLayoutState[K], check: () => void): void {
    this.sheet.act(`PageLayout.${kind}`, v, (s) => {
      check();
      layoutOf(s).pageLayout[key] = v;
    });
  }
  set orientation(v: string) {
    this.set("orientation", "orientation", v, () => {
      if (v !== "Portrait" && v !== "Landscape") throw invalid(`orientation ${v}`);
    });
  }
  set paperSize(v: string) {
    this.set("paperSize", "paperSize", v, () => {
      if (!PAPER.includes(v)) throw invalid(`paperSize ${v}`);
    });
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.set("zoom", "zoom", { ...v }, () => {
      for (const n of [v.horizontalFitToPages, v.verticalFitToPages]) if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw invalid(`fit to pages ${n}`);
      if (v.scale !== undefined && (v.scale < 10 || v.scale > 400)) throw invalid(`scale ${v.scale}`);
    });
  }
  setPrintArea(address: string): void {
    this.set("setPrintArea", "printArea", address, () => parseArea(address));
  }
  setPrintTitleRows(address: string): void {
    this.set("setPrintTitleRows", "printTitleRows", address, () => {
      if (!/^\$?\d+:\$?\d+$/.test(address)) throw invalid(`print title rows "${address}" (whole rows, e.g. "$1:$2")`);
    });
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): add(range) breaks the page above the range's first row. */
export class FakePageBreaks {
  constructor(private readonly sheet: SheetActor) {}
  add(address: string): void {
    this.sheet.act("PageBreakCollection.add", address, (s) => {
      const a = parseArea(address);
      if (a.r0 === 0) throw invalid(`a page break above row 1 (${address})`);
      const breaks = (layoutOf(s).pageLayout.pageBreaks ??= []);
      if (!breaks.includes(a.r0 + 1)) breaks.push(a.r0 + 1);
    });
  }
}
