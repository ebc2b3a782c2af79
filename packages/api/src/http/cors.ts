/**
 * CORS for a public, read-only API: any page may read any response, and none may do so with the
 * visitor's credentials. So every response says `Access-Control-Allow-Origin: *` (the same for
 * every Origin, `null` included, and without one), and never `Access-Control-Allow-Credentials`:
 * browsers refuse `*` for credentialed requests, so cookies or HTTP auth can never be used from
 * another site. Nothing depends on Origin, so nothing needs `Vary: Origin`.
 *
 * The request handler adds these headers and answers preflights (OPTIONS) itself.
 */

/** Response headers a script may read besides the CORS-safelisted ones. */
const EXPOSED = [
  "ETag",
  "Retry-After",
  "X-Request-Id",
  "X-Fentrace-Dataset-Version",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "RateLimit-Policy",
].join(", ");

/** On every response. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": EXPOSED,
};

export const ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";

/** A list of header names (what Access-Control-Request-Headers may carry). */
const HEADER_NAMES = /^[!#$%&'*+.^_`|~\w-]+(?:\s*,\s*[!#$%&'*+.^_`|~\w-]+)*$/;

/**
 * The answer to a preflight: the methods we serve, the request headers asked for (any header a
 * client wants to send is fine: none of them grants anything), cached by the browser for two hours
 * (Chromium's maximum).
 */
export function preflightHeaders(requestHeaders: string): Record<string, string> {
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-max-age": "7200",
    allow: ALLOWED_METHODS,
    vary: "Access-Control-Request-Headers",
  };
  const asked = requestHeaders.trim();
  if (asked && HEADER_NAMES.test(asked)) headers["access-control-allow-headers"] = asked;
  return headers;
}
