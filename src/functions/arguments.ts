/** Argument helpers that need more than the core knows (country aliases from the reference data). */
import type { MemberMatcher } from "../core/concentration";
import { labelsOf } from "../core/coerce";
import { invalid } from "../core/errors";
import { Country, countryByIso2, findCountry, nearest } from "../data/countries";

// Eurostat's two-letter codes that differ from ISO 3166: Greece and the United Kingdom.
const EUROSTAT_CODES: Record<string, string> = { EL: "GR", UK: "GB" };

/**
 * The country a label or `exclude` names: a name, alias or alpha-3 code, or an alpha-2 code typed
 * in capitals ("CN", "DE", Eurostat's "EL"). Only here: as a general name "NA" or "IN" would read
 * as words or markers, but a range of labels in capitals is a code column (Comtrade, Eurostat).
 */
function countryOfLabel(text: string): Country | null {
  const byName = findCountry(text);
  if (byName) return byName;
  const code = text.trim();
  return /^[A-Z]{2}$/.test(code) ? countryByIso2(EUROSTAT_CODES[code] ?? code) : null;
}

/**
 * A label names the excluded member when the two are the same text (case-insensitive) or name the
 * same country ("China", "CHN", "CN", "PRC"; "Burma", "Myanmar"), so ranges labelled either way work.
 */
export const countryAwareMatcher: MemberMatcher = (label, exclude) => {
  if (label.toLowerCase() === exclude.toLowerCase()) return true;
  const a = countryOfLabel(label);
  return a !== null && a.iso3 === countryOfLabel(exclude)?.iso3;
};

/**
 * The member HHI.EXCLUDING leaves out. A known country absent from the labels is fine (its share is
 * zero), but text that is neither a label nor a country is a typo that would silently exclude
 * nothing: #VALUE! with the nearest labels.
 */
export function excludedMember(exclude: string, labels: unknown): string {
  if (countryOfLabel(exclude) !== null) return exclude;
  const names = labelsOf(labels).filter((n) => n !== "");
  if (names.some((n) => countryAwareMatcher(n, exclude))) return exclude;
  const suggestions = nearest(exclude, names).map((n) => `"${n}"`);
  throw invalid(
    `exclude "${exclude}" is not one of the labels nor a known country${suggestions.length > 0 ? `; did you mean ${suggestions.join(" or ")}?` : ""}`,
  );
}
