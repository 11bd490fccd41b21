/** Jest: TypeScript through ts-jest (transpile only; `npm run lint` type-checks). The global setup
 * brings the generated function metadata and the compiled command line up to date with the sources
 * first, so tests that start `node bin/chokepoint.js` run the current code. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }],
  },
  globalSetup: "<rootDir>/test/setup/globalSetup.js",
  setupFiles: ["<rootDir>/test/setup/customFunctions.ts"],
  testTimeout: 60000,
};
