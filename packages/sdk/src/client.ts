/**
 * `createClient()`: the generated SDK (`getSdk`, one method per root field of the API) on a
 * graphql-request client, with defaults, a versioned user-agent, timeouts, retries, typed errors
 * and pagination.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { ClientError, GraphQLClient } from "graphql-request";
import { FentraceError, type FentraceGraphQLError, type FentraceRequest } from "./errors.js";
import { persistedIds } from "./generated/persisted-ids.js";
import { getSdk, type Sdk, type SdkFunctionWrapper } from "./generated/sdk.js";
import type { GraphQLClient as SdkGraphQLClient } from "./graphql-client.js";
import {
  type ConnectionLike,
  type ConnectionOf,
  methodInfo,
  type NodeOf,
  type PaginateArgs,
  type Paginator,
  paginate,
} from "./paginate.js";
import { attemptsByResponseHeaders, createTransport, label, parseRetryAfter } from "./transport.js";
import { VERSION } from "./version.js";

/** The public Fentrace API (a placeholder until it is deployed; set `endpoint` or FENTRACE_ENDPOINT). */
export const DEFAULT_ENDPOINT = "https://api.fentrace.org/graphql";

export interface ClientOptions {
  /**
   * The GraphQL endpoint. Default: the FENTRACE_ENDPOINT environment variable (in Node), else
   * {@link DEFAULT_ENDPOINT}.
   */
  endpoint?: string;
  /** The fetch implementation (default: the global `fetch`). Useful for tests and proxies. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request; a function is called for each request (e.g. fresh tokens). */
  headers?: HeadersInit | (() => HeadersInit);
  /**
   * Milliseconds each attempt may take, response body included, before it is abandoned (and
   * retried, like a network error). Default 30,000; 0 disables the timeout.
   */
  timeoutMs?: number;
  /**
   * How many times to retry a request that failed in a way a retry can fix: a network error, a
   * timeout, HTTP 429 or a 5xx. Never for GraphQL errors (bad input, unknown IDs, invalid
   * documents). Default 2 (so at most 3 attempts).
   */
  retries?: number;
  /** First backoff delay; it doubles on each retry, with jitter. Default 300 ms. */
  retryDelayMs?: number;
  /**
   * The longest wait between attempts. A 429/503 whose Retry-After asks for longer is not retried
   * (the error carries `retryAfterMs`). Default 30,000 ms.
   */
  maxRetryDelayMs?: number;
  /** Cancels every request of this client (e.g. on shutdown); per-call signals can be added. */
  signal?: AbortSignal;
  /** Your application's name and version, sent before the SDK's in the user-agent (`my-app/1.2`). */
  userAgent?: string;
  /**
   * HTTP method for documents sent as text: POST (default) or GET (cacheable by HTTP caches).
   * With `persisted` (the default) the generated methods send a GET with the id instead, and use
   * this method only when the server does not know the id; `request()` always uses it.
   */
  method?: "POST" | "GET";
  /**
   * Generated methods send their persisted-operation id instead of the document: a short GET
   * (`?id=<sha256>&operationName=…&variables=…`) that HTTP caches and CDNs can cache. When the
   * server answers PERSISTED_QUERY_NOT_FOUND (it lacks the id), the call is repeated with the full
   * document (by `method`), and later calls of that operation send the document directly.
   * Default true; false always sends the document.
   */
  persisted?: boolean;
}

/** Per-call options: extra headers and a signal to cancel this call. */
export interface CallOptions {
  headers?: HeadersInit;
  signal?: AbortSignal;
}

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

/** A generated operation: `client.figure({ id })`; variables may be omitted when none is required. */
export type ClientMethod<V, R> = undefined extends V
  ? (variables?: Exclude<V, undefined>, options?: CallOptions) => Promise<R>
  : (variables: V, options?: CallOptions) => Promise<R>;

/** A list operation, which can also be paginated: `client.figures.paginate({ filter })`. */
export type ListMethod<V, R> = ClientMethod<V, R> & {
  /** Iterates over every node of the list across pages; `.all()` collects them (bounded). */
  paginate(
    ...args: PaginateArgs<ClientMethod<V, R>>
  ): Paginator<NodeOf<ClientMethod<V, R>>, ConnectionOf<ClientMethod<V, R>>>;
};

/** One method per root field of the API, named after it. */
export type FentraceMethods = {
  readonly [K in keyof Sdk]: ResultOf<Sdk[K]> extends Record<string, ConnectionLike>
    ? ListMethod<ArgsOf<Sdk[K]>[0], ResultOf<Sdk[K]>>
    : ClientMethod<ArgsOf<Sdk[K]>[0], ResultOf<Sdk[K]>>;
};

