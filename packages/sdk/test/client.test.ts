/** createClient's configuration: endpoint, headers, user-agent, fetch, method, validation. */
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient, DEFAULT_ENDPOINT, VERSION } from "../src/index.js";
import { startServer, type TestServer, yoga } from "./support.js";

let api: TestServer;
beforeAll(async () => {
  api = await startServer();
});
afterAll(() => api.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("createClient", () => {
  it("VERSION is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it("sends a user-agent with the SDK version (and the app's, when given)", async () => {
    await createClient({ endpoint: api.endpoint }).units({ first: 1 });
    expect(api.requests.at(-1)?.headers["user-agent"]).toBe(`@fentrace/sdk/${VERSION} node/${process.versions.node}`);
    await createClient({ endpoint: api.endpoint, userAgent: "my-app/1.2" }).units({ first: 1 });
    expect(api.requests.at(-1)?.headers["user-agent"]).toBe(
      `my-app/1.2 @fentrace/sdk/${VERSION} node/${process.versions.node}`,
    );
  });

  it("sends static, computed and per-call headers", async () => {
    let token = 0;
    const client = createClient({ endpoint: api.endpoint, headers: () => ({ authorization: `Bearer ${++token}` }) });
    await client.units({ first: 1 });
    await client.units({ first: 1 }, { headers: { "x-trace": "abc" } });
    expect(api.requests.at(-2)?.headers.authorization).toBe("Bearer 1");
    expect(api.requests.at(-1)?.headers).toMatchObject({ authorization: "Bearer 2", "x-trace": "abc" });
    await createClient({ endpoint: api.endpoint, headers: new Headers({ "X-Static": "yes" }) }).units({ first: 1 });
    expect(api.requests.at(-1)?.headers["x-static"]).toBe("yes");
    expect(api.requests.at(-1)?.headers.accept).toContain("application/graphql-response+json");
  });

  it("defaults the endpoint to FENTRACE_ENDPOINT, then the public API", () => {
    vi.stubEnv("FENTRACE_ENDPOINT", "http://localhost:4000/graphql");
    expect(createClient().endpoint).toBe("http://localhost:4000/graphql");
    expect(createClient({ endpoint: api.endpoint }).endpoint).toBe(api.endpoint);
    vi.stubEnv("FENTRACE_ENDPOINT", "");
    expect(createClient().endpoint).toBe(DEFAULT_ENDPOINT);
    expect(DEFAULT_ENDPOINT).toBe("https://api.fentrace.org/graphql");
  });

  it("accepts any fetch: here the API's own yoga.fetch, with no server", async () => {
    const client = createClient({ endpoint: "http://yoga.test/graphql", fetch: yoga.fetch as typeof fetch });
    const { metric } = await client.metric({ key: "pills_seized" });
    expect(metric.canonicalUnit).toBe("pill");
  });

  it("calls fetch as a plain function (browsers refuse a fetch whose `this` is not the window)", async () => {
    function browserLikeFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      if (this !== undefined && this !== globalThis)
        throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
      return fetch(input, init);
    }
    const { units } = await createClient({ endpoint: api.endpoint, fetch: browserLikeFetch }).units({ first: 1 });
    expect(units.totalCount).toBe(21);
  });

  it("can send queries with GET", async () => {
    const { units } = await createClient({ endpoint: api.endpoint, method: "GET" }).units({ first: 2 });
    expect(units.edges).toHaveLength(2);
    expect(api.requests.at(-1)?.method).toBe("GET");
  });

  it("refuses invalid options", () => {
    expect(() => createClient({ endpoint: "not a url" })).toThrow(/endpoint must be an absolute URL/);
    expect(() => createClient({ retries: -1 })).toThrow(/retries must be a non-negative integer/);
    expect(() => createClient({ retries: 1.5 })).toThrow(/retries/);
    expect(() => createClient({ timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
  });

  it("names methods after their operations", () => {
    const client = createClient({ endpoint: api.endpoint });
    expect(client.figures.name).toBe("figures");
    expect(typeof client.figures.paginate).toBe("function");
  });
});
