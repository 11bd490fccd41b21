/**
 * Scenarios: policy levers as marked input cells, each feeding CHOKEPOINT.VULN.CVI and
 * CHOKEPOINT.VULN.SHOCK next to a baseline, so changing an input changes the result live; and the
 * CHOKEPOINT.VULN.SENSITIVITY ranking of levers by stage.
 *
 * How a capacity lever enters the model: new capacity x (as a fraction of today's world output)
 * is a new producer outside China and outside the country studied. Everyone else's share scales by
 * r = 1 / (1 + x), so p' = r²·p + (1 − r)² and p_c' = r²·p_c + (1 − r)². The trade lever scales
 * Japan's trade exposure with China's share of its imports (China stays its largest partner).
 */
import { COLOURS, guard, text, type PlanBuilder } from "./kit";
import { dimensionsDetail, DIMENSIONS_SHAPE, workingsHeading, modelArgs, SENSITIVITY_HEADER, SENSITIVITY_LEVERS, SENSITIVITY_SHAPE, STAGE_TITLE, type DimensionsDetail, type ModelInput } from "./model";
import { japanChinaShare, modelDatasets, usImportSourceShare, usNetImportReliance, worldMineProduction } from "./data";
import type { BriefingOptions, Stage, TemplateDefinition } from "./types";
import type { PlanValue } from "../src/workbook/plan";
import { columnLetter } from "../src/workbook/a1";

/** Illustrative starting values of the levers; analysts overwrite them. Zero capacity = today. */
export const LEVER_DEFAULTS = {
  japanNonChinaShare: 0.5,
  newMineOutput: 50000,
  newMidstreamCapacity: 0.1,
  alliedMagnetCapacity: 0.1,
  exportCut: 0.5,
  substitution: 0,
  japanImportReliance: 1,
  delta: 0.1,
};

/** Printed columns (A–L: the tables and the lever chart), then the workings: DIMENSIONS and SENSITIVITY spills. */
const PRINTED_COLUMNS = 12;
const WORKINGS = PRINTED_COLUMNS + 1;
const SENSITIVITY_COLUMN = WORKINGS + DIMENSIONS_SHAPE.columns + 1;

