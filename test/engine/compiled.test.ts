/**
 * The compiled command line: bin/chokepoint.js runs build/cli/chokepoint.js (bundled from the
 * sources, with the generated function metadata inlined), loads neither TypeScript nor the JSDoc
 * parser when it starts, and rebuilds itself when a source is newer than the build, so it never
 * runs stale code. The engine's metadata is the generator's, for the family files as they are.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { loadFunctionBindings } from "../../src/workbook/engine";

/* eslint-disable @typescript-eslint/no-require-imports */
const { OUT_FILE, INPUTS_FILE, cliIsFresh } = require("../../scripts/build-cli.js") as { OUT_FILE: string; INPUTS_FILE: string; cliIsFresh: () => boolean };
const { generateMetadata } = require("../../scripts/function-contract.js") as { generateMetadata: () => Promise<{ functions: Array<{ id: string; name: string }> }> };
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/chokepoint.js");

describe("compiled command line", () => {
  test("jest's global setup left a fresh build, which the bin runs", () => {
    expect(fs.existsSync(OUT_FILE)).toBe(true);
    expect(cliIsFresh()).toBe(true);
    expect(execFileSync("node", [BIN, "eval", "=CHOKEPOINT.HHI({30,30,20,20})"], { encoding: "utf8" }).trim()).toBe("2600");
  });

  /** Runs the bin with `args`; returns what it printed and every file Node loaded (relative to the project). */
  function run(args: string[]): { printed: string; loaded: string[] } {
    // Preloaded into the command's process: lists every file Node loads, at exit.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-loads-"));
    const probe = path.join(dir, "probe.js");
    const list = path.join(dir, "loaded.json");
    fs.writeFileSync(probe, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
    try {
      const printed = execFileSync("node", ["--require", probe, BIN, ...args], { encoding: "utf8" });
      const loaded = (JSON.parse(fs.readFileSync(list, "utf8")) as string[]).filter((f) => f !== probe).map((f) => path.relative(ROOT, f));
      return { printed, loaded };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const VENDOR = path.join("build", "cli", "vendor.js");

  test("eval loads no TypeScript, no tsx, no JSDoc parser and not the .xlsx writer: built JavaScript, with HyperFormula inside the bundle", () => {
    const { printed, loaded } = run(["eval", '=CHOKEPOINT.DATA("usgs_mcs_mine_production","CHN",2023)']);
    expect(Number(printed)).toBeGreaterThan(0);
    expect(loaded.filter((f) => /node_modules[\\/](typescript|tsx|custom-functions-metadata|esbuild|hyperformula|exceljs|jszip)[\\/]/.test(f) || f.endsWith(".ts"))).toEqual([]);
    expect(loaded).toContain(path.join("build", "cli", "chokepoint.js"));
    // eval does not load the packages only brief needs (ExcelJS, jszip: build/cli/vendor.js).
    expect(loaded).not.toContain(VENDOR);
  });

  test("brief through the bin writes the workbook with ExcelJS and jszip from build/cli/vendor.js", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-brief-"));
    const out = path.join(dir, "sources.xlsx");
    try {
      const { printed, loaded } = run(["brief", "--template", "sources", "--out", out]);
      expect(printed).toMatch(/^Sources\s+\d+ cells/m);
      expect(printed).toContain(`wrote ${out}`);
      expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK"); // a zip package
      expect(loaded).toContain(VENDOR);
      expect(loaded.filter((f) => f.includes("node_modules"))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test("a source newer than the build makes the bin rebuild before it runs", () => {
    const source = path.join(ROOT, "src/errors.ts");
    const before = fs.statSync(source);
    const recorded = () => (JSON.parse(fs.readFileSync(INPUTS_FILE, "utf8")).inputs as Array<{ file: string; mtimeMs: number }>).find((i) => i.file === "src/errors.ts")!.mtimeMs;
    const later = new Date(Math.max(Date.now(), before.mtimeMs + 2000));
    try {
      fs.utimesSync(source, later, later);
      expect(cliIsFresh()).toBe(false);
      expect(execFileSync("node", [BIN, "eval", "=CHOKEPOINT.NEQ({50,50})"], { encoding: "utf8" }).trim()).toBe("2");
      expect(cliIsFresh()).toBe(true);
      expect(recorded()).toBe(fs.statSync(source).mtimeMs);
    } finally {
      fs.utimesSync(source, before.atime, before.mtime);
    }
    // Back to the old time: stale again for the recorded stamp, and rebuilt by the next run.
    expect(cliIsFresh()).toBe(false);
    execFileSync("node", [BIN, "eval", "=1"], { encoding: "utf8" });
    expect(cliIsFresh()).toBe(true);
  }, 60_000);

  test("the engine binds exactly the functions the JSDoc declares, under their released names", async () => {
    const generated = (await generateMetadata()).functions.map((f) => `CHOKEPOINT.${f.name}`).sort();
    const bound = loadFunctionBindings().map((b) => b.excelName).sort();
    expect(bound).toEqual(generated);
    expect(bound.length).toBeGreaterThanOrEqual(27);
  });
});
