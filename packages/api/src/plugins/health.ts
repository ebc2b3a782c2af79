/**
 * Health endpoints for orchestrators and load balancers (never rate limited, never cached):
 *
 * - `GET /healthz`: 200 while the process is up and serving HTTP, with the requests in progress.
 * - `GET /readyz`: 200 when the database passed its integrity checks and answers a query and a
 *   search (with the dataset version; see `readiness` in db.ts); 503 with the reason when a check
 *   failed, when it does not answer within a second, or once a graceful shutdown has begun, so
 *   that a load balancer stops sending new requests while in-flight ones finish.
 */
import type { Plugin } from "graphql-yoga";

export const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

let draining = false;

/** Requests the server has begun and not finished (kept by the request handler). */
export const activeRequests = { count: 0 };

/** Marks the process as shutting down: /readyz answers 503 from now on. */
export function markDraining(): void {
  draining = true;
}

export function isDraining(): boolean {
  return draining;
}

export interface HealthOptions {
  /** Resolves with the dataset version when the database answers; rejects otherwise. */
  check: () => Promise<string>;
  /** How long the check may take (ms). */
  timeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function useHealthEndpoints(options: HealthOptions): Plugin {
  const timeoutMs = options.timeoutMs ?? 1000;
  return {
    async onRequest({ url, request, fetchAPI, endResponse }) {
      if (url.pathname !== HEALTH_PATH && url.pathname !== READY_PATH) return;
      const respond = (status: number, body: Record<string, unknown>) =>
        endResponse(
          new fetchAPI.Response(request.method === "HEAD" ? null : JSON.stringify(body), {
            status,
            headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
          }),
        );
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { Allow: "GET, HEAD" } }));
        return;
      }
      if (url.pathname === HEALTH_PATH) {
        // `inFlight` counts the requests in progress, this one excepted.
        return respond(200, {
          status: "ok",
          uptime: Math.round(process.uptime()),
          inFlight: Math.max(0, activeRequests.count - 1),
          draining,
        });
      }
      if (draining) return respond(503, { status: "draining" });
      try {
        const datasetVersion = await withTimeout(options.check(), timeoutMs);
        return respond(200, { status: "ready", datasetVersion });
      } catch (error) {
        return respond(503, { status: "unavailable", error: (error as Error).message });
      }
    },
  };
}
