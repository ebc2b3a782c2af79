/**
 * The one PrismaClient, opened read-only on the SQLite database the seed builds.
 *
 * The API never creates, migrates or writes a database: `DATABASE_URL` must point at an existing
 * file built by `pnpm seed` (the root `start` script builds it first). `verifyDatabase()` checks
 * that before the server listens, and explains what to do when it is not so.
 */
import { accessSync, constants, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.js";

/** The repository root (this file lives in packages/api/src/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The database used when `DATABASE_URL` is not set. */
export const defaultDatabasePath = resolve(repoRoot, "data/fentrace.db");

/**
 * Turns a SQLite `DATABASE_URL` (`file:./data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`) into an
 * absolute path. Relative paths resolve against the repository root, not the working directory,
 * exactly as the seed loader resolves them, so both always mean the same file.
 */
export function databasePathFromUrl(url: string | undefined): string {
  if (!url) return defaultDatabasePath;
  if (!url.startsWith("file:")) {
    throw new DatabaseUnavailableError(`DATABASE_URL must be a SQLite "file:" URL, got "${url}".`);
  }
  const withoutQuery = url.split("?")[0] ?? url;
  const path = withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery.slice("file:".length);
  return isAbsolute(path) ? path : resolve(repoRoot, path);
}

/** A path as shown in messages: relative to the repository root when inside it. */
function displayPath(path: string): string {
  const fromRoot = relative(repoRoot, path);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? path : fromRoot;
}

/** Raised when the database is missing, unreadable or not a Fentrace database. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/** Absolute path of the database this process serves. */
export const databasePath = databasePathFromUrl(process.env.DATABASE_URL);

type QueryListener = (event: { query: string; params: string; duration: number }) => void;
const queryListeners = new Set<QueryListener>();

/**
 * Registers a listener called once for every SQL statement Prisma sends to SQLite (used by the
 * N+1 test to count statements). Returns a function that removes it.
 */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function createClient() {
  // `fileMustExist` stops better-sqlite3 from creating an empty file; `readonly` guarantees the
  // API never changes the data it serves.
  const adapter = new PrismaBetterSQLite3({ url: `file:${databasePath}`, readonly: true, fileMustExist: true });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    for (const listener of queryListeners) listener(event);
  });
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
 * Checks that the database exists, is readable and is a Fentrace database with data, and throws
 * a `DatabaseUnavailableError` that says what to do otherwise. Never creates or modifies a file.
 */
export async function verifyDatabase(): Promise<void> {
  const shown = displayPath(databasePath);
  const rebuild = "Build it with `npx -y pnpm@10 seed` (or start the API with `npx -y pnpm@10 start`, which builds it first).";
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
  const info = await prisma.datasetInfo.findUnique({ where: { id: 1 } });
  if (!info) {
    throw new DatabaseUnavailableError(`The database ${shown} has no DatasetInfo row: it was not fully built. ${rebuild}`);
  }
}
