/**
 * Permalinks on the server (issue 13 item 8), so that a citation URL works without JavaScript, in
 * link previews and from curl (a Yoga plugin: it answers before GraphQL does):
 *
 * - `GET /figures/<id>`: the overview page opened on that figure. The page's own index.html is
 *   served with the figure written into it: its title, description and Open Graph tags (link
 *   previews), `<link rel="canonical">`, and a `<noscript>` block with the figure, its evidence
 *   span and citation; the page's script reads the path and opens the evidence dialog. With
 *   `Accept: application/json` (and not text/html): the figure as JSON, its row of figures.json
 *   (evidence text, offsets, citation …). Without a built page: 302 to `/#figure=<id>`.
 * - `GET /charts/<id>` and `/charts/<id>/embed`: the page scrolled to that chart, or showing it
 *   alone (the page's script reads the path), with `<link rel="canonical">`.
 * - Every answer carries `Link: </figures/<id>>; rel="canonical"` (or the chart's); unknown ids
 *   are a 404 naming the closest ids.
 *
 * They go through the request handler like every other path: rate limiting (handler.ts step 3),
 * CORS, security headers, compression and the access log.
 */
import { createHash } from "node:crypto";
import type { FetchAPI, Plugin } from "graphql-yoga";
import { getConfig } from "../config.js";
import { type Downloads, getDownloads } from "../downloads/index.js";
import type { Row } from "../downloads/tables.js";
import { DATASET_VERSION_HEADER } from "../plugins/cache.js";
import { readPageIndex } from "../plugins/web-page.js";
import { WEB_PAGE_CSP } from "./security.js";
import { escapeHtml, methodNotAllowed, serverErrorResponse, staticResponse } from "./static-response.js";
import { closestNames, didYouMean } from "./suggestions.js";

export const FIGURES_PREFIX = "/figures/";
export const CHARTS_PREFIX = "/charts/";

/**
 * The charts the overview page draws (the `id` each packages/web/src module gives renderBarChart);
 * test/permalinks.test.ts checks this list against the page's sources.
 */
export const CHART_IDS: readonly string[] = ["pill-seizures", "fentanyl-seizures", "platforms", "texas"];

/** A figure's permalink path. */
export function figurePath(id: string): string {
  return `${FIGURES_PREFIX}${encodeURIComponent(id)}`;
}

/** A chart's permalink path, and its embed path. */
export function chartPaths(id: string): { permalink: string; embed: string } {
  const permalink = `${CHARTS_PREFIX}${encodeURIComponent(id)}`;
  return { permalink, embed: `${permalink}/embed` };
}

/** What a permalink path names; null when the path is none of ours. */
type Target =
  | { kind: "figure"; id: string }
  | { kind: "chart"; id: string; embed: boolean }
  | { kind: "malformed"; path: string };

function targetOf(pathname: string): Target | null {
  const figures = pathname.startsWith(FIGURES_PREFIX) || pathname === "/figures";
  const charts = pathname.startsWith(CHARTS_PREFIX) || pathname === "/charts";
  if (!figures && !charts) return null;
  const rest = pathname.slice((figures ? FIGURES_PREFIX : CHARTS_PREFIX).length);
  const segments = rest.split("/");
  let id: string;
  try {
    id = decodeURIComponent(segments[0] ?? "");
  } catch {
    return { kind: "malformed", path: pathname };
  }
  if (id === "") return { kind: "malformed", path: pathname };
  if (figures && segments.length === 1) return { kind: "figure", id };
  if (charts && segments.length === 1) return { kind: "chart", id, embed: false };
  if (charts && segments.length === 2 && segments[1] === "embed") return { kind: "chart", id, embed: true };
  return { kind: "malformed", path: pathname };
}

/** JSON when the client asks for it and not for HTML (a browser asks for HTML; curl for anything). */
function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

