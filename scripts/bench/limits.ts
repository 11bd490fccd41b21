/**
 * Bounded work on the largest inputs Excel can pass: a full 1,048,576-row column, a 32,767-character
 * cell. Each custom function is called through its Excel adapter, as Excel calls it, and timed.
 * Prints figures and the ratios the targets are stated in; never asserts (npm run bench calls it;
 * npm run bench -- limits runs it alone).
 *
 * Targets: a mistyped `exclude` over 1,048,576 labels answers in under 0.2 s; SHARES and ENTROPY
 * stay within 3× of HHI on the same column; a 32,767-character key or text argument is refused at
 * once, with a short message.
 *
 * Ratios are taken from paired runs (HHI, then the measure, alternately), so that load from other
 * work on the machine falls on both alike. Functions that allocate (SHARES returns a million rows)
 * pay for the garbage collections they cause; the floor line shows what allocating SHARES's result
 * alone costs, whatever the code around it.
 */
import { performance } from "perf_hooks";
import v8 from "v8";
import vm from "vm";
import { installCustomFunctionsStandIn } from "../../src/runtime/customFunctionsStandIn";
import { CR, ENTROPY, GEOGAP, HHI, HHI_EXCLUDING, NEQ, SHARES, TOPSHARE } from "../../src/functions/families/measures";
import { DATA, SERIES, SHARE } from "../../src/functions/families/data";
import { VULN_DIMENSIONS } from "../../src/functions/families/vuln";
import { median } from "./stats";

const ROWS = 1_048_576;
const RUNS = 9;
const EXCLUDE_TARGET_MS = 200;
const RATIO_TARGET = 3;
/** BENCH_GC=1: a full collection before each timed call (it leaves V8's young generation at its smallest, which slows allocating code). */
const FORCED_GC = process.env.BENCH_GC === "1";


/** What a call answered, shortly: a number, an array's shape, or the Excel error and its message. */
function answerOf(fn: () => unknown): string {
  try {
    const r = fn();
    return Array.isArray(r) ? `${r.length}×${(r[0] as unknown[])?.length ?? 0} array` : String(r);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return `${err.code ?? "error"}: ${err.message ?? String(e)}`;
  }
}

