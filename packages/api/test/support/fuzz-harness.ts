/**
 * The harness of the adversarial fuzz test (test/fuzz.test.ts): the real request handler on
 * 127.0.0.1:0 in this process, a client that sends `HostileRequest`s over HTTP (or raw bytes),
 * the checks every response must pass, and a report that groups failures into classes.
 *
 * Each request carries `x-fuzz-id: <index>`; the server side runs it in an AsyncLocalStorage
 * context, so that what the server logs as an unexpected error (the cause behind an
 * INTERNAL_SERVER_ERROR, a failed handler) is attributed to the request that caused it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync } from "node:fs";
import { type Agent, createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { relative, resolve } from "node:path";
import * as zlib from "node:zlib";
import { pino } from "pino";
import { getConfig } from "../../src/config.js";
import { createRequestHandler } from "../../src/handler.js";
import { logger } from "../../src/logger.js";
import { yoga } from "../../src/yoga.js";
import { type HostileRequest, satisfies } from "../resilience/fuzz.js";

const repoRoot = resolve(import.meta.dirname, "../../../..");
/** The web page's build (FENTRACE_WEB_DIST), which plugins/web-page.ts serves at / (503 while it is not configured or missing). */
const webDist = getConfig().webDist;
const webBuild = webDist === undefined ? undefined : resolve(webDist, "index.html");

export interface FuzzServer {
  url: string;
  port: number;
  /** What the server logged as unexpected while answering each request (by x-fuzz-id). */
  causes: Map<string, string[]>;
  /** The configured body limit (LIMIT_BODY_BYTES). */
  bodyBytes: number;
  close(): Promise<void>;
}

/** The first frame of `stack` inside the repository but outside node_modules, e.g. `src/schema/figure.ts:120`. */
function ownFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? "").split("\n").slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.replace(/^file:\/\//, "");
    if (file.startsWith(repoRoot) && !file.includes("node_modules")) return `${relative(repoRoot, file)}:${match[2]}`;
  }
  return undefined;
}

/**
 * One line for a logged error: `Name: first line … last line (at src/file.ts:123)`, for the
 * innermost error (a GraphQLError's `originalError`, e.g. Prisma's).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error)?.slice(0, 300) ?? String(error);
  const original = (error as { originalError?: unknown }).originalError;
  if (original instanceof Error) return describeError(original);
  const lines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const message = lines.length > 1 ? `${lines[0]} … ${lines[lines.length - 1]}` : (lines[0] ?? "");
  const cause =
    error.cause instanceof Error ? ` [cause: ${error.cause.name}: ${error.cause.message.split("\n")[0]}]` : "";
  const frame = ownFrame(error.stack);
  return `${error.name}: ${message}${cause}${frame ? ` (at ${frame})` : ""}`.replaceAll(repoRoot, "");
}

/** The error (or message) in a pino-style call `(obj, msg)` / `(err, msg)` / `(msg)`. */
function describeLogCall(args: unknown[]): string {
  for (const arg of args) {
    if (arg instanceof Error) return describeError(arg);
    if (arg && typeof arg === "object") {
      const record = arg as Record<string, unknown>;
      const error = record.err ?? record.error;
      if (error) return describeError(error);
    }
  }
  return args
    .map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg)))
    .join(" ")
    .slice(0, 300);
}

/**
 * Starts the request handler (as server.ts does, with the process's configuration) on
 * 127.0.0.1:0, rate limiting disabled, and captures unexpected errors per request.
 */
