/**
 * Proving, read-only, that a Fentrace database is what the build wrote.
 *
 * A file whose header is intact can still be damaged inside (a bad disk, a partial copy, a stray
 * write): it opens, the schema checks pass, and the damage shows up later as failing searches and
 * 500s. Three checks catch that before the API serves it:
 *
 * - **SQLite quick_check**: `PRAGMA quick_check`, the structure of every page and B-tree.
 * - **search index**: the FTS5 index is read in full through an `fts5vocab` table in the temp
 *   schema (every term's every position list), and a search for one of its terms must find as
 *   many rows as the index says it holds. FTS5's own `'integrity-check'` command is an INSERT,
 *   which a read-only connection cannot run; the build runs it instead (see `sealDatabase`).
 * - **content hash**: the SHA-256 of every table's rows (shadow tables of the search index and
 *   SQLite's own schema table included), compared with the one the build recorded in
 *   `DatasetInfo.contentHash`. This is what catches a damaged value in an otherwise well-formed
 *   page, which the other two cannot see.
 *
 * All three read the whole file, so they cost time in proportion to its size: about 10 ms for the
 * curated database, and about 13 s for a synthetic one of a million figures (1 GB).
 */
import { createHash, type Hash } from "node:crypto";
import Database from "better-sqlite3";

/** The column that holds the hash; it is the one value the hash cannot cover. */
const HASH_TABLE = "DatasetInfo";
const HASH_COLUMN = "contentHash";
/** Changes when the way rows are hashed does, so that an old hash is never compared with a new one. */
const HASH_FORMAT = "fentrace-content-hash-v1";
/** Rows concatenated by SQLite per round trip: enough to make the per-call cost negligible. */
const ROWS_PER_CHUNK = 2048;

export type IntegrityCheckName = "SQLite quick_check" | "search index" | "content hash";

export interface IntegrityFailure {
  check: IntegrityCheckName;
  /** What it found. */
  detail: string;
}

export interface IntegrityReport {
  ok: boolean;
  failures: IntegrityFailure[];
  /** How long each check took, and all of them together (ms). */
  milliseconds: Record<IntegrityCheckName | "total", number>;
}

interface TableListRow {
  schema: string;
  name: string;
  type: string;
  /** 1 for a WITHOUT ROWID table. */
  wr: number;
}

interface ColumnRow {
  name: string;
  /** Position in the primary key, 0 when not part of it. */
  pk: number;
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Feeds one table's rows to `hash`, in storage order, each as SQLite's `quote()` of its values. */
function hashTable(db: Database.Database, table: TableListRow, hash: Hash): void {
  const columns = (db.prepare(`PRAGMA main.table_info(${quoteIdentifier(table.name)})`).all() as ColumnRow[]).filter(
    (column) => !(table.name === HASH_TABLE && column.name === HASH_COLUMN),
  );
  const row = columns.map((column) => `quote(${quoteIdentifier(column.name)})`).join(` || ',' || `);
  const from = `main.${quoteIdentifier(table.name)}`;
  hash.update(`\n${table.name}\n${columns.map((column) => column.name).join(",")}\n`);
  if (table.wr) {
    // WITHOUT ROWID tables (two small ones of the search index) are stored in primary-key order.
    const key = columns
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => quoteIdentifier(column.name));
    for (const text of db
      .prepare(`SELECT ${row} FROM ${from} ORDER BY ${key.join(", ")}`)
      .pluck()
      .iterate() as Iterable<string>) {
      hash.update(`${text}\n`);
    }
    return;
  }
  // SQLite concatenates a chunk of rows itself: handing each row to JavaScript would cost more
  // than everything else together on a large database.
  const chunk = (after: string) =>
    db
      .prepare(
        `SELECT max(r), group_concat(v, char(10) ORDER BY r) FROM (SELECT rowid AS r, ${row} AS v FROM ${from} ${after} ORDER BY rowid LIMIT ${ROWS_PER_CHUNK})`,
      )
      .raw(true)
      .safeIntegers(true);
  const first = chunk("");
  const next = chunk("WHERE rowid > ?");
  let [last, text] = first.get() as [bigint | null, string | null];
  while (last !== null) {
    hash.update(`${text}\n`);
    [last, text] = next.get(last) as [bigint | null, string | null];
  }
}

/**
 * The SHA-256 (hex) of every table of the main schema, in name order, `DatasetInfo.contentHash`
 * excepted. Virtual tables are left out: their rows are those of their shadow tables, which are in.
 * Rows are read in storage (rowid) order, which a file that is only ever read keeps; a VACUUMed
 * copy of a database may therefore hash differently, and is rebuilt rather than vacuumed.
 */
export function computeContentHash(db: Database.Database): string {
  const hash = createHash("sha256").update(HASH_FORMAT);
  const tables = (db.pragma("main.table_list") as TableListRow[])
    .filter((table) => table.schema === "main" && (table.type === "table" || table.type === "shadow"))
    .sort((a, b) => byCodeUnits(a.name, b.name));
  for (const table of tables) hashTable(db, table, hash);
  return hash.digest("hex");
}

