/** Argument helpers that need more than the core knows (country aliases from the reference data). */
import type { MemberMatcher } from "../core/concentration";

/** Labels match the excluded member case-insensitively. Country aliases are added with the data layer. */
export const countryAwareMatcher: MemberMatcher = (label, exclude) => label.toLowerCase() === exclude.toLowerCase();
