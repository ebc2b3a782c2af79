/**
 * A minute at saturation (autocannon, 127.0.0.1): cached GETs of the playground's examples by
 * persisted id, and POSTs that always execute (searches and figure pages with random arguments).
 * Passes with 0 errors and an RSS growth after the warm-up of at most 10 %.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load } from "../../../../bench/lib.js";
import { type ServerProcess, startServer } from "../support/server-process.js";

const DURATION = Number(process.env.LOAD_SECONDS ?? 60);
const WARM_UP = Number(process.env.LOAD_WARM_UP_SECONDS ?? 10);
const CONNECTIONS = 32;
const MB = 1024 * 1024;

const WORDS = [
  "fentanyl",
  "pills",
  "snapchat",
  "seized",
  "dea",
  "texas",
  "deaths",
  "cartel",
  "instagram",
  "powder",
  "arrests",
  "fake",
];
const SEARCH =
  "query Search($query: String!, $first: Int) { search(query: $query, first: $first) { totalCount edges { node { __typename } } } }";
const FIGURES = `query Figures($first: Int, $min: Float) {
  figures(first: $first, filter: { normalizedValue: { gte: $min } }, orderBy: [{ field: NORMALIZED_VALUE, direction: DESC }]) {
    totalCount edges { node { slug label value metric { key } place { name } evidence { text document { title } } } }
  }
}`;

describe("load", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    // Access logs off (LOG_LEVEL=warn): the test process would otherwise parse a line per request.
    // The in-process caches are bounded at 8 MiB each (64 MiB by default) so that the warm-up
    // fills them: growth after it would then be a leak, not a cache filling up.
    server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      RATE_LIMIT_ENABLED: "false",
      LOG_LEVEL: "warn",
      CACHE_MAX_BYTES: String(8 * 1024 * 1024),
    });
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it(`holds ${DURATION} s at saturation with 0 errors and RSS growth ≤ 10 % after warm-up`, async () => {
    const listing = (await (await fetch(`${server.url}/graphql/persisted-operations`)).json()) as {
      operations: { id: string; origin: string }[];
    };
    const examples = listing.operations.filter((operation) => operation.origin === "example");
    expect(examples.length).toBeGreaterThanOrEqual(8);
    let counter = 0;
    const requests = [
      ...examples.map((example) => ({
        method: "GET" as const,
        path: `/graphql?id=${example.id}`,
        headers: { accept: "application/graphql-response+json" },
      })),
      ...examples.map(() => ({
        method: "POST" as const,
        path: "/graphql",
        headers: { "content-type": "application/json" },
        // A new body each time: these execute (until the bounded response cache holds them).
        setupRequest: (request: { body?: unknown }) => {
          counter += 1;
          const variables =
            counter % 2 === 0
              ? {
                  query: `${WORDS[counter % WORDS.length]} ${WORDS[(counter >> 3) % WORDS.length]}`,
                  first: 1 + (counter % 50),
                }
              : { first: 1 + (counter % 100), min: (counter * 37) % 100_000 };
          return { ...request, body: JSON.stringify({ query: counter % 2 === 0 ? SEARCH : FIGURES, variables }) };
        },
      })),
    ];
    const url = `${server.url}/graphql`;
    console.log(`load: warming up for ${WARM_UP} s…`);
    const warm = await load({ url, requests, connections: CONNECTIONS, durationS: WARM_UP });
    console.log(`load: ${DURATION} s at saturation (${CONNECTIONS} connections), progress every 10 s…`);
    const rssAfterWarmUp = server.rss();
    let rssMax = rssAfterWarmUp;
    let seconds = 0;
    const sampler = setInterval(() => {
      rssMax = Math.max(rssMax, server.rss());
      seconds += 1;
      if (seconds % 10 === 0 && seconds < DURATION)
        console.log(`load: ${seconds} of ${DURATION} s, RSS ${(server.rss() / MB).toFixed(1)} MiB`);
    }, 1000);
    const result = await load({ url, requests, connections: CONNECTIONS, durationS: DURATION });
    clearInterval(sampler);
    const rssEnd = server.rss();
    const growth = (rssEnd - rssAfterWarmUp) / rssAfterWarmUp;

    console.log(
      [
        `load: ${DURATION} s at saturation (${CONNECTIONS} connections): ${result.requests} requests, ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
        `load: errors ${result.errors}, non-2xx ${result.non2xx} (warm-up: ${warm.requests} requests, ${warm.errors + warm.non2xx} errors)`,
        `load: RSS after warm-up ${(rssAfterWarmUp / MB).toFixed(1)} MiB, at the end ${(rssEnd / MB).toFixed(1)} MiB (${(growth * 100).toFixed(1)} %), highest ${(rssMax / MB).toFixed(1)} MiB`,
      ].join("\n"),
    );
    expect(warm.errors + warm.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.requests).toBeGreaterThan(DURATION * 100);
    expect(growth).toBeLessThanOrEqual(0.1);
    expect(server.child.exitCode).toBeNull();
  });
});
