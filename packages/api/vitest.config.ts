import { createRequire } from "node:module";
import { defineProject } from "vitest/config";

// Node loads graphql's CommonJS build for Pothos and Yoga; make the test files (transformed by
// vite, which would pick graphql's ESM build) use the same copy, or `instanceof` checks fail.
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    name: "api",
    include: ["test/**/*.test.ts"],
    // Builds the curated database once per run (shared with the seed project) and exposes it as
    // FENTRACE_TEST_DATABASE_URL; test/setup.ts points DATABASE_URL at it before db.ts loads.
    globalSetup: ["../../seed/test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