/** Variables are optional unless the document declares required ones. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends V` is TypeScript's test for "V has no required property"
type RequestArgs<V> = {} extends V ? [variables?: V, options?: CallOptions] : [variables: V, options?: CallOptions];

export interface FentraceClient extends FentraceMethods {
  /** The endpoint requests go to. */
  readonly endpoint: string;
  /**
   * Runs any query: a TypedDocumentNode (from your own codegen, or `parse(…)` cast to one) gives a
   * typed result; a string needs the result type as a type argument. Same retries, timeouts and
   * errors as the generated methods.
   */
  request<R, V extends Record<string, unknown> = Record<string, unknown>>(
    document: TypedDocumentNode<R, V> | string,
    ...args: RequestArgs<V>
  ): Promise<R>;
}

/**
 * Creates a client for the Fentrace API.
 *
 * ```ts
 * const client = createClient({ endpoint: "http://localhost:4000/graphql" });
 * const { figures } = await client.figures({ filter: { metric: { eq: "pills_seized" } }, first: 5 });
 * ```
 */
export function createClient(options: ClientOptions = {}): FentraceClient {
  const endpoint = resolveEndpoint(options.endpoint);
  const retries = nonNegative("retries", options.retries ?? 2, true);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new TypeError("createClient: no fetch implementation (pass `fetch`; Node 18+ and browsers have one).");
  }
  const transport = createTransport({
    endpoint,
    fetch: fetchImpl,
    timeoutMs: nonNegative("timeoutMs", options.timeoutMs ?? 30_000),
    retries,
    retryDelayMs: nonNegative("retryDelayMs", options.retryDelayMs ?? 300),
    maxRetryDelayMs: nonNegative("maxRetryDelayMs", options.maxRetryDelayMs ?? 30_000),
    signal: options.signal,
  });
  const userAgent = [options.userAgent, `@fentrace/sdk/${VERSION}`, runtime()].filter(Boolean).join(" ");
  const defaultHeaders: Record<string, string> = isBrowser() ? {} : { "user-agent": userAgent };
  const graphQLClient = new GraphQLClient(endpoint, {
    fetch: transport,
    method: options.method ?? "POST",
    headers: () => ({
      ...defaultHeaders,
      ...headersToRecord(typeof options.headers === "function" ? options.headers() : options.headers),
    }),
  });

  const sdkClient =
    options.persisted === false
      ? graphQLClient
      : persistedClient(graphQLClient, transport, endpoint, options.headers, defaultHeaders);

  const wrapper: SdkFunctionWrapper = async (action, operationName, _operationType, variables) => {
    try {
      return await action();
    } catch (error) {
      throw toFentraceError(error, { endpoint, operationName, variables });
    }
  };
  const sdk = getSdk(sdkClient, wrapper);

  const client: Record<string, unknown> = {};
  for (const name of Object.keys(sdk) as (keyof Sdk)[]) {
    const generated = sdk[name] as (
      variables?: unknown,
      headers?: Record<string, string>,
      signal?: AbortSignal,
    ) => Promise<unknown>;
    const method = (variables?: unknown, callOptions?: CallOptions) =>
      generated(variables, headersToRecord(callOptions?.headers), callOptions?.signal);
    Object.defineProperty(method, "name", { value: name });
    Object.defineProperty(method, methodInfo, { value: { endpoint, operationName: name } });
    Object.defineProperty(method, "paginate", {
      value: (...args: unknown[]) => (paginate as (...a: unknown[]) => unknown)(method, ...args),
    });
    client[name] = method;
  }

  Object.defineProperty(client, "endpoint", { value: endpoint, enumerable: true });
  client.request = async (
    document: TypedDocumentNode | string,
    variables?: Record<string, unknown>,
    callOptions?: CallOptions,
  ) => {
    const operationName = operationNameOf(document);
    try {
      return await graphQLClient.request({
        document,
        variables,
        requestHeaders: headersToRecord(callOptions?.headers),
        signal: callOptions?.signal,
      });
    } catch (error) {
      throw toFentraceError(error, {
        endpoint,
        operationName,
        variables,
        query: typeof document === "string" ? document : undefined,
      });
    }
  };
  return client as unknown as FentraceClient;
}

/**
 * The client the generated methods use by default: each operation goes as a GET with its
 * persisted-operation id and no text; an operation the server does not know by id (a
 * PERSISTED_QUERY_NOT_FOUND error) is sent again as text by `fallback`, and from then on always
 * as text. Operations without an id (none today) go as text.
 */
