/**
 * The one PrismaClient, opened read-only on the SQLite database the seed builds.
 *
 * The API never creates, migrates or writes a database: `DATABASE_URL` must point at an existing
 * file built by `pnpm seed` (the root `start` script builds it first). `verifyDatabase()` checks
 * that before the server listens, and explains what to do when it is not so; it also proves the
 * file undamaged (integrity.ts), and `readiness()` keeps answering /readyz with what it found.
 */
import cluster from "node:cluster";
import { accessSync, constants, statSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import migrationsManifest from "../generated/migrations.json" with { type: "json" };
import { PrismaClient } from "./generated/prisma/client.js";
import { checkIntegrity, describeFailures, type IntegrityReport } from "./integrity.js";
import { withLikeEscape } from "./literal-like.js";
import type { Migration } from "./migrations.js";
import { DatabaseUnavailableError, databasePathFromUrl, displayPath } from "./paths.js";

// Where the repository's files are and how DATABASE_URL maps to a file: paths.ts (the seed uses it too).
export { DatabaseUnavailableError, databasePathFromUrl, defaultDatabasePath, repoRoot } from "./paths.js";

/** Absolute path of the database this process serves. */
export const databasePath = databasePathFromUrl(process.env.DATABASE_URL);

/** Whether `onQuery` listeners are called: under vitest, or with LOG_LEVEL=debug or trace. */
const queryEventsEnabled = Boolean(process.env.VITEST) || /^(debug|trace)$/i.test(process.env.LOG_LEVEL ?? "");

type QueryListener = (event: { query: string; params: string; duration: number }) => void;
const queryListeners = new Set<QueryListener>();

/**
 * Registers a listener called once for every SQL statement Prisma sends to SQLite (used by the
 * N+1 test to count statements; only under vitest or at LOG_LEVEL debug/trace). Returns a
 * function that removes it.
 */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

/** Whether statement listeners are called (see `onQuery`): the typed read path checks it too. */
export const queryEventsWanted = queryEventsEnabled;

/** Tells the `onQuery` listeners of a statement run outside Prisma (the typed read path, data/). */
export function emitQueryEvent(event: { query: string; params: string; duration: number }): void {
  for (const listener of queryListeners) listener(event);
}

function createClient() {
  // `fileMustExist` stops better-sqlite3 from creating an empty file; `readonly` guarantees the
  // API never changes the data it serves.
  // withLikeEscape: every LIKE gets an ESCAPE clause, so StringFilter's contains/startsWith match
  // `%` and `_` literally (literal-like.ts).
  const adapter = withLikeEscape(
    new PrismaBetterSQLite3({ url: `file:${databasePath}`, readonly: true, fileMustExist: true }),
  );
  // Query events cost time on every statement: only emit them where something listens (the
  // tests' statement counts, debug logging).
  if (!queryEventsEnabled) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", emitQueryEvent);
  return client;
}

/** The one PrismaClient of the process. It connects lazily, on the first query. */
export const prisma = createClient();

/** Tables every Fentrace database has (the Prisma models plus the FTS5 search index). */
const requiredTables = [
  "Document",
  "Evidence",
  "Figure",
  "Metric",
  "Claim",
  "Organisation",
  "Person",
  "Place",
  "Quote",
  "DatasetInfo",
  "SearchIndex",
] as const;

/**
 * Checks that the database exists, is readable, is a Fentrace database of the schema version this
 * API expects and holds data; returns its dataset version. Throws a `DatabaseUnavailableError`
 * that says what to do otherwise. Never creates or modifies a file.
 */
export async function verifyDatabase(): Promise<string> {
  const shown = displayPath(databasePath);
  const rebuild =
    "Build it with `npx -y pnpm@10 seed` (or start the API with `npx -y pnpm@10 start`, which builds it first).";
  try {
    accessSync(databasePath, constants.R_OK);
  } catch {
    throw new DatabaseUnavailableError(`The database ${shown} does not exist or cannot be read. ${rebuild}`);
  }
  if (!statSync(databasePath).isFile() || statSync(databasePath).size === 0) {
    throw new DatabaseUnavailableError(`The database ${shown} is empty or not a file. ${rebuild}`);
  }
  let tables: string[];
  try {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')",
    );
    tables = rows.map((row) => row.name);
  } catch (error) {
    throw new DatabaseUnavailableError(
      `The file ${shown} could not be opened as an SQLite database (${(error as Error).message}). ${rebuild}`,
    );
  }
  const missing = requiredTables.filter((table) => !tables.includes(table));
  if (missing.length > 0) {
    throw new DatabaseUnavailableError(
      `The file ${shown} is not a Fentrace database (missing tables: ${missing.join(", ")}). ${rebuild}`,
    );
  }
  await verifySchemaVersion(shown, tables.includes("_prisma_migrations"), rebuild);
  const info = await prisma.datasetInfo.findUnique({ where: { id: 1 } });
  if (!info) {
    throw new DatabaseUnavailableError(
      `The database ${shown} has no DatasetInfo row: it was not fully built. ${rebuild}`,
    );
  }
  const integrity = await databaseIntegrity();
  if (!integrity.ok) {
    throw new DatabaseUnavailableError(`The database ${shown} is damaged: ${describeFailures(integrity)}. ${rebuild}`);
  }
  return info.version;
}

