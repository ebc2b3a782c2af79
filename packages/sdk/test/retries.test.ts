/**
 * Retries with backoff for network errors, timeouts, 429 (honouring Retry-After) and 5xx only,
 * never for GraphQL errors; against local servers that fail on purpose, then hand requests on to
 * the real API. Backoff is set to a few milliseconds so the tests do not sleep.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createClient, type FentraceError } from "../src/index.js";
import { parseRetryAfter } from "../src/transport.js";
import { json, startServer, type TestServer } from "./support.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(behaviour: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const started = await startServer(behaviour);
  servers.push(started);
  return started;
}

const fast = { retryDelayMs: 1, maxRetryDelayMs: 5_000 };

describe("retries", () => {
  it("retries 503 and 500 with backoff, then succeeds", async () => {
    const flaky = await server((hit, _request, response) => {
      if (hit === 1) return json(response, 503, { errors: [{ message: "Starting up." }] });
      if (hit === 2) return json(response, 500, {});
      return "api";
    });
    const { dataset } = await createClient({ endpoint: flaky.endpoint, retries: 2, ...fast }).dataset();
    expect(dataset.counts.figures).toBe(70);
    expect(flaky.requests).toHaveLength(3);
    // Every attempt sends the same operation.
    expect(new Set(flaky.requests.map((request) => request.body)).size).toBe(1);
  });

  it("gives up after `retries` retries with the last status", async () => {
    const down = await server((_hit, _request, response) => json(response, 500, {}));
    const error = (await createClient({ endpoint: down.endpoint, retries: 3, ...fast })
      .dataset()
      .catch((e: unknown) => e)) as FentraceError;
    expect(error).toMatchObject({ kind: "http", code: "SERVER_ERROR", status: 500, attempts: 4 });
    expect(down.requests).toHaveLength(4);
  });

  it("backs off exponentially", async () => {
    const times: number[] = [];
    const down = await server((_hit, _request, response) => {
      times.push(Date.now());
      json(response, 503, {});
    });
    await createClient({ endpoint: down.endpoint, retries: 3, retryDelayMs: 40 })
      .dataset()
      .catch(() => {});
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    // 40, 80, 160 ms, each with jitter between 50 % and 100 %.
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]!).toBeLessThan(600);
  });

  it("honours Retry-After on 429 (delta-seconds)", async () => {
    const limited = await server((hit, _request, response) =>
      hit === 1 ? json(response, 429, { errors: [{ message: "Too many requests." }] }, { "retry-after": "1" }) : "api",
    );
    const started = Date.now();
    await createClient({ endpoint: limited.endpoint, retries: 1, ...fast }).units({ first: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(limited.requests).toHaveLength(2);
  });

  it("does not retry when Retry-After asks for longer than maxRetryDelayMs", async () => {
    const limited = await server((_hit, _request, response) => json(response, 429, {}, { "retry-after": "3600" }));
    const error = (await createClient({ endpoint: limited.endpoint, retries: 5, ...fast })
      .units()
      .catch((e: unknown) => e)) as FentraceError;
    expect(error).toMatchObject({
      kind: "http",
      code: "RATE_LIMITED",
      status: 429,
      retryAfterMs: 3_600_000,
      attempts: 1,
    });
    expect(limited.requests).toHaveLength(1);
  });

  it("retries network errors (connection reset)", async () => {
    const resetting = await server((hit, request) => {
      if (hit <= 2) return void request.socket.destroy();
      return "api";
    });
    const { units } = await createClient({ endpoint: resetting.endpoint, retries: 2, ...fast }).units({ first: 1 });
    expect(units.totalCount).toBe(21);
    expect(resetting.requests).toHaveLength(3);

    const dead = await server((_hit, request) => void request.socket.destroy());
    const error = (await createClient({ endpoint: dead.endpoint, retries: 1, ...fast })
      .units()
      .catch((e: unknown) => e)) as FentraceError;
    expect(error).toMatchObject({ kind: "network", code: "NETWORK_ERROR", attempts: 2 });
    expect(error.message).toMatch(/\(2 attempts\): fetch failed/);
    expect(dead.requests).toHaveLength(2);
  });

  it("retries timeouts, each attempt with its own timeout", async () => {
    // The second answer is canned (not the API's) so that it always comes well within the timeout.
    const units = {
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    };
    const slowFirst = await server((hit, _request, response) =>
      hit === 1 ? undefined : json(response, 200, { data: { units } }),
    );
    const result = await createClient({ endpoint: slowFirst.endpoint, timeoutMs: 200, retries: 1, ...fast }).units({
      first: 1,
    });
    expect(result.units).toEqual(units);
    expect(slowFirst.requests).toHaveLength(2);

    const silent = await server(() => {});
    const error = (await createClient({ endpoint: silent.endpoint, timeoutMs: 50, retries: 2, ...fast })
      .units()
      .catch((e: unknown) => e)) as FentraceError;
    expect(error).toMatchObject({ kind: "timeout", code: "TIMEOUT", attempts: 3 });
    expect(silent.requests).toHaveLength(3);
  });

  it("never retries GraphQL errors, 4xx, or a 5xx carrying a validation error", async () => {
    const api = await server(() => "api");
    const client = createClient({ endpoint: api.endpoint, retries: 3, ...fast });
    await expect(client.figures({ first: 500 })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(client.figure({ id: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.request<unknown>("{ nope }")).rejects.toMatchObject({
      code: "GRAPHQL_VALIDATION_FAILED",
      status: 400,
    });
    expect(api.requests).toHaveLength(3);

    const strict = await server((hit, _request, response) =>
      hit === 1
        ? json(response, 404, { errors: [{ message: "Not here." }] })
        : json(response, 500, {
            errors: [{ message: "Cannot query field.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
          }),
    );
    const other = createClient({ endpoint: strict.endpoint, retries: 3, ...fast });
    await expect(other.units()).rejects.toMatchObject({ status: 404 });
    await expect(other.units()).rejects.toMatchObject({ status: 500, code: "GRAPHQL_VALIDATION_FAILED" });
    expect(strict.requests).toHaveLength(2);
  });

  it("stops waiting between attempts when aborted", async () => {
    const down = await server((_hit, _request, response) => json(response, 503, {}));
    const controller = new AbortController();
    const pending = createClient({ endpoint: down.endpoint, retries: 5, retryDelayMs: 10_000 }).units(
      {},
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ kind: "aborted", code: "ABORTED" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(down.requests).toHaveLength(1);
  });

  it("retries: 0 sends once", async () => {
    const down = await server((_hit, _request, response) => json(response, 503, {}));
    await expect(createClient({ endpoint: down.endpoint, retries: 0 }).units()).rejects.toMatchObject({ status: 503 });
    expect(down.requests).toHaveLength(1);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
