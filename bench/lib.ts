/**
 * Shared plumbing of the benchmarks: starting the API (and other servers) as child processes on
 * 127.0.0.1, waiting until they answer, driving load with autocannon, and percentiles.
 *
 * Every server runs in its own process, with its output in a log file (bench/.data/logs/), so the
 * benchmark process only generates load and measures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import autocannon from "autocannon";

export const repoRoot = resolve(import.meta.dirname, "..");
export const apiDir = resolve(repoRoot, "packages/api");
export const benchDir = resolve(repoRoot, "bench");
export const dataDir = resolve(benchDir, ".data");
export const resultsDir = resolve(benchDir, "results");
export const logDir = resolve(dataDir, "logs");

/** The Node flags of `pnpm serve` (packages/api/package.json), e.g. the heap limit. */
export function serveNodeFlags(): string[] {
  const serve = (JSON.parse(readFileSync(resolve(apiDir, "package.json"), "utf8")) as { scripts: { serve: string } })
    .scripts.serve;
  return serve.split(" ").filter((word) => /^--max-old-space-size=\d+$/.test(word));
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Every server process still running, so that none outlives the benchmark. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Stops every server still running (SIGTERM, then SIGKILL after 10 s). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          child.once("exit", () => {
            clearTimeout(timer);
            done();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}

export interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  port: number;
  exited: Promise<number | string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | string>;
}

/** Spawns a server process with its output in bench/.data/logs/<name>.log. */
export function spawnServer(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; port: number },
): Child {
  mkdirSync(logDir, { recursive: true });
  const log = openSync(resolve(logDir, `${name}.log`), "w");
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", log, log],
  });
  running.add(child);
  const exited = new Promise<number | string>((done) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      done(code ?? signal ?? "unknown");
    }),
  );
  return {
    name,
    process: child,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface ApiOptions {
  name: string;
  databasePath: string;
  env?: Record<string, string>;
  args?: string[];
}

/**
 * Starts the API as `pnpm serve` does (`tsx src/server.ts`, one process unless `--workers`), with
 * the production defaults except rate limiting, which would refuse a load generator that is a
 * single client. Access logs stay on (written to the log file).
 */
export async function startApi(options: ApiOptions): Promise<Child & { startMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnServer(
    options.name,
    process.execPath,
    [...serveNodeFlags(), "--import", "tsx", "src/server.ts", ...(options.args ?? [])],
    {
      cwd: apiDir,
      port,
      env: {
        DATABASE_URL: `file:${options.databasePath}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        RATE_LIMIT_ENABLED: "false",
        NODE_ENV: "production",
        ...options.env,
      },
    },
  );
  await waitUntilAnswering(child, `${child.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
  return { ...child, startMs: performance.now() - started };
}

/** Polls `url` every 10 ms until it answers 200 (or the process exits). */
export async function waitUntilAnswering(child: Child, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let exited: number | string | undefined;
  void child.exited.then((code) => (exited = code));
  while (performance.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`${child.name} exited (${exited}) before answering; see bench/.data/logs/${child.name}.log`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 10));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
}

/** Averages over rounds, with each round's own result kept for paired ratios. */
export type RoundsResult = LoadResult & { rounds: LoadResult[] };

/**
 * The median, over rounds, of `a`'s req/s divided by `b`'s in the same round: runs of one round
 * are seconds apart, so background load on a shared machine weighs on both alike.
 */
export function pairedRatio(a: RoundsResult, b: RoundsResult): number {
  const ratios = a.rounds.map((round, index) => round.rps / (b.rounds[index]?.rps ?? Number.NaN)).sort((x, y) => x - y);
  const middle = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
}

export interface LoadResult {
  /** Mean requests per second. */
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Latency percentiles in ms (precise, from every response). */
  p50: number;
  p99: number;
  durationS: number;
}

export interface LoadOptions {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Several requests to cycle through (autocannon's `requests`). */
  requests?: autocannon.Request[];
  connections?: number;
  durationS?: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Runs autocannon against one URL (127.0.0.1 only) for a bounded time. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url))
    throw new Error(`refusing to load anything but 127.0.0.1: ${options.url}`);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolveResult, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? "GET",
        headers: options.headers,
        body: options.body,
        requests: options.requests,
        connections: options.connections ?? 20,
        duration: options.durationS ?? 5,
        pipelining: 1,
      },
      (error, finished) => (error ? reject(error) : resolveResult(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    durationS: result.duration,
  };
}

/**
 * Runs each load in turn, `rounds` times, and averages per name (alternating evens out background
 * noise). Each is first run once and discarded, so that every server is measured warm (JIT-compiled
 * hot paths, filled caches); that warm-up run is called with `warmup` true, so that it may be
 * shorter.
 */
export async function alternate<T extends string>(
  rounds: number,
  runs: Record<T, (warmup: boolean) => Promise<LoadResult>>,
): Promise<Record<T, RoundsResult>> {
  for (const name of Object.keys(runs) as T[]) await runs[name](true);
  const collected = {} as Record<T, LoadResult[]>;
  for (let round = 0; round < rounds; round += 1) {
    for (const name of Object.keys(runs) as T[]) {
      collected[name] ??= [];
      collected[name].push(await runs[name](false));
    }
  }
  const averaged = {} as Record<T, RoundsResult>;
  for (const name of Object.keys(collected) as T[]) {
    const results = collected[name];
    const mean = (pick: (r: LoadResult) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
    averaged[name] = {
      rps: mean((r) => r.rps),
      requests: results.reduce((sum, r) => sum + r.requests, 0),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      p50: mean((r) => r.p50),
      p99: mean((r) => r.p99),
      durationS: results.reduce((sum, r) => sum + r.durationS, 0),
      rounds: results,
    };
  }
  return averaged;
}

/**
 * Requests for autocannon that cycle through `bodies` in one global order shared by all the
 * connections and kept from one load run to the next: autocannon gives each connection its own
 * pass through a `requests` array, all starting at the first entry, so that with 20 connections a
 * short run would send only the first few bodies, each 20 times over, by connections in lockstep.
 */
export function cyclingRequests(
  bodies: readonly string[],
  request: { path: string; headers: Record<string, string> },
): autocannon.Request[] {
  if (bodies.length === 0) throw new Error("cyclingRequests: no bodies");
  let next = 0;
  return [
    {
      method: "POST",
      path: request.path,
      headers: request.headers,
      setupRequest: (built) => {
        const body = bodies[next % bodies.length]!;
        next += 1;
        return { ...built, body };
      },
    },
  ];
}

/** Fetches a response with everything a bare server needs to send it again byte for byte. */
export async function captureResponse(url: string, init: RequestInit = {}) {
  // As the load generator asks (autocannon sends no Accept-Encoding): the bytes uncompressed, so
  // that the bare server replays exactly what the API sends under load. (fetch would otherwise ask
  // for gzip and hand back the decoded body under a `content-encoding: gzip` header.)
  const headers = new Headers(init.headers);
  if (!headers.has("accept-encoding")) headers.set("accept-encoding", "identity");
  const response = await fetch(url, { ...init, headers });
  const body = Buffer.from(await response.arrayBuffer());
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!["date", "connection", "keep-alive", "transfer-encoding"].includes(name)) kept[name] = value;
  });
  return { status: response.status, headers: kept, body };
}

export function formatNumber(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
}

/** Prints rows as an aligned text table. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(line(headers));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}
