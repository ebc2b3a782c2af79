/**
 * The Node request handler in front of Yoga: what every request goes through before GraphQL.
 *
 * 1. A request id (the client's `X-Request-Id` when it is a plain token, else a new UUID),
 *    echoed in the response and in the access log line written when the response is finished.
 * 2. Rate limiting per client address (token bucket, 429 with Retry-After); health checks are
 *    exempt.
 * 3. `GET /graphql`: a repeated request is answered from the response-bytes cache (the headers
 *    and bytes Yoga produced the first time, 304 on a matching If-None-Match) without entering
 *    Yoga, which is what brings a cached answer close to the speed of a static file.
 * 4. `POST /graphql`: the body is read up to LIMIT_BODY_BYTES (413 beyond), then handed to Yoga.
 * 5. Anything else goes to Yoga's own Node adapter (the playground, downloads, health …).
 *
 * While the server shuts down, responses carry `Connection: close` so keep-alive clients
 * reconnect elsewhere.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { YogaServerInstance } from "graphql-yoga";
import { pino } from "pino";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { type CachedResponse, ifNoneMatchMatches, ResponseBytesCache } from "./plugins/cache.js";
import { activeRequests, HEALTH_PATH, READY_PATH, isDraining } from "./plugins/health.js";
import { LIMIT_CODE } from "./plugins/limits.js";
import { requestInfo, type RequestInfo } from "./plugins/logging.js";
import { clientAddress, TokenBucketLimiter } from "./plugins/rate-limit.js";

export interface RequestHandlerOptions {
  config: Pick<Config, "trustProxy" | "rateLimit" | "limits" | "cache">;
  logger: Logger;
  /** The GraphQL endpoint's path. */
  endpoint?: string;
}

export interface RequestHandler extends RequestListener {
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** The cache of GET responses (for tests and metrics). */
  readonly responses: ResponseBytesCache;
}

const EMPTY = Buffer.alloc(0);
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const JSON_TYPE = "application/json; charset=utf-8";

/** The request headers the handler itself needs, read in one pass over the raw headers. */
interface Incoming {
  accept: string;
  origin: string;
  ifNoneMatch: string;
  requestId: string;
  forwardedFor: string;
}

function scanHeaders(raw: readonly string[]): Incoming {
  const found: Incoming = { accept: "", origin: "", ifNoneMatch: "", requestId: "", forwardedFor: "" };
  const add = (field: keyof Incoming, value: string) => {
    found[field] = found[field] ? `${found[field]}, ${value}` : value;
  };
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    // Compare lengths first: most headers are none of these.
    switch (name.length) {
      case 6: {
        const lower = name.toLowerCase();
        if (lower === "accept") add("accept", raw[index + 1]!);
        else if (lower === "origin") add("origin", raw[index + 1]!);
        break;
      }
      case 12:
        if (name.toLowerCase() === "x-request-id") add("requestId", raw[index + 1]!);
        break;
      case 13:
        if (name.toLowerCase() === "if-none-match") add("ifNoneMatch", raw[index + 1]!);
        break;
      case 15:
        if (name.toLowerCase() === "x-forwarded-for") add("forwardedFor", raw[index + 1]!);
        break;
    }
  }
  return found;
}

/** A finished GET response as the cache keeps it: headers flattened for `writeHead`. */
function cachedResponse(response: Response, body: Buffer, etag: string, info: RequestInfo): CachedResponse {
  const flatHeaders: string[] = [];
  const notModifiedHeaders: string[] = [];
  response.headers.forEach((value, name) => {
    if (name === "x-request-id" || HOP_BY_HOP.has(name)) return;
    flatHeaders.push(name, value);
    if (name !== "content-type") notModifiedHeaders.push(name, value);
  });
  flatHeaders.push("content-length", String(body.length));
  return { status: 200, flatHeaders, notModifiedHeaders, body, etag, operationName: info.operationName, cost: info.cost, hits: 0 };
}

/** A GraphQL-shaped error body for responses the handler writes itself. */
function errorBody(message: string, extensions: Record<string, unknown>): string {
  return JSON.stringify({ errors: [{ message, extensions }] });
}

