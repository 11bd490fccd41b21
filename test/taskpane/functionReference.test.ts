/** The Functions tab: every CHOKEPOINT function has an entry, its example works, and its link lands on a heading. */
import fs from "fs";
import path from "path";
import { anchorOf, FUNCTIONS } from "../../src/taskpane/functionReference";
import { evaluateFormula, registerChokepointFunctions } from "../../src/workbook/engine";

const docs = fs.readFileSync(path.resolve(__dirname, "../../docs/functions.md"), "utf8");
const headings = new Set([...docs.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1].trim())));
const registered = registerChokepointFunctions().map((b) => b.excelName);

test("every registered CHOKEPOINT function has an entry in the pane", () => {
  const listed = new Set(FUNCTIONS.map((f) => f.name));
  expect(registered.filter((name) => !listed.has(name))).toEqual([]);
});

test.each(FUNCTIONS.map((f) => [f.name, f] as const))("%s: link anchor is a heading of docs/functions.md", (_name, f) => {
  expect(headings.has(anchorOf(f.name))).toBe(true);
  expect(f.example.startsWith(`=${f.name}(`)).toBe(true);
});

const implemented = FUNCTIONS.filter((f) => registered.includes(f.name));
test.each(implemented.map((f) => [f.name, f.example] as const))("%s: the example evaluates without an error (%s)", (_name, example) => {
  const result = evaluateFormula(example);
  expect(result.kind === "error" ? `${result.error} ${result.message}` : "ok").toBe("ok");
});

test("examples from the reference give the documented values", () => {
  // Values stated in docs/functions.md, computed by hand there.
  const value = (f: string) => {
    const r = evaluateFormula(f);
    return r.kind === "value" ? r.value : r;
  };
  expect(value("=CHOKEPOINT.HHI({30,30,20,20})")).toBe(2600);
  expect(value("=CHOKEPOINT.CR({50,20,20,10}, 2)")).toBeCloseTo(0.7, 12);
  expect(value("=CHOKEPOINT.DEPENDENCE(60, 100)")).toBeCloseTo(0.6, 12);
});

test("the anchor rule matches GitHub's heading slugs", () => {
  expect(anchorOf("CHOKEPOINT.HHI.EXCLUDING")).toBe("chokepointhhiexcluding");
  expect(anchorOf("CHOKEPOINT.VULN.CVI")).toBe("chokepointvulncvi");
});
