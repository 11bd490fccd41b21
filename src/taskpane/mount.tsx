import { createRoot } from "react-dom/client";
import type { OfficeStatus } from "./officeReady";

export function mountApp(container: HTMLElement, status: OfficeStatus): void {
  const root = createRoot(container);
  root.render(<p>{status.kind === "excel" ? "Chokepoint is loading its panes…" : "Office.js is not available: the task pane needs Excel."}</p>);
}
