/**
 * `npm run bench`: prints speed, memory and size figures with their targets; never asserts them.
 *   hhi      CHOKEPOINT.HHI on a million values against a bare loop (target ratio ≤ 3)
 *   cli      eval and brief wall time and peak memory beside `node -e "require('hyperformula')"`
 *   startup  the production task pane in Chromium: functions registered, first result, JS bytes
 *   brief    the default briefing rendered in-process, with the time spent writing charts
 *   limits   every measure on a 1,048,576-row column beside HHI; mistyped and over-long arguments
 * `npm run bench -- cli startup` runs only the sections named.
 */
import { benchHhi } from "./bench/hhi";
import { benchCli } from "./bench/cli";
import { benchStartup } from "./bench/startup";

const SECTIONS: Record<string, () => void | Promise<void>> = {
  hhi: benchHhi,
  cli: benchCli,
  startup: benchStartup,
  brief: () => import("./bench/brief").then((b) => b.benchBrief()),
  limits: () => import("./bench/limits").then((b) => b.runLimitsBench()),
};

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown[0]}; choose from ${Object.keys(SECTIONS).join(", ")}`);
  for (const name of names.length > 0 ? names : Object.keys(SECTIONS)) await SECTIONS[name]();
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
