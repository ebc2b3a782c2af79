/**
 * The access log: one JSON line per request, written when its response is finished (or the client
 * went away: status 499), with the request id, method, path, status, duration in ms, client
 * address, and for GraphQL requests the operation name, its cost, how many errors it had and
 * whether the response-bytes cache answered it. Responses of status 500 and above are logged at
 * level `error` ("request failed"), the rest at `info` ("request").
 *
 * The fields only GraphQL knows are filled in by a Yoga plugin (plugins/logging.ts), which finds
 * the request's `RequestInfo` through `requestInfo`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

export interface RequestInfo {
  id: string;
  operationName?: string | null;
  cost?: number;
  /** `hit`: answered from the response-bytes cache; `miss`: executed (or from Yoga's response cache). */
  cache?: "hit" | "miss";
  errors?: number;
}

/** What the handler and the Yoga plugin know about each request in progress. */
export const requestInfo = new WeakMap<IncomingMessage, RequestInfo>();

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestId(given: string | string[] | undefined): string {
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Writes the line of a request whose response is finished (or abandoned: status 499), `started`
 * being its `performance.now()` on arrival. Through pino (`logger.info`), like every other line.
 * Writing the line by hand into pino's stream (what this replaced) saved about 1 µs of the 5 µs
 * a line costs. pino-http was measured too, on the cached GET of P1 (`pnpm bench`), in one run of
 * 5 alternating rounds: 6,560 req/s (median) and 104–126 µs of server CPU per request with it,
 * 11,350 req/s and 50–59 µs with this, 17,140 req/s for the bare server: it makes two child
 * loggers per request, and would take P1 from 0.65× to 0.38×.
 */
export function logRequest(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  info: RequestInfo,
  started: number,
  ip: string,
  path: string,
): void {
  const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
  const entry: Record<string, unknown> = {
    reqId: info.id,
    method: req.method,
    path,
    status,
    ms: Math.round((performance.now() - started) * 100) / 100,
    ip,
  };
  if (info.operationName) entry.operation = info.operationName;
  if (info.cost !== undefined) entry.cost = info.cost;
  if (info.cache) entry.cache = info.cache;
  if (info.errors) entry.errors = info.errors;
  if (status >= 500) logger.error(entry, "request failed");
  else logger.info(entry, "request");
}
