/**
 * Who the model measures: a country, or the EU27 as one importer. Concentration "inside your own
 * territory is not a chokepoint for you" (DESIGN.md 1.1, statement 5), so for the EU every member
 * state's share counts as its own.
 */
import { invalid } from "../errors";
import { resolveCountry } from "../data";

export interface Importer {
  /** ISO3 code, or EU27. */
  code: string;
  name: string;
  union: boolean;
  /** Keys of its own territory: itself, and for the EU its member states. */
  isOwn(key: string): boolean;
}

export function importerOf(text: string): Importer {
  const c = resolveCountry(text);
  if (c.kind !== "country" && c.kind !== "union") {
    throw invalid(`country "${text}" is ${c.name}, not a country; give an ISO3 code, a country name or "EU"`);
  }
  const own = new Set([c.iso3, ...(c.members ?? [])]);
  return { code: c.iso3, name: c.name, union: c.kind === "union", isOwn: (key) => own.has(key) };
}
