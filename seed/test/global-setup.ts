/**
 * Builds the curated database once per test run, into a temporary directory, and exposes it to
 * every test worker through the environment:
 *
 * - FENTRACE_TEST_DATABASE_URL: `file:<path>` of the built database, or
 * - FENTRACE_TEST_DATABASE_ERROR: why it could not be built (the seed's problems).
 *
 * Other vitest projects (the API's tests) list this file as their globalSetup too. Vitest may
 * load it once per project, possibly concurrently, so the build is shared through a promise on
 * globalThis rather than module state; the first caller owns the teardown.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDatabase } from "../build-database.js";
import { curatedSeedDir } from "./support.js";

const SHARED = Symbol.for("fentrace.testDatabase");
type Shared = { [SHARED]?: Promise<void> };

async function buildOnce(dir: string): Promise<void> {
  const target = join(dir, "fentrace.db");
  try {
    await buildDatabase({ target, seedDir: curatedSeedDir, log: () => {} });
    process.env.FENTRACE_TEST_DATABASE_URL = `file:${target}`;
  } catch (error) {
    process.env.FENTRACE_TEST_DATABASE_ERROR = (error as Error).message;
  }
}

export default async function setup(): Promise<(() => void) | undefined> {
  const shared = globalThis as Shared;
  if (shared[SHARED]) {
    await shared[SHARED];
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "fentrace-test-db-"));
  shared[SHARED] = buildOnce(dir);
  await shared[SHARED];
  return () => rmSync(dir, { recursive: true, force: true });
}
