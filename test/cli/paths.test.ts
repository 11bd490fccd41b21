/**
 * The command line's argument and output-path checks: each case answers at once (before any
 * work), with one sentence and a non-zero exit, and never hangs. The slow cases run the real
 * `bin/chokepoint.js` with a timeout, so a hang fails the test instead of stalling it.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { main } from "../../src/cli/main";
import { checkOutput, OutputPathError } from "../../src/cli/output";

const BIN = path.resolve(__dirname, "../../bin/chokepoint.js");

function capture(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

/** Runs the CLI as a user would; a hang becomes a timeout error (spawnSync kills it). */
function runCli(args: string[], options: { uid?: number } = {}) {
  const started = Date.now();
  const r = options.uid === undefined
    ? spawnSync("node", [BIN, ...args], { encoding: "utf8", timeout: 30_000 })
    : spawnSync("setpriv", [`--reuid=${options.uid}`, `--regid=${options.uid}`, "--clear-groups", "node", BIN, ...args], { encoding: "utf8", timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.trim(), error: r.error, seconds: (Date.now() - started) / 1000 };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-paths-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "a-file");
fs.writeFileSync(file, "not a folder");
const folderNamedXlsx = path.join(dir, "dir.xlsx");
fs.mkdirSync(folderNamedXlsx);
const existing = path.join(dir, "existing.xlsx");
fs.writeFileSync(existing, "keep me");

/** The message checkOutput gives, or null when the path is accepted. */
function outputProblem(out: string, force = false): string | null {
  try {
    checkOutput(out, force);
    return null;
  } catch (e) {
    if (e instanceof OutputPathError) return e.message;
    throw e;
  }
}

describe("the output path is checked before any work", () => {
  test.each([
    ["a folder that does not exist", () => path.join(dir, "missing", "b.xlsx"), false, /^cannot write .*: the folder .*missing does not exist \(create it first, or choose another --out\)$/],
    ["a path under a regular file", () => path.join(file, "b.xlsx"), false, /^cannot write .*: .*a-file is a file, not a folder$/],
    ["a path deep under a regular file", () => path.join(file, "x", "y", "b.xlsx"), false, /^cannot write .*: .*a-file is a file, not a folder$/],
    ["a folder named like a workbook", () => folderNamedXlsx, false, /^cannot write .*dir\.xlsx: it is a folder; give a file name, e.g\. --out .*dir\.xlsx\/briefing\.xlsx$/],
    ["a folder named like a workbook, with --force", () => folderNamedXlsx, true, /it is a folder/],
    ["an existing file without --force", () => existing, false, /^.*existing\.xlsx exists; give --force to overwrite it$/],
    ["a device", () => "/dev/null", true, /it exists and is not an ordinary file/],
    ["a path in /proc", () => "/proc/x/y.xlsx", false, /^cannot write \/proc\/x\/y\.xlsx: the folder \/proc\/x does not exist/],
    ["a new file in /proc", () => "/proc/y.xlsx", false, /^cannot write \/proc\/y\.xlsx: new files cannot be made in \/proc/],
  ])("%s: one sentence", (_label, target, force, message) => {
    const problem = outputProblem(target(), force);
    expect(problem).toMatch(message);
    expect(problem!.split(/[.;]\s+[A-Z]/)).toHaveLength(1); // one sentence
  });

  test("an accepted path leaves nothing behind until the workbook is written, then exactly the workbook", () => {
    const target = path.join(dir, "new.xlsx");
    const before = fs.readdirSync(dir).sort();
    const output = checkOutput(target, false);
    expect(fs.readdirSync(dir).sort()).toEqual(before); // the writability probe was removed
    output.write(Buffer.from("PK workbook"));
    expect(fs.readFileSync(target, "utf8")).toBe("PK workbook");
    expect(fs.readdirSync(dir).sort()).toEqual([...before, "new.xlsx"].sort());
  });

  test("without --force, a file that appears while the workbook is built is kept", () => {
    const target = path.join(dir, "race.xlsx");
    const output = checkOutput(target, false);
    fs.writeFileSync(target, "the user's file");
    expect(() => output.write(Buffer.from("PK"))).toThrow(/was created by something else while the workbook was being built; it was kept/);
    expect(fs.readFileSync(target, "utf8")).toBe("the user's file");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("with --force an existing file is replaced whole", () => {
    const target = path.join(dir, "replace.xlsx");
    fs.writeFileSync(target, "old");
    checkOutput(target, true).write(Buffer.from("PK new"));
    expect(fs.readFileSync(target, "utf8")).toBe("PK new");
  });
});

describe("the real command answers each case at once, with one line and exit 1", () => {
  test.each([
    ["/proc/x/y.xlsx", /the folder \/proc\/x does not exist/],
    ["/proc/y.xlsx", /new files cannot be made in \/proc/],
    [path.join(file, "y.xlsx"), /is a file, not a folder/],
    [folderNamedXlsx, /it is a folder/],
  ])("brief --out %s", (out, message) => {
    const r = runCli(["brief", "--out", out, "--force"]);
    expect(r.error).toBeUndefined(); // no hang: spawnSync would have timed out
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(""); // before any work: no sheet was computed
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    console.log(`brief --out ${out}: exit ${r.status} after ${r.seconds.toFixed(1)} s: ${r.stderr}`);
  });

  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasSetpriv = spawnSync("setpriv", ["--version"]).status === 0;
  (asRoot && hasSetpriv ? test : test.skip)("a folder the user may not write to (run as nobody)", () => {
    const locked = path.join(dir, "locked");
    fs.mkdirSync(locked, { mode: 0o555 });
    fs.chmodSync(dir, 0o755);
    const r = runCli(["brief", "--template", "sources", "--out", path.join(locked, "y.xlsx")], { uid: 65534 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^chokepoint brief: cannot write .*locked\/y\.xlsx: new files cannot be made in .*locked \(permission is denied\)$/);
  });
  if (!(asRoot && hasSetpriv)) console.log("skipped the permission case: it needs root and setpriv to run the command as nobody");
});

describe("--year takes decimal years only, and says why in the user's terms", () => {
  test.each([
    ["0x7E7", /--year: "0x7E7" is not a year; give four digits, e\.g\. --year 2023/],
    ["2023.0", /--year: "2023\.0" is not a year/],
    ["2e3", /--year: "2e3" is not a year/],
    ["twenty", /--year: "twenty" is not a year/],
    ["3000", /--year: 3000 is outside the years any of the reference data covers; give a year from 1900 to 2100/],
  ])("--year %s is a usage error", async (year, message) => {
    const r = await capture(["brief", "--year", year, "--out", path.join(dir, "y.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test("a year before the Mining sheet's series names the series, not an internal range", async () => {
    for (const template of ["all", "mining"]) {
      const r = await capture(["brief", "--template", template, "--year", "1950", "--out", path.join(dir, "y.xlsx")]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("--year 1950 is before the Mining sheet's production series, which start in 2000; give 2000 or later, or leave --year out for the latest data");
      expect(r.err).not.toMatch(/\d{4}-\d{4}/);
    }
  });
});
