/** Listens: serves the Yoga app over HTTP. Refuses to start without a built database. */
import { createServer } from "node:http";
import { DatabaseUnavailableError, databasePath, verifyDatabase } from "./db.js";

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? "127.0.0.1";

try {
  await verifyDatabase();
} catch (error) {
  if (error instanceof DatabaseUnavailableError) {
    console.error(`fentrace api: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

// Imported after the check so that a missing database is reported before the schema is built.
const { yoga } = await import("./yoga.js");
const server = createServer(yoga);
server.listen(port, host, () => {
  console.log(`Fentrace GraphQL API on http://${host === "0.0.0.0" ? "localhost" : host}:${port}/graphql (database ${databasePath})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
