/** Configuration from the environment: defaults, overrides, and one clear message per bad value. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_LIMITS, loadConfig } from "../src/config.js";
import { repoRoot } from "../src/paths.js";

function problems(env: Record<string, string>, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("has defaults for everything", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      webDist: undefined,
      logLevel: "info",
      workers: 1,
      trustProxy: 0,
      rateLimit: { enabled: true, perSecond: 20, burst: 100 },
      limits: DEFAULT_LIMITS,
      cache: { enabled: true, maxAge: 300 },
      shutdownTimeoutMs: 10_000,
    });
    expect(DEFAULT_LIMITS).toEqual({
      depth: 10,
      aliases: 15,
      directives: 50,
      tokens: 1000,
      cost: 2_000_000,
      documentLength: 15_000,
      bodyBytes: 102_400,
      records: 10_000,
      responseBytes: 2_097_152,
    });
    expect(loadConfig({ VITEST: "true" }).logLevel).toBe("silent");
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATABASE_URL: "file:/srv/fentrace.db",
      FENTRACE_WEB_DIST: "/srv/web",
      LOG_LEVEL: "warn",
      WORKERS: "3",
      TRUST_PROXY: "true",
      RATE_LIMIT_ENABLED: "false",
      RATE_LIMIT_PER_SECOND: "2.5",
      RATE_LIMIT_BURST: "10",
      LIMIT_DEPTH: "7",
      LIMIT_ALIASES: "3",
      LIMIT_DIRECTIVES: "4",
      LIMIT_TOKENS: "500",
      LIMIT_COST: "2000",
      LIMIT_DOCUMENT_LENGTH: "4000",
      LIMIT_BODY_BYTES: "65536",
      LIMIT_RECORDS: "500",
      LIMIT_RESPONSE_BYTES: "100000",
      CACHE_ENABLED: "off",
      CACHE_MAX_AGE: "60",
      CACHE_MAX_ENTRIES: "10",
      CACHE_MAX_BYTES: "1000",
      SHUTDOWN_TIMEOUT_MS: "2000",
      REQUEST_TIMEOUT_MS: "5000",
    });
    expect(config).toEqual({
      port: 8080,
      host: "0.0.0.0",
      databaseUrl: "file:/srv/fentrace.db",
      webDist: "/srv/web",
      logLevel: "warn",
      workers: 3,
      trustProxy: 1,
      rateLimit: { enabled: false, perSecond: 2.5, burst: 10 },
      limits: {
        depth: 7,
        aliases: 3,
        directives: 4,
        tokens: 500,
        cost: 2000,
        documentLength: 4000,
        bodyBytes: 65_536,
        records: 500,
        responseBytes: 100_000,
      },
      cache: { enabled: false, maxAge: 60, maxEntries: 10, maxBytes: 1000 },
      shutdownTimeoutMs: 2000,
      requestTimeoutMs: 5000,
    });
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(0);
    // A relative FENTRACE_WEB_DIST resolves against the repository root, as DATABASE_URL does.
    expect(loadConfig({ FENTRACE_WEB_DIST: "packages/web/dist" }).webDist).toBe(resolve(repoRoot, "packages/web/dist"));
  });

  it("takes --workers N from the command line over WORKERS; auto is one per core", () => {
    expect(loadConfig({ WORKERS: "2" }, ["--workers", "4"]).workers).toBe(4);
    expect(loadConfig({}, ["--workers=auto"]).workers).toBe(availableParallelism());
    expect(loadConfig({ WORKERS: "auto" }).workers).toBe(availableParallelism());
    expect(problems({}, ["--workers"])).toEqual(['--workers: expected a value ("auto" or a number of processes).']);
    expect(problems({}, ["--workers", "none"])).toEqual([
      `--workers="none": expected "auto" (one per core: ${availableParallelism()}) or an integer from 1 to 64.`,
    ]);
  });

  it("reports every bad value at once, one line each naming the variable, the value and what is expected", () => {
    expect(
      problems({
        PORT: "http",
        HOST: "local host",
        DATABASE_URL: "postgres://db/fentrace",
        LOG_LEVEL: "loud",
        WORKERS: "0",
        TRUST_PROXY: "maybe",
        RATE_LIMIT_ENABLED: "sometimes",
        RATE_LIMIT_PER_SECOND: "-1",
        RATE_LIMIT_BURST: "1.5",
        LIMIT_DEPTH: "0",
        LIMIT_COST: "lots",
        CACHE_MAX_AGE: "-5",
        SHUTDOWN_TIMEOUT_MS: "10s",
      }),
    ).toEqual([
      'PORT="http": expected an integer from 0 to 65535.',
      'HOST="local host": expected a host name or IP address to listen on (e.g. 127.0.0.1, 0.0.0.0, ::).',
      'DATABASE_URL="postgres://db/fentrace": expected a SQLite "file:" URL (e.g. file:./data/fentrace.db or file:/srv/fentrace.db).',
      'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent.',
      `WORKERS="0": expected "auto" (one per core: ${availableParallelism()}) or an integer from 1 to 64.`,
      'TRUST_PROXY="maybe": expected false, true (one proxy) or the number of proxies in front of the server (0 to 10).',
      'RATE_LIMIT_ENABLED="sometimes": expected true or false (also 1/0, yes/no, on/off).',
      'RATE_LIMIT_PER_SECOND="-1": expected a number greater than 0 and at most 1000000.',
      'RATE_LIMIT_BURST="1.5": expected an integer from 1 to 1000000.',
      'LIMIT_DEPTH="0": expected an integer from 1 to 1000.',
      'LIMIT_COST="lots": expected an integer from 1 to 1000000000.',
      'CACHE_MAX_AGE="-5": expected an integer from 0 to 31536000.',
      'SHUTDOWN_TIMEOUT_MS="10s": expected an integer from 100 to 600000.',
    ]);
  });

  it("prints the problems in its message, one per line", () => {
    expect(() => loadConfig({ PORT: "99999", LOG_LEVEL: "x" })).toThrow(
      'Invalid configuration:\n  - PORT="99999": expected an integer from 0 to 65535.\n  - LOG_LEVEL="x": expected one of fatal, error, warn, info, debug, trace, silent.',
    );
  });
});
