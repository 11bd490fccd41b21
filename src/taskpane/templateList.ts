/**
 * The briefing templates as the pane lists them: id, title, description, options. In the add-in's
 * bundle this module is evaluated when the bundle is built (scripts/prerender-loader.js), so the page
 * ships this list as data, and the templates' code arrives with the Office adapter when the analyst
 * first inserts a briefing. Run as it is here in tests and tools.
 */
import { TEMPLATES } from "../../templates";
import type { TemplateInfo } from "./services";

export const TEMPLATE_LIST: TemplateInfo[] = TEMPLATES.map((t) => ({
  id: t.id,
  title: t.title,
  description: t.description,
  options: t.options.map((o) => ({ name: o.name, description: o.description })),
}));
