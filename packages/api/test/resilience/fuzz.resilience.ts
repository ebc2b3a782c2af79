/**
 * Fuzzing a real server process: ≥ 10 000 requests (random schema-valid queries with arguments at
 * and beyond their bounds, malformed JSON, wrong content types, huge bodies, invalid UTF-8,
 * unknown operations, stray methods and paths, raw garbage on the socket). Passes with 0
 * responses of status 5xx, 0 crashes, and memory back to its baseline afterwards.
 */
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { resolve } from "node:path";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiDir, type ServerProcess, startServer } from "../support/server-process.js";
import { type HostileRequest, hostileRequest, queryRequest, type Random, randomQuery, seeded } from "./fuzz.js";

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const CONCURRENCY = 16;
const WARM_UP = Number(process.env.FUZZ_WARM_UP ?? 2000);

const schema = buildSchema(readFileSync(resolve(apiDir, "schema.graphql"), "utf8"));

interface Outcome {
  kind: string;
  status?: number;
  error?: string;
  ms: number;
}

function send(port: number, agent: Agent, req: HostileRequest): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const outgoing = request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.path,
        agent,
        headers: { ...req.headers, ...(body ? { "content-length": String(body.length) } : {}) },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          // An unexpected error is a server error whatever the status (plain JSON clients get 200).
          const internal = Buffer.concat(chunks).includes("INTERNAL_SERVER_ERROR");
          done({ kind: req.kind, status: internal ? 500 : res.statusCode, ms: performance.now() - started });
        });
        res.on("error", (error) =>
          done({
            kind: req.kind,
            status: res.statusCode,
            error: (error as NodeJS.ErrnoException).code ?? error.message,
            ms: performance.now() - started,
          }),
        );
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
    outgoing.on("error", (error) =>
      done({
        kind: req.kind,
        error: (error as NodeJS.ErrnoException).code ?? error.message,
        ms: performance.now() - started,
      }),
    );
    if (body) outgoing.end(body);
    else outgoing.end();
  });
}

