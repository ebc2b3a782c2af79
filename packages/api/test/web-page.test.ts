/** The web page's files at `/`: content types, caching, the CSP, a rebuild, and the message when it is not built. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSchema, createYoga } from "graphql-yoga";
import { afterAll, describe, expect, it } from "vitest";
import { useWebPage } from "../src/plugins/web-page.js";

const schema = createSchema({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } });
const dirs: string[] = [];

function app(dir: string) {
  const yoga = createYoga({ schema, plugins: [useWebPage({ dir })], landingPage: false });
  return (path: string, headers: Record<string, string> = {}) => yoga.fetch(`http://localhost${path}`, { headers });
}

function build(): string {
  const dir = mkdtempSync(join(tmpdir(), "fentrace-web-"));
  dirs.push(dir);
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Fentrace</title>");
  writeFileSync(join(dir, "assets/index-abc123.js"), "console.log(1);");
  writeFileSync(join(dir, "assets/index-abc123.css"), "body{}");
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("GET / (the built web page)", () => {
  it("serves index.html and the hashed assets with their types and caching", async () => {
    const get = app(build());
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain("<title>Fentrace</title>");
    const etag = page.headers.get("etag") ?? "";
    expect((await get("/", { "if-none-match": etag })).status).toBe(304);
    const script = await get("/assets/index-abc123.js");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await get("/assets/index-abc123.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("leaves other paths to Yoga, and picks up a rebuild", async () => {
    const dir = build();
    const get = app(dir);
    expect((await get("/graphql?query=%7Bok%7D", { accept: "application/json" })).status).toBe(200);
    expect((await get("/nothing-here")).status).toBe(404);
    await get("/");
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Rebuilt page</title>");
    expect(await (await get("/")).text()).toContain("Rebuilt page");
  });

  it("explains how to build the page when there is no build", async () => {
    const get = app(join(tmpdir(), "fentrace-no-such-build"));
    const page = await get("/");
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain("pnpm@10 --filter @fentrace/web build");
    expect(text).toContain('href="/graphql"');
    expect(text).toContain('href="/downloads/"');
    expect((await get("/assets/x.js")).status).toBe(404);
  });

  it("says the page is not configured when no folder is given (FENTRACE_WEB_DIST unset)", async () => {
    const yoga = createYoga({ schema, plugins: [useWebPage({ dir: undefined })], landingPage: false });
    const page = await yoga.fetch("http://localhost/");
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain("not configured");
    expect(text).toContain("FENTRACE_WEB_DIST");
    expect(text).toContain('href="/graphql"');
    expect((await yoga.fetch("http://localhost/assets/x.js")).status).toBe(404);
  });
});
