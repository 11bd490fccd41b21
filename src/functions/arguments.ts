/** Argument helpers that need more than the core knows (country aliases from the reference data). */
import type { MemberMatcher } from "../core/concentration";
import { labelsOf } from "../core/coerce";
import { invalid } from "../core/errors";
import { findCountryOrCode, nearest } from "../data/countries";

/**
 * A label names the excluded member when the two are the same text (case-insensitive) or name the
 * same country ("China", "CHN", "CN", "PRC"; "Burma", "Myanmar"), so ranges labelled either way work.
 */
export const countryAwareMatcher: MemberMatcher = (label, exclude) => {
  if (label.toLowerCase() === exclude.toLowerCase()) return true;
  const a = findCountryOrCode(label);
  return a !== null && a.iso3 === findCountryOrCode(exclude)?.iso3;
};

/**
 * The member HHI.EXCLUDING leaves out. A known country absent from the labels is fine (its share is
 * zero), but text that is neither a label nor a country is a typo that would silently exclude
 * nothing: #VALUE! with the nearest labels.
 */
export function excludedMember(exclude: string, labels: unknown): string {
  if (findCountryOrCode(exclude) !== null) return exclude;
  const names = labelsOf(labels).filter((n) => n !== "");
  if (names.some((n) => countryAwareMatcher(n, exclude))) return exclude;
  const suggestions = nearest(exclude, names).map((n) => `"${n}"`);
  throw invalid(
    `exclude "${exclude}" is not one of the labels nor a known country${suggestions.length > 0 ? `; did you mean ${suggestions.join(" or ")}?` : ""}`,
  );
}