/**
 * For the builders (the seed, the synthetic benchmark database), as the last write to a database
 * file: runs FTS5's own integrity check of the search index, then records the content hash.
 */
export function sealDatabase(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.prepare(`INSERT INTO "SearchIndex" ("SearchIndex") VALUES ('integrity-check')`).run();
    const contentHash = computeContentHash(db);
    const updated = db
      .prepare(`UPDATE ${quoteIdentifier(HASH_TABLE)} SET ${quoteIdentifier(HASH_COLUMN)} = ? WHERE "id" = 1`)
      .run(contentHash);
    if (updated.changes !== 1) throw new Error(`${path} has no DatasetInfo row to record the content hash in`);
    return contentHash;
  } finally {
    db.close();
  }
}

function quickCheck(db: Database.Database): string | undefined {
  const messages = db.prepare("PRAGMA main.quick_check(5)").pluck().all() as string[];
  if (messages.length === 1 && messages[0] === "ok") return undefined;
  // SQLite reports one multi-line message per problem, headed by the schema it is in: keep one line.
  return messages
    .map((message) => message.replace(/^\*\*\* in database \w+ \*\*\*\n/, "").replaceAll("\n", "; "))
    .join("; ");
}

function searchIndexCheck(db: Database.Database): string | undefined {
  // The temp schema is writable even on a read-only connection, and holds nothing of the file.
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.fentrace_search_instances USING fts5vocab(main, 'SearchIndex', 'instance')`,
  );
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.fentrace_search_terms USING fts5vocab(main, 'SearchIndex', 'row')`);
  const instances = db.prepare(`SELECT count(*) FROM temp.fentrace_search_instances`).pluck().get() as number;
  const indexed = db.prepare(`SELECT count(*) FROM main."SearchIndex_docsize"`).pluck().get() as number;
  const stored = db.prepare(`SELECT count(*) FROM main."SearchIndex"`).pluck().get() as number;
  if (indexed !== stored) return `it indexes ${indexed} rows but stores ${stored}`;
  if (stored > 0 && instances === 0) return `it stores ${stored} rows but indexes no words`;
  const probe = db.prepare(`SELECT term, doc FROM temp.fentrace_search_terms ORDER BY term LIMIT 1`).get() as
    | { term: string; doc: number }
    | undefined;
  if (!probe) return undefined;
  const found = db
    .prepare(`SELECT count(*) FROM main."SearchIndex" WHERE "SearchIndex" MATCH ?`)
    .pluck()
    .get(`"${probe.term.replaceAll('"', '""')}"`) as number;
  return found === probe.doc
    ? undefined
    : `a search for "${probe.term}" finds ${found} rows, the index lists ${probe.doc}`;
}

function contentHashCheck(db: Database.Database): string | undefined {
  const columns = (db.prepare(`PRAGMA main.table_info(${quoteIdentifier(HASH_TABLE)})`).all() as ColumnRow[]).map(
    (column) => column.name,
  );
  if (!columns.includes(HASH_COLUMN)) return "the database records no content hash";
  const recorded = db
    .prepare(`SELECT ${quoteIdentifier(HASH_COLUMN)} FROM ${quoteIdentifier(HASH_TABLE)} WHERE "id" = 1`)
    .pluck()
    .get() as unknown;
  if (typeof recorded !== "string" || recorded === "") return "the database records no content hash";
  const computed = computeContentHash(db);
  return computed === recorded
    ? undefined
    : `the tables hash to ${computed.slice(0, 12)}…, the build recorded ${recorded.slice(0, 12)}…: their content changed after the build`;
}

const CHECKS: readonly [IntegrityCheckName, (db: Database.Database) => string | undefined][] = [
  ["SQLite quick_check", quickCheck],
  ["search index", searchIndexCheck],
  ["content hash", contentHashCheck],
];

/** Runs every check on the database file at `path`, read-only; never throws for a damaged file. */
export function checkIntegrity(path: string): IntegrityReport {
  const started = performance.now();
  const failures: IntegrityFailure[] = [];
  const milliseconds = { "SQLite quick_check": 0, "search index": 0, "content hash": 0, total: 0 };
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    failures.push({ check: "SQLite quick_check", detail: (error as Error).message });
    return { ok: false, failures, milliseconds };
  }
  try {
    for (const [check, run] of CHECKS) {
      const begun = performance.now();
      try {
        const detail = run(db);
        if (detail !== undefined) failures.push({ check, detail });
      } catch (error) {
        // Damage often surfaces as SQLITE_CORRUPT ("database disk image is malformed") mid-read.
        failures.push({ check, detail: (error as Error).message });
      }
      milliseconds[check] = performance.now() - begun;
    }
  } finally {
    db.close();
  }
  milliseconds.total = performance.now() - started;
  return { ok: failures.length === 0, failures, milliseconds };
}

/** "the content hash check failed (…)", one clause per failed check. */
export function describeFailures(report: IntegrityReport): string {
  return report.failures.map((failure) => `the ${failure.check} check failed (${failure.detail})`).join("; ");
}
