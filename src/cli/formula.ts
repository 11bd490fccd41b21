/**
 * Why a formula given to `chokepoint eval` cannot be evaluated, in full and in a user's terms: the
 * limits Excel itself sets (8,192 characters, 64 levels of nesting) checked before the parser sees
 * the formula (a formula nested thousands deep would exhaust its stack), then unclosed text,
 * parentheses and braces found by a small scan, and whatever is left translated from the parser.
 */
import { quote } from "../quote";

/** Excel's limits (Microsoft's "Excel specifications and limits"): formula length and nesting. */
export const MAX_FORMULA_CHARACTERS = 8192;
export const MAX_NESTING = 64;

const EXAMPLE = "=CHOKEPOINT.HHI({30,30,20,20})";

/** Whether there is no formula at all (nothing, or only "="). */
export function isEmptyFormula(formula: string): boolean {
  const body = formula.trim();
  return body === "" || body === "=";
}

export const EMPTY_FORMULA = `the formula is empty; give one in quotes, e.g. chokepoint eval "${EXAMPLE}"`;

/** Character positions are 1-based and count the formula as given (with its "=" if it had one). */
interface Opening {
  char: "(" | "{";
  at: number;
}

/**
 * The first problem a scan of the formula's structure finds, or null. Text in double quotes and
 * sheet names in single quotes are skipped, as Excel skips them.
 */
export function structuralProblem(formula: string): string | null {
  const body = formula.trim();
  if (body.length > MAX_FORMULA_CHARACTERS) {
    return `the formula is ${body.length.toLocaleString("en-US")} characters long; Excel accepts at most ${MAX_FORMULA_CHARACTERS.toLocaleString("en-US")}`;
  }
  const offset = formula.indexOf(body) + 1;
  const open: Opening[] = [];
  let deepest = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    const at = i + offset;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      for (; j < body.length; j++) {
        if (body[j] === ch) {
          if (body[j + 1] === ch) j++; // a doubled quote stands for one
          else break;
        }
      }
      if (j >= body.length) {
        const what = ch === '"' ? "the text" : "the sheet name";
        const start = body.length - i > 20 ? `${body.slice(i, i + 19)}…` : body.slice(i);
        return `${what} that starts at character ${at} (${start}) has no closing ${ch === '"' ? 'double quote (")' : "single quote (')"}`;
      }
      i = j;
    } else if (ch === "(" || ch === "{") {
      open.push({ char: ch, at });
      deepest = Math.max(deepest, open.length);
      if (deepest > MAX_NESTING) return `the formula nests more than ${MAX_NESTING} levels of parentheses (at character ${at}); Excel allows at most ${MAX_NESTING}`;
    } else if (ch === ")" || ch === "}") {
      const last = open.pop();
      const name = ch === ")" ? "closing parenthesis )" : "closing brace }";
      if (!last) return `the ${name} at character ${at} has no opening ${ch === ")" ? "(" : "{"} before it`;
      if ((last.char === "(") !== (ch === ")")) {
        return last.char === "{"
          ? `the array constant opened with { at character ${last.at} is closed with ) at character ${at}; close it with }`
          : `the parenthesis opened at character ${last.at} is closed with } at character ${at}; close it with )`;
      }
    }
  }
  if (open.length > 0) {
    const last = open[open.length - 1];
    const missing = open.map((o) => (o.char === "(" ? ")" : "}")).reverse().join("");
    return `${open.length === 1 ? `the ${last.char === "(" ? "parenthesis" : "brace"} opened at character ${last.at} is` : `${open.length} parentheses or braces are`} not closed; the formula needs ${missing} at the end`;
  }
  return null;
}

/** Token names of the parser, as a user would call them. */
const TOKEN_WORDS: Record<string, string> = {
  RParen: "a closing parenthesis )",
  LParen: "an opening parenthesis (",
  ArrayRParen: "a closing brace } (array constants end with })",
  ArrayLParen: "an opening brace {",
  EOF: "the end of the formula",
};

/** What the parser found, as a user would call it. */
function found(text: string): string {
  if (text === "") return "the end of the formula";
  if (text === ";") return `";" (separate arguments with a comma, as Excel does in English)`;
  return quote(text, 20);
}

/**
 * The parser's message (HyperFormula's, several lines) as one sentence in a user's terms; the
 * parser's own words, on one line, when it is none of the usual ones.
 */
export function explainParserMessage(message: string): string {
  const m = message.replace(/^Parsing error\.\s*/, "").trim();
  let r = /^Expecting token of type --> (\w+) <-- but found --> '(.*)' <--$/s.exec(m);
  if (r) return `${TOKEN_WORDS[r[1]] ?? r[1]} is expected where the parser found ${found(r[2])}`;
  r = /^Expecting: one of these possible Token sequences:[\s\S]*but found: '(.*)'$/s.exec(m);
  if (r) {
    return r[1] === ""
      ? "the formula ends where a value is expected (after an operator, a comma or a colon, give a number, text in quotes, a reference or a function)"
      : `${found(r[1])} stands where a value is expected (a number, text in quotes, a reference or a function)`;
  }
  r = /^Redundant input, expecting EOF but found: (.*)$/s.exec(m);
  if (r) return `the formula is complete before ${found(r[1])}; remove what follows, or join it with an operator such as + or &`;
  r = /^unexpected character: ->(.)<- at offset: (\d+)/s.exec(m);
  if (r) {
    const hint = r[1] === "@" ? " (the @ operator is not supported here)" : r[1] === "#" ? " (an error value must be written in full, such as #N/A)" : "";
    return `character ${Number(r[2]) + 1}, ${quote(r[1])}, cannot stand there${hint}`;
  }
  return m.replace(/\s*\n\s*/g, "; ") || "the parser gave no reason";
}
