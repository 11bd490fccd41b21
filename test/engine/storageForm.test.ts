/**
 * Excel's storage form of JavaScript custom functions (`_xldudf_` + namespace and name joined by
 * underscores): written for every CHOKEPOINT call, read back by the headless engine, reversible
 * for every function the add-in has.
 */
import { evaluateFormula, loadFunctionBindings } from "../../src/workbook/engine";
import { fromStorageForm, storageName, toStorageForm } from "../../src/workbook/storageForm";
import { main } from "../../src/cli/main";

describe("storage form", () => {
  test("names a call as Excel saves it: prefix, namespace and name with every dot an underscore", () => {
    expect(storageName("CHOKEPOINT.VULN.COMPOUND")).toBe("_xldudf_CHOKEPOINT_VULN_COMPOUND");
    expect(toStorageForm('CHOKEPOINT.VULN.COMPOUND("midstream","JPN")')).toBe('_xldudf_CHOKEPOINT_VULN_COMPOUND("midstream","JPN")');
    expect(toStorageForm("INDEX(CHOKEPOINT.SHARES(Qty),2,1)+chokepoint.hhi(B2:B4, 1)")).toBe("INDEX(_xldudf_CHOKEPOINT_SHARES(Qty),2,1)+_xldudf_CHOKEPOINT_HHI(B2:B4, 1)");
  });

  test("leaves text, sheet names, other functions and look-alike names alone", () => {
    const formula = `IF(A1>0,"see CHOKEPOINT.HHI(x)",'CHOKEPOINT.HHI(1)'!A1&MY.CHOKEPOINT.HHI(2)&CHOKEPOINT.HHI_NAME&SUM(CHOKEPOINT.HHI({1,2})))`;
    expect(toStorageForm(formula)).toBe(`IF(A1>0,"see CHOKEPOINT.HHI(x)",'CHOKEPOINT.HHI(1)'!A1&MY.CHOKEPOINT.HHI(2)&CHOKEPOINT.HHI_NAME&SUM(_xldudf_CHOKEPOINT_HHI({1,2})))`);
    expect(fromStorageForm(toStorageForm(formula))).toBe(formula);
    expect(toStorageForm("SUM(A1:A3)")).toBe("SUM(A1:A3)");
  });

  test("reads back in any letter case, as Excel may write the prefix", () => {
    expect(fromStorageForm("=_XLDUDF_CHOKEPOINT_EU_SR(1,2,0.5,0,1)")).toBe("=CHOKEPOINT.EU.SR(1,2,0.5,0,1)");
    expect(fromStorageForm('="_xldudf_CHOKEPOINT_HHI(1)"')).toBe('="_xldudf_CHOKEPOINT_HHI(1)"');
  });

  test("is reversible for every function the add-in registers (no name holds an underscore)", () => {
    const names = loadFunctionBindings().map((b) => b.excelName);
    expect(names.length).toBeGreaterThanOrEqual(27);
    for (const name of names) {
      expect(name).not.toContain("_");
      expect(fromStorageForm(`${storageName(name)}(1)`)).toBe(`${name}(1)`);
      expect(toStorageForm(`${name}(1)`)).toBe(`${storageName(name)}(1)`);
    }
    expect(new Set(names.map(storageName)).size).toBe(names.length);
  });

  test("the headless engine and chokepoint eval read both forms to the same result", async () => {
    const typed = evaluateFormula('=CHOKEPOINT.VULN.COMPOUND("midstream","JPN")');
    expect(typed.kind).toBe("value");
    expect(evaluateFormula('=_xldudf_CHOKEPOINT_VULN_COMPOUND("midstream","JPN")')).toEqual(typed);
    expect(evaluateFormula("=INDEX(_xldudf_CHOKEPOINT_SHARES({1;3}),2,1)")).toEqual({ kind: "value", value: 0.75 });
    const out: string[] = [];
    expect(await main(["eval", "=_xldudf_CHOKEPOINT_HHI({30,30,20,20})"], { out: (t) => out.push(t), err: () => undefined })).toBe(0);
    expect(out).toEqual(["2600"]);
  });
});
