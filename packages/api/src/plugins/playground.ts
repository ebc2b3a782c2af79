/**
 * The GraphQL playground: GraphiQL (Yoga's build, with Monaco) as static files.
 *
 * @graphql-yoga/render-graphiql ships GraphiQL as strings (its script, stylesheet, three Monaco
 * workers and a favicon) and would inline all of them into one 9 MB page, built and sent whole on
 * every `GET /graphql`. Here each becomes a file at `/graphiql/<hash of its bytes>/<name>`,
 * compressed (brotli and gzip) once when the server starts and cached by browsers for a year;
 * `GET /graphql` from a browser gets a page of about 1 KB that links to them. Nothing comes from a
 * CDN, so the playground works offline.
 *
 * The options (title, the example queries as tabs) and the worker URLs go in a generated
 * `init.js`, a file like the others: the page runs no inline script, so its CSP can forbid them.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { GraphiQLOptions, Plugin } from "graphql-yoga";
import { precompress } from "../http/encoding.js";
import { PLAYGROUND_CSP } from "../http/security.js";
import { escapeHtml, methodNotAllowed, type StaticBody, staticResponse } from "../http/static-response.js";

/** Where the files are served; a path below it names a file by its hash. */
export const GRAPHIQL_PREFIX = "/graphiql/";

const IMMUTABLE = "public, max-age=31536000, immutable";
const JS = "text/javascript; charset=utf-8";

interface Bundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

/**
 * The bundle's strings, as Buffers. Loaded through `require` and then dropped from its cache:
 * an ES module's exports live as long as the process, and these are 9 MB of strings the server
 * never needs again once copied.
 */
function loadBundle(): Record<keyof Bundle, Buffer> {
  const require = createRequire(import.meta.url);
  const id = require.resolve("@graphql-yoga/render-graphiql/graphiql");
  const bundle = require(id) as Bundle;
  delete require.cache[id];
  const [, favicon = ""] = /^data:[^;,]+;base64,(.*)$/s.exec(bundle.favicon) ?? [];
  return {
    js: Buffer.from(bundle.js),
    css: Buffer.from(bundle.css),
    favicon: Buffer.from(favicon, "base64"),
    editorWorkerService: Buffer.from(bundle.editorWorkerService),
    jsonWorker: Buffer.from(bundle.jsonWorker),
    graphqlWorker: Buffer.from(bundle.graphqlWorker),
  };
}

function hashOf(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex").slice(0, 20);
}

/** A file of the playground, served at `path` (its hash in it), compressed in the background from now. */
function asset(name: string, body: Buffer, contentType: string): StaticBody & { path: string } {
  const hash = hashOf(body);
  const encoded = precompress(body, contentType);
  encoded.catch(() => {}); // awaited (and reported) by the first request for the file
  return { path: `${GRAPHIQL_PREFIX}${hash}/${name}`, body, contentType, etag: hash, cacheControl: IMMUTABLE, encoded };
}

/**
 * The script that starts GraphiQL. It runs before the GraphiQL bundle (both are deferred, in
 * order), since Monaco reads `MonacoEnvironment` as it loads, and renders once the bundle has run.
 * Monaco asks for its workers by label; they are module workers from this origin.
 */
function initScript(options: GraphiQLOptions, workers: Record<string, string>): string {
  return `// Starts the Fentrace GraphQL playground (made by packages/api/src/plugins/playground.ts).
"use strict";
(function () {
  var workers = ${JSON.stringify(workers)};
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return workers[label];
    },
  };
  document.addEventListener("DOMContentLoaded", function () {
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), ${JSON.stringify(options)});
  });
})();
`;
}

function shellPage(title: string, files: { favicon: string; css: string; init: string; js: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${files.favicon}">
<link rel="stylesheet" href="${files.css}">
<script defer src="${files.init}"></script>
<script defer src="${files.js}"></script>
</head>
<body id="body" class="no-focus-outline">
<noscript>The GraphQL playground needs JavaScript. Without it, send GraphQL requests to this URL (GET with <code>?query=</code>, or POST JSON) from any HTTP client.</noscript>
<div id="root"></div>
</body>
</html>
`;
}

export interface Playground {
  /** The page at GET /graphql. */
  shell: StaticBody;
  /** The files, by path. */
  files: ReadonlyMap<string, StaticBody>;
}

/** Builds the playground's page and files (and starts compressing them). */
export function buildPlayground(options: GraphiQLOptions): Playground {
  const bundle = loadBundle();
  const workers = {
    editorWorkerService: asset("editor.worker.js", bundle.editorWorkerService, JS),
    json: asset("json.worker.js", bundle.jsonWorker, JS),
    graphql: asset("graphql.worker.js", bundle.graphqlWorker, JS),
  };
  const workerUrls = Object.fromEntries(Object.entries(workers).map(([label, file]) => [label, file.path]));
  const files = [
    asset("graphiql.js", bundle.js, JS),
    asset("graphiql.css", bundle.css, "text/css; charset=utf-8"),
    asset("favicon.ico", bundle.favicon, "image/x-icon"),
    asset("init.js", Buffer.from(initScript(options, workerUrls)), JS),
    ...Object.values(workers),
  ];
  const byName = (name: string) => files.find((file) => file.path.endsWith(`/${name}`))!.path;
  const html = Buffer.from(
    shellPage(options.title ?? "GraphQL", {
      favicon: byName("favicon.ico"),
      css: byName("graphiql.css"),
      init: byName("init.js"),
      js: byName("graphiql.js"),
    }),
  );
  const shell: StaticBody = {
    body: html,
    contentType: "text/html; charset=utf-8",
    etag: hashOf(html),
    // Revalidated on each visit, so a new release's files are picked up at once.
    cacheControl: "no-cache",
    headers: { "Content-Security-Policy": PLAYGROUND_CSP },
    encoded: precompress(html, "text/html"),
  };
  return { shell, files: new Map(files.map((file) => [file.path, file])) };
}

/** Whether Yoga would show GraphiQL for this request (graphql-yoga's `shouldRenderGraphiQL`, HEAD too). */
function wantsPlayground(request: Request, pathname: string, endpoint: string): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (pathname !== endpoint && pathname !== `${endpoint}/`) return false;
  return request.headers.get("accept")?.includes("text/html") ?? false;
}

/**
 * The Yoga plugin that serves the playground: its page at GET `endpoint` for browsers (in place
 * of Yoga's own GraphiQL, which must be off: `graphiql: false`), its files under /graphiql/.
 */
export function usePlayground(options: GraphiQLOptions & { endpoint?: string }): Plugin {
  const { endpoint = "/graphql", ...graphiql } = options;
  // Built (and compressed) from the start, so that the first visitor does not wait for it.
  const playground = buildPlayground(graphiql);
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (wantsPlayground(request, url.pathname, endpoint)) {
        endResponse(await staticResponse(request, fetchAPI, playground.shell));
        return;
      }
      if (!url.pathname.startsWith(GRAPHIQL_PREFIX)) return;
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(methodNotAllowed(fetchAPI));
        return;
      }
      const file = playground.files.get(url.pathname);
      if (!file) {
        // An old release's file, or none: the page links to the current ones.
        endResponse(
          new fetchAPI.Response("No such playground file. Reload the playground at /graphql.\n", {
            status: 404,
            headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
          }),
        );
        return;
      }
      endResponse(await staticResponse(request, fetchAPI, file));
    },
  };
}
