/**
 * The schema version: Prisma's migrations (prisma/migrations) by name, with the checksum Prisma
 * records for each (SHA-256 of its migration.sql).
 *
 * The running API never reads prisma/migrations: db.ts checks a database against the manifest
 * `pnpm generate` writes from it (packages/api/generated/migrations.json, committed;
 * `generate:check` and test/generated-manifests.test.ts fail when the two differ). This module
 * reads the directory: for that generator, the seed (which applies the migrations) and the test.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "./paths.js";

/** A migration directory and the checksum Prisma records for it (SHA-256 of migration.sql). */
export interface Migration {
  name: string;
  checksum: string;
}

/** Where Prisma's migrations live (read by the seed and the generator, never by the running API). */
export const migrationsDir = resolve(repoRoot, "prisma/migrations");

/** The migrations in `dir` (default prisma/migrations), in the order Prisma applies them. */
export function migrationsOnDisk(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(join(dir, name, "migration.sql")))
        .digest("hex"),
    }));
}
