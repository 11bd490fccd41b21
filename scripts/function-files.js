// The custom-function family files: every .ts file in src/functions/families. Shared by webpack,
// the metadata contract test and the headless engine, so a new family needs no wiring.
const fs = require("fs");
const path = require("path");

const FAMILIES_DIR = path.resolve(__dirname, "../src/functions/families");

function functionFiles() {
  return fs
    .readdirSync(FAMILIES_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => path.join(FAMILIES_DIR, f));
}

module.exports = { FAMILIES_DIR, functionFiles };
