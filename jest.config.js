/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The end-to-end suite needs the real Pulumi CLI: `npm run test:e2e` (jest.e2e.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "test/tsconfig.json" }] },
  testTimeout: 60000,
  // The emulator, provider processes and gRPC servers are real; two cores, so keep workers modest.
  maxWorkers: 2,
  // The ten slowest test files, printed at the end (where the suite's time goes).
  reporters: ["default", "<rootDir>/test/support/slowest-files-reporter.js"],
};
