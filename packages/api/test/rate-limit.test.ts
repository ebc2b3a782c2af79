/**
 * Rate-limit headers and `Query.rateLimit`, over real HTTP against the server started as a
 * process (as `pnpm serve` runs it): every response (GraphQL answers and errors, cached repeats,
 * downloads, pages that do not exist, preflights, 429s, health checks) carries RateLimit-Limit,
 * -Remaining, -Reset and -Policy (draft-ietf-httpapi-ratelimit-headers up to -06), browsers may
 * read them (CORS), and the query field gives the same numbers, never from a cache.
 *
 * The bucket refills at one token in 1,000 s, so within a test a client's remaining budget only
 * goes down, one per request; the reset is checked against the bounds the bucket implies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServer } from "./support/server-process.js";

const BURST = 40;
const PER_SECOND = 0.001;

interface Budget {
  limit: number;
  remaining: number;
  reset: number;
}

/** The budget a response's headers state; fails when one of them is missing or not a whole number. */
function budgetOf(response: Response): Budget {
  const read = (name: string) => {
    const value = response.headers.get(name);
    expect(value, `${name} on ${response.url} (${response.status})`).toMatch(/^\d+$/);
    return Number(value);
  };
  expect(response.headers.get("ratelimit-policy")).toBe(`${BURST};w=${Math.ceil(BURST / PER_SECOND)}`);
  return { limit: read("ratelimit-limit"), remaining: read("ratelimit-remaining"), reset: read("ratelimit-reset") };
}

/** The reset a token bucket implies: the seconds until `limit - remaining` (less a fraction) tokens refill. */
function expectResetFits(budget: Budget): void {
  const missing = budget.limit - budget.remaining;
  expect(budget.reset).toBeLessThanOrEqual(Math.ceil(missing / PER_SECOND));
  expect(budget.reset).toBeGreaterThan((missing - 1) / PER_SECOND);
}

const rateLimitQuery = "{ rateLimit { limit remaining resetSeconds } }";
const get = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;

describe("rate-limit headers on every response", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      RATE_LIMIT_BURST: String(BURST),
      RATE_LIMIT_PER_SECOND: String(PER_SECOND),
    });
  }, 60_000);
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it("counts down by one per request, whatever the answer, and exposes the fields to scripts", async () => {
    const units = get("{ units(first: 1) { totalCount } }");
    const first = await fetch(`${server.url}${units}`);
    await first.arrayBuffer();
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\//);
    const requests: [string, RequestInit, number][] = [
      [units, {}, 200],
      // The same GET again: answered from the response-bytes cache, with this request's budget.
      [units, {}, 200],
      // A revalidation: the response-bytes cache's 304, with this request's budget too.
      [units, { headers: { "if-none-match": etag! } }, 304],
      [
        "/graphql",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ dataset { version } }" }),
        },
        200,
      ],
      // GraphQL errors: a field that does not exist, a syntax error (400 for a GraphQL response type).
      [get("{ noSuchField }"), {}, 200],
      [get("{ units(first: 1) { totalCount } "), { headers: { accept: "application/graphql-response+json" } }, 400],
      ["/downloads/figures.csv", {}, 200],
      ["/downloads/", {}, 200],
      ["/no-such-page", {}, 404],
      ["/graphql", { method: "OPTIONS", headers: { "access-control-request-method": "POST" } }, 204],
    ];
    let previous: number | undefined;
    for (const [path, init, status] of requests) {
      const response = await fetch(`${server.url}${path}`, init);
      expect(response.status, path).toBe(status);
      await response.arrayBuffer();
      const budget = budgetOf(response);
      expect(budget.limit).toBe(BURST);
      if (previous !== undefined) expect(budget.remaining, path).toBe(previous - 1);
      expectResetFits(budget);
      previous = budget.remaining;
      const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(/\s*,\s*/);
      expect(exposed).toEqual(
        expect.arrayContaining(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"]),
      );
    }
    // Health checks are not counted, but say where the budget stands.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(budgetOf(health).remaining).toBe(previous);
    expect(budgetOf(await fetch(`${server.url}/readyz`)).remaining).toBe(previous);
  });

  it("answers rateLimit with the numbers of its own response's headers, never from a cache", async () => {
    const first = await fetch(`${server.url}${get(rateLimitQuery)}`);
    const second = await fetch(`${server.url}${get(rateLimitQuery)}`);
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("etag")).toBeNull();
    }
    const [one, two] = [
      { headers: budgetOf(first), body: (await first.json()) as { data: { rateLimit: Record<string, number> } } },
      { headers: budgetOf(second), body: (await second.json()) as { data: { rateLimit: Record<string, number> } } },
    ];
    for (const { headers, body } of [one!, two!])
      expect(body.data.rateLimit).toEqual({
        limit: headers.limit,
        remaining: headers.remaining,
        resetSeconds: headers.reset,
      });
    expect(two!.body.data.rateLimit.remaining).toBe(one!.body.data.rateLimit.remaining! - 1);
    // By POST as well (the response cache of results keeps no result with rateLimit in it).
    const post = () =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: rateLimitQuery }),
      }).then(async (response) => ({
        headers: budgetOf(response),
        body: (await response.json()) as { data: { rateLimit: { remaining: number } } },
      }));
    const [a, b] = [await post(), await post()];
    expect(a.body.data.rateLimit.remaining).toBe(a.headers.remaining);
    expect(b.body.data.rateLimit.remaining).toBe(a.headers.remaining - 1);
  });

  it("says remaining 0 on the 429 once the budget is spent, with Retry-After", async () => {
    let last: Response | undefined;
    for (let index = 0; index <= BURST; index += 1) {
      last = await fetch(`${server.url}${get("{ __typename }")}`);
      await last.arrayBuffer();
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    const budget = budgetOf(last!);
    expect(budget).toMatchObject({ limit: BURST, remaining: 0 });
    expectResetFits(budget);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Downloads are refused the same way, with the same headers.
    const download = await fetch(`${server.url}/downloads/figures.csv`);
    expect(download.status).toBe(429);
    expect(budgetOf(download).remaining).toBe(0);
  });
});

describe("without rate limiting (RATE_LIMIT_ENABLED=false, for a proxy that limits)", () => {
  it("sends no rate-limit headers and answers rateLimit with null", async () => {
    const server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      RATE_LIMIT_ENABLED: "false",
    });
    try {
      const response = await fetch(`${server.url}${get(rateLimitQuery)}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: unknown }).data).toEqual({ rateLimit: null });
      for (const name of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"])
        expect(response.headers.get(name)).toBeNull();
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
  }, 60_000);
});
