/**
 * The process's structured logger (pino, JSON lines on stdout). The level comes from `LOG_LEVEL`;
 * under vitest it defaults to `silent`, so tests stay quiet unless asked otherwise.
 */
import cluster from "node:cluster";
import { type Logger, pino } from "pino";
import { getConfig } from "./config.js";

export type { Logger };

// Asynchronous, buffered writes: lines are written 4 KiB at a time (and at least every 250 ms),
// so a busy server spends microseconds per access-log line, not a write(2) each.
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => {
  try {
    destination.flush();
  } catch {
    // nothing to write, or stdout closed
  }
}, 250).unref();

function createLogger(): Logger {
  const base: Record<string, unknown> = { pid: process.pid };
  if (cluster.isWorker && cluster.worker) base.worker = cluster.worker.id;
  return pino(
    {
      name: "fentrace-api",
      level: getConfig().logLevel,
      base,
      formatters: { level: (label) => ({ level: label }) },
    },
    // `flushLogs()` drains the buffer before the process exits.
    destination,
  );
}

export const logger: Logger = createLogger();

/** Writes out buffered log lines (call before exiting). */
export function flushLogs(): void {
  try {
    destination.flushSync();
  } catch {
    // stdout already closed: nothing left to do
  }
}
