/**
 * Literal `contains` / `startsWith` on SQLite.
 *
 * Prisma turns `contains: v` into `column LIKE ?` with the parameter `%v%` and escapes nothing, so
 * a `%` or `_` in `v` is a wildcard (`contains: "%"` matches every row; prisma/prisma#19506,
 * #23611), and SQLite's LIKE has no escape character unless the statement names one. Prisma's
 * filter API cannot add an `ESCAPE` clause, and a raw condition cannot be mixed into a Prisma
 * `where`. So the two halves meet at the driver adapter:
 *
 * - `escapeLike` escapes `\`, `%` and `_` in the user's text with a backslash (stringWhere does it
 *   for every StringFilter), and
 * - `withLikeEscape` wraps the adapter so that every `LIKE ?` Prisma sends reads
 *   `LIKE ? ESCAPE '\'`: the `%` Prisma adds around the text stay wildcards, the user's escaped
 *   characters match themselves, and LIKE still ignores ASCII case.
 *
 * The filter stays an ordinary Prisma `where` clause, composable with every other one. Every
 * value passed to a Prisma `contains`, `startsWith` or `endsWith` must go through `escapeLike`.
 */
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/** The escape character of every LIKE pattern. */
export const LIKE_ESCAPE = "\\";

/** `text` as a LIKE pattern that matches exactly `text` (with `LIKE_ESCAPE` as the escape character). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `${LIKE_ESCAPE}${character}`);
}

type AdapterFactory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;
type SqlQuery = Parameters<Adapter["queryRaw"]>[0];

/** Prisma's LIKE with its parameter (`?` is the only placeholder form Prisma uses for SQLite). */
const PRISMA_LIKE = / LIKE \?/g;

/** `sql` with an ESCAPE clause after each LIKE. */
export function withEscapeClause(sql: string): string {
  return sql.replace(PRISMA_LIKE, ` LIKE ? ESCAPE '${LIKE_ESCAPE}'`);
}

/** A queryable (the adapter or one of its transactions) whose statements get the ESCAPE clause. */
function escaping<T extends object>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: SqlQuery) => value.call(target, { ...query, sql: withEscapeClause(query.sql) });
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => escaping(await value.apply(target, args));
      }
      // The adapter keeps private state (#mutex): call its methods on it, not on the proxy.
      return value.bind(target);
    },
  });
}

/** The adapter factory, with the ESCAPE clause added to every LIKE of every connection it opens. */
export function withLikeEscape(factory: AdapterFactory): AdapterFactory {
  return new Proxy(factory, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "connect" || property === "connectToShadowDb") {
        return async () => escaping(await value.call(target));
      }
      return value.bind(target);
    },
  });
}
