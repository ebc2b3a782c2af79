/**
 * Responses for static bodies (downloads, the web page's files, the playground's assets) with
 * HTTP caching: a strong ETag, Cache-Control, Last-Modified, 304 Not Modified on a matching
 * If-None-Match, and HEAD support; and with content coding: a body given with its compressed
 * forms (`encoded`, made once by `precompress`) is sent in the one the client's Accept-Encoding
 * prefers, with `Vary: Accept-Encoding` and an ETag of its own per coding (each coding is other
 * bytes, and a strong ETag names bytes).
 */
import type { FetchAPI } from "graphql-yoga";
import { addVary, type EncodedBodies, type Encoding, negotiateEncoding } from "./encoding.js";

export interface StaticBody {
  body: Uint8Array;
  contentType: string;
  /** Strong entity tag, without quotes (it changes whenever the bytes do). */
  etag: string;
  cacheControl: string;
  lastModified?: Date;
  headers?: Record<string, string>;
  /** The body compressed (see `precompress`), or a promise of it while that runs. */
  encoded?: EncodedBodies | Promise<EncodedBodies>;
}

/**
 * Whether an If-None-Match header value matches `etag` (`"…"` or `W/"…"`), by the weak comparison
 * RFC 9110 (13.1.2) prescribes for it: `*`, or any listed tag whose opaque part (without `W/`)
 * is the same. The one matcher of the server: static files, GraphQL GETs and the response-bytes
 * cache.
 */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = etag.startsWith("W/") ? etag.slice(2) : etag;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return (trimmed.startsWith("W/") ? trimmed.slice(2) : trimmed) === opaque;
  });
}

/** The entity tag (unquoted) of `resource` in `encoding`. */
export function encodedEtag(etag: string, encoding: Encoding): string {
  return encoding === "identity" ? etag : `${etag}-${encoding}`;
}

/** The response to a GET or HEAD for `resource`: 200 with the body, or 304 when the client's copy is current. */
export async function staticResponse(request: Request, fetchAPI: FetchAPI, resource: StaticBody): Promise<Response> {
  const encoded = (await resource.encoded) ?? {};
  const available = (Object.keys(encoded) as Encoding[]).concat("identity");
  const encoding = negotiateEncoding(request.headers.get("accept-encoding"), available);
  const etag = encodedEtag(resource.etag, encoding);
  const headers = new fetchAPI.Headers({
    "Cache-Control": resource.cacheControl,
    ETag: `"${etag}"`,
    "X-Content-Type-Options": "nosniff",
    ...resource.headers,
  });
  if (available.length > 1) headers.set("Vary", addVary(headers.get("vary"), "Accept-Encoding"));
  if (resource.lastModified) headers.set("Last-Modified", resource.lastModified.toUTCString());
  if (etagMatches(request.headers.get("if-none-match"), `"${etag}"`)) {
    return new fetchAPI.Response(null, { status: 304, headers });
  }
  const body = encoding === "identity" ? resource.body : encoded[encoding]!;
  if (encoding !== "identity") headers.set("Content-Encoding", encoding);
  headers.set("Content-Type", resource.contentType);
  headers.set("Content-Length", String(body.byteLength));
  // Our bodies always own a plain ArrayBuffer (TextEncoder output, readFileSync buffers, zlib output).
  return new fetchAPI.Response(request.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers,
  });
}

/** 405 for anything but GET and HEAD. */
export function methodNotAllowed(fetchAPI: FetchAPI): Response {
  return new fetchAPI.Response("Only GET and HEAD are supported here.\n", {
    status: 405,
    headers: { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * The 500 of a route whose data could not be read: plain text that says where to look, never the
 * error itself (it may name files or queries), and never cached.
 */
export function serverErrorResponse(fetchAPI: FetchAPI, what: string): Response {
  return new fetchAPI.Response(`${what} could not be read from the database; see the server log.\n`, {
    status: 500,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
