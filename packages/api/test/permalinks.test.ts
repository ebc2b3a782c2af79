/**
 * Server permalinks over real HTTP (the request handler on 127.0.0.1, port 0): /figures/<id> is the
 * page with that figure written in (title, Open Graph, canonical link, the evidence for readers
 * without JavaScript), or the figure as JSON on `Accept: application/json`, or a 302 to
 * `/#figure=<id>` without a built page; /charts/<id> and /charts/<id>/embed likewise; unknown ids
 * are 404s with suggestions; the routes are rate limited like every other path.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createYoga } from "graphql-yoga";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestHandler } from "../src/handler.js";
import { CHART_IDS, pageWithState, usePermalinks } from "../src/http/permalinks.js";
import { escapeHtml } from "../src/http/static-response.js";
import { schema } from "../src/schema/index.js";
import { type Listening, listen, raw, testConfig } from "./support/http.js";

const FIGURE = "fig-lp-fentanyl-powder-2021";
const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta name="description" content="The overview." />
    <title>Fentrace overview</title>
    <script type="module" src="/assets/main-abc.js"></script>
  </head>
  <body>
    <main id="main">page</main>
  </body>
</html>
`;

const webDist = mkdtempSync(join(tmpdir(), "fentrace-permalinks-"));
writeFileSync(join(webDist, "index.html"), INDEX_HTML);

const withPage = (dir: string | undefined) =>
  createYoga({ schema, plugins: [usePermalinks({ webDist: dir })], landingPage: false, graphiql: false });

let built: Listening;
let unbuilt: Listening;
let app: Listening;
let rows: Map<string, Record<string, unknown>>;
beforeAll(async () => {
  [built, unbuilt, app] = await Promise.all([listen(withPage(webDist)), listen(withPage(undefined)), listen()]);
  const all = (await (await fetch(`${app.url}/downloads/figures.json`)).json()) as Record<string, unknown>[];
  rows = new Map(all.map((row) => [String(row.id), row]));
});
afterAll(async () => {
  await Promise.all([built?.close(), unbuilt?.close(), app?.close()]);
  rmSync(webDist, { recursive: true, force: true });
});

describe("/figures/<id>", () => {
  it("is the page with the figure written in: title, description, Open Graph, canonical, the evidence without JavaScript", async () => {
    const row = rows.get(FIGURE)!;
    const response = await raw(built.url, `/figures/${FIGURE}`, { headers: { accept: "text/html,*/*;q=0.8" } });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers.link).toBe(`</figures/${FIGURE}>; rel="canonical"`);
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    const html = response.text();
    expect(html).toContain(`<link rel="canonical" href="/figures/${FIGURE}" />`);
    expect(html).toContain(`<title>${escapeHtml(`${row.label}: ${row.display}`)} · Fentrace</title>`);
    expect(html).toContain(`<meta property="og:title" content="${escapeHtml(`${row.label}: ${row.display}`)}" />`);
    expect(html).toContain(`<meta name="description" content="${escapeHtml(`“${row.evidence_text}”`)}`);
    expect(html).toMatch(/<noscript>[\s\S]*<blockquote><p>[^<]*15,000 pounds[^<]*<\/p><\/blockquote>/);
    expect(html).toContain(`<blockquote><p>${escapeHtml(String(row.evidence_text))}</p></blockquote>`);
    // The page itself is intact: its script still loads, so it can open the dialog.
    expect(html).toContain('<script type="module" src="/assets/main-abc.js"></script>');
    expect(html).not.toContain("The overview.");
  });

  it("is the figure as JSON, its row of figures.json with the evidence, on Accept: application/json", async () => {
    for (const server of [built, app]) {
      const response = await fetch(`${server.url}/figures/${FIGURE}`, { headers: { accept: "application/json" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("link")).toBe(`</figures/${FIGURE}>; rel="canonical"`);
      expect(response.headers.get("vary")).toContain("Accept");
      const figure = (await response.json()) as Record<string, unknown>;
      expect(figure).toEqual(rows.get(FIGURE));
      expect(figure.evidence_text).toMatch(/15,000 pounds/);
      expect(typeof figure.evidence_start).toBe("number");
    }
  });

  it("without a built page, redirects to the page's hash permalink", async () => {
    const response = await raw(unbuilt.url, `/figures/${FIGURE}`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/#figure=${FIGURE}`);
    expect(response.headers.link).toBe(`</figures/${FIGURE}>; rel="canonical"`);
  });

  it("an unknown id is a 404 naming the closest ids (text, or JSON when asked)", async () => {
    const text = await raw(built.url, "/figures/fig-lp-fentanyl-powder-2012");
    expect(text.status).toBe(404);
    expect(text.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(text.text()).toMatch(
      /^No figure "fig-lp-fentanyl-powder-2012" \(did you mean "fig-lp-fentanyl-powder-2021"/,
    );
    const json = await fetch(`${built.url}/figures/nope`, { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    const body = (await json.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("NOT_FOUND");
    expect(body.errors[0]?.message).toMatch(/^No figure "nope"/);
  });

  it.each([
    "/figures/",
    "/figures",
    "/figures/%E0%A4%A",
    `/figures/${FIGURE}/extra`,
    "/charts/texas/embed/more",
    `/figures/${"x".repeat(5000)}`,
    "/figures/%3Cscript%3E",
  ])("%$: a 404 that says what permalinks are, never a 5xx", async (path) => {
    const response = await raw(built.url, path);
    expect(response.status).toBe(404);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.text()).toMatch(/^No (permalink at|figure) /);
    // Plain text the browser may not sniff as HTML: an id echoed back is never markup.
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.text().length).toBeLessThan(600);
  });

  it("answers GET and HEAD only", async () => {
    const post = await raw(built.url, `/figures/${FIGURE}`, { method: "POST", body: "" });
    expect(post.status).toBe(405);
    const head = await raw(built.url, `/figures/${FIGURE}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
  });
});

describe("pageWithState", () => {
  it("writes the figure's words as they are, escaped, even where a replacement pattern would expand ($&, $')", () => {
    const words = `it's $' and $& and <b>`;
    const page = pageWithState(INDEX_HTML, {
      canonical: "/figures/x",
      title: words,
      description: words,
      noscript: escapeHtml(words),
    });
    expect(page).toContain(`<title>${escapeHtml(words)} · Fentrace</title>`);
    expect(page).toContain(`<meta name="description" content="${escapeHtml(words)}" />`);
    expect(page).toContain(`<noscript>${escapeHtml(words)}</noscript>`);
    expect(page).not.toContain("<b>");
  });
});

describe("/charts/<id> and /charts/<id>/embed", () => {
  it("are the page with the chart's canonical address, or redirects to its hash permalinks without a page", async () => {
    for (const path of ["/charts/texas", "/charts/texas/embed"]) {
      const page = await raw(built.url, path);
      expect(page.status).toBe(200);
      expect(page.headers.link).toBe('</charts/texas>; rel="canonical"');
      expect(page.text()).toContain('<link rel="canonical" href="/charts/texas" />');
    }
    expect((await raw(unbuilt.url, "/charts/texas")).headers.location).toBe("/#chart=texas");
    expect((await raw(unbuilt.url, "/charts/platforms/embed")).headers.location).toBe("/?embed=1#chart=platforms");
  });

  it("an unknown chart is a 404 naming the closest chart and every chart", async () => {
    const response = await raw(built.url, "/charts/texsa/embed");
    expect(response.status).toBe(404);
    expect(response.text()).toBe(`No chart "texsa" (did you mean "texas"?). Charts: ${CHART_IDS.join(", ")}.\n`);
  });

  it("names exactly the charts the page draws", () => {
    const sources = resolve(import.meta.dirname, "../../web/src");
    const drawn = new Set<string>();
    for (const file of readdirSync(sources).filter((name) => name.endsWith(".ts"))) {
      const text = readFileSync(join(sources, file), "utf8");
      for (const match of text.matchAll(/renderBarChart\([^,]+,\s*\{\s*id:\s*"([\w-]+)"/g)) drawn.add(match[1]!);
      for (const match of text.matchAll(/seizureChart\([^,]+,\s*"([\w-]+)"/g)) drawn.add(match[1]!);
    }
    expect([...drawn].sort()).toEqual([...CHART_IDS].sort());
  });
});

describe("rate limiting", () => {
  it("counts permalinks like every other request: the burst, then 429 with Retry-After", async () => {
    const handler = createRequestHandler(withPage(webDist) as never, {
      config: { ...testConfig, rateLimit: { enabled: true, perSecond: 1, burst: 3 } },
      logger: pino({ level: "silent" }),
    });
    const server = createServer(handler);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses: number[] = [];
      for (const path of [`/figures/${FIGURE}`, "/charts/texas", "/charts/texas/embed", `/figures/${FIGURE}`]) {
        const response = await raw(base, path);
        statuses.push(response.status);
        expect(response.headers["ratelimit-limit"] ?? response.headers.ratelimit).toBeDefined();
        if (response.status === 429) expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
