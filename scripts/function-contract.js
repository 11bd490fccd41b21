// The public contract of the custom functions: what saved workbooks bind to (ids, names, parameter
// order and types, result shape). Descriptions and help links may change; these may not.
const fs = require("fs");
const path = require("path");
const { generateFunctionMetadata } = require("./function-metadata");

const SNAPSHOT = path.resolve(__dirname, "../test/contract/functions.snapshot.json");

/** functions.json's content, freshly generated from the JSDoc (never a cached copy). */
async function generateMetadata() {
  return { functions: (await generateFunctionMetadata()).functions };
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
