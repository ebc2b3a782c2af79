/**
 * server.ts as a process: it never creates or overwrites a database (it exits 1 with a clear
 * message instead), refuses a bad configuration, serves with several workers, serves the playground
 * to many browsers cheaply, and stops gracefully on SIGTERM.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, it } from "vitest";
import { databasePathFromUrl } from "../src/db.js";
import { PrismaClient } from "../src/generated/prisma/client.js";
import { runServer, startServer } from "./support/server-process.js";

const testDatabase = databasePathFromUrl(process.env.FENTRACE_TEST_DATABASE_URL);

async function startWith(databaseUrl: string, env: Record<string, string> = {}) {
  const { code, stderr } = await runServer({ DATABASE_URL: databaseUrl, ...env }).output();
  return { code, stderr };
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "fentrace-api-"));
}

describe("server.ts refuses to start without a usable database, and leaves the file alone", () => {
  it("refuses a missing database without creating it", async () => {
    const path = join(tempDir(), "missing.db");
    const { code, stderr } = await startWith(`file:${path}`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not exist or cannot be read\. Build it with `npx -y pnpm@10 seed`/);
    expect(existsSync(path)).toBe(false);
  });

  it("refuses a file that is not a Fentrace database, without changing it", async () => {
    const dir = tempDir();
    const empty = join(dir, "empty.db");
    writeFileSync(empty, "");
    expect((await startWith(`file:${empty}`)).stderr).toMatch(/is empty/);
    const text = join(dir, "text.db");
    writeFileSync(text, "not a database at all, just text that is long enough to be read as a header");
    const before = sha256(text);
    const result = await startWith(`file:${text}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not be opened as an SQLite database|is not a Fentrace database/);
    expect(sha256(text)).toBe(before);
    const directory = join(dir, "a-directory.db");
    mkdirSync(directory);
    expect((await startWith(`file:${directory}`)).stderr).toMatch(/is empty or not a file/);
  });

  it("refuses a database of another schema version, without changing it", async () => {
    const path = join(tempDir(), "old-schema.db");
    copyFileSync(testDatabase, path);
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${path}` }) });
    const [latest] = await client.$queryRawUnsafe<{ name: string }[]>(
      "SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    await client.$executeRawUnsafe("DELETE FROM _prisma_migrations WHERE migration_name = ?", latest!.name);
    await client.$executeRawUnsafe(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count) VALUES ('x', 'x', '29990101000000_from_the_future', 1, 1, 1)",
    );
    await client.$disconnect();
    const before = sha256(path);
    const { code, stderr } = await startWith(`file:${path}`);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `was built for another schema version (missing migrations ${latest!.name}; migrations this API does not know: 29990101000000_from_the_future)`,
    );
    expect(stderr).toMatch(/npx -y pnpm@10 seed/);
    expect(sha256(path)).toBe(before);
  });

  it("refuses a bad configuration with one line per bad value", async () => {
    const { code, stderr } = await startWith(process.env.FENTRACE_TEST_DATABASE_URL!, {
      PORT: "http",
      RATE_LIMIT_BURST: "0",
    });
    expect(code).toBe(1);
    expect(stderr).toContain("fentrace api: Invalid configuration:");
    expect(stderr).toContain('  - PORT="http": expected an integer from 0 to 65535.');
    expect(stderr).toContain('  - RATE_LIMIT_BURST="0": expected an integer from 1 to 1000000.');
  });
});

describe("server.ts serving", () => {
  it("serves the playground to 40 browsers at once as a small page, without holding memory for it", async () => {
    const server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      RATE_LIMIT_ENABLED: "false",
    });
    try {
      const before = server.rss();
      const pages = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const response = await fetch(`${server.url}/graphql`, {
            headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8", "accept-encoding": "identity" },
          });
          expect(response.status).toBe(200);
          return Buffer.from(await response.arrayBuffer()).length;
        }),
      );
      // The page links to GraphiQL's files instead of inlining them (it used to be 9 MB).
      for (const bytes of pages) expect(bytes).toBeLessThan(2048);
      // Sending 40 copies of a 9 MB page took the process from about 270 to 675 MiB.
      expect((server.rss() - before) / 2 ** 20).toBeLessThan(64);
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
  });

  it("serves with --workers 2 and stops gracefully on SIGTERM (exit 0)", async () => {
    const server = await startServer({ DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL! }, ["--workers", "2"]);
    try {
      const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ dataset { version } }")}`);
      expect(response.status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      // Both workers listen on the same port.
      const listening = () =>
        new Set(server.logs.filter((line) => line.msg === "Fentrace GraphQL API listening").map((line) => line.pid));
      for (let attempt = 0; attempt < 100 && listening().size < 2; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(listening().size).toBe(2);
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
    expect(server.logs.some((line) => line.msg === "all workers stopped")).toBe(true);
    expect(server.logs.filter((line) => line.msg === "stopped")).toHaveLength(2);
  });
});
