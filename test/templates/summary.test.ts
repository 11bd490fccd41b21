/**
 * The Summary sheet: first in the briefing, and every finding it states agrees with the numbers
 * the public functions give when called on their own (VULN.COMPOUND, VULN.SENSITIVITY,
 * VULN.EXPLAIN evaluated here one by one, the argmax and argmin worked out in this test), and
 * changes its wording when the numbers change.
 */
import { buildPlan, TEMPLATES } from "../../templates";
import { LEVER_WORDS } from "../../templates/summary";
import { evaluatePlan, sheetValues, type CellValue } from "../../src/workbook/headless";
import { evaluateFormula } from "../../src/workbook/engine";
import { parseCell } from "../../src/workbook/a1";
import { createCatalog } from "../../src/taskpane/catalog";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";
const STAGES = ["mining", "midstream", "magnets"] as const;
const COUNTRIES = { USA: "United States", JPN: "Japan", CHN: "China" } as const;
type Code = keyof typeof COUNTRIES;
const SUBJECT: Record<Code, string> = { USA: "The United States", JPN: "Japan", CHN: "China" };

function value(formula: string): number {
  const r = evaluateFormula(formula);
  if (r.kind !== "value" || typeof r.value !== "number") throw new Error(`${formula}: ${JSON.stringify(r)}`);
  return r.value;
}
function table(formula: string): Array<Array<string | number>> {
  const r = evaluateFormula(formula);
  if (r.kind !== "array") throw new Error(`${formula}: ${JSON.stringify(r)}`);
  return r.rows as Array<Array<string | number>>;
}
const cvi = (stage: string, c: string) => value(`=CHOKEPOINT.VULN.COMPOUND("${stage}","${c}")`);
/** As TEXT(x,"0.00") and TEXT(x,"0.000") show a number. */
const r2 = (x: number) => x.toFixed(2);
const r3 = (x: number) => x.toFixed(3);

const plan = buildPlan("all", {}, GENERATED_AT);
const { workbook, sheets } = evaluatePlan(plan);
const summary = plan.sheets[0];
const shown = sheetValues(workbook, "summary");

/** The sentences of the findings block and their verdicts ("agrees", "differs", "—"). */
function findings(values: CellValue[][] = shown): Array<{ text: string; verdict: string }> {
  const block = summary.blocks.find((b) => b.id === "findings")!;
  const { row, column } = parseCell(block.anchor);
  const last = block.rows[0].length - 1;
  return block.rows.slice(1).map((_, r) => ({ text: String(values[row + 1 + r][column]), verdict: String(values[row + 1 + r][column + last]) }));
}
function sentence(start: string, values?: CellValue[][]) {
  const found = findings(values).filter((f) => f.text.startsWith(start));
  expect(found.map((f) => f.text)).toHaveLength(1);
  return found[0];
}

test("the Summary is the briefing's first sheet, a template of its own and in the task pane's list", () => {
  expect(plan.sheets.map((s) => s.key)[0]).toBe("summary");
  expect(TEMPLATES[0].id).toBe("summary");
  expect(createCatalog().templates().map((t) => t.id)).toContain("summary");
  expect(buildPlan("summary", {}, GENERATED_AT).sheets.map((s) => s.name)).toEqual(["Summary", "Sources"]);
  expect(sheets[0].errors).toEqual([]);
  expect(summary.page).toMatchObject({ orientation: "portrait", fitToWidth: 1, fitToHeight: 1 });
});

test("for each country, the most and least exposed stage and their CVIs are those VULN.COMPOUND gives", () => {
  for (const c of Object.keys(COUNTRIES) as Code[]) {
    const values = STAGES.map((st) => cvi(st, c));
    const hi = values.indexOf(Math.max(...values));
    const lo = values.indexOf(Math.min(...values));
    expect(sentence(`${SUBJECT[c]} is most exposed`).text).toBe(
      `${SUBJECT[c]} is most exposed at the ${STAGES[hi]} stage (CVI ${r2(values[hi])}) and least at the ${STAGES[lo]} stage (${r2(values[lo])}).`,
    );
  }
});

