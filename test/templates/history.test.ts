/**
 * The History briefing: every CVI cell equals VULN.COMPOUND for its stage, country and year (the
 * year rule), the dimension that moved most matches the terms, the policy events are marked, one
 * line chart per stage, and the sheet is in the default briefing and the pane. Then the written
 * .xlsx read back by LibreOffice (headless, to PDF, its text checked).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { buildPlan } from "../../templates";
import { createCatalog } from "../../src/taskpane/catalog";
import { evaluatePlan, type HeadlessWorkbook } from "../../src/workbook/headless";
import { parseRange } from "../../src/workbook/a1";
import { renderXlsx } from "../../src/workbook/xlsx";
import { VULN_COMPOUND, VULN_HISTORY } from "../../src/functions/families/vuln";
import { getDataset } from "../../src/data";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { findSoffice } from "../interop/programs";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";
let cached: { plan: WorkbookPlan; workbook: HeadlessWorkbook } | null = null;
function history() {
  if (!cached) {
    const plan = buildPlan("history", {}, GENERATED_AT);
    cached = { plan, workbook: evaluatePlan(plan).workbook };
  }
  return cached;
}

function cell(wb: HeadlessWorkbook, sheet: string, row: number, col: number): unknown {
  return wb.engine.getCellValue({ sheet: wb.sheetIds.get(sheet)!, row, col });
}

/** The stage table as rows of cells: [year, event mark, USA, JPN, CHN, moved USA, moved JPN, moved CHN]. */
function stageTable(stage: string): unknown[][] {
  const { plan, workbook } = history();
  const name = plan.names.find((n) => n.name === `History_${stage}_CVI`)!;
  const r = parseRange(name.range);
  return Array.from({ length: r.end.row - r.start.row + 1 }, (_, i) => Array.from({ length: 8 }, (_, c) => cell(workbook, "history", r.start.row + i, r.start.column - 2 + c)));
}

/** The chart's data beside the page, as rows: [year, USA, JPN, CHN, policy event]. */
function chartData(stage: string): unknown[][] {
  const { plan, workbook } = history();
  const chart = plan.sheets[0].charts!.find((c) => c.id === `history-${stage}`)!;
  const r = parseRange(chart.dataRange);
  return Array.from({ length: r.end.row - r.start.row }, (_, i) => Array.from({ length: r.end.column - r.start.column + 1 }, (_, c) => cell(workbook, "history", r.start.row + 1 + i, r.start.column + c)));
}

