/**
 * The contract every CHOKEPOINT custom function keeps, whatever Excel passes it: it returns a
 * finite number, text, TRUE/FALSE, or a rectangular array of those (a cell of a spill may be blank
 * or a #VALUE!/#N/A with a message), or it throws #VALUE! or #N/A with a message that names the
 * function, says something, prints no JSON or JavaScript internals and quotes at most 80
 * characters of any input. Returns what is wrong, or null.
 */

/** Quoting more than this many consecutive characters of an input breaks the contract. */
export const MAX_QUOTED_RUN = 80;

/** Length of the longest run of `input` found in `message`, looked for only when it could exceed MAX_QUOTED_RUN. */
export function longestQuotedRun(message: string, input: string): number {
  if (input.length <= MAX_QUOTED_RUN) return 0;
  // Any common run of more than 80 characters contains one of these 41-character windows (stride 40).
  let longest = 0;
  for (let j = 0; j + 41 <= input.length; j += 40) {
    const window = input.slice(j, j + 41);
    for (let at = message.indexOf(window); at >= 0; at = message.indexOf(window, at + 1)) {
      let left = 0;
      while (at - left > 0 && j - left > 0 && message[at - left - 1] === input[j - left - 1]) left++;
      let right = 41;
      while (at + right < message.length && j + right < input.length && message[at + right] === input[j + right]) right++;
      longest = Math.max(longest, left + right);
    }
  }
  return longest;
}

/** Every text in the arguments (cells of ranges included). */
export function textsOf(args: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  args.forEach(walk);
  return out;
}

/** JavaScript showing through a message ("undefined" only where it stands for a value: "reliance is undefined" is English). */
const INTERNALS = /\[object |\bis (object|function|symbol)\b|\{"\w+":|\b(got|of|as) undefined\b|: undefined\b|\(undefined\)|\bNaN\b|\bInfinity\b|\bnull\b|Maximum call stack|is not a function|Cannot read prop/;

/** The message with every input text (whole, trimmed, or cut as a message quotes it) taken out, so that only our words are checked. */
function ownWords(message: string, texts: string[]): string {
  let out = message;
  for (const t of [...texts].sort((a, b) => b.length - a.length)) {
    for (const part of [t, t.trim(), t.slice(0, 59), t.trim().slice(0, 59), t.slice(0, 23), t.trim().slice(0, 23)]) {
      if (part.length >= 2) out = out.split(part).join("‹input›");
    }
  }
  return out;
}

function messageProblem(name: string, e: unknown, texts: string[]): string | null {
  const err = e as { code?: unknown; message?: unknown };
  if (err === null || typeof err !== "object") return `threw ${String(e)}, not an Excel error`;
  if (err.code !== "#VALUE!" && err.code !== "#N/A") return `threw ${String(err.code ?? e)}; only #VALUE! and #N/A carry a message`;
  if (typeof err.message !== "string") return "an error without a message";
  const message = err.message;
  if (!message.startsWith(`${name}: `)) return `message does not start with "${name}: ": ${message.slice(0, 200)}`;
  if (message.length - name.length - 2 < 10) return `message says nothing: ${message}`;
  if (message.includes("unexpected failure")) return `an exception escaped the core: ${message.slice(0, 300)}`;
  const internal = INTERNALS.exec(ownWords(message, texts));
  if (internal) return `message shows "${internal[0]}": ${message.slice(0, 300)}`;
  for (const t of texts) {
    const run = longestQuotedRun(message, t);
    if (run > MAX_QUOTED_RUN) return `message quotes ${run} characters of an input (at most ${MAX_QUOTED_RUN}): ${message.slice(0, 300)}`;
  }
  return null;
}

function cellProblem(name: string, v: unknown, texts: string[]): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : `a spilled cell is ${v}`;
  if (typeof v === "string" || typeof v === "boolean") return null;
  if (v instanceof Error) return messageProblem(name, v, texts);
  return `a spilled cell is ${v === null ? "null" : typeof v}`;
}

/** What a call returned, checked; null when it keeps the contract. */
export function resultProblem(name: string, result: unknown, texts: string[]): string | null {
  if (typeof result === "number") return Number.isFinite(result) ? null : `returned ${result}`;
  if (typeof result === "string" || typeof result === "boolean") return null;
  if (!Array.isArray(result)) return `returned ${result === null ? "null" : typeof result}`;
  if (result.length === 0) return "returned an empty array";
  const width = Array.isArray(result[0]) ? (result[0] as unknown[]).length : -1;
  if (width < 1) return "returned an array whose first row is not a non-empty array";
  for (const row of result) {
    if (!Array.isArray(row) || row.length !== width) return `returned a ragged array (rows of ${width} and ${Array.isArray(row) ? row.length : "not a row"})`;
    for (const v of row) {
      const p = cellProblem(name, v, texts);
      if (p) return p;
    }
  }
  return null;
}

/** What a call threw, checked; null when it keeps the contract. */
export function thrownProblem(name: string, e: unknown, texts: string[]): string | null {
  return messageProblem(name, e, texts);
}

export interface Outcomes {
  calls: number;
  values: number;
  arrays: number;
  errors: number;
}

/** Calls `impl` with `args` and checks the contract; counts the outcome. */
export function callAndCheck(name: string, impl: (...a: unknown[]) => unknown, args: unknown[], outcomes: Outcomes): string | null {
  const texts = textsOf(args);
  outcomes.calls++;
  let result: unknown;
  try {
    result = impl(...args);
  } catch (e) {
    outcomes.errors++;
    return thrownProblem(name, e, texts);
  }
  if (Array.isArray(result)) outcomes.arrays++;
  else outcomes.values++;
  return resultProblem(name, result, texts);
}
