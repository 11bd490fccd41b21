/**
 * Benchmark: `chokepoint brief` for the default workbook, in-process (build the plan, evaluate it
 * in the headless engine, write the .xlsx), with the time spent writing the native charts apart.
 * The whole command as a user runs it (a new Node process) is the cli section's (./cli.ts).
 * Target: under 2 s on the development machine. The first in-process run also pays for loading the
 * function bindings and the datasets; the median of the following runs is the steady figure.
 * Prints figures; never asserts timings (run: npm run bench -- brief).
 */
import { performance } from "perf_hooks";
import { buildPlan } from "../../templates";
import { renderXlsx, type XlsxTimings } from "../../src/workbook/xlsx";
import { median, verdict } from "./stats";

const RUNS = 5;
const TARGET_MS = 2000;

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
  console.log(`  total ${brief.toFixed(0)} ms (target < ${TARGET_MS} ms: ${verdict(brief < TARGET_MS)}); first run ${runs[0].briefMs.toFixed(0)} ms`);
  console.log(
    `  plan ${m("planMs").toFixed(0)} ms, headless evaluation ${m("evaluateMs").toFixed(0)} ms, sheets (ExcelJS) ${m("sheetsMs").toFixed(0)} ms, ` +
      `charts ${m("chartsMs").toFixed(1)} ms, metadata, web extension and zip ${m("packageMs").toFixed(0)} ms`,
  );
}

if (require.main === module) void benchBrief();
