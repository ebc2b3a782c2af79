/**
 * The Node request handler in front of Yoga: what every request goes through before GraphQL.
 *
 * 1. A request id (the client's `X-Request-Id` when it is a plain token, else a new UUID),
 *    echoed in the response and in the access log line written when the response is finished.
 * 2. Rate limiting per client address (token bucket, 429 with Retry-After); health checks are
 *    exempt.
 * 3. CORS preflights (OPTIONS) are answered here (src/http/cors.ts).
 * 4. `GET /graphql`: a repeated request is answered from the response-bytes cache (the headers
 *    and bytes sent the first time, per content coding, 304 on a matching If-None-Match) without
 *    entering Yoga, which is what brings a cached answer close to the speed of a static file.
 * 5. Request bodies are read up to LIMIT_BODY_BYTES (413 beyond), then handed to Yoga with the
 *    request; Yoga's answer is sent whole, with its length.
 * 6. Every response gets the CORS headers (`Access-Control-Allow-Origin: *`) and the security
 *    headers (src/http/security.ts), and is compressed (br or gzip, as Accept-Encoding asks) when
 *    it is text of 1 KiB or more and its maker has not already picked a coding (static files come
 *    compressed in advance: see http-cache.ts).
 *
 * While the server shuts down, responses carry `Connection: close` so keep-alive clients
 * reconnect elsewhere.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { YogaServerInstance } from "graphql-yoga";
import { pino } from "pino";
import type { Config } from "./config.js";
import { CORS_HEADERS, preflightHeaders } from "./http/cors.js";
import { addVary, compress, type Encoding, isCompressible, MIN_COMPRESSED_BYTES, negotiateEncoding, varies } from "./http/encoding.js";
import { SECURITY_HEADERS } from "./http/security.js";
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
/** Headers of a Fetch Response that do not apply to the whole body the handler sends. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const JSON_TYPE = "application/json; charset=utf-8";

/** The request headers the handler itself needs, read in one pass over the raw headers. */
interface Incoming {
  accept: string;
  acceptEncoding: string;
  ifNoneMatch: string;
  requestId: string;
  forwardedFor: string;
  accessControlRequestHeaders: string;
}

function scanHeaders(raw: readonly string[]): Incoming {
  const found: Incoming = { accept: "", acceptEncoding: "", ifNoneMatch: "", requestId: "", forwardedFor: "", accessControlRequestHeaders: "" };
  const add = (field: keyof Incoming, value: string) => {
    found[field] = found[field] ? `${found[field]}, ${value}` : value;
  };
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    // Compare lengths first: most headers are none of these.
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === "accept") add("accept", raw[index + 1]!);
        break;
      case 12:
        if (name.toLowerCase() === "x-request-id") add("requestId", raw[index + 1]!);
        break;
      case 13:
        if (name.toLowerCase() === "if-none-match") add("ifNoneMatch", raw[index + 1]!);
        break;
      case 15: {
        const lower = name.toLowerCase();
        if (lower === "x-forwarded-for") add("forwardedFor", raw[index + 1]!);
        else if (lower === "accept-encoding") add("acceptEncoding", raw[index + 1]!);
        break;
      }
      case 30:
        if (name.toLowerCase() === "access-control-request-headers") add("accessControlRequestHeaders", raw[index + 1]!);
        break;
    }
  }
  return found;
}

/** The CORS and security headers, for responses the handler writes itself. */
const COMMON_HEADERS: Readonly<Record<string, string>> = { ...SECURITY_HEADERS, ...CORS_HEADERS };

/** Adds the CORS headers, and each security header the response does not set itself. */
function applyCommonHeaders(headers: Record<string, string>): void {
  for (const name in SECURITY_HEADERS) headers[name] ??= SECURITY_HEADERS[name]!;
  Object.assign(headers, CORS_HEADERS);
}

/** A response as the handler sends it: lower-case headers, the whole body. */
interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A finished GET response as the cache keeps it: headers flattened for `writeHead`. */
function cachedResponse(out: Outgoing, etag: string, info: RequestInfo): CachedResponse {
  const flatHeaders: string[] = [];
  const notModifiedHeaders: string[] = [];
  for (const name in out.headers) {
    if (name === "x-request-id") continue;
    const value = out.headers[name]!;
    flatHeaders.push(name, value);
    if (name !== "content-type" && name !== "content-length" && name !== "content-encoding") notModifiedHeaders.push(name, value);
  }
  return { status: 200, flatHeaders, notModifiedHeaders, body: out.body, etag, operationName: info.operationName, cost: info.cost, hits: 0 };
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

/**
 * Yoga's response as it will be sent: its whole body, the common headers added, and compressed
 * in `encoding` when it is text of MIN_COMPRESSED_BYTES or more that its maker left uncoded.
 */
async function prepare(response: Response, encoding: Encoding, head: boolean, graphql: boolean): Promise<Outgoing> {
  let body: Buffer = response.body ? Buffer.from(await response.arrayBuffer()) : EMPTY;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Lower case: whatwg-node's Headers keep the case they were given.
    const lower = name.toLowerCase();
    // The body is sent whole, with its length: framing headers of a stream do not apply.
    if (!HOP_BY_HOP.has(lower)) headers[lower] = value;
  });
  // Yoga marks its event streams `Content-Encoding: none`, which is no content coding: drop it.
  const coding = headers["content-encoding"];
  if (coding !== undefined && /^\s*(none|identity)\s*$/i.test(coding)) delete headers["content-encoding"];
  applyCommonHeaders(headers);
  const status = response.status;
  // A response carrying Content-Encoding, or already varying by Accept-Encoding, has been
  // negotiated by its maker (static files, compressed in advance): it is sent as it is.
  const negotiated = "content-encoding" in headers || varies(headers.vary, "accept-encoding");
  if (!negotiated && (isCompressible(headers["content-type"]) || (graphql && status === 304))) {
    // Said of every text response (and of the endpoint's 304s, which stand for one), whatever its
    // size, as a response to the same request with another Accept-Encoding could differ.
    headers.vary = addVary(headers.vary, "Accept-Encoding");
    if (encoding !== "identity" && !head && body.length >= MIN_COMPRESSED_BYTES && status !== 206) {
      const compressed = await compress(body, encoding, "fast");
      if (compressed.length < body.length) {
        body = compressed;
        headers["content-encoding"] = encoding;
        // A strong ETag names bytes, and these are new ones: keep it as a weak one (the result is
        // the same), as nginx does. The GraphQL ETags are weak already.
        const etag = headers.etag;
        if (etag && !etag.startsWith("W/")) headers.etag = `W/${etag}`;
      }
    }
  }
  if (status !== 304 && status !== 204) {
    // HEAD: the length a GET would have, when the maker said it.
    headers["content-length"] = head ? (response.headers.get("content-length") ?? String(body.length)) : String(body.length);
  }
  return { status, headers, body };
}

