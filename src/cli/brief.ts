/**
 * `chokepoint brief`: builds a briefing workbook from the templates, evaluates it in the headless
 * engine and writes it as .xlsx with the results cached; prints one line per sheet. With
 * `--values`, writes a values-only copy for colleagues without the add-in instead.
 */
import { buildPlan, TEMPLATES } from "../../templates";
import { STAGES, type BriefingOptions, type Stage } from "../../templates/types";
import { MINING_SOURCES } from "../../templates/mining";
import { resolveCountry } from "../data/countries";
import { applyPlan } from "../workbook/headless";
import { valuesCopyPlan } from "../workbook/valuesCopy";
import { renderXlsx } from "../workbook/xlsx";
import { parseCell, parseRange } from "../workbook/a1";
import { CliIO, processIO, UsageError } from "./io";
import { defaultPaper, PAPER_SIZES } from "./paper";
import { checkYearForTemplate, yearOption } from "./options";
import { checkOutput } from "./output";

export const USAGE =
  "chokepoint brief [--template <id>|all] [--countries USA,JPN,CHN] [--year N] [--stages mining,midstream,magnets] [--source <mine-production dataset>] [--paper letter|a4] [--values] --out <file.xlsx> [--force]";

export const HELP = [
  `usage: ${USAGE}`,
  "",
  "Writes a briefing workbook (.xlsx) without Excel: every number a live CHOKEPOINT formula with its",
  "result cached, native charts, and the add-in named in the file so Excel offers to load it.",
  "",
  "  --template <id>|all   one template, or all of them in one workbook (default all; list: chokepoint templates)",
  "  --countries A,B,…     ISO3 codes or names, each once (default USA,JPN,CHN)",
  "  --year N              the year of the inputs (default: each input's latest year with data)",
  "  --stages a,b,…        mining, midstream, magnets (default all three)",
  "  --source <dataset>    Mining only: the mine-production dataset (default bgs_mine_production)",
  "  --values              a values-only copy for colleagues without the add-in: every CHOKEPOINT",
  "                        formula replaced by its result; the first sheet says so",
  "  --paper letter|a4    paper size of the print setup (default: Letter in Letter-paper locales such",
  "                        as the US and Canada, A4 elsewhere; read from LC_ALL, LC_PAPER or LANG)",
  "  --out <file.xlsx>     where to write (required)",
  "  --force               overwrite an existing file",
  "  -h, --help            this help",
].join("\n");

/** Error cells listed per sheet; the rest are counted. */
const SHOWN_ERRORS = 5;

export interface BriefArguments {
  template: string;
  options: Partial<BriefingOptions>;
  out: string;
  force: boolean;
  /** Write a values-only copy (no CHOKEPOINT formulas). */
  values: boolean;
}

