/**
 * Summary, the briefing's first page: the CVI of each country at each stage, the framework's
 * findings stated in sentences whose numbers (and whose wording, where the data and the paper
 * disagree) are live formulas, the terms of the most exposed cell, and where each number comes
 * from. Built only on the public functions (VULN.COMPOUND, VULN.SENSITIVITY, VULN.EXPLAIN), so it
 * follows whatever the model returns. The lever and explanation tables it reads sit beside the
 * printed page, in workings columns.
 */
import { COLOURS, Placed, text, type PlanBuilder, type SheetBuilder } from "./kit";
import { countryName, explainShape, modelDatasets } from "./data";
import { MODEL_DEFAULTS, MODEL_VERSION, SENSITIVITY_HEADER, SENSITIVITY_SHAPE, STAGE_TITLE } from "./model";
import { columnLetter } from "../src/workbook/a1";
import type { PlanValue } from "../src/workbook/plan";
import type { BriefingOptions, Stage, TemplateDefinition } from "./types";

/** How far each lever moves in the ranking the findings quote (VULN.SENSITIVITY's delta). */
export const SUMMARY_DELTA = 0.1;
const PAPER = "framework_paper";
/** The countries whose findings the framework paper states. */
const PAPER_COUNTRIES = ["USA", "JPN"];

/** Words for each lever VULN.SENSITIVITY names; an unknown lever is called by its name. */
export const LEVER_WORDS: Array<[string, string]> = [
  ["production", "diversifying production away from the largest producer"],
  ["imports", "diversifying imports away from the largest partner"],
  ["firms", "spreading output over more firms"],
  ["technology", "diversifying patents away from the leading holder"],
];

/** A CVI as the table shows it (two decimals, "0.10" not "0.1"); a lever's effect to three, so its from, to and fall agree. */
const r2 = (x: string) => `TEXT(${x},"0.00")`;
const r3 = (x: string) => `TEXT(${x},"0.000")`;
/** Puts two cell expressions into a formula pattern's {x} and {y}. */
const fill = (pattern: string, x: string, y: string) => pattern.replace(/\{x\}/g, x).replace(/\{y\}/g, y);