/**
 * Set by the cluster primary for the workers it forks, once it has checked the database itself:
 * each worker (and each replacement of a worker that died) would otherwise read the whole file again.
 */
export const INTEGRITY_CHECKED_BY_PRIMARY = "FENTRACE_INTEGRITY_CHECKED_BY_PRIMARY";

let integrityReport: Promise<IntegrityReport> | undefined;

/**
 * The integrity checks of the database served (integrity.ts), run once per process: by
 * `verifyDatabase()` at start, or by the first /readyz when the app is used without server.ts.
 */
export function databaseIntegrity(): Promise<IntegrityReport> {
  integrityReport ??= Promise.resolve().then(() =>
    cluster.isWorker && process.env[INTEGRITY_CHECKED_BY_PRIMARY] === "1"
      ? {
          ok: true,
          failures: [],
          milliseconds: { "SQLite quick_check": 0, "search index": 0, "content hash": 0, total: 0 },
        }
      : checkIntegrity(databasePath),
  );
  return integrityReport;
}

/**
 * What /readyz checks: that the integrity checks passed, and that the database still answers a
 * query and a search (the search reads the full-text index, which no other query touches).
 * Resolves with the dataset version; rejects with the reason otherwise.
 */
export async function readiness(): Promise<string> {
  const integrity = await databaseIntegrity();
  if (!integrity.ok) throw new Error(`the database is damaged: ${describeFailures(integrity)}`);
  const rows = await prisma.$queryRawUnsafe<{ version: string }[]>(
    `SELECT "version" FROM "DatasetInfo" WHERE "id" = 1`,
  );
  const found = rows[0]?.version;
  if (!found) throw new Error("the database holds no dataset info");
  await prisma.$queryRawUnsafe(`SELECT rowid FROM "SearchIndex" WHERE "SearchIndex" MATCH 'fentrace' LIMIT 1`);
  return found;
}

/**
 * The migrations this API is built for, with the checksums Prisma records: the manifest
 * `pnpm generate` writes from prisma/migrations (generated/migrations.json; see migrations.ts).
 */
export function expectedMigrations(): Migration[] {
  return migrationsManifest.migrations.map(({ name, checksum }) => ({ name, checksum }));
}

/**
 * Checks that the database was built with exactly the migrations this API expects (same names,
 * same checksums), so a database from an older or newer schema is refused with a clear message
 * rather than failing on the first query that touches a changed table.
 */
async function verifySchemaVersion(shown: string, hasMigrationTable: boolean, rebuild: string): Promise<void> {
  if (!hasMigrationTable) {
    throw new DatabaseUnavailableError(
      `The database ${shown} records no schema version (no _prisma_migrations table). ${rebuild}`,
    );
  }
  const applied = await prisma.$queryRawUnsafe<{ name: string; checksum: string }[]>(
    "SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
  );
  const expected = expectedMigrations();
  const appliedByName = new Map(applied.map((migration) => [migration.name, migration.checksum]));
  const expectedNames = new Set(expected.map((migration) => migration.name));
  const missing = expected.filter((migration) => !appliedByName.has(migration.name)).map((migration) => migration.name);
  const unknown = applied.filter((migration) => !expectedNames.has(migration.name)).map((migration) => migration.name);
  const changed = expected
    .filter(
      (migration) => appliedByName.has(migration.name) && appliedByName.get(migration.name) !== migration.checksum,
    )
    .map((migration) => migration.name);
  if (missing.length + unknown.length + changed.length === 0) return;
  const details = [
    missing.length ? `missing migrations ${missing.join(", ")}` : "",
    unknown.length ? `migrations this API does not know: ${unknown.join(", ")}` : "",
    changed.length ? `migrations that differ from prisma/migrations: ${changed.join(", ")}` : "",
  ].filter(Boolean);
  throw new DatabaseUnavailableError(
    `The database ${shown} was built for another schema version (${details.join("; ")}). ${rebuild}`,
  );
}

let versionPromise: Promise<string> | undefined;

/** The dataset version (DatasetInfo.version) of the database served, read once. */
export function datasetVersion(): Promise<string> {
  versionPromise ??= prisma.datasetInfo
    .findUniqueOrThrow({ where: { id: 1 }, select: { version: true } })
    .then((row) => row.version);
  versionPromise.catch(() => {
    versionPromise = undefined; // try again next time
  });
  return versionPromise;
}
