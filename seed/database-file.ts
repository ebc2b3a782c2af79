/**
 * What a database path holds, told apart before the seed replaces it.
 *
 * `DATABASE_URL` may name any file by mistake: another application's database, someone's notes, a
 * directory. The seed replaces only a missing file or one that is provably a Fentrace database
 * (its `_prisma_migrations` table lists Fentrace migrations and its `DatasetInfo` row records a
 * dataset version); anything else is described to the user and left exactly as it is.
 */
import { closeSync, lstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import Database from "better-sqlite3";
import { type Migration, migrationsOnDisk } from "./migrations.js";
import { displayPath } from "./paths.js";

export type DatabaseFile =
  | { kind: "missing" }
  /** A Fentrace database: the dataset version it holds and the migrations applied to it. */
  | { kind: "fentrace"; version: string; migrations: Migration[] }
  /** Anything else, described as "it is …" would finish the sentence. */
  | { kind: "other"; description: string };

/** Thrown instead of replacing a file that is not a Fentrace database; its message says what to do. */
export class DatabaseFileRefusedError extends Error {
  constructor(
    readonly path: string,
    readonly description: string,
  ) {
    super(
      `refusing to replace ${displayPath(path)}: it is ${description}. The seed only creates a missing database or replaces ` +
        "an older Fentrace database: choose another DATABASE_URL, or delete or move the file if it is not needed.",
    );
    this.name = "DatabaseFileRefusedError";
  }
}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
/** How much of a non-SQLite file is looked at to tell text from binary data. */
const SNIFF_BYTES = 64 * 1024;
/** Tables listed in a description of another application's database, at most. */
const LISTED_TABLES = 8;

function statOrUndefined(stat: (path: string) => Stats, path: string): Stats | undefined {
  try {
    return stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function notARegularFile(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe, not a file";
  if (stats.isSocket()) return "a socket, not a file";
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return "a device, not a file";
  return "not a regular file";
}

function firstBytes(path: string, count: number): Buffer {
  const buffer = Buffer.alloc(count);
  const fd = openSync(path, "r");
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}

/** "a text file" when the start of the file is UTF-8 text without control characters, else "binary data". */
function kindOfContent(bytes: Buffer, wholeFile: boolean): string {
  // A multi-byte character may be cut at the end of a partial read: drop an incomplete tail.
  const end = wholeFile ? bytes.length : Math.max(0, bytes.length - 3);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    // Text files hold tabs, newlines and form feeds, but no other control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
    return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? "binary data" : "a text file";
  } catch {
    return "binary data";
  }
}

function listTables(names: string[]): string {
  const shown = names.slice(0, LISTED_TABLES).join(", ");
  return names.length > LISTED_TABLES ? `${shown} and ${names.length - LISTED_TABLES} more` : shown;
}

/** Looks inside an SQLite file (read-only, never creating or changing anything). */
function identifySqlite(path: string, knownMigrations: readonly Migration[]): DatabaseFile {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { kind: "other", description: `an SQLite database that cannot be read (${(error as Error).message})` };
  }
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    if (tables.length === 0) return { kind: "other", description: "an SQLite database with no tables" };
    const foreign: DatabaseFile = {
      kind: "other",
      description: `an SQLite database of another application (tables: ${listTables(tables)})`,
    };
    if (!tables.includes("_prisma_migrations") || !tables.includes("DatasetInfo")) return foreign;
    const migrations = db
      .prepare(
        `SELECT migration_name AS name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
      .all() as Migration[];
    // Migration names carry a timestamp and a name: sharing one with prisma/migrations is what
    // tells a Fentrace database from another Prisma application's that happens to have a DatasetInfo table.
    const known = new Set(knownMigrations.map((migration) => migration.name));
    if (!migrations.some((migration) => known.has(migration.name))) return foreign;
    const version = db.prepare(`SELECT "version" FROM "DatasetInfo" WHERE "id" = 1`).pluck().get() as unknown;
    if (typeof version !== "string" || version === "") {
      return {
        kind: "other",
        description:
          "a Fentrace database without its DatasetInfo row (it was not built by the seed, or was changed since)",
      };
    }
    return { kind: "fentrace", version, migrations };
  } catch (error) {
    return { kind: "other", description: `an SQLite database that cannot be read (${(error as Error).message})` };
  } finally {
    db.close();
  }
}

/** What is at `path`: nothing, a Fentrace database, or something the seed must not replace. */
export function identifyDatabaseFile(
  path: string,
  knownMigrations: readonly Migration[] = migrationsOnDisk(),
): DatabaseFile {
  const link = statOrUndefined(lstatSync, path);
  if (!link) return { kind: "missing" };
  const stats = statOrUndefined(statSync, path);
  if (!stats) return { kind: "other", description: "a symbolic link to a file that does not exist" };
  if (!stats.isFile()) return { kind: "other", description: notARegularFile(stats) };
  if (stats.size === 0) return { kind: "other", description: "an empty file" };
  const start = firstBytes(path, SNIFF_BYTES);
  if (!start.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    return {
      kind: "other",
      description: `not an SQLite database (${kindOfContent(start, start.length === stats.size)})`,
    };
  }
  return identifySqlite(path, knownMigrations);
}

/** Throws a DatabaseFileRefusedError unless `path` is missing or holds a Fentrace database. */
export function assertReplaceable(path: string): void {
  const found = identifyDatabaseFile(path);
  if (found.kind === "other") throw new DatabaseFileRefusedError(path, found.description);
}
