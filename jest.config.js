/** Jest: TypeScript through ts-jest (transpile only; `npm run lint` type-checks). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }],
  },
  setupFiles: ["<rootDir>/test/setup/customFunctions.ts"],
  testTimeout: 60000,
};
