/**
 * Content coding over real HTTP: every text response of 1 KiB or more is sent as brotli or gzip
 * as the client's Accept-Encoding asks (q-values honoured; no header or `identity`: uncompressed),
 * with `Vary: Accept-Encoding`, the right Content-Length, and 304s that still work, per coding:
 * GraphQL results (GET, from the response-bytes cache too, and POST), the downloads, and the web
 * page's files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Listening, listen, listenToWebPage, type RawResponse, raw } from "./support/http.js";

/** A result of about 1.6 KB. */
const QUERY = "{ metrics(first: 20) { totalCount edges { node { key name } } } }";
const get = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;

let app: Listening;
beforeAll(async () => {
  app = await listen();
});
afterAll(() => app.close());

function expectWhole(response: RawResponse): void {
  expect(Number(response.headers["content-length"])).toBe(response.body.length);
}

function varyNames(response: RawResponse): string[] {
  return String(response.headers.vary ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase());
}

describe("GraphQL responses", () => {
  it("are compressed as Accept-Encoding asks, q-values honoured, and uncompressed without it", async () => {
    const path = get(QUERY);
    const plain = await raw(app.url, path);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    expectWhole(plain);
    expect(varyNames(plain)).toContain("accept-encoding");
    const cases: [string, string | undefined][] = [
      ["gzip, deflate, br", "br"],
      ["br", "br"],
      ["*", "br"],
      ["gzip;q=1.0, br;q=0.5", "gzip"],
      ["GZIP", "gzip"],
      ["identity", undefined],
      ["br;q=0, gzip;q=0", undefined],
      ["identity;q=1, br;q=0.5", undefined],
      ["deflate", undefined],
    ];
    for (const [acceptEncoding, expected] of cases) {
      // Twice: the first answer is made by Yoga, the second comes from the response-bytes cache.
      for (const attempt of ["miss", "hit"]) {
        const response = await raw(app.url, path, { headers: { "accept-encoding": acceptEncoding } });
        expect({ acceptEncoding, attempt, coding: response.headers["content-encoding"] }).toEqual({
          acceptEncoding,
          attempt,
          coding: expected,
        });
        expectWhole(response);
        expect(varyNames(response)).toContain("accept-encoding");
        expect(JSON.parse(response.text())).toEqual(JSON.parse(plain.text()));
        if (expected) expect(response.body.length).toBeLessThan(plain.body.length / 2);
      }
    }
  });

  it("answer 304 to the ETag of each coding, from Yoga and from the response-bytes cache", async () => {
    const path = get("{ metrics(first: 19) { totalCount edges { node { key name } } } }");
    for (const acceptEncoding of ["br", "gzip", "identity"]) {
      const first = await raw(app.url, path, { headers: { "accept-encoding": acceptEncoding } });
      const etag = first.headers.etag!;
      expect(etag).toMatch(/^W\//);
      const again = await raw(app.url, path, { headers: { "accept-encoding": acceptEncoding, "if-none-match": etag } });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers["content-encoding"]).toBeUndefined();
      expect(varyNames(again)).toContain("accept-encoding");
    }
    // A query this process has not answered yet: the 304 is Yoga's (the cache of bytes is empty).
    const fresh = get("{ metrics(first: 18) { totalCount edges { node { key name } } } }");
    const known = await raw(app.url, fresh, { headers: { "accept-encoding": "br" } });
    const other = await listen();
    try {
      const notModified = await raw(other.url, fresh, {
        headers: { "accept-encoding": "br", "if-none-match": known.headers.etag! },
      });
      expect(notModified.status).toBe(304);
      expect(varyNames(notModified)).toContain("accept-encoding");
    } finally {
      await other.close();
    }
  });

  it("are compressed for POST too, and small ones (under 1 KiB) are left alone", async () => {
    const posted = await raw(app.url, "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip" },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers["content-encoding"]).toBe("gzip");
    expectWhole(posted);
    expect(JSON.parse(posted.text()).data.metrics.edges).toHaveLength(20);
    const small = await raw(app.url, get("{ __typename }"), { headers: { "accept-encoding": "br" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expectWhole(small);
  });

  it("leave event streams alone, and never name a coding that does not exist", async () => {
    // Yoga answers an event-stream request with `Content-Encoding: none`, which no client knows.
    const stream = await raw(app.url, get(QUERY), {
      headers: { accept: "text/event-stream", "accept-encoding": "br" },
    });
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.headers["content-encoding"]).toBeUndefined();
    expect(stream.text()).toContain("event: complete");
  });
});

describe("downloads", () => {
  it("are sent compressed in the coding asked for, each with its own ETag and 304", async () => {
    const plain = await raw(app.url, "/downloads/figures.csv");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expectWhole(plain);
    const etags = new Set([plain.headers.etag]);
    for (const coding of ["br", "gzip"]) {
      const encoded = await raw(app.url, "/downloads/figures.csv", { headers: { "accept-encoding": coding } });
      expect(encoded.headers["content-encoding"]).toBe(coding);
      expect(encoded.headers["content-type"]).toBe(plain.headers["content-type"]);
      expect(varyNames(encoded)).toContain("accept-encoding");
      expectWhole(encoded);
      expect(encoded.decoded().equals(plain.body)).toBe(true);
      etags.add(encoded.headers.etag);
      const notModified = await raw(app.url, "/downloads/figures.csv", {
        headers: { "accept-encoding": coding, "if-none-match": encoded.headers.etag! },
      });
      expect(notModified.status).toBe(304);
    }
    expect(etags.size).toBe(3);
    // HEAD: the headers a GET in that coding gets.
    const head = await raw(app.url, "/downloads/figures.csv", { method: "HEAD", headers: { "accept-encoding": "br" } });
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
  });

  it("compresses the index page, and its ETag still answers 304", async () => {
    const index = await raw(app.url, "/downloads/", { headers: { "accept-encoding": "gzip" } });
    expect(index.headers["content-encoding"]).toBe("gzip");
    expect(index.text()).toContain("<h1>Fentrace downloads</h1>");
    expectWhole(index);
    const notModified = await raw(app.url, "/downloads/", {
      headers: { "accept-encoding": "gzip", "if-none-match": index.headers.etag! },
    });
    expect(notModified.status).toBe(304);
  });
});

describe("the web page's files", () => {
  let page: Listening;
  beforeAll(async () => {
    page = await listenToWebPage({
      "index.html": `<!doctype html><title>Fentrace</title>${"<p>figure</p>\n".repeat(200)}`,
      "assets/index-abc123.js": `console.log(${JSON.stringify("chart ".repeat(2000))});`,
      "assets/index-abc123.css": "body { margin: 0 }\n".repeat(200),
      "assets/tiny-abc123.js": "console.log(1);",
    });
  });
  afterAll(() => page.close());

  it("are sent compressed (index.html, JS, CSS), tiny ones as they are", async () => {
    for (const path of ["/", "/assets/index-abc123.js", "/assets/index-abc123.css"]) {
      const plain = await raw(page.url, path);
      for (const coding of ["br", "gzip"]) {
        const encoded = await raw(page.url, path, { headers: { "accept-encoding": `${coding}, identity;q=0.5` } });
        expect({ path, coding: encoded.headers["content-encoding"] }).toEqual({ path, coding });
        expectWhole(encoded);
        expect(encoded.decoded().equals(plain.body)).toBe(true);
        expect(encoded.headers.etag).not.toBe(plain.headers.etag);
        expect(
          (
            await raw(page.url, path, {
              headers: { "accept-encoding": coding, "if-none-match": encoded.headers.etag! },
            })
          ).status,
        ).toBe(304);
      }
    }
    const tiny = await raw(page.url, "/assets/tiny-abc123.js", { headers: { "accept-encoding": "br" } });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.text()).toBe("console.log(1);");
  });
});
