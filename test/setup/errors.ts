/** The Excel error a custom function's adapter throws (CustomFunctions.Error: code and message); fails the test when it throws none. */
export function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error("expected an error");
}
