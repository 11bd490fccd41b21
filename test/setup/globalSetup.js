// Before any test file runs: regenerate the functions' metadata and rebuild the compiled command line
// if a source changed since they were made (about a second; nothing when they are fresh), so the
// engine and CLI tests always run the code as it is now, never a stale build.
const { ensureFunctionMetadata } = require("../../scripts/function-metadata");
const { ensureCli } = require("../../scripts/build-cli");

module.exports = async () => {
  await ensureFunctionMetadata();
  await ensureCli();
};
