/**
 * Typed errors shared by every layer (core, data, model, adapters). Adapters map them to Excel errors:
 * `invalid` → #VALUE! (the caller must fix an argument), `missing` → #N/A (the data is not there).
 * Only these two Excel errors carry a message, so no layer uses others.
 */
export type ChokepointErrorKind = "value" | "na";

export class ChokepointError extends Error {
  readonly kind: ChokepointErrorKind;
  constructor(kind: ChokepointErrorKind, message: string) {
    super(message);
    this.name = "ChokepointError";
    this.kind = kind;
  }
}

/** An argument is wrong: becomes #VALUE! with this message. */
export function invalid(message: string): ChokepointError {
  return new ChokepointError("value", message);
}

/** A value the caller asked for does not exist in the data: becomes #N/A with this message. */
export function missing(message: string): ChokepointError {
  return new ChokepointError("na", message);
}

export function isChokepointError(e: unknown): e is ChokepointError {
  return e instanceof ChokepointError;
}
