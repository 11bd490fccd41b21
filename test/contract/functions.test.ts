/**
 * Saved workbooks bind to function ids, names and parameters. This test compares the metadata
 * generated from the JSDoc with the committed snapshot: renaming, removing or re-ordering a released
 * function's parameters fails here. After deliberately ADDING a function, run
 * `npm run metadata:snapshot` and commit the snapshot with it.
 */
import fs from "fs";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SNAPSHOT, generateMetadata, contractOf } = require("../../scripts/function-contract.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderPage } = require("../../scripts/webpack-plugins.js");

interface Contract {
  id: string;
  name: string;
  parameters: Array<{ name: string; type: string; dimensionality: string; optional: boolean }>;
  result: { type: string; dimensionality: string };
}

describe("custom function metadata contract", () => {
  let metadata: { functions: Array<{ id: string; name: string; description?: string; helpUrl?: string; parameters: Array<{ description?: string }> }> };
  let current: Contract[];
  const released: Contract[] = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));

  beforeAll(async () => {
    metadata = await generateMetadata();
    current = contractOf(metadata);
  });

  test("every released function keeps its id, name, parameters and result shape", () => {
    for (const fn of released) {
      const now = current.find((c) => c.id === fn.id);
      expect(now).toEqual(fn);
    }
  });

  test("no function exists that the snapshot does not record (run npm run metadata:snapshot)", () => {
    const known = new Set(released.map((f) => f.id));
    expect(current.filter((c) => !known.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  test("the foundation's measures are all present under their released names", () => {
    const names = current.map((c) => c.name);
    for (const n of ["HHI", "SHARES", "CR", "TOPSHARE", "NEQ", "ENTROPY", "BAND", "HHI.EXCLUDING", "NIR", "DEPENDENCE", "GEOGAP"]) {
      expect(names).toContain(n);
    }
  });

  test("every function has a description, parameter help and a help link to its heading in the rendered reference", () => {
    // The page Excel's help link opens: docs/functions.md rendered as the build renders it.
    const page: string = renderPage(fs.readFileSync("docs/functions.md", "utf8"), "reference");
    const ids = new Set([...page.matchAll(/<h[1-6] id="([^"]+)"/g)].map((m) => m[1]));
    for (const fn of metadata.functions) {
      expect({ id: fn.id, description: !!fn.description }).toEqual({ id: fn.id, description: true });
      for (const p of fn.parameters) expect({ id: fn.id, param: !!p.description }).toEqual({ id: fn.id, param: true });
      const anchor = (fn.helpUrl ?? "").split("#")[1];
      expect({ id: fn.id, helpUrl: fn.helpUrl?.startsWith("https://localhost:3000/docs/functions.html#") }).toEqual({ id: fn.id, helpUrl: true });
      expect({ id: fn.id, anchor, onPage: ids.has(anchor) }).toEqual({ id: fn.id, anchor, onPage: true });
    }
  });

  test("docs/functions.md gives every function its signature, a worked example and a source", () => {
    const doc = fs.readFileSync("docs/functions.md", "utf8");
    const sections = new Map(
      doc
        .split(/^### /m)
        .slice(1)
        .map((section) => [section.split("\n")[0].trim(), section] as const),
    );
    for (const fn of metadata.functions) {
      const heading = `CHOKEPOINT.${fn.name}`;
      const section = sections.get(heading) ?? "";
      expect({ heading, signature: section.includes(`\`=${heading}(`) }).toEqual({ heading, signature: true });
      expect({ heading, example: /^Examples?\b/m.test(section) }).toEqual({ heading, example: true });
      expect({ heading, source: /^Source: \S/m.test(section) }).toEqual({ heading, source: true });
    }
  });
});
