/**
 * Run by `pnpm start` before the API: builds the database when it is missing or stale, and
 * otherwise leaves it alone.
 *
 * Staleness is decided exactly rather than by modification times: the database records the
 * dataset version it was built from (a hash of seed/data) and Prisma records the checksum of
 * every migration it applied, so both are compared with what is on disk now.
 */
import { existsSync } from "node:fs";
import { buildDatabase } from "./build-database.js";
import { isMainModule, runCommand } from "./cli.js";
import { seedVersion } from "./data-files.js";
import { openDatabase } from "./database.js";
import { migrationsOnDisk } from "./migrations.js";
import { databasePathFromUrl, displayPath, seedDataDir } from "./paths.js";

export type DatabaseStatus = { upToDate: true; version: string } | { upToDate: false; reason: string };

/** Whether the database at `target` was built from the current seed data and migrations. */
export async function databaseStatus(target: string, seedDir: string = seedDataDir): Promise<DatabaseStatus> {
  if (!existsSync(target)) return { upToDate: false, reason: "it does not exist" };
  const version = seedVersion(seedDir);
  const client = openDatabase(target, { readonly: true });
  try {
    const info = await client.datasetInfo.findUnique({ where: { id: 1 } });
    if (!info) return { upToDate: false, reason: "it holds no dataset info" };
    if (info.version !== version) {
      return { upToDate: false, reason: `it holds dataset version ${info.version}, the seed data is version ${version}` };
    }
    const applied = await client.$queryRawUnsafe<{ name: string; checksum: string }[]>(
      "SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    const onDisk = migrationsOnDisk();
    const same = applied.length === onDisk.length && onDisk.every((m, i) => applied[i]?.name === m.name && applied[i]?.checksum === m.checksum);
    if (!same) return { upToDate: false, reason: "its migrations differ from prisma/migrations" };
    return { upToDate: true, version };
  } catch (error) {
    // Prisma's messages start with the call that failed and end with the cause; keep the cause.
    const cause = (error as Error).message.split("\n").map((line) => line.trim()).filter(Boolean).at(-1);
    return { upToDate: false, reason: `it cannot be read (${cause})` };
  } finally {
    await client.$disconnect();
  }
}

if (isMainModule(import.meta.url)) {
  runCommand(async () => {
    const target = databasePathFromUrl(process.env.DATABASE_URL);
    const status = await databaseStatus(target);
    if (status.upToDate) {
      console.error(`[seed] database up to date (version ${status.version})`);
      return 0;
    }
    console.error(`[seed] building ${displayPath(target)}: ${status.reason}`);
    await buildDatabase({ target });
    return 0;
  });
}
