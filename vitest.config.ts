import { defineConfig } from "vitest/config";

// One vitest run for the whole repository: the seed loader and every package. A package without
// its own vitest.config.ts runs with the defaults.
export default defineConfig({
  test: {
    projects: ["seed", "packages/*"],
  },
});
