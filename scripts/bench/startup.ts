/**
 * The add-in's start-up, as the shared runtime sees it: the production build's taskpane.html in
 * Debian's Chromium, with Microsoft's Office.js from the @microsoft/office-js package answering the
 * CDN address (outside an Office host it reports no host, as in the browser test). Prints the time
 * from navigation until every custom function is registered with Office.js, until the first
 * CHOKEPOINT result, and until the pane has rendered; and the JavaScript bytes the page loads (raw
 * and gzip), against the target of 250 KB gzip (moonshot 150 KB). The pane's UI is part of the page
 * from the start (not deferred until the pane is shown: Office.js cannot tell a page whether its pane
 * is visible), so that total is what the page loads whether the pane is shown or not; what loads later,
 * on the first insert, is listed apart. Median of 5 page loads, each in a fresh browser context (empty
 * cache), from a local server: no network time, so these figures are the page's own work on this
 * machine's CPU.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Request } from "playwright-core";
import { buildAddIn } from "../../test/setup/webpackBuild";
import { encodeDataset } from "../../src/data/columnar";
import { DATASETS } from "../../src/data/generated/datasets";
import { chromiumAvailable, CHROMIUM, launchChromium, officeJsAvailable, OFFICE_JS_DIR, routeOffice, serveDirectory } from "../../test/browser/harness";
import { gzipSize, kb, median, verdict } from "./stats";

const LOADS = 5;
const TARGET_KB = 250;
const MOONSHOT_KB = 150;

interface Timings {
  allRegistered?: number;
  firstResult?: number;
  value?: unknown;
  officeReady?: number;
  paneRendered?: number;
}

/** Appended to office.js: notes when Office.js's CustomFunctions registry holds every function,
 * then calls CHOKEPOINT.HHI as Excel would (once the page's scripts have run), and when the pane
 * shows its tabs. Times are performance.now(): milliseconds from navigation start. */
function probe(expected: number): string {
  return `;(function () {
  var out = (window.__startup = {});
  var registry = CustomFunctions._association;
  registry.onchange(function () {
    if (out.allRegistered !== undefined || Object.keys(registry.mappings).length < ${expected}) return;
    out.allRegistered = performance.now();
    setTimeout(function () {
      out.value = registry.mappings.HHI([[30], [30], [20], [20]]);
      out.firstResult = performance.now();
    }, 0);
  });
  Office.onReady(function () { out.officeReady = performance.now(); });
  new MutationObserver(function (_, observer) {
    if (document.querySelector('[role="tab"]')) { out.paneRendered = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
})();`;
}

export async function benchStartup(): Promise<void> {
  console.log("\nAdd-in start-up in headless Chromium (production build, Microsoft's Office.js served locally)");
  if (!chromiumAvailable()) return console.log(`  skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
  if (!officeJsAvailable()) return console.log(`  skipped: ${OFFICE_JS_DIR} is absent (npm ci installs @microsoft/office-js)`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-startup-"));
  const server = await serveDirectory(out);
  const browser = await launchChromium();
  try {
    await buildAddIn("production", out);
    const functions = (JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: unknown[] }).functions.length;
    const runs: Timings[] = [];
    let loaded: string[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const files: string[] = [];
      page.on("request", (r: Request) => {
        if (r.url().startsWith(server.base) && /\.(js|css)$/.test(r.url())) files.push(new URL(r.url()).pathname.slice(1));
      });
      await routeOffice(page, { kind: "microsoft", suffix: probe(functions) });
      await page.goto(`${server.base}/taskpane.html`);
      await page.waitForFunction(() => {
        const t = (window as unknown as { __startup?: Timings }).__startup;
        return t?.firstResult !== undefined && t.paneRendered !== undefined && t.officeReady !== undefined;
      }, undefined, { timeout: 30_000 });
      runs.push(await page.evaluate(() => (window as unknown as { __startup: Timings }).__startup));
      loaded = files;
      await context.close();
    }
    const at = (key: keyof Timings) => median(runs.map((r) => r[key] as number));
    console.log(`  ${functions} functions registered with Office.js:  ${at("allRegistered").toFixed(0).padStart(5)} ms after navigation (median of ${LOADS} loads)`);
    console.log(`  first CHOKEPOINT result (HHI = ${runs[0].value}):   ${at("firstResult").toFixed(0).padStart(5)} ms`);
    console.log(`  pane rendered (tabs shown):            ${at("paneRendered").toFixed(0).padStart(5)} ms`);
    console.log(`  Office.onReady (no host outside Office): ${at("officeReady").toFixed(0).padStart(3)} ms`);

    const size = (file: string) => {
      const bytes = fs.readFileSync(path.join(out, file));
      return { file, raw: bytes.length, gzip: gzipSize(bytes) };
    };
    const atStart = loaded.filter((f) => f.endsWith(".js")).map(size);
    const total = atStart.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
    console.log(`  JavaScript taskpane.html loads, its pane included (Office.js from the CDN not counted):`);
    for (const s of atStart) console.log(`    ${s.file.padEnd(24)} ${kb(s.raw).padStart(10)} raw  ${kb(s.gzip).padStart(9)} gzip`);
    console.log(
      `    ${"total".padEnd(24)} ${kb(total.raw).padStart(10)} raw  ${kb(total.gzip).padStart(9)} gzip  (target ≤ ${TARGET_KB} KB: ${verdict(total.gzip <= TARGET_KB * 1000)}; moonshot ≤ ${MOONSHOT_KB} KB: ${verdict(total.gzip <= MOONSHOT_KB * 1000)})`,
    );
    // The reference data's share of it, compressed on its own (in the bundle it is compressed with the code).
    const json = DATASETS.map((ds) => JSON.stringify(ds)).join("");
    const columnar = DATASETS.map((ds) => JSON.stringify(encodeDataset(ds) ?? ds)).join("");
    console.log(`    of which the ${DATASETS.length} datasets, columnar: ${kb(columnar.length)} raw, ${kb(gzipSize(columnar))} gzip (as JSON: ${kb(json.length)} raw, ${kb(gzipSize(json))} gzip)`);
    for (const s of loaded.filter((f) => f.endsWith(".css")).map(size)) {
      console.log(`    and the stylesheet ${s.file} (Fluent UI's styles, not script): ${kb(s.raw)} raw, ${kb(s.gzip)} gzip`);
    }
    const later = fs
      .readdirSync(out)
      .filter((f) => f.endsWith(".js") && !loaded.includes(f))
      .map(size);
    for (const s of later) console.log(`    on first use: ${s.file.padEnd(14)} ${kb(s.raw).padStart(10)} raw  ${kb(s.gzip).padStart(9)} gzip`);
    const office = fs.readFileSync(path.join(OFFICE_JS_DIR, "office.js"));
    console.log(`    (Office.js itself comes from Microsoft's CDN: office.js ${kb(office.length)} raw, ${kb(gzipSize(office))} gzip, then its host files)`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}
