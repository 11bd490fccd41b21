/**
 * Benchmark: CHOKEPOINT.HHI through its Excel adapter on 1,000,000 values passed as Excel passes a
 * range (2-D arrays: a 1000×1000 block and a 1,000,000-row column), against a bare Float64Array
 * sum-of-squares loop. Target ratio ≤ 3. It also times an unchecked read of the same array, the
 * floor set by memory layout, so the cost of the adapter's checks shows apart from it.
 * Prints figures; never asserts timings (run: npm run bench).
 */
import { performance } from "perf_hooks";
import { installCustomFunctionsStandIn } from "../src/runtime/customFunctionsStandIn";
import { HHI } from "../src/functions/families/measures";
import { runLimitsBench } from "./bench-limits";

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
// The least any code can do with the same 2-D array: read each cell once, with no checks. For the
// column this is a million separate one-element arrays, so memory traffic, not our code, sets it.
function uncheckedRead(range: number[][]): number {
  let total = 0;
  let squares = 0;
  for (let r = 0; r < range.length; r++) {
    const row = range[r];
    for (let c = 0; c < row.length; c++) {
      total += row[c];
      squares += row[c] * row[c];
    }
  }
  return (squares / (total * total)) * 10000;
}
const shapes = [
  { label: "1000×1000 block", range: block },
  { label: "1,000,000×1 column", range: column },
].map(({ label, range }) => ({ label, floor: time(() => uncheckedRead(range)), ...time(() => HHI(range)) }));

const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(`values:                  ${N.toLocaleString("en-US")}`);
console.log(`bare Float64Array loop:  ${bare.ms.toFixed(2)} ms (median of ${RUNS})`);
for (const s of shapes) {
  const ratio = s.ms / bare.ms;
  const agree = Math.abs(s.result - bare.result) < 1e-9 * bare.result ? "results agree" : "RESULTS DIFFER";
  console.log(
    `CHOKEPOINT.HHI, ${s.label.padEnd(18)}: ${s.ms.toFixed(2)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? "met" : "NOT met"}), ${agree}`,
  );
  console.log(
    `  unchecked read of the same array: ${s.floor.ms.toFixed(2)} ms (ratio ${(s.floor.ms / bare.ms).toFixed(2)}); CHOKEPOINT.HHI costs ${(s.ms / s.floor.ms).toFixed(2)}× that`,
  );
}
console.log(`heap used:               ${heapMb.toFixed(0)} MB`);
runLimitsBench();
