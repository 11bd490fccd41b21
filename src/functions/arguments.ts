/** Argument helpers that need more than the core knows (country aliases from the reference data). */
import type { MemberMatcher } from "../core/concentration";
import { labelsOf, MAX_TEXT_ARGUMENT } from "../core/coerce";
import { quote } from "../quote";
import { invalid } from "../errors";
import { findCountryOrCode, nearest } from "../data/countries";

/** Distinct labels a "did you mean" compares at most, whatever the size of the range (work stays bounded). */
export const SUGGESTION_CANDIDATES = 200;
/** Labels read for the country test of one call before the answers stop being remembered. */
const REMEMBERED_LABELS = 100_000;

/**
 * Whether a label names the member `exclude` names: the same text (case-insensitive) or the same
 * country ("China", "CHN", "CN", "PRC"; "Burma", "Myanmar"), so ranges labelled either way work.
 * `exclude` is resolved once; each distinct label is looked up once, however often it repeats.
 */
export function memberMatcher(exclude: string): MemberMatcher {
  const lower = exclude.toLowerCase();
  // Lower-casing keeps a text's length except for "İ" (one character, two in lower case): a label
  // of another length cannot be the same text, and is passed over without making a lower-case copy.
  const dottedI = exclude.includes("İ");
  const sameText = (label: string) => (label.length === exclude.length || dottedI || label.includes("İ")) && label.toLowerCase() === lower;
  const country = findCountryOrCode(exclude);
  if (country === null) return sameText;
  const known = new Map<string, boolean>();
  return (label) => {
    let same = known.get(label);
    if (same === undefined) {
      same = sameText(label) || findCountryOrCode(label)?.iso3 === country.iso3;
      if (known.size < REMEMBERED_LABELS) known.set(label, same);
    }
    return same;
  };
}

/**
 * The labels worth comparing with a mistyped `text`: distinct, of about its length (within half
 * of it, at least 3 characters), at most SUGGESTION_CANDIDATES of them; and, first, those among
 * the first SUGGESTION_CANDIDATES longer labels that contain it. One pass of length tests over the
 * range; only the capped sets are lower-cased or compared.
 */
export function suggestionCandidates(text: string, names: readonly string[]): string[] {
  const t = text.toLowerCase();
  const slack = Math.max(3, Math.ceil(t.length / 2));
  const similar = new Set<string>();
  const longer = new Set<string>();
  for (const n of names) {
    if (n === "" || n.length > MAX_TEXT_ARGUMENT) continue;
    if (Math.abs(n.length - t.length) <= slack) {
      if (similar.size < SUGGESTION_CANDIDATES) similar.add(n);
    } else if (n.length > t.length && t.length >= 3 && longer.size < SUGGESTION_CANDIDATES) {
      longer.add(n);
    }
    if (similar.size >= SUGGESTION_CANDIDATES && longer.size >= SUGGESTION_CANDIDATES) break;
  }
  const containing = [...longer].filter((n) => n.toLowerCase().includes(t));
  return [...containing, ...similar].slice(0, SUGGESTION_CANDIDATES);
}

/**
 * The member HHI.EXCLUDING leaves out. A known country absent from the labels is fine (its share is
 * zero), but text that is neither a label nor a country is a typo that would silently exclude
 * nothing: #VALUE! with the nearest labels.
 */
export function excludedMember(exclude: string, labels: unknown): string {
  if (findCountryOrCode(exclude) !== null) return exclude;
  const names = labelsOf(labels);
  const sameText = memberMatcher(exclude);
  if (names.some((n) => sameText(n, exclude))) return exclude;
  const suggestions = nearest(exclude, suggestionCandidates(exclude, names)).map((n) => quote(n));
  throw invalid(
    `exclude ${quote(exclude)} is not one of the labels nor a known country${suggestions.length > 0 ? `; did you mean ${suggestions.join(" or ")}?` : ""}`,
  );
}
