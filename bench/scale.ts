/**
 * `pnpm bench:scale`: scale-out for real, on 127.0.0.1. Two API processes behind Debian's nginx
 * (which it needs and never installs: when absent it prints the apt-get command and exits 2) as load balancer and HTTP cache (proxy_cache honouring the
 * API's Cache-Control and revalidating with its ETag), against one API process alone:
 *
 * - cached: a repeated GET (nginx answers from its cache; the process alone from its own);
 * - uncached: POSTs whose variables change on every request (executed every time), balanced
 *   over the two processes.
 *
 * Also shows the cache at work: MISS, then HIT, then REVALIDATED (If-None-Match → 304) once
 * max-age has passed. Prints a table and writes bench/results/scale-latest.json.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { resolve } from "node:path";
import { buildDatabase } from "../seed/build-database.js";
import {
  alternate,
  dataDir,
  formatNumber,
  freePort,
  type LoadOptions,
  load,
  pairedRatio,
  printTable,
  repoRoot,
  resultsDir,
  spawnServer,
  startApi,
  stopAll,
  waitUntilAnswering,
} from "./lib.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 32;
/** Short, so that the revalidation shows within the run; nginx revalidates with If-None-Match. */
const MAX_AGE = 5;

const REPRESENTATIVE = `query Representative {
  figures(first: 20) {
    totalCount
    edges { node { slug label value unit statedText normalized { value unit } metric { key name } place { slug name } evidence { text start end document { slug title outletName } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNCACHED = `query Page($first: Int, $min: Float) {
  figures(first: $first, filter: { normalizedValue: { gte: $min } }) {
    totalCount edges { node { slug label value unit metric { key name } place { name } evidence { text document { title } } } }
  }
}`;

/** FENTRACE_NGINX, when set, is the only place looked at (a test points it at a missing file). */
function findNginx(): string | undefined {
  const configured = process.env.FENTRACE_NGINX;
  if (configured !== undefined) return existsSync(configured) ? configured : undefined;
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"])
    if (existsSync(candidate)) return candidate;
  const which = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/**
 * Debian's nginx, which this benchmark needs and never installs by itself: when it is absent,
 * says what is missing and the command that installs it, and exits with status 2.
 */
function requireNginx(): string {
  const found = findNginx();
  if (found) return found;
  console.error(
    [
      "bench:scale needs nginx (Debian's nginx package) as load balancer and HTTP cache, and found none",
      process.env.FENTRACE_NGINX !== undefined
        ? `(looked only at FENTRACE_NGINX=${process.env.FENTRACE_NGINX}). Install it, then run again:`
        : "(looked in /usr/sbin, /usr/local/sbin, /usr/bin and on PATH). Install it, then run again:",
      "",
      "  sudo apt-get update && sudo apt-get install -y --no-install-recommends nginx",
      "",
      "(as root, without sudo), or set FENTRACE_NGINX to the path of an nginx binary. bench:scale does not",
      "install system packages itself.",
    ].join("\n"),
  );
  process.exit(2);
}

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `# Written by bench/scale.ts: two API replicas behind one HTTP cache, on 127.0.0.1 only.
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  # The cache: keyed on the request and its Accept header (the API also sends Vary: Accept).
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=api:10m max_size=256m inactive=10m use_temp_path=off;
  upstream api {
${upstreams.map((upstream) => `    server 127.0.0.1:${upstream};`).join("\n")}
    keepalive 64;
    keepalive_timeout 4s;   # below the API's 5 s keep-alive timeout
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id $request_id;
      proxy_hide_header X-Request-Id;
      add_header X-Request-Id $request_id always;
      # Honour the API's Cache-Control (public, max-age) on GET; POST and no-store pass through.
      proxy_cache api;
      proxy_cache_methods GET HEAD;
      proxy_cache_key "$request_method $host $request_uri $http_accept";
      # Once max-age has passed, ask the API with If-None-Match: a 304 renews the entry.
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench:scale] ${line}`);
  const started = performance.now();
  const nginxBinary = requireNginx();
  const version = spawnSync(nginxBinary, ["-v"], { encoding: "utf8" }).stderr.trim();
  log(
    `${version}; ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  const databasePath = resolve(dataDir, "fentrace.db");
  mkdirSync(dataDir, { recursive: true });
  log("building the database from seed/data…");
  await buildDatabase({ target: databasePath, log: () => {} });

  const env = { CACHE_MAX_AGE: String(MAX_AGE), TRUST_PROXY: "1" };
  const [a, b] = await Promise.all([
    startApi({ name: "scale-api-a", databasePath, env }),
    startApi({ name: "scale-api-b", databasePath, env }),
  ]);

  const dir = resolve(dataDir, "nginx");
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ["tmp", "cache"]) mkdirSync(resolve(dir, sub), { recursive: true });
  chmodSync(dir, 0o777);
  for (const sub of ["tmp", "cache"]) chmodSync(resolve(dir, sub), 0o777); // nginx's workers run as an unprivileged user
  const nginxPort = await freePort();
  writeFileSync(resolve(dir, "nginx.conf"), nginxConfig(dir, nginxPort, [a.port, b.port]));
  const nginx = spawnServer("nginx", nginxBinary, ["-p", dir, "-c", resolve(dir, "nginx.conf"), "-g", "daemon off;"], {
    cwd: dir,
    env: {},
    port: nginxPort,
  });
  await waitUntilAnswering(nginx, `${nginx.url}/healthz`);

  // The cache at work.
  const getPath = `/graphql?query=${encodeURIComponent(REPRESENTATIVE)}`;
  const accept = { accept: "application/graphql-response+json" };
  const status = async () => {
    const response = await fetch(`${nginx.url}${getPath}`, { headers: accept });
    await response.arrayBuffer();
    return `${response.status} ${response.headers.get("x-cache-status")}`;
  };
  const first = await status();
  const second = await status();
  log(`waiting ${MAX_AGE + 1} s for max-age to pass…`);
  await new Promise((done) => setTimeout(done, (MAX_AGE + 1) * 1000));
  const third = await status();
  const fourth = await status();
  log(`nginx cache: first ${first}, second ${second}, after max-age ${third}, then ${fourth}`);

  let counter = 0;
  const uncached = (url: string): LoadOptions => ({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    durationS: DURATION,
    requests: [
      {
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          counter += 1;
          return {
            ...request,
            body: JSON.stringify({ query: UNCACHED, variables: { first: 1 + (counter % 100), min: counter } }),
          };
        },
      },
    ],
  });
  const cached = (url: string): LoadOptions => ({
    url: `${url}${getPath}`,
    headers: accept,
    connections: CONNECTIONS,
    durationS: DURATION,
  });
  await load({ ...cached(a.url), durationS: 1 }); // fills process A's caches for the "alone" runs
  const runs = await alternate(ROUNDS, {
    aloneCached: () => load(cached(a.url)),
    nginxCached: () => load(cached(nginx.url)),
    aloneUncached: () => load(uncached(a.url)),
    nginxUncached: () => load(uncached(nginx.url)),
  });
  await stopAll();

  const rows = [
    ["cached GET (repeat query)", runs.aloneCached, runs.nginxCached],
    ["uncached POST (varying variables)", runs.aloneUncached, runs.nginxUncached],
  ] as const;
  console.log("");
  console.log(
    `Scale-out: 2 API processes behind nginx (${version.replace("nginx version: ", "")}) vs 1 process alone — ${availableParallelism()} cores shared by nginx, the APIs and the load generator; ${DURATION} s × ${ROUNDS} rounds, ${CONNECTIONS} connections`,
  );
  console.log("");
  printTable(
    [
      "requests",
      "1 process req/s",
      "nginx + 2 processes req/s",
      "ratio (median of rounds)",
      "p99 alone / via nginx ms",
      "errors",
    ],
    rows.map(([name, alone, via]) => [
      name,
      formatNumber(alone.rps),
      formatNumber(via.rps),
      `${pairedRatio(via, alone).toFixed(2)}×`,
      `${alone.p99.toFixed(1)} / ${via.p99.toFixed(1)}`,
      String(alone.errors + alone.non2xx + via.errors + via.non2xx),
    ]),
  );
  console.log("");
  console.log(`nginx cache statuses: ${first} → ${second} → (after max-age ${MAX_AGE} s) ${third} → ${fourth}`);
  const results = {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    command: "npx -y pnpm@10 bench:scale",
    nginx: version,
    cores: availableParallelism(),
    settings: { durationS: DURATION, rounds: ROUNDS, connections: CONNECTIONS, maxAge: MAX_AGE },
    cacheStatuses: [first, second, third, fourth],
    runs,
    ratios: {
      cached: pairedRatio(runs.nginxCached, runs.aloneCached),
      uncached: pairedRatio(runs.nginxUncached, runs.aloneUncached),
    },
    totalSeconds: (performance.now() - started) / 1000,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resolve(resultsDir, "scale-latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${resolve(resultsDir, "scale-latest.json").slice(repoRoot.length + 1)}`);
}

try {
  await main();
} finally {
  await stopAll();
}
