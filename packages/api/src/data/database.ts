/**
 * The API's typed read path to SQLite, beside Prisma.
 *
 * Why not Prisma here: Prisma Client costs 0.6–0.8 ms a statement on this machine (its Wasm query
 * compiler and result mapping), where a prepared better-sqlite3 statement costs ~0.035 ms; a
 * figures page with its relations needs several statements, so Prisma's overhead alone held an
 * uncached query near 150 requests a second (issue 10). Prisma stays the data model, the
 * migrations and the source of every type: queries here are built with Kysely over the table
 * types prisma-kysely generates from prisma/schema.prisma (src/generated/kysely), so a renamed
 * column fails `tsc`, and each compiled statement is prepared once and kept (the database never
 * changes while the process runs).
 *
 * Kysely only compiles here (DummyDriver): statements run synchronously through better-sqlite3,
 * which is what makes a cached lookup cost microseconds rather than a trip through promises.
 */
import Database from "better-sqlite3";
import { type Compilable, DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from "kysely";
import { LRUCache } from "lru-cache";
import { databasePath, emitQueryEvent, queryEventsWanted } from "../db.js";
import type { DB } from "../generated/kysely/database.js";

/** The query builder, typed by the generated table types. It compiles; `all` runs. */
export const sql = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

let connection: Database.Database | undefined;

/** The read-only connection, opened on first use (never creates the file). */
function database(): Database.Database {
  connection ??= new Database(databasePath, { readonly: true, fileMustExist: true });
  return connection;
}

/**
 * Prepared statements by SQL text. Filters vary in shape (which conditions, how many ids in a
 * list), so the texts are many but bounded by what the argument limits allow; the least used are
 * dropped (better-sqlite3 finalises a statement when it is collected).
 */
const statements = new LRUCache<string, Database.Statement>({ max: 2000 });

function statement(text: string): Database.Statement {
  let prepared = statements.get(text);
  if (!prepared) {
    prepared = database().prepare(text);
    statements.set(text, prepared);
  }
  return prepared;
}

/** Values a statement may be bound to (better-sqlite3 refuses booleans: use 0 and 1). */
type Parameter = string | number | bigint | null;

/** Every row of a compiled select. */
export function all<R>(query: Compilable<R>): R[] {
  const compiled = query.compile();
  const parameters = compiled.parameters as Parameter[];
  if (!queryEventsWanted) return statement(compiled.sql).all(...parameters) as R[];
  const started = performance.now();
  const rows = statement(compiled.sql).all(...parameters) as R[];
  emitQueryEvent({ query: compiled.sql, params: JSON.stringify(parameters), duration: performance.now() - started });
  return rows;
}
