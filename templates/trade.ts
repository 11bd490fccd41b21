import type { TemplateDefinition } from "./types";
export const trade: TemplateDefinition = { id: "trade", title: "Trade", description: "", version: "0.0.0", sheetName: "Trade", options: [], addTo() {} };
