/**
 * Serves the web page's build (made by `pnpm --filter @fentrace/web build`) at `/` and its files
 * (`/assets/…`), as a Yoga plugin that answers before GraphQL does. Paths that are not files of
 * the build fall through to Yoga (so /graphql, /downloads/ … are untouched).
 *
 * The build is configuration: `FENTRACE_WEB_DIST` (config.ts; the root `start` script sets it to
 * packages/web/dist). The API never looks into another package by itself: without the setting,
 * `/` says the page is not configured, and without a build in the folder, how to make one.
 *
 * Vite names the files under assets/ by their content hash, so they are cached for a year;
 * index.html is revalidated on every use (ETag). Text files are compressed (brotli, gzip) once,
 * when the build is loaded.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "graphql-yoga";
import { precompress } from "../http/encoding.js";
import { PLAIN_PAGE_CSP, WEB_PAGE_CSP } from "../http/security.js";
import { escapeHtml, type StaticBody, staticResponse } from "../http/static-response.js";
import { displayPath } from "../paths.js";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

function loadBuild(dir: string): Map<string, StaticBody> | null {
  if (!existsSync(join(dir, "index.html"))) return null;
  const files = new Map<string, StaticBody>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const body = readFileSync(path);
      const urlPath = `/${relative(dir, path).split(sep).join("/")}`;
      const hashed = urlPath.startsWith("/assets/");
      const html = extname(path) === ".html";
      const contentType = contentTypes[extname(path)] ?? "application/octet-stream";
      const encoded = precompress(body, contentType);
      encoded.catch(() => {}); // awaited (and reported) by the first request for the file
      files.set(urlPath, {
        body,
        contentType,
        etag: createHash("sha256").update(body).digest("hex").slice(0, 32),
        cacheControl: hashed ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
        lastModified: statSync(path).mtime,
        headers: html ? { "Content-Security-Policy": WEB_PAGE_CSP } : {},
        encoded,
      });
    }
  };
  walk(dir);
  return files;
}

/** Identifies the current build (index.html's modification time and size); null when there is none. */
function indexStamp(dir: string): string | null {
  try {
    const stat = statSync(join(dir, "index.html"));
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return null;
  }
}

/** index.html's text per build folder, with the stamp of the file it was read from. */
const pageIndexes = new Map<string, { stamp: string; text: string }>();

/**
 * The text of the build's index.html in `dir`, or null when there is none: http/permalinks.ts
 * writes a figure or chart into it. Read again only when its stamp (modification time and size)
 * changes, as useWebPage reloads the build, so that a rebuild while the server runs shows without
 * a file read on every permalink request.
 */
export function readPageIndex(dir: string): string | null {
  const folder = resolve(dir);
  const stamp = indexStamp(folder);
  if (stamp === null) return null;
  const cached = pageIndexes.get(folder);
  if (cached?.stamp === stamp) return cached.text;
  try {
    const text = readFileSync(join(folder, "index.html"), "utf8");
    pageIndexes.set(folder, { stamp, text });
    return text;
  } catch {
    return null;
  }
}

/** The page `/` shows when there is no build to serve: `reason` says why (HTML). */
function noPage(reason: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fentrace</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<main>
<h1>Fentrace</h1>
<p>${reason}</p>
<p>Meanwhile the API works: <a href="/graphql">GraphQL playground</a> · <a href="/downloads/">bulk downloads (CSV, JSON, datapackage.json)</a>.</p>
</main>
</body></html>
`;
}

/** When the folder has no build. */
function notBuiltPage(dir: string): string {
  return noPage(`The overview page is not built (no <code>${escapeHtml(displayPath(join(dir, "index.html")))}</code>).
Build it with <code>npx -y pnpm@10 --filter @fentrace/web build</code> and reload; <code>npx -y pnpm@10 start</code> builds it for you.`);
}

/** When no folder is configured. */
const NOT_CONFIGURED_PAGE = noPage(`The overview page is not configured: this server was started without
<code>FENTRACE_WEB_DIST</code>, the folder of the page's build (<code>packages/web/dist</code> once
<code>npx -y pnpm@10 --filter @fentrace/web build</code> has made it). <code>npx -y pnpm@10 start</code> builds
the page and sets it for you.`);

function unavailable(fetchAPI: { Response: typeof Response }, page: string): Response {
  return new fetchAPI.Response(page, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": PLAIN_PAGE_CSP,
    },
  });
}

/**
 * The Yoga plugin that serves the web page's build in `dir` (yoga.ts passes the configured
 * `FENTRACE_WEB_DIST`); without a `dir`, `/` and `/index.html` say the page is not configured.
 */
export function useWebPage(options: { dir?: string | undefined } = {}): Plugin {
  if (options.dir === undefined) {
    return {
      onRequest({ request, url, fetchAPI, endResponse }) {
        if (request.method !== "GET" && request.method !== "HEAD") return;
        if (url.pathname !== "/" && url.pathname !== "/index.html") return;
        endResponse(unavailable(fetchAPI, NOT_CONFIGURED_PAGE));
      },
    };
  }
  const dir = resolve(options.dir);
  let build: Map<string, StaticBody> | null = null;
  let loadedStamp: string | null = null;
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== "GET" && request.method !== "HEAD") return;
      const path = url.pathname === "/" ? "/index.html" : url.pathname;
      // Loaded once, and again when index.html changes (a rebuild while the server runs); while
      // there is no build, looked for again on each request for the page.
      if (path === "/index.html") {
        const stamp = indexStamp(dir);
        if (stamp !== loadedStamp) {
          build = loadBuild(dir);
          loadedStamp = stamp;
        }
      }
      build ??= loadBuild(dir);
      if (!build) {
        if (url.pathname !== "/" && url.pathname !== "/index.html") return;
        return endResponse(unavailable(fetchAPI, notBuiltPage(dir)));
      }
      const file = build.get(path);
      if (!file) return;
      return endResponse(await staticResponse(request, fetchAPI, file));
    },
  };
}
