/** The typed errors now live in src/errors.ts, a module every layer may use; this re-export keeps existing imports working. */
export * from "../errors";
