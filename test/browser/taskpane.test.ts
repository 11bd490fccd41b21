/**
 * The built task pane in headless Chromium. With the fake Excel injected in place of Office.js:
 * insert a briefing, browse and insert a dataset, prepare for sharing, refresh, pick countries in
 * the countries list (a popup in a portal, placed by Fluent's positioning); the fake
 * workbook's content is checked after each, and each pane view is saved as a screenshot
 * (docs/images/taskpane-*.png with UPDATE_SCREENSHOTS=1). With Microsoft's own Office.js (the
 * @microsoft/office-js package) outside an Office host: the pane says Excel is not connected, and
 * the shared runtime's functions are registered with Office.js and answer from the shipped data.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser } from "playwright-core";
import { buildAddIn, compile, ROOT } from "../setup/webpackBuild";
import { CHROMIUM, chromiumAvailable, launchChromium, OFFICE_CDN, OFFICE_JS_DIR, officeJsAvailable, routeOffice, serveDirectory, type OfficeJs } from "./harness";
import { datasetIds } from "../../src/data";
import { SERIES } from "../../src/functions/families/data";

// The README's pictures are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to a temp folder
// so that running the tests never modifies tracked files.
const IMAGES = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, "docs/images") : fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-shots-"));
const available = chromiumAvailable();
if (!available) console.log(`Skipping the task pane browser test: ${CHROMIUM} is absent (apt-get install chromium).`);
const maybe = available ? describe : describe.skip;
const withOfficeJs = officeJsAvailable() ? test : test.skip;
if (!officeJsAvailable()) console.log(`Skipping the browser test with Microsoft's Office.js: ${OFFICE_JS_DIR} is absent (npm ci installs @microsoft/office-js).`);

maybe("task pane in Chromium", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-taskpane-"));
  let server: { base: string; close: () => Promise<void> };
  let base = "";
  let standIn = "";
  let browser: Browser;

  beforeAll(async () => {
    // Development by default (faster); TASKPANE_BUILD=production checks the shipped bundle.
    await buildAddIn(process.env.TASKPANE_BUILD === "production" ? "production" : "development", out);
    await compile({
      mode: "development",
      devtool: false,
      context: ROOT,
      entry: path.join(__dirname, "officeStandIn.ts"),
      output: { path: out, filename: "office-stand-in.js" },
      resolve: { extensions: [".ts", ".js"] },
      module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } }] },
    });
    standIn = fs.readFileSync(path.join(out, "office-stand-in.js"), "utf8");
    server = await serveDirectory(out);
    base = server.base;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function openPane(kind: OfficeJs["kind"]) {
    const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e: Error) => errors.push(e.message));
    page.on("console", (m: { type: () => string; text: () => string }) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await routeOffice(page, kind === "stand-in" ? { kind, script: standIn } : { kind });
    await page.goto(`${base}/taskpane.html`);
    await page.getByRole("tab", { name: "Briefings" }).waitFor({ timeout: 20_000 });
    return { page, errors };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const workbook = (page: any) => page.evaluate(() => {
    const wb = (window as unknown as { __fakeWorkbook: import("../office/fakeExcel").FakeWorkbook }).__fakeWorkbook;
    return {
      sheets: wb.sheets.map((s) => ({
        name: s.name,
        cells: Object.fromEntries([...s.cells].map(([k, c]) => [k, { value: c.value, formula: c.formula ?? null }])),
        charts: s.charts.length,
        tables: s.tables.map((t) => t.name),
      })),
      names: wb.names.map((n) => n.name),
      settings: Object.fromEntries(wb.settings),
      xmlParts: wb.xmlParts.length,
      syncs: wb.syncs.length,
      active: wb.activeSheet?.name,
    };
  });

  test("insert a briefing, browse and insert a dataset, prepare for sharing, refresh", async () => {
    fs.mkdirSync(IMAGES, { recursive: true });
    const { page, errors } = await openPane("stand-in");
    expect(await page.getByTestId("no-office").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(IMAGES, "taskpane-briefings.png"), fullPage: true });

    // A failure midway: the pane shows what failed and the workbook is as it was.
    const sheetsBefore = (await workbook(page)).sheets.map((s: { name: string }) => s.name);
    await page.getByTestId("template").selectOption("mining");
    // Mining offers its mine-production source; the choices are the mine-production datasets only.
    const sourceOptions = await page.getByLabel("Source").locator("option").evaluateAll((os: Element[]) => os.map((o) => (o as HTMLOptionElement).value));
    expect(sourceOptions).toEqual(expect.arrayContaining(["", "bgs_mine_production", "usgs_mcs_mine_production"]));
    expect(sourceOptions).not.toContain("us_salient");
    await page.evaluate(() => {
      (window as unknown as { __fakeWorkbook: { failures: object[] } }).__fakeWorkbook.failures = [{ kind: "ChartCollection.add", message: "Chart could not be created" }];
    });
    await page.getByTestId("insert-briefing").click();
    await page.getByTestId("error").waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("error").textContent()).resolves.toMatch(/failed while .*Chart could not be created.*were removed/);
    await page.screenshot({ path: path.join(IMAGES, "taskpane-error.png"), fullPage: true });
    expect((await workbook(page)).sheets.map((s: { name: string }) => s.name)).toEqual(sheetsBefore);
    await page.evaluate(() => {
      const wb = (window as unknown as { __fakeWorkbook: { failures: object[]; syncs: object[] } }).__fakeWorkbook;
      wb.failures = [];
      wb.syncs = [];
    });

    // Briefings: the Stage comparison template with its description and options.
    await page.getByTestId("template").selectOption("stage-comparison");
    await page.getByText(/USA, JPN and CHN|mining, midstream/i).first().waitFor();
    expect(await page.getByLabel("Source").count()).toBe(1); // Stage comparison reads the mining source for its mining inputs
    await page.getByTestId("insert-briefing").click();
    await page.getByTestId("success").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(IMAGES, "taskpane-briefing-inserted.png"), fullPage: true });
    let wb = await workbook(page);
    const stage = wb.sheets.find((s: { name: string }) => s.name === "Stage comparison")!;
    expect(stage).toBeDefined();
    expect(wb.sheets.map((s: { name: string }) => s.name)).toContain("Sources");
    const formulas = Object.values(stage.cells as Record<string, { formula: string | null }>).filter((c) => c.formula && /CHOKEPOINT\./.test(c.formula));
    expect(formulas.length).toBeGreaterThan(5);
    expect(stage.charts).toBe(1);
    expect(wb.syncs).toBe(3); // the whole briefing in three round trips
    expect(JSON.parse(wb.settings["chokepoint.insertions"]).insertions[0].templateId).toBe("stage-comparison");
    expect(wb.xmlParts).toBe(1);
    // the link goes to the first new sheet
    await page.getByTestId("go-to-sheet").click();
    await page.waitForFunction(() => (window as unknown as { __fakeWorkbook: { activeSheet?: { name: string } } }).__fakeWorkbook.activeSheet?.name === "Stage comparison");

    // Datasets: provenance and the first rows, then insert as a table.
    await page.getByRole("tab", { name: "Datasets" }).click();
    await page.getByTestId("dataset").selectOption("bgs_mine_production");
    await expect(page.getByTestId("provenance").textContent()).resolves.toContain("British Geological Survey");
    const previewRows = await page.getByTestId("preview").locator("tbody tr").count();
    expect(previewRows).toBe(8);
    await page.screenshot({ path: path.join(IMAGES, "taskpane-datasets.png"), fullPage: true });
    await page.getByTestId("insert-dataset").click();
    await page.getByTestId("success").waitFor({ timeout: 30_000 });
    wb = await workbook(page);
    const data = wb.sheets.find((s: { name: string }) => s.name === "bgs_mine_production")!;
    expect(data.tables).toEqual(["Data_bgs_mine_production"]);
    expect(Object.values(data.cells as Record<string, { formula: string | null }>).some((c) => c.formula === '=CHOKEPOINT.SOURCE("bgs_mine_production")')).toBe(true);

    // Share: the sheet list shows names as text (no HTML), then prepare the stage sheet for sharing.
    await page.getByRole("tab", { name: "Share" }).click();
    await page.getByRole("checkbox", { name: "<img src=x onerror=__x=1>" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
    await page.getByRole("checkbox", { name: "Stage comparison", exact: true }).check();
    await page.getByTestId("prepare-sharing").click();
    await page.getByTestId("success").waitFor({ timeout: 30_000 });
    wb = await workbook(page);
    const shared = wb.sheets.find((s: { name: string }) => s.name === "Stage comparison (shared)")!;
    expect(shared).toBeDefined();
    const live = Object.values(shared.cells as Record<string, { formula: string | null }>).filter((c) => c.formula && /CHOKEPOINT\./i.test(c.formula));
    expect(live).toEqual([]);
    expect(wb.sheets.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Formulas (shared)", "Sources (shared)"]));
    // The Formulas sheet lists each original CHOKEPOINT formula as text, with its cell and sheet.
    const texts = (name: string) => Object.values(wb.sheets.find((s: { name: string }) => s.name === name)!.cells as Record<string, { value: unknown; formula: string | null }>);
    const listed = texts("Formulas (shared)");
    expect(listed.filter((c) => c.formula).length).toBe(0);
    for (const f of formulas) expect(listed.map((c) => c.value)).toContain(f.formula);
    expect(listed.map((c) => c.value)).toEqual(expect.arrayContaining(["Stage comparison (shared)", "Stage comparison", "calls a CHOKEPOINT function"]));
    // The Sources sheet names the stage datasets with their provenance.
    const sourceTexts = texts("Sources (shared)").map((c) => String(c.value));
    expect(sourceTexts).toEqual(expect.arrayContaining(["Dataset id", "SHA-256", "stage_shares"]));
    expect(sourceTexts.some((t) => /^[0-9a-f]{64}$/.test(t))).toBe(true);
    // originals keep their formulas
    const original = wb.sheets.find((s: { name: string }) => s.name === "Stage comparison")!;
    expect(Object.values(original.cells as Record<string, { formula: string | null }>).filter((c) => c.formula && /CHOKEPOINT\./.test(c.formula)).length).toBe(formulas.length);

    // Refresh the dataset: its data is current, so nothing changes and the pane says so.
    await page.getByTestId("insertion").selectOption({ index: 1 });
    await page.getByTestId("refresh").click();
    await page.getByText(/already matches the current datasets/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(IMAGES, "taskpane-share.png"), fullPage: true });

    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByTestId("functions").waitFor();
    expect(await page.getByTestId("functions").locator("li").count()).toBeGreaterThan(20);
    const href = await page.getByRole("link", { name: "CHOKEPOINT.HHI", exact: true }).getAttribute("href");
    expect(href).toMatch(/docs\/functions\.html#chokepointhhi$/);
    await page.screenshot({ path: path.join(IMAGES, "taskpane-functions.png"), fullPage: true });

    // Keyboard: the tabs are reachable and switch with the arrow keys.
    await page.getByRole("tab", { name: "Functions" }).focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Prepare for sharing" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  test("the countries list (a popup under its button) picks and unpicks countries and closes, the year is checked as typed, and the briefing compares the countries picked", async () => {
    const { page, errors } = await openPane("stand-in");
    await page.getByTestId("template").selectOption("stage-comparison");
    const countries = page.getByRole("combobox", { name: "Countries" });
    await expect(countries.textContent()).resolves.toBe("USA, JPN, CHN");
    await countries.click();
    // A multiple choice list: Fluent gives it the menu role, and each country a checkable item.
    const list = page.getByRole("menu");
    await list.waitFor();
    // The list is positioned below the button (Fluent's positioning, in a portal outside the pane's tree).
    const [button, popup] = [await countries.boundingBox(), await list.boundingBox()];
    expect(popup!.y).toBeGreaterThanOrEqual(button!.y + button!.height - 1);
    const item = (name: string) => list.getByRole("menuitemcheckbox", { name });
    expect(await list.getByRole("menuitemcheckbox").count()).toBeGreaterThan(20);
    await expect(item("CHN — China").getAttribute("aria-checked")).resolves.toBe("true");
    await item("CHN — China").click();
    await item("DEU — Germany").click();
    await expect(item("CHN — China").getAttribute("aria-checked")).resolves.toBe("false");
    await expect(item("DEU — Germany").getAttribute("aria-checked")).resolves.toBe("true");
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden" });
    // From the keyboard: the button keeps focus; the arrow key opens the list again, Escape closes it.
    await page.keyboard.press("ArrowDown");
    await list.waitFor();
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden" });
    await expect(countries.textContent()).resolves.toBe("USA, JPN, DEU");
    // The year field is checked as it is typed, and blocks Insert until it is a year or blank.
    const year = page.getByRole("spinbutton", { name: "Year" });
    await year.fill("19");
    await page.getByText("A year such as 2023, or blank for the latest year with data.").waitFor();
    expect(await page.getByTestId("insert-briefing").isDisabled()).toBe(true);
    await year.fill("");
    await page.getByText("A year such as 2023, or blank for the latest year with data.").waitFor({ state: "detached" });
    await page.getByTestId("insert-briefing").click();
    await page.getByTestId("success").waitFor({ timeout: 30_000 });
    const wb = await workbook(page);
    const texts = Object.values(wb.sheets.find((s: { name: string }) => s.name === "Stage comparison")!.cells as Record<string, { value: unknown }>).map((c) => String(c.value));
    expect(texts).toEqual(expect.arrayContaining(["DEU"]));
    expect(texts).not.toContain("CHN");
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  test("a stalled Office.js CDN: the page says so while it waits, and explains once the load fails", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 600 } });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route: { abort: () => Promise<void> }) => route.abort());
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    // The CDN request hangs until the test lets it fail.
    await page.route(`${OFFICE_CDN}**`, async (route: { abort: () => Promise<void> }) => {
      await stalled;
      await route.abort();
    });
    await page.goto(`${base}/taskpane.html`, { waitUntil: "commit" });
    await page.locator("#office-js-stalled").waitFor({ timeout: 20_000 });
    await expect(page.locator("#office-js-stalled").textContent()).resolves.toMatch(/has not loaded from Microsoft's CDN/);
    release();
    await page.getByTestId("no-office").waitFor({ timeout: 20_000 });
    await expect(page.getByTestId("no-office").textContent()).resolves.toMatch(/CDN could not be reached/);
    expect(await page.locator("#office-js-stalled").count()).toBe(0);
    await page.close();
  }, 60_000);

  test("without Office.js the pane says so instead of hanging", async () => {
    const { page } = await openPane("absent");
    await page.getByTestId("no-office").waitFor({ timeout: 5_000 });
    await expect(page.getByTestId("no-office").textContent()).resolves.toMatch(/Office\.js did not load/);
    expect(await page.getByTestId("insert-briefing").isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(IMAGES, "taskpane-no-office.png"), fullPage: true });
    await page.close();
  }, 60_000);

  withOfficeJs("functions.js runs on its own (the webpack runtime and the data are in it): a page with only Office.js and functions.js registers every function", async () => {
    fs.writeFileSync(path.join(out, "functions-only.html"), `<!doctype html><script src="${OFFICE_CDN}office.js"></script><script src="functions.js"></script>`);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e: Error) => errors.push(e.message));
    await routeOffice(page, { kind: "microsoft" });
    await page.goto(`${base}/functions-only.html`);
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: Array<{ id: string }> };
    await page.waitForFunction((n: number) => Object.keys((window as unknown as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions._association.mappings).length === n, metadata.functions.length);
    const hhi = await page.evaluate(() => (window as unknown as { CustomFunctions: { _association: { mappings: Record<string, (...a: unknown[]) => unknown> } } }).CustomFunctions._association.mappings.HHI([[30], [30], [20], [20]]));
    expect(hhi).toBe(2600);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  withOfficeJs("with Microsoft's Office.js outside Office: Excel is not connected, and every function is registered and answers from the shipped data", async () => {
    const { page, errors } = await openPane("microsoft");
    // Office.js itself reports no host: the pane's own "not inside an Office application" path.
    await page.getByTestId("no-office").waitFor({ timeout: 20_000 });
    await expect(page.getByTestId("no-office").textContent()).resolves.toMatch(/Excel is not connected.*Office\.js loaded, but this page is not running inside an Office application/);
    expect(await page.getByTestId("insert-briefing").isDisabled()).toBe(true);
    // Browsing still works.
    await page.getByRole("tab", { name: "Datasets" }).click();
    await page.getByTestId("dataset").selectOption("bgs_mine_production");
    await expect(page.getByTestId("provenance").textContent()).resolves.toContain("British Geological Survey");

    // The functions registered themselves with Office.js's own CustomFunctions.associate.
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: Array<{ id: string }> };
    const registered = await page.evaluate(() => Object.keys((window as unknown as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions._association.mappings).sort());
    expect(registered).toEqual(metadata.functions.map((f) => f.id.toUpperCase()).sort());
    // They answer synchronously, and every dataset comes out of the bundle (columnar, shared chunk)
    // exactly as the committed JSON gives it through the same function in Node.
    const answers = await page.evaluate((ids: string[]) => {
      const m = (window as unknown as { CustomFunctions: { _association: { mappings: Record<string, (...a: unknown[]) => unknown> } } }).CustomFunctions._association.mappings;
      return { hhi: m.HHI([[30], [30], [20], [20]]), series: ids.map((id) => JSON.stringify(m.SERIES(id, null, null, null))) };
    }, datasetIds());
    expect(answers.hhi).toBe(2600);
    expect(answers.series).toEqual(datasetIds().map((id) => JSON.stringify(SERIES(id, null, null, null))));
    // (Office.js outside Office also asks for a telemetry page, which the route blocks; it logs no error.)
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
