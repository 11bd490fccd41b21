import type { TemplateDefinition } from "./types";
export const magnets: TemplateDefinition = { id: "magnets", title: "Magnets and technology", description: "", version: "0.0.0", sheetName: "Magnets and technology", options: [], addTo() {} };
