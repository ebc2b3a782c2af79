/**
 * `pnpm bench`: the performance ratios of issue 5 (and of the fast execution core), each measured
 * in one run on this machine, printed as a table and written to bench/results/latest.json.
 *
 * - P1 cached: a repeated GET, answered from the API's caches, vs a bare node:http server sending
 *   the identical bytes (goal ≥ 0.8×).
 * - P2 uncached: the representative query (20 figures with metric, place, evidence, document)
 *   executed on every request (in-process caches off, POST) vs a bare server sending its bytes
 *   (goal ≥ 0.05×).
 * - P2v varied: a stream of over 1,000 distinct figure queries (filters, orders, pages, nested
 *   selections; bench/varied.ts), each checked once to succeed, cycled in one order across the
 *   connections and POSTed to the same uncached API, vs the same bare server (goal ≥ 0.05×) and
 *   vs json-graphql-server's representative query (P4v, goal ≥ 2×).
 * - P3 scale: p50/p99 latency of a filtered, paginated query with totalCount on synthetic
 *   databases of 1k, 100k and 1M figures (goal p50(1M) ≤ 2 × p50(1k)).
 * - P4 peer: the same data exported to JSON and served by json-graphql-server, nearest
 *   equivalent query (goal ≥ 2× its req/s), as deployed (cached GET) and uncached.
 * - Floor: `{ __typename }` POSTed to the uncached API vs a graphql-yoga server with no plugins
 *   and a one-field schema (bench/minimal-yoga.ts, same Node flags; goal ≥ 0.8×): what the API
 *   adds around the GraphQL server it is built on.
 * - P5 start: from spawning the server to its first answered request, and the database build
 *   from seed/data.
 *
 * Everything runs on 127.0.0.1 with autocannon (bounded duration and connections). The servers
 * are separate processes; the load generator shares the 2 cores with them, for the API and its
 * baseline alike. Each comparison alternates its servers (after a discarded, shorter warm-up run
 * of each) for BENCH_ROUNDS rounds and reports the median of the per-round ratios, so that
 * background load on a shared machine weighs on both sides alike: P2, P2v and P4 are measured in
 * the same rounds (bare, peer, cached, uncached, varied in turn). P1 and the floor, where both
 * sides are fast and the goal is near 1, get five rounds. Options: BENCH_DURATION (seconds per
 * load run, default 5; 2 s less for runs of thousands of requests a second: P1, the floor, the
 * bare server and the cached API; 1 s less for P3's latency runs, 3 s less for its default-order
 * runs; warm-ups at most 2 s), BENCH_ROUNDS (default 3), BENCH_SIZES (default 1000,100000,1000000).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { buildDatabase } from "../seed/build-database.js";
import {
  alternate,
  type Child,
  captureResponse,
  cyclingRequests,
  dataDir,
  formatNumber,
  freePort,
  type LoadResult,
  load,
  pairedRatio,
  printTable,
  type RoundsResult,
  repoRoot,
  resultsDir,
  serveNodeFlags,
  spawnServer,
  startApi,
  stopAll,
  waitUntilAnswering,
} from "./lib.js";
import {
  buildSyntheticDatabase,
  existingSyntheticVersion,
  SYNTHETIC_METRICS,
  syntheticPath,
  syntheticVersion,
} from "./synthetic.js";
import { variedQueries, verifyQueries } from "./varied.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "1000,100000,1000000").split(",").map(Number);
const CONNECTIONS = 20;
/** Runs where the server answers thousands of requests a second (P1, the floor, the bare server and the cached API in P2/P4): shorter. */
const SHORT_DURATION = Math.max(2, DURATION - 2);
/** P3's latency runs (one connection) and its default-order runs. */
const SCALE_DURATION = Math.max(2, DURATION - 1);
const SCALE_DEFAULT_ORDER_DURATION = Math.max(2, DURATION - 3);
/** The discarded warm-up run of each server in a comparison. */
const WARMUP_DURATION = Math.min(DURATION, 2);
/** Distinct queries of P2v's varied stream, at least. */
const VARIED_MIN = 1000;
/** Query specs generated for P2v (a few may coincide and be dropped). */
const VARIED_GENERATED = 1100;

