/**
 * What the browser test and the start-up benchmark share: Debian's Chromium through playwright-core,
 * a local server for a built dist/, and the Office.js CDN address answered locally, with Microsoft's
 * own library from the @microsoft/office-js package, a stand-in, or nothing (production pages still
 * load Office.js from the CDN; only the test and the bench intercept it).
 */
import fs from "fs";
import http from "http";
import path from "path";
import type { AddressInfo } from "net";
import type { Browser, Page, Route } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
/** Where taskpane.html loads Office.js from. */
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** Microsoft's Office.js files, as published on npm (the same files as the CDN's /lib/1/hosted/). */
export const OFFICE_JS_DIR = path.resolve(__dirname, "../../node_modules/@microsoft/office-js/dist");

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export function officeJsAvailable(): boolean {
  return fs.existsSync(path.join(OFFICE_JS_DIR, "office.js"));
}

export async function launchChromium(): Promise<Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png" };

/** Serves `dir` on 127.0.0.1 (uncompressed, no caching headers); `base` has no trailing slash. */
export async function serveDirectory(dir: string): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent((req.url ?? "/").split("?")[0]));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OfficeJs =
  /** Microsoft's library from @microsoft/office-js; `suffix` is appended to office.js (the bench's probe). */
  | { kind: "microsoft"; suffix?: string }
  /** A script of the test's own served as office.js. */
  | { kind: "stand-in"; script: string }
  /** The CDN refuses (404). */
  | { kind: "absent" };

/** Blocks every request that would leave the machine, and answers the Office.js CDN locally. */
export async function routeOffice(page: Page, office: OfficeJs): Promise<void> {
  // Registered first: later routes take precedence.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route: Route) => route.abort());
  await page.route(`${OFFICE_CDN}**`, (route: Route) => {
    if (office.kind === "absent") return route.fulfill({ status: 404, body: "" });
    if (office.kind === "stand-in") return route.fulfill({ status: 200, contentType: "text/javascript", body: office.script });
    // office.js loads its other files (strings, host scripts) from beside itself.
    const name = new URL(route.request().url()).pathname.slice(new URL(OFFICE_CDN).pathname.length);
    const file = path.join(OFFICE_JS_DIR, name);
    if (!file.startsWith(OFFICE_JS_DIR) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
    const body = fs.readFileSync(file, "utf8") + (name === "office.js" && office.suffix ? `\n${office.suffix}` : "");
    return route.fulfill({ status: 200, contentType: "text/javascript", body });
  });
}