export function parseArguments(args: string[]): BriefArguments {
  const parsed: BriefArguments = { template: "all", options: {}, out: "", force: false, values: false };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--template":
        parsed.template = value();
        break;
      case "--countries": {
        // ISO3 codes or names, as the functions accept them ("Japan", "US", "Burma"); each once.
        const countries: string[] = [];
        for (const text of value().split(",").map((c) => c.trim()).filter(Boolean)) {
          let found: ReturnType<typeof resolveCountry>;
          try {
            found = resolveCountry(text, "--countries:");
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
          if (found.kind !== "country" && found.kind !== "union") throw new UsageError(`--countries: "${text}" is ${found.name}, not a country or the EU`);
          const iso3 = found.iso3;
          if (countries.includes(iso3)) throw new UsageError(`--countries: ${iso3} is listed twice`);
          countries.push(iso3);
        }
        if (countries.length === 0) throw new UsageError("--countries needs at least one country, e.g. USA,JPN,CHN");
        parsed.options.countries = countries;
        break;
      }
      case "--year":
        parsed.options.year = yearOption(value());
        break;
      case "--stages": {
        const stages = value().split(",").map((s) => s.trim().toLowerCase());
        for (const s of stages) if (!(STAGES as readonly string[]).includes(s)) throw new UsageError(`--stages: "${s}" is not one of ${STAGES.join(", ")}`);
        parsed.options.stages = stages as Stage[];
        break;
      }
      case "--source": {
        const source = value().trim();
        if (!MINING_SOURCES.includes(source)) throw new UsageError(`--source: "${source}" is not a mine-production dataset; choose one of ${MINING_SOURCES.join(", ")}`);
        parsed.options.source = source;
        break;
      }
      case "--paper": {
        const paper = value().trim().toLowerCase();
        if (!(PAPER_SIZES as readonly string[]).includes(paper)) throw new UsageError(`--paper: "${paper}" is not a paper size; choose letter or a4`);
        parsed.options.paper = paper as (typeof PAPER_SIZES)[number];
        break;
      }
      case "--out":
        parsed.out = value();
        break;
      case "--force":
        parsed.force = true;
        break;
      case "--values":
        parsed.values = true;
        break;
      default:
        throw new UsageError(`unknown argument ${flag}`);
    }
  }
  if (!parsed.out) throw new UsageError("--out <file.xlsx> is required");
  if (!parsed.out.toLowerCase().endsWith(".xlsx")) throw new UsageError(`--out: "${parsed.out}" should end in .xlsx`);
  const ids = TEMPLATES.map((t) => t.id);
  if (parsed.template !== "all" && !ids.includes(parsed.template)) {
    throw new UsageError(`--template: unknown template "${parsed.template}"; choose one of ${[...ids, "all"].join(", ")}`);
  }
  checkYearForTemplate(parsed.template, parsed.options.year);
  return parsed;
}

function inRange(range: string, address: string): boolean {
  const r = parseRange(range);
  const a = parseCell(address);
  return a.row >= r.start.row && a.row <= r.end.row && a.column >= r.start.column && a.column <= r.end.column;
}

export async function run(args: string[], io: CliIO = processIO): Promise<number> {
  const parsed = parseArguments(args);
  const output = checkOutput(parsed.out, parsed.force); // before any work: folder, target, writable
  const briefing = buildPlan(parsed.template, { paper: defaultPaper(process.env), ...parsed.options });
  const plan = parsed.values ? valuesCopyPlan(briefing, applyPlan(briefing)) : briefing;
  const { buffer, sheets } = await renderXlsx(plan, undefined, { valuesOnly: parsed.values });
  output.write(buffer);
  const width = Math.max(...sheets.map((s) => s.name.length));
  for (const s of sheets) {
    // an #N/A the template declares (a chart's gap, an input the analyst must enter) is not an error
    const gaps = plan.sheets.find((p) => p.key === s.key)?.documentedGaps ?? [];
    const gapOf = (address: string) => gaps.find((g) => inRange(g.range, address));
    const errors = s.errors.filter((e) => !gapOf(e.address));
    const declared = s.errors.length - errors.length;
    io.out(
      `${s.name.padEnd(width)}  ${String(s.cells).padStart(5)} cells  ${String(s.formulas).padStart(4)} formulas  ${String(errors.length).padStart(3)} errors` +
        (declared > 0 ? `  (and ${declared} documented #N/A)` : ""),
    );
    for (const e of errors.slice(0, SHOWN_ERRORS)) io.out(`${"".padEnd(width)}    ${e.address} ${e.error}${e.message ? `: ${e.message}` : ""}`);
    if (errors.length > SHOWN_ERRORS) io.out(`${"".padEnd(width)}    … and ${errors.length - SHOWN_ERRORS} more error cells`);
    for (const g of gaps) {
      const cells = s.errors.filter((e) => inRange(g.range, e.address));
      if (cells.length > 0) io.out(`${"".padEnd(width)}    documented #N/A in ${cells.length === 1 ? cells[0].address : `${cells.length} cells of ${g.range}`}: ${g.reason}`);
    }
    for (const m of s.spillMismatches) io.out(`${"".padEnd(width)}    ${m.address} spills over ${m.actual}, planned ${m.planned}`);
  }
  const kind = parsed.values ? "a values-only copy: no CHOKEPOINT formulas, readable without the add-in; " : "";
  io.out(`wrote ${parsed.out} (${kind}template ${parsed.template}, ${plan.metadata.datasets.length} datasets)`);
  return 0;
}
