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
 *   - POST responses, responses with errors and answers that read per-client state
 *     (`Query.rateLimit`, marked by `doNotStore`) get `Cache-Control: no-store` and no ETag;
 *   - the response cache plugin (@graphql-yoga/plugin-response-cache) keeps the results of
 *     repeated operations (GET or POST) in memory, in an LRU (lru-cache) bounded by entries and
 *     by the size of the results as JSON.
 *
 * The request handler keeps the bytes of finished GET responses too (src/http/response-cache.ts).
 */
import { createHash } from "node:crypto";
import { type Cache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import { addVary } from "../http/encoding.js";
import { etagMatches } from "../http/static-response.js";

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
}

/** Per-request state, keyed by the Fetch Request. */
interface RequestState {
  etag?: string;
  notModified?: boolean;
  ok?: boolean;
  dataset?: string;
}

/** Requests whose answer is the client's own (Query.rateLimit): never stored, by anyone. */
const perClient = new WeakSet<Request>();

/** Marks the answer to `request` as the client's own: `Cache-Control: no-store`, no ETag. */
export function doNotStore(request: Request | undefined): void {
  if (request) perClient.add(request);
}

/** Schema coordinates whose value is per client: the response cache never keeps a result with them. */
export const PER_CLIENT_FIELDS = ["Query.rateLimit"];

/** `Cache-Control` for a successful GET. */
export function publicCacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}` : "public, no-cache";
}

export function useHttpCaching(options: HttpCachingOptions): Plugin {
  const states = new WeakMap<Request, RequestState>();
  const cacheControl = publicCacheControl(options.maxAge);

  return {
    onPluginInit({ addPlugin }) {
      if (!options.responseCache || options.maxBytes <= 0) return;
      addPlugin(
        useResponseCache({
          session: () => null, // the data are public: one cache for everybody
          cache: createResultCache(options.maxEntries, options.maxBytes),
          buildResponseCacheKey: async ({ documentString, variableValues, operationName }) => {
            const { key } = await options.version();
            return createHash("sha256")
              .update(`${key}\0${operationName ?? ""}\0${JSON.stringify(variableValues ?? {})}\0${documentString}`)
              .digest("hex");
          },
          includeExtensionMetadata: false,
          ttlPerSchemaCoordinate: Object.fromEntries(PER_CLIENT_FIELDS.map((coordinate) => [coordinate, 0])),
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
      if (etagMatches(request.headers.get("if-none-match"), state.etag)) {
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
              headers: {
                ETag: state.etag!,
                "Cache-Control": cacheControl,
                Vary: "Accept",
                [DATASET_VERSION_HEADER]: state.dataset!,
              },
            }),
          "application/json",
        );
        return;
      }
      state.ok = !Array.isArray(result) && !(Symbol.asyncIterator in result) && !result.errors?.length;
    },

    onResponse({ request, response }) {
      // Only GraphQL requests (to the endpoint) reach onParams, which made the state.
      const state = states.get(request);
      if (!state || response.status === 304) return;
      const headers = response.headers;
      headers.delete("last-modified");
      if (state.etag && state.ok && response.status === 200 && !perClient.has(request)) {
        headers.set("etag", state.etag);
        headers.set("cache-control", cacheControl);
        headers.set(DATASET_VERSION_HEADER, state.dataset!);
        headers.set("vary", addVary(headers.get("vary"), "Accept"));
      } else {
        headers.delete("etag");
        headers.set("cache-control", "no-store");
      }
    },
  };
}

/**
 * The response cache's store: an LRU bounded by entries and by the size of the results as JSON
 * (one result may take at most a sixteenth). Nothing is ever invalidated: the dataset does not
 * change while the process runs, and the version key starts every cache key.
 */
export function createResultCache(
  maxEntries: number,
  maxBytes: number,
): Cache & { readonly entries: LRUCache<string, ExecutionResult> } {
  const entries = new LRUCache<string, ExecutionResult>({
    max: maxEntries,
    maxSize: maxBytes,
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 16)),
    sizeCalculation: (result) => Math.max(1, JSON.stringify(result).length),
  });
  return {
    entries,
    get: (id) => entries.get(id),
    set(id, result) {
      entries.set(id, result);
    },
    invalidate() {
      // Immutable data: nothing to invalidate.
    },
  };
}
