/**
 * A stand-in for the CustomFunctions global that Excel provides, for running the function adapters
 * outside Excel (headless engine, CLI, tests). Same error class shape and error codes as Office.js.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class StandInError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.name = "CustomFunctions.Error";
    this.code = code;
  }
}

/** Installs the stand-in unless a real CustomFunctions runtime is present. */
export function installCustomFunctionsStandIn(): void {
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  if (g.CustomFunctions) return;
  g.CustomFunctions = { Error: StandInError, ErrorCode, associate: () => undefined };
}
