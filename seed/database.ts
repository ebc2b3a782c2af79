/** Opening a Fentrace SQLite database through the generated Prisma client. */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../packages/api/src/generated/prisma/client.js";

/**
 * A Prisma client on the SQLite file at `path`. Read-only opening never creates the file, so
 * checking a database that does not exist cannot leave an empty one behind.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): PrismaClient {
  const adapter = options.readonly
    ? new PrismaBetterSQLite3({ url: `file:${path}`, readonly: true, fileMustExist: true })
    : new PrismaBetterSQLite3({ url: `file:${path}` });
  return new PrismaClient({ adapter });
}
