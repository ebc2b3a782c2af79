/**
 * The `fetch` the SDK gives graphql-request: one call sends a request with a per-attempt timeout,
 * reads the whole body, and retries with exponential backoff when that can help (network errors,
 * timeouts, 429 and 5xx); everything else is returned as is for graphql-request to parse.
 */
import { FentraceError, type FentraceErrorKind, type FentraceRequest } from "./errors.js";
import { abortedSignal, anySignal, sleep, timeoutSignal } from "./signals.js";

export interface TransportOptions {
  endpoint: string;
  fetch: typeof globalThis.fetch;
  /** Per attempt; 0 or Infinity: none. */
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Cancels every request of the client. */
  signal: AbortSignal | undefined;
}

/** GraphQL request errors that a retry cannot fix, even when a server sends them with a 5xx. */
const permanentCodes = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "PERSISTED_QUERY_NOT_FOUND",
]);

/**
 * How many attempts the responses handed to graphql-request took, by their headers object (which
 * graphql-request passes on into its errors), so that errors can report it.
 */
export const attemptsByResponseHeaders = new WeakMap<Headers, number>();

/** Statuses whose responses have no body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  // Called as a plain function: browsers throw "Illegal invocation" when fetch's `this` is not
  // the window (as in `options.fetch(…)`).
  const send = options.fetch;
  return async (input, init = {}) => {
    const request = describeRequest(options.endpoint, input, init);
    const signals = [options.signal, init.signal ?? undefined];
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(signals, request, attempt - 1);
      const timeout =
        options.timeoutMs > 0 && Number.isFinite(options.timeoutMs) ? timeoutSignal(options.timeoutMs) : undefined;
      const combined = anySignal([...signals, timeout?.signal]);
      let response: Response;
      let body: string;
      try {
        response = await send(input, { ...init, signal: combined.signal });
        // Read the body inside the attempt, so that the timeout covers it and a connection reset
        // mid-body is retried like any network error.
        body = await response.text();
      } catch (cause) {
        throwIfAborted(signals, request, attempt);
        const kind: FentraceErrorKind = timeout?.signal.aborted ? "timeout" : "network";
        if (attempt <= options.retries) {
          await pause(backoff(attempt, options), signals, request, attempt);
          continue;
        }
        throw failure(kind, request, attempt, cause, options.timeoutMs);
      } finally {
        timeout?.dispose();
        combined.dispose();
      }

      if (attempt <= options.retries && isRetryableStatus(response.status, body)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        // Never retry sooner than the server asked; give up when it asks for longer than allowed.
        if (retryAfter === undefined || retryAfter <= options.maxRetryDelayMs) {
          await pause(retryAfter ?? backoff(attempt, options), signals, request, attempt);
          continue;
        }
      }
      if (response.ok && !looksLikeGraphQLResponse(response, body)) {
        throw new FentraceError({
          kind: "invalid-response",
          code: "INVALID_RESPONSE",
          message: `${label(request)}: ${request.endpoint} answered HTTP ${response.status} with ${response.headers.get("content-type") ?? "no content type"}, not a GraphQL response (is the endpoint right?).`,
          request,
          status: response.status,
          headers: response.headers,
          attempts: attempt,
        });
      }
      const buffered = new Response(nullBodyStatuses.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      attemptsByResponseHeaders.set(buffered.headers, attempt);
      return buffered;
    }
  };
}

/** A JSON object (cheap check; graphql-request parses it). */
function looksLikeGraphQLResponse(response: Response, body: string): boolean {
  return /json/i.test(response.headers.get("content-type") ?? "") && /^\s*\{/.test(body);
}

function isRetryableStatus(status: number, body: string): boolean {
  if (status === 429) return true;
  if (status < 500 || status > 599) return false;
  return !graphQLErrorCodes(body).some((code) => permanentCodes.has(code));
}

/** The `extensions.code`s of a GraphQL response body (none when it is not one). */
function graphQLErrorCodes(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? [])
      .map((error) => error.extensions?.code)
      .filter((code): code is string => typeof code === "string");
  } catch {
    return [];
  }
}

/** Exponential backoff with jitter: about base × 2^(attempt-1), capped, between 50 % and 100 %. */
function backoff(attempt: number, options: TransportOptions): number {
  const ceiling = Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + Math.random() / 2));
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function pause(
  ms: number,
  signals: (AbortSignal | undefined)[],
  request: FentraceRequest,
  attempts: number,
): Promise<void> {
  try {
    await sleep(ms, signals);
  } catch {
    throwIfAborted(signals, request, attempts);
  }
}

function throwIfAborted(signals: (AbortSignal | undefined)[], request: FentraceRequest, attempts: number): void {
  const signal = abortedSignal(signals);
  if (!signal) return;
  const reason: unknown = signal.reason;
  // A caller's AbortSignal.timeout() is a timeout too.
  const timedOut = reason instanceof Error && reason.name === "TimeoutError";
  throw new FentraceError({
    kind: timedOut ? "timeout" : "aborted",
    code: timedOut ? "TIMEOUT" : "ABORTED",
    message: `${label(request)}: ${timedOut ? "timed out (the caller's signal)" : "aborted by the caller's signal"}.`,
    request,
    attempts,
    cause: reason,
  });
}

function failure(
  kind: FentraceErrorKind,
  request: FentraceRequest,
  attempts: number,
  cause: unknown,
  timeoutMs: number,
): FentraceError {
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  if (kind === "timeout") {
    return new FentraceError({
      kind,
      code: "TIMEOUT",
      message: `${label(request)}: no complete response from ${request.endpoint} within ${timeoutMs} ms (${tries}).`,
      request,
      attempts,
      cause,
    });
  }
  return new FentraceError({
    kind,
    code: "NETWORK_ERROR",
    message: `${label(request)}: could not reach ${request.endpoint} (${tries}): ${describeCause(cause)}.`,
    request,
    attempts,
    cause,
  });
}

/** "fetch failed (ECONNREFUSED)": Node's fetch hides the reason in `cause`. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = inner && typeof inner === "object" ? (inner.code ?? inner.message) : undefined;
  return detail ? `${cause.message} (${String(detail)})` : cause.message;
}

export function label(request: FentraceRequest): string {
  return request.operationName ?? "request";
}

/** Endpoint, operation name, document and variables of the request graphql-request is sending. */
function describeRequest(endpoint: string, input: RequestInfo | URL, init: RequestInit): FentraceRequest {
  const request: FentraceRequest = { endpoint };
  try {
    if (typeof init.body === "string") {
      const body = JSON.parse(init.body) as { query?: string; variables?: unknown; operationName?: string };
      return { endpoint, operationName: body.operationName, query: body.query, variables: body.variables };
    }
    const url = new URL(input instanceof Request ? input.url : String(input));
    const variables = url.searchParams.get("variables");
    return {
      endpoint,
      operationName: url.searchParams.get("operationName") ?? undefined,
      query: url.searchParams.get("query") ?? undefined,
      variables: variables ? (JSON.parse(variables) as unknown) : undefined,
    };
  } catch {
    return request;
  }
}