/** The request's headers for a Fetch Request (repeated headers kept in order). */
function fetchHeaders(req: IncomingMessage): [string, string][] {
  const raw = req.rawHeaders;
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) pairs.push([raw[index]!, raw[index + 1]!]);
  return pairs;
}

/** Reads the request body; resolves `undefined` as soon as it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (!done) reject(error);
    });
  });
}

/** Writes a Fetch Response to a Node response; returns the body it sent. */
async function send(res: ServerResponse, response: Response, head: boolean): Promise<Buffer> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : EMPTY;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // The body is sent whole, with its length: framing headers of a stream do not apply.
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  if (response.status !== 304 && response.status !== 204) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(head ? undefined : body);
  return body;
}

export function createRequestHandler(
  yoga: YogaServerInstance<Record<string, unknown>, Record<string, unknown>>,
  options: RequestHandlerOptions,
): RequestHandler {
  const { config, logger } = options;
  const endpoint = options.endpoint ?? "/graphql";
  const limiter = config.rateLimit.enabled ? new TokenBucketLimiter(config.rateLimit) : undefined;
  const responses = new ResponseBytesCache(config.cache.enabled ? config.cache.maxEntries : 0, config.cache.enabled ? config.cache.maxBytes : 0);
  const rateLimitMessage = `Too many requests: each client may send ${config.rateLimit.perSecond} requests a second, in bursts of up to ${config.rateLimit.burst}.`;
  let inFlight = 0;

  // The access log: one JSON line per request in pino's own format (level, time, the logger's
  // bindings, fields, msg), written straight to the logger's stream. This is the hottest line
  // the server writes, so it is built as a string rather than walked as an object by pino.
  const stream = (logger as unknown as Record<symbol, { write(line: string): void }>)[pino.symbols.streamSym];
  // pino's own serialised bindings (`,"pid":…,"name":…`): the same prefix its other lines have.
  const chindings = (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym];
  const prefix = typeof chindings === "string" ? chindings : `,${JSON.stringify(logger.bindings()).slice(1, -1)}`;
  function log(req: IncomingMessage, status: number, info: RequestInfo, started: number, ip: string, path: string): void {
    const ms = Math.round((performance.now() - started) * 100) / 100;
    if (status >= 500 || !stream) {
      const entry: Record<string, unknown> = { reqId: info.id, method: req.method, path, status, ms, ip };
      if (info.operationName) entry.operation = info.operationName;
      if (info.cost !== undefined) entry.cost = info.cost;
      if (info.cache) entry.cache = info.cache;
      if (info.errors) entry.errors = info.errors;
      if (status >= 500) logger.error(entry, "request failed");
      else logger.info(entry, "request");
      return;
    }
    if (!logger.isLevelEnabled("info")) return;
    let line = `{"level":"info","time":${Date.now()}${prefix},"reqId":"${info.id}","method":${JSON.stringify(req.method)},"path":${JSON.stringify(path)},"status":${status},"ms":${ms},"ip":${JSON.stringify(ip)}`;
    if (info.operationName) line += `,"operation":${JSON.stringify(info.operationName)}`;
    if (info.cost !== undefined) line += `,"cost":${info.cost}`;
    if (info.cache) line += `,"cache":"${info.cache}"`;
    if (info.errors) line += `,"errors":${info.errors}`;
    stream.write(`${line},"msg":"request"}\n`);
  }

  function writeCached(res: ServerResponse, cached: CachedResponse, incoming: Incoming, id: string): void {
    const extra = isDraining() ? ["x-request-id", id, "connection", "close"] : ["x-request-id", id];
    if (incoming.ifNoneMatch && ifNoneMatchMatches(incoming.ifNoneMatch, cached.etag)) {
      res.writeHead(304, cached.notModifiedHeaders.concat(extra));
      res.end();
      return;
    }
    res.writeHead(cached.status, cached.flatHeaders.concat(extra));
    res.end(cached.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, info: RequestInfo, path: string, incoming: Incoming, key?: string): Promise<void> {
    requestInfo.set(req, info);
    if (key !== undefined) {
      res.setHeader("x-request-id", info.id);
      if (isDraining()) res.setHeader("connection", "close");
      info.cache = "miss";
      const response = await yoga.fetch(`http://localhost${req.url}`, { method: "GET", headers: fetchHeaders(req) }, { req, res });
      const body = await send(res, response, false);
      const etag = response.headers.get("etag");
      if (response.status === 200 && etag && response.headers.get("cache-control")?.startsWith("public")) {
        responses.set(key, cachedResponse(response, body, etag, info));
      }
      return;
    }
    res.setHeader("x-request-id", info.id);
    if (isDraining()) res.setHeader("connection", "close");
    if (path !== endpoint) {
      // Bodies are only useful to the GraphQL endpoint: refuse oversized ones before Yoga reads them.
      if (Number(req.headers["content-length"] ?? 0) > config.limits.bodyBytes) return tooLarge(req, res);
      await yoga(req, res);
      return;
    }
    const serverContext = { req, res };
    const url = `http://localhost${req.url}`;
    if (req.method === "POST") {
      const body = await readBody(req, config.limits.bodyBytes);
      if (body === undefined) return tooLarge(req, res);
      const response = await yoga.fetch(url, { method: "POST", headers: fetchHeaders(req), body }, serverContext);
      await send(res, response, false);
      return;
    }
    await yoga(req, res); // OPTIONS (CORS preflight), HEAD and the rest: Yoga answers
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    const body = errorBody(`Request body limit of ${config.limits.bodyBytes} bytes exceeded.`, {
      code: LIMIT_CODE,
      limit: "bodyBytes",
      max: config.limits.bodyBytes,
    });
    // The rest of the body is not read: close the connection once the answer is out.
    res.writeHead(413, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body), connection: "close" });
    res.end(body, () => req.destroy());
  }

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const incoming = scanHeaders(req.rawHeaders);
    const info: RequestInfo = { id: REQUEST_ID.test(incoming.requestId) ? incoming.requestId : randomUUID() };
    const rawUrl = req.url ?? "/";
    const queryStart = rawUrl.indexOf("?");
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const ip = clientAddress(req, config.trustProxy, incoming.forwardedFor);

    if (rawUrl.charCodeAt(0) !== 47 /* "/" */) {
      const body = errorBody("The request target must be a path (origin-form).", { code: "BAD_REQUEST" });
      res.writeHead(400, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body), "x-request-id": info.id });
      res.end(body);
      log(req, 400, info, started, ip, path);
      return;
    }
    if (limiter && path !== HEALTH_PATH && path !== READY_PATH) {
      const retryAfter = limiter.take(ip);
      if (retryAfter > 0) {
        const body = errorBody(`${rateLimitMessage} Retry after ${retryAfter} s.`, { code: "RATE_LIMITED", retryAfter });
        res.writeHead(429, {
          "content-type": JSON_TYPE,
          "content-length": Buffer.byteLength(body),
          "retry-after": String(retryAfter),
          "cache-control": "no-store",
          "x-request-id": info.id,
        });
        res.end(body);
        log(req, 429, info, started, ip, path);
        return;
      }
    }
    // A repeated GET: answered synchronously from the cache of response bytes.
    let key: string | undefined;
    if (path === endpoint && req.method === "GET") {
      key = `${rawUrl}\n${incoming.accept}\n${incoming.origin}`;
      const cached = responses.get(key);
      if (cached) {
        info.cache = "hit";
        info.operationName = cached.operationName;
        info.cost = cached.cost;
        writeCached(res, cached, incoming, info.id);
        log(req, res.statusCode, info, started, ip, path);
        return;
      }
    }
    inFlight += 1;
    activeRequests.count += 1;
    res.once("close", () => {
      inFlight -= 1;
      activeRequests.count -= 1;
      log(req, res.writableFinished ? res.statusCode : 499, info, started, ip, path); // 499: the client went away first
    });
    handle(req, res, info, path, incoming, key).catch((error: unknown) => {
      logger.error({ reqId: info.id, err: error }, "request handler failed");
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = errorBody("Unexpected error.", { code: "INTERNAL_SERVER_ERROR" });
      res.writeHead(500, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body), "x-request-id": info.id });
      res.end(body);
    });
  }) as RequestHandler;

  handler.inFlight = () => inFlight;
  Object.defineProperty(handler, "responses", { value: responses });
  return handler;
}
