/**
 * Every failure is a FentraceError with a kind and a code, the GraphQL errors, the partial data,
 * the HTTP status and the request; no graphql-request or fetch error escapes.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { ClientError } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type FentraceClient, FentraceError } from "../src/index.js";
import { closedEndpoint, json, startServer, type TestServer } from "./support.js";

let api: TestServer;
let client: FentraceClient;

beforeAll(async () => {
  api = await startServer();
  client = createClient({ endpoint: api.endpoint, retries: 0 });
});
afterAll(() => api.close());

async function failure(promise: Promise<unknown>): Promise<FentraceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FentraceError);
  expect(error).not.toBeInstanceOf(ClientError);
  return error as FentraceError;
}

describe("GraphQL errors", () => {
  it("BAD_USER_INPUT: code, errors, status, request", async () => {
    const error = await failure(client.figures({ first: 500 }));
    expect(error).toMatchObject({
      name: "FentraceError",
      kind: "graphql",
      code: "BAD_USER_INPUT",
      status: 200,
      data: null,
      attempts: 1,
    });
    expect(error.errors[0]).toMatchObject({
      message: 'Argument "first" must be between 0 and 100 (got 500).',
      extensions: { argument: "first" },
    });
    expect(error.message).toBe('figures: Argument "first" must be between 0 and 100 (got 500). [BAD_USER_INPUT]');
    expect(error.request).toMatchObject({
      endpoint: api.endpoint,
      operationName: "figures",
      variables: { first: 500 },
    });
    expect(error.request.query).toMatch(/^query figures\(/);
    expect(error.cause).toBeInstanceOf(ClientError);
  });

  it("NOT_FOUND for an unknown slug", async () => {
    const error = await failure(client.figure({ id: "fig-does-not-exist" }));
    expect(error).toMatchObject({ kind: "graphql", code: "NOT_FOUND" });
    expect(error.errors[0]?.path).toEqual(["figure"]);
  });

  it("keeps partial data: nodes() with one unknown ID", async () => {
    const { figures } = await client.figures({ first: 1 });
    const id = figures.edges[0]!.node.id;
    const error = await failure(client.nodes({ ids: [id, "not-a-global-id"] }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.path).toEqual(["nodes", 1]);
    const data = error.data as { nodes: ({ id: string } | null)[] };
    expect(data.nodes[0]?.id).toBe(id);
    expect(data.nodes[1]).toBeNull();
  });

  it("GRAPHQL_VALIDATION_FAILED (HTTP 400) for an invalid custom query, sent once", async () => {
    const before = api.requests.length;
    const retrying = createClient({ endpoint: api.endpoint, retries: 3, retryDelayMs: 1 });
    const error = await failure(retrying.request<{ nope: string }>("query Broken { nope }"));
    expect(error).toMatchObject({ kind: "graphql", code: "GRAPHQL_VALIDATION_FAILED", status: 400 });
    expect(error.request).toMatchObject({ operationName: "Broken", query: "query Broken { nope }" });
    expect(api.requests.length - before).toBe(1);
  });

  it("GRAPHQL_PARSE_FAILED for a document that does not parse", async () => {
    const error = await failure(client.request<unknown>("query {"));
    expect(error).toMatchObject({ kind: "graphql", code: "GRAPHQL_PARSE_FAILED", status: 400 });
  });

  it("FentraceError.is recognises errors across copies of the SDK", async () => {
    const error = await failure(client.figure({ id: "fig-does-not-exist" }));
    expect(FentraceError.is(error)).toBe(true);
    expect(FentraceError.is({ ...error })).toBe(false);
    expect(FentraceError.is(Object.assign(new Error("x"), { [Symbol.for("@fentrace/sdk.FentraceError")]: true }))).toBe(
      true,
    );
    expect(FentraceError.is(new Error("x"))).toBe(false);
  });
});

describe("transport errors", () => {
  it("network: nothing listens at the endpoint", async () => {
    const endpoint = await closedEndpoint();
    const error = await failure(createClient({ endpoint, retries: 0 }).dataset());
    expect(error).toMatchObject({ kind: "network", code: "NETWORK_ERROR", status: undefined, attempts: 1 });
    expect(error.message).toMatch(
      /^dataset: could not reach http:\/\/127\.0\.0\.1:\d+\/graphql \(1 attempt\): fetch failed \(ECONNREFUSED\)\.$/,
    );
    expect(error.request).toMatchObject({ endpoint, operationName: "dataset" });
  });

  it("timeout: the server never answers", async () => {
    const silent = await startServer(() => {});
    try {
      const started = Date.now();
      const error = await failure(createClient({ endpoint: silent.endpoint, timeoutMs: 100, retries: 0 }).dataset());
      expect(error).toMatchObject({ kind: "timeout", code: "TIMEOUT", attempts: 1 });
      expect(error.message).toMatch(/within 100 ms/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await silent.close();
    }
  });

  it("timeout: the body stalls after the headers", async () => {
    const stalling = await startServer((_hit, _request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"data":');
    });
    try {
      const error = await failure(createClient({ endpoint: stalling.endpoint, timeoutMs: 100, retries: 0 }).dataset());
      expect(error.kind).toBe("timeout");
    } finally {
      await stalling.close();
    }
  });

  it("aborted: the caller's signal (per call, or the client's)", async () => {
    const silent = await startServer(() => {});
    try {
      const controller = new AbortController();
      const pending = createClient({ endpoint: silent.endpoint }).dataset({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      expect(await failure(pending)).toMatchObject({ kind: "aborted", code: "ABORTED" });

      const clientWide = new AbortController();
      clientWide.abort();
      const error = await failure(createClient({ endpoint: silent.endpoint, signal: clientWide.signal }).dataset());
      expect(error).toMatchObject({ kind: "aborted", code: "ABORTED", attempts: 0 });
      expect(
        await failure(createClient({ endpoint: silent.endpoint }).dataset({}, { signal: AbortSignal.timeout(30) })),
      ).toMatchObject({
        kind: "timeout",
      });
    } finally {
      await silent.close();
    }
  });

  it("http: a 5xx without a GraphQL body", async () => {
    const broken = await startServer((_hit, _request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<h1>Bad gateway</h1>");
    });
    try {
      const error = await failure(createClient({ endpoint: broken.endpoint, retries: 0 }).dataset());
      expect(error).toMatchObject({ kind: "http", code: "SERVER_ERROR", status: 502, errors: [] });
      expect(error.message).toBe(`dataset: HTTP 502 from ${broken.endpoint}`);
      expect(error.headers?.get("content-type")).toBe("text/html");
    } finally {
      await broken.close();
    }
  });

  it("http: 404 and 429 codes", async () => {
    const server = await startServer((hit, _request, response) => {
      if (hit === 1) json(response, 404, { message: "no such route" });
      else json(response, 429, { errors: [{ message: "Slow down." }] }, { "retry-after": "120" });
    });
    try {
      const c = createClient({ endpoint: server.endpoint, retries: 0 });
      expect(await failure(c.dataset())).toMatchObject({ kind: "http", code: "HTTP_ERROR", status: 404 });
      const limited = await failure(c.dataset());
      expect(limited).toMatchObject({ kind: "http", code: "RATE_LIMITED", status: 429, retryAfterMs: 120_000 });
      expect(limited.errors[0]?.message).toBe("Slow down.");
    } finally {
      await server.close();
    }
  });

  it("invalid-response: a 200 that is not GraphQL (wrong endpoint)", async () => {
    const html = await startServer((_hit, _request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<!doctype html><title>Not an API</title>");
    });
    try {
      const error = await failure(createClient({ endpoint: html.endpoint, retries: 0 }).dataset());
      expect(error).toMatchObject({ kind: "invalid-response", code: "INVALID_RESPONSE", status: 200 });
      expect(error.message).toMatch(/text\/html, not a GraphQL response/);
    } finally {
      await html.close();
    }
  });

  it("invalid-response: truncated JSON", async () => {
    const truncated = await startServer((_hit, _request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"data": {"dataset": ');
    });
    try {
      const error = await failure(createClient({ endpoint: truncated.endpoint, retries: 0 }).dataset());
      expect(error).toMatchObject({ kind: "invalid-response", code: "INVALID_RESPONSE" });
    } finally {
      await truncated.close();
    }
  });
});

describe("request() with a TypedDocumentNode", () => {
  it("runs and maps errors like the generated methods", async () => {
    const { parse } = await import("graphql");
    const document = parse(
      "query Count($metric: String!) { figures(filter: { metric: { eq: $metric } }) { totalCount } }",
    ) as TypedDocumentNode<{ figures: { totalCount: number } }, { metric: string }>;
    expect((await client.request(document, { metric: "cases_by_platform" })).figures.totalCount).toBeGreaterThan(0);
    const error = await failure(client.request(document, { metric: 1 as unknown as string }));
    expect(error).toMatchObject({ kind: "graphql", request: { operationName: "Count" } });
  });
});
