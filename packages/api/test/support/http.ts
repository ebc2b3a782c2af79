/**
 * The app as a client on the network sees it: `createRequestHandler(yoga)` on 127.0.0.1, port 0,
 * and requests made with node:http, which (unlike fetch) hands back the bytes on the wire,
 * compressed or not, with the headers exactly as sent.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createSchema, createYoga, type YogaServerInstance } from "graphql-yoga";
import { pino } from "pino";
import { type Config, DEFAULT_LIMITS } from "../../src/config.js";
import { createRequestHandler } from "../../src/handler.js";
import { useWebPage } from "../../src/plugins/web-page.js";
import { yoga as app } from "../../src/yoga.js";

export const testConfig: Pick<Config, "trustProxy" | "rateLimit" | "limits" | "cache"> = {
  trustProxy: 0,
  rateLimit: { enabled: false, perSecond: 1, burst: 3 },
  limits: DEFAULT_LIMITS,
  cache: { enabled: true, maxAge: 300, maxEntries: 100, maxBytes: 10_000_000 },
};

export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves `yoga` (the API's app unless given) behind the request handler. The handler serves an app
 * of any context, but its parameter type names one, hence the cast (as in server.ts).
 */
export async function listen<
  ServerContext extends Record<string, unknown>,
  UserContext extends Record<string, unknown>,
>(yoga: YogaServerInstance<ServerContext, UserContext> | typeof app = app): Promise<Listening> {
  const logger = pino({ level: "silent" });
  const server = createServer(createRequestHandler(yoga as never, { config: testConfig, logger }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Serves a web page built of `files` (path → content, e.g. `index.html`, `assets/x.js`) with
 * useWebPage behind the request handler, in a temporary folder that `close()` removes; `null`
 * serves a page that was never built.
 */
export async function listenToWebPage(files: Record<string, string> | null): Promise<Listening> {
  const root = mkdtempSync(join(tmpdir(), "fentrace-web-"));
  const dir = files ? root : join(root, "no-build");
  for (const [path, content] of Object.entries(files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const schema = createSchema({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } });
  const yoga = createYoga({ schema, plugins: [useWebPage({ dir })], landingPage: false, graphiql: false });
  const listening = await listen(yoga);
  return {
    ...listening,
    close: async () => {
      await listening.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as received (still compressed when Content-Encoding says so). */
  body: Buffer;
  /** The body with its Content-Encoding undone. */
  decoded(): Buffer;
  text(): string;
}

export function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const decoded = () => {
          const encoding = res.headers["content-encoding"];
          if (encoding === "br") return brotliDecompressSync(body);
          if (encoding === "gzip") return gunzipSync(body);
          if (encoding) throw new Error(`unexpected Content-Encoding: ${encoding}`);
          return body;
        };
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          decoded,
          text: () => decoded().toString("utf8"),
        });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
