/**
 * Benchmark: `chokepoint brief` for the default workbook, in-process (build the plan, evaluate it
 * in the headless engine, write the .xlsx), with the time spent writing the native charts apart,
 * and the whole command as a user runs it (a new Node process: start-up, module loading and all).
 * Target: under 2 s on the development machine. The first in-process run also pays for loading the
 * function bindings and the datasets; the median of the following runs is the steady figure.
 * Prints figures; never asserts timings (run: npm run bench, or npx tsx scripts/bench-brief.ts).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { performance } from "perf_hooks";
import { buildPlan } from "../templates";
import { renderXlsx, type XlsxTimings } from "../src/workbook/xlsx";

const RUNS = 5;
const COMMAND_RUNS = 3;
const TARGET_MS = 2000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchBrief(): Promise<void> {
  const runs: Array<XlsxTimings & { planMs: number; briefMs: number; bytes: number; charts: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const plan = buildPlan("all", {});
    const t1 = performance.now();
    const r = await renderXlsx(plan);
    const t2 = performance.now();
    runs.push({ ...r.timings, planMs: t1 - t0, briefMs: t2 - t0, bytes: r.buffer.length, charts: r.charts });
  }
  const steady = runs.slice(1);
  const m = (key: keyof (typeof runs)[number]) => median(steady.map((r) => r[key] as number));
  const brief = m("briefMs");
  console.log(`brief, default workbook (${runs[0].charts} charts, ${(runs[0].bytes / 1024).toFixed(0)} KB), median of ${steady.length} runs after the first:`);
  console.log(`  total ${brief.toFixed(0)} ms (target < ${TARGET_MS} ms: ${brief < TARGET_MS ? "met" : "NOT met"}); first run ${runs[0].briefMs.toFixed(0)} ms`);
  console.log(
    `  plan ${m("planMs").toFixed(0)} ms, headless evaluation ${m("evaluateMs").toFixed(0)} ms, sheets (ExcelJS) ${m("sheetsMs").toFixed(0)} ms, ` +
      `charts ${m("chartsMs").toFixed(1)} ms, metadata, web extension and zip ${m("packageMs").toFixed(0)} ms`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-bench-"));
  try {
    const bin = path.resolve(__dirname, "../bin/chokepoint.js");
    const wall = Array.from({ length: COMMAND_RUNS }, (_, i) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [bin, "brief", "--out", path.join(dir, `b${i}.xlsx`)], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`chokepoint brief failed: ${r.stderr}`);
      return performance.now() - t0;
    });
    const w = median(wall);
    console.log(`  the command, node bin/chokepoint.js brief --out …: ${w.toFixed(0)} ms (median of ${COMMAND_RUNS}; target < ${TARGET_MS} ms: ${w < TARGET_MS ? "met" : "NOT met"})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchBrief();
