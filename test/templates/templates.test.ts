/**
 * Every briefing template rendered in the headless engine with its default options: no error cells
 * except documented #N/A that say what is missing, and key numbers equal to figures computed here,
 * independently, from the source extracts in ../shared/data.
 */
import { buildPlan, TEMPLATES } from "../../templates";
import { evaluatePlan, nameValue, nameValues, setNamedInput, type CellErrorReport, type HeadlessWorkbook, type SheetReport } from "../../src/workbook/headless";
import { parseRange, parseCell } from "../../src/workbook/a1";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { HAVE_SHARED, readExtract, skipNote } from "../data/extracts";

const GENERATED_AT = "2026-01-01T00:00:00.000Z";

function inRange(range: string, address: string): boolean {
  const r = parseRange(range);
  const a = parseCell(address);
  return a.row >= r.start.row && a.row <= r.end.row && a.column >= r.start.column && a.column <= r.end.column;
}

/** An error cell is acceptable only as #N/A that says what is missing (its own message, or a documented gap). */
function undocumentedErrors(plan: WorkbookPlan, sheets: SheetReport[]): Array<CellErrorReport & { sheet: string }> {
  return sheets.flatMap((report) => {
    const sheet = plan.sheets.find((s) => s.key === report.key)!;
    return report.errors
      .filter((e) => {
        if (e.error !== "#N/A") return true;
        if ((sheet.documentedGaps ?? []).some((g) => inRange(g.range, e.address))) return false;
        return !/^CHOKEPOINT\.[A-Z.]+: ./.test(e.message);
      })
      .map((e) => ({ ...e, sheet: report.name }));
  });
}

const rendered = new Map<string, { plan: WorkbookPlan; workbook: HeadlessWorkbook; sheets: SheetReport[] }>();
function render(id: string) {
  if (!rendered.has(id)) {
    const plan = buildPlan(id, {}, GENERATED_AT);
    rendered.set(id, { plan, ...evaluatePlan(plan) });
  }
  return rendered.get(id)!;
}

function num(v: unknown): number {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}