test("who is least exposed at every stage, checked against the paper's finding that China is", () => {
  const least = STAGES.map((st) => {
    const values = (Object.keys(COUNTRIES) as Code[]).map((c) => cvi(st, c));
    return (Object.values(COUNTRIES) as string[])[values.indexOf(Math.min(...values))];
  });
  const f = findings().find((x) => /least exposed/.test(x.text) && !/most exposed/.test(x.text))!;
  if (least.every((n) => n === least[0])) expect(f.text).toBe(`${least[0]} is the least exposed of the three countries at every stage.`);
  else expect(f.text).toMatch(/^The least exposed country differs by stage/);
  expect(f.verdict).toBe(least.every((n) => n === "China") ? "agrees" : "differs");
});

test("the paper's stage findings for the US and Japan: each sentence states whichever is true, with the numbers", () => {
  for (const c of ["USA", "JPN"] as const) {
    const [mine, mid, mag] = STAGES.map((st) => cvi(st, c));
    const midMine = sentence(`${SUBJECT[c]} is ${mid > mine ? "more" : "less"} exposed at the midstream (${r2(mid)}) than at mining (${r2(mine)})`);
    expect(midMine.verdict).toBe(mid > mine ? "agrees" : "differs");
    // the paper calls the magnet market "much more diversified"; with this data magnets may come out more exposed
    const magnets = findings().find((f) => f.text.startsWith(SUBJECT[c]) && /at magnets/.test(f.text))!;
    if (mag < mid) expect(magnets.text).toMatch(new RegExp(`is less exposed at magnets \\(${r2(mag)}\\) than at the midstream \\(${r2(mid)}\\)`));
    else expect(magnets.text).toBe(`${SUBJECT[c]} comes out more exposed at magnets (${r2(mag)}) than at the midstream (${r2(mid)}), although the paper calls the magnet market “much more diversified” than upstream processing.`);
    expect(magnets.verdict).toBe(mag < mid ? "agrees" : "differs");
  }
});

test("the lever that lowers CVI most for the US and for Japan is VULN.SENSITIVITY's best over the stages", () => {
  for (const c of ["USA", "JPN"] as const) {
    const ranked = STAGES.map((st) => ({ st, best: table(`=CHOKEPOINT.VULN.SENSITIVITY("${st}","${c}",0.1)`)[1] }));
    const top = ranked.reduce((a, b) => ((b.best[2] as number) < (a.best[2] as number) ? b : a));
    const words = LEVER_WORDS.find(([l]) => l === top.best[0])![1];
    const name = c === "USA" ? "the United States" : "Japan";
    const change = top.best[2] as number;
    const f = sentence(`For ${name}, the lever`);
    expect(f.text).toBe(
      `For ${name}, the lever that lowers the CVI most is ${words} at the ${top.st} stage: CVI falls by ${r3(-change)} (from ${r3((top.best[1] as number) - change)} to ${r3(top.best[1] as number)}) when it moves by 10 points.`,
    );
    expect(f.verdict).toBe(top.st === "midstream" ? "agrees" : "differs");
    const production = (st: string) => table(`=CHOKEPOINT.VULN.SENSITIVITY("${st}","${c}",0.1)`).find((r) => r[0] === "production")![2] as number;
    const d = sentence(`Diversifying production by 10 points lowers ${name}`);
    expect(d.text).toContain(`by ${r3(-production("midstream"))} at the midstream and by ${r3(-production("mining"))} at mining`);
    expect(d.verdict).toBe(production("midstream") < production("mining") ? "agrees" : "differs");
  }
});