/** The representative query: 20 figures with metric, place, evidence and document. */
export const REPRESENTATIVE = `query Representative {
  figures(first: 20) {
    totalCount
    edges { node {
      slug label value unit statedText
      normalized { value unit }
      metric { key name }
      place { slug name }
      evidence { text start end document { slug title outletName } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The scale query: one metric's figures within a year, in chronological order, with the count. */
export const SCALE_QUERY = `query Scale($metric: String!, $year: PartialDate!) {
  figures(
    filter: { metric: { eq: $metric }, period: { within: { start: $year, end: $year } } }
    orderBy: [{ field: PERIOD_START }]
    first: 20
  ) {
    totalCount
    edges { node { slug label value unit period { start end } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The same query in the default order (document, then position): reported for comparison. */
const SCALE_QUERY_DEFAULT_ORDER = SCALE_QUERY.replace("    orderBy: [{ field: PERIOD_START }]\n", "");

/** json-graphql-server's nearest equivalent of REPRESENTATIVE. */
const PEER_QUERY = `query Representative {
  allFigures(page: 0, perPage: 20) {
    id label value unit statedText normalizedValue normalizedUnit
    Metric { id name }
    Place { id name }
    Span { text start end Document { id title outletName } }
  }
  _allFiguresMeta(page: 0, perPage: 20) { count }
}`;

const JSON_HEADERS = { "content-type": "application/json", accept: "application/graphql-response+json" };

/** A ratio with the digits that matter: 41.8, 0.84, 0.0043. */
function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 10) return value.toFixed(1);
  if (value >= 0.1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** Each round's ratio, for the table: "0.81 0.85 0.79". */
function roundRatios(a: RoundsResult, b: RoundsResult): string {
  return a.rounds.map((round, index) => formatRatio(round.rps / (b.rounds[index]?.rps ?? Number.NaN))).join(" ");
}

interface Ratio {
  id: string;
  what: string;
  value: number;
  goal: string;
  met: boolean;
  detail: string;
}

async function startBare(
  name: string,
  captured: { status: number; headers: Record<string, string>; body: Buffer },
): Promise<Child> {
  const file = resolve(dataDir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...captured, body: captured.body.toString("base64") }));
  const port = await freePort();
  const child = spawnServer(name, process.execPath, ["--import", "tsx", "bench/bare-server.ts", file, String(port)], {
    cwd: repoRoot,
    env: {},
    port,
  });
  await waitUntilAnswering(child, `${child.url}/`);
  return child;
}

/** Exports the figures with their metric, place, evidence and document for json-graphql-server. */
function exportPeerData(databasePath: string, target: string): void {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    const data = {
      figures:
        rows(`SELECT f."id", f."label", f."value", f."unitText" AS "unit", COALESCE(m."text", e."text") AS "statedText",
          f."normalizedValue", f."normalizedUnit", f."metricKey" AS "metric_id", f."placeId" AS "place_id", f."evidenceId" AS "span_id",
          f."documentId" AS "document_id"
        FROM "Figure" f JOIN "Evidence" e ON e."id" = f."evidenceId"
        LEFT JOIN "EvidenceMark" m ON m."evidenceId" = e."id" AND m."role" = 'VALUE'
        GROUP BY f."id" ORDER BY f."documentId", e."start", f."id"`),
      metrics: rows(`SELECT "key" AS "id", "name", "description", "canonicalUnit" FROM "Metric"`),
      places: rows(`SELECT "id", "name", "kind" FROM "Place"`),
      spans: rows(`SELECT "id", "text", "start", "end", "documentId" AS "document_id" FROM "Evidence"`),
      documents: rows(`SELECT "id", "title", "outletName", "publishedStart" FROM "Document"`),
    };
    // json-graphql-server infers non-null fields from the values: keep nulls out of place_id.
    for (const figure of data.figures) if (figure.place_id === null) figure.place_id = "place-unknown";
    data.places.push({ id: "place-unknown", name: "Unknown", kind: "UNKNOWN" });
    writeFileSync(target, JSON.stringify(data));
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const benchStarted = performance.now();
  // The background load, which moves every ratio on a shared machine: at the start and at the end.
  const loadAverageAtStart = loadavg();
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const log = (line: string) => console.error(`[bench] ${line}`);
  log(
    `machine: ${cpus()[0]?.model ?? "?"} × ${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadAverageAtStart
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  // P5b: the database, built from seed/data as `pnpm seed` does (into bench/.data, never data/).
  const databasePath = resolve(dataDir, "fentrace.db");
  log("building the database from seed/data…");
  let buildStarted = performance.now();
  await buildDatabase({ target: databasePath, log: () => {} });
  const buildMs = performance.now() - buildStarted;
  log(`database built in ${(buildMs / 1000).toFixed(1)} s`);

  // P5a: from spawning the server to its first answered request (median of three starts).
  const starts: number[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const api = await startApi({ name: `start-${attempt}`, databasePath });
    starts.push(api.startMs);
    await api.stop();
  }
  starts.sort((a, b) => a - b);
  const startMs = starts[1]!;
  log(`start to first answer: ${starts.map((s) => s.toFixed(0)).join(", ")} ms`);

  // P1: cached GET vs bare server with the identical bytes.
  log("P1: cached repeat query over GET…");
  const cachedApi = await startApi({ name: "api-cached", databasePath });
  const getPath = `/graphql?query=${encodeURIComponent(REPRESENTATIVE)}`;
  const getHeaders = { accept: "application/graphql-response+json" };
  await captureResponse(`${cachedApi.url}${getPath}`, { headers: getHeaders }); // fills the caches
  const cachedResponse = await captureResponse(`${cachedApi.url}${getPath}`, { headers: getHeaders });
  if (cachedResponse.status !== 200) throw new Error(`the representative query failed: ${cachedResponse.body}`);
  const bareGet = await startBare("bare-get", cachedResponse);
  /** The duration of a load run: its warm-up is shorter. */
  const seconds = (warmup: boolean, durationS: number) => (warmup ? Math.min(WARMUP_DURATION, durationS) : durationS);
  // Five rounds here: both sides are fast, and this ratio is the most sensitive to background load.
  const p1 = await alternate(Math.max(ROUNDS, 5), {
    bare: (warmup) =>
      load({
        url: `${bareGet.url}${getPath}`,
        headers: getHeaders,
        connections: CONNECTIONS,
        durationS: seconds(warmup, SHORT_DURATION),
      }),
    api: (warmup) =>
      load({
        url: `${cachedApi.url}${getPath}`,
        headers: getHeaders,
        connections: CONNECTIONS,
        durationS: seconds(warmup, SHORT_DURATION),
      }),
  });
  await bareGet.stop();

  // P2, P2v and P4: the uncached API (the representative query, the varied stream), the bare
  // server with the representative answer and json-graphql-server, measured in the same rounds.
  log("P2, P2v, P4: uncached API, bare server, json-graphql-server…");
  const uncachedApi = await startApi({ name: "api-uncached", databasePath, env: { CACHE_ENABLED: "false" } });
  const postBody = JSON.stringify({ query: REPRESENTATIVE });
  const uncachedResponse = await captureResponse(`${uncachedApi.url}/graphql`, {
    method: "POST",
    headers: JSON_HEADERS,
    body: postBody,
  });
  if (uncachedResponse.status !== 200 || JSON.parse(uncachedResponse.body.toString()).errors)
    throw new Error(`the representative query failed uncached: ${uncachedResponse.body}`);
  const barePost = await startBare("bare-post", uncachedResponse);
  const peerData = resolve(dataDir, "peer-data.json");
  exportPeerData(databasePath, peerData);
  const peerPort = await freePort();
  const peer = spawnServer(
    "json-graphql-server",
    process.execPath,
    [
      resolve(repoRoot, "node_modules/json-graphql-server/bin/json-graphql-server.cjs"),
      peerData,
      "--port",
      String(peerPort),
      "--host",
      "127.0.0.1",
    ],
    { cwd: repoRoot, env: { NODE_ENV: "production" }, port: peerPort },
  );
  await waitUntilAnswering(peer, `${peer.url}/?query=${encodeURIComponent("{ __typename }")}`);
  const peerCheck = await captureResponse(`${peer.url}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: PEER_QUERY }),
  });
  const peerBody = JSON.parse(peerCheck.body.toString()) as { data?: { allFigures?: unknown[] }; errors?: unknown };
  if (peerBody.data?.allFigures?.length !== 20) throw new Error(`json-graphql-server answered ${peerCheck.body}`);

  // P2v: the varied stream, generated from the database (cursors asked of the API) and sent once
  // each, every answer checked, before any load.
  const post = async (body: string) => {
    const response = await fetch(`${uncachedApi.url}/graphql`, {
      method: "POST",
      headers: { ...JSON_HEADERS, "accept-encoding": "identity" },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  const variedStarted = performance.now();
  const varied = await variedQueries({ databasePath, post, count: VARIED_GENERATED });
  if (varied.bodies.length < VARIED_MIN)
    throw new Error(
      `P2v: only ${varied.bodies.length} distinct queries of ${varied.generated} generated; at least ${VARIED_MIN} needed`,
    );
  const variedCheck = await verifyQueries(varied.bodies, post);
  const variedStats = {
    distinct: varied.bodies.length,
    generated: varied.generated,
    withVariables: varied.withVariables,
    paged: varied.paged,
    emptyPages: variedCheck.empty,
    meanFigures: variedCheck.meanEdges,
    meanResponseBytes: variedCheck.meanResponseBytes,
    checkMeanMsLiterals: variedCheck.meanMsLiterals,
    checkMeanMsVariables: variedCheck.meanMsVariables,
    representativeResponseBytes: uncachedResponse.body.length,
    preparedS: (performance.now() - variedStarted) / 1000,
  };
  log(
    `P2v: ${variedStats.distinct} distinct queries (${variedStats.withVariables} with variables, ${variedStats.paged} after/before a cursor), each answered without errors; ` +
      `${variedStats.meanFigures.toFixed(1)} figures and ${formatNumber(variedStats.meanResponseBytes)} bytes per answer on average (representative: 20, ${formatNumber(variedStats.representativeResponseBytes)}), ` +
      `${variedStats.emptyPages} empty pages; answered in ${variedStats.checkMeanMsLiterals.toFixed(1)} ms with literals, ${variedStats.checkMeanMsVariables.toFixed(1)} ms with variables ` +
      `(mean, 4 at a time); prepared in ${variedStats.preparedS.toFixed(1)} s`,
  );
  const variedRequests = cyclingRequests(varied.bodies, { path: "/graphql", headers: JSON_HEADERS });

  const peerPostBody = JSON.stringify({ query: PEER_QUERY });
  const p24 = await alternate(ROUNDS, {
    bare: (warmup) =>
      load({
        url: `${barePost.url}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: postBody,
        connections: CONNECTIONS,
        durationS: seconds(warmup, SHORT_DURATION),
      }),
    peer: (warmup) =>
      load({
        url: `${peer.url}/`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: peerPostBody,
        connections: CONNECTIONS,
        durationS: seconds(warmup, DURATION),
      }),
    apiCached: (warmup) =>
      load({
        url: `${cachedApi.url}${getPath}`,
        headers: getHeaders,
        connections: CONNECTIONS,
        durationS: seconds(warmup, SHORT_DURATION),
      }),
    apiUncached: (warmup) =>
      load({
        url: `${uncachedApi.url}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: postBody,
        connections: CONNECTIONS,
        durationS: seconds(warmup, DURATION),
      }),
    apiVaried: (warmup) =>
      load({
        url: `${uncachedApi.url}/graphql`,
        requests: variedRequests,
        connections: CONNECTIONS,
        durationS: seconds(warmup, DURATION),
      }),
  });
  const variedSent = p24.apiVaried.requests;
  await barePost.stop();
  await peer.stop();
  await cachedApi.stop();

  // Floor: `{ __typename }` on the uncached API vs graphql-yoga with no plugins.
  log("Floor: { __typename } vs a minimal graphql-yoga…");
  const minimalPort = await freePort();
  const minimal = spawnServer(
    "minimal-yoga",
    process.execPath,
    [...serveNodeFlags(), "--import", "tsx", "bench/minimal-yoga.ts", String(minimalPort)],
    {
      cwd: repoRoot,
      env: { NODE_ENV: "production" },
      port: minimalPort,
    },
  );
  const typenameBody = JSON.stringify({ query: "{ __typename }" });
  await waitUntilAnswering(minimal, `${minimal.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
  for (const server of [minimal, uncachedApi]) {
    const check = await captureResponse(`${server.url}/graphql`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: typenameBody,
    });
    if (check.status !== 200 || !check.body.toString().includes('"__typename":"Query"'))
      throw new Error(`${server.name} answered { __typename } with ${check.status}: ${check.body}`);
  }
  const floor = await alternate(Math.max(ROUNDS, 5), {
    minimal: (warmup) =>
      load({
        url: `${minimal.url}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: typenameBody,
        connections: CONNECTIONS,
        durationS: seconds(warmup, SHORT_DURATION),
      }),
    api: (warmup) =>
      load({
        url: `${uncachedApi.url}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: typenameBody,
        connections: CONNECTIONS,
        durationS: seconds(warmup, SHORT_DURATION),
      }),
  });
  await minimal.stop();
  await uncachedApi.stop();

  // P3: the scale query on synthetic databases. The three servers run side by side (an idle one
  // costs nothing) and are measured in turn, round after round, so that background load weighs
  // on every size alike; each figure is the median over rounds.
  log("P3: scale…");
  const combos = SYNTHETIC_METRICS.slice(0, 10).flatMap(([metric]) =>
    ["2017", "2019", "2021", "2023"].map((year) => ({ metric, year })),
  );
  const scaleRequests = (query: string) =>
    combos.map((variables) => ({
      method: "POST" as const,
      path: "/graphql",
      headers: JSON_HEADERS,
      body: JSON.stringify({ query, variables }),
    }));
  const servers: { figures: number; builtS: number | null; api: Child; totalCount: number }[] = [];
  for (const figures of SIZES) {
    const path = syntheticPath(figures);
    let builtS: number | null = null;
    if (existingSyntheticVersion(path) !== syntheticVersion(figures, 1)) {
      log(`building the synthetic database with ${figures} figures…`);
      buildStarted = performance.now();
      await buildSyntheticDatabase({ figures, target: path, log: (line) => log(line) });
      builtS = (performance.now() - buildStarted) / 1000;
    }
    const api = await startApi({ name: `api-scale-${figures}`, databasePath: path, env: { CACHE_ENABLED: "false" } });
    const check = await captureResponse(`${api.url}/graphql`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: scaleRequests(SCALE_QUERY)[8]!.body,
    });
    const checked = JSON.parse(check.body.toString()) as {
      data?: { figures: { totalCount: number } };
      errors?: unknown;
    };
    if (!checked.data) throw new Error(`the scale query failed: ${check.body}`);
    await load({ url: `${api.url}/graphql`, requests: scaleRequests(SCALE_QUERY), connections: 4, durationS: 2 }); // warm-up
    await load({
      url: `${api.url}/graphql`,
      requests: scaleRequests(SCALE_QUERY_DEFAULT_ORDER),
      connections: 4,
      durationS: 1,
    });
    servers.push({ figures, builtS, api, totalCount: checked.data.figures.totalCount });
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const latencyRounds = new Map<number, LoadResult[]>();
  const defaultRounds = new Map<number, LoadResult[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const server of servers) {
      const url = `${server.api.url}/graphql`;
      const latency = await load({
        url,
        requests: scaleRequests(SCALE_QUERY),
        connections: 1,
        durationS: SCALE_DURATION,
      });
      const defaultOrder = await load({
        url,
        requests: scaleRequests(SCALE_QUERY_DEFAULT_ORDER),
        connections: 1,
        durationS: SCALE_DEFAULT_ORDER_DURATION,
      });
      latencyRounds.set(server.figures, [...(latencyRounds.get(server.figures) ?? []), latency]);
      defaultRounds.set(server.figures, [...(defaultRounds.get(server.figures) ?? []), defaultOrder]);
    }
  }
  const scale = servers.map((server) => {
    const latency = latencyRounds.get(server.figures)!;
    const defaultOrder = defaultRounds.get(server.figures)!;
    const row = {
      figures: server.figures,
      builtS: server.builtS,
      totalCount: server.totalCount,
      p50: median(latency.map((r) => r.p50)),
      p99: median(latency.map((r) => r.p99)),
      rps: median(latency.map((r) => r.rps)),
      defaultOrderP50: median(defaultOrder.map((r) => r.p50)),
      defaultOrderP99: median(defaultOrder.map((r) => r.p99)),
      roundsP50: latency.map((r) => r.p50),
    };
    log(
      `${server.figures} figures: p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms (default order p50 ${row.defaultOrderP50.toFixed(2)} ms)`,
    );
    return row;
  });
  for (const server of servers) await server.api.stop();
  /** Median over rounds of p50(largest) / p50(smallest) measured in the same round. */
  const scaleRatio = (pick: (r: LoadResult) => number, rounds: Map<number, LoadResult[]>) => {
    const small = rounds.get(servers[0]!.figures)!;
    const large = rounds.get(servers[servers.length - 1]!.figures)!;
    return median(large.map((r, index) => pick(r) / pick(small[index]!)));
  };
  const p3Ratio = scaleRatio((r) => r.p50, latencyRounds);
  const p3DefaultRatio = scaleRatio((r) => r.p50, defaultRounds);

  // ---------------------------------------------------------------------------------------------
  const p2 = { bare: p24.bare, api: p24.apiUncached, varied: p24.apiVaried };
  const p4 = { peer: p24.peer, apiCached: p24.apiCached, apiUncached: p24.apiUncached, apiVaried: p24.apiVaried };
  const smallest = scale[0]!;
  const largest = scale[scale.length - 1]!;
  const ratios: Ratio[] = [
    {
      id: "P1",
      what: "cached repeat GET vs bare node:http (same bytes)",
      value: pairedRatio(p1.api, p1.bare),
      goal: "≥ 0.8×",
      met: pairedRatio(p1.api, p1.bare) >= 0.8,
      detail: `${formatNumber(p1.api.rps)} vs ${formatNumber(p1.bare.rps)} req/s (means); rounds ${roundRatios(p1.api, p1.bare)}`,
    },
    {
      id: "P2",
      what: "uncached representative query vs bare node:http",
      value: pairedRatio(p2.api, p2.bare),
      goal: "≥ 0.05×",
      met: pairedRatio(p2.api, p2.bare) >= 0.05,
      detail: `${formatNumber(p2.api.rps)} vs ${formatNumber(p2.bare.rps)} req/s (means); rounds ${roundRatios(p2.api, p2.bare)}`,
    },
    {
      id: "P2v",
      what: `uncached varied stream (${formatNumber(variedStats.distinct)} queries) vs bare node:http`,
      value: pairedRatio(p2.varied, p2.bare),
      goal: "≥ 0.05×",
      met: pairedRatio(p2.varied, p2.bare) >= 0.05,
      detail: `${formatNumber(p2.varied.rps)} vs ${formatNumber(p2.bare.rps)} req/s (means); rounds ${roundRatios(p2.varied, p2.bare)}`,
    },
    {
      id: "P3",
      what: `scale: p50(${largest.figures}) / p50(${smallest.figures}) figures`,
      value: p3Ratio,
      goal: "≤ 2×",
      met: p3Ratio <= 2,
      detail: scale.map((s) => `${s.figures}: p50 ${s.p50.toFixed(2)} / p99 ${s.p99.toFixed(2)} ms`).join("; "),
    },
    {
      id: "P3d",
      what: `the same in the default order (document, position)`,
      value: p3DefaultRatio,
      goal: "≤ 2×",
      met: p3DefaultRatio <= 2,
      detail: scale
        .map((s) => `${s.figures}: p50 ${s.defaultOrderP50.toFixed(2)} / p99 ${s.defaultOrderP99.toFixed(2)} ms`)
        .join("; "),
    },
    {
      id: "P4",
      what: "vs json-graphql-server, as deployed (cached GET)",
      value: pairedRatio(p4.apiCached, p4.peer),
      goal: "≥ 2×",
      met: pairedRatio(p4.apiCached, p4.peer) >= 2,
      detail: `${formatNumber(p4.apiCached.rps)} vs ${formatNumber(p4.peer.rps)} req/s (means); rounds ${roundRatios(p4.apiCached, p4.peer)}`,
    },
    {
      id: "P4u",
      what: "vs json-graphql-server, uncached (executed every time)",
      value: pairedRatio(p4.apiUncached, p4.peer),
      goal: "≥ 2×",
      met: pairedRatio(p4.apiUncached, p4.peer) >= 2,
      detail: `${formatNumber(p4.apiUncached.rps)} vs ${formatNumber(p4.peer.rps)} req/s (means); rounds ${roundRatios(p4.apiUncached, p4.peer)}`,
    },
    {
      id: "P4v",
      what: "uncached varied stream vs json-graphql-server",
      value: pairedRatio(p4.apiVaried, p4.peer),
      goal: "≥ 2×",
      met: pairedRatio(p4.apiVaried, p4.peer) >= 2,
      detail: `${formatNumber(p4.apiVaried.rps)} vs ${formatNumber(p4.peer.rps)} req/s (means); rounds ${roundRatios(p4.apiVaried, p4.peer)}`,
    },
    {
      id: "Floor",
      what: "{ __typename } uncached vs graphql-yoga, no plugins",
      value: pairedRatio(floor.api, floor.minimal),
      goal: "≥ 0.8×",
      met: pairedRatio(floor.api, floor.minimal) >= 0.8,
      detail: `${formatNumber(floor.api.rps)} vs ${formatNumber(floor.minimal.rps)} req/s (means); rounds ${roundRatios(floor.api, floor.minimal)}`,
    },
    {
      id: "P5",
      what: "start to first answer; database build from seed",
      value: startMs / 1000,
      goal: "(measured)",
      met: true,
      detail: `start ${formatNumber(startMs)} ms (median of 3), build ${formatNumber(buildMs)} ms`,
    },
  ];

  console.log("");
  console.log(
    `Fentrace API benchmarks — ${startedAt.toISOString()} — ${availableParallelism()} cores, runs of ${DURATION} s (${SHORT_DURATION} s at thousands of req/s), ` +
      `${ROUNDS} rounds (P1, floor: ${Math.max(ROUNDS, 5)}), ${CONNECTIONS} connections (P3: 1)`,
  );
  console.log("");
  printTable(
    ["", "measure", "ratio", "goal", "met", "figures"],
    ratios.map((r) => [
      r.id,
      r.what,
      r.id === "P5" ? `${r.value.toFixed(2)} s` : `${formatRatio(r.value)}×`,
      r.goal,
      r.met ? "yes" : "NO",
      r.detail,
    ]),
  );
  console.log("");
  printTable(
    ["P3 figures", "totalCount", "p50 ms", "p99 ms", "req/s (1 conn)", "default order p50 / p99 ms", "db built in"],
    scale.map((s) => [
      String(s.figures),
      String(s.totalCount),
      s.p50.toFixed(2),
      s.p99.toFixed(2),
      formatNumber(s.rps),
      `${s.defaultOrderP50.toFixed(2)} / ${s.defaultOrderP99.toFixed(2)}`,
      s.builtS === null ? "(reused)" : `${s.builtS.toFixed(1)} s`,
    ]),
  );
  const errors = [p1, p24, floor]
    .flatMap((group) => Object.values(group))
    .reduce((sum, r) => sum + r.errors + r.non2xx, 0);
  console.log("");
  console.log(
    `P2v stream: ${formatNumber(variedStats.distinct)} distinct queries (${formatNumber(variedStats.withVariables)} with variables, ${formatNumber(variedStats.paged)} paged by cursor), ` +
      `each checked once; ${variedStats.meanFigures.toFixed(1)} figures, ${formatNumber(variedStats.meanResponseBytes)} bytes per answer on average ` +
      `(representative: 20, ${formatNumber(variedStats.representativeResponseBytes)}); ${formatNumber(variedSent)} sent in the measured runs, in one order across connections`,
  );
  console.log(
    `errors and non-2xx responses during the runs: ${errors}; total time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s; ` +
      `load average ${loadAverageAtStart[0]!.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (${availableParallelism()} cores)`,
  );

  const results = {
    startedAt: startedAt.toISOString(),
    command: "npx -y pnpm@10 bench",
    machine: {
      cpu: cpus()[0]?.model,
      cores: availableParallelism(),
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
    },
    settings: {
      durationS: DURATION,
      shortDurationS: SHORT_DURATION,
      scaleDurationS: SCALE_DURATION,
      scaleDefaultOrderDurationS: SCALE_DEFAULT_ORDER_DURATION,
      warmupS: WARMUP_DURATION,
      rounds: ROUNDS,
      fastRounds: Math.max(ROUNDS, 5),
      connections: CONNECTIONS,
      sizes: SIZES,
    },
    ratios,
    // P2 and P4 were measured in the same rounds (the same runs appear under both).
    runs: { p1, p2, p4, floor },
    varied: { ...variedStats, sentInMeasuredRuns: variedSent },
    scale,
    start: { startsMs: starts, medianMs: startMs, databaseBuildMs: buildMs },
    errors,
    totalSeconds: (performance.now() - benchStarted) / 1000,
  };
  writeFileSync(resolve(resultsDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${resolve(resultsDir, "latest.json").slice(repoRoot.length + 1)}`);
}

try {
  await main();
} finally {
  await stopAll();
}
