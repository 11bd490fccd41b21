/**
 * The `chokepoint` command. Each subcommand is a module exporting `run(args, io)` returning the exit
 * status (0 ok, 1 failure, 2 usage error), `USAGE`, one line of help, and optionally `HELP`, the
 * longer text `chokepoint <command> --help` (or `-h`) prints.
 */
import { CliIO, processIO, UsageError } from "./io";
import * as evalCommand from "./eval";

interface Command {
  USAGE: string;
  HELP?: string;
  run(args: string[], io: CliIO): number | Promise<number>;
}

/** Subcommands by name; add a line here for a new one. Lazy, so `eval` does not load the templates. */
const COMMANDS: Record<string, () => Command> = {
  eval: () => evalCommand,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  brief: () => require("./brief") as Command,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  templates: () => require("./templates") as Command,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  datasets: () => require("./datasets") as Command,
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((load) => `  ${load().USAGE}`);
  return ["usage:", ...lines].join("\n");
}

function help(command: Command): string {
  return command.HELP ?? `usage: ${command.USAGE}`;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === "help" && args[0] !== undefined && COMMANDS[args[0]]) {
    io.out(help(COMMANDS[args[0]]()));
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`chokepoint: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(help(load()));
    return 0;
  }
  try {
    return await load().run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`chokepoint ${name}: ${e.message}\nusage: ${load().USAGE}`);
      return 2;
    }
    io.err(`chokepoint ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
