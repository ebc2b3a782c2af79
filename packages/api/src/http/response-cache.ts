/**
 * The response-bytes cache: finished `GET /graphql` responses (status, headers and the bytes as
 * sent, per content coding), kept so that a repeated GET is answered synchronously, like a static
 * file, without entering Yoga. An LRU (lru-cache) bounded by entries (CACHE_MAX_ENTRIES) and by
 * body bytes (CACHE_MAX_BYTES; one response may take at most a sixteenth).
 *
 * Why it is kept, in front of Yoga's own response cache (which still answers repeated POSTs and
 * GETs that miss here): goal P1 of `pnpm bench` is a cached repeat GET at ≥ 0.8× a bare node:http
 * server sending the identical bytes. Measured in one run on this 2-core machine, busy with other
 * work at the time (the representative query, 20 connections, 5 alternating rounds of 5 s;
 * medians):
 * - with this cache: 11,350 req/s against 17,140 for the bare server (0.65×), 50–59 µs of
 *   server CPU per request;
 * - without it (Yoga and its response cache answer): 2,040 req/s (0.12×), 400–455 µs.
 *
 * Nothing is ever invalidated: the dataset does not change while the process runs, and every
 * entry's ETag (and Yoga's cache key) starts with the dataset and API version.
 */
import type { ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import type { Config } from "../config.js";
import { etagMatches } from "./static-response.js";

export interface CachedResponse {
  status: number;
  /** Response headers as a flat [name, value, …] list for `writeHead` (ETag included). */
  headers: string[];
  /** The headers a 304 repeats (no Content-Type, Content-Length or Content-Encoding). */
  notModifiedHeaders: string[];
  body: Buffer;
  etag: string;
  /** For the access log. */
  operationName?: string | null;
  cost?: number;
}

export type ResponseCache = LRUCache<string, CachedResponse>;

/** The cache, or undefined when in-process caches are off (CACHE_ENABLED=false). */
export function createResponseCache(cache: Config["cache"]): ResponseCache | undefined {
  if (!cache.enabled || cache.maxBytes <= 0) return undefined;
  return new LRUCache<string, CachedResponse>({
    max: cache.maxEntries,
    maxSize: cache.maxBytes,
    maxEntrySize: Math.max(1, Math.floor(cache.maxBytes / 16)),
    sizeCalculation: (response) => Math.max(1, response.body.length),
  });
}

/** What a GET's answer depends on besides the URL: the media type asked for and the coding chosen. */
export function responseCacheKey(url: string, accept: string, encoding: string): string {
  return `${url}\n${accept}\n${encoding}`;
}

/**
 * The entry for a response as sent (lower-case headers, the whole body), when it may be kept: a
 * 200 with an ETag that shared caches may keep too (`Cache-Control: public`).
 */
export function cacheableResponse(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  info: { operationName?: string | null; cost?: number },
): CachedResponse | undefined {
  const etag = headers.etag;
  if (status !== 200 || !etag || !headers["cache-control"]?.startsWith("public")) return undefined;
  const flat: string[] = [];
  const notModified: string[] = [];
  for (const name in headers) {
    // The request's own headers (its id, its rate-limit budget) are added again when it is sent.
    if (name === "x-request-id" || name === "connection" || name.startsWith("ratelimit-")) continue;
    const value = headers[name]!;
    flat.push(name, value);
    if (name !== "content-type" && name !== "content-length" && name !== "content-encoding")
      notModified.push(name, value);
  }
  return {
    status,
    headers: flat,
    notModifiedHeaders: notModified,
    body,
    etag,
    operationName: info.operationName,
    cost: info.cost,
  };
}

/**
 * Sends a kept response (304 when If-None-Match matches), with the request's own headers (its id,
 * its rate-limit budget) appended to a copy of the kept list. A plain loop: this runs on every
 * cached repeat, and `Object.entries(own).flat()` cost 0.7 µs with one own header and 2 µs with
 * the five of a rate-limited request, against 0.1 µs for the loop (node 20).
 */
export function sendCached(
  res: ServerResponse,
  cached: CachedResponse,
  ifNoneMatch: string | undefined,
  own: Record<string, string>,
): void {
  const notModified = etagMatches(ifNoneMatch, cached.etag);
  const headers = (notModified ? cached.notModifiedHeaders : cached.headers).slice();
  for (const name in own) headers.push(name, own[name]!);
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(cached.status, headers);
  res.end(cached.body);
}
