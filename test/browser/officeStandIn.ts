/**
 * Stand-in for Office.js in the browser test: served in place of Microsoft's CDN script, it
 * reports Excel as the host and runs Excel.run against the recording fake workbook, which the
 * test inspects through window.__fakeWorkbook.
 */
import { FakeWorkbook } from "../office/fakeExcel";

declare global {
  interface Window {
    __fakeWorkbook: FakeWorkbook;
  }
}

// A sheet name that is also HTML: the pane must show it as text (it would set window.__x if parsed).
const wb = new FakeWorkbook({ sheets: ["Sheet1", "<img src=x onerror=__x=1>"] });
wb.setCells("Sheet1", "A1", [["Analyst notes"], [42]]);
window.__fakeWorkbook = wb;

class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? "");
  }
}

const w = window as unknown as Record<string, unknown>;
w.Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  onReady: (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    callback?.(info);
    return Promise.resolve(info);
  },
  actions: { associate: () => undefined },
};
w.Excel = { run: (batch: (ctx: unknown) => Promise<unknown>) => wb.run(batch as never) };
w.CustomFunctions = {
  associate: () => undefined,
  Error: CustomFunctionError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
