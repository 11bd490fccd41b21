/**
 * Data flows one way (DESIGN.md 2): src/core is pure arithmetic and imports nothing from the
 * datasets or the model layer; src/data imports nothing from the core or the model; src/model
 * (reference data → model inputs) sits above both. Typed errors live in src/errors.ts, which every
 * layer may use.
 */
import fs from "fs";
import path from "path";

const SRC = path.resolve(__dirname, "../../src");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Every relative import of a file, resolved to a path under src/. */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gm)].map((m) => path.relative(SRC, path.resolve(path.dirname(file), m[1])));
}

describe.each([
  ["core", ["data", "model", "functions", "workbook", "taskpane", "cli"]],
  ["data", ["core", "model", "functions", "workbook", "taskpane", "cli"]],
  ["model", ["functions", "workbook", "taskpane", "cli"]],
] as const)("src/%s", (layer, forbidden) => {
  test.each(files(path.join(SRC, layer)).map((f) => [path.relative(SRC, f)]))(`%s imports nothing from src/{${forbidden.join(",")}}`, (rel) => {
    const bad = imports(path.join(SRC, rel)).filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)));
    expect(bad).toEqual([]);
  });
});

test("the typed errors and the quoting of inputs are one module each, importing nothing, and nothing imports them through the core", () => {
  expect(fs.existsSync(path.join(SRC, "core/errors.ts"))).toBe(false);
  expect(imports(path.join(SRC, "errors.ts"))).toEqual([]);
  expect(imports(path.join(SRC, "quote.ts"))).toEqual([]);
  const viaCore = files(SRC).filter((f) => /^import\s*{[^}]*\bquote\b[^}]*}\s*from\s*"[^"]*core\/coerce"/m.test(fs.readFileSync(f, "utf8")));
  expect(viaCore.map((f) => path.relative(SRC, f))).toEqual([]);
});
