/**
 * Task pane entry: waits for Office.onReady (or a timeout, so the page never hangs without
 * Office.js) and mounts the React app into #container.
 */
import { waitForOffice } from "./officeReady";
import { mountApp } from "./mount";

void waitForOffice().then((status) => {
  const container = document.getElementById("container");
  if (container) mountApp(container, status);
});