function write(res: ServerResponse, out: Outgoing, head: boolean): void {
  res.writeHead(out.status, out.headers);
  res.end(head || out.status === 304 || out.status === 204 ? undefined : out.body);
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

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    info: RequestInfo,
    path: string,
    encoding: Encoding,
    key?: string,
  ): Promise<void> {
    requestInfo.set(req, info);
    res.setHeader("x-request-id", info.id);
    if (isDraining()) res.setHeader("connection", "close");
    const method = req.method ?? "GET";
    const head = method === "HEAD";
    let body: Buffer | undefined;
    if (method !== "GET" && !head) {
      // Refuse an announced oversized body before reading any of it; a chunked one as it arrives.
      if (Number(req.headers["content-length"] ?? 0) > config.limits.bodyBytes) return tooLarge(req, res);
      try {
        body = await readBody(req, config.limits.bodyBytes);
      } catch {
        // The client went away mid-body, or framed it badly (Node answers that with 400 itself):
        // nothing to answer, and nothing wrong with the server. The access log says 499.
        return;
      }
      if (body === undefined) return tooLarge(req, res);
    }
    if (key !== undefined) info.cache = "miss";
    const response = await yoga.fetch(`http://localhost${req.url}`, { method, headers: fetchHeaders(req), body }, { req, res });
    const out = await prepare(response, encoding, head, path === endpoint);
    write(res, out, head);
    const etag = out.headers.etag;
    if (key !== undefined && out.status === 200 && etag && out.headers["cache-control"]?.startsWith("public")) {
      responses.set(key, cachedResponse(out, etag, info));
    }
  }

  /** Writes a response the handler makes itself (errors, preflights), with the common headers. */
  function writeOwn(res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
    const all: Record<string, string> = { ...COMMON_HEADERS, ...headers };
    if (body !== undefined) {
      all["content-type"] = JSON_TYPE;
      all["content-length"] = String(Buffer.byteLength(body));
    }
    res.writeHead(status, all);
    res.end(body);
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    const body = errorBody(`Request body limit of ${config.limits.bodyBytes} bytes exceeded.`, {
      code: LIMIT_CODE,
      limit: "bodyBytes",
      max: config.limits.bodyBytes,
    });
    // The rest of the body is not read: close the connection once the answer is out.
    res.writeHead(413, { ...COMMON_HEADERS, "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body), connection: "close" });
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
      writeOwn(res, 400, { "x-request-id": info.id }, errorBody("The request target must be a path (origin-form).", { code: "BAD_REQUEST" }));
      log(req, 400, info, started, ip, path);
      return;
    }
    if (limiter && path !== HEALTH_PATH && path !== READY_PATH) {
      const retryAfter = limiter.take(ip);
      if (retryAfter > 0) {
        const body = errorBody(`${rateLimitMessage} Retry after ${retryAfter} s.`, { code: "RATE_LIMITED", retryAfter });
        writeOwn(res, 429, { "retry-after": String(retryAfter), "cache-control": "no-store", "x-request-id": info.id }, body);
        log(req, 429, info, started, ip, path);
        return;
      }
    }
    if (req.method === "OPTIONS") {
      // A CORS preflight (or a plain OPTIONS): the same answer for every path and origin.
      const headers = preflightHeaders(incoming.accessControlRequestHeaders);
      headers["content-length"] = "0"; // Safari waits for a body of a 204 without it
      headers["x-request-id"] = info.id;
      if (isDraining()) headers.connection = "close";
      writeOwn(res, 204, headers);
      log(req, 204, info, started, ip, path);
      return;
    }
    const encoding = negotiateEncoding(incoming.acceptEncoding);
    // A repeated GET: answered synchronously from the cache of response bytes. The key holds what
    // the answer depends on besides the URL: the media type asked for and the coding chosen.
    let key: string | undefined;
    if (path === endpoint && req.method === "GET") {
      key = `${rawUrl}\n${incoming.accept}\n${encoding}`;
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
    handle(req, res, info, path, encoding, key).catch((error: unknown) => {
      logger.error({ reqId: info.id, err: error }, "request handler failed");
      if (res.headersSent) {
        res.destroy();
        return;
      }
      writeOwn(res, 500, { "x-request-id": info.id }, errorBody("Unexpected error.", { code: "INTERNAL_SERVER_ERROR" }));
    });
  }) as RequestHandler;

  handler.inFlight = () => inFlight;
  Object.defineProperty(handler, "responses", { value: responses });
  return handler;
}
