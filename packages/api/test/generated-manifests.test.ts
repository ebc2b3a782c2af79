/**
 * packages/api/generated/ matches its sources (also checked by the root `generate:check`): the
 * migrations and the schema documentation the running API uses instead of reading prisma/.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { manifests } from "../scripts/manifests.js";
import { expectedMigrations } from "../src/db.js";
import { migrationsOnDisk } from "../src/migrations.js";
import { repoRoot } from "../src/paths.js";
import { parsePrismaDocs } from "../src/prisma-doc-comments.js";
import { prismaDocs } from "../src/prisma-docs.js";

describe("packages/api/generated (run `npx -y pnpm@10 generate` when this fails)", () => {
  it("is what the generator writes from prisma/migrations and prisma/schema.prisma", () => {
    for (const [path, text] of manifests()) expect(readFileSync(path, "utf8"), path).toBe(text);
  });

  it("gives db.ts the migrations of prisma/migrations, names and checksums", () => {
    expect(expectedMigrations()).toEqual(migrationsOnDisk());
    expect(expectedMigrations().length).toBeGreaterThan(0);
  });

  it("gives prisma-docs.ts the documentation of prisma/schema.prisma", () => {
    expect(prismaDocs).toEqual(parsePrismaDocs(readFileSync(`${repoRoot}/prisma/schema.prisma`, "utf8")));
    expect(prismaDocs.types.size).toBeGreaterThan(0);
  });
});
