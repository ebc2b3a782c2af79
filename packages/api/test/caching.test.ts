/** HTTP caching (GET, Cache-Control, ETag, 304), the response cache, and persisted operations. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PERSISTED_OPERATIONS_PATH, persistedOperationId } from "../src/plugins/persisted.js";
import { production, yoga } from "../src/yoga.js";
import { countStatements, data, graphql } from "./helpers.js";

const ACCEPT = "application/graphql-response+json";

function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  const query = new URLSearchParams(params).toString();
  return yoga.fetch(`http://localhost/graphql?${query}`, { headers: { accept: ACCEPT, ...headers } });
}

function post(body: Record<string, unknown>) {
  return yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT },
    body: JSON.stringify(body),
  });
}

const METRICS = "query Metrics($first: Int) { metrics(first: $first) { totalCount edges { node { key name } } } }";

describe("GET requests and HTTP caching", () => {
  it("answers GET with Cache-Control: public, a versioned ETag, Vary: Accept and the dataset version", async () => {
    const { dataset } = await data(graphql("{ dataset { version } }"));
    const response = await get({ query: METRICS, variables: JSON.stringify({ first: 3 }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("etag")).toMatch(new RegExp(`^W/"${dataset.version}\\.[0-9a-f]{8}-[\\w-]{22}"$`));
    expect(response.headers.get("vary")).toMatch(/\bAccept\b/);
    expect(response.headers.get("x-fentrace-dataset-version")).toBe(dataset.version);
    expect(response.headers.get("last-modified")).toBeNull();
    const body = (await response.json()) as { data: { metrics: { edges: unknown[] } }; extensions: { cost: number } };
    expect(body.data.metrics.edges).toHaveLength(3);
    expect(body.extensions.cost).toBeGreaterThan(0);
  });

  it("answers 304 to a matching If-None-Match without running a query, and 200 to a stale one", async () => {
    const params = { query: METRICS, variables: JSON.stringify({ first: 2 }) };
    const first = await get(params);
    const etag = first.headers.get("etag")!;
    let notModified: Response | undefined;
    const statements = await countStatements(async () => {
      notModified = await get(params, { "if-none-match": etag });
    });
    expect(notModified!.status).toBe(304);
    expect(await notModified!.text()).toBe("");
    expect(notModified!.headers.get("etag")).toBe(etag);
    expect(notModified!.headers.get("cache-control")).toBe("public, max-age=300");
    expect(statements).toBe(0);
    // Also as a list, and in strong form.
    expect((await get(params, { "if-none-match": `"other", ${etag.slice(2)}` })).status).toBe(304);
    // An ETag of another dataset version (or another query) does not match.
    const stale = etag.replace(/^W\/"[0-9a-f]+/, 'W/"000000000000');
    expect((await get(params, { "if-none-match": stale })).status).toBe(200);
  });

  it("gives different requests different ETags", async () => {
    const a = await get({ query: METRICS, variables: JSON.stringify({ first: 1 }) });
    const b = await get({ query: METRICS, variables: JSON.stringify({ first: 2 }) });
    const c = await get({ query: "{ metrics(first: 1) { totalCount } }" });
    expect(new Set([a.headers.get("etag"), b.headers.get("etag"), c.headers.get("etag")]).size).toBe(3);
  });

  it("marks POST responses and errors no-store, without an ETag", async () => {
    const posted = await post({ query: METRICS, variables: { first: 1 } });
    expect(posted.status).toBe(200);
    expect(posted.headers.get("cache-control")).toBe("no-store");
    expect(posted.headers.get("etag")).toBeNull();
    const failed = await get({ query: '{ figure(id: "fig-does-not-exist") { slug } }' });
    expect(failed.headers.get("cache-control")).toBe("no-store");
    expect(failed.headers.get("etag")).toBeNull();
    const invalid = await get({ query: "{ nope }" });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("cache-control")).toBe("no-store");
  });

  it("answers a repeated operation from the response cache (no SQL), cost included", async () => {
    const body = { query: METRICS, variables: { first: 4 } };
    const first = await (await post(body)).text();
    let second = "";
    const statements = await countStatements(async () => {
      second = await (await post(body)).text();
    });
    expect(statements).toBe(0);
    expect(second).toBe(first);
    expect(JSON.parse(second).extensions.cost).toBeGreaterThan(0);
  });
});

describe("persisted operations", () => {
  const example = production.persisted.operations.find((operation) => operation.origin === "example")!;

  it("lists the playground's examples and the SDK's operations with their ids", async () => {
    const response = await yoga.fetch(`http://localhost${PERSISTED_OPERATIONS_PATH}`);
    expect(response.status).toBe(200);
    const listing = (await response.json()) as {
      operations: { id: string; name: string; origin: string; document: string }[];
    };
    expect(listing.operations.filter((operation) => operation.origin === "example").length).toBeGreaterThanOrEqual(8);
    for (const operation of listing.operations) {
      expect(operation.id).toBe(createHash("sha256").update(operation.document).digest("hex"));
      expect(persistedOperationId(operation.document)).toBe(operation.id);
    }
    // The id ignores comments, formatting and fragment order.
    expect(persistedOperationId(`# a comment\n${example.document.replace(/\n\s*/g, " ")}`)).toBe(example.id);
  });

  it("runs an operation by id over GET (short URL) with the same answer as its text, and caches it", async () => {
    const byText = (await (await post({ query: example.document })).json()) as { data: unknown };
    const byId = await get({ id: example.id });
    expect(byId.status).toBe(200);
    expect(((await byId.json()) as { data: unknown }).data).toEqual(byText.data);
    expect(byId.headers.get("cache-control")).toBe("public, max-age=300");
    expect((await get({ id: example.id }, { "if-none-match": byId.headers.get("etag")! })).status).toBe(304);
  });

  it("accepts the persistedQuery extension (Apollo / graphql-request), GET or POST", async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: example.id } };
    const viaGet = await get({ extensions: JSON.stringify(extensions) });
    expect(viaGet.status).toBe(200);
    const viaPost = await post({ extensions });
    expect(viaPost.status).toBe(200);
    expect(((await viaPost.json()) as { data: unknown }).data).toBeTruthy();
  });

  it("rejects an unknown id with PERSISTED_QUERY_NOT_FOUND, and a request with neither query nor id", async () => {
    const unknown = await get({ id: "0".repeat(64) });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(body.errors[0]!.message).toMatch(/persisted-operations/);
    const empty = await post({ variables: {} });
    expect(empty.status).toBe(400);
  });

  it("still allows arbitrary queries", async () => {
    const response = await post({ query: "{ metrics(first: 1) { totalCount } }" });
    expect(response.status).toBe(200);
  });
});
