import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "web",
    include: ["test/**/*.test.ts"],
    // The browser test serves the curated test database: build it once, like the API's tests.
    globalSetup: ["../../seed/test/global-setup.ts"],
    // The browser test builds the page and starts the API before launching Chromium.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