test("the sentences are live: when a CVI changes, the wording and the verdict follow", () => {
  const block = summary.blocks.find((b) => b.id === "cvi")!;
  const { row, column } = parseCell(block.anchor);
  const sheet = workbook.sheetIds.get("summary")!;
  // the US magnets CVI (row 1, column 2 + stage index) replaced by a low figure
  const at = { sheet, row: row + 1, col: column + 2 + STAGES.indexOf("magnets") };
  const before = workbook.engine.getCellSerialized(at);
  workbook.engine.setCellContents(at, 0.2);
  try {
    const now = sheetValues(workbook, "summary");
    const magnets = findings(now).find((f) => f.text.startsWith("The United States") && /at magnets/.test(f.text))!;
    expect(magnets.text).toMatch(/^The United States is less exposed at magnets \(0\.20\) than at the midstream/);
    expect(magnets.verdict).toBe("agrees");
    expect(sentence("The United States is most exposed", now).text).toMatch(/most exposed at the midstream stage/);
  } finally {
    workbook.engine.setCellContents(at, before);
  }
});

test("the terms shown are VULN.EXPLAIN's for the most exposed cell", () => {
  const all = (Object.keys(COUNTRIES) as Code[]).flatMap((c) => STAGES.map((st) => ({ c, st, v: cvi(st, c) })));
  const top = all.reduce((a, b) => (b.v > a.v ? b : a));
  const explained = table(`=CHOKEPOINT.VULN.EXPLAIN("${top.st}","${top.c}")`);
  const block = summary.blocks.find((b) => b.id === "explain")!;
  const { row, column } = parseCell(block.anchor);
  for (let r = 1; r < explained.length; r++) {
    expect(shown[row + r][column]).toBe(explained[r][0]);
    expect(shown[row + r][column + 1]).toBeCloseTo(explained[r][1] as number, 12);
    expect(shown[row + r][column + 2]).toBe(explained[r][2]);
  }
  const lead = summary.blocks.find((b) => b.id === "explain-lead")!;
  const { row: lr, column: lc } = parseCell(lead.anchor);
  expect(shown[lr][lc]).toBe(`The most exposed cell: ${COUNTRIES[top.c]} at the ${top.st} stage (CVI ${r2(top.v)}). Its terms:`);
});

test("a briefing for a year without data at some stages says what is missing instead of a finding", () => {
  const p = buildPlan("summary", { year: 2010 }, GENERATED_AT);
  const { workbook: wb } = evaluatePlan(p);
  const values = sheetValues(wb, "summary");
  const block = p.sheets[0].blocks.find((b) => b.id === "findings")!;
  const { row } = parseCell(block.anchor);
  const texts = block.rows.slice(1).map((_, r) => String(values[row + 1 + r][0]));
  expect(texts).toContain("United States: a CVI is missing (n/a above); the Stage comparison sheet says which input the data lacks.");
  // no error on the page: n/a where the year cannot be computed
  const grid = p.sheets[0].blocks.find((b) => b.id === "cvi")!;
  const at = parseCell(grid.anchor);
  const usa = values[at.row + 1].slice(at.column + 2, at.column + 5);
  expect(usa).toEqual(["n/a", "n/a", expect.any(Number)]);
  expect(texts.filter((t) => /lever that lowers/.test(t)).every((t) => t.endsWith("(latest data)."))).toBe(true);
});

test("the sentence formulas are ones Excel takes: only its own functions, text pieces under 255 characters, formulas under 8,192", () => {
  const excel = new Set(["IF", "IFERROR", "IFNA", "ISERROR", "ISNUMBER", "INDEX", "MATCH", "MIN", "MAX", "COUNT", "ROUND", "TEXT", "LOWER", "AND", "OR", "NOT", "NA"]);
  for (const p of [plan, buildPlan("summary", { year: 2024, countries: ["USA", "JPN", "KOR", "CHN"] }, GENERATED_AT)]) {
    for (const b of p.sheets[0].blocks) {
      for (const v of b.rows.flat()) {
        if (typeof v !== "string" || !v.startsWith("=")) continue;
        expect(v.length).toBeLessThan(8192);
        const literals = [...v.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]);
        for (const l of literals) expect(l.length).toBeLessThanOrEqual(255);
        const code = v.replace(/"(?:[^"]|"")*"/g, '""');
        for (const [, fn] of code.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) expect([fn, fn.startsWith("CHOKEPOINT.") || excel.has(fn)]).toEqual([fn, true]);
      }
    }
  }
});