export const scenarios: TemplateDefinition = {
  id: "scenarios",
  title: "Scenarios",
  description: "Policy levers as marked input cells (non-China share of Japan's imports, new non-Chinese mine output, new midstream capacity outside China, allied magnet capacity, an export cut by the dominant supplier) feeding live CVI and SHOCK formulas beside a baseline; the SENSITIVITY ranking with a chart.",
  version: "1.1.0",
  sheetName: "Scenarios",
  options: [
    { name: "countries", description: "countries studied (China, the dominant supplier, is left out of the scenario rows)", default: ["USA", "JPN", "CHN"] },
    { name: "stages", description: "stages studied", default: ["mining", "midstream", "magnets"] },
    { name: "year", description: "year of the baseline inputs; blank means the latest with data", default: null },
  ],
  addTo(book: PlanBuilder, options: BriefingOptions) {
    const s = book.sheet("scenarios", "Scenarios", "#C55A11");
    const focal = options.countries.filter((c) => c !== "CHN");
    const { stages } = options;
    s.title("Scenarios: which policy lowers exposure, and by how much", "Yellow cells are assumptions you can change; every result on this sheet recomputes from them.");
    if (focal.length === 0) {
      s.notes("no-country", ["The levers model diversification away from China, the dominant supplier: choose at least one other country (for example --countries USA,JPN)."]);
      return;
    }

    // Reference figures the levers are measured against (from the datasets, not typed in).
    const jp = japanChinaShare();
    const jpLatest = [...jp.rows].filter((r) => r.share !== null).sort((a, b) => b.year - a.year)[0];
    const world = worldMineProduction(null);
    const nir = usNetImportReliance();
    const nirLatest = [...nir.rows].sort((a, b) => b.year - a.year)[0];
    const usChina = usImportSourceShare("China");
    for (const id of [jp.datasetId, world.datasetId, nir.datasetId, usChina.datasetId, ...modelDatasets(focal, stages, options.year, options.source).ids]) book.useDataset(id);
    s.heading("reference-heading", "Today (from the reference data)");
    const ref = s.values(
      "reference",
      [
        ["Figure", "Value", "Year", "Dataset"],
        ["China's share of Japan's rare-earth imports", jpLatest.share, jpLatest.year, jp.datasetId],
        ["World mine production (t REO)", world.value, world.year, world.datasetId],
        ["US production, compounds and metals (t REO)", nirLatest.production, nirLatest.year, nir.datasetId],
        ["US apparent consumption, compounds and metals (t REO)", nirLatest.consumption, nirLatest.year, nir.datasetId],
        ["China's share of US rare-earth imports", usChina.share, usChina.period, usChina.datasetId],
      ],
      { header: true, refreshable: true },
    );
    s.style({ range: ref.column(2, 1), horizontalAlignment: "center" });
    s.format(ref.cell(1, 1), "0.0%");
    s.format(ref.area(2, 1, 4, 1), "#,##0");
    s.format(ref.cell(5, 1), "0.0%");
    s.name("Scen_JapanChinaShareBase", ref.cell(1, 1));
    s.name("Scen_WorldMine", ref.cell(2, 1));
    s.name("Scen_USChinaShare", ref.cell(5, 1));
    const usNir = s.formulas("us-nir", [["US net import reliance (CHOKEPOINT.NIR)", `=CHOKEPOINT.NIR(${ref.cell(3, 1)},${ref.cell(4, 1)}-${ref.cell(3, 1)},0)`, nirLatest.year, nir.datasetId]]);
    s.format(usNir.cell(0, 1), "0.0%");
    s.style({ range: usNir.cell(0, 2), horizontalAlignment: "center" });
    s.name("Scen_USImportReliance", usNir.cell(0, 1));
    s.gap();

    // The levers.
    s.heading("levers-heading", "Policy levers (inputs)");
    const levers = s.values(
      "levers",
      [
        ["Lever", "Scenario (input)", "Unit", "How it enters the model"],
        ["Non-China share of Japan's imports", LEVER_DEFAULTS.japanNonChinaShare, "share of imports", "Japan's trade exposure t_c scales with China's share: t' = t · (1 − input) / (China's share today)"],
        ["New non-Chinese mine output", LEVER_DEFAULTS.newMineOutput, "t REO per year", "a new producer outside China at the mining stage: x = input ÷ world mine production"],
        ["New midstream capacity outside China", LEVER_DEFAULTS.newMidstreamCapacity, "share of today's world output", "a new producer outside China at the midstream stage: x = input"],
        ["Allied magnet capacity", LEVER_DEFAULTS.alliedMagnetCapacity, "share of today's world output", "a new producer outside China at the magnet stage: x = input"],
        ["Export cut by the dominant supplier", LEVER_DEFAULTS.exportCut, "share of its exports", "the supply shock below: CHOKEPOINT.VULN.SHOCK"],
        ["Substitution by other suppliers", LEVER_DEFAULTS.substitution, "share of the loss", "the part of a cut other suppliers can cover (0 = none)"],
        ["Japan's import reliance", LEVER_DEFAULTS.japanImportReliance, "share of consumption", "assumption: Japan mines no rare earths, so it imports all it uses"],
        ["Sensitivity step (delta)", LEVER_DEFAULTS.delta, "share", "how far each lever moves in the SENSITIVITY ranking below"],
      ],
      { header: true },
    );
    const leverGuards = [
      guard.share("Non-China share of imports", "Share of Japan's rare-earth imports from outside China in the scenario; Japan's trade exposure scales with China's share."),
      guard.between(0, 10_000_000, "t REO per year", "New mine output outside China", "New mine output outside China in the scenario, in tonnes of rare-earth oxide a year; 0 means none."),
      guard.between(0, 10, "share of today's world output; 1 doubles it", "New midstream capacity", "New separation and refining capacity outside China, as a share of today's world output (0.1 = 10% more)."),
      guard.between(0, 10, "share of today's world output; 1 doubles it", "Allied magnet capacity", "New magnet capacity in allied countries, as a share of today's world output (0.1 = 10% more)."),
      guard.share("Export cut", "Share of its exports the dominant supplier withholds in the supply shock below."),
      guard.share("Substitution", "Share of the withheld supply other suppliers replace (0 = none)."),
      guard.share("Japan's import reliance", "Share of Japan's rare-earth consumption that is imported (1: Japan mines none)."),
      guard.share("Sensitivity step (delta)", "How far each lever moves in the SENSITIVITY ranking below (0.1 = 10 points)."),
    ];
    leverGuards.forEach((g, i) => s.input(levers.cell(i + 1, 1), g));
    s.format(levers.cell(1, 1), "0%");
    s.format(levers.cell(2, 1), "#,##0");
    s.format(levers.area(3, 1, 8, 1), "0%");
    s.style({ range: levers.column(3, 1), role: "note", italic: true, fontColor: COLOURS.note });
    const leverNames = ["Scen_JapanNonChina", "Scen_NewMine", "Scen_NewMidstream", "Scen_AlliedMagnets", "Scen_ExportCut", "Scen_Substitution", "Scen_JapanImportReliance", "Scen_Delta"];
    leverNames.forEach((n, i) => s.name(n, levers.cell(i + 1, 1)));
    const scale = s.formulas("scale", [
      ["Scale factor r = 1 / (1 + x)", "Mining", "Midstream", "Magnets"],
      [null, "=Scen_WorldMine/(Scen_WorldMine+Scen_NewMine)", "=1/(1+Scen_NewMidstream)", "=1/(1+Scen_AlliedMagnets)"],
    ]);
    s.format(scale.row(1, 1), "0.000");
    s.name("Scen_R_mining", scale.cell(1, 1));
    s.name("Scen_R_midstream", scale.cell(1, 2));
    s.name("Scen_R_magnets", scale.cell(1, 3));
    s.gap();

    // Detail tables, placed at the bottom; their cells feed the baseline columns.
    const cviTop = s.row + 1;
    const cviRows = focal.length * stages.length;
    const shockTop = cviTop + cviRows + 4;
    const sensTop = shockTop + focal.length + 4;
    const detailTop = sensTop + focal.length * (SENSITIVITY_LEVERS.length + 3) + 22;
    s.row = detailTop;
    s.heading("detail-heading", "Baseline inputs: CHOKEPOINT.VULN.DIMENSIONS (the SENSITIVITY tables behind the lever ranking are in the workings beside the page)");
    workingsHeading(s, WORKINGS, detailTop);
    const year = options.year === null ? null : String(options.year);
    const details = new Map<string, DimensionsDetail>();
    const sens = new Map<string, { anchor: string; labels: string; changes: string }>();
    for (const c of focal) {
      for (const stage of stages) {
        const top = s.row;
        details.set(`${c}|${stage}`, dimensionsDetail(s, `dims-${c}-${stage}`, stage, c, year, { column: 0, span: PRINTED_COLUMNS, workings: WORKINGS }, options.source));
        const label = s.values(`sens-${c}-${stage}-heading`, [[`SENSITIVITY ${c} · ${STAGE_TITLE[stage]}`]], { column: SENSITIVITY_COLUMN, row: top, keepCursor: true });
        s.style({ range: label.cell(0, 0), bold: true });
        // the levers move the same baseline as the DIMENSIONS table beside them: same year and mining source
        const baseline = [text(stage), text(c), "Scen_Delta", ...modelArgs(stage, year, options.source)].join(",");
        const spill = s.spill(`sens-${c}-${stage}`, `=CHOKEPOINT.VULN.SENSITIVITY(${baseline})`, SENSITIVITY_SHAPE.rows, SENSITIVITY_SHAPE.columns, {
          column: SENSITIVITY_COLUMN,
          row: top + 1,
          keepCursor: true,
        });
        sens.set(`${c}|${stage}`, { anchor: spill.cell(0, 0), labels: spill.column(0), changes: spill.column(SENSITIVITY_HEADER.indexOf("change")) });
        s.gap();
      }
    }
    const end = s.row;

    // CVI: baseline against scenario.
    s.row = cviTop - 1;
    s.heading("cvi-heading", "Compound vulnerability: baseline against scenario (live)");
    const inputs: ModelInput[] = ["g", "p_c", "p", "f", "t_c", "k_c"];
    const cvi = s.formulasAt(
      "cvi",
      (cell) => [
        ["Country", "Stage", "Baseline CVI", "g", "p_c (scenario)", "p (scenario)", "f", "t_c (scenario)", "k_c", "Scenario CVI", "Change"],
        ...focal.flatMap((c, ci) =>
          stages.map((stage, si) => {
            const r = 1 + ci * stages.length + si;
            const d = details.get(`${c}|${stage}`)!;
            const base = Object.fromEntries(inputs.map((n) => [n, d.input(n)])) as Record<ModelInput, string>;
            const rName = `Scen_R_${stage}`;
            const scen: Record<ModelInput, string> = {
              g: cell(r, 3),
              p_c: cell(r, 4),
              p: cell(r, 5),
              f: cell(r, 6),
              t_c: cell(r, 7),
              k_c: cell(r, 8),
            };
            // n/a, never an error, where the data lacks an input for the year (its detail row says why)
            const na = (expr: string) => `=IFERROR(${expr},"n/a")`;
            const complete = `COUNT(${cell(r, 3)}:${cell(r, 8)})=${inputs.length}`;
            return [
              c,
              stage,
              `=IF(${complete},CHOKEPOINT.VULN.CVI(${base.g},${base.p_c},${base.p},${base.f},${base.t_c},${base.k_c}),"n/a")`,
              na(base.g),
              na(`${rName}^2*${base.p_c}+(1-${rName})^2`),
              na(`${rName}^2*${base.p}+(1-${rName})^2`),
              na(base.f),
              na(c === "JPN" ? `${base.t_c}*(1-Scen_JapanNonChina)/Scen_JapanChinaShareBase` : base.t_c),
              na(base.k_c),
              `=IF(${complete},CHOKEPOINT.VULN.CVI(${scen.g},${scen.p_c},${scen.p},${scen.f},${scen.t_c},${scen.k_c}),"n/a")`,
              `=IF(${complete},${cell(r, 9)}-${cell(r, 2)},"n/a")`,
            ] as PlanValue[];
          }),
        ),
      ],
      { header: true },
    );
    s.format(cvi.area(1, 2, cviRows, 10), "0.000");
    s.style({ range: cvi.area(1, 2, cviRows, 10), horizontalAlignment: "right" });
    s.style({ range: cvi.column(2, 1), bold: true });
    s.style({ range: cvi.column(9, 1), bold: true });
    // a change lies in −1…1; bounded both ways, so an n/a (text, which compares above every number) takes neither colour
    s.conditional({ type: "cellValue", range: cvi.column(10, 1), operator: "between", formula1: "-1", formula2: "-0.0000001", fill: "#C6EFCE", fontColor: "#006100" });
    s.conditional({ type: "cellValue", range: cvi.column(10, 1), operator: "between", formula1: "0.0000001", formula2: "1", fill: "#FFC7CE", fontColor: "#9C0006" });
    s.name("Scen_BaselineCVI", cvi.column(2, 1));
    s.name("Scen_ScenarioCVI", cvi.column(9, 1));
    s.name("Scen_Rows", cvi.area(1, 0, cviRows, 1), "country and stage of each CVI row");

    // Supply shock.
    s.row = shockTop - 1;
    s.heading("shock-heading", "Supply shock: share of supply lost when the dominant supplier cuts exports (CHOKEPOINT.VULN.SHOCK)");
    const shockRows = focal.filter((c) => c === "USA" || c === "JPN");
    const shock = s.formulasAt(
      "shock",
      (cell) => [
        ["Country", "Import reliance", "China's share of imports, today", "Supply lost, today", "China's share of imports, scenario", "Supply lost, scenario"],
        ...shockRows.map((c, i) => {
          const r = i + 1;
          const reliance = c === "USA" ? "=Scen_USImportReliance" : "=Scen_JapanImportReliance";
          const today = c === "USA" ? "=Scen_USChinaShare" : "=Scen_JapanChinaShareBase";
          const scenario = c === "USA" ? "=Scen_USChinaShare" : "=1-Scen_JapanNonChina";
          return [
            c,
            reliance,
            today,
            `=CHOKEPOINT.VULN.SHOCK(${cell(r, 1)},${cell(r, 2)},Scen_ExportCut,Scen_Substitution)`,
            scenario,
            `=CHOKEPOINT.VULN.SHOCK(${cell(r, 1)},${cell(r, 4)},Scen_ExportCut,Scen_Substitution)`,
          ] as PlanValue[];
        }),
      ],
      { header: true },
    );
    s.format(shock.area(1, 1, Math.max(1, shockRows.length), 5), "0.0%");
    if (shockRows.length > 0) s.name("Scen_ShockLost", shock.column(5, 1));
    s.notes("shock-notes", ["Only the US and Japan have import data here. The US has no lever on its import structure in this sheet, so its two columns match."]);

    // Sensitivity: CVI change by lever and stage, for each country.
    s.row = sensTop - 1;
    s.heading("sens-heading", "Which lever lowers CVI most? Change in CVI when each lever moves by delta (CHOKEPOINT.VULN.SENSITIVITY)");
    let firstTable: string | null = null;
    for (const c of focal) {
      const table = s.formulas(`sens-${c}`, [
        [`${c}: lever`, ...stages.map((st) => STAGE_TITLE[st])],
        ...SENSITIVITY_LEVERS.map((lever) => [
          lever,
          ...stages.map((st: Stage) => {
            const t = sens.get(`${c}|${st}`)!;
            // n/a where SENSITIVITY cannot rank the levers for the year (a heat map paints an error as a value in LibreOffice)
            return `=IF(ISERROR(${t.anchor}),"n/a",IFNA(INDEX(${t.changes},MATCH(${text(lever)},${t.labels},0)),"n/a"))`;
          }),
        ]),
      ], { header: true });
      s.format(table.area(1, 1, SENSITIVITY_LEVERS.length, stages.length), "0.000");
      s.conditional({ type: "colorScale", range: table.area(1, 1, SENSITIVITY_LEVERS.length, stages.length), minColor: COLOURS.low, maxColor: "#FFFFFF" });
      firstTable ??= table.range;
      s.gap();
    }
    if (firstTable) {
      s.chart({
        id: "scenario-sensitivity",
        type: "barClustered",
        title: `Change in CVI by lever and stage, ${focal[0]} (more negative = more effective)`,
        dataRange: firstTable,
        seriesBy: "columns",
        position: { from: `F${sensTop}`, to: `L${sensTop + 18}` },
        xAxisTitle: "lever",
        yAxisTitle: "change in CVI",
      });
    }
    s.row = end;
    [36, 14, 16, 12, 12, 12, 10, 12, 10, 12, 10].forEach((w, c) => s.width(c, w));
    s.page({ area: `A1:${columnLetter(PRINTED_COLUMNS - 1)}${end}` });
  },
};