const RAW = [
  "GARBAGE\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
  "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  "GET /graphql HTTP/1.1\r\nHost: x\r\nX-Bad: \u0001\r\n\r\n",
  "BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n",
  `GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  "GET /graphql HTTP/9.9\r\n\r\n",
  "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", // a TLS ClientHello on plain HTTP
];

/** Writes raw bytes on a fresh connection; resolves the status of the answer, if any. */
function sendRaw(port: number, bytes: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
    });
    socket.on("close", () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1];
      done({
        kind: "raw",
        ...(status ? { status: Number(status) } : { error: "closed" }),
        ms: performance.now() - started,
      });
    });
    socket.on("error", () => undefined);
    socket.end(Buffer.from(bytes, "latin1"));
  });
}

const MB = 1024 * 1024;

describe("fuzzing", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    // The in-process caches are bounded (here at 8 MiB each instead of the default 64 MiB, so that
    // the warm-up below fills them quickly).
    server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      RATE_LIMIT_ENABLED: "false",
      LOG_LEVEL: "info",
      CACHE_MAX_BYTES: String(8 * 1024 * 1024),
      ...(process.env.FUZZ_NODE_OPTIONS ? { NODE_OPTIONS: process.env.FUZZ_NODE_OPTIONS } : {}),
    });
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it(`answers ${TOTAL} hostile and random requests without a 5xx or a crash, and returns to its memory baseline`, async () => {
    const port = Number(new URL(server.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const normal = (index: number, valid: () => ReturnType<typeof randomQuery>): HostileRequest =>
      queryRequest(valid(), index % 2 === 0 ? "GET" : "POST");

    // Runs `count` requests of the fuzzing mix (60 % random queries, 35 % hostile HTTP, 5 % raw
    // bytes) with `CONCURRENCY` connections.
    const fuzz = async (count: number, random: Random) => {
      const outcomes: Outcome[] = [];
      const valid = () => randomQuery(schema, random);
      let next = 0;
      const plan = (index: number): (() => Promise<Outcome>) => {
        const roll = (index * 7919) % 100;
        if (roll < 60) {
          const req = normal(index, valid);
          return () => send(port, agent, req);
        }
        if (roll < 95) {
          const req = hostileRequest(random, valid);
          return () => send(port, agent, req);
        }
        const bytes = RAW[index % RAW.length]!;
        return () => sendRaw(port, bytes);
      };
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < count) {
            const index = next++;
            outcomes.push(await plan(index)());
          }
        }),
      );
      return outcomes;
    };
    // Idle for four seconds; the resident size is the lowest of one sample a second (the heap's
    // size between collections makes any single sample noisy).
    const settledRss = async () => {
      let lowest = Number.POSITIVE_INFINITY;
      for (let second = 0; second < 4; second += 1) {
        await new Promise((done) => setTimeout(done, 1000));
        lowest = Math.min(lowest, server.rss());
      }
      return lowest;
    };

    // Baseline: memory in its steady state, after a first round of the same mix (a different seed)
    // has filled what is bounded: Yoga's 1024 parsed and validated documents, the response caches
    // (CACHE_MAX_BYTES each), V8's heap sizing and Prisma's query-compiler memory.
    // The memory baseline is its steady state: after a warm-up round and the first half of the
    // fuzzing (by then Yoga's 1024 cached documents, the response caches and V8's heap, capped by
    // `pnpm serve`'s --max-old-space-size, have reached their size); the second half must not
    // raise it.
    console.log(`fuzz: warm-up, ${WARM_UP} requests…`);
    await fuzz(WARM_UP, seeded(SEED + 1));
    const rssWarm = await settledRss();
    console.log(`fuzz: first half, ${Math.ceil(TOTAL / 2)} requests…`);
    const firstHalf = await fuzz(Math.ceil(TOTAL / 2), seeded(SEED));
    const rssBefore = await settledRss();
    console.log(`fuzz: second half, ${Math.floor(TOTAL / 2)} requests…`);
    const secondHalf = await fuzz(Math.floor(TOTAL / 2), seeded(SEED + 2));
    const rssAfter = await settledRss();
    const outcomes = [...firstHalf, ...secondHalf];
    agent.destroy();

    const byKind = new Map<string, { count: number; statuses: Map<number | string, number> }>();
    for (const outcome of outcomes) {
      const entry = byKind.get(outcome.kind) ?? { count: 0, statuses: new Map() };
      entry.count += 1;
      const key = outcome.status ?? outcome.error ?? "?";
      entry.statuses.set(key, (entry.statuses.get(key) ?? 0) + 1);
      byKind.set(outcome.kind, entry);
    }
    const serverErrors = outcomes.filter((outcome) => (outcome.status ?? 0) >= 500);
    // A connection may be cut only where the server refuses to read on (huge bodies, raw garbage).
    const unexpectedErrors = outcomes.filter(
      (outcome) => outcome.status === undefined && !["huge-body", "raw"].includes(outcome.kind),
    );
    const slowest = Math.max(...outcomes.map((outcome) => outcome.ms));
    const logged5xx = server.logs.filter((line) => typeof line.status === "number" && line.status >= 500);

    console.log(
      [
        `fuzz: ${outcomes.length} requests tried (seed ${SEED}), 5xx: ${serverErrors.length}, crashes: ${server.child.exitCode === null ? 0 : 1}, unexpected connection errors: ${unexpectedErrors.length}, slowest ${slowest.toFixed(0)} ms`,
        `fuzz: RSS after a warm-up of ${WARM_UP} requests ${(rssWarm / MB).toFixed(1)} MiB; baseline after the first half ${(rssBefore / MB).toFixed(1)} MiB; after the second half ${(rssAfter / MB).toFixed(1)} MiB (${(((rssAfter - rssBefore) / rssBefore) * 100).toFixed(1)} %)`,
        ...[...byKind].map(
          ([kind, { count, statuses }]) =>
            `  ${kind.padEnd(18)} ${String(count).padStart(5)}  ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`,
        ),
      ].join("\n"),
    );

    expect(outcomes.length).toBeGreaterThanOrEqual(TOTAL);
    expect(serverErrors).toEqual([]);
    expect(logged5xx).toEqual([]);
    expect(unexpectedErrors).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    // Back to its baseline (within 10 %): nothing the fuzzing did is retained beyond the bounded caches.
    expect(rssAfter).toBeLessThanOrEqual(rssBefore * 1.1);
    // And still serving.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
