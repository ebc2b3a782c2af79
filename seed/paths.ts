/**
 * Where things live in the repository, and how a `DATABASE_URL` maps to a file: the API's one
 * definition (packages/api/src/paths.ts), so the seed and the API always mean the same file.
 */
import { resolve } from "node:path";
import { repoRoot } from "../packages/api/src/paths.js";

export { databasePathFromUrl, defaultDatabasePath, displayPath, repoRoot } from "../packages/api/src/paths.js";

/** The curated seed data. */
export const seedDataDir = resolve(repoRoot, "seed/data");
