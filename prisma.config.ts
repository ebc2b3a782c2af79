// Prisma CLI configuration. Prisma 6.19's JavaScript schema engine drives SQLite through the
// better-sqlite3 driver adapter, so the CLI never downloads a native engine binary.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Without a DATABASE_URL Prisma cannot parse the schema and falls back to downloading the
// "library" engine, which fails offline. Default to the database `pnpm start` builds.
process.env.DATABASE_URL ??= "file:./data/fentrace.db";
const url = process.env.DATABASE_URL;

/**
 * Prisma 6.19's schema engine sends whole migration files through `executeRaw`, which
 * better-sqlite3 rejects ("contains more than one statement") when replaying migrations into
 * the shadow database. Route statement-less raw calls through `executeScript` instead.
 */
function withShadowScriptFix(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const connection = await connect();
    const executeRaw = connection.executeRaw.bind(connection);
    connection.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await connection.executeScript(query.sql);
      return 0;
    };
    return connection;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => withShadowScriptFix(new PrismaBetterSQLite3({ url })),
});