export function runLimitsBench(): void {
  installCustomFunctionsStandIn();
  // A full collection before each timed call, so that a call is not charged for the garbage its
  // predecessor left (the inputs here fill a few hundred MB); its own allocations still count.
  v8.setFlagsFromString("--expose-gc");
  const collectGarbage = vm.runInNewContext("gc") as () => void;

  const timeOnce = (fn: () => unknown): number => {
    if (FORCED_GC) collectGarbage();
    const t0 = performance.now();
    try {
      fn();
    } catch {
      // an Excel error is an answer too
    }
    return performance.now() - t0;
  };
  /** Median time of `fn`, after two unmeasured calls (the optimising compiler has seen the code, as in a workbook that recalculates). */
  const time = (fn: () => unknown) => {
    timeOnce(fn);
    timeOnce(fn);
    return median(Array.from({ length: RUNS }, () => timeOnce(fn)));
  };
  /** Median times of `fn` and of `reference` in alternating runs, and the median of their ratios. */
  const paired = (fn: () => unknown, reference: () => unknown) => {
    timeOnce(fn);
    timeOnce(reference);
    const pairs = Array.from({ length: RUNS }, () => {
      const r = timeOnce(reference);
      return { r, f: timeOnce(fn) };
    });
    return { ms: median(pairs.map((p) => p.f)), referenceMs: median(pairs.map((p) => p.r)), ratio: median(pairs.map((p) => p.f / p.r)) };
  };

  const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);
  const line = (label: string, ms: number, extra = "") => console.log(`${label.padEnd(56)} ${ms.toFixed(1).padStart(8)} ms${extra}`);
  const answer = (text: string) => console.log(`${"".padEnd(59)}→ ${short(text)}`);

  // Deterministic pseudo-random quantities (a linear congruential generator), so runs compare.
  let seed = 7;
  const next = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const column: number[][] = Array.from({ length: ROWS }, () => [next() * 1000]);
  const reserves: number[][] = Array.from({ length: ROWS }, () => [next() * 1000]);
  // Labels as a firm list has them (one distinct name per row) and as a country panel has them (a few names, repeated).
  const firmLabels: string[][] = Array.from({ length: ROWS }, (_, i) => [`Producer ${i + 1}`]);
  const COUNTRY_NAMES = ["China", "United States", "Australia", "Myanmar", "Thailand", "India", "Russia", "Vietnam", "Brazil", "Malaysia"];
  const countryLabels: string[][] = Array.from({ length: ROWS }, (_, i) => [COUNTRY_NAMES[i % COUNTRY_NAMES.length]]);
  const long = "x".repeat(32_767);
  // The inputs (a few hundred MB) settle into the old generation before anything is timed, so the
  // first measure is not charged for promoting them.
  collectGarbage();
  collectGarbage();

  console.log(`\nBounded work: a ${ROWS.toLocaleString("en-US")}-row column (one value per row, as Excel passes A1:A1048576); medians of ${RUNS} runs`);
  const hhi = () => HHI(column);
  line("CHOKEPOINT.HHI", time(hhi));
  answer(answerOf(hhi));

  console.log(`\nEach measure against HHI on the same column, in paired runs (target for SHARES and ENTROPY: ≤ ${RATIO_TARGET}× HHI):`);
  const measures: Array<[string, () => unknown]> = [
    ["CHOKEPOINT.SHARES", () => SHARES(column)],
    ["CHOKEPOINT.ENTROPY", () => ENTROPY(column)],
    ["CHOKEPOINT.ENTROPY, normalized", () => ENTROPY(column, true)],
    ["CHOKEPOINT.NEQ", () => NEQ(column)],
    ["CHOKEPOINT.CR, n = 4", () => CR(column, 4)],
    ["CHOKEPOINT.CR, n = 500,000", () => CR(column, 500_000)],
    ["CHOKEPOINT.TOPSHARE, with labels", () => TOPSHARE(column, firmLabels)],
    ["CHOKEPOINT.GEOGAP", () => GEOGAP(column, reserves)],
    ["CHOKEPOINT.HHI.EXCLUDING, a listed country", () => HHI_EXCLUDING(column, countryLabels, "China")],
  ];
  for (const [label, fn] of measures) {
    const r = paired(fn, hhi);
    const target = /SHARES|ENTROPY/.test(label) ? `; target ≤ ${RATIO_TARGET}: ${r.ratio <= RATIO_TARGET ? "met" : "NOT met"}` : "";
    line(label, r.ms, `   HHI ${r.referenceMs.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)}${target}`);
  }
  // SHARES must return a million one-cell rows: the least that costs, against the same HHI.
  const rows = paired(() => column.map((row) => [row[0]]), hhi);
  line("  floor: allocating 1,048,576 one-cell result rows", rows.ms, `   HHI ${rows.referenceMs.toFixed(1)} ms, ratio ${rows.ratio.toFixed(2)}`);

  console.log(`\nA mistyped exclude (target under ${EXCLUDE_TARGET_MS} ms):`);
  for (const [label, fn] of [
    ['HHI.EXCLUDING, 1,048,576 distinct labels, "Producr 12"', () => HHI_EXCLUDING(column, firmLabels, "Producr 12")],
    ['HHI.EXCLUDING, 1,048,576 country labels, "Chna"', () => HHI_EXCLUDING(column, countryLabels, "Chna")],
    ["HHI.EXCLUDING, 32,767-character exclude, 1,000 labels", () => HHI_EXCLUDING(column.slice(0, 1000), firmLabels.slice(0, 1000), long)],
  ] as Array<[string, () => unknown]>) {
    const ms = time(fn);
    line(label, ms, `   target < ${EXCLUDE_TARGET_MS} ms: ${ms < EXCLUDE_TARGET_MS ? "met" : "NOT met"}`);
    answer(answerOf(fn));
  }

  console.log("\nA 32,767-character key or text argument (refused before any lookup):");
  for (const [label, fn] of [
    ['DATA("usgs_mcs_mine_production", <32,767 characters>)', () => DATA("usgs_mcs_mine_production", long)],
    ['DATA(<32,767 characters>, "CHN")', () => DATA(long, "CHN")],
    ['SERIES("usgs_mcs_mine_production", <32,767 characters>)', () => SERIES("usgs_mcs_mine_production", long)],
    ['SHARE("usgs_mcs_mine_production", <32,767 characters>, 2023)', () => SHARE("usgs_mcs_mine_production", long, 2023)],
    ['VULN.DIMENSIONS("mining", <32,767 characters>)', () => VULN_DIMENSIONS("mining" as never, long)],
  ] as Array<[string, () => unknown]>) {
    const text = answerOf(fn);
    line(label, time(fn), `   message ${text.length} characters`);
    answer(text);
  }
}

if (require.main === module) runLimitsBench();