export async function startFuzzServer(): Promise<FuzzServer> {
  const base = getConfig();
  const config = { ...base, rateLimit: { ...base.rateLimit, enabled: false } };
  const context = new AsyncLocalStorage<string>();
  const causes = new Map<string, string[]>();
  const record = (text: string) => {
    const id = context.getStore() ?? "(outside a request)";
    const list = causes.get(id) ?? [];
    if (list.length < 10) list.push(text);
    causes.set(id, list);
  };

  // The server's loggers are silent under vitest: listen on their error methods instead.
  const yogaLogger = (yoga as unknown as { logger: Record<string, (...args: unknown[]) => void> }).logger;
  const originals = { logger: logger.error, yoga: yogaLogger.error!, console: console.error };
  logger.error = ((...args: unknown[]) => record(describeLogCall(args))) as typeof logger.error;
  yogaLogger.error = (...args: unknown[]) => record(describeLogCall(args));
  console.error = (...args: unknown[]) => record(describeLogCall(args));

  // The handler's own logger: its error lines ("request failed", "request handler failed").
  const handlerLogger = pino(
    { level: "error" },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string; stack?: string } };
        if (!entry.err && entry.msg === "request failed") return; // the access log line of a 5xx: the status says it
        record(
          entry.err
            ? `${entry.err.type}: ${entry.err.message?.split("\n")[0]}${ownFrame(entry.err.stack) ? ` (at ${ownFrame(entry.err.stack)})` : ""}`
            : `${entry.msg}`,
        );
      },
    },
  );
  const handler = createRequestHandler(yoga as never, { config, logger: handlerLogger });
  // As server.ts creates it.
  const server: Server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 20_000),
      keepAliveTimeout: 5_000,
    },
    (req, res) => context.run(String(req.headers["x-fuzz-id"] ?? "(no id)"), () => handler(req, res)),
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    causes,
    bodyBytes: config.limits.bodyBytes,
    close: () =>
      new Promise<void>((done) => {
        logger.error = originals.logger;
        yogaLogger.error = originals.yoga;
        console.error = originals.console;
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface Answer {
  status?: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** A connection-level failure (ECONNRESET, timeout …), or a request the client could not send. */
  error?: string;
  /** The client refused to send the request (not the server's doing). */
  unsendable?: boolean;
  ms: number;
}

/** Sends a request over HTTP (or its raw bytes on a fresh connection). */
export function send(port: number, agent: Agent, req: HostileRequest, id: string, timeoutMs: number): Promise<Answer> {
  if (req.raw !== undefined) {
    // The id goes after the request line (a request without one has none).
    const line = req.raw.indexOf("\r\n");
    return sendRaw(
      port,
      line === -1 ? req.raw : `${req.raw.slice(0, line + 2)}X-Fuzz-Id: ${id}\r\n${req.raw.slice(line + 2)}`,
      timeoutMs,
    );
  }
  const started = performance.now();
  return new Promise((done) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    let finished = false;
    const finish = (answer: Omit<Answer, "ms">) => {
      if (finished) return;
      finished = true;
      done({ ...answer, ms: performance.now() - started });
    };
    let outgoing: ReturnType<typeof request>;
    try {
      outgoing = request(
        {
          host: "127.0.0.1",
          port,
          method: req.method,
          path: req.path,
          agent,
          headers: { ...req.headers, "x-fuzz-id": id, ...(body ? { "content-length": String(body.length) } : {}) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", (error) =>
            finish({
              status: res.statusCode,
              headers: res.headers,
              body: Buffer.concat(chunks),
              error: (error as NodeJS.ErrnoException).code ?? error.message,
            }),
          );
        },
      );
    } catch (error) {
      finish({
        headers: {},
        body: Buffer.alloc(0),
        error: (error as NodeJS.ErrnoException).code ?? String(error),
        unsendable: true,
      });
      return;
    }
    outgoing.on("timeout", () => outgoing.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    outgoing.on("error", (error) =>
      finish({ headers: {}, body: Buffer.alloc(0), error: (error as NodeJS.ErrnoException).code ?? error.message }),
    );
    if (body) outgoing.end(body);
    else outgoing.end();
  });
}

/** Writes raw bytes on a fresh connection; the answer is whatever comes back before the close. */
export function sendRaw(port: number, bytes: string, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      // One answer is enough: stop once a complete response with a body length has arrived.
      const text = Buffer.concat(chunks).toString("latin1");
      const head = text.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head))?.[1];
      if (head !== -1 && length !== undefined && text.length >= head + 4 + Number(length)) socket.destroy();
    });
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      const head = text.indexOf("\r\n\r\n");
      const headers: IncomingHttpHeaders = {};
      for (const line of text.slice(0, Math.max(head, 0)).split("\r\n").slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      done({
        ...(status ? { status: Number(status) } : { error: "closed without an answer" }),
        headers,
        body: Buffer.from(head === -1 ? "" : text.slice(head + 4), "latin1"),
        ms: performance.now() - started,
      });
    });
    socket.on("error", () => undefined);
    socket.end(Buffer.from(bytes, "latin1"));
  });
}

