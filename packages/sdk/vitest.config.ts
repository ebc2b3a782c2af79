import { createRequire } from "node:module";
import { defineProject } from "vitest/config";

// As in packages/api: the API's schema (imported by the tests, run by Node's graphql CommonJS
// build under Pothos and Yoga) and the test files must share one copy of graphql.
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    name: "sdk",
    include: ["test/**/*.test.ts"],
    // The curated database, built once per run and shared with the seed and api projects.
    globalSetup: ["../../seed/test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    // expectTypeOf assertions in test/*.test-d.ts, checked by tsc as part of the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./test/tsconfig.types.json" },
    // The test files share no state (each starts its own servers): load the API's modules once
    // per worker rather than once per file.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
