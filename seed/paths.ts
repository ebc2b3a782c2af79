/** Where things live in the repository, and how a `DATABASE_URL` maps to a file. */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the directory that holds `seed/`. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The curated seed data. */
export const seedDataDir = resolve(repoRoot, "seed/data");

/** Prisma's migrations, applied to every database the seed builds. */
export const migrationsDir = resolve(repoRoot, "prisma/migrations");

/** The database `pnpm seed` and `pnpm start` build when `DATABASE_URL` is not set. */
export const defaultDatabasePath = resolve(repoRoot, "data/fentrace.db");

/**
 * Turns a SQLite `DATABASE_URL` (`file:./data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`) into an
 * absolute path. Relative paths resolve against the repository root rather than the working
 * directory, so `pnpm seed` builds the same file wherever it is started from.
 */
export function databasePathFromUrl(url: string | undefined): string {
  if (!url) return defaultDatabasePath;
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${url}"`);
  }
  const withoutQuery = url.split("?")[0] ?? url;
  const path = withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery.slice("file:".length);
  return isAbsolute(path) ? path : resolve(repoRoot, path);
}

/** A path as shown in messages: relative to the repository root when inside it, else absolute. */
export function displayPath(path: string): string {
  const fromRoot = relative(repoRoot, path);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? path : fromRoot;
}
