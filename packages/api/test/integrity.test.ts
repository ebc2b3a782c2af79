/**
 * A database damaged inside, its 100-byte header intact: the integrity checks name what is wrong,
 * server.ts refuses to start on it (exit 1, the file untouched), and /readyz answers 503.
 *
 * Each case damages a copy of the database the global setup built, in a place found with SQLite's
 * `dbstat` table (which pages belong to which table), the way a bad disk or a torn copy would.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIntegrity, type IntegrityCheckName } from "../src/integrity.js";
import { runServer, startServer } from "./support/server-process.js";

// Not databasePathFromUrl from db.ts: importing db.ts would open the database of DATABASE_URL,
// which this file points at a damaged copy below, before the app is imported.
const testDatabase = process.env.FENTRACE_TEST_DATABASE_URL!.slice("file:".length);
const dir = mkdtempSync(join(tmpdir(), "fentrace-integrity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

interface Page {
  number: number;
  size: number;
}

/** A leaf page of `table`'s B-tree, from the middle of its pages. */
function leafPageOf(path: string, table: string): Page {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pages = db
      .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
      .pluck()
      .all(table) as number[];
    if (pages.length === 0) throw new Error(`${table} has no leaf page`);
    return { number: pages[Math.floor(pages.length / 2)]!, size: db.pragma("page_size", { simple: true }) as number };
  } finally {
    db.close();
  }
}

/** A copy of the test database with `damage` applied to its bytes. */
function damagedCopy(name: string, damage: (bytes: Buffer, path: string) => void): string {
  const path = join(dir, `${name}.db`);
  copyFileSync(testDatabase, path);
  const bytes = readFileSync(path);
  damage(bytes, path);
  writeFileSync(path, bytes);
  return path;
}

/** Overwrites the middle of the cell content of a leaf page of `table` (the rows' bytes, not the page's bookkeeping). */
function overwriteRows(table: string) {
  return (bytes: Buffer, path: string) => {
    const page = leafPageOf(path, table);
    const start = (page.number - 1) * page.size;
    const contentStart = bytes.readUInt16BE(start + 5) || 65536; // the page header's "start of cell content area"
    bytes.fill(
      0x5a,
      start + Math.floor((contentStart + page.size) / 2),
      start + Math.floor((contentStart + page.size) / 2) + 32,
    );
  };
}

const damages: Record<string, { damage: (bytes: Buffer, path: string) => void; failed: IntegrityCheckName[] }> = {
  // The page header and cell pointers of a page of figures: the B-tree no longer holds together.
  "a data page's structure": {
    damage: (bytes, path) => {
      const page = leafPageOf(path, "Figure");
      bytes.fill(0xff, (page.number - 1) * page.size, (page.number - 1) * page.size + 64);
    },
    failed: ["SQLite quick_check", "content hash"],
  },
  // Only pages of the full-text index (its shadow table SearchIndex_data): every other table is fine.
  "the search index's pages": {
    damage: overwriteRows("SearchIndex_data"),
    failed: ["SQLite quick_check", "search index", "content hash"],
  },
  // One hex digit of a document's sha256, a column no index and no search covers: every page
  // stays well-formed, and only the content hash can tell.
  "one stored value": {
    damage: (bytes, path) => {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      const sha = db.prepare(`SELECT "sha256" FROM "Document" ORDER BY "id" LIMIT 1`).pluck().get() as string;
      db.close();
      const at = bytes.indexOf(sha, 100, "latin1");
      expect(at).toBeGreaterThan(100);
      expect(bytes.indexOf(sha, at + 1, "latin1")).toBe(-1); // stored once: the change is in the Document row
      bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
    },
    failed: ["content hash"],
  },
};

describe("the integrity checks", () => {
  it("pass on the database the seed built", () => {
    const report = checkIntegrity(testDatabase);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each(Object.entries(damages))("name what fails when %s is damaged", (name, { damage, failed }) => {
    const report = checkIntegrity(damagedCopy(`checks-${name.replaceAll(/\W+/g, "-")}`, damage));
    expect(report.ok).toBe(false);
    expect(report.failures.map((failure) => failure.check)).toEqual(failed);
  });

  it("refuse a database that records no content hash", () => {
    const path = damagedCopy("no-hash", () => {});
    const db = new Database(path);
    db.prepare(`UPDATE "DatasetInfo" SET "contentHash" = ''`).run();
    db.close();
    expect(checkIntegrity(path).failures).toEqual([
      { check: "content hash", detail: "the database records no content hash" },
    ]);
  });
});

describe("server.ts on a damaged database", () => {
  it.each(Object.entries(damages))(
    "refuses to start when %s is damaged, naming the check, and leaves the file as it was",
    async (name, { damage, failed }) => {
      const path = damagedCopy(`server-${name.replaceAll(/\W+/g, "-")}`, damage);
      const before = sha256(path);
      const { code, stderr } = await runServer({ DATABASE_URL: `file:${path}` }).output();
      expect(code).toBe(1);
      expect(stderr).toContain(`fentrace api: The database ${path} is damaged: the ${failed[0]} check failed (`);
      expect(stderr).toMatch(/Build it with `npx -y pnpm@10 seed`/);
      expect(sha256(path)).toBe(before);
    },
  );
});

describe("server.ts on an intact database", () => {
  it("checks its integrity once, in the primary, when it runs workers", async () => {
    const server = await startServer({ DATABASE_URL: `file:${testDatabase}` }, ["--workers", "2"]);
    try {
      const listening = () => server.logs.filter((line) => line.msg === "Fentrace GraphQL API listening").length;
      for (let attempt = 0; attempt < 100 && listening() < 2; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(listening()).toBe(2);
      const checked = server.logs.filter((line) => line.msg === "database integrity checked");
      expect(checked).toHaveLength(1);
      expect(checked[0]!.pid).toBe(server.child.pid);
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
  });
});

describe("/readyz on a damaged database", () => {
  let yoga: typeof import("../src/yoga.js").yoga;

  beforeAll(async () => {
    // db.ts reads DATABASE_URL when it is first imported, which is here (each test file has its own modules).
    process.env.DATABASE_URL = `file:${damagedCopy("readyz", damages["one stored value"]!.damage)}`;
    ({ yoga } = await import("../src/yoga.js"));
  });

  it("answers 503 with the check that failed", async () => {
    const response = await yoga.fetch("http://localhost/readyz");
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; error: string };
    expect(body.status).toBe("unavailable");
    expect(body.error).toMatch(
      /^the database is damaged: the content hash check failed \(the tables hash to \w+…, the build recorded \w+…/,
    );
  });

  it("still answers /healthz: the process is up, it is the data that is not fit to serve", async () => {
    expect((await yoga.fetch("http://localhost/healthz")).status).toBe(200);
  });
});
