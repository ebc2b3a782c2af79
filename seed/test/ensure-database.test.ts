/**
 * `tsx seed/ensure-database.ts`, the first step of `pnpm start`, run as the real command against
 * a DATABASE_URL in a temporary directory: it builds a missing database and rebuilds one that is
 * provably an older Fentrace database, and refuses (exit 1, the file untouched) anything else.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedVersion } from "../data-files.js";
import { repoRoot, seedDataDir } from "../paths.js";
import { removeTemporaryDirs, sha256OfFile, temporaryDir } from "./support.js";

const run = promisify(execFile);
const tsx = join(repoRoot, "node_modules/.bin/tsx");

/** Runs the ensure step as `pnpm start` does, with DATABASE_URL pointing at `path`. */
async function ensure(path: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(tsx, ["seed/ensure-database.ts"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: `file:${path}` },
    });
    return { code: 0, stderr };
  } catch (error) {
    const { code, stderr } = error as { code?: number; stderr?: string };
    return { code: typeof code === "number" ? code : -1, stderr: stderr ?? String(error) };
  }
}

/** Changes a copy of a database with plain SQL (the copy is then no longer what the seed wrote). */
function edited(source: string, sql: string): string {
  const path = join(temporaryDir(), "fentrace.db");
  copyFileSync(source, path);
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return path;
}

function datasetVersionOf(path: string): string | undefined {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT "version" FROM "DatasetInfo" WHERE "id" = 1`).get() as { version: string } | undefined)
      ?.version;
  } finally {
    db.close();
  }
}

const currentVersion = seedVersion(seedDataDir);
let built: string;

beforeAll(async () => {
  built = join(temporaryDir(), "fentrace.db");
  const { code, stderr } = await ensure(built);
  if (code !== 0) throw new Error(`ensure-database failed on a missing file:\n${stderr}`);
}, 60_000);

afterAll(removeTemporaryDirs);

describe("pnpm start's database step builds what it may", () => {
  it("builds a missing database", () => {
    expect(datasetVersionOf(built)).toBe(currentVersion);
  });

  it("keeps a database built from the current data and migrations, byte for byte", async () => {
    const before = sha256OfFile(built);
    const { code, stderr } = await ensure(built);
    expect(code).toBe(0);
    expect(stderr).toContain(`database up to date (version ${currentVersion})`);
    expect(sha256OfFile(built)).toBe(before);
  });

  it.each([
    [
      "another dataset version",
      `UPDATE "DatasetInfo" SET "version" = '000000000000'`,
      /it holds dataset version 000000000000/,
    ],
    [
      "a missing migration",
      `DELETE FROM "_prisma_migrations" WHERE "migration_name" = (SELECT max("migration_name") FROM "_prisma_migrations")`,
      /its migrations differ/,
    ],
    [
      "a changed migration",
      `UPDATE "_prisma_migrations" SET "checksum" = 'changed' WHERE "migration_name" = (SELECT min("migration_name") FROM "_prisma_migrations")`,
      /its migrations differ/,
    ],
  ])(
    "rebuilds an older Fentrace database (%s)",
    async (_case, sql, reason) => {
      const path = edited(built, sql);
      const { code, stderr } = await ensure(path);
      expect(stderr).toMatch(reason);
      expect(code).toBe(0);
      expect(datasetVersionOf(path)).toBe(currentVersion);
      expect(await ensure(path)).toMatchObject({ code: 0, stderr: expect.stringContaining("database up to date") });
    },
    60_000,
  );
});

describe("pnpm start's database step refuses to replace anything else, and leaves it byte-identical", () => {
  /** Runs the step on `path` and checks the refusal: exit 1, the reason, what to do, nothing changed. */
  async function expectRefusal(path: string, description: string | RegExp) {
    const isFile = statSync(path).isFile();
    const before = isFile ? sha256OfFile(path) : readdirSync(path);
    const siblings = readdirSync(join(path, ".."));
    const { code, stderr } = await ensure(path);
    expect(code).toBe(1);
    const refusal = `refusing to replace ${path}: it is `;
    if (typeof description === "string") expect(stderr).toContain(`${refusal}${description}.`);
    else expect(stderr.slice(stderr.indexOf(refusal) + refusal.length)).toMatch(description);
    expect(stderr).toMatch(/choose another DATABASE_URL, or delete or move the file/);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(isFile ? sha256OfFile(path) : readdirSync(path)).toEqual(before);
    expect(readdirSync(join(path, ".."))).toEqual(siblings); // no temporary file left behind
  }

  it("an SQLite database of another application", async () => {
    const path = join(temporaryDir(), "app.db");
    const db = new Database(path);
    db.exec(
      "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO users (name) VALUES ('ada');",
    );
    db.close();
    await expectRefusal(path, "an SQLite database of another application (tables: posts, users)");
  });

  it("another Prisma application's database, even with a DatasetInfo table", async () => {
    const path = join(temporaryDir(), "prisma-app.db");
    const db = new Database(path);
    db.exec(`CREATE TABLE "_prisma_migrations" (id TEXT PRIMARY KEY, checksum TEXT, migration_name TEXT, finished_at DATETIME, rolled_back_at DATETIME);
      INSERT INTO "_prisma_migrations" VALUES ('1', 'abc', '20200101000000_init', 1, NULL);
      CREATE TABLE "DatasetInfo" (id INTEGER PRIMARY KEY, version TEXT); INSERT INTO "DatasetInfo" VALUES (1, 'v1');`);
    db.close();
    await expectRefusal(path, "an SQLite database of another application (tables: DatasetInfo, _prisma_migrations)");
  });

  it("a text file", async () => {
    const path = join(temporaryDir(), "notes.db");
    writeFileSync(path, "These are my notes.\nThey are not a database.\n");
    await expectRefusal(path, "not an SQLite database (a text file)");
  });

  it("random bytes", async () => {
    const path = join(temporaryDir(), "random.db");
    writeFileSync(path, Buffer.concat([Buffer.from([0, 0xff, 0xfe]), randomBytes(8192)]));
    await expectRefusal(path, "not an SQLite database (binary data)");
  });

  it("an empty file", async () => {
    const path = join(temporaryDir(), "empty.db");
    writeFileSync(path, "");
    await expectRefusal(path, "an empty file");
  });

  it("a directory", async () => {
    const path = join(temporaryDir(), "a-directory.db");
    mkdirSync(path);
    writeFileSync(join(path, "keep.txt"), "keep me");
    await expectRefusal(path, "a directory");
    expect(existsSync(join(path, "keep.txt"))).toBe(true);
  });

  it("a Fentrace database whose DatasetInfo row is missing", async () => {
    const path = edited(built, `DELETE FROM "DatasetInfo"`);
    await expectRefusal(
      path,
      "a Fentrace database without its DatasetInfo row (it was not built by the seed, or was changed since)",
    );
  });

  it("an SQLite file damaged beyond reading", async () => {
    const path = join(temporaryDir(), "damaged.db");
    const bytes = readFileSync(built);
    bytes.fill(0xff, 100, 4096); // the schema page, after the intact 100-byte header
    writeFileSync(path, bytes);
    await expectRefusal(path, /^an SQLite database that cannot be read \(.+\)\./);
  });
});
