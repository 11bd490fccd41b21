import type { TemplateDefinition } from "./types";
export const scenarios: TemplateDefinition = { id: "scenarios", title: "Scenarios", description: "", version: "0.0.0", sheetName: "Scenarios", options: [], addTo() {} };
