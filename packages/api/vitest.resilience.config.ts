import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// `pnpm test:resilience` (not part of `pnpm test`): fuzzing, a minute of load at saturation and a
// SIGTERM under load, each against a real server process on 127.0.0.1. Files run one at a time
// so that they do not compete for the two cores.
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    name: "api-resilience",
    include: ["test/resilience/**/*.resilience.ts"],
    globalSetup: ["../../seed/test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    reporters: ["verbose"],
  },
});