describe("History sheet in the headless engine", () => {
  test("is in the default briefing, after the Summary and the Stage comparison, and in the pane", () => {
    const all = buildPlan("all", {}, GENERATED_AT);
    expect(all.sheets.map((s) => s.key).slice(0, 3)).toEqual(["summary", "stages", "history"]);
    expect(createCatalog().templates().map((t) => t.id)).toContain("history");
  });

  test.each(["mining", "midstream", "magnets"])("%s: every CVI cell is VULN.COMPOUND for its year, or n/a with the missing input named beside it", (stage) => {
    const rows = stageTable(stage);
    expect(rows.length).toBeGreaterThan(8);
    rows.forEach((row) => {
      const year = row[0] as number;
      ["USA", "JPN", "CHN"].forEach((c, k) => {
        let expected: number | null = null;
        try {
          expected = (VULN_COMPOUND(stage as never, c, year, stage === "mining" ? "bgs_mine_production" : null) as number[][])[0][0];
        } catch {
          expected = null;
        }
        if (expected === null) {
          expect(row[2 + k]).toBe("n/a");
          expect(String(row[5 + k])).toMatch(/^missing: [a-z_]+$/);
        } else expect(row[2 + k]).toBe(expected);
      });
    });
  });

  test("mining runs from 2006 (the first year Japan and China can be computed) to BGS's 2024, the US from 2011", () => {
    const rows = stageTable("mining");
    expect(rows[0][0]).toBe(2006);
    expect(rows[rows.length - 1][0]).toBe(2024);
    expect(typeof rows.find((r) => r[0] === 2010)![2]).not.toBe("number");
    expect(typeof rows.find((r) => r[0] === 2011)![2]).toBe("number");
  });

  test("the paper's events and the later ones are listed, marked ◆ on their year and drawn as points on the chart", () => {
    const rows = stageTable("mining");
    const data = chartData("mining");
    const events = getDataset("policy_events").rows;
    const { plan } = history();
    const listed = plan.sheets[0].blocks.find((b) => b.id === "events")!.rows.slice(1);
    expect(listed.map((r) => r[0])).toEqual(events.map((e) => e.year));
    for (const e of events) expect(String(listed.find((r) => r[0] === e.year)![1])).toContain(e.label);
    for (const e of events.filter((x) => (x.year as number) <= 2024)) {
      expect(rows.find((r) => r[0] === e.year)![1]).toBe("◆");
      expect(data.find((r) => r[0] === e.year)![4]).toBe(0);
    }
    expect(rows.find((r) => r[0] === 2011)![1]).toBe("");
    expect(data.find((r) => r[0] === 2011)![4]).toBeNull();
  });

  test("the chart data is each CVI, or #N/A (a gap in the line) where the table says n/a", () => {
    for (const stage of ["mining", "midstream", "magnets"]) {
      const rows = stageTable(stage);
      chartData(stage).forEach((r, i) => {
        expect(r[0]).toBe(rows[i][0]);
        [0, 1, 2].forEach((k) => {
          if (typeof rows[i][2 + k] === "number") expect(r[1 + k]).toBe(rows[i][2 + k]);
          else expect(r[1 + k]).toMatchObject({ type: "NA" });
        });
      });
    }
  });

  test("the dimension that moved most each year is the term with the largest change in VULN.HISTORY", () => {
    const rows = stageTable("mining");
    const h = VULN_HISTORY("mining" as never, "JPN", 2006, 2024, "bgs_mine_production") as unknown[][];
    const names = ["geography", "production", "trade", "technology"];
    for (let i = 2; i < h.length; i++) {
      const now = h[i].slice(1, 5) as number[];
      const before = h[i - 1].slice(1, 5) as number[];
      const d = now.map((x, k) => x - before[k]);
      const k = d.map(Math.abs).indexOf(Math.max(...d.map(Math.abs)));
      const text = rows[i - 1][6] as string;
      if (Math.abs(d[k]) < 0.0005) expect(text).toBe("no change");
      else expect(text).toBe(`${names[k]} ${d[k] > 0 ? "↑" : "↓"}`);
    }
  });

  test("one line chart per stage over the years, the countries' CVI and the events, beyond the printed page", () => {
    const { plan } = history();
    const charts = plan.sheets.find((s) => s.key === "history")!.charts!;
    expect(charts.map((c) => c.id)).toEqual(["history-mining", "history-midstream", "history-magnets"]);
    for (const c of charts) {
      expect(c.type).toBe("lineMarkers");
      expect(c.seriesBy).toBe("columns");
      const r = parseRange(c.dataRange);
      expect(r.end.column - r.start.column).toBe(4); // year + USA, JPN, CHN + events
      expect(r.start.column).toBeGreaterThan(parseRange(plan.sheets[0].page!.area).end.column);
    }
  });

  test("the mining source is named on the sheet and used by every mining formula", () => {
    const { plan } = history();
    const formulas = plan.sheets.find((s) => s.key === "history")!.blocks.flatMap((b) => b.rows.flat()).filter((v): v is string => typeof v === "string");
    const mining = formulas.filter((f) => f.startsWith('=IFNA(CHOKEPOINT.VULN.HISTORY("mining"'));
    expect(mining).toHaveLength(3);
    for (const f of mining) expect(f).toMatch(/,"bgs_mine_production"\),"n\/a"\)$/);
    const mcs = buildPlan("history", { source: "usgs_mcs_mine_production" }, GENERATED_AT);
    const f = mcs.sheets[0].blocks.flatMap((b) => b.rows.flat()).find((v) => typeof v === "string" && v.startsWith('=IFNA(CHOKEPOINT.VULN.HISTORY("mining","USA"'));
    expect(f).toBe('=IFNA(CHOKEPOINT.VULN.HISTORY("mining","USA",2017,2025,"usgs_mcs_mine_production"),"n/a")');
  });
});

const soffice = findSoffice();
(soffice ? describe : describe.skip)("History sheet read back by LibreOffice", () => {
  if (!soffice) console.log("skipped: LibreOffice (soffice) is not installed");
  test("the .xlsx converts to PDF showing the stage tables, the marked events and the CVI values", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-history-"));
    const { buffer } = await renderXlsx(history().plan);
    const file = path.join(dir, "history.xlsx");
    fs.writeFileSync(file, buffer as Buffer);
    // a private profile; LibreOffice keeps the cached results of plain formulas (it cannot run CHOKEPOINT.*)
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, file], { timeout: 180_000, stdio: "ignore" });
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "history.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("Mining: CVI by year, 2006–2024 (bgs_mine_production)");
    expect(text).toContain("Midstream: CVI by year");
    expect(text).toContain("Magnets: CVI by year");
    expect(text).toMatch(/2010 +◆ +n\/a +0\.992/);
    expect(text).toMatch(/2010 +◆ +n\/a +0\.992 +0\.042 +missing: t_c/);
    expect(text).not.toContain("#NAME?");
    // the events wrap in their cells
    const flat = text.replace(/\s+/g, " ").replace(/- /g, "-");
    expect(flat).toContain("China restricts rare-earth exports to Japan during a territorial dispute");
    expect(flat).toContain("December: China bans the export of rare-earth extraction, separation and magnet-"); // a second line follows
    expect(text).toMatch(/2020 +0\.456 +0\.617 +0\.093/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
