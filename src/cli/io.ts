/** What a CLI command writes to, so commands can be tested without a process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** A mistake in how the command was called: exit status 2 with the usage text. */
export class UsageError extends Error {}
