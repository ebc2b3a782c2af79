/**
 * HTTP caching for an immutable dataset.
 *
 * The database a process serves never changes, so an answer is a function of the dataset
 * version, the API's build and the request (document, operation name, variables). That
 * "version key" is part of every cache key and ETag, so a new release (a new database file, or
 * a new API build) is never answered from an old entry.
 *
 * - `useHttpCaching` (Yoga plugin):
 *   - successful GET responses get `Cache-Control: public, max-age=CACHE_MAX_AGE`, a weak ETag
 *     derived from (version key, document, operation name, variables), `Vary: Accept` and
 *     `X-Fentrace-Dataset-Version`; a GET whose If-None-Match matches is answered 304 without
 *     executing anything;
 *   - POST responses and responses with errors get `Cache-Control: no-store` and no ETag;
 *   - the response cache plugin (@graphql-yoga/plugin-response-cache) keeps the results of
 *     repeated operations (GET or POST) in memory.
 * - `ResponseBytesCache`: a bounded LRU of finished GET responses (headers and bytes), used by
 *   the request handler in front of Yoga to answer a repeated GET like a static file.
 */
import { createHash } from "node:crypto";
import { type Cache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";

export const DATASET_VERSION_HEADER = "X-Fentrace-Dataset-Version";

export interface VersionKey {
  /** DatasetInfo.version of the database served. */
  dataset: string;
  /** What cache keys and ETags start with: the dataset version and the API build. */
  key: string;
}

export interface HttpCachingOptions {
  /** Seconds shared caches and clients may reuse a successful GET response; 0 sends `no-cache`. */
  maxAge: number;
  /** Keep results of repeated operations in memory (the response cache plugin). */
  responseCache: boolean;
  /** Entries the response cache holds. */
  maxEntries: number;
  /** Bytes (of JSON) the response cache holds, approximately. */
  maxBytes: number;
  /** The version key, loaded once. */
  version: () => Promise<VersionKey>;
  /** The GraphQL endpoint's path. */
  endpoint?: string;
}

/** Per-request state, keyed by the Fetch Request. */
interface RequestState {
  etag?: string;
  notModified?: boolean;
  ok?: boolean;
  dataset?: string;
}

/** Weak comparison of an If-None-Match header with an ETag (RFC 9110, 13.1.2). */
export function ifNoneMatchMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === opaque);
}

/** `Cache-Control` for a successful GET. */
export function publicCacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}` : "public, no-cache";
}

function appendVary(headers: Headers, value: string): void {
  const current = headers.get("vary");
  const values = new Set((current ?? "").split(",").map((v) => v.trim()).filter(Boolean));
  if (!values.has(value)) headers.set("vary", [...values, value].join(", "));
}

export function useHttpCaching(options: HttpCachingOptions): Plugin {
  const endpoint = options.endpoint ?? "/graphql";
  const states = new WeakMap<Request, RequestState>();
  const cacheControl = publicCacheControl(options.maxAge);

  return {
    onPluginInit({ addPlugin }) {
      if (!options.responseCache) return;
      addPlugin(
        useResponseCache({
          session: () => null, // the data are public: one cache for everybody
          cache: createBoundedResultCache(options.maxEntries, options.maxBytes),
          buildResponseCacheKey: async ({ documentString, variableValues, operationName }) => {
            const { key } = await options.version();
            return createHash("sha256")
              .update(`${key}\0${operationName ?? ""}\0${JSON.stringify(variableValues ?? {})}\0${documentString}`)
              .digest("hex");
          },
          includeExtensionMetadata: false,
        }),
      );
    },

    async onParams({ request, params, setResult }) {
      const state: RequestState = {};
      states.set(request, state);
      if (request.method !== "GET" && request.method !== "HEAD") return;
      const version = await options.version();
      state.dataset = version.dataset;
      // The persisted-operation id (URL or extension) is part of the hash too, whichever of the
      // plugins runs first.
      const id = new URL(request.url).searchParams.get("id") ?? "";
      const hash = createHash("sha256")
        .update(
          `${params.query ?? ""}\0${id}\0${params.operationName ?? ""}\0${JSON.stringify(params.variables ?? {})}\0${JSON.stringify(params.extensions ?? {})}`,
        )
        .digest("base64url")
        .slice(0, 22);
      state.etag = `W/"${version.key}-${hash}"`;
      if (ifNoneMatchMatches(request.headers.get("if-none-match"), state.etag)) {
        state.notModified = true;
        setResult({ data: null });
      }
    },

    onResultProcess({ request, result, setResultProcessor }) {
      const state = states.get(request);
      if (!state) return;
      if (state.notModified) {
        setResultProcessor(
          (_result, fetchAPI) =>
            new fetchAPI.Response(null, {
              status: 304,
              headers: { ETag: state.etag!, "Cache-Control": cacheControl, Vary: "Accept", [DATASET_VERSION_HEADER]: state.dataset! },
            }),
          "application/json",
        );
        return;
      }
      state.ok = !Array.isArray(result) && !(Symbol.asyncIterator in result) && !result.errors?.length;
    },

    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state || new URL(request.url).pathname !== endpoint || response.status === 304) return;
      const headers = response.headers;
      headers.delete("last-modified");
      if (state.etag && state.ok && response.status === 200) {
        headers.set("etag", state.etag);
        headers.set("cache-control", cacheControl);
        headers.set(DATASET_VERSION_HEADER, state.dataset!);
        appendVary(headers, "Accept");
      } else {
        headers.delete("etag");
        headers.set("cache-control", "no-store");
      }
    },
  };
}

/**
 * The response cache's store: a least-recently-used map bounded by entries and by the size of the
 * results as JSON (one result may take at most a sixteenth). Nothing is ever invalidated: the
 * dataset does not change while the process runs, and the version key starts every cache key.
 */
export function createBoundedResultCache(maxEntries: number, maxBytes: number): Cache & { readonly bytes: number; readonly size: number } {
  const entries = new Map<string, { result: ExecutionResult; size: number }>();
  let bytes = 0;
  return {
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    get(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      entries.delete(id);
      entries.set(id, entry);
      return entry.result as never;
    },
    set(id, result) {
      const size = JSON.stringify(result).length;
      if (size > maxBytes / 16) return;
      const previous = entries.get(id);
      if (previous) {
        bytes -= previous.size;
        entries.delete(id);
      }
      entries.set(id, { result, size });
      bytes += size;
      for (const [oldest, value] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= value.size;
      }
    },
    invalidate() {
      // Immutable data: nothing to invalidate.
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The bytes of finished GET responses, for the request handler.

export interface CachedResponse {
  status: number;
  /** Response headers as a flat [name, value, …] list for `writeHead` (ETag included). */
  flatHeaders: string[];
  /** The headers a 304 repeats (no Content-Type or Content-Length). */
  notModifiedHeaders: string[];
  body: Buffer;
  etag: string;
  /** For the access log. */
  operationName?: string | null;
  cost?: number;
  /** Hits so far (see ResponseBytesCache.get). */
  hits: number;
}

/** A least-recently-used map of responses, bounded by entry count and total body bytes. */
export class ResponseBytesCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    // Most recently used last; moved on every 16th hit only (an approximate LRU: a hot entry is
    // still moved often, and the hit path saves a delete and an insert).
    if (entry && (++entry.hits & 15) === 1) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (entry.body.length > this.maxBytes / 16) return; // one response may not crowd out the rest
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.body.length;
    }
  }
}
