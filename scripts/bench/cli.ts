/**
 * The command line's wall time and peak memory, each beside a reference measured in the same run:
 * `node -e "require('hyperformula')"`, the least any HyperFormula-based command can start in.
 * Measures the bin script package.json names (`node bin/chokepoint.js`); npx adds npm's own
 * start-up on top, shown once for information. Median of 5 runs after one warm-up run.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { performance } from "perf_hooks";
import { median, verdict } from "./stats";

const ROOT = path.resolve(__dirname, "../..");
const RUNS = 5;
const EVAL_TARGET_RATIO = 2;
const BRIEF_TARGET_S = 1.5;

interface Sample {
  seconds: number;
  peakMb: number;
}

/** Runs `node <args>` RUNS times (after a warm-up); median wall time and median peak resident memory. */
function measure(args: string[], probe: string, rssFile: string): Sample & { output: string } {
  const samples: Sample[] = [];
  let output = "";
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--require", probe, ...args], { cwd: ROOT, encoding: "utf8" });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
    output = r.stdout.trim();
    // maxRSS in kilobytes, written by the probe as the process exits.
    if (i > 0) samples.push({ seconds, peakMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024 });
  }
  return { seconds: median(samples.map((s) => s.seconds)), peakMb: median(samples.map((s) => s.peakMb)), output };
}

export async function benchCli(): Promise<void> {
  // The bundle must be current before timing (a stale one would be rebuilt inside the first run).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureCli } = require("../build-cli.js") as { ensureCli: () => Promise<string> };
  await ensureCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-bench-"));
  const rssFile = path.join(dir, "maxrss");
  const probe = path.join(dir, "probe.js");
  fs.writeFileSync(probe, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const bin = path.join(ROOT, "bin/chokepoint.js");
  const briefing = path.join(dir, "briefing.xlsx");
  try {
    const reference = measure(["-e", "require('hyperformula')"], probe, rssFile);
    const evaluated = measure([bin, "eval", "=CHOKEPOINT.HHI({1,2,3})"], probe, rssFile);
    const brief = measure([bin, "brief", "--out", briefing, "--force"], probe, rssFile);
    const npxStart = performance.now();
    spawnSync("npx", ["--no-install", "chokepoint", "eval", "=CHOKEPOINT.HHI({1,2,3})"], { cwd: ROOT, encoding: "utf8" });
    const npxSeconds = (performance.now() - npxStart) / 1000;

    const row = (label: string, s: Sample, extra = "") =>
      console.log(`  ${label.padEnd(46)} ${s.seconds.toFixed(3).padStart(6)} s  ${s.peakMb.toFixed(0).padStart(4)} MB${extra}`);
    const ratios = (s: Sample) => `   ${(s.seconds / reference.seconds).toFixed(2)}× the time, ${(s.peakMb / reference.peakMb).toFixed(2)}× the memory`;
    console.log(`\nCommand line: wall time and peak memory, median of ${RUNS} (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)})`);
    row(`reference: node -e "require('hyperformula')"`, reference);
    const evalRatio = evaluated.seconds / reference.seconds;
    row(`node bin/chokepoint.js eval (one cell)`, evaluated, `${ratios(evaluated)} (target ≤ ${EVAL_TARGET_RATIO}× the time: ${verdict(evalRatio <= EVAL_TARGET_RATIO)})`);
    row(`node bin/chokepoint.js brief (default workbook)`, brief, `${ratios(brief)} (target ≤ ${BRIEF_TARGET_S} s: ${verdict(brief.seconds <= BRIEF_TARGET_S)})`);
    console.log(`  (npx chokepoint eval, once: ${npxSeconds.toFixed(2)} s, npm's own start-up included)`);
    if (evaluated.output !== "3888.888888888889") console.log(`  NOTE: eval printed ${JSON.stringify(evaluated.output)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
