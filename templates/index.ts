/**
 * The briefing template registry. Each template is a pure function from options to sheets of a
 * WorkbookPlan; `buildPlan` assembles one template, or all of them, into one plan and always ends
 * with a Sources sheet listing every dataset the other sheets use.
 */
import { PlanBuilder } from "./kit";
import { catalogue } from "./data";
import { STAGES, type BriefingOptions, type TemplateDefinition } from "./types";
import { summary } from "./summary";
import { stageComparison } from "./stageComparison";
import { history } from "./history";
import { mining } from "./mining";
import { trade } from "./trade";
import { magnets } from "./magnets";
import { scenarios } from "./scenarios";
import { methods } from "./methods";
import { sources, addSources } from "./sources";
import { MODEL_VERSION } from "./model";
import type { PrintSpec, WorkbookPlan } from "../src/workbook/plan";

export type { BriefingOptions, TemplateDefinition } from "./types";

/** In briefing order. */
export const TEMPLATES: TemplateDefinition[] = [summary, stageComparison, history, mining, trade, magnets, scenarios, methods, sources];

export const DEFAULT_OPTIONS: BriefingOptions = {
  countries: ["USA", "JPN", "CHN"],
  year: null,
  stages: [...STAGES],
  source: null,
  paper: null,
};

export function templateById(id: string): TemplateDefinition {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown template "${id}"; choose one of ${[...TEMPLATES.map((x) => x.id), "all"].join(", ")}`);
  return t;
}

/**
 * The plan for template `id` ("all" for the whole briefing). `generatedAt` is passed in (default:
 * now) so that the same options give the same plan in tests.
 */
export function buildPlan(id: string, options: Partial<BriefingOptions> = {}, generatedAt: string = new Date().toISOString()): WorkbookPlan {
  const resolved: BriefingOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  const chosen = id === "all" ? TEMPLATES.filter((t) => t !== sources) : id === sources.id ? [] : [templateById(id)];
  const book = new PlanBuilder(catalogue());
  for (const t of chosen) t.addTo(book, resolved);
  addSources(book, id === sources.id ? "all" : "used");
  const title = id === "all" ? "Chokepoint briefing: US, Japan and China across the rare-earth magnet supply chain" : templateById(id).title;
  const metadata = {
    templateId: id === "all" ? "briefing" : id,
    templateVersion: id === "all" ? TEMPLATES.map((t) => `${t.id}@${t.version}`).join(" ") : templateById(id).version,
    title,
    options: { ...resolved },
    generatedAt,
    modelVersion: MODEL_VERSION,
  };
  return book.build(metadata, printSpec(title, generatedAt, book.datasetIds.length, resolved.paper ?? null, metadata.modelVersion));
}

/** Header: the briefing's title and the sheet; footer: the date, the plan's model version and where the numbers come from, page N of M. */
export function printSpec(title: string, generatedAt: string, datasets: number, paper: BriefingOptions["paper"], modelVersion: number): PrintSpec {
  const escape = (s: string) => s.replace(/&/g, "&&");
  return {
    ...(paper ? { paper } : {}),
    header: { left: `&9${escape(title)}`, right: "&9&A" },
    footer: {
      left: `&9Generated ${generatedAt.slice(0, 10)}`,
      center: `&9Chokepoint model v${modelVersion}; data from ${datasets} datasets, cited on the Sources sheet`,
      right: "&9Page &P of &N",
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
