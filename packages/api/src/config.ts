/**
 * The server's configuration: environment variables, validated once at start.
 *
 * Every variable has a default that suits a single machine; `loadConfig` checks every value and
 * reports all bad ones at once (one line each, naming the variable, the value and what is
 * expected), so `server.ts` can print them and exit 1 before anything else happens.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import { pathFromEnvironment } from "./paths.js";

/** Log levels pino understands, most to least severe, plus `silent`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How many proxies in front of the server may be trusted to append to X-Forwarded-For. */
export type TrustProxy = number;

export interface LimitsConfig {
  /** Deepest selection (fields nested in fields), graphql-armor's max-depth. */
  depth: number;
  /** Aliased fields per operation, graphql-armor's max-aliases. */
  aliases: number;
  /** Directives per operation, graphql-armor's max-directives. */
  directives: number;
  /** Lexical tokens per document, graphql-armor's max-tokens. */
  tokens: number;
  /**
   * Query cost: graphql-armor's cost-limit algorithm on the operation's real fan-out (see
   * plugins/limits.ts), an upper bound on the values it resolves; reported in `extensions.cost`.
   */
  cost: number;
  /** Characters in the `query` text. */
  documentLength: number;
  /** Bytes in a request body. */
  bodyBytes: number;
  /**
   * Records (objects and list items) one operation may resolve. The cost limit already bounds
   * this for every field it can see the size of; this is the backstop that holds whatever the
   * cost model misses, checked while the result is built, so memory is never spent on a refusal.
   */
  records: number;
  /** Bytes of JSON one operation's result may hold (estimated while it is built, as records are). */
  responseBytes: number;
}

export interface Config {
  port: number;
  host: string;
  /** `DATABASE_URL` as given (a `file:` URL), or undefined for the default database. */
  databaseUrl: string | undefined;
  /**
   * The web page's build served at `/` (a folder with index.html and assets/, as
   * `pnpm --filter @fentrace/web build` makes it): `FENTRACE_WEB_DIST`, relative paths resolved
   * against the repository root as DATABASE_URL's are. Undefined: `/` says the page is not
   * configured (the root `start` script sets it to packages/web/dist).
   */
  webDist: string | undefined;
  logLevel: LogLevel;
  /** Processes serving requests (1: no cluster). */
  workers: number;
  /** 0: use the socket address; n: the client is the n-th address from the right of X-Forwarded-For. */
  trustProxy: TrustProxy;
  rateLimit: {
    enabled: boolean;
    /** Tokens added to a client's bucket per second (sustained requests per second). */
    perSecond: number;
    /** Bucket size: the burst a client may send at once. */
    burst: number;
  };
  limits: LimitsConfig;
  cache: {
    /** In-process caches (the response cache and the cache of GET response bytes). */
    enabled: boolean;
    /** `Cache-Control: public, max-age=<seconds>` on successful GET responses. 0 sends `no-cache`. */
    maxAge: number;
    /** Entries in each in-process cache. */
    maxEntries: number;
    /** Bytes each in-process cache may hold (the response cache counts its results as JSON). */
    maxBytes: number;
  };
  /** How long a graceful shutdown may take before the process gives up and exits 1. */
  shutdownTimeoutMs: number;
  /** How long a request may take, headers and body included (Node's server.requestTimeout). */
  requestTimeoutMs: number;
}

