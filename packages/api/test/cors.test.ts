/**
 * CORS over real HTTP: a public, read-only API answers every origin (`null` and none included)
 * with `Access-Control-Allow-Origin: *` and never allows credentials; preflights keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Listening, listen, type RawResponse, raw } from "./support/http.js";

const QUERY = "{ metrics(first: 1) { totalCount } }";
const ORIGINS: [string, Record<string, string>][] = [
  ["Origin: https://evil.example", { origin: "https://evil.example" }],
  ["Origin: null", { origin: "null" }],
  ["no Origin", {}],
];

let app: Listening;
beforeAll(async () => {
  app = await listen();
});
afterAll(() => app.close());

function expectOpen(response: RawResponse): void {
  expect(response.headers["access-control-allow-origin"]).toBe("*");
  expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
  // The answer is the same for every origin: nothing to vary by.
  expect(String(response.headers.vary ?? "")).not.toMatch(/\borigin\b/i);
}

describe.each(ORIGINS)("CORS with %s", (_label, origin) => {
  it("GET and POST /graphql: any origin may read, without credentials", async () => {
    // Twice for GET: the second answer comes from the response-bytes cache.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const got = await raw(app.url, `/graphql?query=${encodeURIComponent(QUERY)}`, {
        headers: { ...origin, accept: "application/json" },
      });
      expect(got.status).toBe(200);
      expectOpen(got);
      // What a script may read besides the safelisted headers: the SDK reads Retry-After, a page
      // its rate-limit budget.
      expect(got.headers["access-control-expose-headers"]).toBe(
        "ETag, Retry-After, X-Request-Id, X-Fentrace-Dataset-Version, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy",
      );
    }
    const posted = await raw(app.url, "/graphql", {
      method: "POST",
      headers: { ...origin, "content-type": "application/json" },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(posted.status).toBe(200);
    expectOpen(posted);
  });

  it("OPTIONS /graphql (a preflight): 204 with the methods and the headers asked for", async () => {
    const preflight = await raw(app.url, "/graphql", {
      method: "OPTIONS",
      headers: {
        ...origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-request-id",
      },
    });
    expect(preflight.status).toBe(204);
    expectOpen(preflight);
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD, POST, OPTIONS");
    expect(preflight.headers["access-control-allow-headers"]).toBe("content-type, x-request-id");
    expect(preflight.headers["access-control-max-age"]).toBe("7200");
    expect(preflight.headers["content-length"]).toBe("0");
    expect(preflight.body.length).toBe(0);
  });

  it("GET and OPTIONS /downloads/figures.csv", async () => {
    const csv = await raw(app.url, "/downloads/figures.csv", { headers: origin });
    expect(csv.status).toBe(200);
    expectOpen(csv);
    const preflight = await raw(app.url, "/downloads/figures.csv", {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" },
    });
    expect(preflight.status).toBe(204);
    expectOpen(preflight);
    expect(preflight.headers["access-control-allow-headers"]).toBe("if-none-match");
  });
});

describe("CORS on the handler's own answers", () => {
  it("lets a script read a refusal (413) and ignores a malformed Access-Control-Request-Headers", async () => {
    const tooLarge = await raw(app.url, "/graphql", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: "x".repeat(200_000),
    });
    expect(tooLarge.status).toBe(413);
    expectOpen(tooLarge);
    const preflight = await raw(app.url, "/graphql", {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type; x",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-headers"]).toBeUndefined();
  });
});
