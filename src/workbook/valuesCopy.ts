/**
 * A values-only copy of a briefing, for colleagues without the add-in (`chokepoint brief --values`):
 * the plan with a first sheet that says, in a coloured banner, that this is a values-only copy and
 * of which briefing, and how to make the live one; and a last sheet listing every CHOKEPOINT
 * formula that was replaced, with the value it had. The .xlsx renderer, called with `valuesOnly`, writes those values in place
 * of the formulas; every other formula, the Sources sheet and the charts stay as they are.
 */
import { blockRange, formatCell, parseCell } from "./a1";
import type { CellValue, HeadlessWorkbook } from "./headless";
import { sheetValues } from "./headless";
import { callsChokepoint } from "./office/naming";
import type { PlanValue, SheetPlan, WorkbookPlan } from "./plan";

export const VALUES_SHEET_KEY = "values-copy";
export const LIST_SHEET_KEY = "values-copy-formulas";
const VALUES_SHEET_NAME = "About this copy";
const LIST_SHEET_NAME = "Replaced formulas";
const BANNER_FILL = "#FCE4D6";
const BANNER_TAB = "#C55A11";

export interface ReplacedFormula {
  sheet: string;
  /** The cell, or the spill range of a spilled formula. */
  cells: string;
  formula: string;
  /** The value now in the cell (a spilled table is described, not repeated). */
  value: PlanValue;
}

function shown(v: CellValue): PlanValue {
  if (v !== null && typeof v === "object") return v.message ? `${v.error}: ${v.message}` : v.error;
  return v;
}

/** Every formula of the plan that calls a CHOKEPOINT function, with the value the copy keeps. */
export function replacedFormulas(plan: WorkbookPlan, evaluated: HeadlessWorkbook): ReplacedFormula[] {
  const out: ReplacedFormula[] = [];
  for (const sheet of plan.sheets) {
    const values = sheetValues(evaluated, sheet.key);
    for (const block of sheet.blocks.filter((b) => b.kind === "formulas")) {
      const at = parseCell(block.anchor);
      block.rows.forEach((cells, r) =>
        cells.forEach((v, c) => {
          if (typeof v !== "string" || !v.startsWith("=") || !callsChokepoint(v)) return;
          const cell = formatCell({ row: at.row + r, column: at.column + c });
          if (block.spill) {
            const { rows, columns } = block.spill;
            out.push({ sheet: sheet.name, cells: blockRange(cell, rows, columns), formula: v, value: `(spilled table, ${rows} rows × ${columns} columns)` });
          } else {
            out.push({ sheet: sheet.name, cells: cell, formula: v, value: shown(values[at.row + r]?.[at.column + c] ?? null) });
          }
        }),
      );
    }
  }
  return out;
}

/** The command that writes the live briefing these values came from. */
export function liveCommand(plan: WorkbookPlan): string {
  const o = plan.metadata.options as { countries?: string[]; stages?: string[]; year?: number | null; source?: string };
  const template = plan.metadata.templateId === "briefing" ? "all" : plan.metadata.templateId;
  const parts = [`npx chokepoint brief --template ${template}`];
  if (o.countries?.length) parts.push(`--countries ${o.countries.join(",")}`);
  if (o.stages?.length) parts.push(`--stages ${o.stages.join(",")}`);
  if (typeof o.year === "number") parts.push(`--year ${o.year}`);
  if (o.source) parts.push(`--source ${o.source}`);
  return `${parts.join(" ")} --out briefing.xlsx`;
}

function uniqueName(plan: WorkbookPlan, name: string): string {
  const taken = new Set(plan.sheets.map((s) => s.name.toLowerCase()));
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
  return candidate;
}

/** The plan of the values-only copy: a first sheet saying what it is, the briefing's sheets, and
 * a last sheet listing every replaced formula with the value kept. */
export function valuesCopyPlan(plan: WorkbookPlan, evaluated: HeadlessWorkbook): WorkbookPlan {
  const meta = plan.metadata;
  const replaced = replacedFormulas(plan, evaluated);
  const listName = uniqueName(plan, LIST_SHEET_NAME);
  const banner: PlanValue[][] = [
    ["VALUES-ONLY COPY: not the live briefing"],
    [`Briefing: "${meta.title}"`],
    [`Generated ${meta.generatedAt} by Chokepoint (template ${meta.templateId}${meta.modelVersion !== undefined ? `, model version ${meta.modelVersion}` : ""}).`],
    [`Each of its ${replaced.length} CHOKEPOINT formulas has been replaced by the value it had then,`],
    ["so the numbers show in any spreadsheet program, without the Chokepoint add-in."],
    ["They do not recalculate: changing a yellow input cell does not change them."],
    [`Other formulas, the charts and the Sources sheet are kept; the sheet "${listName}" lists every replaced formula.`],
    [`The live briefing, with its formulas: ${liveCommand(plan)}`],
  ];
  const about: SheetPlan = {
    key: VALUES_SHEET_KEY,
    name: uniqueName(plan, VALUES_SHEET_NAME),
    tabColor: BANNER_TAB,
    blocks: [{ id: "banner", kind: "values", anchor: "A1", rows: banner }],
    styles: [
      { range: "A1:N1", role: "title", fill: BANNER_FILL },
      { range: `A2:N${banner.length}`, fill: BANNER_FILL },
    ],
  };
  const table: PlanValue[][] = [["Sheet", "Cell", "Formula replaced", "Value kept"], ...replaced.map((f) => [f.sheet, f.cells, f.formula, f.value])];
  const list: SheetPlan = {
    key: LIST_SHEET_KEY,
    name: listName,
    tabColor: BANNER_TAB,
    blocks: [{ id: "replaced", kind: "values", anchor: "A1", rows: table }],
    styles: [{ range: "A1:D1", role: "header" }],
    columnWidths: [
      { column: "A", width: 24 },
      { column: "B", width: 12 },
      { column: "C", width: 80 },
      { column: "D", width: 40 },
    ],
    freeze: { rows: 1, columns: 0 },
  };
  return { ...plan, metadata: { ...meta, title: `${meta.title} (values-only copy)` }, sheets: [about, ...plan.sheets, list] };
}
