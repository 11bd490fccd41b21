/**
 * How Excel stores a JavaScript custom function in a saved file: `_xldudf_` followed by the
 * namespace and the function name with every dot replaced by an underscore, e.g.
 * `CHOKEPOINT.VULN.COMPOUND(…)` is saved as `_xldudf_CHOKEPOINT_VULN_COMPOUND(…)`. When the add-in
 * registers its functions, Excel shows them under their real names again and calculates them.
 * docs/templates.md ("How formulas are stored") lists the evidence.
 *
 * The mapping is reversible because no CHOKEPOINT function name contains an underscore (a contract
 * test keeps it so). String literals and quoted sheet names are left alone.
 */
export const STORAGE_PREFIX = "_xldudf_";

const NAMESPACE = "CHOKEPOINT";

/** A string literal, a quoted sheet name, or neither (group 3: the text to rewrite). */
const SEGMENTS = /("(?:[^"]|"")*"?)|('(?:[^']|'')*'?)|([^"']+)/g;

function mapOutsideQuotes(formula: string, fn: (text: string) => string): string {
  return formula.replace(SEGMENTS, (match, str, sheet, text) => (text !== undefined ? fn(text) : match));
}

/** `CHOKEPOINT.VULN.COMPOUND` → `_xldudf_CHOKEPOINT_VULN_COMPOUND`. */
export function storageName(excelName: string): string {
  return `${STORAGE_PREFIX}${excelName.replace(/\./g, "_")}`;
}

/**
 * Functions newer than Excel 2007 that the templates use: Excel stores them with the `_xlfn.`
 * prefix (its "future functions"), and reads the bare name in a file as an unknown function.
 */
const FUTURE_FUNCTIONS = ["IFNA"];
const FUTURE = new RegExp(`(?<![A-Za-z0-9_.])(${FUTURE_FUNCTIONS.join("|")})(?=\\s*\\()`, "gi");

/** The formula with every CHOKEPOINT function call, and every newer Excel function, written as Excel stores it. */
export function toStorageForm(formula: string): string {
  return mapOutsideQuotes(formula, (text) =>
    text
      .replace(new RegExp(`(?<![A-Za-z0-9_.\\\\])${NAMESPACE}\\.([A-Za-z0-9.]+)(?=\\s*\\()`, "gi"), (_m, name: string) => storageName(`${NAMESPACE}.${name.toUpperCase()}`))
      .replace(FUTURE, (name: string) => `_xlfn.${name.toUpperCase()}`),
  );
}

/** The formula with every stored CHOKEPOINT call (`_xldudf_CHOKEPOINT_…(`) back under its name, and `_xlfn.` prefixes dropped. */
export function fromStorageForm(formula: string): string {
  const lower = formula.toLowerCase();
  if (!lower.includes(STORAGE_PREFIX) && !lower.includes("_xlfn.")) return formula;
  return mapOutsideQuotes(formula, (text) =>
    text.replace(/(?<![A-Za-z0-9_.])_xlfn\.(?=[A-Za-z])/gi, "").replace(new RegExp(`(?<![A-Za-z0-9_.\\\\])${STORAGE_PREFIX}${NAMESPACE}_([A-Za-z0-9_]+)(?=\\s*\\()`, "gi"), (_m, name: string) => `${NAMESPACE}.${name.replace(/_/g, ".").toUpperCase()}`),
  );
}
