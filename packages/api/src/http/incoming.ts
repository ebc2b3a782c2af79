/**
 * The request headers the request handler reads itself (the rest are Yoga's), found in one pass
 * over the raw headers rather than through `req.headers`, which Node builds on first use.
 * Repeated headers are joined with ", ", as Node does.
 */
export interface Incoming {
  accept: string;
  acceptEncoding: string;
  ifNoneMatch: string;
  requestId: string;
  forwardedFor: string;
  accessControlRequestHeaders: string;
}

function add(found: Incoming, field: keyof Incoming, value: string): void {
  found[field] = found[field] ? `${found[field]}, ${value}` : value;
}

export function scanHeaders(raw: readonly string[]): Incoming {
  const found: Incoming = { accept: "", acceptEncoding: "", ifNoneMatch: "", requestId: "", forwardedFor: "", accessControlRequestHeaders: "" };
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    // Compare lengths first: most headers are none of these.
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === "accept") add(found, "accept", raw[index + 1]!);
        break;
      case 12:
        if (name.toLowerCase() === "x-request-id") add(found, "requestId", raw[index + 1]!);
        break;
      case 13:
        if (name.toLowerCase() === "if-none-match") add(found, "ifNoneMatch", raw[index + 1]!);
        break;
      case 15: {
        const lower = name.toLowerCase();
        if (lower === "x-forwarded-for") add(found, "forwardedFor", raw[index + 1]!);
        else if (lower === "accept-encoding") add(found, "acceptEncoding", raw[index + 1]!);
        break;
      }
      case 30:
        if (name.toLowerCase() === "access-control-request-headers") add(found, "accessControlRequestHeaders", raw[index + 1]!);
        break;
    }
  }
  return found;
}

