/**
 * Request bodies: read whole, up to LIMIT_BODY_BYTES. A body announced larger (Content-Length)
 * is refused before any of it is read, a chunked one as soon as it grows past the limit; either
 * way the answer is a 413 and the connection is closed once it is out (the rest of the body is
 * never read).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LIMIT_CODE } from "../plugins/limits.js";
import { errorBody, sendOwn } from "./respond.js";

/** Whether the request's Content-Length announces more than `limit` bytes. */
export function announcedTooLarge(req: IncomingMessage, limit: number): boolean {
  return Number(req.headers["content-length"] ?? 0) > limit;
}

/** Reads the request body; resolves `undefined` as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (!done) reject(error);
    });
  });
}

/** The 413 for a body over `limit` bytes; the connection closes once it is sent. */
export function sendTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  headers: Record<string, string>,
): void {
  const body = errorBody(`Request body limit of ${limit} bytes exceeded.`, {
    code: LIMIT_CODE,
    limit: "bodyBytes",
    max: limit,
  });
  sendOwn(res, 413, { ...headers, connection: "close" }, body, () => req.destroy());
}
