/**
 * The Node request handler in front of Yoga: the whole path of a request, top to bottom.
 *
 *  1. The request id (the client's `X-Request-Id` when it is a plain token, else a new UUID),
 *     echoed in the response; the access log line is written when the response is finished
 *     (src/http/access-log.ts).
 *  2. A request target that is not a path: 400.
 *  3. Rate limiting per client address (token bucket, 429 with Retry-After; src/http/rate-limit.ts);
 *     health checks are exempt. The budget is counted first, so every response, errors and
 *     downloads included, carries RateLimit-Limit, -Remaining, -Reset and -Policy (health checks
 *     the budget as it stands, without spending any).
 *  4. CORS preflights (OPTIONS), answered here for every path (src/http/cors.ts).
 *  5. A repeated `GET /graphql`: answered from the response-bytes cache, 304 on a matching
 *     If-None-Match, without entering Yoga (src/http/response-cache.ts says why it is kept).
 *  6. The body, read whole up to LIMIT_BODY_BYTES (413 beyond; src/http/body.ts).
 *  7. Yoga answers; its response gets the CORS and security headers, is compressed (br or gzip,
 *     as Accept-Encoding asks) when it is text of 1 KiB or more, and is sent whole, with its
 *     length (src/http/respond.ts); a cacheable GET response is kept for step 5.
 *
 * While the server shuts down, responses carry `Connection: close` so keep-alive clients
 * reconnect elsewhere.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { YogaServerInstance } from "graphql-yoga";
import type { Config } from "./config.js";
import { logRequest, type RequestInfo, requestId, requestInfo } from "./http/access-log.js";
import { announcedTooLarge, readBody, sendTooLarge } from "./http/body.js";
import { preflightHeaders } from "./http/cors.js";
import { negotiateEncoding } from "./http/encoding.js";
import { clientAddress, rateLimitHeaders, setRateLimitState, TokenBucketLimiter } from "./http/rate-limit.js";
import { errorBody, outgoing, send, sendOwn } from "./http/respond.js";
import {
  cacheableResponse,
  createResponseCache,
  type ResponseCache,
  responseCacheKey,
  sendCached,
} from "./http/response-cache.js";
import type { Logger } from "./logger.js";
import { activeRequests, HEALTH_PATH, isDraining, READY_PATH } from "./plugins/health.js";

export interface RequestHandlerOptions {
  config: Pick<Config, "trustProxy" | "rateLimit" | "limits" | "cache">;
  logger: Logger;
  /** The GraphQL endpoint's path. */
  endpoint?: string;
}

export interface RequestHandler extends RequestListener {
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** The cache of GET responses (for tests and metrics); undefined when caching is off. */
  readonly responses: ResponseCache | undefined;
}

