/**
 * How a message quotes what a user typed or what a cell holds. Every layer may use it (core, data,
 * model, adapters); it imports nothing.
 */

/** How many characters of an input a message quotes at most; longer text is cut with "…" and its length given. */
export const QUOTED_CHARACTERS = 60;

/**
 * Text from an input as a message quotes it: in double quotes, cut to QUOTED_CHARACTERS with its
 * length when longer (a cell may hold 32,767 characters; the message must stay readable).
 */
export function quote(text: string, limit = QUOTED_CHARACTERS): string {
  if (text.length <= limit) return `"${text}"`;
  return `"${text.slice(0, limit - 1)}…" (${text.length.toLocaleString("en-US")} characters)`;
}
