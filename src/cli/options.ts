/** Command-line option values read as a user writes them, with messages in the user's terms. */
import { quote } from "../quote";
import { MINING_FROM_YEAR } from "../../templates/mining";
import { UsageError } from "./io";

/** The years an option may name: the reference data's span could not be wider. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** `--year`: four decimal digits (not 0x7E7, 2023.0 or 2e3), within FIRST_YEAR–LAST_YEAR. */
export function yearOption(text: string): number {
  const t = text.trim();
  if (!/^[0-9]{4}$/.test(t)) throw new UsageError(`--year: ${quote(text, 20)} is not a year; give four digits, e.g. --year 2023`);
  const year = Number(t);
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new UsageError(`--year: ${year} is outside the years any of the reference data covers; give a year from ${FIRST_YEAR} to ${LAST_YEAR}`);
  return year;
}

/** The Mining sheet shows production from MINING_FROM_YEAR to the year asked for: an earlier year leaves it nothing to show. */
export function checkYearForTemplate(template: string, year: number | null | undefined): void {
  if (year === null || year === undefined || year >= MINING_FROM_YEAR) return;
  if (template !== "all" && template !== "mining") return;
  throw new UsageError(
    `--year ${year} is before the Mining sheet's production series, which start in ${MINING_FROM_YEAR}; give ${MINING_FROM_YEAR} or later, or leave --year out for the latest data`,
  );
}