/** The limits every playground example and every SDK operation passes (see README, "Query limits"). */
export const DEFAULT_LIMITS: LimitsConfig = {
  depth: 10,
  aliases: 15,
  directives: 50,
  tokens: 1000,
  cost: 2_000_000,
  documentLength: 15_000,
  bodyBytes: 102_400,
  records: 10_000,
  responseBytes: 2 * 1024 * 1024,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** One variable: how to read it and what to say when it is wrong. */
interface Variable<T> {
  expected: string;
  parse: (raw: string) => T | undefined;
}

function integer(min: number, max: number): Variable<number> {
  const schema = z.coerce.number().int().min(min).max(max);
  return {
    expected: `an integer from ${min} to ${max}`,
    parse: (raw) => {
      if (!/^\s*-?\d+\s*$/.test(raw)) return undefined;
      const result = schema.safeParse(raw);
      return result.success ? result.data : undefined;
    },
  };
}

function positiveNumber(max: number): Variable<number> {
  const schema = z.coerce.number().positive().max(max);
  return {
    expected: `a number greater than 0 and at most ${max}`,
    parse: (raw) => {
      if (!/^\s*\d+(\.\d+)?\s*$/.test(raw)) return undefined;
      const result = schema.safeParse(raw);
      return result.success ? result.data : undefined;
    },
  };
}

const booleanVariable: Variable<boolean> = {
  expected: "true or false (also 1/0, yes/no, on/off)",
  parse: (raw) => {
    const value = raw.trim().toLowerCase();
    if (["true", "1", "yes", "on"].includes(value)) return true;
    if (["false", "0", "no", "off"].includes(value)) return false;
    return undefined;
  },
};

const logLevelVariable: Variable<LogLevel> = {
  expected: `one of ${LOG_LEVELS.join(", ")}`,
  parse: (raw) => {
    const result = z.enum(LOG_LEVELS).safeParse(raw.trim().toLowerCase());
    return result.success ? result.data : undefined;
  },
};

const hostVariable: Variable<string> = {
  expected: "a host name or IP address to listen on (e.g. 127.0.0.1, 0.0.0.0, ::)",
  parse: (raw) => (/^[\w.:-]+$/.test(raw.trim()) ? raw.trim() : undefined),
};

const databaseUrlVariable: Variable<string> = {
  expected: 'a SQLite "file:" URL (e.g. file:./data/fentrace.db or file:/srv/fentrace.db)',
  parse: (raw) => (raw.startsWith("file:") && raw.length > "file:".length ? raw : undefined),
};

const directoryVariable: Variable<string> = {
  expected: "the path of a folder (absolute, or relative to the repository root)",
  parse: (raw) => (raw.trim() !== "" && !raw.includes("\0") ? pathFromEnvironment(raw.trim()) : undefined),
};

const workersVariable: Variable<number> = {
  expected: `"auto" (one per core: ${availableParallelism()}) or an integer from 1 to 64`,
  parse: (raw) => (raw.trim() === "auto" ? availableParallelism() : integer(1, 64).parse(raw)),
};

const trustProxyVariable: Variable<number> = {
  expected: "false, true (one proxy) or the number of proxies in front of the server (0 to 10)",
  parse: (raw) => {
    const flag = booleanVariable.parse(raw);
    if (flag !== undefined && !/^\s*[01]\s*$/.test(raw)) return flag ? 1 : 0;
    return integer(0, 10).parse(raw);
  },
};

/**
 * Reads and validates the configuration from `env` (default `process.env`); `argv` may carry
 * `--workers N` (or `--workers=N`), which overrides `WORKERS`. Throws a ConfigError listing every
 * bad value.
 */
export function loadConfig(env: Env = process.env, argv: readonly string[] = []): Config {
  const problems: string[] = [];
  function read<T>(name: string, variable: Variable<T>, fallback: T, raw: string | undefined = env[name]): T {
    if (raw === undefined || raw === "") return fallback;
    const value = variable.parse(raw);
    if (value === undefined) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected ${variable.expected}.`);
      return fallback;
    }
    return value;
  }

  const inTests = Boolean(env.VITEST) || env.NODE_ENV === "test";
  const workersArg = workersFromArgv(argv, problems);

  const config: Config = {
    port: read("PORT", integer(0, 65_535), 4000),
    host: read("HOST", hostVariable, "127.0.0.1"),
    databaseUrl: read<string | undefined>("DATABASE_URL", databaseUrlVariable, undefined),
    webDist: read<string | undefined>("FENTRACE_WEB_DIST", directoryVariable, undefined),
    logLevel: read("LOG_LEVEL", logLevelVariable, inTests ? "silent" : "info"),
    workers: read("--workers", workersVariable, read("WORKERS", workersVariable, 1), workersArg),
    trustProxy: read("TRUST_PROXY", trustProxyVariable, 0),
    rateLimit: {
      enabled: read("RATE_LIMIT_ENABLED", booleanVariable, true),
      perSecond: read("RATE_LIMIT_PER_SECOND", positiveNumber(1_000_000), 20),
      burst: read("RATE_LIMIT_BURST", integer(1, 1_000_000), 100),
    },
    limits: {
      depth: read("LIMIT_DEPTH", integer(1, 1000), DEFAULT_LIMITS.depth),
      aliases: read("LIMIT_ALIASES", integer(0, 10_000), DEFAULT_LIMITS.aliases),
      directives: read("LIMIT_DIRECTIVES", integer(0, 10_000), DEFAULT_LIMITS.directives),
      tokens: read("LIMIT_TOKENS", integer(1, 1_000_000), DEFAULT_LIMITS.tokens),
      cost: read("LIMIT_COST", integer(1, 1_000_000_000), DEFAULT_LIMITS.cost),
      documentLength: read("LIMIT_DOCUMENT_LENGTH", integer(1, 10_000_000), DEFAULT_LIMITS.documentLength),
      bodyBytes: read("LIMIT_BODY_BYTES", integer(1024, 100_000_000), DEFAULT_LIMITS.bodyBytes),
      records: read("LIMIT_RECORDS", integer(1, 10_000_000), DEFAULT_LIMITS.records),
      responseBytes: read("LIMIT_RESPONSE_BYTES", integer(1024, 1_000_000_000), DEFAULT_LIMITS.responseBytes),
    },
    cache: {
      enabled: read("CACHE_ENABLED", booleanVariable, true),
      maxAge: read("CACHE_MAX_AGE", integer(0, 31_536_000), 300),
      maxEntries: read("CACHE_MAX_ENTRIES", integer(1, 10_000_000), 1000),
      maxBytes: read("CACHE_MAX_BYTES", integer(0, 100_000_000_000), 64 * 1024 * 1024),
    },
    shutdownTimeoutMs: read("SHUTDOWN_TIMEOUT_MS", integer(100, 600_000), 10_000),
    requestTimeoutMs: read("REQUEST_TIMEOUT_MS", integer(1000, 600_000), 30_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The value of `--workers N` / `--workers=N`, or undefined when absent. */
function workersFromArgv(argv: readonly string[], problems: string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    if (arg === "--workers") {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith("--")) {
        problems.push(`--workers: expected a value ("auto" or a number of processes).`);
        return undefined;
      }
      return value;
    }
    if (arg.startsWith("--workers=")) return arg.slice("--workers=".length);
  }
  return undefined;
}

let current: Config | undefined;

/** The process's configuration, read from `process.env` on first use (throws ConfigError). */
export function getConfig(): Config {
  current ??= loadConfig(process.env, process.argv.slice(2));
  return current;
}