/** Node's default limit on the request line and headers (a longer request gets 431 and the connection closes). */
const MAX_HEADER_BYTES = 16 * 1024;

export function requestBytes(req: HostileRequest): number {
  if (req.raw !== undefined) return req.raw.length;
  const body = req.body === undefined ? 0 : Buffer.isBuffer(req.body) ? req.body.length : Buffer.byteLength(req.body);
  return (
    req.path.length +
    Object.entries(req.headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0) +
    body
  );
}

/** A message with its variable parts (quoted values, numbers) blanked, for grouping. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/`[^`]*`/g, "`…`")
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/g, "N")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 220);
}

/**
 * A failed check on one response. `key` names its class (one defect, whatever the values in the
 * request); `variant` the exact message with its values blanked.
 */
export interface Finding {
  key: string;
  variant: string;
  detail: string;
}

/** The class of an error message: graphql-js' variable coercion messages differ only by value and type. */
export function messageClass(message: string): string {
  const normalized = normalizeMessage(message);
  if (
    /^Variable "…" (got invalid value|of required type|of non-null type)|^Too many errors processing variables/.test(
      normalized,
    )
  ) {
    return 'variable coercion: Variable "$…" got invalid value … / of required type … was not provided / must not be null';
  }
  return normalized;
}

/** A message's variant within its class: for variable coercion, the reason without the value. */
function variantOf(message: string): string {
  const normalized = normalizeMessage(message);
  const reason = /^Variable .*?; (.*)$/.exec(normalized)?.[1];
  return reason ? reason.replace(/(cannot represent[^:]*):.*$/, "$1") : normalized;
}

/** The class of a logged cause: without its location, Prisma's call site and the values. */
export function causeClass(cause: string): string {
  const normalized = normalizeMessage(cause).replace(/ \(at [^)]*\)$/, "");
  // Prisma's errors: the last line says what was wrong; the call site is in the variant.
  const prisma = /^PrismaClient\w*Error: Invalid `…` invocation(?: in)?:? … (.*)$/.exec(normalized);
  if (!prisma) return normalized;
  const reason = prisma[1]!
    .replace(/Invalid value for argument `…`: /, "")
    .replace(/JSON Error: /, "")
    .replace(/\. Expected JSON String\.$/, "")
    .replace(/provided (?:\([^)]*\)|\w+)\.$/, "provided ….");
  // Both of serde's messages for a string that is not UTF-16 (a lone surrogate) that reached the query engine.
  if (/(lone leading surrogate in|unexpected end of) hex escape/.test(reason))
    return "Prisma: a lone UTF-16 surrogate reached the query (… hex escape at line N column N)";
  return `Prisma: ${reason}`;
}

function decode(answer: Answer): { text: string; problem?: string } {
  const encoding = String(answer.headers["content-encoding"] ?? "identity").toLowerCase();
  try {
    let body = answer.body;
    for (const step of encoding
      .split(",")
      .map((s) => s.trim())
      .reverse()) {
      // zstd only from Node 22.15 (the engines field allows Node 20)
      const zstd = (zlib as { zstdDecompressSync?: (input: Buffer) => Buffer }).zstdDecompressSync;
      if (step === "gzip" || step === "x-gzip") body = zlib.gunzipSync(body);
      else if (step === "deflate") body = zlib.inflateSync(body);
      else if (step === "br") body = zlib.brotliDecompressSync(body);
      else if (step === "zstd" && zstd) body = zstd(body);
      else if (step !== "identity" && step !== "") {
        // Not a content coding (RFC 9110 §8.4.1): a client or proxy may refuse the response.
        return {
          text: body.toString("utf8"),
          problem: `response has Content-Encoding "${step}", which is not a registered content coding`,
        };
      }
    }
    return { text: body.toString("utf8") };
  } catch (error) {
    return {
      text: "",
      problem: `body does not decode as its Content-Encoding ${encoding}: ${(error as Error).message}`,
    };
  }
}

