// webpack loader for the generated datasets (src/data/generated/*.json): ships each one in its
// columnar form (src/data/columnar.ts), rebuilt when the bundle loads, so the add-in carries under a
// fifth of the JSON's bytes (under half of its gzip size). The committed JSON stays the source of
// truth; a dataset the form cannot restore exactly is shipped as it is, with a build warning.
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const CODEC = path.resolve(__dirname, "../src/data/columnar.ts");

/** The codec's encoder, compiled from the same TypeScript the bundle decodes with (it imports nothing). */
function loadEncoder() {
  const { outputText } = ts.transpileModule(fs.readFileSync(CODEC, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  const module = { exports: {} };
  new Function("module", "exports", outputText)(module, module.exports);
  return module.exports.encodeDataset;
}

/** A JS string literal holding `value` as JSON, for JSON.parse (faster to load than an object literal). */
const jsonLiteral = (value) => JSON.stringify(JSON.stringify(value));

module.exports = function datasetLoader(source) {
  this.addDependency(CODEC);
  const dataset = JSON.parse(source);
  const encoded = loadEncoder()(dataset);
  if (!encoded) {
    this.emitWarning(new Error(`${path.basename(this.resourcePath)}: not in the columnar form (its rows differ in shape); shipped as JSON`));
    return `export default JSON.parse(${JSON.stringify(source)});\n`;
  }
  return `import { decodeDataset } from ${JSON.stringify(CODEC)};\nexport default decodeDataset(JSON.parse(${jsonLiteral(encoded)}));\n`;
};
