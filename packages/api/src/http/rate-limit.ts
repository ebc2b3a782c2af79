/**
 * Rate limiting per client IP address: a token bucket per address. Each request takes a token;
 * a bucket holds at most `burst` tokens and refills at `perSecond` tokens a second. A request
 * that finds the bucket empty is answered 429 with `Retry-After` (whole seconds).
 *
 * The client's address is the socket's peer, or, behind `trustProxy` proxies, the address those
 * proxies appended to X-Forwarded-For (counted from the right: anything further left was written
 * by the client and could be forged). Turn limiting off (RATE_LIMIT_ENABLED=false) when a proxy
 * or CDN in front of the server does it. Buckets live in each process (see README, "Scaling").
 */
import type { IncomingMessage } from "node:http";

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  /** Most addresses tracked at once; full (idle) buckets are dropped first. */
  maxClients?: number;
  /** Clock in milliseconds (tests replace it). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? (() => performance.now());
    this.lastSweep = this.now();
  }

  get clients(): number {
    return this.buckets.size;
  }

  /** Takes a token for `client`: returns 0 when allowed, else the seconds until a token is there. */
  take(client: string): number {
    const now = this.now();
    const { perSecond, burst } = this.options;
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= this.maxClients || now - this.lastSweep > 10_000) this.sweep(now);
      bucket = { tokens: burst, updated: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
      bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  /** Drops buckets that have refilled completely (they behave like new ones). */
  private sweep(now: number): void {
    this.lastSweep = now;
    const { perSecond, burst } = this.options;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updated) / 1000) * perSecond >= burst) this.buckets.delete(client);
    }
    // Still full of active clients: forget the oldest ones rather than grow without bound.
    for (const client of this.buckets.keys()) {
      if (this.buckets.size < this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address: the socket peer when `trustProxy` is 0; otherwise the `trustProxy`-th
 * address from the right of X-Forwarded-For followed by the peer (the leftmost one if the header
 * is shorter).
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const peer = normaliseAddress(req.socket.remoteAddress ?? "unknown");
  if (trustProxy <= 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((address) => address.trim())
    .filter(Boolean);
  const chain = [...forwarded.map(normaliseAddress), peer];
  return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? peer;
}
