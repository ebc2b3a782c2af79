/**
 * The GraphQL playground over real HTTP: a small page at GET /graphql for browsers, and GraphiQL's
 * files (the ones @graphql-yoga/render-graphiql ships) as static, versioned, long-cached,
 * precompressed files under /graphiql/. (Chromium runs it in packages/web/test/browser.test.ts.)
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExamples } from "../src/examples.js";
import { type Listening, listen, raw } from "./support/http.js";

const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const ASSET_PATH = /^\/graphiql\/[0-9a-f]{20}\/[\w.]+$/;

/** The bundle as the package ships it. */
const bundle = createRequire(import.meta.url)("@graphql-yoga/render-graphiql/graphiql") as Record<string, string>;

let app: Listening;
beforeAll(async () => {
  app = await listen();
});
afterAll(() => app.close());

/** The files the page links to (scripts, stylesheet, icon) and the workers init.js names. */
async function assetPaths(): Promise<{
  page: string;
  scripts: string[];
  css: string;
  icon: string;
  workers: Record<string, string>;
}> {
  const page = (await raw(app.url, "/graphql", { headers: BROWSER })).text();
  const scripts = [...page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);
  const css = /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!;
  const icon = /<link rel="icon" href="([^"]+)"/.exec(page)![1]!;
  const init = (await raw(app.url, scripts.find((path) => path.endsWith("/init.js"))!)).text();
  const workers = JSON.parse(/var workers = (\{.*\});/.exec(init)![1]!) as Record<string, string>;
  return { page, scripts, css, icon, workers };
}

describe("GET /graphql from a browser", () => {
  it("is a page of a few hundred bytes that links to versioned files and runs no inline script", async () => {
    const response = await raw(app.url, "/graphql", { headers: BROWSER });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(2048);
    const { page, scripts, css, icon } = await assetPaths();
    expect(page).toContain("<title>Fentrace GraphQL API</title>");
    expect(page).toContain('<div id="root"></div>');
    // Every script is a file (none inline, no event-handler attributes), and every file is versioned.
    const tags = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(tags).toHaveLength(2);
    for (const [, attributes, content] of tags) {
      expect(attributes).toMatch(/\bsrc="[^"]+"/);
      expect(content).toBe("");
    }
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/https?:\/\//); // no CDN: everything comes from this server
    for (const path of [...scripts, css, icon]) expect(path).toMatch(ASSET_PATH);
    expect(scripts.map((path) => path.split("/").pop())).toEqual(["init.js", "graphiql.js"]);
  });

  it("is revalidated on every visit (no-cache, ETag, 304), and HEAD gives its headers", async () => {
    const first = await raw(app.url, "/graphql", { headers: BROWSER });
    expect(first.headers["cache-control"]).toBe("no-cache");
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[0-9a-f]{20}"$/);
    const again = await raw(app.url, "/graphql", { headers: { ...BROWSER, "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw(app.url, "/graphql", { method: "HEAD", headers: BROWSER });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(first.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("starts GraphiQL with the example queries as tabs and Monaco's workers from this origin", async () => {
    const { scripts, workers } = await assetPaths();
    const init = (await raw(app.url, scripts[0]!)).text();
    const options = JSON.parse(
      /renderYogaGraphiQL\(document\.getElementById\("root"\), (\{.*\})\);/.exec(init)![1]!,
    ) as {
      title: string;
      defaultQuery: string;
      defaultTabs: { query: string; variables: string | null }[];
    };
    const examples = loadExamples();
    expect(options.title).toBe("Fentrace GraphQL API");
    expect(options.defaultQuery).toBe(examples[0]!.query);
    expect(options.defaultTabs).toEqual(
      examples.map((example) => ({ query: example.query, variables: example.variables ?? null })),
    );
    expect(Object.keys(workers).sort()).toEqual(["editorWorkerService", "graphql", "json"]);
    for (const path of Object.values(workers)) {
      expect(path).toMatch(ASSET_PATH);
      const worker = await raw(app.url, path);
      expect(worker.status).toBe(200);
      expect(worker.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    }
  });

  it("leaves GraphQL over GET to Yoga: a client that does not ask for HTML gets JSON", async () => {
    const response = await raw(app.url, `/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json" },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text())).toMatchObject({ data: { __typename: "Query" } });
  });
});

describe("GraphiQL's files under /graphiql/", () => {
  it("are the package's own GraphiQL build, byte for byte", async () => {
    const { scripts, css, icon, workers } = await assetPaths();
    const body = async (path: string) => (await raw(app.url, path)).body;
    expect((await body(scripts[1]!)).toString()).toBe(bundle.js);
    expect((await body(css)).toString()).toBe(bundle.css);
    expect((await body(workers.editorWorkerService!)).toString()).toBe(bundle.editorWorkerService);
    expect((await body(workers.json!)).toString()).toBe(bundle.jsonWorker);
    expect((await body(workers.graphql!)).toString()).toBe(bundle.graphqlWorker);
    expect(`data:image/x-icon;base64,${(await body(icon)).toString("base64")}`).toBe(bundle.favicon);
  });

  it("are cached for a year, and sent compressed as Accept-Encoding asks, each coding with its own ETag", async () => {
    const { scripts, css, workers } = await assetPaths();
    for (const path of [...scripts, css, ...Object.values(workers)]) {
      const plain = await raw(app.url, path);
      expect(plain.status).toBe(200);
      expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers.vary).toBe("Accept-Encoding");
      expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
      const etags = new Set([plain.headers.etag]);
      for (const [accept, coding] of [
        ["gzip, deflate, br", "br"],
        ["br;q=0.5, gzip", "gzip"],
      ] as const) {
        const encoded = await raw(app.url, path, { headers: { "accept-encoding": accept } });
        expect(encoded.headers["content-encoding"]).toBe(coding);
        expect(Number(encoded.headers["content-length"])).toBe(encoded.body.length);
        expect(encoded.body.length).toBeLessThan(plain.body.length);
        expect(encoded.decoded().equals(plain.body)).toBe(true);
        etags.add(encoded.headers.etag);
        const notModified = await raw(app.url, path, {
          headers: { "accept-encoding": accept, "if-none-match": encoded.headers.etag! },
        });
        expect(notModified.status).toBe(304);
        expect(notModified.headers.etag).toBe(encoded.headers.etag);
      }
      expect(etags.size).toBe(3);
    }
  });

  it("answers a file of another version with 404, and methods other than GET and HEAD with 405", async () => {
    const { scripts } = await assetPaths();
    const stale = scripts[1]!.replace(/\/[0-9a-f]{20}\//, "/00000000000000000000/");
    expect((await raw(app.url, stale)).status).toBe(404);
    expect((await raw(app.url, "/graphiql/")).status).toBe(404);
    expect((await raw(app.url, scripts[1]!, { method: "POST", body: "" })).status).toBe(405);
  });
});
