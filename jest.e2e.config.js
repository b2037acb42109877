/**
 * `npm run test:e2e`: the end-to-end suite through the real Pulumi CLI and its Node.js language
 * host (`npm run cli:install` builds them into .tools/pulumi/bin), programs in their own project
 * folders with the package installed from `npm pack` (globalSetup packs and installs it once per
 * tested version). Plain `npm test` does not run it (jest.config.js ignores test/e2e). The example
 * tests run here too, through the CLI only, from their own folders (DISKOPS_E2E, see setup-env).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts", "<rootDir>/test/examples/{nightly-reset,golden-image-waves}.test.ts"],
  globalSetup: "<rootDir>/test/e2e/support/global-setup.ts",
  setupFiles: ["<rootDir>/test/e2e/support/setup-env.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "test/tsconfig.json" }] },
  // A CLI run takes seconds (Go binary start, plugin start, two program runs for `up`).
  testTimeout: 180000,
  maxWorkers: 1,
};
