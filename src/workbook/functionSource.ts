/**
 * Where the headless engine finds the CHOKEPOINT functions: their generated metadata (the entries
 * of functions.json, made from the JSDoc by scripts/function-metadata.js) and the exported adapter
 * behind each id.
 *
 * This file serves the sources (tests, tsx scripts): it reads build/functions-metadata.json,
 * regenerating it first when the family files have changed since it was written, and requires the
 * family files. The compiled command line replaces this module when it is bundled
 * (scripts/build-cli.js) by one that holds the same metadata and imports the families statically,
 * so nothing is parsed or looked up at start-up.
 */
import { execFileSync } from "child_process";
import path from "path";

export interface MetadataFunction {
  id: string;
  name: string;
  parameters: Array<{ name: string; optional?: boolean; dimensionality?: string }>;
  result?: { dimensionality?: string };
}

export type Implementation = (...args: unknown[]) => unknown;

export interface FunctionSource {
  functions: MetadataFunction[];
  /** The adapter behind a metadata id; undefined when no family file exports one. */
  implementation(id: string): Implementation | undefined;
}

interface MetadataRecord {
  functions: MetadataFunction[];
  associations: Array<{ id: string; file: string; functionName: string }>;
}

const ROOT = path.resolve(__dirname, "../..");
const GENERATOR = path.join(ROOT, "scripts/function-metadata.js");

export function loadFunctionSource(): FunctionSource {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readFreshMetadata } = require(GENERATOR) as { readFreshMetadata: () => MetadataRecord | null };
  let metadata = readFreshMetadata();
  if (!metadata) {
    // The family files changed (or nothing was generated yet): regenerate, as the build would.
    execFileSync(process.execPath, [GENERATOR], { stdio: ["ignore", "ignore", "inherit"] });
    metadata = readFreshMetadata();
    if (!metadata) throw new Error(`${path.relative(process.cwd(), GENERATOR)} did not write fresh function metadata`);
  }
  const byId = new Map(metadata.associations.map((a) => [a.id, a]));
  return {
    functions: metadata.functions,
    implementation(id) {
      const found = byId.get(id);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return found ? (require(path.join(ROOT, found.file)) as Record<string, Implementation>)[found.functionName] : undefined;
    },
  };
}
