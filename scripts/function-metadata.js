// The custom functions' generated metadata: what functions.json says (ids, names, parameters,
// result shapes), from the family files' JSDoc by custom-functions-metadata (the generator the
// add-in's build uses), plus which export of which family file implements each id. The headless
// engine and the compiled command line read this instead of parsing TypeScript when they start.
//
// Kept in build/functions-metadata.json with a digest of the family files it was made from, so a
// reader can tell a stale copy: `node scripts/function-metadata.js` (re)writes it; jest's global
// setup and the command-line build do so before they run.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { functionFiles } = require("./function-files");

const ROOT = path.resolve(__dirname, "..");
const METADATA_FILE = path.join(ROOT, "build/functions-metadata.json");

/** SHA-256 of the family files' names and contents: the metadata's inputs. */
function sourcesDigest(files = functionFiles()) {
  const hash = crypto.createHash("sha256");
  for (const file of files) hash.update(`${path.relative(ROOT, file)}\0${fs.readFileSync(file, "utf8")}\0`);
  return hash.digest("hex");
}

/** The metadata from the sources: { digest, functions (functions.json's), associations }. */
async function generateFunctionMetadata() {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const files = functionFiles();
  const digest = sourcesDigest(files);
  const result = await generateCustomFunctionsMetadata(files, false);
  if (result.errors.length > 0) throw new Error(`custom function metadata errors:\n${result.errors.join("\n")}`);
  return {
    digest,
    functions: JSON.parse(result.metadataJson).functions,
    // file relative to the project root (forward slashes), so the record does not depend on the checkout's place.
    associations: result.associate.map((a) => ({ id: a.id, file: path.relative(ROOT, a.sourceFileName).split(path.sep).join("/"), functionName: a.functionName })),
  };
}

/** The metadata in build/, if it was made from the family files as they are now; otherwise null. */
function readFreshMetadata() {
  let metadata;
  try {
    metadata = JSON.parse(fs.readFileSync(METADATA_FILE, "utf8"));
  } catch {
    return null;
  }
  return metadata.digest === sourcesDigest() ? metadata : null;
}

/** Fresh metadata, regenerated and written to build/ when the copy there is missing or stale. */
async function ensureFunctionMetadata() {
  const fresh = readFreshMetadata();
  if (fresh) return fresh;
  const metadata = await generateFunctionMetadata();
  fs.mkdirSync(path.dirname(METADATA_FILE), { recursive: true });
  // Written whole and renamed into place, so a parallel reader never sees half a file.
  const partial = `${METADATA_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(partial, `${JSON.stringify(metadata, null, 1)}\n`);
  fs.renameSync(partial, METADATA_FILE);
  return metadata;
}

module.exports = { METADATA_FILE, ROOT, sourcesDigest, generateFunctionMetadata, readFreshMetadata, ensureFunctionMetadata };

if (require.main === module) {
  ensureFunctionMetadata().then(
    (m) => console.log(`${path.relative(process.cwd(), METADATA_FILE)}: ${m.functions.length} functions`),
    (e) => {
      console.error(e.message);
      process.exitCode = 1;
    },
  );
}
