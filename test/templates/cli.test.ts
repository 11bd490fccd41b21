/** `chokepoint brief` and `chokepoint templates`: arguments, overwrite protection, the per-sheet report. */
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { TEMPLATES } from "../../templates";

function capture(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

describe("chokepoint templates", () => {
  test("lists every template with its description and options", async () => {
    const r = await capture(["templates"]);
    expect(r.code).toBe(0);
    for (const t of TEMPLATES) {
      expect(r.out).toContain(t.id);
      expect(r.out).toContain(t.description);
    }
    expect(r.out).toMatch(/^all\s/m);
  });
});

describe("chokepoint brief", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-brief-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("writes the workbook and prints one line per sheet with cells, formulas and errors", async () => {
    const out = path.join(dir, "mining.xlsx");
    const r = await capture(["brief", "--template", "mining", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK"); // a zip package
    const lines = r.out.split("\n").filter((l) => /cells\s+\d+ formulas\s+\d+ errors/.test(l));
    expect(lines.map((l) => l.split(/\s{2,}/)[0].trim())).toEqual(["Mining", "Sources"]);
  });

  test("a documented #N/A (a chart's gap) is counted apart from errors, with the template's reason", async () => {
    const out = path.join(dir, "history.xlsx");
    const r = await capture(["brief", "--template", "history", "--out", out]);
    expect(r.code).toBe(0);
    const line = r.out.split("\n").find((l) => l.startsWith("CVI history"))!;
    const declared = Number(/and (\d+) documented #N\/A/.exec(line)![1]);
    expect(line).toMatch(/\s0 errors/);
    expect(declared).toBeGreaterThan(0);
    const reasons = r.out.split("\n").filter((l) => /documented #N\/A in/.test(l));
    expect(reasons.reduce((n, l) => n + Number(/in (\d+) cells/.exec(l)?.[1] ?? 1), 0)).toBe(declared);
    expect(reasons.every((l) => /which input is missing/.test(l))).toBe(true);
  });

  test("--countries takes names and aliases as the functions do", async () => {
    const out = path.join(dir, "names.xlsx");
    const r = await capture(["brief", "--template", "stage-comparison", "--countries", "Japan, United States,PRC", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Stage comparison\s+\d+ cells\s+\d+ formulas\s+0 errors/);
  });

  test("refuses to overwrite an existing file without --force, and overwrites with it", async () => {
    const out = path.join(dir, "existing.xlsx");
    fs.writeFileSync(out, "keep me");
    const refused = await capture(["brief", "--template", "sources", "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("--force");
    expect(fs.readFileSync(out, "utf8")).toBe("keep me");
    const forced = await capture(["brief", "--template", "sources", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  test.each([
    [["brief"], "--out"],
    [["brief", "--out", "x.csv"], ".xlsx"],
    [["brief", "--template", "nope", "--out", "x.xlsx"], "unknown template"],
    [["brief", "--countries", "Narnia", "--out", "x.xlsx"], "not a known country name or ISO 3166 code"],
    [["brief", "--countries", "USA,US", "--out", "x.xlsx"], "USA is listed twice"],
    [["brief", "--countries", "World", "--out", "x.xlsx"], "not a country"],
    [["brief", "--year", "twenty", "--out", "x.xlsx"], "not a year"],
    [["brief", "--stages", "refining", "--out", "x.xlsx"], "mining, midstream, magnets"],
    [["brief", "--source", "us_salient", "--out", "x.xlsx"], "not a mine-production dataset"],
    [["brief", "--bogus", "--out", "x.xlsx"], "unknown argument"],
  ])("usage error %j exits 2 and says %s", async (argv, words) => {
    const r = await capture(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(words);
  });

  test("--values writes a copy without CHOKEPOINT formulas that says on its first sheet what it is, and keeps the charts", async () => {
    const out = path.join(dir, "values.xlsx");
    const r = await capture(["brief", "--template", "stage-comparison", "--values", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("values-only copy");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["About this copy", "Stage comparison", "Sources", "Replaced formulas"]);
    const about = wb.worksheets[0];
    expect(about.getCell("A1").value).toBe("VALUES-ONLY COPY: not the live briefing");
    expect(String(about.getCell("A2").value)).toContain(TEMPLATES.find((t) => t.id === "stage-comparison")!.title);
    expect(String(about.getCell("A8").value)).toContain("npx chokepoint brief --template stage-comparison");
    const formulas: string[] = [];
    let numbers = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string } | null;
          if (v && typeof v === "object" && "formula" in v) formulas.push(String(v.formula));
          if (typeof cell.value === "number") numbers++;
        }),
      );
    expect(formulas.filter((f) => /CHOKEPOINT|_xldudf_/i.test(f))).toEqual([]);
    expect(formulas.length).toBeGreaterThan(0); // ordinary formulas stay live
    expect(numbers).toBeGreaterThan(50);
    // the CVI matrix the chart plots: ordinary formulas over CVI cells that are now numbers
    const sheet = wb.getWorksheet("Stage comparison")!;
    const [matrixRange] = wb.definedNames.getRanges("Stage_Matrix").ranges;
    const first = /!\$?([A-Z]+)\$?(\d+)/.exec(matrixRange)!;
    const matrixCell = sheet.getCell(`${first[1]}${first[2]}`).value as { formula: string; result: number };
    expect(typeof matrixCell.result).toBe("number");
    const cviCell = /\b([A-Z]+\d+)\b/.exec(matrixCell.formula.replace(/\$/g, ""))![1];
    expect(typeof sheet.getCell(cviCell).value).toBe("number");
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(zip.file("xl/charts/chart1.xml")).not.toBeNull();
    expect(zip.file("xl/webextensions/webextension1.xml")).toBeNull();
    const list = wb.getWorksheet("Replaced formulas")!;
    expect(list.getCell("C2").value).toMatch(/^=CHOKEPOINT\./);
  });
});

describe("--help", () => {
  test.each(["brief", "eval", "templates", "datasets"])("%s --help and -h print the usage and exit 0", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const r = await capture([command, flag]);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toContain(`chokepoint ${command}`);
    }
  });

  test("brief --help describes every option, and help <command> prints the same", async () => {
    const r = await capture(["brief", "--help"]);
    for (const option of ["--template", "--countries", "--year", "--stages", "--source", "--values", "--out", "--force"]) expect(r.out).toContain(option);
    expect((await capture(["help", "brief"])).out).toBe(r.out);
  });
});
