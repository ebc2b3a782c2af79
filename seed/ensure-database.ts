/**
 * Run by `pnpm start` before the API: builds the database when it is missing or stale, and
 * otherwise leaves it alone.
 *
 * Staleness is decided exactly rather than by modification times: the database records the
 * dataset version it was built from (a hash of seed/data) and Prisma records the checksum of
 * every migration it applied, so both are compared with what is on disk now.
 *
 * Only a missing file or a provable Fentrace database is ever (re)built: `DATABASE_URL` may name
 * another application's database or any other file by mistake, and that is refused (exit 1) with
 * what the file is and what to do, the file left byte for byte as it was (seed/database-file.ts).
 */
import { buildDatabase } from "./build-database.js";
import { isMainModule, runCommand } from "./cli.js";
import { seedVersion } from "./data-files.js";
import { DatabaseFileRefusedError, identifyDatabaseFile } from "./database-file.js";
import { migrationsOnDisk } from "./migrations.js";
import { databasePathFromUrl, displayPath, seedDataDir } from "./paths.js";

export type DatabaseStatus =
  /** Built from the current seed data and migrations: kept. */
  | { state: "up-to-date"; version: string }
  /** Missing, or an older Fentrace database: (re)built. */
  | { state: "stale"; reason: string }
  /** Not a Fentrace database: never replaced. `description` finishes "it is …". */
  | { state: "foreign"; description: string };

/** Whether the database at `target` was built from the current seed data and migrations, and may be replaced if not. */
export function databaseStatus(target: string, seedDir: string = seedDataDir): DatabaseStatus {
  const onDisk = migrationsOnDisk();
  const found = identifyDatabaseFile(target, onDisk);
  if (found.kind === "missing") return { state: "stale", reason: "it does not exist" };
  if (found.kind === "other") return { state: "foreign", description: found.description };
  const version = seedVersion(seedDir);
  if (found.version !== version) {
    return { state: "stale", reason: `it holds dataset version ${found.version}, the seed data is version ${version}` };
  }
  const applied = found.migrations;
  const same =
    applied.length === onDisk.length &&
    onDisk.every((m, i) => applied[i]?.name === m.name && applied[i]?.checksum === m.checksum);
  if (!same) return { state: "stale", reason: "its migrations differ from prisma/migrations" };
  return { state: "up-to-date", version };
}

if (isMainModule(import.meta.url)) {
  runCommand(async () => {
    const target = databasePathFromUrl(process.env.DATABASE_URL);
    const status = databaseStatus(target);
    if (status.state === "foreign") throw new DatabaseFileRefusedError(target, status.description);
    if (status.state === "up-to-date") {
      console.error(`[seed] database up to date (version ${status.version})`);
      return 0;
    }
    console.error(`[seed] building ${displayPath(target)}: ${status.reason}`);
    await buildDatabase({ target });
    return 0;
  });
}
