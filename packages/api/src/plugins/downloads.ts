/**
 * Serves the bulk downloads under /downloads/ (a Yoga plugin: it answers before GraphQL does):
 *
 * - `GET /downloads/<file>`: the file, with `ETag: "<dataset version>-<file>-<hash>"`,
 *   `Cache-Control` (CACHE_MAX_AGE, as for the API's GET responses), `Last-Modified` (the database build time), `X-Fentrace-Dataset-Version`,
 *   and 304 on a matching `If-None-Match`; compressed (brotli, gzip) once per dataset, when the
 *   files are first served. CORS is open: the data are meant to be fetched.
 * - `GET /downloads/`: an HTML index of the files, with sizes, hashes and how to cite.
 * - `GET /downloads/figures.csv?…` (and `figures.json?…`): the figures a filter selects, the
 *   parameters a FigureFilter written flat (../downloads/figure-query.ts); bad parameters are a
 *   400 with the GraphQL error `figures(filter:)` would give: JSON for figures.json, plain text
 *   (parameter, value, allowed values) for figures.csv, the code in `X-Fentrace-Error-Code`.
 */
import { createHash } from "node:crypto";
import { GraphQLError } from "graphql";
import type { FetchAPI, Plugin } from "graphql-yoga";
import { getConfig, type LimitsConfig } from "../config.js";
import { FigureQueryError, figureIds, filteredFigures, parseFigureQuery } from "../downloads/figure-query.js";
import { type DownloadFile, type Downloads, FIGURES_JSON, getDownloads } from "../downloads/index.js";
import { type EncodedBodies, precompress } from "../http/encoding.js";
import { PLAIN_PAGE_CSP } from "../http/security.js";
import { escapeHtml, methodNotAllowed, serverErrorResponse, staticResponse } from "../http/static-response.js";
import { DATASET_VERSION_HEADER } from "./cache.js";

export const DOWNLOADS_PREFIX = "/downloads/";

/** The compressed forms of each file, made once per Downloads (which never changes once built). */
const compressed = new WeakMap<Downloads, Map<string, Promise<EncodedBodies>>>();