export const summary: TemplateDefinition = {
  id: "summary",
  title: "Summary",
  description:
    "One page first: the CVI of each country at each stage, the framework's findings as sentences whose numbers are live formulas (most exposed stage per country, who is least exposed, which lever lowers CVI most for the US and Japan, where the data agree or disagree with the paper), the VULN.EXPLAIN terms of the most exposed cell, and where each number comes from.",
  version: "1.1.0",
  sheetName: "Summary",
  options: [
    { name: "countries", description: "countries compared (rows); the paper's findings are checked for the US and Japan", default: ["USA", "JPN", "CHN"] },
    { name: "stages", description: "stages compared (columns)", default: ["mining", "midstream", "magnets"] },
    { name: "year", description: "year of the CVI inputs; blank means the latest year with data for each input (the lever ranking always uses the latest)", default: null },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("summary", "Summary", COLOURS.title);
    const { countries, stages } = options;
    const n = countries.length;
    const k = stages.length;
    const names = countries.map((c) => countryName(c));
    const last = 3 + k; // last printed column (0-based): name, code, stages, most exposed, its CVI
    const work = last + 2; // first workings column
    const yearArg = options.year === null ? "" : `,${options.year}`;
    // VULN.SENSITIVITY takes no year: with a year asked, the lever findings say theirs is the latest
    const latestNote = options.year === null ? "" : " (latest data)";
    for (const id of [...modelDatasets(countries, stages, options.year).ids, PAPER]) book.useDataset(id);

    s.title(
      `Summary: where ${listed(names)} are exposed in the rare-earth magnet supply chain`,
      `Compound vulnerability index (CVI): 0 means no chokepoint, 1 full exposure. Every number and finding on this page is a live formula${options.year === null ? "" : ` for ${options.year}`}.`,
    );

    // 1. CVI by country and stage
    s.heading("cvi-heading", "Compound vulnerability by country and stage (CHOKEPOINT.VULN.COMPOUND)");
    const header: PlanValue[] = ["Country", "ISO3", ...stages.map((st) => STAGE_TITLE[st]), "Most exposed at", "Its CVI"];
    const table = s.formulasAt(
      "cvi",
      (cell) => {
        const stageHeader = `${cell(0, 2)}:${cell(0, 1 + k)}`;
        const rows: PlanValue[][] = countries.map((c, i) => {
          const row = `${cell(i + 1, 2)}:${cell(i + 1, 1 + k)}`;
          const missing = `COUNT(${row})<${k}`;
          return [
            names[i],
            c,
            // n/a, never an error, where the data lacks the year: a heat map paints an error as a value in LibreOffice
            ...stages.map((st) => `=IFNA(CHOKEPOINT.VULN.COMPOUND(${text(st)},${text(c)}${yearArg}),"n/a")`),
            `=IF(${missing},"(a CVI is missing)",INDEX(${stageHeader},1,MATCH(MAX(${row}),${row},0)))`,
            `=IF(${missing},"",MAX(${row}))`,
          ];
        });
        const least: PlanValue[] = [
          "Least exposed",
          null,
          ...stages.map((_, j) => {
            const col = `${cell(1, 2 + j)}:${cell(n, 2 + j)}`;
            return `=IF(COUNT(${col})<${n},"(a CVI is missing)",INDEX(${cell(1, 0)}:${cell(n, 0)},MATCH(MIN(${col}),${col},0)))`;
          }),
        ];
        return [header, ...rows, least];
      },
      { header: true },
    );
    const cvi = (i: number, j: number) => table.cell(i + 1, 2 + j);
    const cviRow = (i: number) => table.row(i + 1, 2, 1 + k);
    const grid = table.area(1, 2, n, 1 + k);
    s.format(grid, "0.00");
    s.style({ range: grid, horizontalAlignment: "right" });
    s.format(table.column(3 + k, 1, n), "0.00");
    s.conditional({ type: "colorScale", range: grid, minColor: COLOURS.low, midColor: COLOURS.mid, maxColor: COLOURS.high });
    s.style({ range: table.row(n + 1), italic: true });
    s.name("Summary_CVI", grid, "CVI by country (rows) and stage (columns)");
    s.gap();

    // workings beside the page: the lever ranking of each country and stage, and the explanation
    const workings = new Workings(s, work, table.top);
    const leverWords = workings.leverWords();
    const focal = countries.filter((c) => PAPER_COUNTRIES.includes(c));
    const levers = new Map(focal.map((c) => [c, workings.levers(c, stages)]));
    const most = workings.mostExposed(table.column(0, 1, n), table.column(1, 1, n), table.column(2 + k, 1, n), table.column(3 + k, 1, n));
    const explain = workings.explain(most.stage, most.country, yearArg);

    // 2. Findings
    s.heading("findings-heading", "Findings (sentences recompute with the data)");
    const findings: Array<{ sentence: string; verdict: string | null; expected: number }> = [];
    countries.forEach((c, i) => {
      const row = cviRow(i);
      const sentence =
        k === 1
          ? `${text(capital(subject(names[i])))}&" has a CVI of "&${r2(cvi(i, 0))}&" at the ${stages[0]} stage."`
          : `${text(`${capital(subject(names[i]))} is most exposed at the `)}&LOWER(${table.cell(i + 1, 2 + k)})&" stage (CVI "&${r2(table.cell(i + 1, 3 + k))}&") and least at the "&LOWER(INDEX(${table.row(0, 2, 1 + k)},1,MATCH(MIN(${row}),${row},0)))&" stage ("&${r2(`MIN(${row})`)}&")."`;
      findings.push({ sentence: `=IF(COUNT(${row})<${k},${text(`${names[i]}: a CVI is missing (n/a above); the Stage comparison sheet says which input the data lacks.`)},${sentence})`, verdict: null, expected: 90 });
    });
    if (n > 1) {
      const least = stages.map((_, j) => table.cell(n + 1, 2 + j));
      const same = k === 1 ? "TRUE" : `AND(${least.slice(1).map((l) => `${least[0]}=${l}`).join(",")})`;
      const byStage = stages.map((st, j) => `"${st} "&${least[j]}`).join(`&", "&`);
      const complete = `COUNT(${grid})=${n * k}`;
      findings.push({
        sentence: `=IF(NOT(${complete}),"A CVI is missing, so the least exposed country cannot be named at every stage.",IF(${same},${least[0]}&" is the least exposed of the ${numberWord(n)} countries at every stage.","The least exposed country differs by stage: "&${byStage}&"."))`,
        verdict: countries.includes("CHN") ? `=IF(NOT(${complete}),"",IF(AND(${least.map((l) => `${l}=${text(countryName("CHN"))}`).join(",")}),"agrees","differs"))` : null,
        expected: 90,
      });
    }
    const at = (st: Stage) => stages.indexOf(st);
    for (const c of focal) {
      const i = countries.indexOf(c);
      const name = subject(names[i]);
      const Name = capital(name);
      const compare = (a: Stage, b: Stage, holds: string, yes: string, no: string) => {
        const [x, y] = [cvi(i, at(a)), cvi(i, at(b))];
        const missing = `OR(NOT(ISNUMBER(${x})),NOT(ISNUMBER(${y})))`;
        findings.push({
          sentence: `=IF(${missing},${text(`${Name}: a CVI is missing (n/a above); the Stage comparison sheet says which input the data lacks.`)},IF(${fill(holds, x, y)},${fill(yes, r2(x), r2(y))},${fill(no, r2(x), r2(y))}))`,
          verdict: `=IF(${missing},"",IF(${fill(holds, x, y)},"agrees","differs"))`,
          expected: 170,
        });
      };
      if (at("midstream") >= 0 && at("mining") >= 0) {
        compare(
          "midstream",
          "mining",
          "{x}>{y}",
          `${text(`${Name} is more exposed at the midstream (`)}&{x}&") than at mining ("&{y}&"), as the paper finds: “the midstream is currently more vulnerable”."`,
          `${text(`${Name} is less exposed at the midstream (`)}&{x}&") than at mining ("&{y}&"), unlike the paper, which finds “the midstream is currently more vulnerable”."`,
        );
      }
      if (at("magnets") >= 0 && at("midstream") >= 0) {
        compare(
          "magnets",
          "midstream",
          "{x}<{y}",
          `${text(`${Name} is less exposed at magnets (`)}&{x}&") than at the midstream ("&{y}&"), in line with the paper's “much more diversified” magnet market."`,
          `${text(`${Name} comes out more exposed at magnets (`)}&{x}&") than at the midstream ("&{y}&"), although the paper calls the magnet market “much more diversified” than upstream processing."`,
        );
      }
      const best = levers.get(c)!;
      const words = `IFERROR(INDEX(${leverWords.words},MATCH(${best.lever},${leverWords.levers},0)),"the "&${best.lever}&" lever")`;
      findings.push({
        sentence:
          `=IF(ISERROR(${best.change}),${text(`${Name}: the lever ranking is missing (see the workings beside this page).`)},IF(${best.change}>=0,${text(`For ${name}, no lever lowers the CVI at any stage.`)},` +
          `${text(`For ${name}, the lever that lowers the CVI most is `)}&${words}&" at the "&LOWER(${best.stage})&" stage: CVI falls by "&${r3(`-${best.change}`)}&" (from "&${r3(`${best.cvi}-${best.change}`)}&" to "&${r3(best.cvi)}&") when it moves by ${SUMMARY_DELTA * 100} points${latestNote}."))`,
        verdict: at("midstream") >= 0 ? `=IF(ISERROR(${best.change}),"",IF(${best.stage}=${text(STAGE_TITLE.midstream)},"agrees","differs"))` : null,
        expected: 190,
      });
      if (at("midstream") >= 0 && at("mining") >= 0) {
        const [pm, pn] = [best.production[at("midstream")], best.production[at("mining")]];
        const said = `${text(`Diversifying production by ${SUMMARY_DELTA * 100} points lowers ${possessive(name)} CVI by `)}&${r3(`-${pm}`)}&" at the midstream and by "&${r3(`-${pn}`)}&" at mining${latestNote}: "`;
        findings.push({
          sentence: `=IF(OR(ISERROR(${pm}),ISERROR(${pn})),${text(`${Name}: the lever ranking is missing (see the workings beside this page).`)},${said}&IF(${pm}<${pn},"the midstream gives more, as the paper recommends (“attention to the midstream is likely to yield greater results”).","mining gives more, unlike the paper's advice to attend to the midstream."))`,
          verdict: `=IF(OR(ISERROR(${pm}),ISERROR(${pn})),"",IF(${pm}<${pn},"agrees","differs"))`,
          expected: 200,
        });
      }
    }
    const found = s.formulas("findings", [["Finding", ...Array<PlanValue>(last - 1).fill(null), "The paper"], ...findings.map((f) => [f.sentence, ...Array<PlanValue>(last - 1).fill(null), f.verdict ?? "—"])], { header: true });
    findings.forEach((f, r) => s.markProse(new Placed(found.cell(r + 1, 0), 1, 1), "x".repeat(f.expected)));
    const verdicts = found.column(last, 1);
    s.style({ range: verdicts, horizontalAlignment: "center" });
    s.conditional({ type: "cellValue", range: verdicts, operator: "equal", formula1: '"agrees"', fill: "#C6EFCE", fontColor: "#006100" });
    s.conditional({ type: "cellValue", range: verdicts, operator: "equal", formula1: '"differs"', fill: "#FFEB9C", fontColor: "#9C5700" });
    s.gap();

    // 3. Why the most exposed cell is exposed
    s.heading("explain-heading", "Why the most exposed cell is exposed (CHOKEPOINT.VULN.EXPLAIN)");
    const lead = s.formulas("explain-lead", [
      [`=IF(COUNT(${grid})<${n * k},"A CVI is missing, so the most exposed cell is not named.","The most exposed cell: "&${most.name}&" at the "&LOWER(${most.stage})&" stage (CVI "&${r2(most.cvi)}&"). Its terms:")`],
    ]);
    s.markProse(lead, "x".repeat(90));
    const terms = s.formulas(
      "explain",
      [
        ["Term", "Value", "How it is computed"],
        // blank where there is nothing to explain (the spill then has no number in its value column)
        ...Array.from({ length: explain.rows - 1 }, (_, r) => [0, 1, 2].map((c) => `=IF(ISNUMBER(${explain.cell(r + 1, 1)}),${explain.cell(r + 1, c)},"")`)),
      ],
      { header: true },
    );
    s.format(terms.column(1, 1), "0.000");
    s.markProse(new Placed(terms.cell(0, 2), 1, 1));
    for (let r = 1; r < explain.rows; r++) s.markProse(new Placed(terms.cell(r, 2), 1, 1), "x".repeat(170));
    s.gap();

    // 4. Where each number comes from
    const datasets = modelDatasets(countries, stages, options.year).ids;
    s.heading("from-heading", "Where each number comes from");
    s.notes("from", [
      `CVI: CHOKEPOINT.VULN.COMPOUND(stage, country${options.year === null ? "" : ", year"}), model version ${MODEL_VERSION} with its default parameters (m = ${MODEL_DEFAULTS.m}, w_g = ${MODEL_DEFAULTS.wg}); each input's value, dataset and year: CHOKEPOINT.VULN.DIMENSIONS (the Stage comparison sheet shows them).`,
      `Datasets behind the CVI: ${datasets.join(", ")}; citations on the Sources sheet.`,
      `Levers: CHOKEPOINT.VULN.SENSITIVITY(stage, country, ${SUMMARY_DELTA}), each lever moved by ${SUMMARY_DELTA * 100} points, most effective first${options.year === null ? "" : " (always the latest data)"}; the rankings are in columns ${columnLetter(work)} onwards, beside the printed page.`,
      "Terms: CHOKEPOINT.VULN.EXPLAIN(stage, country) for the most exposed cell; its fourth column, beside the page, quotes the framework statement behind each term.",
      "The paper: the framework paper, a 2022 working paper on US and Japanese supply-chain security in rare earths and permanent magnets (Sources sheet: framework_paper); its findings are quoted in the sentences above.",
    ]);
    s.page({ area: `A1:${columnLetter(last)}${s.row}`, fitToHeight: 1, orientation: "portrait" });
    [26, 7, ...stages.map(() => 13), 17, 11, 3].forEach((w, c) => s.width(c, w));
  },
};

/** A country's name as a sentence names it: "the United States", "Japan". */
export function subject(name: string): string {
  return /^(United |Netherlands|Philippines|Czech Republic|Republic of|Democratic Republic|Russian Federation|European Union|Dominican Republic|Central African)/.test(name) ? `the ${name}` : name;
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);
const numberWord = (n: number) => ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"][n] ?? String(n);

function listed(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The tables the findings read, placed in columns beside the printed page (top to bottom). */
class Workings {
  private row: number;
  constructor(
    private readonly s: SheetBuilder,
    private readonly column: number,
    top: number,
  ) {
    this.row = top;
    const head = s.values("workings-heading", [["Workings for the sentences (not printed)"]], { column, row: 0, keepCursor: true });
    s.style({ range: head.cell(0, 0), bold: true, fontColor: COLOURS.title });
  }

  private place(id: string, rows: PlanValue[][], formulas = false) {
    const at = { column: this.column, row: this.row, keepCursor: true, header: true };
    const p = formulas ? this.s.formulas(id, rows, at) : this.s.values(id, rows, at);
    this.row += p.rowCount + 1;
    return p;
  }

  leverWords(): { levers: string; words: string } {
    const p = this.place("workings-levers", [["Lever", "In words"], ...LEVER_WORDS]);
    return { levers: p.column(0, 1), words: p.column(1, 1) };
  }

  /** VULN.SENSITIVITY of each stage, and the most effective lever over all stages. */
  levers(country: string, stages: Stage[]) {
    const changeAt = SENSITIVITY_HEADER.indexOf("change");
    const cviAt = SENSITIVITY_HEADER.indexOf("new CVI");
    const spills = stages.map((st, j) => {
      const label = this.s.values(`workings-sens-${country}-${st}-label`, [[`${country} · ${STAGE_TITLE[st]}`]], { column: this.column + j * 4, row: this.row, keepCursor: true });
      this.s.style({ range: label.cell(0, 0), bold: true });
      const spill = this.s.spill(`workings-sens-${country}-${st}`, `=CHOKEPOINT.VULN.SENSITIVITY(${text(st)},${text(country)},${SUMMARY_DELTA})`, SENSITIVITY_SHAPE.rows, SENSITIVITY_SHAPE.columns, {
        column: this.column + j * 4,
        row: this.row + 1,
        keepCursor: true,
      });
      this.s.format(spill.area(1, 1, SENSITIVITY_SHAPE.rows - 1, SENSITIVITY_SHAPE.columns - 1), "0.000");
      return spill;
    });
    this.row += SENSITIVITY_SHAPE.rows + 2;
    const best = this.place(
      `workings-best-${country}`,
      [
        ["Stage", "Best lever", "New CVI", "Change", "Production lever"],
        ...spills.map((sp, j) => [
          STAGE_TITLE[stages[j]],
          `=${sp.cell(1, 0)}`,
          `=${sp.cell(1, cviAt)}`,
          `=${sp.cell(1, changeAt)}`,
          `=INDEX(${sp.column(changeAt, 1)},MATCH("production",${sp.column(0, 1)},0))`,
        ]),
      ],
      true,
    );
    this.s.format(best.area(1, 2, stages.length, 4), "0.000");
    const changes = best.column(3, 1);
    const pick = (c: number) => `INDEX(${best.column(c, 1)},MATCH(MIN(${changes}),${changes},0))`;
    return { stage: pick(0), lever: pick(1), cvi: pick(2), change: `MIN(${changes})`, production: stages.map((_, j) => best.cell(j + 1, 4)) };
  }

  /** Country, stage and CVI of the highest CVI in the table. */
  mostExposed(names: string, codes: string, stageColumn: string, cviColumn: string) {
    const p = this.place("workings-most", [
      ["Most exposed", "Value"],
      ["country", `=IFERROR(INDEX(${codes},MATCH(MAX(${cviColumn}),${cviColumn},0)),"")`],
      ["stage", `=IFERROR(INDEX(${stageColumn},MATCH(MAX(${cviColumn}),${cviColumn},0)),"")`],
      ["CVI", `=MAX(${cviColumn})`],
    ], true);
    this.s.format(p.cell(3, 1), "0.000");
    const name = `IFERROR(INDEX(${names},MATCH(MAX(${cviColumn}),${cviColumn},0)),"")`;
    return { country: p.cell(1, 1), stage: p.cell(2, 1), cvi: p.cell(3, 1), name };
  }

  explain(stage: string, country: string, yearArg: string) {
    const shape = explainShape();
    const label = this.s.values("workings-explain-label", [["CHOKEPOINT.VULN.EXPLAIN of the most exposed cell"]], { column: this.column, row: this.row, keepCursor: true });
    this.s.style({ range: label.cell(0, 0), bold: true });
    // no complete row of CVIs (no data for the year asked): nothing to explain, and the sheet says so
    const p = this.s.spill("workings-explain", `=IF(${stage}="",NA(),CHOKEPOINT.VULN.EXPLAIN(${stage},${country}${yearArg}))`, shape.rows, shape.columns, {
      column: this.column,
      row: this.row + 1,
      keepCursor: true,
    });
    this.s.documentGap(p.cell(0, 0), "no country has a CVI at every stage for the year asked, so there is no most exposed cell to explain");
    this.s.format(p.column(1, 1), "0.000");
    this.row += shape.rows + 2;
    return { anchor: p.cell(0, 0), cell: (r: number, c: number) => p.cell(r, c), rows: shape.rows };
  }
}