export function createRequestHandler(
  yoga: YogaServerInstance<Record<string, unknown>, Record<string, unknown>>,
  options: RequestHandlerOptions,
): RequestHandler {
  const { config, logger } = options;
  const endpoint = options.endpoint ?? "/graphql";
  const bodyLimit = config.limits.bodyBytes;
  const limiter = config.rateLimit.enabled ? new TokenBucketLimiter(config.rateLimit) : undefined;
  const rateLimitMessage = `Too many requests: each client may send ${config.rateLimit.perSecond} requests a second, in bursts of up to ${config.rateLimit.burst}.`;
  const responses = createResponseCache(config.cache);
  let inFlight = 0;

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    // 1. Who is asking, and the access log line for when the answer is out.
    // Node has parsed the headers already (it reads Expect and Upgrade before calling us).
    const headers = req.headers;
    const info: RequestInfo = { id: requestId(headers["x-request-id"]) };
    const url = req.url ?? "/";
    const queryStart = url.indexOf("?");
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const ip = clientAddress(req, config.trustProxy);
    const started = performance.now();
    inFlight += 1;
    activeRequests.count += 1;
    res.once("close", () => {
      inFlight -= 1;
      activeRequests.count -= 1;
      logRequest(logger, req, res, info, started, ip, path);
    });
    const draining = isDraining();
    const own: Record<string, string> = draining
      ? { "x-request-id": info.id, connection: "close" }
      : { "x-request-id": info.id };
    // The budget, counted before anything can answer, so that every response carries it.
    const exempt = path === HEALTH_PATH || path === READY_PATH;
    const budget = limiter && (exempt ? limiter.peek(ip) : limiter.spend(ip));
    if (budget) {
      setRateLimitState(req, budget);
      Object.assign(own, rateLimitHeaders(budget, limiter.policy));
    }

    // 2. Only origin-form targets (`/path?query`).
    if (url.charCodeAt(0) !== 47 /* "/" */) {
      return sendOwn(
        res,
        400,
        own,
        errorBody("The request target must be a path (origin-form).", { code: "BAD_REQUEST" }),
      );
    }

    // 3. Rate limiting.
    if (budget && budget.retryAfter > 0) {
      const retryAfter = budget.retryAfter;
      const body = errorBody(`${rateLimitMessage} Retry after ${retryAfter} s.`, { code: "RATE_LIMITED", retryAfter });
      return sendOwn(res, 429, { ...own, "retry-after": String(retryAfter), "cache-control": "no-store" }, body);
    }

    // 4. CORS preflights (and any OPTIONS): the same answer for every path and origin.
    if (req.method === "OPTIONS") {
      // Content-Length: Safari waits for the body of a 204 without it.
      return sendOwn(res, 204, {
        ...preflightHeaders(headers["access-control-request-headers"] ?? ""),
        ...own,
        "content-length": "0",
      });
    }

    // 5. A repeated GET of the endpoint, from the response-bytes cache.
    const encoding = negotiateEncoding(headers["accept-encoding"]);
    const key =
      responses && path === endpoint && req.method === "GET"
        ? responseCacheKey(url, headers.accept ?? "", encoding)
        : undefined;
    if (key !== undefined) {
      const cached = responses!.get(key);
      if (cached) {
        info.cache = "hit";
        info.operationName = cached.operationName;
        info.cost = cached.cost;
        return sendCached(res, cached, headers["if-none-match"], own);
      }
      info.cache = "miss";
    }

    // 6. and 7. The body, then Yoga.
    answerFromYoga(req, res, info, { path, encoding, key, own }).catch((error: unknown) => {
      logger.error({ reqId: info.id, err: error }, "request handler failed");
      if (res.headersSent) res.destroy();
      else sendOwn(res, 500, own, errorBody("Unexpected error.", { code: "INTERNAL_SERVER_ERROR" }));
    });
  }) as RequestHandler;

  async function answerFromYoga(
    req: IncomingMessage,
    res: ServerResponse,
    info: RequestInfo,
    request: {
      path: string;
      encoding: ReturnType<typeof negotiateEncoding>;
      key: string | undefined;
      own: Record<string, string>;
    },
  ): Promise<void> {
    const method = req.method ?? "GET";
    const head = method === "HEAD";
    let body: Buffer | undefined;
    if (method !== "GET" && !head) {
      if (announcedTooLarge(req, bodyLimit)) return sendTooLarge(req, res, bodyLimit, request.own);
      try {
        body = await readBody(req, bodyLimit);
      } catch {
        // The client went away mid-body, or framed it badly (Node answers that with 400 itself):
        // nothing to answer, and nothing wrong with the server. The access log says 499.
        return;
      }
      if (body === undefined) return sendTooLarge(req, res, bodyLimit, request.own);
    }
    // The Yoga plugins find what they add to the access log through the Node request.
    requestInfo.set(req, info);
    const response = await yoga.fetch(
      `http://localhost${req.url}`,
      { method, headers: req.headers as HeadersInit, body },
      { req, res },
    );
    const out = await outgoing(response, {
      encoding: request.encoding,
      head,
      graphql: request.path === endpoint,
      headers: request.own,
    });
    send(res, out, head);
    if (request.key !== undefined) {
      const entry = cacheableResponse(out.status, out.headers, out.body, info);
      if (entry) responses!.set(request.key, entry);
    }
  }

  handler.inFlight = () => inFlight;
  Object.defineProperty(handler, "responses", { value: responses });
  return handler;
}
