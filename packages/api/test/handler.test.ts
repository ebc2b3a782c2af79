/**
 * The request handler in front of Yoga, over real HTTP on 127.0.0.1: request ids and access logs,
 * rate limiting, the body limit, the cache of GET responses, and the health endpoints.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, DEFAULT_LIMITS } from "../src/config.js";
import { createRequestHandler, type RequestHandler } from "../src/handler.js";
import { clientAddress, TokenBucketLimiter } from "../src/http/rate-limit.js";
import { markDraining } from "../src/plugins/health.js";
import { yoga } from "../src/yoga.js";
import { countStatements } from "./helpers.js";

type LogLine = Record<string, unknown>;

interface Running {
  url: string;
  server: Server;
  handler: RequestHandler;
  logs: LogLine[];
}

const baseConfig: Pick<Config, "trustProxy" | "rateLimit" | "limits" | "cache"> = {
  trustProxy: 0,
  rateLimit: { enabled: false, perSecond: 1, burst: 3 },
  limits: DEFAULT_LIMITS,
  cache: { enabled: true, maxAge: 300, maxEntries: 100, maxBytes: 1_000_000 },
};

async function start(overrides: Partial<typeof baseConfig> = {}): Promise<Running> {
  const logs: LogLine[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const handler = createRequestHandler(yoga as never, { config: { ...baseConfig, ...overrides }, logger });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, handler, logs };
}

function stop(running: Running): Promise<void> {
  running.server.closeAllConnections();
  return new Promise((resolve) => running.server.close(() => resolve()));
}

/** Waits until the access log line of a response has been written (on the response's close). */
async function logFor(running: Running, requestId: string): Promise<LogLine> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const line = running.logs.find((entry) => entry.reqId === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no log line for ${requestId}`);
}

const QUERY = "query Units { units(first: 2) { totalCount edges { node { key } } } }";
const graphqlGet = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;

describe("request handler", () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(() => stop(running));

  it("echoes a request id (or makes one) and logs one JSON line per request", async () => {
    const given = await fetch(`${running.url}${graphqlGet(QUERY)}`, { headers: { "x-request-id": "abc-123" } });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const line = await logFor(running, "abc-123");
    expect(line).toMatchObject({
      msg: "request",
      method: "GET",
      path: "/graphql",
      status: 200,
      operation: "Units",
      ip: "127.0.0.1",
    });
    expect(line.cost).toBeGreaterThan(0);
    expect(typeof line.ms).toBe("number");
    const made = await fetch(`${running.url}/healthz`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a repeated GET from the response-bytes cache, without Yoga or SQL, with 304 on If-None-Match", async () => {
    const url = `${running.url}${graphqlGet("{ units(first: 3) { totalCount } }")}`;
    const first = await fetch(url, { headers: { "x-request-id": "first" } });
    const body = await first.text();
    expect((await logFor(running, "first")).cache).toBe("miss");
    let second: Response | undefined;
    const statements = await countStatements(async () => {
      second = await fetch(url, { headers: { "x-request-id": "second" } });
    });
    expect(statements).toBe(0);
    expect(await second!.text()).toBe(body);
    expect(second!.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second!.headers.get("cache-control")).toBe("public, max-age=300");
    expect(second!.headers.get("x-request-id")).toBe("second");
    expect(await logFor(running, "second")).toMatchObject({ cache: "hit", status: 200 });
    const notModified = await fetch(url, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  });

  it("keeps apart the responses for different Accept headers", async () => {
    const url = `${running.url}${graphqlGet("{ units(first: 4) { totalCount } }")}`;
    const json = await fetch(url, { headers: { accept: "application/json" } });
    const graphql = await fetch(url, { headers: { accept: "application/graphql-response+json" } });
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(graphql.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });

  it("serves POST through Yoga and answers the health endpoints", async () => {
    const posted = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get("cache-control")).toBe("no-store");
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", datasetVersion: expect.any(String) });
  });

  it("refuses a request body above LIMIT_BODY_BYTES with 413, and accepts one of exactly that size", async () => {
    const limit = DEFAULT_LIMITS.bodyBytes;
    const bodyOf = (size: number) => {
      const base = JSON.stringify({ query: "{ __typename }", variables: { pad: "" } });
      return JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(size - base.length) } });
    };
    expect(bodyOf(limit)).toHaveLength(limit);
    const accepted = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: bodyOf(limit),
    });
    expect(accepted.status).toBe(200);
    const refused = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: bodyOf(limit + 1),
    });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: `Request body limit of ${limit} bytes exceeded.`,
          extensions: { code: "QUERY_LIMIT_EXCEEDED", limit: "bodyBytes", max: limit },
        },
      ],
    });
  });

  it("refuses an oversized chunked body (no Content-Length) as it arrives", async () => {
    const { port } = running.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, path: "/graphql", method: "POST", headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      const chunk = "x".repeat(64 * 1024);
      for (let index = 0; index < 4; index += 1) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it("does not report a badly framed body as a server error", async () => {
    const { port } = running.server.address() as AddressInfo;
    const errorsBefore = running.logs.filter((line) => (line.level as number) >= 50).length;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end(
          "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
        );
      });
      let received = "";
      socket.on("data", (chunk) => (received += chunk));
      socket.on("close", () => resolve(received));
      socket.on("error", () => resolve(received));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    // The access log line (on close) is the only trace: no "request handler failed".
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running.logs.filter((line) => (line.level as number) >= 50).length).toBe(errorsBefore);
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a client's bucket is empty, per client address", async () => {
    const running = await start({ rateLimit: { enabled: true, perSecond: 0.5, burst: 3 }, trustProxy: 1 });
    try {
      const call = (forwardedFor: string, path = graphqlGet(QUERY)) =>
        fetch(`${running.url}${path}`, { headers: { "x-forwarded-for": forwardedFor } });
      for (let index = 0; index < 3; index += 1) expect((await call("203.0.113.1")).status).toBe(200);
      const limited = await call("203.0.113.1");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("2");
      const body = (await limited.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: "RATE_LIMITED", retryAfter: 2 });
      expect(body.errors[0]!.message).toMatch(
        /^Too many requests: each client may send 0.5 requests a second, in bursts of up to 3\. Retry after 2 s\.$/,
      );
      // Another client (as the trusted proxy reports it) has its own bucket; health checks are never limited.
      expect((await call("198.51.100.7")).status).toBe(200);
      expect((await call("203.0.113.1", "/healthz")).status).toBe(200);
      expect((await call("203.0.113.1", "/readyz")).status).toBe(200);
      // A client cannot escape by prepending addresses of its own: only the proxy's entry counts.
      expect((await call("10.9.9.9, 203.0.113.1")).status).toBe(429);
    } finally {
      await stop(running);
    }
  });

  it("refills buckets at the configured rate (token bucket)", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 4, now: () => now });
    for (let index = 0; index < 4; index += 1) expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    now += 500; // one token back
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    now += 10_000; // full again, never more than the burst
    for (let index = 0; index < 4; index += 1) expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    expect(limiter.take("b")).toBe(0);
  });

  it("forgets idle clients instead of growing without bound", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 2, maxClients: 100, now: () => now });
    for (let index = 0; index < 1000; index += 1) {
      limiter.take(`client-${index}`);
      now += 1;
    }
    expect(limiter.clients).toBeLessThanOrEqual(100);
  });

  it("takes the client address from X-Forwarded-For only behind trusted proxies", () => {
    const req = (peer: string, forwarded?: string) =>
      ({ socket: { remoteAddress: peer }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} }) as never;
    expect(clientAddress(req("::ffff:127.0.0.1", "1.2.3.4"), 0)).toBe("127.0.0.1");
    expect(clientAddress(req("127.0.0.1", "1.2.3.4"), 1)).toBe("1.2.3.4");
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, 1.2.3.4"), 1)).toBe("1.2.3.4");
    expect(clientAddress(req("127.0.0.1", "1.2.3.4, 10.0.0.2"), 2)).toBe("1.2.3.4");
    expect(clientAddress(req("127.0.0.1"), 1)).toBe("127.0.0.1");
  });
});

describe("shutting down", () => {
  it("answers /readyz with 503 and asks keep-alive clients to close once draining", async () => {
    const running = await start();
    try {
      markDraining();
      const ready = await fetch(`${running.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "draining" });
      expect(ready.headers.get("connection")).toBe("close");
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await stop(running);
    }
  });
});
