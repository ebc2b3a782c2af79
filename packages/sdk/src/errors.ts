/**
 * The one error class the SDK throws. Every failure (a GraphQL error in the response, an HTTP
 * status, a network failure, a timeout, an abort, an unreadable response, a pagination limit)
 * becomes a `FentraceError`; no error of graphql-request or fetch escapes.
 */

/** What went wrong, broadly; `code` says precisely. */
export type FentraceErrorKind =
  /** The API answered with GraphQL errors (bad input, unknown ID, invalid document …). */
  | "graphql"
  /** The API answered with an HTTP error status (429 or 5xx after the retries, 404 …). */
  | "http"
  /** The API could not be reached (DNS, refused or reset connection) after the retries. */
  | "network"
  /** No complete response within `timeoutMs`, on every attempt. */
  | "timeout"
  /** The request was cancelled through an `AbortSignal` passed to the SDK. */
  | "aborted"
  /** The response was not a GraphQL response (HTML, malformed JSON, a page without a cursor). */
  | "invalid-response"
  /** `all()` stopped because the list holds more records than its limit. */
  | "limit";

/**
 * Codes the SDK sets itself; GraphQL errors carry the API's `extensions.code` instead
 * (`BAD_USER_INPUT`, `NOT_FOUND`, `GRAPHQL_VALIDATION_FAILED`, `GRAPHQL_PARSE_FAILED`,
 * `INTERNAL_SERVER_ERROR` …).
 */
export type FentraceSdkErrorCode =
  | "RATE_LIMITED"
  | "SERVER_ERROR"
  | "HTTP_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "ABORTED"
  | "INVALID_RESPONSE"
  | "TOO_MANY_RESULTS"
  | "GRAPHQL_ERROR";

/** One entry of a GraphQL response's `errors`, as the API sent it. */
export interface FentraceGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  /** Path of the field that failed, e.g. `["nodes", 1]`. */
  path?: (string | number)[];
  /** `code` (e.g. `BAD_USER_INPUT`) and details such as the `argument` at fault. */
  extensions?: { code?: string; [key: string]: unknown };
}

/** The request that failed. */
export interface FentraceRequest {
  endpoint: string;
  /** The operation name (the SDK method's name for generated methods). */
  operationName?: string;
  /** The GraphQL document sent. */
  query?: string;
  variables?: unknown;
}

export interface FentraceErrorInit {
  kind: FentraceErrorKind;
  code: FentraceSdkErrorCode | (string & {});
  message: string;
  request: FentraceRequest;
  errors?: readonly FentraceGraphQLError[];
  data?: unknown;
  status?: number;
  headers?: Headers;
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
}

const brand = Symbol.for("@fentrace/sdk.FentraceError");

export class FentraceError extends Error {
  override readonly name = "FentraceError";
  /** What went wrong, broadly: graphql, http, network, timeout, aborted, invalid-response or limit. */
  readonly kind: FentraceErrorKind;
  /** The first GraphQL error's `extensions.code`, or one of the SDK's own codes. */
  readonly code: FentraceSdkErrorCode | (string & {});
  /** Every GraphQL error of the response (empty when there was no GraphQL response). */
  readonly errors: readonly FentraceGraphQLError[];
  /**
   * The response's `data` when the API returned some alongside errors (a partial result, e.g.
   * `nodes` with one unknown ID: the other records, and null at the failed position); otherwise
   * null or undefined.
   */
  readonly data: unknown;
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The response headers, when a response arrived. */
  readonly headers: Headers | undefined;
  /** The request that failed: endpoint, operation name, document and variables. */
  readonly request: FentraceRequest;
  /** How long the API asked to wait (Retry-After) when it still refused after the retries. */
  readonly retryAfterMs: number | undefined;
  /** How many times the request was sent (1 + retries used), when the SDK knows. */
  readonly attempts: number | undefined;

  constructor(init: FentraceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.data = init.data;
    this.status = init.status;
    this.headers = init.headers;
    this.request = init.request;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
    Object.defineProperty(this, brand, { value: true });
  }

  /**
   * True for a FentraceError, even one from another copy of the SDK (its ESM and CJS builds
   * loaded side by side), where `instanceof` would say false.
   */
  static is(value: unknown): value is FentraceError {
    return value instanceof FentraceError || (typeof value === "object" && value !== null && brand in value);
  }
}
