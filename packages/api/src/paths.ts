/**
 * Where things live in the repository, and how a `DATABASE_URL` maps to a file: the one
 * definition, used by the API (db.ts, config.ts) and the seed (seed/paths.ts re-exports it).
 * Pure: no file is read and no database opened here.
 */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in packages/api/src/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The database the seed builds, and the API serves, when `DATABASE_URL` is not set. */
export const defaultDatabasePath = resolve(repoRoot, "data/fentrace.db");

/** Raised when the database is missing, unreadable or not a Fentrace database (or its URL is not a file: URL). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Turns a SQLite `DATABASE_URL` (`file:./data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`) into an
 * absolute path. Relative paths resolve against the repository root, not the working directory,
 * so the seed and the API always mean the same file wherever they are started from. Throws a
 * `DatabaseUnavailableError` for a URL that is not a `file:` URL.
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

/** A path given in the environment (e.g. `FENTRACE_WEB_DIST`): relative ones resolve against the repository root, as `DATABASE_URL`'s do. */
export function pathFromEnvironment(path: string): string {
  return resolve(repoRoot, path);
}

/** A path as shown in messages: relative to the repository root when inside it, else absolute. */
export function displayPath(path: string): string {
  const fromRoot = relative(repoRoot, path);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? path : fromRoot;
}
