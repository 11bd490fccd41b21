/**
 * A production build for a real host: everything Excel loads or links to must point at
 * CHOKEPOINT_PUBLIC_URL, not at the development server, and the help links must open an HTML page
 * that has the function's heading.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type webpack from "webpack";
import { buildAddIn } from "../setup/webpackBuild";
import { DATASETS } from "../../src/data/generated/datasets";

const HOST = "https://addin.example.org/chokepoint/";

/** The source files (relative to the project) in each chunk, concatenated modules opened up. */
function filesByChunk(compilation: webpack.Compilation): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const chunk of compilation.chunks) {
    const files: string[] = [];
    for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
      const inner = (m as webpack.Module & { modules?: Set<webpack.Module> }).modules;
      for (const x of inner ? [...inner] : [m]) {
        // Script only (the stylesheet's modules are named after the .styles.js files they came from).
        const file = x.getSourceTypes().has("javascript") ? x.nameForCondition() : null;
        if (file && /\.(ts|tsx|js|mjs|json)$/.test(file)) files.push(path.relative(path.resolve(__dirname, "../.."), file));
      }
    }
    out.set(chunk.name ?? String(chunk.id), files);
  }
  return out;
}

describe("production build for a public host", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-build-"));
  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
  let chunkFiles: Map<string, string[]>;

  beforeAll(async () => {
    const saved = process.env.CHOKEPOINT_PUBLIC_URL;
    process.env.CHOKEPOINT_PUBLIC_URL = HOST;
    try {
      chunkFiles = filesByChunk((await buildAddIn("production", out)).compilation);
    } finally {
      if (saved === undefined) delete process.env.CHOKEPOINT_PUBLIC_URL;
      else process.env.CHOKEPOINT_PUBLIC_URL = saved;
    }
  }, 240_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  const bundles = () => fs.readdirSync(out).filter((f) => f.endsWith(".js"));

  test("manifest, functions.json and the bundles name only the public host", () => {
    for (const file of ["manifest.xml", "functions.json", ...bundles()]) {
      expect({ file, localhost: read(file).includes("localhost:3000") }).toEqual({ file, localhost: false });
    }
    const manifest = read("manifest.xml");
    expect(manifest).toContain("<AppDomain>https://addin.example.org</AppDomain>");
    expect(manifest).toContain(`<SourceLocation DefaultValue="${HOST}taskpane.html" />`);
    expect(manifest).toContain(`DefaultValue="${HOST}functions.json"`);
    // The task pane's Functions tab links to the same page.
    expect(read("taskpane.js")).toContain(`${HOST}docs/functions.html`);
  });

  test("the page loads functions.js (the webpack runtime, the data, the functions), then the pane, which depends on it", () => {
    const scripts = [...read("taskpane.html").matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(scripts.slice(1).map((s) => path.basename(s))).toEqual(["functions.js", "taskpane.js"]);
    // One runtime: functions.js carries webpack's; taskpane.js and the chunk loaded on first use only
    // hand their modules to it (through its chunk list), so they cannot run before it.
    const joins = (file: string) => /^(\/\*[^]*?\*\/\s*)?"use strict";\(Array\.isArray\(self\.webpackChunk\w+\)/.test(read(file));
    expect(bundles().filter((file) => !joins(file))).toEqual(["functions.js"]);
    expect(bundles().sort()).toEqual(["functions.js", "office-adapter.js", "taskpane.js"]);
  });

  test("no module is shipped twice: each source file is in one chunk only", () => {
    const where = new Map<string, string[]>();
    for (const [chunk, files] of chunkFiles) for (const file of files) where.set(file, [...(where.get(file) ?? []), chunk]);
    expect(where.size).toBeGreaterThan(200);
    expect([...where].filter(([, chunks]) => chunks.length > 1)).toEqual([]);
    // The Office adapter, loaded on the first insert, reuses the model and the datasets the functions brought.
    expect(where.get("src/data/index.ts")).toEqual(["functions"]);
    expect(where.get("src/model/v1.ts")).toEqual(["functions"]);
    expect(where.get("src/workbook/office/insert.ts")).toEqual(["office-adapter"]);
    expect(where.get("node_modules/preact/dist/preact.module.js")).toEqual(["taskpane"]);
  });

  test("the reference data is in the bundles once: in functions.js, which the pane depends on", () => {
    const texts = bundles().map((file) => ({ file, text: read(file) }));
    const holders = (pattern: RegExp) => texts.map(({ file, text }) => [file, (text.match(pattern) ?? []).length]).filter(([, n]) => n !== 0);
    for (const ds of DATASETS) {
      // The dataset's content hash, in its meta: once, in functions.js.
      expect({ id: ds.meta.id, hash: holders(new RegExp(ds.meta.sha256, "g")) }).toEqual({ id: ds.meta.id, hash: [["functions.js", 1]] });
      // A note of its rows (plain text, which no escaping changes), whole between quotes: only in functions.js.
      const note = ds.rows.map((r) => r.note).find((n) => n.length > 30 && /^[A-Za-z0-9 ,.;:()%-]+$/.test(n));
      if (!note) continue;
      const files = holders(new RegExp(`\\\\?"${note.replace(/[().]/g, "\\$&")}\\\\?"`, "g")).map(([file]) => file);
      expect({ id: ds.meta.id, note: files }).toEqual({ id: ds.meta.id, note: ["functions.js"] });
    }
  });

  test("every help link opens the rendered reference at the function's own heading", () => {
    const page = read("docs/functions.html");
    // The production build minifies HTML, which may drop attribute quotes.
    const ids = new Set([...page.matchAll(/<h[1-6] id="?([^"\s>]+)/g)].map((m) => m[1]));
    const { functions } = JSON.parse(read("functions.json")) as { functions: Array<{ name: string; helpUrl: string }> };
    expect(functions.length).toBeGreaterThanOrEqual(27);
    for (const fn of functions) {
      const [url, anchor] = fn.helpUrl.split("#");
      expect({ fn: fn.name, url }).toEqual({ fn: fn.name, url: `${HOST}docs/functions.html` });
      // HHI.EXCLUDING → "chokepointhhiexcluding", as GitHub spells the heading's anchor.
      expect({ fn: fn.name, anchor }).toEqual({ fn: fn.name, anchor: `chokepoint${fn.name.toLowerCase().replace(/\./g, "")}` });
      expect({ fn: fn.name, onPage: ids.has(anchor) }).toEqual({ fn: fn.name, onPage: true });
    }
  });

  test("the rendered pages link to each other as pages, not as Markdown files", () => {
    const page = read("docs/functions.html");
    const links = [...page.matchAll(/href="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(links).toEqual(expect.arrayContaining(["model.html", "data.html"]));
    expect(links.filter((href) => !href.includes(":") && /\.md(#|$)/.test(href))).toEqual([]);
    expect(fs.existsSync(path.join(out, "README.html"))).toBe(true);
    // Headings and tables are HTML, not Markdown text.
    expect(page).toContain("<table>");
    expect(page).not.toContain("### CHOKEPOINT");
  });
});

describe("CHOKEPOINT_PUBLIC_URL is checked before building", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PublicUrlPlugin } = require("../../scripts/webpack-plugins.js");
  test("plain http and non-URLs stop the build with a message saying what to give", () => {
    expect(() => new PublicUrlPlugin("http://addin.example.org/")).toThrow(/must start with https:\/\/ .*got "http:\/\/addin.example.org\/"/);
    expect(() => new PublicUrlPlugin("addin.example.org")).toThrow(/"addin.example.org" is not a URL; give the https:\/\/ address/);
    expect(new PublicUrlPlugin("https://addin.example.org/x").publicUrl).toBe("https://addin.example.org/x/");
  });
});
