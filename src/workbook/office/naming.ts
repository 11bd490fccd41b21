/**
 * Collision-free names for what an insert adds, and the formula rewriting that follows a rename.
 * Pure: no Office. Excel compares sheet names and defined names case-insensitively.
 */
import { quoteSheet } from "../a1";

export const MAX_SHEET_NAME = 31;
const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Excel's rules for a tab name: ≤31 characters, none of []:*?/\, no leading or trailing apostrophe. */
export function cleanSheetName(name: string): string {
  const cleaned = name.replace(BAD_SHEET_CHARS, " ").replace(/^'+|'+$/g, "").trim();
  return (cleaned || "Sheet").slice(0, MAX_SHEET_NAME);
}

/** `wanted`, or "wanted (2)", "wanted (3)"… — the first that no sheet in `taken` uses. */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = cleanSheetName(wanted);
  if (!used.has(base.toLowerCase()) && base.toLowerCase() !== "history") return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * `base` followed by `suffix`, unique among `taken`: the base is shortened first, so the suffix
 * always survives the 31-character limit ("…long name (shared)", then "…long name (2) (shared)").
 */
export function uniqueSuffixedSheetName(base: string, suffix: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const cleanBase = cleanSheetName(base);
  const cleanSuffix = cleanSheetName(suffix.trim());
  for (let i = 1; ; i++) {
    const tail = `${i === 1 ? "" : ` (${i})`} ${cleanSuffix}`;
    const candidate = `${cleanBase.slice(0, MAX_SHEET_NAME - tail.length).trimEnd()}${tail}`;
    if (!used.has(candidate.toLowerCase()) && candidate.toLowerCase() !== "history") return candidate;
  }
}

/** `wanted`, or "wanted_2", "wanted_3"… — defined names and table names share one namespace. */
export function uniqueDefinedName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted}_${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

export interface Renames {
  /** Plan sheet name → name actually used (only entries that changed matter). */
  sheets: Map<string, string>;
  /** Plan defined name → name actually used. */
  names: Map<string, string>;
}

const IDENT_START = /[A-Za-z_\\]/;
const IDENT_CHAR = /[A-Za-z0-9_.\\]/;

function lookup(map: Map<string, string>, key: string): string | undefined {
  for (const [k, v] of map) if (k.toLowerCase() === key.toLowerCase()) return v;
  return undefined;
}

/**
 * Rewrites a formula after sheets or defined names were renamed: references to a renamed defined
 * name and sheet-qualified references ('Old name'!A1, Old!A1) follow the rename. String literals,
 * function names and structured references are left as they are.
 */
export function rewriteFormula(formula: string, renames: Renames): string {
  if (!formula.startsWith("=")) return formula;
  let out = "";
  let i = 0;
  const s = formula;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"') {
      // string literal, "" escapes a quote
      let j = i + 1;
      while (j < s.length) {
        if (s[j] === '"' && s[j + 1] === '"') j += 2;
        else if (s[j] === '"') break;
        else j++;
      }
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < s.length) {
        if (s[j] === "'" && s[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (s[j] === "'") break;
        else name += s[j++];
      }
      const renamed = s[j + 1] === "!" ? lookup(renames.sheets, name) : undefined;
      out += renamed !== undefined ? quoteSheet(renamed) : s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      const j = s.indexOf("]", i);
      const end = j < 0 ? s.length : j + 1;
      out += s.slice(i, end);
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch) && !IDENT_CHAR.test(s[i - 1] ?? "")) {
      let j = i;
      while (j < s.length && /[0-9.Ee]/.test(s[j])) {
        if ((s[j] === "E" || s[j] === "e") && /[+-]/.test(s[j + 1] ?? "")) j++;
        j++;
      }
      out += s.slice(i, j);
      i = j;
      continue;
    }
    if (IDENT_START.test(ch) && !(s[i - 1] === "$")) {
      let j = i;
      while (j < s.length && IDENT_CHAR.test(s[j])) j++;
      const word = s.slice(i, j);
      const next = s[j];
      const prev = s[i - 1];
      let replacement: string | undefined;
      if (next === "!") replacement = lookup(renames.sheets, word) !== undefined ? quoteSheet(lookup(renames.sheets, word)!) : undefined;
      else if (next !== "(" && prev !== "!") replacement = lookup(renames.names, word);
      out += replacement ?? word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** True when the formula calls a CHOKEPOINT function (outside string literals). */
export function callsChokepoint(formula: string): boolean {
  return /(^|[^A-Za-z0-9_."])CHOKEPOINT\.[A-Za-z0-9_.]+\s*\(/i.test(stripStrings(formula));
}

/** The formula with string literals emptied, for scanning references. */
export function stripStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/** Identifiers used as references (not functions, not sheet prefixes) in a formula. */
export function referencedIdentifiers(formula: string): string[] {
  const seen = new Set<string>();
  const re = /(^|[^A-Za-z0-9_.\\$!'])([A-Za-z_\\][A-Za-z0-9_.\\]*)(?![A-Za-z0-9_.\\]*[(!])/g;
  const text = stripStrings(formula).replace(/'(?:[^']|'')*'!/g, "");
  for (let m = re.exec(text); m; m = re.exec(text)) seen.add(m[2]);
  return [...seen];
}

/** True when the formula refers outside its own sheet: another sheet, or one of `definedNames`. */
export function refersOutsideSheet(formula: string, definedNames: Iterable<string>): boolean {
  const text = stripStrings(formula);
  if (/!/.test(text)) return true;
  const names = new Set([...definedNames].map((n) => n.toLowerCase()));
  return referencedIdentifiers(formula).some((id) => names.has(id.toLowerCase()));
}
