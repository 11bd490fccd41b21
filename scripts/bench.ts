/**
 * Benchmark: CHOKEPOINT.HHI through its Excel adapter on 1,000,000 values passed as Excel passes a
 * range (a 2-D array, one column), against a bare Float64Array sum-of-squares loop. Target ratio ≤ 3.
 * Prints figures; never asserts timings (run: npm run bench).
 */
import { performance } from "perf_hooks";
import { installCustomFunctionsStandIn } from "../src/runtime/customFunctionsStandIn";
import { HHI } from "../src/functions/families/measures";

installCustomFunctionsStandIn();

const N = 1_000_000;
const RUNS = 15;
const TARGET_RATIO = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => number): { ms: number; result: number } {
  let result = 0;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), result };
}

// Deterministic pseudo-random quantities (a linear congruential generator), so runs compare.
let seed = 42;
const next = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
const flat = new Float64Array(N);
for (let i = 0; i < N; i++) flat[i] = next() * 1000;
// Two Excel shapes of the same million values: a 1000×1000 block and a single 1,000,000-row column.
const block: number[][] = Array.from({ length: 1000 }, (_, r) => Array.from(flat.subarray(r * 1000, (r + 1) * 1000)));
const column: number[][] = Array.from(flat, (v) => [v]);

const bare = time(() => {
  let total = 0;
  let squares = 0;
  for (let i = 0; i < N; i++) {
    total += flat[i];
    squares += flat[i] * flat[i];
  }
  return (squares / (total * total)) * 10000;
});
const shapes = [
  { label: "1000×1000 block", range: block },
  { label: "1,000,000×1 column", range: column },
].map(({ label, range }) => ({ label, ...time(() => HHI(range)) }));

const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(`values:                  ${N.toLocaleString("en-US")}`);
console.log(`bare Float64Array loop:  ${bare.ms.toFixed(2)} ms (median of ${RUNS})`);
for (const s of shapes) {
  const ratio = s.ms / bare.ms;
  const agree = Math.abs(s.result - bare.result) < 1e-9 * bare.result ? "results agree" : "RESULTS DIFFER";
  console.log(
    `CHOKEPOINT.HHI, ${s.label.padEnd(18)}: ${s.ms.toFixed(2)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? "met" : "NOT met"}), ${agree}`,
  );
}
console.log(`heap used:               ${heapMb.toFixed(0)} MB`);
