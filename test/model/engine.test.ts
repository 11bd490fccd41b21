/** Every function of the vulnerability model and the established methods evaluates in the headless engine (what `npx chokepoint eval` runs). */
import { evaluateFormula } from "../../src/workbook/engine";

describe("headless engine", () => {
  test.each([
    ["=CHOKEPOINT.VULN.CVI(0.3,0.8,0.5,0.2,0.6,0.5)", 0.764856],
    ["=CHOKEPOINT.VULN.CVI(0.3,0.8,0.5,0.2,0.6,0.5,1,1)", 0.65014],
    ["=CHOKEPOINT.VULN.SHOCK(0.8,0.745,0.5,0.25)", 0.2235],
    ["=CHOKEPOINT.EU.HHIWGI({60,30,10},{6,3,2})", 2.45],
    ["=CHOKEPOINT.EU.HHIWGI({0.6,0.3,0.1},{6,3,2},{1.2,1,1})", 2.882],
    ["=CHOKEPOINT.EU.WGISCALE(-0.5)", 6],
    ["=CHOKEPOINT.EU.SR(2.45,1.2,0.6,0.1,0.95)", 1.346625],
    ["=CHOKEPOINT.EU.SR(2.45,,0.6,0.1,0.95)", 2.09475],
    ["=CHOKEPOINT.GEOPOLRISK(0.5,{60,40},{0.8,0.2},100)", 0.14],
  ])("%s", (formula, expected) => {
    const result = evaluateFormula(formula);
    expect(result.kind).toBe("value");
    expect((result as { value: number }).value).toBeCloseTo(expected, 9);
  });

  test("EU.CRITICAL gives a logical value", () => {
    expect(evaluateFormula("=CHOKEPOINT.EU.CRITICAL(1,2.8)")).toEqual({ kind: "value", value: true });
  });

  test("the data-driven functions spill in the engine", () => {
    const dims = evaluateFormula('=CHOKEPOINT.VULN.DIMENSIONS("midstream","USA")') as { kind: string; rows: unknown[][] };
    expect(dims.kind).toBe("array");
    expect(dims.rows.length).toBe(7);
    expect(dims.rows.map((r) => r[0])).toEqual(["input", "g", "p", "p_c", "f", "t_c", "k_c"]);
    const compound = evaluateFormula('=CHOKEPOINT.VULN.COMPOUND("magnets")') as { kind: string; rows: unknown[][] };
    expect(compound.rows.map((r) => r[0])).toEqual(["USA", "JPN", "CHN"]);
    const explain = evaluateFormula('=CHOKEPOINT.VULN.EXPLAIN("mining","Japan")') as { kind: string; rows: unknown[][] };
    expect(explain.rows.length).toBe(6);
    const sens = evaluateFormula('=CHOKEPOINT.VULN.SENSITIVITY("midstream","JPN",0.1)') as { kind: string; rows: unknown[][] };
    expect(sens.rows.length).toBe(5);
    // A single-country COMPOUND equals CVI over the DIMENSIONS cells, inside the engine.
    const single = evaluateFormula('=CHOKEPOINT.VULN.COMPOUND("midstream","USA")') as { kind: string; value?: number; rows?: number[][] };
    const viaCvi = evaluateFormula(
      '=CHOKEPOINT.VULN.CVI(INDEX(CHOKEPOINT.VULN.DIMENSIONS("midstream","USA"),2,2),INDEX(CHOKEPOINT.VULN.DIMENSIONS("midstream","USA"),4,2),INDEX(CHOKEPOINT.VULN.DIMENSIONS("midstream","USA"),3,2),INDEX(CHOKEPOINT.VULN.DIMENSIONS("midstream","USA"),5,2),INDEX(CHOKEPOINT.VULN.DIMENSIONS("midstream","USA"),6,2),INDEX(CHOKEPOINT.VULN.DIMENSIONS("midstream","USA"),7,2))',
    ) as { kind: string; value: number };
    const singleValue = single.kind === "value" ? single.value : single.rows![0][0];
    expect(viaCvi.value).toBeCloseTo(singleValue as number, 12);
  });

  test("errors keep their message", () => {
    expect(evaluateFormula("=CHOKEPOINT.VULN.CVI(2,0,0,0,0,0)")).toEqual({
      kind: "error",
      error: "#VALUE!",
      message: "CHOKEPOINT.VULN.CVI: g must be between 0 and 1; got 2",
    });
    expect(evaluateFormula('=CHOKEPOINT.VULN.COMPOUND("mining","USA",2009)')).toMatchObject({ kind: "error", error: "#N/A" });
    // one missing input is an #N/A in its own cell of the DIMENSIONS spill, and only there
    expect(evaluateFormula('=INDEX(CHOKEPOINT.VULN.DIMENSIONS("mining","USA",2009),6,2)')).toMatchObject({ kind: "error", error: "#N/A", message: expect.stringMatching(/t_c: us_salient: the reference data has no US salient statistics for 2009/) });
    expect(evaluateFormula('=INDEX(CHOKEPOINT.VULN.DIMENSIONS("mining","USA",2009),6,3)')).toMatchObject({ kind: "value", value: expect.stringMatching(/they start in 2011/) });
    // version 1, through the version argument after two blank ones, keeps its own gaps
    expect(evaluateFormula('=CHOKEPOINT.VULN.COMPOUND("mining","AUS",,,1)')).toMatchObject({ kind: "error", error: "#N/A", message: expect.stringMatching(/no trade data for AUS/) });
  });
});
