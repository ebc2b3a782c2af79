/**
 * Adversarial fuzzing in the regular suite (issue 9, "Safe on the open internet"): a short,
 * seeded run of hostile requests against the real request handler over HTTP on 127.0.0.1 (in
 * this process, rate limiting disabled), built by the generators of resilience/fuzz.ts with
 * their hostile values: cursors harvested from real responses of every connection and replayed
 * into others, tampered cursors, ids of the wrong type, lone surrogates, controls, bidi, LIKE and
 * FTS5 syntax, huge strings, lists at and past their caps, 20,000-deep JSON, Int/Float edges,
 * bad JSON, wrong content types, broken GET query strings, subscription and mutation operations,
 * fragment bombs, many aliases …
 *
 * Every response must pass `inspect` (support/fuzz-harness.ts): no 5xx, no INTERNAL_SERVER_ERROR,
 * every error with an `extensions.code`, no `originalError`/stack/server path in the body, an
 * answer at all. The process must not crash and its heap must stay bounded. All failures are
 * collected and grouped into classes (one smallest example request each), printed, and the test
 * fails at the end if there is any.
 *
 * Bounded by a request count and a time cap, whichever comes first. Environment:
 * - FUZZ_SEED (default below): the PRNG seed; the run is reproducible from it.
 * - FUZZ_REQUESTS (default 3000), FUZZ_SECONDS (default 25): the bounds.
 * - FUZZ_REPLAY=<#>: send only request #<#> of the seed's sequence and print its answer.
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Built,
  Harvest,
  type HostileRequest,
  harvestQueries,
  hostileRequest,
  queryRequest,
  randomQuery,
  seeded,
} from "./resilience/fuzz.js";
import {
  type Answer,
  FailureReport,
  type FuzzServer,
  formatRequest,
  inspect,
  send,
  startFuzzServer,
} from "./support/fuzz-harness.js";
import { type Listening, listen } from "./support/http.js";

const SEED = Number(process.env.FUZZ_SEED ?? 9_2026);
const MAX_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const MAX_SECONDS = Number(process.env.FUZZ_SECONDS ?? 25);
const REPLAY = process.env.FUZZ_REPLAY === undefined ? undefined : Number(process.env.FUZZ_REPLAY);
const CONCURRENCY = 6;
const CLIENT_TIMEOUT_MS = 10_000;
/** How much the heap may grow over the run (the bounded caches: Yoga's documents, the response caches). */
const HEAP_GROWTH_LIMIT = 256 * 1024 * 1024;
const HEAP_PEAK_LIMIT = 1536 * 1024 * 1024;

const schema = buildSchema(readFileSync(resolve(import.meta.dirname, "../schema.graphql"), "utf8"));
const MiB = 1024 * 1024;

/** A full garbage collection, for heap figures that mean something. */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** The run's request sequence: the same for the same seed and harvest. */
function sequence(seed: number, harvest: Harvest, bodyBytes: number): (index: number) => HostileRequest {
  const random = seeded(seed);
  const options = { hostile: true, harvest };
  const valid = (): Built => randomQuery(schema, random, options);
  return () => {
    if (random() < 0.3) {
      const built = valid();
      return queryRequest(built, random() < 0.33 ? "GET" : "POST");
    }
    return hostileRequest(random, valid, { schema, harvest, bodyBytes });
  };
}

async function json(server: FuzzServer, path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, init);
  return response.json();
}

