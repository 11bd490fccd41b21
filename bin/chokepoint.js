#!/usr/bin/env node
// Runs the compiled command line, build/cli/chokepoint.js, which `npm ci` builds (the prepare script).
// When a source changed after that build, it is rebuilt first (under a second), so the command always
// runs the code as it is now.
const { OUT_FILE, buildCli, cliIsFresh } = require("../scripts/build-cli.js");

async function start() {
  if (!cliIsFresh()) {
    try {
      await buildCli();
    } catch (e) {
      throw new Error(`the command line could not be built (${e.message}); run npm ci in the project folder`);
    }
  }
  const { main } = require(OUT_FILE);
  return main(process.argv.slice(2));
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`chokepoint: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
