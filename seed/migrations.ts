/** Applying Prisma's migrations to a database file, and knowing which ones exist. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { migrationsDir, repoRoot } from "./paths.js";

const run = promisify(execFile);

/** A migration directory and the checksum Prisma records for it (SHA-256 of migration.sql). */
export interface Migration {
  name: string;
  checksum: string;
}

/** The migrations in prisma/migrations, in the order Prisma applies them. */
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

/**
 * Runs `prisma migrate deploy` against the SQLite file at `path` (created if missing). The local
 * CLI is spawned from the repository root so that it finds prisma.config.ts; update checks and
 * telemetry are turned off because the machine may be offline.
 */
export async function applyMigrations(path: string): Promise<void> {
  const prisma = join(repoRoot, "node_modules/.bin/prisma");
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path}`,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  try {
    await run(prisma, ["migrate", "deploy"], { cwd: repoRoot, env });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed for ${path}:\n${stdout}${stderr}`.trimEnd());
  }
}
