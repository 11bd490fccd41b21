/** The fake behaves like Excel on the points the adapter's tests rely on. */
import { FakeOfficeError, FakeWorkbook } from "./fakeExcel";

test("properties must be loaded and synced before they are read", async () => {
  const wb = new FakeWorkbook({ sheets: ["Data"] });
  const ctx = wb.context();
  const ws = ctx.workbook.worksheets.getItem("Data");
  expect(() => ws.name).toThrow(/not available.*load/);
  ws.load("name");
  expect(() => ws.name).toThrow(FakeOfficeError);
  await ctx.sync();
  expect(ws.name).toBe("Data");
  expect(wb.syncCount).toBe(1);
});

test("a batch is not a transaction: actions before a failure stay applied, later ones are dropped", async () => {
  const wb = new FakeWorkbook();
  const ctx = wb.context();
  ctx.workbook.worksheets.add("A");
  ctx.workbook.worksheets.add("a"); // same name, case-insensitively
  ctx.workbook.worksheets.add("B");
  await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "A"]);
});

test("failure injection at a chosen sync and action", async () => {
  const wb = new FakeWorkbook();
  wb.failures = [{ sync: 1, action: 1 }];
  const ctx = wb.context();
  ctx.workbook.worksheets.add("A");
  ctx.workbook.worksheets.add("B");
  await expect(ctx.sync()).rejects.toThrow(/Injected failure at WorksheetCollection.add/);
  expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "A"]);
});

test("requests of 5 MB are rejected as Excel on the web does, and sizes are recorded", async () => {
  const wb = new FakeWorkbook();
  const ctx = wb.context();
  ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A6000").values = Array.from({ length: 6000 }, () => ["y".repeat(900)]);
  await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  expect(wb.syncs[0].bytes).toBeGreaterThan(5 * 1024 * 1024);
  expect(wb.sheet("Sheet1")!.cells.size).toBe(0);
});

test("values are interpreted as typed; an apostrophe keeps text; the array must fit the range", async () => {
  const wb = new FakeWorkbook();
  const ctx = wb.context();
  const ws = ctx.workbook.worksheets.getItem("Sheet1");
  ws.getRange("A1:D1").values = [["2024", "'2024", "=1+1", "text"]];
  ws.getRange("A2:B2").values = [[1]];
  await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  expect(wb.value("Sheet1", "A1")).toBe(2024);
  expect(wb.value("Sheet1", "B1")).toBe("2024");
  expect(wb.cell("Sheet1", "C1")!.formula).toBe("=1+1");
  expect(wb.value("Sheet1", "D1")).toBe("text");
});

test("defined names and table names share one namespace", async () => {
  const wb = new FakeWorkbook();
  wb.sheets[0].tables.push({ name: "Prod", range: "A1:B2" });
  const ctx = wb.context();
  ctx.workbook.names.add("prod", ctx.workbook.worksheets.getItem("Sheet1").getRange("C1"));
  await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
});

test("no calculation while API calculation is suspended; it runs when the next batch starts", async () => {
  const wb = new FakeWorkbook({ sheets: ["Data"] });
  let runs = 0;
  wb.calculator = () => {
    runs++;
  };
  const ctx = wb.context();
  ctx.application.suspendApiCalculationUntilNextSync();
  ctx.workbook.worksheets.getItem("Data").getRange("A1").formulas = [["=1+1"]];
  await ctx.sync();
  expect(runs).toBe(0);
  expect(wb.calculationPending).toBe(true);
  const range = ctx.workbook.worksheets.getItem("Data").getRange("A1");
  range.load("values");
  await ctx.sync();
  // once before the reads of the resumed batch, once after it
  expect(runs).toBe(2);
  expect(wb.calculationPending).toBe(false);
});

test("each sync records the size of its response, and a response of 5 MB is refused like Excel on the web", async () => {
  const wb = new FakeWorkbook({ sheets: ["Data"] });
  const text = "x".repeat(1000);
  wb.setCells("Data", "A1", Array.from({ length: 100 }, () => [text]));
  const ctx = wb.context();
  const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:A100");
  range.load("values");
  await ctx.sync();
  // 100 strings of 1000 characters, plus JSON punctuation
  expect(wb.syncs[0].responseBytes).toBeGreaterThan(100 * 1000);
  expect(wb.syncs[0].responseBytes).toBeLessThan(100 * 1000 + 2000);

  const big = "y".repeat(60_000);
  wb.setCells("Data", "B1", Array.from({ length: 100 }, () => [big]));
  const all = ctx.workbook.worksheets.getItem("Data").getRange("B1:B100");
  all.load("values,formulas");
  await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
});