/** The JSON payloads of a response: the body, each `data:` event, or each multipart part. */
function payloads(text: string, contentType: string): { json: unknown[]; invalid: string[] } {
  const sources: string[] = [];
  if (/json/i.test(contentType)) sources.push(text);
  else if (/text\/event-stream/i.test(contentType)) {
    for (const line of text.split("\n")) if (line.startsWith("data:")) sources.push(line.slice(5).trim());
  } else if (/multipart\/mixed/i.test(contentType)) {
    for (const part of text.split(/\r?\n--[^\r\n]*\r?\n/)) {
      const blank = part.search(/\r?\n\r?\n/);
      const body = blank === -1 ? "" : part.slice(blank).trim();
      if (body.startsWith("{")) sources.push(body.replace(/\r?\n--[^\r\n]*--\s*$/, ""));
    }
  }
  const json: unknown[] = [];
  const invalid: string[] = [];
  for (const source of sources) {
    if (source === "") continue;
    try {
      json.push(JSON.parse(source));
    } catch {
      invalid.push(source.slice(0, 120));
    }
  }
  return { json, invalid };
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown };
}

function errorsOf(payload: unknown): GraphQLErrorShape[] {
  if (Array.isArray(payload)) return payload.flatMap(errorsOf);
  if (!payload || typeof payload !== "object") return [];
  const record = payload as { errors?: unknown; incremental?: unknown };
  const own = Array.isArray(record.errors) ? (record.errors as GraphQLErrorShape[]) : [];
  return [...own, ...(Array.isArray(record.incremental) ? record.incremental.flatMap(errorsOf) : [])];
}

