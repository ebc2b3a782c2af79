/**
 * Applying Prisma's migrations to a database file. Which ones exist (and their checksums) is the
 * API's one definition, packages/api/src/migrations.ts, re-exported here.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./paths.js";

export { type Migration, migrationsOnDisk } from "../packages/api/src/migrations.js";

const run = promisify(execFile);

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
