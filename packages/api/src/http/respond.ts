/**
 * Writing responses: those the request handler makes itself (errors, preflights), and Yoga's, as
 * a client receives them. Every response gets the CORS headers (cors.ts) and each security header
 * (security.ts) it does not set itself; a text response of MIN_COMPRESSED_BYTES or more that its
 * maker left uncoded is compressed (br or gzip, as negotiated) and sent whole, with its length.
 */
import type { ServerResponse } from "node:http";
import { CORS_HEADERS } from "./cors.js";
import { addVary, compress, type Encoding, isCompressible, MIN_COMPRESSED_BYTES, varies } from "./encoding.js";
import { SECURITY_HEADERS } from "./security.js";

const JSON_TYPE = "application/json; charset=utf-8";
const EMPTY = Buffer.alloc(0);
/** Headers of a Fetch Response that do not apply to the whole body sent with its length. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
/** The CORS and security headers, for responses the handler writes itself. */
const COMMON_HEADERS: Readonly<Record<string, string>> = { ...SECURITY_HEADERS, ...CORS_HEADERS };

/** A GraphQL-shaped error body. */
export function errorBody(message: string, extensions: Record<string, unknown>): string {
  return JSON.stringify({ errors: [{ message, extensions }] });
}

/** Writes a response the handler makes itself, with the common headers (and a JSON body, if any). */
export function sendOwn(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string,
  sent?: () => void,
): void {
  const all: Record<string, string> = { ...COMMON_HEADERS, ...headers };
  if (body !== undefined) {
    all["content-type"] = JSON_TYPE;
    all["content-length"] = String(Buffer.byteLength(body));
  }
  res.writeHead(status, all);
  res.end(body, sent);
}

/** A response as it is sent: lower-case headers, the whole body. */
export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Yoga's response as it will be sent: its whole body, with `headers` (the request id …) and the
 * common headers added, compressed in `encoding` when it is text of MIN_COMPRESSED_BYTES or more
 * that its maker left uncoded. `graphql`: a response of the GraphQL endpoint, whose 304s stand
 * for a text response and so vary by Accept-Encoding too.
 */
export async function outgoing(
  response: Response,
  options: { encoding: Encoding; head: boolean; graphql: boolean; headers: Record<string, string> },
): Promise<Outgoing> {
  let body: Buffer = response.body ? Buffer.from(await response.arrayBuffer()) : EMPTY;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Lower case: whatwg-node's Headers keep the case they were given.
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower)) headers[lower] = value;
  });
  // Yoga marks its event streams `Content-Encoding: none`, which is no content coding: drop it.
  const coding = headers["content-encoding"];
  if (coding !== undefined && /^\s*(none|identity)\s*$/i.test(coding)) delete headers["content-encoding"];
  for (const name in SECURITY_HEADERS) headers[name] ??= SECURITY_HEADERS[name]!;
  Object.assign(headers, CORS_HEADERS, options.headers);
  const status = response.status;
  // A response carrying Content-Encoding, or already varying by Accept-Encoding, has been
  // negotiated by its maker (static files, compressed in advance): it is sent as it is.
  const negotiated = "content-encoding" in headers || varies(headers.vary, "accept-encoding");
  if (!negotiated && (isCompressible(headers["content-type"]) || (options.graphql && status === 304))) {
    // Said of every text response whatever its size: the same request with another
    // Accept-Encoding could get other bytes.
    headers.vary = addVary(headers.vary, "Accept-Encoding");
    if (options.encoding !== "identity" && !options.head && body.length >= MIN_COMPRESSED_BYTES && status !== 206) {
      const compressed = await compress(body, options.encoding, "fast");
      if (compressed.length < body.length) {
        body = compressed;
        headers["content-encoding"] = options.encoding;
        // A strong ETag names bytes, and these are new ones: keep it as a weak one (the result is
        // the same), as nginx does. The GraphQL ETags are weak already.
        const etag = headers.etag;
        if (etag && !etag.startsWith("W/")) headers.etag = `W/${etag}`;
      }
    }
  }
  if (status !== 304 && status !== 204) {
    // HEAD: the length a GET would have, when the maker said it.
    headers["content-length"] = options.head
      ? (response.headers.get("content-length") ?? String(body.length))
      : String(body.length);
  }
  return { status, headers, body };
}

/** Sends a response made by `outgoing` (no body for HEAD, 204 and 304). */
export function send(res: ServerResponse, out: Outgoing, head: boolean): void {
  res.writeHead(out.status, out.headers);
  res.end(head || out.status === 304 || out.status === 204 ? undefined : out.body);
}