function persistedClient(
  fallback: GraphQLClient,
  transport: typeof globalThis.fetch,
  endpoint: string,
  headers: ClientOptions["headers"],
  defaultHeaders: Record<string, string>,
): SdkGraphQLClient {
  const unknownIds = new Set<string>();
  // graphql-request builds a GET with `query=<text>`; this fetch puts the id in its place.
  const byId: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const id = persistedIds.get(url.searchParams.get("operationName") ?? "");
    if (id) {
      url.searchParams.delete("query");
      url.searchParams.set("id", id);
    }
    return transport(url, init);
  };
  const persisted = new GraphQLClient(endpoint, {
    fetch: byId,
    method: "GET",
    headers: () => ({
      ...defaultHeaders,
      ...headersToRecord(typeof headers === "function" ? headers() : headers),
    }),
  });
  return {
    async request<T>(request: Parameters<SdkGraphQLClient["request"]>[0]): Promise<T> {
      const id = persistedIds.get(operationNameOf(request.document) ?? "");
      if (!id || unknownIds.has(id)) return fallback.request<T>(request);
      try {
        return await persisted.request<T>(request);
      } catch (error) {
        const notFound =
          error instanceof ClientError &&
          (error.response.errors ?? []).some((e) => e.extensions?.code === "PERSISTED_QUERY_NOT_FOUND");
        if (!notFound) throw error;
        unknownIds.add(id);
        return fallback.request<T>(request);
      }
    },
  };
}

/** Turns whatever graphql-request or the transport threw into a FentraceError. */
function toFentraceError(error: unknown, request: FentraceRequest): FentraceError {
  if (FentraceError.is(error)) return error;
  if (error instanceof ClientError) {
    const { response } = error;
    const errors = (Array.isArray(response.errors) ? response.errors : []) as FentraceGraphQLError[];
    const status = response.status;
    const failed: FentraceRequest = {
      ...request,
      query: typeof error.request.query === "string" ? error.request.query : request.query,
      variables: error.request.variables ?? request.variables,
    };
    const isHttp = status === 429 || status >= 500 || errors.length === 0;
    const code =
      errors[0]?.extensions?.code ??
      (!isHttp ? "GRAPHQL_ERROR" : status === 429 ? "RATE_LIMITED" : status >= 500 ? "SERVER_ERROR" : "HTTP_ERROR");
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
    const message = isHttp
      ? `${label(request)}: HTTP ${status} from ${request.endpoint}${errors[0] ? `: ${errors[0].message}` : ""}${more}`
      : `${label(request)}: ${errors[0]?.message ?? "GraphQL error"}${more} [${code}]`;
    return new FentraceError({
      kind: isHttp ? "http" : "graphql",
      code,
      message,
      request: failed,
      errors,
      data: response.data,
      status,
      headers: response.headers,
      retryAfterMs: parseRetryAfter(response.headers?.get("retry-after") ?? null),
      attempts: response.headers ? attemptsByResponseHeaders.get(response.headers) : undefined,
      cause: error,
    });
  }
  // graphql-request could not read a 2xx response (e.g. truncated JSON).
  return new FentraceError({
    kind: "invalid-response",
    code: "INVALID_RESPONSE",
    message: `${label(request)}: unreadable response from ${request.endpoint}: ${error instanceof Error ? error.message : String(error)}`,
    request,
    cause: error,
  });
}

function resolveEndpoint(endpoint: string | undefined): string {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const resolved = endpoint ?? (env?.FENTRACE_ENDPOINT || undefined) ?? DEFAULT_ENDPOINT;
  try {
    new URL(resolved);
  } catch {
    throw new TypeError(`createClient: endpoint must be an absolute URL, got "${resolved}".`);
  }
  return resolved;
}

function nonNegative(name: string, value: number, integer = false): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(
      `createClient: ${name} must be a non-negative ${integer ? "integer" : "number"}, got ${String(value)}.`,
    );
  }
  return value;
}

function headersToRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers) {
    new Headers(headers).forEach((value, name) => {
      record[name] = value;
    });
  }
  return record;
}

function operationNameOf(document: TypedDocumentNode | string): string | undefined {
  if (typeof document === "string")
    return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition") return definition.name?.value;
  }
  return undefined;
}

/** Browsers set the user-agent themselves (and may refuse or preflight the header). */
function isBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== "undefined";
}

function runtime(): string | undefined {
  const version = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return version ? `node/${version}` : undefined;
}
