/**
 * Content codings (RFC 9110, 8.4 and 12.5.3): which one a client gets, and compressing with node:zlib.
 *
 * - `negotiateEncoding`: br, gzip or identity. The client's Accept-Encoding and its q-values
 *   decide (negotiator parses it); when the client likes two equally, brotli wins. With no header,
 *   or when the header excludes everything we have, the body goes out uncompressed (RFC 9110 lets
 *   a server do that rather than refuse).
 * - `precompress`: both codings of a static body, at the highest effort, once. Static files
 *   are compressed when they are loaded, never per request.
 * - `compress`: one coding at low effort, for responses made per request (GraphQL results).
 */
// The types of negotiator 1.x, for every program that compiles this file (the SDK's tests too).
/// <reference path="./negotiator.d.ts" />
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import Negotiator from "negotiator";

export type ContentCoding = "br" | "gzip";
export type Encoding = ContentCoding | "identity";

/** Our preference among codings the client accepts equally: brotli is smaller at equal effort. */
const PREFERENCE: readonly Encoding[] = ["br", "gzip", "identity"];

/**
 * Bodies smaller than this go out as they are: below about one packet, compressing saves no
 * round trip and costs CPU on both sides.
 */
export const MIN_COMPRESSED_BYTES = 1024;

/** Text-like types (what we serve: HTML, CSS, JavaScript, JSON, CSV, SVG, icons); not event streams, which must flow as written. */
const COMPRESSIBLE_TYPE =
  /^\s*(?:text\/(?!event-stream\b)[\w.+-]+|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))|image\/(?:svg\+xml|x-icon|vnd\.microsoft\.icon))\s*(?:;|$)/i;

export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE_TYPE.test(contentType);
}

/** Whether a body of this type and size is worth compressing. */
export function worthCompressing(contentType: string | null | undefined, bytes: number): boolean {
  return bytes >= MIN_COMPRESSED_BYTES && isCompressible(contentType);
}

/** The coding to send, among `available` (identity is always available). */
export function negotiateEncoding(
  acceptEncoding: string | null | undefined,
  available: readonly Encoding[] = PREFERENCE,
): Encoding {
  if (!acceptEncoding) return "identity";
  const offered = PREFERENCE.filter((encoding) => encoding === "identity" || available.includes(encoding));
  const chosen = new Negotiator({ headers: { "accept-encoding": acceptEncoding } }).encoding(offered, {
    preferred: PREFERENCE,
  });
  return (chosen as Encoding | undefined) ?? "identity";
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * How hard to try. `fast` is for bodies made per request (brotli 4 is smaller than gzip 6 and
 * about as quick). `best` is for static files, compressed once at start: brotli 11 costs about
 * 1.7 s a MB here, so above 256 KiB brotli 9 (a tenth of the time, 3–12 % larger) keeps the
 * start quick (the playground's files are 8.8 MB).
 */
export type Effort = "fast" | "best";

function brotliQuality(effort: Effort, bytes: number): number {
  if (effort === "fast") return 4;
  return bytes <= 256 * 1024 ? 11 : 9;
}

/** Compresses `body` (in libuv's thread pool, off the event loop). */
export function compress(body: Uint8Array, encoding: ContentCoding, effort: Effort): Promise<Buffer> {
  if (encoding === "gzip") return gzipAsync(body, { level: effort === "fast" ? 6 : 9 });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality(effort, body.byteLength),
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}

/** A static body in the codings that make it smaller. */
export type EncodedBodies = Partial<Record<ContentCoding, Buffer>>;

/** Both codings of a static body (none when it is small or not text-like), at the highest effort. */
export async function precompress(body: Uint8Array, contentType: string): Promise<EncodedBodies> {
  if (!worthCompressing(contentType, body.byteLength)) return {};
  const [br, gz] = await Promise.all([compress(body, "br", "best"), compress(body, "gzip", "best")]);
  const encoded: EncodedBodies = {};
  if (br.byteLength < body.byteLength) encoded.br = br;
  if (gz.byteLength < body.byteLength) encoded.gzip = gz;
  return encoded;
}

/** Whether a Vary header value already names `field`. */
export function varies(vary: string | null | undefined, field: string): boolean {
  if (!vary) return false;
  const wanted = field.toLowerCase();
  return vary.split(",").some((name) => {
    const trimmed = name.trim().toLowerCase();
    return trimmed === wanted || trimmed === "*";
  });
}

/** A Vary header value with `field` added (once). */
export function addVary(vary: string | null | undefined, field: string): string {
  if (!vary) return field;
  return varies(vary, field) ? vary : `${vary}, ${field}`;
}
