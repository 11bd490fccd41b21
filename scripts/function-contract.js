// The public contract of the custom functions: what saved workbooks bind to (ids, names, parameter
// order and types, result shape). Descriptions and help links may change; these may not.
const fs = require("fs");
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const { functionFiles } = require("./function-files");

const SNAPSHOT = path.resolve(__dirname, "../test/contract/functions.snapshot.json");

async function generateMetadata() {
  const result = await generateCustomFunctionsMetadata(functionFiles(), false);
  if (result.errors.length > 0) throw new Error(`custom function metadata errors:\n${result.errors.join("\n")}`);
  return JSON.parse(result.metadataJson);
}

function contractOf(metadata) {
  return metadata.functions
    .map((f) => ({
      id: f.id,
      name: f.name,
      parameters: f.parameters.map((p) => ({
        name: p.name,
        type: p.type,
        dimensionality: p.dimensionality || "scalar",
        optional: !!p.optional,
      })),
      result: { type: (f.result && f.result.type) || "any", dimensionality: (f.result && f.result.dimensionality) || "scalar" },
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function writeSnapshot() {
  const contract = contractOf(await generateMetadata());
  fs.writeFileSync(SNAPSHOT, `${JSON.stringify(contract, null, 2)}\n`);
  return contract.length;
}

module.exports = { SNAPSHOT, generateMetadata, contractOf, writeSnapshot };

if (require.main === module) {
  writeSnapshot().then((n) => console.log(`wrote ${n} functions to ${path.relative(process.cwd(), SNAPSHOT)}`));
}
