import { defineConfig } from "vitest/config";

// One vitest run for the whole repository: the seed loader, every package and the benchmark
// scripts' own tests. A package without its own vitest.config.ts runs with the defaults.
export default defineConfig({
  test: {
    projects: ["seed", "packages/*", "bench"],
  },
});