function encodedFiles(downloads: Downloads): Map<string, Promise<EncodedBodies>> {
  let files = compressed.get(downloads);
  if (!files) {
    files = new Map(downloads.files.map((f) => [f.name, precompress(f.body, f.contentType)]));
    compressed.set(downloads, files);
  }
  return files;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The HTML index of /downloads/. */
export function downloadsIndexHtml(downloads: Downloads): string {
  const rows = downloads.files
    .map(
      (f: DownloadFile) =>
        `<tr><td><a href="${escapeHtml(f.name)}">${escapeHtml(f.name)}</a></td><td>${escapeHtml(f.description)}</td><td>${formatBytes(f.body.byteLength)}</td><td><code>${f.sha256.slice(0, 16)}…</code></td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fentrace downloads (dataset version ${escapeHtml(downloads.version)})</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ccc; vertical-align: top; }
a { color: #0645ad; } code { font-size: .9em; } .scroll { overflow-x: auto; } caption { text-align: left; font-weight: 600; padding: .4rem 0; }
</style>
</head>
<body>
<main>
<h1>Fentrace downloads</h1>
<p>Dataset version <code>${escapeHtml(downloads.version)}</code>, released ${escapeHtml(downloads.releasedOn)} (these files built ${escapeHtml(downloads.builtAt.slice(0, 10))}).
<a href="datapackage.json">datapackage.json</a> describes every table (Frictionless Data Package v2). <a href="/">Overview</a> · <a href="/graphql">GraphQL API</a></p>
<div class="scroll"><table>
<caption>Files of this dataset version</caption>
<thead><tr><th scope="col">File</th><th scope="col">Contents</th><th scope="col">Size</th><th scope="col">SHA-256</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<h2>How to cite</h2>
<p>${escapeHtml(downloads.citation)}</p>
</main>
</body>
</html>
`;
}

function notFound(fetchAPI: { Response: typeof Response }, downloads: Downloads, name: string): Response {
  const names = downloads.files.map((f) => f.name).join(", ");
  return new fetchAPI.Response(`No download named ${JSON.stringify(name)}. Files: ${names}.\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", [DATASET_VERSION_HEADER]: downloads.version },
  });
}

/** The header that carries a refused download's machine-readable code (BAD_USER_INPUT, RESPONSE_TOO_LARGE). */
export const ERROR_CODE_HEADER = "X-Fentrace-Error-Code";

/**
 * The query parameter an error is about: its own `parameter`, or the one its GraphQL `argument`
 * (`filter.document[0]`, `filter.place.ids[1]`) was spelled by, when the URL has that parameter.
 */
function parameterOf(extensions: Record<string, unknown>, search: URLSearchParams): string | undefined {
  if (typeof extensions.parameter === "string" && extensions.parameter !== "") return extensions.parameter;
  if (typeof extensions.argument !== "string") return undefined;
  const path = extensions.argument
    .replace(/^filter\.?/, "")
    .replace(/\[\d+\]/g, "")
    .split(".")
    .filter(Boolean);
  // The longest prefix the URL names: `place.ids` is spelled `place.ids=` or the shorthand `place=`.
  for (let length = path.length; length > 0; length -= 1) {
    const name = path.slice(0, length).join(".");
    if (search.has(name)) return name;
  }
  return search.has("filter") ? "filter" : undefined;
}

/**
 * A refused CSV download as a CSV user reads it (a browser tab, curl, a spreadsheet's import):
 * plain text that names the parameter, the value given and what would be accepted.
 */
export function plainTextError(message: string, extensions: Record<string, unknown>, search: URLSearchParams): string {
  const lines = [`Bad request: ${message}`];
  const parameter = parameterOf(extensions, search);
  if (parameter !== undefined) {
    lines.push(`Parameter: ${parameter}`);
    const values = search.getAll(parameter);
    // Very long values (a refused 10,000-character filter) are shortened: the message says the length.
    const shown = values.map((value) => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value));
    if (values.length > 0) lines.push(`Value${values.length > 1 ? "s" : ""}: ${shown.join(", ")}`);
  }
  if (Array.isArray(extensions.allowed) && extensions.allowed.length > 0) {
    lines.push(`Allowed values: ${extensions.allowed.join(", ")}`);
  }
  if (typeof extensions.code === "string") lines.push(`Code: ${extensions.code}`);
  lines.push(
    "The parameters are those of figures(filter:, orderBy:) written flat; see docs/downloads.md. JSON errors: figures.json with the same parameters.",
  );
  return `${lines.join("\n")}\n`;
}

/**
 * A filtered figures download: 200 with the rows (ETag from the bytes, cached like the files), or
 * 400: for figures.json `{ errors: [{ message, extensions: { code, argument?, parameter?, allowed? } }] }`,
 * for figures.csv the same as plain text (plainTextError); both with the code in ERROR_CODE_HEADER.
 */
async function filteredResponse(
  request: Request,
  fetchAPI: FetchAPI,
  downloads: Downloads,
  url: URL,
  name: string,
  common: { cacheControl: string; lastModified: Date; headers: Record<string, string> },
  limits: Pick<LimitsConfig, "records" | "responseBytes">,
): Promise<Response> {
  const format = name === FIGURES_JSON ? "json" : "csv";
  let body: string;
  try {
    const query = parseFigureQuery(url.searchParams);
    body = filteredFigures(
      format,
      downloads.figures.definition,
      downloads.figures.rows,
      figureIds(query, limits.records),
      limits,
    );
  } catch (error) {
    if (!(error instanceof FigureQueryError) && !(error instanceof GraphQLError)) throw error;
    const extensions = error instanceof GraphQLError ? { ...error.extensions } : { ...error.extensions };
    delete extensions.http;
    const code = typeof extensions.code === "string" ? extensions.code : "BAD_USER_INPUT";
    const text =
      format === "csv"
        ? plainTextError(error.message, extensions, url.searchParams)
        : `${JSON.stringify({ errors: [{ message: error.message, extensions }] }, null, 1)}\n`;
    return new fetchAPI.Response(text, {
      status: 400,
      headers: {
        "Content-Type": format === "csv" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        [ERROR_CODE_HEADER]: code,
        ...common.headers,
      },
    });
  }
  const bytes = new TextEncoder().encode(body);
  const hash = createHash("sha256").update(bytes).digest("hex");
  return staticResponse(request, fetchAPI, {
    ...common,
    body: bytes,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    etag: `${downloads.version}-${name}-${hash.slice(0, 16)}`,
  });
}

/**
 * The Yoga plugin that serves /downloads/. `maxAge` (seconds clients and shared caches may reuse a
 * download without revalidating) defaults to CACHE_MAX_AGE, like the API's GET responses.
 */
export function useDownloads(
  options: {
    maxAge?: number;
    load?: () => Promise<Downloads>;
    limits?: Pick<LimitsConfig, "records" | "responseBytes">;
  } = {},
): Plugin {
  const maxAge = options.maxAge ?? getConfig().cache.maxAge;
  const limits = options.limits ?? getConfig().limits;
  const load = options.load ?? getDownloads;
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== "/downloads" && !url.pathname.startsWith(DOWNLOADS_PREFIX)) return;
      if (request.method === "OPTIONS") return; // CORS preflight: the request handler answers it.
      if (request.method !== "GET" && request.method !== "HEAD") return endResponse(methodNotAllowed(fetchAPI));
      if (url.pathname === "/downloads") {
        return endResponse(new fetchAPI.Response(null, { status: 308, headers: { Location: DOWNLOADS_PREFIX } }));
      }
      let downloads: Downloads;
      try {
        downloads = await load();
      } catch (error) {
        console.error(error);
        return endResponse(serverErrorResponse(fetchAPI, "The downloads"));
      }
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice(DOWNLOADS_PREFIX.length));
      } catch {
        name = url.pathname.slice(DOWNLOADS_PREFIX.length); // malformed escapes: a name no file has
      }
      const common = {
        cacheControl: maxAge > 0 ? `public, max-age=${maxAge}` : "no-cache",
        lastModified: new Date(downloads.builtAt),
        headers: { [DATASET_VERSION_HEADER]: downloads.version, "Access-Control-Allow-Origin": "*" },
      };
      if (name === "" || name === "index.html") {
        // Small and made from the downloads: its handful of kilobytes are compressed per request
        // by the request handler.
        const body = new TextEncoder().encode(downloadsIndexHtml(downloads));
        const digest = downloads.files.map((f) => f.sha256.slice(0, 8)).join("");
        return endResponse(
          await staticResponse(request, fetchAPI, {
            ...common,
            headers: { ...common.headers, "Content-Security-Policy": PLAIN_PAGE_CSP },
            body,
            contentType: "text/html; charset=utf-8",
            etag: `${downloads.version}-index-${digest.slice(0, 16)}`,
          }),
        );
      }
      if ((name === "figures.csv" || name === FIGURES_JSON) && url.search.length > 1) {
        return endResponse(await filteredResponse(request, fetchAPI, downloads, url, name, common, limits));
      }
      const file = downloads.files.find((f) => f.name === name);
      if (!file) return endResponse(notFound(fetchAPI, downloads, name));
      return endResponse(
        await staticResponse(request, fetchAPI, {
          ...common,
          body: file.body,
          contentType: file.contentType,
          etag: `${downloads.version}-${file.name}-${file.sha256.slice(0, 16)}`,
          encoded: encodedFiles(downloads).get(file.name),
        }),
      );
    },
  };
}
