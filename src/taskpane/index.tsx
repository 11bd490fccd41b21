/**
 * Task pane entry: waits for Office.onReady (or a timeout, so the page never hangs without
 * Office.js) and mounts the React app into #container.
 */
import { waitForOffice } from "./officeReady";
import { mountApp } from "./mount";

void waitForOffice().then((status) => {
  // Office.js arrived (or failed) after all: the "still loading" note of the page head is obsolete.
  document.getElementById("office-js-stalled")?.remove();
  const container = document.getElementById("container");
  if (container) mountApp(container, status);
});
