/**
 * Listens: serves the Yoga app over HTTP, behind the request handler (rate limiting, the cache
 * of GET responses, access logs).
 *
 * - The configuration (environment variables, `--workers N`) is validated first: every bad value
 *   is printed on its own line and the process exits 1.
 * - The database must exist, be readable, be of this API's schema version and pass its integrity
 *   checks (SQLite quick_check, the search index, the content hash the build recorded; see
 *   integrity.ts), or the process prints what to do, naming the check that failed, and exits 1.
 *   It never creates, migrates or writes a database. With workers, the primary checks once.
 * - `--workers N` (or WORKERS; `auto` = one per core) starts N processes with node:cluster that
 *   share the port; a worker that dies after it started serving is replaced.
 * - SIGTERM / SIGINT: stop accepting connections, answer /readyz with 503, let in-flight requests
 *   finish (keep-alive connections are closed after their next response, idle ones after the
 *   5 s keep-alive timeout), close the database and exit 0; exit 1 if that takes longer than
 *   SHUTDOWN_TIMEOUT_MS.
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import net from "node:net";
import { type Config, ConfigError, getConfig } from "./config.js";

let config: Config;
try {
  config = getConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`fentrace api: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const { flushLogs, logger } = await import("./logger.js");
const {
  DatabaseUnavailableError,
  INTEGRITY_CHECKED_BY_PRIMARY,
  databaseIntegrity,
  databasePath,
  prisma,
  verifyDatabase,
} = await import("./db.js");

/** Exits after writing out the logs. */
function exit(code: number): never {
  flushLogs();
  process.exit(code);
}

async function checkDatabase(): Promise<string> {
  try {
    const version = await verifyDatabase();
    const { milliseconds } = await databaseIntegrity();
    if (milliseconds.total > 0) {
      const rounded = Object.fromEntries(
        Object.entries(milliseconds).map(([check, ms]) => [check, Math.round(ms * 10) / 10]),
      );
      logger.info({ database: databasePath, milliseconds: rounded }, "database integrity checked");
    }
    return version;
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      console.error(`fentrace api: ${error.message}`);
      exit(1);
    }
    throw error;
  }
}

/** One serving process: the whole server, or a cluster worker. */
async function serve(): Promise<void> {
  const version = await checkDatabase();
  // Imported after the check so that a missing database is reported before the schema is built.
  const { yoga } = await import("./yoga.js");
  const { createRequestHandler } = await import("./handler.js");
  const { markDraining } = await import("./plugins/health.js");

  const handler = createRequestHandler(yoga as never, { config, logger });
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 20_000),
      keepAliveTimeout: 5_000,
    },
    handler,
  );

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    markDraining();
    logger.info({ reason, inFlight: handler.inFlight() }, "shutting down: finishing in-flight requests");
    const timer = setTimeout(() => {
      logger.error(
        { inFlight: handler.inFlight(), timeoutMs: config.shutdownTimeoutMs },
        "shutdown timed out: closing connections",
      );
      server.closeAllConnections();
      exit(1);
    }, config.shutdownTimeoutMs);
    // Stop listening, but keep the open connections: `http.Server#close` would also drop idle
    // keep-alive connections at once, losing requests their clients have already sent that the
    // server has not read yet. Each connection instead ends after its next response (it carries
    // `Connection: close`) or after the keep-alive timeout; the callback runs when all have.
    net.Server.prototype.close.call(server, () => {
      clearTimeout(timer);
      prisma
        .$disconnect()
        .catch((error: unknown) => logger.error({ err: error }, "closing the database failed"))
        .finally(() => {
          logger.info("stopped");
          exit(0);
        });
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  if (cluster.isWorker) process.on("disconnect", () => stop("the primary process went away"));

  server.on("error", (error) => {
    logger.fatal({ err: error }, "the server could not listen");
    exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    logger.info(
      { url: `http://${shownHost}:${port}/graphql`, port, database: databasePath, datasetVersion: version },
      "Fentrace GraphQL API listening",
    );
    if (cluster.isWorker) process.send?.({ type: "listening", port });
  });
}

/** The cluster primary: starts the workers, replaces those that die, and stops them on a signal. */
function supervise(workers: number): void {
  let stopping = false;
  const listening = new Set<number>();
  const fork = () => {
    // The primary has checked the file's integrity already (checkDatabase, below).
    const worker = cluster.fork({ [INTEGRITY_CHECKED_BY_PRIMARY]: "1" });
    worker.on("message", (message: { type?: string }) => {
      if (message?.type === "listening") listening.add(worker.id);
    });
  };
  logger.info({ workers, database: databasePath }, "starting workers");
  for (let index = 0; index < workers; index += 1) fork();

  cluster.on("exit", (worker, code, signal) => {
    const served = listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info("all workers stopped");
        exit(0);
      }
      return;
    }
    if (!served) {
      // It never served: the same error would recur (bad database, port in use). Give up.
      logger.fatal({ worker: worker.id, code, signal }, "a worker failed to start: stopping");
      stopAll();
      exit(code || 1);
    }
    logger.error({ worker: worker.id, code, signal }, "a worker died: starting another");
    fork();
  });

  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  const onSignal = (signal: string) => {
    if (stopping) return;
    logger.info({ signal }, "stopping workers");
    stopAll();
    setTimeout(() => {
      logger.error("workers did not stop in time");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      exit(1);
    }, config.shutdownTimeoutMs + 1_000).unref();
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
}

process.on("uncaughtException", (error) => {
  logger.fatal({ err: error }, "uncaught exception");
  exit(1);
});
process.on("unhandledRejection", (reason) => {
  logger.fatal({ err: reason }, "unhandled promise rejection");
  exit(1);
});

if (cluster.isPrimary && config.workers > 1) {
  // Check once here, so a bad database is one clear message rather than one per worker.
  await checkDatabase();
  await prisma.$disconnect();
  supervise(config.workers);
} else {
  await serve();
}
