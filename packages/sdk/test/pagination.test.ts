/** paginate() / client.x.paginate(): async iteration across pages, pages(), and the bounded all(). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type FentraceClient, FentraceError, paginate } from "../src/index.js";
import { startServer, type TestServer } from "./support.js";

let server: TestServer;
let client: FentraceClient;

beforeAll(async () => {
  server = await startServer();
  client = createClient({ endpoint: server.endpoint, retries: 0 });
});
afterAll(() => server.close());

/** The `first` and `after` of each request the server received since `from` (GET by id, or POST). */
function pageRequests(from: number) {
  return server.requests.slice(from).map((request) => {
    const { variables } = (
      request.method === "GET"
        ? { variables: JSON.parse(new URL(request.url, "http://x").searchParams.get("variables") ?? "{}") }
        : JSON.parse(request.body)
    ) as { variables: { first?: number; after?: string } };
    return { first: variables.first, after: variables.after };
  });
}

describe("paginate", () => {
  it("iterates over every figure across pages, asking each page with the previous endCursor", async () => {
    const before = server.requests.length;
    const slugs: string[] = [];
    for await (const figure of paginate(client.figures, { first: 25 })) slugs.push(figure.slug);
    expect(slugs).toHaveLength(70);
    expect(new Set(slugs).size).toBe(70);
    const requests = pageRequests(before);
    expect(requests).toHaveLength(3);
    expect(requests[0]).toEqual({ first: 25, after: undefined });
    expect(requests.every((request) => request.first === 25)).toBe(true);
    expect(requests[1]?.after).toEqual(expect.any(String));
    expect(requests[2]?.after).not.toBe(requests[1]?.after);
    // Same order as one big page.
    const { figures } = await client.figures({ first: 70 });
    expect(slugs).toEqual(figures.edges.map((edge) => edge.node.slug));
  });

  it("keeps the filter and ordering on every page (client.figures.paginate)", async () => {
    const values: number[] = [];
    const filter = { operation: ["op-dea-surge-2021"], metric: { eq: "cases_by_platform" } };
    for await (const figure of client.figures.paginate(
      { filter, orderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }] },
      { pageSize: 2 },
    )) {
      // Every cases-per-platform figure states its number (none is VAGUE).
      values.push(figure.normalized.value ?? Number.NaN);
    }
    expect(values).toHaveLength(6);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it("pages() yields whole connections: edges with cursors, scores and snippets", async () => {
    const variables = { query: "fentanyl", kinds: ["FIGURE" as const, "QUOTE" as const] };
    const nodes = [];
    for await (const node of client.search.paginate(variables, { pageSize: 10 })) nodes.push(node);
    const connections = [];
    for await (const connection of client.search.paginate(variables, { pageSize: 10 }).pages())
      connections.push(connection);
    expect(connections.length).toBe(Math.ceil(connections[0]!.totalCount / 10));
    expect(connections.length).toBeGreaterThanOrEqual(3);
    expect(connections.flatMap((connection) => connection.edges.map((edge) => edge.node))).toEqual(nodes);
    expect(nodes).toHaveLength(connections[0]!.totalCount);
    expect(connections.at(-1)?.pageInfo.hasNextPage).toBe(false);
    expect(connections[0]?.edges[0]).toMatchObject({
      cursor: expect.any(String),
      score: expect.any(Number),
      snippet: expect.any(String),
    });
  });

  it("stops asking for pages when the loop stops", async () => {
    const before = server.requests.length;
    let seen = 0;
    for await (const _figure of paginate(client.figures, {}, { pageSize: 10 })) {
      if (++seen === 15) break;
    }
    expect(server.requests.length - before).toBe(2);
  });

  it("all() collects every node", async () => {
    const quotes = await client.quotes.paginate({}, { pageSize: 10 }).all();
    expect(quotes).toHaveLength(29);
    expect(await paginate(client.units).all()).toHaveLength(21);
  });

  it("all() refuses, before fetching more, a list longer than its bound", async () => {
    const before = server.requests.length;
    const error = await client.figures
      .paginate({}, { pageSize: 10 })
      .all({ max: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FentraceError);
    expect(error).toMatchObject({ kind: "limit", code: "TOO_MANY_RESULTS" });
    expect((error as Error).message).toMatch(/70 records match, more than all\(\)'s limit of 50/);
    expect(server.requests.length - before).toBe(1);
    expect(await client.figures.paginate({}, { pageSize: 10 }).all({ max: 70 })).toHaveLength(70);
  });

  it("passes errors through as FentraceError", async () => {
    const error = await paginate(client.figures, {}, { pageSize: 500 })
      .all()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "graphql", code: "BAD_USER_INPUT" });
  });

  it("refuses a page that claims a next page without a new cursor", async () => {
    let calls = 0;
    const stuck = async () => {
      calls += 1;
      return {
        things: { edges: [{ node: calls }], pageInfo: { hasNextPage: true, endCursor: "same" }, totalCount: 9 },
      };
    };
    const error = await paginate(stuck)
      .all()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid-response", code: "INVALID_RESPONSE" });
    expect(calls).toBe(2);
  });
});
