/** Argument helpers that need more than the core knows (country aliases from the reference data). */
import type { MemberMatcher } from "../core/concentration";
import { findCountry } from "../data/countries";

/**
 * A label names the excluded member when the two are the same text (case-insensitive) or name the
 * same country ("China", "CHN", "PRC"; "Burma", "Myanmar"), so ranges labelled either way work.
 */
export const countryAwareMatcher: MemberMatcher = (label, exclude) => {
  if (label.toLowerCase() === exclude.toLowerCase()) return true;
  const a = findCountry(label);
  return a !== null && a.iso3 === findCountry(exclude)?.iso3;
};
