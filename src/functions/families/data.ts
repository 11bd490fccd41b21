/* Reference-data functions. Each body: coerce, call the data layer, map errors (run). */
import { isBlank, optionalText, requiredNumber, requiredText, scalarOf } from "../../core/coerce";
import { catalogue, citation, lookupText, series, worldShare } from "../../data";
import { run } from "../adapter";

function optionalYear(arg: unknown, name: string): number | null {
  return isBlank(scalarOf(arg)) ? null : requiredNumber(arg, name, { integer: true, min: 1800, max: 2100 });
}

/**
 * One value from a reference dataset, with its source's own edition rules.
 * @customfunction DATA DATA
 * @helpurl https://localhost:3000/docs/functions.html#chokepointdata
 * @param dataset Dataset id, e.g. "usgs_mcs_mine_production" (CHOKEPOINT.DATASETS() lists them).
 * @param key A country (name, alias or ISO3 code), or for framework_paper a figure id, or an HS code, company or item id.
 * @param [year] Data year; blank = the latest year with a value (or the undated value).
 * @param [field] Field name (default: the dataset's main value), "edition", "flags", "note", or "field@edition" such as "production@MCS 2024".
 * @returns The value as printed by the source; #N/A with a message where the source gives none.
 */
export function DATA(dataset: any, key: any, year?: any, field?: any): any {
  return run("DATA", () =>
    lookupText(requiredText(dataset, "dataset"), requiredText(key, "key"), optionalYear(year, "year"), optionalText(field, "field")),
  );
}

/**
 * A dataset's values as a table with a header row, ready to chart.
 * @customfunction SERIES SERIES
 * @helpurl https://localhost:3000/docs/functions.html#chokepointseries
 * @param dataset Dataset id.
 * @param [country] A country or key: its years as rows. Blank: one column per country (or one row per record).
 * @param [fromYear] First year to include.
 * @param [toYear] Last year to include.
 * @returns A spilled table; missing values are blank cells.
 */
export function SERIES(dataset: any, country?: any, fromYear?: any, toYear?: any): any[][] {
  return run("SERIES", () =>
    series(requiredText(dataset, "dataset"), optionalText(country, "country"), optionalYear(fromYear, "fromYear"), optionalYear(toYear, "toYear")),
  );
}

/**
 * A country's share of the world total, using the source's own world total from the same edition.
 * @customfunction SHARE SHARE
 * @helpurl https://localhost:3000/docs/functions.html#chokepointshare
 * @param dataset Dataset id, e.g. "usgs_mcs_mine_production" or "bgs_mine_production".
 * @param country A country name, alias or ISO3 code.
 * @param year Data year.
 * @returns A share between 0 and 1; #N/A where the source gives no world total for that year and edition.
 */
export function SHARE(dataset: any, country: any, year: any): number {
  return run("SHARE", () => {
    const y = requiredNumber(year, "year", { integer: true, min: 1800, max: 2100 });
    return worldShare(requiredText(dataset, "dataset"), requiredText(country, "country"), y).share;
  });
}

/**
 * A one-line citation for a dataset: publisher, title, year, URL, retrieval route and licence.
 * @customfunction SOURCE SOURCE
 * @helpurl https://localhost:3000/docs/functions.html#chokepointsource
 * @param dataset Dataset id.
 * @returns The citation.
 */
export function SOURCE(dataset: any): string {
  return run("SOURCE", () => citation(requiredText(dataset, "dataset")));
}

/**
 * The catalogue of reference datasets: id, title, publisher, units, coverage.
 * @customfunction DATASETS DATASETS
 * @helpurl https://localhost:3000/docs/functions.html#chokepointdatasets
 * @returns A spilled table with a header row.
 */
export function DATASETS(): any[][] {
  return run("DATASETS", () => catalogue());
}