/** The first key named `name` anywhere in a JSON value, with its value. */
function findKey(value: unknown, names: readonly string[], depth = 0): { name: string; value: unknown } | undefined {
  if (depth > 100 || value === null || typeof value !== "object") return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (names.includes(key)) return { name: key, value: inner };
    const found = findKey(inner, names, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The web page's deliberate answer while it is not configured or not built (plugins/web-page.ts): not a failure. */
function isPageNotBuilt(req: HostileRequest, answer: Answer, text: string): boolean {
  let path: string;
  try {
    path = new URL(req.path, "http://localhost").pathname; // as Yoga sees it: /readyz/../../ is /
  } catch {
    return false;
  }
  const page = req.method === "HEAD" ? text === "" : /<h1>Fentrace<\/h1>/.test(text);
  return (
    answer.status === 503 &&
    (path === "/" || path === "/index.html") &&
    page &&
    (webBuild === undefined || !existsSync(webBuild))
  );
}

export interface InspectContext {
  /** LIMIT_BODY_BYTES: a connection may be closed after a body bigger than this. */
  bodyBytes: number;
}

/**
 * The checks every response must pass: no 5xx, no INTERNAL_SERVER_ERROR, every GraphQL error with
 * an `extensions.code`, no `originalError`, stack or server path in the body, an answer at all
 * (a connection may only be cut after a request bigger than the server reads), a well-formed
 * HTTP response, and the oracle of the request (filter semantics) where it has one.
 */
export function inspect(
  req: HostileRequest,
  answer: Answer,
  causes: readonly string[],
  context: InspectContext,
): Finding[] {
  const findings: Finding[] = [];
  const add = (key: string, variant: string, detail: string) => findings.push({ key, variant, detail });
  const cause = causes[0];
  const because = cause ? ` ← ${causeClass(cause)}` : "";
  if (answer.status === undefined) {
    if (answer.unsendable) return [];
    // Cut connections that are the server's right: after a body or request head bigger than it
    // reads (413/431 and close), raw bytes it cannot parse, CONNECT (Node closes it: no proxy here).
    const allowed =
      requestBytes(req) > context.bodyBytes ||
      req.path.length + 200 > MAX_HEADER_BYTES ||
      req.raw !== undefined ||
      req.method === "CONNECT";
    if (answer.error === "TIMEOUT") add(`no answer within the client timeout${because}`, cause ?? "timeout", "timeout");
    else if (answer.error?.startsWith("HPE_"))
      add(`malformed HTTP response (${answer.error})`, answer.error, "the client's HTTP parser rejected the response");
    else if (!allowed)
      add(`connection closed without an answer (${answer.error})${because}`, answer.error ?? "", answer.error ?? "");
    return findings;
  }
  const { text, problem } = decode(answer);
  if (problem) add(normalizeMessage(problem), problem, JSON.stringify(answer.headers).slice(0, 300));
  const contentType = String(answer.headers["content-type"] ?? "");
  const { json, invalid } = payloads(text, contentType);
  const errors = json.flatMap(errorsOf);

  if (answer.status >= 500 && !isPageNotBuilt(req, answer, text)) {
    const first = typeof errors[0]?.message === "string" ? errors[0].message : text.slice(0, 100);
    add(
      `HTTP ${answer.status}${because || `: ${messageClass(first)}`}`,
      `${normalizeMessage(first)}${cause ? ` ← ${normalizeMessage(cause)}` : ""}`,
      text.slice(0, 300),
    );
  }
  if (invalid.length > 0) add(`${contentType.split(";")[0]} body that is not JSON`, invalid[0]!, invalid[0]!);
  for (const error of errors) {
    const message = typeof error.message === "string" ? error.message : JSON.stringify(error.message);
    const code = error.extensions?.code;
    if (code === "INTERNAL_SERVER_ERROR")
      add(
        `INTERNAL_SERVER_ERROR${because || " (no cause logged)"}`,
        cause ? normalizeMessage(cause) : message,
        message,
      );
    else if (typeof code !== "string" || code === "")
      add(
        `error without extensions.code: ${messageClass(message)}`,
        `HTTP ${answer.status}: ${variantOf(message)}`,
        message,
      );
  }
  if (
    errors.length === 0 &&
    /json|event-stream|multipart/.test(contentType) &&
    text.includes("INTERNAL_SERVER_ERROR")
  ) {
    add(`INTERNAL_SERVER_ERROR outside a JSON error${because}`, cause ?? "", text.slice(0, 200));
  }
  // Leaks: in what the API answers as data (the GraphiQL page's script names these keys too).
  for (const payload of json) {
    const leaked = findKey(payload, ["originalError", "stack", "stacktrace", "exception"]);
    if (leaked)
      add(`response JSON contains "${leaked.name}"`, leaked.name, JSON.stringify(leaked.value)?.slice(0, 300) ?? "");
  }
  if (!/text\/html|javascript/.test(contentType) && /\n\s+at [^\n]+:\d+:\d+/.test(text))
    add("body contains a stack trace", "stack trace", text.slice(0, 300));
  if (text.includes(repoRoot))
    add(
      "body contains a server file path",
      repoRoot,
      text.slice(Math.max(0, text.indexOf(repoRoot) - 100), text.indexOf(repoRoot) + 100),
    );
  if (cause && findings.length === 0 && answer.status < 500) {
    // The server logged an unexpected error and yet answered as if all was well.
    add(
      `unexpected error logged by the server (answered HTTP ${answer.status})${because}`,
      normalizeMessage(cause),
      causes.join("\n"),
    );
  }

  if (req.oracle && answer.status === 200) {
    for (const payload of json) {
      let connection: unknown = (payload as { data?: unknown }).data;
      for (const step of req.oracle.path)
        connection = (connection as Record<string, unknown> | null | undefined)?.[step];
      const edges = (connection as { edges?: { node?: Record<string, unknown> }[] } | undefined)?.edges ?? [];
      const wrong = edges.find((edge) => !satisfies(edge.node?.[req.oracle!.field], req.oracle!.op, req.oracle!.value));
      if (wrong) {
        add(
          `StringFilter "${req.oracle.op}" returns records that do not match it`,
          `${req.oracle.op} ${JSON.stringify(req.oracle.value).slice(0, 60)} on ${req.oracle.field}`,
          `${req.oracle.op} ${JSON.stringify(req.oracle.value).slice(0, 80)} returned ${req.oracle.field} = ${JSON.stringify(wrong.node?.[req.oracle.field]).slice(0, 120)}`,
        );
      }
    }
  }
  return findings;
}

/** A request as text, each part truncated, control characters escaped. */
export function formatRequest(req: HostileRequest, max = 400): string {
  const cut = (text: string) => {
    const shown = JSON.stringify(text.length > max ? text.slice(0, max) : text);
    return text.length > max ? `${shown}… (${text.length} characters)` : shown;
  };
  if (req.raw !== undefined) return `raw bytes on a fresh connection: ${cut(req.raw)}`;
  const headers = Object.entries(req.headers)
    .map(([name, value]) => `${name}: ${value.length > 120 ? `${value.slice(0, 120)}… (${value.length})` : value}`)
    .join("; ");
  const body =
    req.body === undefined
      ? ""
      : `\n      body: ${cut(Buffer.isBuffer(req.body) ? req.body.toString("latin1") : req.body)}`;
  const path = req.path.length > max ? `${req.path.slice(0, max)}… (${req.path.length} characters)` : req.path;
  return `${req.method} ${path}${headers ? `\n      headers: ${headers}` : ""}${body}`;
}

interface FailureClass {
  count: number;
  kinds: Map<string, number>;
  variants: Map<string, number>;
  example: { index: number; req: HostileRequest; status?: number; detail: string; size: number };
}

/** The failures of a run, grouped into classes, each with its smallest example request. */
export class FailureReport {
  readonly classes = new Map<string, FailureClass>();
  constructor(private readonly seed: number) {}

  add(index: number, req: HostileRequest, answer: Answer, findings: readonly Finding[]): void {
    for (const finding of findings) {
      const size = requestBytes(req);
      const entry = this.classes.get(finding.key);
      if (!entry) {
        this.classes.set(finding.key, {
          count: 1,
          kinds: new Map([[req.kind, 1]]),
          variants: new Map([[finding.variant, 1]]),
          example: { index, req, status: answer.status, detail: finding.detail, size },
        });
        // Printed at once, so that a run cut short still shows it.
        console.log(
          `fuzz: new failure class (seed ${this.seed}, request #${index}, ${req.kind}): ${finding.key}\n      ${formatRequest(req, 200)}`,
        );
        continue;
      }
      entry.count += 1;
      entry.kinds.set(req.kind, (entry.kinds.get(req.kind) ?? 0) + 1);
      entry.variants.set(finding.variant, (entry.variants.get(finding.variant) ?? 0) + 1);
      if (size < entry.example.size)
        entry.example = { index, req, status: answer.status, detail: finding.detail, size };
    }
  }

  get size(): number {
    return this.classes.size;
  }

  format(): string {
    const lines = [
      `fuzz: ${this.classes.size} distinct failure classes (seed ${this.seed}; replay one request with FUZZ_SEED=${this.seed} FUZZ_REPLAY=<#>):`,
    ];
    let number = 0;
    for (const [key, entry] of [...this.classes].sort((a, b) => b[1].count - a[1].count)) {
      number += 1;
      const kinds = [...entry.kinds]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, count]) => `${kind}×${count}`)
        .join(", ");
      const variants = [...entry.variants].sort((a, b) => b[1] - a[1]);
      lines.push(
        `  ${number}. ${key}`,
        `     ${entry.count} responses (${kinds}); smallest example: request #${entry.example.index}, HTTP ${entry.example.status ?? "—"}`,
        `      ${formatRequest(entry.example.req)}`,
        `      → ${entry.example.detail.replace(/\s+/g, " ").slice(0, 300)}`,
      );
      if (variants.length > 1 || variants[0]![0] !== key) {
        lines.push(
          `     ${variants.length} variant${variants.length > 1 ? "s" : ""}:`,
          ...variants.slice(0, 8).map(([variant, count]) => `       ${count}× ${variant.slice(0, 200)}`),
        );
        if (variants.length > 8) lines.push(`       … and ${variants.length - 8} more`);
      }
    }
    return lines.join("\n");
  }
}
