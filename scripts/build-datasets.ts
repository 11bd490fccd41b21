/**
 * Builds the add-in's reference datasets (src/data/generated/*.json and datasets.ts) from the curated
 * extracts in ../shared/data. Run: `npx tsx scripts/build-datasets.ts [--check]` from the repo root.
 * --check rebuilds in memory and fails if the committed files differ (for CI).
 *
 * One module per source family under scripts/datasets/ turns its extracts into datasets through
 * the shared schema (scripts/datasets/common.ts); this driver lists them in catalogue order.
 * To add a dataset: write its builder in a module and add one line to BUILDERS (new ids at the end:
 * the catalogue order is public, see test/data/datasets.test.ts).
 */
import fs from "fs";
import path from "path";
import type { Dataset } from "../src/data/schema";
import { OUT, REPO, SHARED } from "./datasets/common";
import { checkCommitted, render } from "./datasets/files";
import { bgs } from "./datasets/bgs";
import { events } from "./datasets/events";
import { visualCapitalist, wmd } from "./datasets/compilations";
import { euCrm, euCrm2017SrInputs, euCrmAssessments } from "./datasets/eu";
import { quota, stageShares } from "./datasets/industry";
import { magnets, patents } from "./datasets/magnets";
import { frameworkPaper } from "./datasets/paper";
import { baci, comtrade, japan, oec } from "./datasets/trade";
import { usEndUse, usgsHistorical, usgsMcs, usImportSources, usSalient } from "./datasets/usgs";
import { wgi } from "./datasets/wgi";

export { OUT, REPO, SHARED, parseCsv, sourceName, validateCsvText } from "./datasets/common";
export { checkCommitted, render } from "./datasets/files";

/** Every dataset builder, in catalogue order (a builder may return several datasets). */
const BUILDERS: Array<() => Dataset | Dataset[]> = [
  usgsMcs,
  bgs,
  usgsHistorical,
  wmd,
  visualCapitalist,
  usSalient,
  usEndUse,
  usImportSources,
  comtrade,
  baci,
  oec,
  japan,
  stageShares,
  euCrm,
  frameworkPaper,
  magnets,
  quota,
  patents,
  wgi,
  euCrm2017SrInputs,
  euCrmAssessments,
  events,
];

export function buildAll(): Dataset[] {
  return BUILDERS.flatMap((build) => build());
}

function main(): number {
  const check = process.argv.includes("--check");
  if (check) {
    const problems = checkCommitted();
    if (problems.length > 0) {
      console.error(`build-datasets --check: invalid generated data\n${problems.map((p) => `  ${p}`).join("\n")}`);
      return 1;
    }
    if (!fs.existsSync(SHARED)) {
      // The committed data are valid; without the extracts their freshness cannot be checked.
      console.warn(`build-datasets --check: ${SHARED} not found; committed datasets are valid, not compared with the extracts`);
      return 0;
    }
  }
  if (!fs.existsSync(SHARED)) {
    console.error(`build-datasets: ${SHARED} not found; the extracts are needed to build the datasets`);
    return 1;
  }
  let files: Map<string, string>;
  try {
    files = render(buildAll());
  } catch (e) {
    console.error(`build-datasets: ${(e as Error).message}`);
    return 1;
  }
  if (check) {
    const stale = [...files].filter(([name, text]) => !fs.existsSync(path.join(OUT, name)) || fs.readFileSync(path.join(OUT, name), "utf8") !== text);
    if (stale.length > 0) {
      console.error(`build-datasets --check: out of date: ${stale.map(([n]) => n).join(", ")}`);
      return 1;
    }
    console.log(`build-datasets --check: ${files.size} files up to date`);
    return 0;
  }
  fs.mkdirSync(OUT, { recursive: true });
  for (const old of fs.readdirSync(OUT)) if (!files.has(old)) fs.unlinkSync(path.join(OUT, old));
  for (const [name, text] of files) fs.writeFileSync(path.join(OUT, name), text);
  console.log(`build-datasets: wrote ${files.size - 1} datasets to ${path.relative(REPO, OUT)}`);
  return 0;
}

if (require.main === module) process.exit(main());