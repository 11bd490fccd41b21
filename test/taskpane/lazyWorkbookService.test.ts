/** The pane's workbook service loads the Office adapter on first use, once, and again after a failed load. */
let loads = 0;
let failNext = false;
const calls: unknown[][] = [];

jest.mock("../../src/taskpane/officeWorkbookService", () => {
  loads++;
  if (failNext) {
    failNext = false;
    throw new Error("Loading chunk office-adapter failed");
  }
  return {
    createOfficeWorkbookService: () => ({
      insertBriefing: async (...args: unknown[]) => (calls.push(["insertBriefing", ...args]), { insertionId: "i1", sheets: ["Mining"] }),
      listSheets: async () => (calls.push(["listSheets"]), ["Sheet1"]),
    }),
  };
});

import { createLazyWorkbookService } from "../../src/taskpane/lazyWorkbookService";

beforeEach(() => {
  jest.resetModules();
  loads = 0;
  calls.length = 0;
});

test("nothing loads until the first call; then every call goes to the adapter, loaded once", async () => {
  const service = createLazyWorkbookService();
  expect(loads).toBe(0);
  const progress = () => undefined;
  await expect(service.insertBriefing("mining", { countries: ["USA"], stages: ["mining"], year: null }, progress)).resolves.toEqual({ insertionId: "i1", sheets: ["Mining"] });
  await expect(service.listSheets()).resolves.toEqual(["Sheet1"]);
  expect(loads).toBe(1);
  expect(calls).toEqual([["insertBriefing", "mining", { countries: ["USA"], stages: ["mining"], year: null }, progress], ["listSheets"]]);
});

test("a failed load says what to do, and the next click tries again", async () => {
  failNext = true;
  const service = createLazyWorkbookService();
  await expect(service.listSheets()).rejects.toThrow(/Office code could not be loaded \(Loading chunk office-adapter failed\)\. Check the network connection and try again\./);
  await expect(service.listSheets()).resolves.toEqual(["Sheet1"]);
  expect(loads).toBe(2);
});