describe("adversarial fuzzing over HTTP", () => {
  let server: FuzzServer;
  const harvest = new Harvest();
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));

  beforeAll(async () => {
    server = await startFuzzServer();
    process.on("uncaughtExceptionMonitor", onCrash);
    process.on("unhandledRejection", onCrash);
    // Real cursors and ids, in a fixed order (the sequence depends on them).
    const listing = (await json(server, "/graphql/persisted-operations")) as {
      operations?: { id: string; document: string }[];
    };
    harvest.persisted = (listing.operations ?? []).map(({ id, document }) => ({ id, document }));
    for (const query of harvestQueries(schema)) {
      harvest.collect(
        await json(server, "/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query }),
        }),
      );
    }
  });
  afterAll(async () => {
    process.off("uncaughtExceptionMonitor", onCrash);
    process.off("unhandledRejection", onCrash);
    await server?.close();
  });

  it("harvested real cursors of the connections and ids of the nodes", () => {
    console.log(
      `fuzz: harvested ${harvest.allCursors().length} cursors of ${harvest.cursors.size} connection types, ${harvest.allIds().length} ids of ${harvest.ids.size} node types, ${harvest.persisted.length} persisted operations`,
    );
    expect(harvest.cursors.size).toBeGreaterThan(10);
    expect(harvest.ids.size).toBeGreaterThan(10);
  });

  // Only one of the two modes is registered, so a normal run reports no skipped test.
  if (REPLAY !== undefined)
    it(`replays request #${REPLAY} of seed ${SEED}`, async () => {
      const next = sequence(SEED, harvest, server.bodyBytes);
      let req = next(0);
      for (let index = 1; index <= REPLAY!; index += 1) req = next(index);
      const agent = new Agent({ keepAlive: false });
      const answer = await send(server.port, agent, req, String(REPLAY), CLIENT_TIMEOUT_MS);
      const findings = inspect(req, answer, server.causes.get(String(REPLAY)) ?? [], { bodyBytes: server.bodyBytes });
      console.log(
        `fuzz: replay of request #${REPLAY} (seed ${SEED}, ${req.kind}):\n      ${formatRequest(req, 4000)}\n` +
          `  → HTTP ${answer.status ?? answer.error} ${JSON.stringify(answer.headers)}\n  ${answer.body.toString("utf8").slice(0, 4000)}\n` +
          `  server causes: ${JSON.stringify(server.causes.get(String(REPLAY)) ?? [])}\n  findings: ${JSON.stringify(findings, null, 2)}`,
      );
      expect(findings).toEqual([]);
    });

  if (REPLAY === undefined)
    it(
      `answers up to ${MAX_REQUESTS} hostile requests (at most ${MAX_SECONDS} s) without a 5xx, an internal error, an error without a code, a leak or a crash`,
      async () => {
        const next = sequence(SEED, harvest, server.bodyBytes);
        const report = new FailureReport(SEED);
        const byKind = new Map<string, { count: number; statuses: Map<string, number> }>();
        const slowest: { ms: number; index: number; req: HostileRequest }[] = [];
        const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

        const heapBefore = heapUsed();
        let heapPeak = heapBefore;
        const sampler = setInterval(() => {
          heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        }, 100);
        const started = performance.now();
        const deadline = started + MAX_SECONDS * 1000;
        let issued = 0;

        const one = async (index: number, req: HostileRequest) => {
          const answer: Answer = await send(server.port, agent, req, String(index), CLIENT_TIMEOUT_MS);
          const entry = byKind.get(req.kind) ?? { count: 0, statuses: new Map<string, number>() };
          entry.count += 1;
          const status = answer.unsendable ? "unsendable" : String(answer.status ?? answer.error);
          entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
          byKind.set(req.kind, entry);
          slowest.push({ ms: answer.ms, index, req });
          slowest.sort((a, b) => b.ms - a.ms).splice(5);
          // Server-side errors are logged synchronously before the answer is written.
          const causes = server.causes.get(String(index)) ?? [];
          server.causes.delete(String(index));
          report.add(index, req, answer, inspect(req, answer, causes, { bodyBytes: server.bodyBytes }));
        };
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (issued < MAX_REQUESTS && performance.now() < deadline) {
              const index = issued++;
              await one(index, next(index));
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        agent.destroy();
        const heapAfter = heapUsed();
        const ready = await fetch(`${server.url}/readyz`);

        const unattributed = [...server.causes].filter(([id]) => !/^\d+$/.test(id));
        console.log(
          [
            `fuzz: seed ${SEED}: ${issued} requests in ${seconds.toFixed(1)} s (${(issued / seconds).toFixed(0)}/s, concurrency ${CONCURRENCY}; bounds ${MAX_REQUESTS} requests, ${MAX_SECONDS} s)`,
            `fuzz: heapUsed before ${(heapBefore / MiB).toFixed(1)} MiB, peak ${(heapPeak / MiB).toFixed(1)} MiB, after ${(heapAfter / MiB).toFixed(1)} MiB (after a full GC)`,
            "fuzz: requests by kind (answers by status):",
            ...[...byKind]
              .sort((a, b) => b[1].count - a[1].count)
              .map(
                ([kind, { count, statuses }]) =>
                  `  ${kind.padEnd(16)} ${String(count).padStart(5)}  ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`,
              ),
            `fuzz: slowest: ${slowest.map((s) => `#${s.index} ${s.req.kind} ${s.ms.toFixed(0)} ms`).join(", ")}`,
            ...(unattributed.length > 0
              ? [`fuzz: errors logged outside a request: ${JSON.stringify(unattributed).slice(0, 500)}`]
              : []),
            report.size > 0 ? report.format() : "fuzz: no failures",
          ].join("\n"),
        );

        expect(crashes, "uncaught exceptions or unhandled rejections during the run").toEqual([]);
        expect(ready.status, "still serving after the run").toBe(200);
        expect(heapAfter - heapBefore, "heap growth over the run").toBeLessThan(HEAP_GROWTH_LIMIT);
        expect(heapPeak, "peak heap during the run").toBeLessThan(HEAP_PEAK_LIMIT);
        expect(issued).toBeGreaterThan(0);
        expect(
          [...report.classes.keys()],
          `${report.size} failure classes (seed ${SEED}); see the report above`,
        ).toEqual([]);
      },
      (MAX_SECONDS + 60) * 1000,
    );
});

