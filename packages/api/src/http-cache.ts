/**
 * Responses for static bodies (downloads, the web page's files) with HTTP caching: a strong ETag,
 * Cache-Control, Last-Modified, 304 Not Modified on a matching If-None-Match, and HEAD support.
 */
import type { FetchAPI } from "graphql-yoga";

export interface StaticBody {
  body: Uint8Array;
  contentType: string;
  /** Strong entity tag, without quotes (it changes whenever the bytes do). */
  etag: string;
  cacheControl: string;
  lastModified?: Date;
  headers?: Record<string, string>;
}

/** Whether an If-None-Match header value matches `etag` (RFC 9110 weak comparison). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .includes(`"${etag}"`);
}

/** The response to a GET or HEAD for `resource`: 200 with the body, or 304 when the client's copy is current. */
export function staticResponse(request: Request, fetchAPI: FetchAPI, resource: StaticBody): Response {
  const headers = new fetchAPI.Headers({
    "Cache-Control": resource.cacheControl,
    ETag: `"${resource.etag}"`,
    "X-Content-Type-Options": "nosniff",
    ...resource.headers,
  });
  if (resource.lastModified) headers.set("Last-Modified", resource.lastModified.toUTCString());
  if (etagMatches(request.headers.get("if-none-match"), resource.etag)) {
    return new fetchAPI.Response(null, { status: 304, headers });
  }
  headers.set("Content-Type", resource.contentType);
  headers.set("Content-Length", String(resource.body.byteLength));
  // Our bodies always own a plain ArrayBuffer (TextEncoder output, readFileSync buffers).
  const body = request.method === "HEAD" ? null : (resource.body as Uint8Array<ArrayBuffer>);
  return new fetchAPI.Response(body, { status: 200, headers });
}

/** 405 for anything but GET and HEAD. */
export function methodNotAllowed(fetchAPI: FetchAPI): Response {
  return new fetchAPI.Response("Only GET and HEAD are supported here.\n", {
    status: 405,
    headers: { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
