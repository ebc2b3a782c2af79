import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "seed",
    include: ["test/**/*.test.ts"],
    // Builds the curated database once; packages that need it can list the same file.
    globalSetup: ["./test/global-setup.ts"],
    // Builds spawn `prisma migrate deploy`, which takes a couple of seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
