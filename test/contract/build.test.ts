/**
 * A production build for a real host: everything Excel loads or links to must point at
 * CHOKEPOINT_PUBLIC_URL, not at the development server, and the help links must open an HTML page
 * that has the function's heading.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { buildAddIn } from "../setup/webpackBuild";
import { DATASETS } from "../../src/data/generated/datasets";

const HOST = "https://addin.example.org/chokepoint/";

describe("production build for a public host", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-build-"));
  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");

  beforeAll(async () => {
    const saved = process.env.CHOKEPOINT_PUBLIC_URL;
    process.env.CHOKEPOINT_PUBLIC_URL = HOST;
    try {
      await buildAddIn("production", out);
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

  test("the page loads one webpack runtime, the shared chunk, then the functions before the pane", () => {
    const scripts = [...read("taskpane.html").matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(scripts.slice(1).map((s) => path.basename(s))).toEqual(["runtime.js", "shared.js", "functions.js", "taskpane.js"]);
  });

  test("the reference data is in the bundles once: in the chunk the functions and the pane share", () => {
    const texts = bundles().map((file) => ({ file, text: read(file) }));
    const holders = (pattern: RegExp) => texts.map(({ file, text }) => [file, (text.match(pattern) ?? []).length]).filter(([, n]) => n !== 0);
    for (const ds of DATASETS) {
      // The dataset's content hash, in its meta: once, in shared.js.
      expect({ id: ds.meta.id, hash: holders(new RegExp(ds.meta.sha256, "g")) }).toEqual({ id: ds.meta.id, hash: [["shared.js", 1]] });
      // A note of its rows (plain text, which no escaping changes), whole between quotes: only in shared.js.
      const note = ds.rows.map((r) => r.note).find((n) => n.length > 30 && /^[A-Za-z0-9 ,.;:()%-]+$/.test(n));
      if (!note) continue;
      const files = holders(new RegExp(`\\\\?"${note.replace(/[().]/g, "\\$&")}\\\\?"`, "g")).map(([file]) => file);
      expect({ id: ds.meta.id, note: files }).toEqual({ id: ds.meta.id, note: ["shared.js"] });
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
