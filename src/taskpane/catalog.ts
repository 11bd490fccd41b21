/** The catalogue the pane shows: briefing templates (templates/) and reference datasets (src/data). Pure. */
import { TEMPLATE_LIST } from "./templateList";
import { COUNTRIES, getDataset, listDatasets } from "../data";
import { datasetTable } from "../workbook/office/datasetPlan";
import { ALL_TEMPLATES_ID, type CatalogService, type DatasetInfo, type TemplateInfo } from "./services";

export { ALL_TEMPLATES_ID };

export function createCatalog(): CatalogService {
  return {
    templates(): TemplateInfo[] {
      return [
        {
          id: ALL_TEMPLATES_ID,
          title: "Whole briefing",
          description: "Every template below in one go, ending with the Sources sheet.",
          options: [
            { name: "countries, stages, year", description: "as for each template" },
            // buildPlan("all") hands the same options to every template; Mining, History and the model's mining inputs read the source.
            { name: "source", description: "mine-production source for the Mining and History sheets and the model's mining inputs" },
          ],
        },
        ...TEMPLATE_LIST,
      ];
    },
    datasets(): DatasetInfo[] {
      return listDatasets().map((m) => ({
        id: m.id,
        title: m.title,
        publisher: m.publisher,
        licence: m.licence,
        units: m.units,
        coverage: m.coverage.summary,
        sourceUrl: m.sourceUrl,
        notes: m.gaps,
        rows: getDataset(m.id).rows.length,
      }));
    },
    preview(datasetId, n) {
      return datasetTable(getDataset(datasetId), n);
    },
    countries() {
      return COUNTRIES.map((c) => ({ iso3: c.iso3, name: c.name }));
    },
    sources() {
      return listDatasets()
        .filter((m) => /mine_production/.test(m.id))
        .map((m) => ({ id: m.id, title: `${m.publisher}: ${m.title}` }));
    },
  };
}