/**
 * Filtered downloads (`/downloads/figures.csv?…`, `figures.json?…`) under hostile query strings:
 * real parameter names and ids mixed with repeated parameters, huge values, unicode (bidi, lone
 * surrogates, emoji), SQL / LIKE / FTS5 syntax, markup, prototype keys, deep JSON, broken escapes.
 * Each query goes to both files. Every answer is a 200 with rows of the whole file (the same ids
 * in both formats) or a 400 that says what is wrong (plain text for CSV, JSON for JSON, the code
 * in X-Fentrace-Error-Code), or 414/431 for a target too long for the server; never a 5xx, never a
 * stack, never an unbounded body.
 */
describe("filtered downloads under hostile query strings", () => {
  const DOWNLOAD_REQUESTS = Number(process.env.FUZZ_DOWNLOAD_REQUESTS ?? 300);
  const NAMES = [
    "metric",
    "document",
    "place",
    "place.ids",
    "place.includeDescendants",
    "period",
    "period.overlaps",
    "period.within",
    "value",
    "value.gte",
    "value.lt",
    "label.contains",
    "label.eq",
    "qualifier",
    "platform",
    "hasClaim",
    "orderBy",
    "filter",
    "__proto__",
    "constructor",
    "toString",
    "metric.in.in",
    "period.overlaps.start.x",
    "",
    "métric",
    "metric\u202e",
    "x.".repeat(300),
  ];
  const VALUES = [
    "pills_seized",
    "drug_seized_mass",
    "latin-post",
    "place-us-tx",
    "org-snapchat",
    "2021",
    "2021-03..2021-09",
    "2021..",
    "..2021",
    "..",
    "2022..2021",
    "9999-99",
    "EXACT",
    "APPROXIMATE",
    "NORMALIZED_VALUE:DESC",
    "SLUG:",
    "true",
    "yes",
    "1000",
    "-0",
    "1e309",
    "NaN",
    "0x10",
    " 12 ",
    "",
    "' OR 1=1 --",
    '"; DROP TABLE Figure; --',
    "%",
    "_",
    "\\",
    "*",
    'NEAR("a" "b")',
    "<script>alert(1)</script>",
    "\u202eabc",
    "\u0000",
    "💊".repeat(50),
    "x".repeat(5000),
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"metric":{"in":["pills_seized"]},"qualifier":["EXACT"]}',
    `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
    `{"document":[${Array.from({ length: 150 }, (_, i) => `"d${i}"`).join(",")}]}`,
  ];
  /** Escapes left as they are: broken (`%zz`, a lone `%`), a lone surrogate, NUL. */
  const RAW = ["%zz", "%", "%ED%A0%80", "%00", "%E2%80%AE", "a%2", "%F0%9F%92"];

  let server: Listening;
  let wholeIds: Set<string>;
  let wholeHeader: string;
  beforeAll(async () => {
    server = await listen();
    const csv = await (await fetch(`${server.url}/downloads/figures.csv`)).text();
    wholeHeader = csv.slice(0, csv.indexOf("\r\n"));
    const json = (await (await fetch(`${server.url}/downloads/figures.json`)).json()) as { id: string }[];
    wholeIds = new Set(json.map((row) => row.id));
  });
  afterAll(() => server?.close());

  function hostileQuery(random: () => number): string {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const parts: string[] = [];
    // A third of the queries use only real names and plausible values, so that many are answered.
    if (random() < 0.35) {
      const names = NAMES.slice(0, 17);
      const values = VALUES.slice(0, 19);
      return Array.from(
        { length: 1 + Math.floor(random() * 3) },
        () => `${encodeURIComponent(pick(names))}=${encodeURIComponent(pick(values))}`,
      ).join("&");
    }
    const count = random() < 0.05 ? 300 : 1 + Math.floor(random() * 4);
    for (let index = 0; index < count; index += 1) {
      const name = random() < 0.1 ? pick(RAW) : encodeURIComponent(pick(NAMES));
      const value = random() < 0.15 ? pick(RAW) : encodeURIComponent(pick(VALUES));
      parts.push(random() < 0.05 ? name : `${name}=${value}`);
      // Repeated parameters: the same one again.
      if (random() < 0.2) parts.push(parts[parts.length - 1]!);
    }
    return parts.join(random() < 0.05 ? "&&" : "&");
  }

  /** The ids of a 200's rows (CSV: the first cell of each record; the ids hold no comma or quote). */
  function csvIds(text: string): string[] {
    return text
      .split("\r\n")
      .slice(1)
      .map((line) => /^(fig-[a-z0-9-]+),/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
  }

  it(`answers ${DOWNLOAD_REQUESTS} hostile queries on both files with a correct 200 or a 400 that says what is wrong`, async () => {
    const random = seeded(SEED + 13);
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    let slowest = 0;
    for (let index = 0; index < DOWNLOAD_REQUESTS; index += 1) {
      const query = hostileQuery(random);
      const answers: { status: number; ids?: string[] }[] = [];
      for (const file of ["figures.csv", "figures.json"] as const) {
        const started = performance.now();
        const response = await fetch(`${server.url}/downloads/${file}?${query}`);
        const body = await response.text();
        slowest = Math.max(slowest, performance.now() - started);
        const key = `${file} ${response.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const fail = (why: string) =>
          failures.push(`#${index} ${file}?${query.slice(0, 300)} → ${response.status}: ${why}: ${body.slice(0, 300)}`);
        const type = response.headers.get("content-type") ?? "";
        if (/\n\s+at |\/work\/|node_modules/.test(body)) fail("a stack or a server path in the body");
        if (response.status === 200) {
          if (file === "figures.csv") {
            if (!body.startsWith(`${wholeHeader}\r\n`)) fail("not the header of figures.csv");
            const ids = csvIds(body);
            if (ids.some((id) => !wholeIds.has(id))) fail("a row that is not in figures.csv");
            answers.push({ status: 200, ids });
          } else {
            const rows = JSON.parse(body) as { id: string }[];
            if (!Array.isArray(rows) || rows.some((row) => !wholeIds.has(row.id))) fail("rows not of figures.json");
            answers.push({ status: 200, ids: rows.map((row) => row.id) });
          }
        } else if (response.status === 400) {
          const code = response.headers.get("x-fentrace-error-code");
          if (!code) fail("no X-Fentrace-Error-Code");
          if (body.length > 64 * 1024) fail(`an error body of ${body.length} characters`);
          if (file === "figures.csv") {
            if (type !== "text/plain; charset=utf-8") fail(`a CSV error of type ${type}`);
            if (!/^Bad request: \S/.test(body) || !body.includes(`\nCode: ${code}\n`)) fail("no message or code");
          } else {
            const parsed = JSON.parse(body) as { errors?: { message?: string; extensions?: { code?: string } }[] };
            const error = parsed.errors?.[0];
            if (!error?.message || error.extensions?.code !== code) fail("no GraphQL-shaped error with the code");
          }
          answers.push({ status: 400 });
        } else if (response.status === 414 || response.status === 431) {
          answers.push({ status: response.status });
        } else {
          fail("an unexpected status");
        }
      }
      const [csv, json] = answers;
      if (csv && json && (csv.status !== json.status || JSON.stringify(csv.ids) !== JSON.stringify(json.ids))) {
        failures.push(`#${index} ?${query.slice(0, 300)}: CSV ${csv.status} and JSON ${json.status} disagree`);
      }
    }
    console.log(
      `fuzz downloads: ${DOWNLOAD_REQUESTS} queries × 2 files; answers ${[...statuses].map(([k, n]) => `${k}×${n}`).join(", ")}; slowest ${slowest.toFixed(0)} ms`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(statuses.get("figures.csv 200") ?? 0, "some queries are valid").toBeGreaterThan(0);
    expect(statuses.get("figures.csv 400") ?? 0, "some queries are refused").toBeGreaterThan(0);
    // Nothing leaked into the prototype of plain objects.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
