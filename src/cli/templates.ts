/** `chokepoint templates`: lists the briefing templates with their options and defaults. */
import { TEMPLATES } from "../../templates";
import { CliIO, processIO, UsageError } from "./io";

export const USAGE = "chokepoint templates                  list the briefing templates and their options";

export function run(args: string[], io: CliIO = processIO): number {
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
  const lines: string[] = [];
  for (const t of TEMPLATES) {
    lines.push(`${t.id.padEnd(18)} ${t.title} (v${t.version}, sheet "${t.sheetName}")`);
    lines.push(`${"".padEnd(18)} ${t.description}`);
    for (const o of t.options) lines.push(`${"".padEnd(18)}   --${o.name} (default ${formatDefault(o.default)}): ${o.description}`);
  }
  lines.push(`${"all".padEnd(18)} Every template above in one workbook, with one Sources sheet (the default of chokepoint brief)`);
  io.out(lines.join("\n"));
  return 0;
}

function formatDefault(v: unknown): string {
  if (v === null) return "latest with data";
  return Array.isArray(v) ? v.join(",") : String(v);
}