/** An id as a message shows it: quoted, and shortened when huge (hostile input is echoed at most 200 characters). */
function shownId(id: string): string {
  return JSON.stringify(id.length > 200 ? `${id.slice(0, 200)}…` : id);
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The figure's one-line title: its label and the figure as written. */
function figureTitle(row: Row): string {
  return `${text(row.label)}: ${text(row.display)}`;
}

/**
 * index.html with the figure or chart written in: title, description, Open Graph, canonical link,
 * and (figures) the evidence for readers without JavaScript.
 */
export function pageWithState(
  index: string,
  state: { canonical: string; title: string; description: string; noscript: string },
): string {
  const head = [
    `<link rel="canonical" href="${escapeHtml(state.canonical)}" />`,
    `<meta property="og:type" content="article" />`,
    `<meta property="og:title" content="${escapeHtml(state.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(state.description)}" />`,
    `<meta property="og:url" content="${escapeHtml(state.canonical)}" />`,
  ].join("\n    ");
  // Replacer functions, not strings: the figure's words may hold `$&` or `$'`, which a
  // replacement string would expand.
  const title = `<title>${escapeHtml(state.title)} · Fentrace</title>`;
  const description = `<meta name="description" content="${escapeHtml(state.description)}"`;
  return index
    .replace(/<title>[^<]*<\/title>/, () => title)
    .replace(/<meta name="description" content="[^"]*"/, () => description)
    .replace("</head>", () => `    ${head}\n  </head>`)
    .replace(/<body([^>]*)>/, (body) => `${body}\n    <noscript>${state.noscript}</noscript>`);
}

function figureNoscript(row: Row): string {
  return `<section class="wrap" aria-label="This figure"><h2>${escapeHtml(figureTitle(row))}</h2>
<blockquote><p>${escapeHtml(text(row.evidence_text))}</p></blockquote>
<p>${escapeHtml(text(row.document_title))}. ${escapeHtml(text(row.citation))}</p>
<p><a href="/downloads/figures.csv">All figures (CSV)</a></p></section>`;
}

function notFoundResponse(
  fetchAPI: FetchAPI,
  request: Request,
  message: string,
  suggestions: readonly string[],
  headers: Record<string, string>,
): Response {
  const json = wantsJson(request);
  const body = json
    ? `${JSON.stringify({ errors: [{ message, extensions: { code: "NOT_FOUND", suggestions } }] }, null, 1)}\n`
    : `${message}\n`;
  return new fetchAPI.Response(body, {
    status: 404,
    headers: {
      "Content-Type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      Vary: "Accept",
      ...headers,
    },
  });
}

/** The Yoga plugin serving /figures/<id>, /charts/<id> and /charts/<id>/embed (see the module comment). */
export function usePermalinks(
  options: { webDist?: string | undefined; load?: () => Promise<Downloads>; maxAge?: number } = {},
): Plugin {
  const webDist = "webDist" in options ? options.webDist : getConfig().webDist;
  const load = options.load ?? getDownloads;
  const maxAge = options.maxAge ?? getConfig().cache.maxAge;
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      const target = targetOf(url.pathname);
      if (!target) return;
      if (request.method === "OPTIONS") return; // CORS preflight: the request handler answers it.
      if (request.method !== "GET" && request.method !== "HEAD") return endResponse(methodNotAllowed(fetchAPI));
      if (target.kind === "malformed") {
        return endResponse(
          notFoundResponse(
            fetchAPI,
            request,
            `No permalink at ${shownId(target.path)}: permalinks are /figures/<figure id>, /charts/<chart id> and /charts/<chart id>/embed (charts: ${CHART_IDS.join(", ")}).`,
            [],
            {},
          ),
        );
      }
      let downloads: Downloads;
      try {
        downloads = await load();
      } catch (error) {
        console.error(error);
        return endResponse(serverErrorResponse(fetchAPI, "The figures"));
      }
      const versionHeader = { [DATASET_VERSION_HEADER]: downloads.version };
      const cacheControl = maxAge > 0 ? `public, max-age=${maxAge}` : "no-cache";

      if (target.kind === "figure") {
        const row = downloads.figures.rows.get(target.id);
        if (!row) {
          const suggestions = closestNames(target.id, downloads.figures.rows.keys());
          return endResponse(
            notFoundResponse(
              fetchAPI,
              request,
              `No figure ${shownId(target.id)}${didYouMean(suggestions)}. Figure ids are the id column of /downloads/figures.csv.`,
              suggestions,
              versionHeader,
            ),
          );
        }
        const canonical = figurePath(target.id);
        const headers = { ...versionHeader, Link: `<${canonical}>; rel="canonical"`, Vary: "Accept" };
        if (wantsJson(request)) {
          const body = new TextEncoder().encode(`${JSON.stringify(row, null, 1)}\n`);
          return endResponse(
            await staticResponse(request, fetchAPI, {
              body,
              contentType: "application/json; charset=utf-8",
              etag: `${downloads.version}-figure-${createHash("sha256").update(body).digest("hex").slice(0, 16)}`,
              cacheControl,
              lastModified: new Date(downloads.builtAt),
              headers: { ...headers, "Access-Control-Allow-Origin": "*" },
            }),
          );
        }
        const description = `“${text(row.evidence_text)}” (${text(row.document_title)})`;
        const page = pageHtml(webDist, {
          canonical,
          title: figureTitle(row),
          description,
          noscript: figureNoscript(row),
        });
        if (!page) {
          return endResponse(redirect(fetchAPI, `/#figure=${encodeURIComponent(target.id)}`, headers));
        }
        return endResponse(await htmlResponse(request, fetchAPI, page, cacheControl, headers));
      }

      if (!CHART_IDS.includes(target.id)) {
        const suggestions = closestNames(target.id, CHART_IDS);
        return endResponse(
          notFoundResponse(
            fetchAPI,
            request,
            `No chart ${shownId(target.id)}${didYouMean(suggestions)}. Charts: ${CHART_IDS.join(", ")}.`,
            suggestions,
            versionHeader,
          ),
        );
      }
      const paths = chartPaths(target.id);
      // An embed's canonical address is its chart's permalink: that is what a preview should name.
      const headers = { ...versionHeader, Link: `<${paths.permalink}>; rel="canonical"` };
      const page = pageHtml(webDist, {
        canonical: paths.permalink,
        title: `Chart: ${target.id}`,
        description: `A chart of Fentrace (${target.id}): figures on fentanyl and fake-pill trafficking through social media, each traced to the words that state it.`,
        noscript: `<p class="wrap">This chart needs JavaScript. Its figures: <a href="/downloads/figures.csv">figures.csv</a>.</p>`,
      });
      if (!page) {
        const hash = `#chart=${encodeURIComponent(target.id)}`;
        return endResponse(redirect(fetchAPI, target.embed ? `/?embed=1${hash}` : `/${hash}`, headers));
      }
      return endResponse(await htmlResponse(request, fetchAPI, page, cacheControl, headers));
    },
  };
}

/** The page's index.html with the state written in; null when no page is built or configured. */
function pageHtml(webDist: string | undefined, state: Parameters<typeof pageWithState>[1]): string | null {
  if (webDist === undefined) return null;
  const index = readPageIndex(webDist);
  return index === null ? null : pageWithState(index, state);
}

function redirect(fetchAPI: FetchAPI, location: string, headers: Record<string, string>): Response {
  return new fetchAPI.Response(null, {
    status: 302,
    headers: { Location: location, "Cache-Control": "no-cache", ...headers },
  });
}

async function htmlResponse(
  request: Request,
  fetchAPI: FetchAPI,
  page: string,
  cacheControl: string,
  headers: Record<string, string>,
): Promise<Response> {
  const body = new TextEncoder().encode(page);
  return staticResponse(request, fetchAPI, {
    body,
    contentType: "text/html; charset=utf-8",
    etag: `page-${createHash("sha256").update(body).digest("hex").slice(0, 32)}`,
    // Revalidated on every use, like index.html: a rebuilt page changes the bytes.
    cacheControl: cacheControl === "no-cache" ? cacheControl : "public, max-age=0, must-revalidate",
    headers: { ...headers, "Content-Security-Policy": WEB_PAGE_CSP },
  });
}
