/**
 * Security headers: the Content-Security-Policy of each kind of page, and the headers every
 * response carries (the request handler adds those: see `applyCommonHeaders`).
 *
 * Nothing the server sends is meant to be framed (there is no embed mode), so every policy has
 * `frame-ancestors 'none'`, backed by `X-Frame-Options: DENY` for browsers without CSP 2. No page
 * runs inline script: each script is a file from this origin.
 */

/** Builds a policy from directives, one `name value…` per entry. */
function policy(...directives: string[]): string {
  return directives.join("; ");
}

/** What every policy shares: no plugins, no <base> rewriting, no framing. */
const LOCKED = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

/**
 * The overview page (packages/web): its scripts and styles are files of its build (it sets styles
 * only through the CSSOM, which CSP does not restrict); it talks only to this origin (the API).
 */
export const WEB_PAGE_CSP = policy(
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  ...LOCKED,
);

/**
 * The GraphQL playground (GraphiQL with Monaco): its script, its Monaco workers (module workers
 * from this origin) and its stylesheet are files under /graphiql/; its fonts and icons are data:
 * URLs inside that stylesheet; Monaco adds <style> elements as it runs, hence 'unsafe-inline' for
 * styles (not for scripts). It sends queries to this origin only.
 */
export const PLAYGROUND_CSP = policy(
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  ...LOCKED,
);

/** Small server-made pages (the /downloads/ index, "not built"): one inline stylesheet, no script. */
export const PLAIN_PAGE_CSP = policy(
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'none'",
  ...LOCKED,
);

/** Everything else (JSON, CSV, JavaScript files, errors): a document made of it may load nothing. */
export const DEFAULT_CSP = policy("default-src 'none'", "form-action 'none'", ...LOCKED);

/** The security headers of every response; each is set only when the response has none of its own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": DEFAULT_CSP,
  // Bodies are what their Content-Type says (JSON is never sniffed into HTML or script).
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // Links to sources get this origin, never the path and query (which may hold a query's text).
  "referrer-policy": "strict-origin-when-cross-origin",
};
