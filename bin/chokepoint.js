#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx chokepoint …` works in a clone without a build.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
