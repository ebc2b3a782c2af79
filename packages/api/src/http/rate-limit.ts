/**
 * Rate limiting per client IP address: a token bucket per address. Each request takes a token;
 * a bucket holds at most `burst` tokens and refills at `perSecond` tokens a second. A request
 * that finds the bucket empty is answered 429 with `Retry-After` (whole seconds).
 *
 * The client's address is the socket's peer, or, behind `trustProxy` proxies, the address those
 * proxies appended to X-Forwarded-For (counted from the right: anything further left was written
 * by the client and could be forged). Turn limiting off (RATE_LIMIT_ENABLED=false) when a proxy
 * or CDN in front of the server does it. Buckets live in each process (see README, "Scaling").
 *
 * Every response tells the client its budget, in the fields of the IETF draft
 * draft-ietf-httpapi-ratelimit-headers as its revisions up to -06 write them (separate fields, the
 * form GitHub's `X-RateLimit-*` and most clients read; -07 and later combine them into one
 * `RateLimit` field with another syntax):
 *   RateLimit-Limit      the bucket size (`burst`): requests a client may send at once
 *   RateLimit-Remaining  whole tokens left after this request
 *   RateLimit-Reset      seconds until the bucket is full again (0: it is full)
 *   RateLimit-Policy     `<burst>;w=<seconds>`: the quota and the time an empty bucket takes to refill
 * (`rateLimitHeaders`); the request handler adds them to every response, errors and downloads
 * included, and `Query.rateLimit` reads the same state (`rateLimitOf`).
 */
import type { IncomingMessage } from "node:http";

/** A client's budget as one request leaves it. */
export interface RateLimitState {
  /** Bucket size: requests a client may send at once (RATE_LIMIT_BURST). */
  limit: number;
  /** Whole tokens left after this request (0 when it was refused). */
  remaining: number;
  /** Whole seconds until the bucket is full again; 0 when it is full. */
  resetSeconds: number;
  /** 0 when the request was allowed, else the whole seconds until one token is there (Retry-After). */
  retryAfter: number;
}

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
  /**
   * `RateLimit-Policy`: the quota and the seconds an empty bucket takes to refill (at least 1).
   * Made once: the options never change, and every response carries it.
   */
  readonly policy: string;

  constructor(private readonly options: RateLimitOptions) {
    this.policy = `${options.burst};w=${Math.max(1, Math.ceil(options.burst / options.perSecond))}`;
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? (() => performance.now());
    this.lastSweep = this.now();
  }

  get clients(): number {
    return this.buckets.size;
  }

  /** Takes a token for `client`: returns 0 when allowed, else the seconds until a token is there. */
  take(client: string): number {
    return this.spend(client).retryAfter;
  }

  /** Takes a token for `client` and returns the budget it leaves (retryAfter > 0: refused). */
  spend(client: string): RateLimitState {
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
    let retryAfter = 0;
    if (bucket.tokens >= 1) bucket.tokens -= 1;
    else retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    return this.state(bucket.tokens, retryAfter);
  }

  /** The budget of `client` without spending any (for requests that are exempt: health checks). */
  peek(client: string): RateLimitState {
    const bucket = this.buckets.get(client);
    const { perSecond, burst } = this.options;
    const tokens = bucket ? Math.min(burst, bucket.tokens + ((this.now() - bucket.updated) / 1000) * perSecond) : burst;
    return this.state(tokens, 0);
  }

  private state(tokens: number, retryAfter: number): RateLimitState {
    const { perSecond, burst } = this.options;
    return {
      limit: burst,
      remaining: Math.floor(tokens),
      resetSeconds: tokens >= burst ? 0 : Math.ceil((burst - tokens) / perSecond),
      retryAfter,
    };
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

/** The budget the request handler counted for each request (read by `Query.rateLimit`). */
const states = new WeakMap<IncomingMessage, RateLimitState>();

/** Records the budget `req` left (the request handler, before anything answers). */
export function setRateLimitState(req: IncomingMessage, state: RateLimitState): void {
  states.set(req, state);
}

/** The budget `req` left; undefined when no limiter counted it (limiting off, or not over HTTP). */
export function rateLimitOf(req: IncomingMessage | undefined): RateLimitState | undefined {
  return req ? states.get(req) : undefined;
}

/** The rate-limit response fields (lower case, as the handler's own headers are). */
export function rateLimitHeaders(state: RateLimitState, policy: string): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSeconds),
    "ratelimit-policy": policy,
  };
}
