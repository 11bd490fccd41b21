import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { createCatalog } from "./catalog";
import { createLazyWorkbookService } from "./lazyWorkbookService";
import type { OfficeStatus } from "./officeReady";

export function mountApp(container: HTMLElement, status: OfficeStatus): void {
  const root = createRoot(container);
  const workbook = status.kind === "excel" ? createLazyWorkbookService() : null;
  const problem = status.kind === "excel" ? undefined : status.kind === "otherHost" ? `Chokepoint runs in Excel, not in ${status.host}.` : status.reason;
  root.render(<App catalog={createCatalog()} workbook={workbook} officeProblem={problem} />);
}
