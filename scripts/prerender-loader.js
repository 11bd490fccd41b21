// webpack loader: evaluates a module when the bundle is built and ships its exports as data.
// For modules whose value the page needs but whose code it need not carry (the pane's template list:
// src/taskpane/templateList.ts). The module and what it imports are bundled by esbuild and run in
// Node; every export must be JSON. Each file esbuild read becomes a dependency, so watch mode
// rebuilds when any of them changes.
const path = require("path");
const esbuild = require("esbuild");
const { createRequire } = require("module");

module.exports = function prerenderLoader() {
  const result = esbuild.buildSync({
    entryPoints: [this.resourcePath],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  for (const input of Object.keys(result.metafile.inputs)) this.addDependency(path.resolve(input));
  const module = { exports: {} };
  new Function("module", "exports", "require", result.outputFiles[0].text)(module, module.exports, createRequire(this.resourcePath));
  const lines = Object.entries(module.exports).map(([name, value]) => `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(value))});`);
  return `// Evaluated at build time from ${path.basename(this.resourcePath)} (scripts/prerender-loader.js).\n${lines.join("\n")}\n`;
};
