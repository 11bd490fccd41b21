/** Detects whether Office.js loaded and the page runs inside Excel, without ever hanging. */
export type OfficeStatus =
  | { kind: "excel" }
  | { kind: "otherHost"; host: string }
  | { kind: "noOffice"; reason: string };

export const OFFICE_READY_TIMEOUT_MS = 8000;

export function waitForOffice(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<OfficeStatus> {
  const g = globalThis as { Office?: typeof Office; __officeJsFailed?: boolean };
  const office = g.Office;
  if (!office || typeof office.onReady !== "function") {
    // The page's <script onerror> sets the flag when the CDN refused or could not be reached.
    const why = g.__officeJsFailed ? "Office.js did not load: Microsoft's CDN could not be reached." : "Office.js did not load (no network, or the page was opened outside Office).";
    return Promise.resolve({ kind: "noOffice", reason: why });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ kind: "noOffice", reason: `Office did not report ready within ${Math.round(timeoutMs / 1000)} s. Open this page from Excel (Home > Add-ins > Chokepoint).` }),
      timeoutMs,
    );
    office
      .onReady()
      .then((info) => {
        clearTimeout(timer);
        if (info.host === office.HostType.Excel) resolve({ kind: "excel" });
        else if (info.host) resolve({ kind: "otherHost", host: String(info.host) });
        else resolve({ kind: "noOffice", reason: "Office.js loaded, but this page is not running inside an Office application." });
      })
      .catch((e: unknown) => {
        clearTimeout(timer);
        resolve({ kind: "noOffice", reason: `Office.js failed to start: ${e instanceof Error ? e.message : String(e)}` });
      });
  });
}
