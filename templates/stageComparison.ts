import type { TemplateDefinition } from "./types";
export const stageComparison: TemplateDefinition = { id: "stageComparison", title: "Stage comparison", description: "", version: "0.0.0", sheetName: "Stage comparison", options: [], addTo() {} };
