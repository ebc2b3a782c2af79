/**
 * Security headers over real HTTP: a Content-Security-Policy without inline script on the
 * playground and the web page (no framing, no plugins, no <base>, talking only to this origin),
 * and nosniff, no framing and a Referrer-Policy on every response, JSON and CSV included.
 * (Chromium checks that both pages still work under their policy: packages/web/test/browser.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Listening, listen, listenToWebPage, type RawResponse, raw } from "./support/http.js";

/** A policy as directive name → source list. */
function directives(response: RawResponse): Record<string, string[]> {
  const header = response.headers["content-security-policy"];
  expect(typeof header).toBe("string");
  return Object.fromEntries(
    String(header)
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** What both pages' policies must say. */
function expectPagePolicy(policy: Record<string, string[]>): void {
  expect(policy["script-src"]).toEqual(["'self'"]); // no inline script, no eval, no other host
  expect(policy["connect-src"]).toEqual(["'self'"]);
  expect(policy["object-src"]).toEqual(["'none'"]);
  expect(policy["base-uri"]).toEqual(["'none'"]);
  expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  for (const sources of Object.values(policy)) {
    expect(sources).not.toContain("*");
    expect(sources.filter((source) => /^https?:/.test(source))).toEqual([]);
  }
}

function expectCommon(response: RawResponse): void {
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["x-frame-options"]).toBe("DENY");
  expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
}

let app: Listening;
beforeAll(async () => {
  app = await listen();
});
afterAll(() => app.close());

describe("the playground (GET /graphql from a browser)", () => {
  it("has a CSP that allows its own files and workers only, and may not be framed", async () => {
    const page = await raw(app.url, "/graphql", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expectCommon(page);
    const policy = directives(page);
    expectPagePolicy(policy);
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["worker-src"]).toEqual(["'self'"]);
    expect(policy["form-action"]).toEqual(["'none'"]);
  });
});

describe("the web page", () => {
  let web: Listening;
  beforeAll(async () => {
    web = await listenToWebPage({
      "index.html":
        '<!doctype html><title>Fentrace</title><script type="module" src="/assets/index-abc123.js"></script>',
      "assets/index-abc123.js": "console.log(1);",
    });
  });
  afterAll(() => web.close());

  it("has a CSP with script-src 'self', and may not be framed", async () => {
    const page = await raw(web.url, "/");
    expect(page.status).toBe(200);
    expectCommon(page);
    const policy = directives(page);
    expectPagePolicy(policy);
    expect(policy["style-src"]).toEqual(["'self'"]); // its stylesheet only: no inline styles either
    expectCommon(await raw(web.url, "/assets/index-abc123.js"));
  });

  it("still has one when it is not built", async () => {
    const empty = await listenToWebPage(null);
    try {
      const page = await raw(empty.url, "/");
      expect(page.status).toBe(503);
      expectCommon(page);
      expect(directives(page)["script-src"]).toBeUndefined(); // default-src 'none': no script at all
      expect(directives(page)["default-src"]).toEqual(["'none'"]);
    } finally {
      await empty.close();
    }
  });
});

describe("every other response", () => {
  it("JSON (GET, POST, errors), CSV, the downloads index and the health check: nosniff, no framing, a Referrer-Policy", async () => {
    const responses = await Promise.all([
      raw(app.url, `/graphql?query=${encodeURIComponent("{ __typename }")}`, {
        headers: { accept: "application/json" },
      }),
      raw(app.url, "/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      }),
      raw(app.url, "/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }),
      raw(app.url, "/downloads/figures.csv"),
      raw(app.url, "/downloads/figures.json"),
      raw(app.url, "/downloads/"),
      raw(app.url, "/downloads/nothing.csv"),
      raw(app.url, "/healthz"),
    ]);
    expect(responses.map((response) => response.status)).toEqual([
      200,
      200,
      responses[2]!.status,
      200,
      200,
      200,
      404,
      200,
    ]);
    expect(JSON.parse(responses[2]!.text()).errors).toHaveLength(1); // malformed JSON: an error, whatever its status
    for (const response of responses) {
      expectCommon(response);
      expect(directives(response)["frame-ancestors"]).toEqual(["'none'"]);
    }
    // A document made of data may load nothing at all.
    expect(directives(responses[3]!)["default-src"]).toEqual(["'none'"]);
    expect(directives(responses[0]!)["default-src"]).toEqual(["'none'"]);
    // The downloads index has one inline stylesheet and no script.
    const index = directives(responses[5]!);
    expect(index["default-src"]).toEqual(["'none'"]);
    expect(index["style-src"]).toEqual(["'unsafe-inline'"]);
  });
});
