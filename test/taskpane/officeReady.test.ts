/** The pane never waits forever for Office: absent, slow, other host and failing Office.js all resolve. */
import { waitForOffice } from "../../src/taskpane/officeReady";

const g = globalThis as { Office?: unknown; __officeJsFailed?: boolean };
afterEach(() => {
  delete g.Office;
  delete g.__officeJsFailed;
});

function fakeOffice(onReady: () => Promise<{ host: string | null }>) {
  g.Office = { HostType: { Excel: "Excel" }, onReady };
}

test("no Office.js: says so at once", async () => {
  await expect(waitForOffice(50)).resolves.toMatchObject({ kind: "noOffice", reason: expect.stringMatching(/did not load/) });
});

test("Office never ready: gives up after the timeout", async () => {
  fakeOffice(() => new Promise(() => undefined));
  const started = Date.now();
  await expect(waitForOffice(100)).resolves.toMatchObject({ kind: "noOffice", reason: expect.stringMatching(/did not report ready/) });
  expect(Date.now() - started).toBeLessThan(2000);
});

test("Excel: ready", async () => {
  fakeOffice(() => Promise.resolve({ host: "Excel" }));
  await expect(waitForOffice(1000)).resolves.toEqual({ kind: "excel" });
});

test("another host: named", async () => {
  fakeOffice(() => Promise.resolve({ host: "Word" }));
  await expect(waitForOffice(1000)).resolves.toMatchObject({ kind: "otherHost", host: "Word" });
});

test("Office.js failing to start: its error is shown", async () => {
  fakeOffice(() => Promise.reject(new Error("boom")));
  await expect(waitForOffice(1000)).resolves.toMatchObject({ kind: "noOffice", reason: expect.stringMatching(/boom/) });
});

test("Office.js refused by the CDN (the page's onerror flag): says the CDN could not be reached", async () => {
  g.__officeJsFailed = true;
  await expect(waitForOffice(50)).resolves.toMatchObject({ kind: "noOffice", reason: expect.stringMatching(/did not load: Microsoft's CDN could not be reached/) });
});