describe.each([...TEMPLATES.map((t) => t.id), "all"])("template %s with default options", (id) => {
  test("evaluates with no error cells other than documented #N/A", () => {
    const { plan, sheets } = render(id);
    expect(undocumentedErrors(plan, sheets)).toEqual([]);
    for (const s of sheets) expect(s.spillMismatches).toEqual([]);
    for (const s of sheets) expect(s.cells).toBeGreaterThan(0);
  });

  test("is a plain serialisable plan whose formulas use names or same-sheet references only", () => {
    const { plan } = render(id);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    const formulas = plan.sheets.flatMap((s) => s.blocks.flatMap((b) => b.rows.flat())).filter((v): v is string => typeof v === "string" && v.startsWith("="));
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      expect(f).not.toMatch(/!/); // no cross-sheet A1 reference
      expect(f).not.toMatch(/\[[#@A-Za-z]/); // no structured table reference
    }
    // every dataset a block is built from is declared in the metadata, with a hash
    const declared = new Set(plan.metadata.datasets.map((d) => d.id));
    for (const s of plan.sheets) for (const b of s.blocks) if (b.datasetId) expect(declared).toContain(b.datasetId);
    for (const d of plan.metadata.datasets) expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("key numbers match the source extracts", () => {
  const guard = (what: string) => {
    if (!HAVE_SHARED) skipNote(what);
    return HAVE_SHARED;
  };

  test("Mining: China's share of world mine production and the HHI per year (BGS)", () => {
    if (!guard("Mining key numbers")) return;
    const { workbook } = render("mining");
    const years = nameValues(workbook, "Mining_Years").map((r) => num(r[0]));
    const shares = nameValues(workbook, "Mining_ChinaShare").map((r) => num(r[0]));
    const hhis = nameValues(workbook, "Mining_HHI").map((r) => num(r[0]));
    const bgs = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv");
    for (const year of [2000, 2010, 2018, 2024]) {
      const rows = bgs.filter((r) => Number(r.year) === year);
      const china = rows.find((r) => r.iso3 === "CHN")!;
      const i = years.indexOf(year);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(shares[i]).toBeCloseTo(Number(china.mine_production_t_reo) / Number(china.bgs_world_total_t_reo), 12);
      // the source's own rounded share agrees to its printed precision
      expect(shares[i]).toBeCloseTo(Number(china.share_of_world), 3);
      const total = rows.reduce((a, r) => a + Number(r.mine_production_t_reo), 0);
      const hhi = rows.reduce((a, r) => a + (Number(r.mine_production_t_reo) / total) ** 2, 0) * 10000;
      expect(hhis[i]).toBeCloseTo(hhi, 6);
    }
  });

  test("Mining with --source usgs_mcs_mine_production: China's share is China ÷ World of the latest MCS edition, and no BGS figure is mixed in", () => {
    if (!guard("Mining with the USGS source")) return;
    const plan = buildPlan("mining", { source: "usgs_mcs_mine_production" }, GENERATED_AT);
    const { workbook } = evaluatePlan(plan);
    const years = nameValues(workbook, "Mining_Years").map((r) => num(r[0]));
    const shares = nameValues(workbook, "Mining_ChinaShare").map((r) => num(r[0]));
    const mcs = readExtract("usgs_mcs_world_production_by_edition.csv");
    const latestEdition = [...new Set(mcs.map((r) => r.edition))].sort().pop()!;
    const rows = mcs.filter((r) => r.edition === latestEdition);
    const year = Math.max(...rows.map((r) => Number(r.year)));
    const of = (prefix: string) => Number(rows.find((r) => Number(r.year) === year && r.country.startsWith(prefix))!.mine_production_t_reo);
    expect(shares[years.indexOf(year)]).toBeCloseTo(of("China") / of("World"), 12);
    const blockSources = new Set(plan.sheets.flatMap((s) => s.blocks).filter((b) => b.datasetId && b.id !== "geogap").map((b) => b.datasetId));
    expect(blockSources.has("bgs_mine_production")).toBe(false);
  });

  test("Mining for a year after the source's last says where the series ends", () => {
    const plan = buildPlan("mining", { year: 2099 }, GENERATED_AT);
    const notes = plan.sheets[0].blocks.find((b) => b.id === "source-notes")!.rows.flat().join(" ");
    expect(notes).toMatch(/2099 was asked for, but bgs_mine_production has no figures after 20\d\d: the series ends in 20\d\d\./);
  });

  test("Mining refuses a source that is not a mine-production dataset, naming the choices", () => {
    expect(() => buildPlan("mining", { source: "us_salient" })).toThrow(/not a mine-production dataset; choose one of bgs_mine_production, usgs_mcs_mine_production/);
  });

  test("Trade: US dependence on China for HS 280530 equals the source's top-partner share", () => {
    if (!guard("Trade key numbers")) return;
    const { workbook, plan } = render("trade");
    const year = (plan.metadata.options as { year: number | null }).year ?? 2024;
    const conc = readExtract("us_imports_ree_magnets_concentration_2018_2025.csv");
    const row = conc.find((r) => r.hs6 === "280530" && Number(r.year) === year)!;
    expect(row.top1_partner).toBe("China");
    const dependence = nameValues(workbook, "Trade_ChinaDependence")[0];
    expect(num(dependence[0])).toBeCloseTo(Number(row.top1_share), 6);
  });

  test("Trade: US net import reliance 2024 is USGS's published 80% and Japan's latest China share 71%", () => {
    if (!guard("NIR")) return;
    const { workbook } = render("trade");
    const salient = readExtract("usgs_mcs2025_rare_earths_us_salient.csv");
    const production = Number(salient.find((r) => r.item.startsWith("Production: compounds and metals"))!["2024"]);
    const consumption = Number(salient.find((r) => r.item.startsWith("Consumption apparent"))!["2024"]);
    const nir = nameValues(workbook, "Trade_USNIR").map((r) => num(r[0]));
    expect(nir[nir.length - 1]).toBeCloseTo((consumption - production) / consumption, 12);
    expect(Math.round(nir[nir.length - 1] * 100)).toBe(80); // as printed in MCS 2025
    const japan = readExtract("japan_ree_import_dependence_reported.csv").filter((r) => r.metric.startsWith("China share of Japan") && /^\d{4}$/.test(r.year));
    const latest = japan.sort((a, b) => Number(b.year) - Number(a.year))[0];
    const shares = nameValues(workbook, "Trade_JapanChinaShare").map((r) => r[0]);
    expect(num(shares[shares.length - 1])).toBeCloseTo(Number(latest.value) / 100, 12);
  });

  test("Magnets: China's share at each stage side by side is the IEA 2024 trio", () => {
    if (!guard("stage shares")) return;
    const { workbook } = render("magnets");
    const stages = readExtract("supply_chain_stage_shares_reported.csv").filter(
      (r) => r.country_or_group === "China" && r.year === "2024" && r.primary_source.startsWith("IEA Rare Earth Elements"),
    );
    const expected = ["mining", "separation/refining", "magnets"].map((st) => Number(stages.find((r) => r.stage === st)!.share_pct) / 100);
    expect(nameValues(workbook, "Magnets_ChinaStageShares").map((r) => num(r[0]))).toEqual(expected);
  });

  test("Trade: every HS code the source summarises is on the sheet, magnets included, with the extract's totals and top-partner shares", () => {
    if (!guard("Trade HS concentration")) return;
    const { workbook, plan } = render("trade");
    const block = plan.sheets[0].blocks.find((b) => b.id === "hs-concentration")!;
    const year = Number(/(\d{4})/.exec(plan.sheets[0].blocks.find((b) => b.id === "hs-heading")!.rows[0][0] as string)![1]);
    const extract = readExtract("us_imports_ree_magnets_concentration_2018_2025.csv").filter((r) => Number(r.year) === year);
    expect(extract.map((r) => r.hs6).sort()).toEqual(["280530", "284610", "284690", "850511"]);
    const codes = block.rows.slice(1).map((r) => String(r[0]));
    expect(codes.sort()).toEqual(extract.map((r) => r.hs6).sort());
    const imports = nameValues(workbook, "Trade_HsImports").map((r) => num(r[0]));
    const top = nameValues(workbook, "Trade_HsTopShare").map((r) => num(r[0]));
    block.rows.slice(1).forEach((r, i) => {
      const e = extract.find((x) => x.hs6 === String(r[0]))!;
      expect(imports[i]).toBe(Number(e.us_total_import_value_usd));
      expect(top[i]).toBe(Number(e.top1_share));
    });
  });

  test("Magnets: each producer row carries the headquarters country the extract gives", () => {
    if (!guard("magnet producers")) return;
    const { plan } = render("magnets");
    const block = plan.sheets.flatMap((s) => s.blocks).find((b) => b.id === "producers")!;
    const [header, ...body] = block.rows;
    expect(header.slice(0, 2)).toEqual(["Company", "Headquarters"]);
    const extract = readExtract("magnet_producers_reported.csv");
    expect(body.map((r) => [r[0], r[1]])).toEqual(extract.map((r) => [r.company, r.country_hq]));
    expect(body.every((r) => r[1] !== "" && r[1] !== null)).toBe(true);
  });

  test("Stage comparison: the global production HHI p at the mining stage is Σ (country ÷ world)² of BGS's latest year (the default mining source)", () => {
    if (!guard("Stage comparison p")) return;
    const { workbook, plan } = render("stage-comparison");
    const bgs = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv");
    const year = Math.max(...bgs.map((r) => Number(r.year)));
    const rows = bgs.filter((r) => Number(r.year) === year);
    const world = Number(rows[0].bgs_world_total_t_reo);
    const p = rows.reduce((a, r) => a + (Number(r.mine_production_t_reo) / world) ** 2, 0);
    const names = nameValues(workbook, "Stage_Countries").map((r) => r[0]);
    const stages = nameValues(workbook, "Stage_Stages").map((r) => r[0]);
    const i = names.findIndex((c, k) => c === "USA" && stages[k] === "mining");
    const range = parseRange(plan.names.find((n) => n.name === "Stage_CVI")!.range);
    const pCell = workbook.engine.getCellValue({ sheet: workbook.sheetIds.get("stages")!, row: range.start.row + i, col: range.start.column - 1 });
    expect(num(pCell)).toBeCloseTo(p, 5);
  });

  test("Methods: China's EU 2023 extraction share of neodymium", () => {
    if (!guard("EU shares")) return;
    const { workbook } = render("methods");
    const eu = readExtract("eu_crm2023_ree_supply_shares_t.csv");
    const nd = eu.find((r) => r.supply_mix === "global" && r.Material === "Neodymium" && r.Stage === "E" && r.Country === "China")!;
    expect(num(nameValues(workbook, "Methods_EUChinaShare")[0][0])).toBeCloseTo(Number(nd.Share.replace("%", "")) / 100, 12);
  });
});

describe("Scenarios respond to their inputs", () => {
  const cviOf = (wb: HeadlessWorkbook, country: string, stage: string) => {
    const rows = nameValues(wb, "Scen_Rows");
    const i = rows.findIndex((r) => r[0] === country && r[1] === stage);
    expect(i).toBeGreaterThanOrEqual(0);
    return num(nameValues(wb, "Scen_ScenarioCVI")[i][0]);
  };

  test("more midstream capacity outside China lowers Japan's midstream CVI; none restores the baseline", () => {
    const { workbook } = evaluatePlan(buildPlan("scenarios", {}, GENERATED_AT));
    const before = cviOf(workbook, "JPN", "midstream");
    setNamedInput(workbook, "Scen_NewMidstream", 0.5);
    const after = cviOf(workbook, "JPN", "midstream");
    expect(after).toBeLessThan(before);
    setNamedInput(workbook, "Scen_NewMidstream", 0);
    setNamedInput(workbook, "Scen_JapanNonChina", 1 - num(nameValue(workbook, "Scen_JapanChinaShareBase")));
    const rows = nameValues(workbook, "Scen_Rows");
    const i = rows.findIndex((r) => r[0] === "JPN" && r[1] === "midstream");
    expect(cviOf(workbook, "JPN", "midstream")).toBeCloseTo(num(nameValues(workbook, "Scen_BaselineCVI")[i][0]), 12);
  });

  test("diversifying Japan's imports away from China lowers its CVI at every stage; a deeper export cut loses more supply", () => {
    const { workbook } = evaluatePlan(buildPlan("scenarios", {}, GENERATED_AT));
    const stages = ["mining", "midstream", "magnets"];
    setNamedInput(workbook, "Scen_JapanNonChina", 0.3);
    const before = stages.map((st) => cviOf(workbook, "JPN", st));
    setNamedInput(workbook, "Scen_JapanNonChina", 0.8);
    const after = stages.map((st) => cviOf(workbook, "JPN", st));
    after.forEach((v, i) => expect(v).toBeLessThanOrEqual(before[i]));
    expect(after.some((v, i) => v < before[i])).toBe(true);
    const lost = () => nameValues(workbook, "Scen_ShockLost").map((r) => num(r[0]));
    setNamedInput(workbook, "Scen_ExportCut", 0.2);
    const small = lost();
    setNamedInput(workbook, "Scen_ExportCut", 0.9);
    lost().forEach((v, i) => expect(v).toBeGreaterThan(small[i]));
  });
});

describe("Stage comparison", () => {
  test("the CVI recomputed from the DIMENSIONS cells equals the model's own VULN.COMPOUND", () => {
    const { workbook, plan } = render("stage-comparison");
    const cvi = nameValues(workbook, "Stage_CVI").map((r) => num(r[0]));
    const range = parseRange(plan.names.find((n) => n.name === "Stage_CVI")!.range);
    const compound = cvi.map((_, i) => num(workbook.engine.getCellValue({ sheet: workbook.sheetIds.get("stages")!, row: range.start.row + i, col: range.start.column + 1 })));
    cvi.forEach((v, i) => expect(v).toBeCloseTo(compound[i], 12));
    expect(cvi).toHaveLength(9);
  });

  test("changing the firm mitigation parameter moves every CVI with a production term", () => {
    const { workbook } = evaluatePlan(buildPlan("stage-comparison", {}, GENERATED_AT));
    const before = nameValues(workbook, "Stage_CVI").map((r) => num(r[0]));
    setNamedInput(workbook, "Stage_M", 0);
    const after = nameValues(workbook, "Stage_CVI").map((r) => num(r[0]));
    after.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(before[i] - 1e-12));
  });
});

describe("Stage comparison built for a year", () => {
  test("its year cell drives every DIMENSIONS formula live; a year without data shows n/a, and the DIMENSIONS tables say why", () => {
    const plan = buildPlan("stage-comparison", { year: 2024 }, GENERATED_AT);
    const { workbook } = evaluatePlan(plan);
    expect(nameValues(workbook, "Stage_CVI").every((r) => typeof r[0] === "number")).toBe(true);
    setNamedInput(workbook, "Stage_Year", 1950);
    const after = nameValues(workbook, "Stage_CVI").map((r) => r[0]);
    expect(after).toEqual(after.map(() => "n/a"));
    // the reason, from the function itself, in the DIMENSIONS spills beside the page
    const spills = plan.sheets[0].blocks.filter((b) => b.spill && String(b.rows[0][0]).startsWith("=CHOKEPOINT.VULN.DIMENSIONS("));
    expect(spills).toHaveLength(9);
    const sheet = workbook.sheetIds.get("stages")!;
    for (const b of spills) {
      const at = parseCell(b.anchor);
      const values = Array.from({ length: b.spill!.rows - 1 }, (_, i) => workbook.engine.getCellValue({ sheet, row: at.row + 1 + i, col: at.column + 1 }) as unknown);
      expect(values.some((v) => typeof v === "object" && v !== null && /1950/.test(String((v as { message?: string }).message)))).toBe(true);
    }
  });
});

describe("Sources", () => {
  test("lists exactly the datasets every other sheet uses", () => {
    const { plan, workbook } = render("all");
    const listed = nameValues(workbook, "Sources_Ids").map((r) => r[0]);
    expect(listed).toEqual(plan.metadata.datasets.map((d) => d.id));
    const used = new Set(plan.sheets.flatMap((s) => s.blocks.map((b) => b.datasetId).filter(Boolean)));
    for (const id of used) expect(listed).toContain(id);
  });
});

describe.each([
  [{ year: 2010 }],
  [{ year: 2020, countries: ["USA", "JPN", "KOR", "CHN"] }],
  [{ countries: ["CHN"] }],
  [{ countries: ["DEU", "FRA"], stages: ["midstream" as const] }],
])("the whole briefing with options %j", (options) => {
  test("builds, and every error cell is #N/A saying what is missing", () => {
    const plan = buildPlan("all", options, GENERATED_AT);
    const { sheets } = evaluatePlan(plan);
    expect(undocumentedErrors(plan, sheets)).toEqual([]);
    for (const s of sheets) expect(s.spillMismatches).toEqual([]);
  });
});
