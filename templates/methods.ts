import type { TemplateDefinition } from "./types";
export const methods: TemplateDefinition = { id: "methods", title: "Methods", description: "", version: "0.0.0", sheetName: "Methods", options: [], addTo() {} };
