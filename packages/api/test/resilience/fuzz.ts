/**
 * Request generators for the fuzzing tests: random schema-valid queries built from the printed
 * schema (random depth, arguments at and beyond their bounds), and hostile HTTP requests
 * (malformed JSON, wrong content types, huge bodies, invalid UTF-8, unknown operations …).
 *
 * Two users:
 * - the long resilience run (fuzz.resilience.ts) calls `randomQuery(schema, random)` and
 *   `hostileRequest(random, valid)` without options: the original mix, with the same sequence
 *   for a given seed as before;
 * - the short fuzz test of the regular suite (test/fuzz.test.ts) passes `{ hostile }` options:
 *   every argument then also takes the values of issue 9 ("Safe on the open internet"), i.e.
 *   cursors harvested from real responses and replayed into other connections, tampered cursors,
 *   ids of the wrong type, lone surrogates, control and bidi characters, LIKE metacharacters,
 *   FTS5 syntax, huge strings, lists at and past their caps, Int/Float edges, and
 *   `hostileRequest` adds the request kinds of `HOSTILE_KINDS` (deep JSON, subscription and
 *   mutation operations, fragment bombs, aliases, directives, broken GET query strings …).
 *
 * Everything is drawn from one seeded PRNG (bench/prng.ts), so a run is replayed by its seed.
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
  parse,
  typeFromAST,
} from "graphql";
import { prng } from "../../../../bench/prng.js";
import { nodeTypes } from "../../src/global-id.js";

export type Random = () => number;

/** Seeded (mulberry32, shared with the benchmarks), so a failing run can be replayed with the same seed. */
export function seeded(seed: number): Random {
  return prng(seed);
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;

const INTS = [-2147483648, -1, 0, 1, 2, 5, 20, 99, 100, 101, 1000, 2147483647];
const FLOATS = [0, -1.5, 3.14, 1e-9, 1e308, -1e308, 20_400_000];
const STRINGS = [
  "",
  "fentanyl",
  "fake pills",
  "x".repeat(300),
  "💊 Snapchat",
  "\u0000",
  "' OR 1=1 --",
  "*",
  "NEAR(a b)",
  "pills_seized",
  "ÄÖÜ ñ",
];
const IDS = [
  "fig-lp-surge-cases-snapchat",
  "place-us-tx",
  "org-dea",
  "",
  "not-a-thing",
  "RmlndXJlOmZpZy14", // Figure:fig-x
  "UGxhY2U6cGxhY2UtdXMtdHg=", // Place:place-us-tx
  "%%%===",
  "x".repeat(200),
];
const DATES = ["2021", "2021-12", "2021-12-16", "2021-13", "2021-02-30", "21", "", "yesterday", "9999-12-31"];

/** A literal (or JSON value, for variables) of an input type, sometimes out of bounds. */
function inputValue(type: GraphQLInputType, random: Random, depth: number, hostile?: ValueContext): Value {
  if (hostile) return hostileValue(type, random, depth, hostile);
  if (isNonNullType(type)) return inputValue(type.ofType, random, depth);
  if (chance(random, 0.03)) return { literal: "null", json: null };
  if (isListType(type)) {
    const length = chance(random, 0.05) ? 150 : Math.floor(random() * 4);
    const items = Array.from({ length }, () => inputValue(type.ofType, random, depth + 1));
    return { literal: `[${items.map((i) => i.literal).join(", ")}]`, json: items.map((i) => i.json) };
  }
  if (isEnumType(type)) {
    const name = chance(random, 0.1) ? "NOT_A_VALUE" : pick(random, type.getValues()).name;
    return { literal: name, json: name };
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return { literal: "{}", json: {} };
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || chance(random, 0.3));
    const entries = fields.map((field) => [field.name, inputValue(field.type, random, depth + 1)] as const);
    return {
      literal: `{ ${entries.map(([name, value]) => `${name}: ${value.literal}`).join(", ")} }`,
      json: Object.fromEntries(entries.map(([name, value]) => [name, value.json])),
    };
  }
  if (isScalarType(type)) {
    let value: unknown;
    switch (type.name) {
      case "Int":
        value = pick(random, INTS);
        break;
      case "Float":
        value = pick(random, FLOATS);
        break;
      case "Boolean":
        value = chance(random, 0.5);
        break;
      case "ID":
        value = pick(random, IDS);
        break;
      case "PartialDate":
        value = pick(random, DATES);
        break;
      default:
        value = pick(random, STRINGS);
    }
    return { literal: JSON.stringify(value), json: value };
  }
  return { literal: "null", json: null };
}

export interface Built {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A random query against `schema`: random fields, arguments and depth (sometimes beyond the
 * limit). With `options.hostile`, every argument may also take the hostile values of issue 9.
 */
export function randomQuery(schema: GraphQLSchema, random: Random, options: FuzzOptions = {}): Built {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const maxDepth = 1 + Math.floor(random() * 13);
  let aliasCount = 0;

  const args = (field: GraphQLField<unknown, unknown>): string => {
    const chosen = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type) || chance(random, 0.4));
    if (chosen.length === 0) return "";
    const parts = chosen.map((arg) => {
      const value = inputValue(
        arg.type,
        random,
        0,
        options.hostile ? { harvest: options.harvest, argument: arg.name } : undefined,
      );
      if (chance(random, 0.3)) {
        const name = `v${definitions.length}`;
        definitions.push(`$${name}: ${String(arg.type)}`);
        variables[name] = value.json;
        return `${arg.name}: $${name}`;
      }
      return `${arg.name}: ${value.literal}`;
    });
    return `(${parts.join(", ")})`;
  };

  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isUnionType(type) || isInterfaceType(type)) {
      const possible = schema.getPossibleTypes(type);
      const fragments = Array.from({ length: 1 + Math.floor(random() * 2) }, () => {
        const target = pick(random, possible);
        return `... on ${target.name} ${selection(target, depth)}`;
      });
      return `{ __typename ${fragments.join(" ")} }`;
    }
    if (!isObjectType(type)) return "";
    const fields = Object.values(type.getFields());
    const count = 1 + Math.floor(random() * Math.min(4, fields.length));
    const parts: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const field = pick(random, fields);
      const named = getNamedType(field.type);
      const alias = chance(random, 0.1) ? `a${aliasCount++}: ` : "";
      if (isScalarType(named) || isEnumType(named)) {
        parts.push(`${alias}${field.name}`);
      } else if (depth >= maxDepth) {
        parts.push(`${alias}${field.name}${args(field)} { __typename }`);
      } else {
        parts.push(`${alias}${field.name}${args(field)} ${selection(named, depth + 1)}`);
      }
    }
    return `{ ${parts.join(" ")} }`;
  };

  const body = selection(schema.getQueryType()!, 1);
  const header =
    definitions.length > 0 ? `query Fuzz(${definitions.join(", ")}) ` : chance(random, 0.5) ? "query Fuzz " : "";
  return { query: `${header}${body}`, variables };
}

/** A hostile HTTP request: what it is, and how to send it. */
export interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /** Raw bytes to write on a fresh connection instead of an HTTP request (method and path are informative). */
  raw?: string;
  /** What the response must satisfy beyond the generic checks (see `Oracle`). */
  oracle?: Oracle;
}

/** A well-formed query as a client sends it: GET with a query string, or POST with a JSON body. */
export function queryRequest(built: Built, method: "GET" | "POST"): HostileRequest {
  if (method === "GET") {
    const params = new URLSearchParams({ query: built.query, variables: toJson(built.variables) });
    return {
      kind: "query-get",
      method: "GET",
      path: `/graphql?${params}`,
      headers: { accept: "application/graphql-response+json" },
    };
  }
  return {
    kind: "query-post",
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json" },
    body: toJson(built),
  };
}

const GARBAGE = [
  "{",
  "}",
  "[]",
  "null",
  '{"query": 1}',
  '{"query": "{", "variables": "x"}',
  '{"query": "{ dataset { version } }", "variables": []}',
  "\u0000\u0001",
  "query=1",
];

const BASIC_KINDS = [
  "malformed-json",
  "content-type",
  "huge-body",
  "invalid-utf8",
  "unknown-operation",
  "get-garbage",
  "method-path",
  "accept",
  "batch",
];

/**
 * A hostile HTTP request. Without `options`, one of the original kinds (the resilience run's
 * mix); with them, also one of `HOSTILE_KINDS` (about two thirds of the time).
 */
export function hostileRequest(random: Random, validQuery: () => Built, options?: HostileOptions): HostileRequest {
  const json = { "content-type": "application/json" };
  if (options && chance(random, 0.7)) return hostileKind(pick(random, WEIGHTED_KINDS), random, validQuery, options);
  const kind = pick(random, BASIC_KINDS);
  switch (kind) {
    case "malformed-json": {
      const good = JSON.stringify(validQuery());
      const body = chance(random, 0.5) ? good.slice(0, Math.floor(random() * good.length)) : pick(random, GARBAGE);
      return { kind, method: "POST", path: "/graphql", headers: json, body };
    }
    case "content-type": {
      const type = pick(random, [
        "text/plain",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/graphql",
        "",
        "application/json; charset=latin1",
      ]);
      const body = chance(random, 0.5)
        ? JSON.stringify(validQuery())
        : '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--';
      return { kind, method: "POST", path: "/graphql", headers: type ? { "content-type": type } : {}, body };
    }
    case "huge-body": {
      const size = pick(random, [102_401, 300_000, 2_000_000]);
      const body = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(size) } });
      return { kind, method: "POST", path: "/graphql", headers: json, body };
    }
    case "invalid-utf8": {
      const prefix = Buffer.from('{"query": "{ search(query: \\"');
      const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x90]);
      const suffix = Buffer.from('\\") { totalCount } }"}');
      if (chance(random, 0.5))
        return { kind, method: "POST", path: "/graphql", headers: json, body: Buffer.concat([prefix, bad, suffix]) };
      return {
        kind,
        method: "GET",
        path: `/graphql?query=%7B%20search(query%3A%20%22%FF%FE%C3%28%22)%20%7B%20totalCount%20%7D%20%7D`,
        headers: {},
      };
    }
    case "unknown-operation": {
      const built = validQuery();
      if (chance(random, 0.5)) {
        return {
          kind,
          method: "POST",
          path: "/graphql",
          headers: json,
          body: JSON.stringify({ ...built, operationName: "NoSuchOperation" }),
        };
      }
      const id = Array.from({ length: 64 }, () => pick(random, [..."0123456789abcdef"])).join("");
      return { kind, method: "GET", path: `/graphql?id=${id}`, headers: {} };
    }
    case "get-garbage": {
      const params = pick(random, [
        "query=%7B",
        "query=%7B%20dataset%20%7B%20version%20%7D%20%7D&variables=%7Bnot-json",
        "extensions=%7B%22persistedQuery%22%3A1%7D",
        "query=mutation%20%7B%20x%20%7D",
        "query=subscription%20%7B%20x%20%7D",
        "variables=%7B%7D",
        `query=${"%7B".repeat(5000)}`,
        "query[]=a&query[]=b",
      ]);
      return {
        kind,
        method: "GET",
        path: `/graphql?${params}`,
        headers: { accept: "application/graphql-response+json" },
      };
    }
    case "method-path": {
      const method = pick(random, ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET", "POST"]);
      const path = pick(random, [
        "/",
        "/graphql",
        "/graphql/",
        "/nope",
        "/healthz",
        "/readyz",
        "/graphql/persisted-operations",
        "/downloads/",
        "/downloads/nope.csv",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/graphql?x=%",
      ]);
      return {
        kind,
        method,
        path,
        headers: { origin: "http://evil.example" },
        ...(method === "GET" || method === "HEAD" ? {} : { body: "{}" }),
      };
    }
    case "accept": {
      const accept = pick(random, [
        "text/event-stream",
        "multipart/mixed",
        "text/html",
        "application/xml",
        "*/*",
        "application/graphql-response+json;q=0",
        "",
      ]);
      const built = validQuery();
      return {
        kind,
        method: "POST",
        path: "/graphql",
        headers: { ...json, ...(accept ? { accept } : {}) },
        body: JSON.stringify(built),
      };
    }
    default: {
      const batch = Array.from({ length: 5 }, () => validQuery());
      return { kind: "batch", method: "POST", path: "/graphql", headers: json, body: JSON.stringify(batch) };
    }
  }
}

// =============================================================================================
// Hostile values (issue 9, "Safe on the open internet"): used when `FuzzOptions.hostile` is set.

export interface FuzzOptions {
  /** Let every argument also take the hostile values below. */
  hostile?: boolean;
  /** Cursors and ids seen in real responses, replayed into arguments. */
  harvest?: Harvest;
}

export interface HostileOptions {
  schema: GraphQLSchema;
  harvest?: Harvest;
  /** The server's body limit (LIMIT_BODY_BYTES): some values are sized just under and just over it. */
  bodyBytes?: number;
}

interface Value {
  literal: string;
  json: unknown;
}

interface ValueContext {
  harvest?: Harvest;
  /** The argument (or input field) the value is for: `after`/`before` take cursors. */
  argument?: string;
  /** Items of a huge list: only short values (10,000 × 1 MB would not be a request). */
  cheap?: boolean;
}

/**
 * A JSON number (or token) that `JSON.stringify` cannot write, e.g. `1e400` (Infinity once
 * parsed) or `-0`; `toJson` writes it verbatim. Its GraphQL literal is the same text.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `${RAW_MARK}${this.text}${RAW_MARK}`;
  }
}
const RAW_MARK = "\u0000raw\u0000";
const RAW_PATTERN = /"\\u0000raw\\u0000(.*?)\\u0000raw\\u0000"/g;

/** `JSON.stringify`, writing `RawJson` values verbatim. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(RAW_PATTERN, (_, text: string) => text);
}

const raw = (text: string): Value => ({ literal: text, json: new RawJson(text) });
const stringValue = (text: string): Value => ({ literal: JSON.stringify(text), json: text });
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Values seen in real responses: cursors by the connection type that issued them, ids by node type. */
export class Harvest {
  readonly cursors = new Map<string, string[]>();
  readonly ids = new Map<string, string[]>();
  /** Persisted operations (GET /graphql/persisted-operations). */
  persisted: { id: string; document: string }[] = [];
  private readonly seen = new Set<string>();

  private add(map: Map<string, string[]>, key: string, value: unknown): void {
    if (typeof value !== "string" || this.seen.has(`${key}\n${value}`)) return;
    this.seen.add(`${key}\n${value}`);
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }

  /** Collects the cursors and ids of a parsed response (connections need `__typename`). */
  collect(json: unknown, depth = 0): void {
    if (depth > 64 || json === null || typeof json !== "object") return;
    if (Array.isArray(json)) {
      for (const item of json) this.collect(item, depth + 1);
      return;
    }
    const record = json as Record<string, unknown>;
    const typename = typeof record.__typename === "string" ? record.__typename : undefined;
    if (typename?.endsWith("Connection") && Array.isArray(record.edges)) {
      for (const edge of record.edges) this.add(this.cursors, typename, (edge as { cursor?: unknown } | null)?.cursor);
      const pageInfo = record.pageInfo as { startCursor?: unknown; endCursor?: unknown } | undefined;
      this.add(this.cursors, typename, pageInfo?.startCursor);
      this.add(this.cursors, typename, pageInfo?.endCursor);
    }
    if (typename && typeof record.id === "string" && !typename.endsWith("Connection"))
      this.add(this.ids, typename, record.id);
    for (const value of Object.values(record)) this.collect(value, depth + 1);
  }

  allCursors(): string[] {
    return [...this.cursors.values()].flat();
  }
  allIds(): string[] {
    return [...this.ids.values()].flat();
  }
  /** The readable ids (slugs) inside the harvested global ids. */
  slugs(): string[] {
    return this.allIds().map((id) => Buffer.from(id, "base64").toString("utf8").split(":").slice(1).join(":"));
  }
}

/** The connection fields of `Query` (fields whose type is `…Connection` with `edges`). */
function connectionFields(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getQueryType()!.getFields()).filter((field) => isConnection(getNamedType(field.type)));
}

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith("Connection") && "edges" in type.getFields();
}

/** The node type of a connection type. */
function nodeType(connection: GraphQLObjectType): GraphQLNamedType {
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node!.type);
}

/** A valid literal for a required argument (so that probes reach the argument under test). */
function plainLiteral(type: GraphQLInputType, harvest: Harvest | undefined): string {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return `[${plainLiteral(nullable.ofType, harvest)}]`;
  if (isEnumType(nullable)) return nullable.getValues()[0]!.name;
  if (isInputObjectType(nullable)) {
    const required = Object.values(nullable.getFields()).filter(
      (field) => isNonNullType(field.type) && field.defaultValue === undefined,
    );
    return `{ ${required.map((field) => `${field.name}: ${plainLiteral(field.type, harvest)}`).join(", ")} }`;
  }
  if (nullable.name === "Int" || nullable.name === "Float") return "1";
  if (nullable.name === "Boolean") return "true";
  if (nullable.name === "ID") return JSON.stringify(harvest?.slugs()[0] ?? "x");
  if (nullable.name === "PartialDate") return '"2021"';
  return '"fentanyl"';
}

/** `name: value` for the required arguments of `field` not in `given`. */
function requiredArgs(
  field: GraphQLField<unknown, unknown>,
  given: readonly string[],
  harvest: Harvest | undefined,
): string[] {
  return field.args
    .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined && !given.includes(arg.name))
    .map((arg) => `${arg.name}: ${plainLiteral(arg.type, harvest)}`);
}

/** The selection that harvests a connection's cursors and its nodes' ids (and one level of nested connections). */
function harvestSelection(
  schema: GraphQLSchema,
  connection: GraphQLObjectType,
  nested: boolean,
  harvest?: Harvest,
): string {
  const node = nodeType(connection);
  const parts = ["__typename"];
  if (isObjectType(node)) {
    if ("id" in node.getFields()) parts.push("id");
    if (nested) {
      for (const field of Object.values(node.getFields())) {
        const named = getNamedType(field.type);
        if (!isConnection(named) || requiredArgs(field, [], harvest).length > 0) continue;
        parts.push(`${field.name}(first: 2) { ${harvestSelection(schema, named, false)} }`);
      }
    }
  } else if (schema.getType("Node")) {
    parts.push("... on Node { id }");
  }
  return `__typename totalCount edges { cursor node { ${parts.join(" ")} } } pageInfo { startCursor endCursor }`;
}

/**
 * Queries that harvest real cursors (of every connection of `Query` and the connections of their
 * nodes) and ids: run them in order before fuzzing and pass each parsed response to
 * `Harvest.collect`.
 */
export function harvestQueries(schema: GraphQLSchema, harvest?: Harvest): string[] {
  return connectionFields(schema).flatMap((field) => {
    const connection = getNamedType(field.type) as GraphQLObjectType;
    const args = [...requiredArgs(field, [], harvest)];
    const head = (extra: string) => `${field.name}(${[...args, extra].join(", ")})`;
    // The first page with its nested connections, and a later page (other cursors: not the first).
    return [
      `query Harvest { ${head("first: 3")} { ${harvestSelection(schema, connection, true, harvest)} } }`,
      `query HarvestLast { ${head("last: 2")} { ${harvestSelection(schema, connection, false, harvest)} } }`,
    ];
  });
}

// --- Hostile scalars -------------------------------------------------------------------------

const MB = 1024 * 1024;

/** Strings that broke (or could break) something: encodings, controls, SQL LIKE and FTS5 syntax. */
const HOSTILE_STRINGS = [
  // lone UTF-16 surrogates (valid in JS strings and JSON escapes, not in UTF-8)
  "\uD800",
  "\uDFFF",
  "a\uD83Db",
  "fent\uDC8Anyl",
  "\uD83D",
  // NUL and other controls
  "\u0000",
  "fentanyl\u0000",
  "\u0000\u0001\u0002\u001b[31m\u007f",
  "a\r\nb\tc",
  "\u0085\u2028\u2029",
  // bidi and invisible format characters
  "\u202Efentanyl",
  "\u2066\u2067\u2068\u2069",
  "\u200B\u200C\u200D\uFEFF",
  "\u061C\u200E\u200F",
  // SQL LIKE metacharacters and escapes
  "%",
  "_",
  "\\",
  "%%",
  "%_\\",
  "100%",
  "a_b",
  "\\%",
  "\\_",
  "[a-z]",
  "' OR '1'='1",
  '"; DROP TABLE Figure; --',
  // FTS5 syntax
  '"',
  '"unterminated',
  "NEAR(fentanyl pills, 2)",
  "fentanyl OR pills",
  "fentanyl AND NOT pills",
  "fent*",
  "*",
  "^fentanyl",
  "label:fentanyl",
  "{label note}: pills",
  "(fentanyl",
  ")",
  "- fentanyl",
  "+",
  '"a" + "b"',
  "AND",
  "NOT",
  // Unicode that normalises or folds
  "ﬁ", // NFKC: fi
  "Ⅻ",
  "İstanbul",
  "ß",
  "💊".repeat(100),
  "e\u0301".repeat(50),
  // Lengths: at and past documented caps (200 for search), long
  "x".repeat(200),
  "x".repeat(201),
  "x".repeat(10_000),
];

/** Strings sized against the body limit: 1 MB, just over, just under. */
function hugeStrings(bodyBytes: number): string[] {
  return [
    "x".repeat(MB),
    "é".repeat(Math.ceil(bodyBytes / 2) + 10),
    "x".repeat(bodyBytes - 2_000),
    "%".repeat(50_000),
    "\uD800".repeat(20_000),
  ];
}

const HOSTILE_INTS: Value[] = [
  raw("2147483647"),
  raw("-2147483648"),
  raw("2147483648"),
  raw("-2147483649"),
  raw("9007199254740993"),
  raw("1e400"),
  raw("-0"),
  raw("1.5"),
  raw("1e2"),
  stringValue("1"),
  stringValue("NaN"),
  stringValue("Infinity"),
  { literal: "NaN", json: "NaN" },
  { literal: "true", json: true },
  raw("100"),
  raw("101"),
  raw("0"),
  raw("-1"),
];

const HOSTILE_FLOATS: Value[] = [
  raw("1.7976931348623157e308"),
  raw("-1.7976931348623157e308"),
  raw("1e309"),
  raw("-1e309"),
  raw("1e400"),
  raw("5e-324"),
  raw("-0"),
  raw("-0.0"),
  raw("9007199254740993"),
  raw("0.30000000000000004"),
  stringValue("NaN"),
  stringValue("Infinity"),
  stringValue("-Infinity"),
  stringValue("1e3"),
  { literal: "NaN", json: "NaN" },
  { literal: "Infinity", json: "Infinity" },
  { literal: "false", json: false },
];

const HOSTILE_DATES = [
  "0000",
  "0000-01-01",
  "9999-12-31",
  "2020-02-29",
  "2021-02-29",
  "2021-00",
  "2021-1",
  "-001",
  "+2021",
  "２０２１",
  "2021-12-16T00:00:00Z",
  "2021\u0000",
  "2021".repeat(1000),
  " 2021",
  "\uD800",
];

/** An id: a real one (harvested), its slug, one of the wrong type, or garbage. */
function hostileId(random: Random, harvest: Harvest | undefined, cheap: boolean): string {
  const ids = harvest?.allIds() ?? [];
  const slugs = harvest?.slugs() ?? [];
  const slug = slugs.length > 0 ? pick(random, slugs) : "fig-lp-surge-cases-snapchat";
  switch (Math.floor(random() * (cheap ? 4 : 8))) {
    case 0:
      return ids.length > 0 ? pick(random, ids) : pick(random, IDS);
    case 1:
      return slug;
    case 2:
      // a global id of the wrong (or an unknown) type for this slug
      return base64(`${pick(random, [...nodeTypes, "Nope", "figure", "Node", "__proto__"])}:${slug}`);
    case 3:
      return pick(random, [
        "",
        " ",
        "x",
        "0",
        "-1",
        "null",
        "undefined",
        "__proto__",
        "constructor",
        "%",
        "_",
        "\\",
        "Figure:",
        "=",
        "==",
      ]);
    case 4:
      return pick(random, [
        base64("Figure:"),
        base64(":fig-x"),
        base64("Figure"),
        base64(`Figure:${slug}`).replace(/=+$/, ""),
        `${base64(`Figure:${slug}`)}===`,
        base64(`Figure:${slug}`).replace(/\+/g, "-").replace(/\//g, "_"),
        ` ${base64(`Place:${slug}`)}`,
        `${base64(`Place:${slug}`)}\n`,
        base64(`Figure:${slug}\u0000`),
        base64("Figure:\uD800"),
        base64(`Figure:${slug}:extra`),
        "RmlndXJlOm%%%",
        "../../etc/passwd",
      ]);
    case 5:
      return pick(random, HOSTILE_STRINGS);
    case 6:
      return pick(random, [
        "x".repeat(10_000),
        base64(`Figure:${"x".repeat(20_000)}`),
        `${slug}${"\u0000".repeat(100)}`,
      ]);
    default:
      return pick(random, IDS);
  }
}

/** A cursor: harvested from any connection (replayed into this one), tampered, or made up. */
export function hostileCursor(random: Random, harvest: Harvest | undefined): string {
  const cursors = harvest?.allCursors() ?? [];
  const real = cursors.length > 0 ? pick(random, cursors) : base64("GPC:S:fig-lp-surge-cases-snapchat");
  switch (Math.floor(random() * 6)) {
    case 0:
    case 1:
      return real; // often a cursor of another connection
    case 2: {
      // corrupted base64
      const at = Math.floor(random() * real.length);
      return pick(random, [
        `${real.slice(0, at)}${pick(random, ["!", "*", "-", "_", " ", "=", "A", "\u0000", "é"])}${real.slice(at + 1)}`,
        real.slice(0, at),
        `${real}=`,
        `${real}===`,
        real.replace(/=+$/, ""),
        real.replace(/\+/g, "-").replace(/\//g, "_"),
        `${real}${real}`,
        real.split("").reverse().join(""),
        ` ${real}`,
        encodeURIComponent(real),
      ]);
    }
    case 3: {
      // base64 of a Prisma cursor (Pothos: "GPC:" + a tagged chunk) of the wrong shape
      const decoded = Buffer.from(real, "base64").toString("utf8");
      return base64(
        pick(random, [
          "GPC:",
          "GPC:X:1",
          "GPC:N:abc",
          "GPC:N:1e400",
          "GPC:N:-1",
          "GPC:N:",
          "GPC:S:",
          "GPC:S:\u0000",
          "GPC:S:\uD800",
          `GPC:S:${"x".repeat(10_000)}`,
          "GPC:S:' OR 1=1 --",
          "GPC:S:%",
          "GPC:D:abc",
          "GPC:D:8640000000000001",
          "GPC:I:1",
          "GPC:I:abc",
          'GPC:O:{"a":1}',
          "GPC:O:[1,2]",
          "GPC:O:null",
          "GPC:O:true",
          "GPC:O:{",
          "GPC:T:[]",
          'GPC:T:["S:a","N:1"]',
          "GPC:T:{}",
          `GPC:T:${"[".repeat(5_000)}${"]".repeat(5_000)}`,
          "GPC:B:!!!",
          "GPC:M:abc",
          "GPC:Z:",
          decoded.replace(/^GPC:S:/, "GPC:N:"),
          decoded.replace(/^GPC:N:/, "GPC:S:"),
          `${decoded}\u0000`,
          '{"id":"fig-x"}',
          "{}",
          "[1,2]",
          "null",
          '{"__proto__":{"polluted":1}}',
          "OffsetConnection:5",
          "arrayconnection:5",
        ]),
      );
    }
    case 4:
      // offset cursors (Pothos' resolveOffsetConnection: "OffsetConnection:" + a number)
      return base64(
        `OffsetConnection:${pick(random, ["-1", "0", "1", "1.5", "1e400", "abc", "", "99999999999999999999", "9007199254740993", "0x10", "  7", "7abc", "NaN", "Infinity", "2147483648", "1999"])}`,
      );
    default:
      return pick(random, [
        "",
        " ",
        "%%%",
        "\u0000",
        "\uD800",
        "null",
        "x".repeat(100_000),
        base64("Figure:fig-x"),
        ...(harvest?.allIds().slice(0, 3) ?? []),
      ]);
  }
}

function hostileString(random: Random, context: ValueContext, bodyBytes = 102_400): string {
  if (context.argument === "after" || context.argument === "before") return hostileCursor(random, context.harvest);
  if (context.cheap) return pick(random, ["%", "_", "\\", "\uD800", "\u0000", "x", "a_b", "\u202E", "fentanyl"]);
  if (chance(random, 0.04)) return pick(random, hugeStrings(bodyBytes));
  if (chance(random, 0.2)) return pick(random, STRINGS);
  const base = pick(random, HOSTILE_STRINGS);
  // sometimes two of them glued (e.g. a surrogate inside LIKE metacharacters)
  return chance(random, 0.2) ? `${base}${pick(random, HOSTILE_STRINGS)}` : base;
}

const LIST_CAPS = [100, 101, 1000, 10_000];

/** A hostile literal and JSON value of an input type (wrong types, edges, hostile scalars). */
function hostileValue(type: GraphQLInputType, random: Random, depth: number, context: ValueContext): Value {
  if (isNonNullType(type)) {
    if (chance(random, 0.02)) return { literal: "null", json: null };
    return hostileValue(type.ofType, random, depth, context);
  }
  if (chance(random, 0.03)) return { literal: "null", json: null };
  if (isListType(type)) {
    const big = chance(random, 0.06);
    const length = big ? pick(random, LIST_CAPS) : Math.floor(random() * 4);
    if (big) {
      // A few distinct cheap items, repeated: the list is about its length, not its contents.
      const distinct = Array.from({ length: 3 }, () =>
        hostileValue(type.ofType, random, depth + 1, { ...context, cheap: true }),
      );
      const items = Array.from({ length }, (_, index) => distinct[index % distinct.length]!);
      return { literal: `[${items.map((i) => i.literal).join(", ")}]`, json: items.map((i) => i.json) };
    }
    if (chance(random, 0.03)) return hostileValue(type.ofType, random, depth + 1, context); // a lone item for a list
    const items = Array.from({ length }, () => hostileValue(type.ofType, random, depth + 1, context));
    if (chance(random, 0.03))
      return { literal: `[[${items.map((i) => i.literal).join(", ")}]]`, json: [items.map((i) => i.json)] }; // nested
    return { literal: `[${items.map((i) => i.literal).join(", ")}]`, json: items.map((i) => i.json) };
  }
  if (isEnumType(type)) {
    if (chance(random, 0.85)) {
      const name = pick(random, type.getValues()).name;
      return { literal: name, json: name };
    }
    const bad = pick(random, [
      "NOT_A_VALUE",
      type.getValues()[0]!.name.toLowerCase(),
      "__proto__",
      "",
      "\uD800",
      "true",
    ]);
    return chance(random, 0.5)
      ? { literal: bad === "" || bad === "\uD800" ? JSON.stringify(bad) : bad, json: bad }
      : stringValue(bad);
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return { literal: "{}", json: {} };
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || chance(random, 0.4));
    const entries = fields.map(
      (field) =>
        [field.name, hostileValue(field.type, random, depth + 1, { ...context, argument: field.name })] as const,
    );
    const extra = chance(random, 0.04)
      ? [
          [
            pick(random, ["nope", "__proto__", "constructor", "AND", "OR", "not"]),
            { literal: "1", json: { polluted: 1 } },
          ] as const,
        ]
      : [];
    const all = [...entries, ...extra];
    return {
      literal: `{ ${all.map(([name, value]) => `${name}: ${value.literal}`).join(", ")} }`,
      json: Object.fromEntries(all.map(([name, value]) => [name, value.json])),
    };
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return chance(random, 0.4) ? raw(String(pick(random, INTS))) : pick(random, HOSTILE_INTS);
      case "Float":
        return chance(random, 0.3) ? raw(String(pick(random, FLOATS))) : pick(random, HOSTILE_FLOATS);
      case "Boolean":
        return chance(random, 0.85)
          ? raw(String(chance(random, 0.5)))
          : pick(random, [stringValue("true"), raw("1"), raw("0"), { literal: "TRUE", json: "TRUE" }]);
      case "ID": {
        if (context.argument === "after" || context.argument === "before")
          return stringValue(hostileCursor(random, context.harvest));
        if (!context.cheap && chance(random, 0.05))
          return pick(random, [
            raw("123"),
            raw("1e400"),
            raw("1.5"),
            { literal: "true", json: true },
            { literal: "{}", json: {} },
          ]);
        return stringValue(hostileId(random, context.harvest, context.cheap ?? false));
      }
      case "PartialDate":
        return stringValue(chance(random, 0.3) ? pick(random, DATES) : pick(random, HOSTILE_DATES));
      default:
        if (!context.cheap && chance(random, 0.04))
          return pick(random, [
            raw("1"),
            { literal: "[]", json: [] },
            { literal: "{}", json: {} },
            { literal: "true", json: true },
          ]);
        return stringValue(hostileString(random, context));
    }
  }
  return { literal: "null", json: null };
}

// --- Hostile request kinds -------------------------------------------------------------------

/** The request kinds `hostileRequest` adds when given options. */
export const HOSTILE_KINDS = [
  "cursor",
  "id",
  "string",
  "list-caps",
  "numbers",
  "deep-json",
  "deep-document",
  "operation-type",
  "fragment-bomb",
  "aliases",
  "directives",
  "bad-json",
  "content-type-2",
  "get-broken",
  "headers",
  "persisted",
  "paths",
  "raw",
] as const;

/** The kinds that probe arguments (cursors, ids, strings) come up twice as often as the others. */
const WEIGHTED_KINDS: readonly (typeof HOSTILE_KINDS)[number][] = [
  ...HOSTILE_KINDS,
  "cursor",
  "id",
  "string",
  "string",
];

/** SQL LIKE metacharacters and escapes: `contains` and `startsWith` must match them literally. */
const LIKE_STRINGS = [
  "%",
  "_",
  "\\",
  "%%",
  "%_\\",
  "100%",
  "a_b",
  "\\%",
  "\\_",
  "[a-z]",
  "%\u0000",
  "\u0000",
  "e%",
  "_e",
];

/**
 * A check on the data of a response: every node listed at `path` (`edges[].node`) must satisfy
 * `op` on its `field` (the semantics the schema documents for StringFilter: `contains` and
 * `startsWith` ignore ASCII case, `eq` and `in` are exact).
 */
export interface Oracle {
  path: string[];
  field: string;
  op: "contains" | "startsWith" | "eq" | "in";
  value: string | string[];
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether `text` satisfies a StringFilter operator (null never does). */
export function satisfies(text: unknown, op: Oracle["op"], value: string | string[]): boolean {
  if (typeof text !== "string") return false;
  switch (op) {
    case "contains":
      return asciiLower(text).includes(asciiLower(value as string));
    case "startsWith":
      return asciiLower(text).startsWith(asciiLower(value as string));
    case "eq":
      return text === value;
    default:
      return (value as string[]).includes(text);
  }
}

/** Where StringFilters and number filters sit in the filters of the connections of `Query`. */
interface FilterSite {
  field: GraphQLField<unknown, unknown>;
  /** The filter input field, e.g. `label`. */
  key: string;
  /** Its input type's name: StringFilter, FloatFilter, IntFilter, ScopeInput, PeriodFilter … */
  type: string;
  /** The node's String field of the same name, if any (for the oracle). */
  nodeField?: string;
  list: boolean;
}

const sitesBySchema = new WeakMap<GraphQLSchema, FilterSite[]>();
function filterSites(schema: GraphQLSchema): FilterSite[] {
  const cached = sitesBySchema.get(schema);
  if (cached) return cached;
  const sites: FilterSite[] = [];
  for (const field of connectionFields(schema)) {
    const filter = field.args.find((arg) => arg.name === "filter");
    if (!filter) continue;
    const filterType = getNamedType(filter.type);
    if (!isInputObjectType(filterType)) continue;
    const node = nodeType(getNamedType(field.type) as GraphQLObjectType);
    for (const input of Object.values(filterType.getFields())) {
      const named = getNamedType(input.type);
      const nodeField = isObjectType(node) ? node.getFields()[input.name] : undefined;
      const stringField =
        nodeField && isScalarType(getNullableType(nodeField.type)) && getNamedType(nodeField.type).name === "String";
      sites.push({
        field,
        key: input.name,
        type: named.name,
        list: isListType(getNullableType(input.type)),
        ...(stringField ? { nodeField: input.name } : {}),
      });
    }
  }
  sitesBySchema.set(schema, sites);
  return sites;
}

const JSON_HEADERS = { "content-type": "application/json" };

/** A POST or GET (about a third of the time) of an operation. */
function operationRequest(
  random: Random,
  kind: string,
  query: string,
  variables?: unknown,
  extra: Record<string, unknown> = {},
  oracle?: Oracle,
): HostileRequest {
  const accept = pick(random, ["application/graphql-response+json", "application/json", undefined, undefined]);
  const headers: Record<string, string> = accept ? { accept } : {};
  if (chance(random, 0.33)) {
    const params = new URLSearchParams({ query });
    if (variables !== undefined) params.set("variables", toJson(variables));
    for (const [name, value] of Object.entries(extra))
      params.set(name, typeof value === "string" ? value : toJson(value));
    return { kind, method: "GET", path: `/graphql?${params}`, headers, ...(oracle ? { oracle } : {}) };
  }
  const body = toJson({ query, ...(variables === undefined ? {} : { variables }), ...extra });
  return {
    kind,
    method: "POST",
    path: "/graphql",
    headers: { ...headers, ...JSON_HEADERS },
    body,
    ...(oracle ? { oracle } : {}),
  };
}

/** A POST of a raw body string. */
const post = (kind: string, body: string | Buffer, headers: Record<string, string> = JSON_HEADERS): HostileRequest => ({
  kind,
  method: "POST",
  path: "/graphql",
  headers,
  body,
});

const CONNECTION_SELECTION =
  "totalCount edges { cursor node { __typename } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

function deepArray(depth: number, inner = ""): string {
  return `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;
}
function deepObject(depth: number, key = ""): string {
  return `${`{${JSON.stringify(key)}:`.repeat(depth)}1${"}".repeat(depth)}`;
}

function hostileKind(
  kind: (typeof HOSTILE_KINDS)[number],
  random: Random,
  validQuery: () => Built,
  options: HostileOptions,
): HostileRequest {
  const { schema, harvest } = options;
  const bodyBytes = options.bodyBytes ?? 102_400;
  const connections = connectionFields(schema);
  const context: ValueContext = { harvest };
  switch (kind) {
    case "cursor": {
      // A cursor (harvested from this or another connection, tampered, made up) into a connection.
      const field = pick(random, connections);
      const name = pick(random, ["after", "before"] as const);
      const size =
        name === "after" ? `first: ${pick(random, [1, 2, 20, 100])}` : `last: ${pick(random, [1, 2, 20, 100])}`;
      const cursor = chance(random, 0.1)
        ? pick(random, [
            raw("1"),
            { literal: "true", json: true },
            { literal: "{}", json: {} },
            { literal: "[]", json: [] },
          ])
        : stringValue(hostileCursor(random, harvest));
      const args = [...requiredArgs(field, [], harvest), size];
      if (chance(random, 0.6)) {
        return operationRequest(
          random,
          kind,
          `query Cursor($c: String) { ${field.name}(${[...args, `${name}: $c`].join(", ")}) { ${CONNECTION_SELECTION} } }`,
          { c: cursor.json },
        );
      }
      return operationRequest(
        random,
        kind,
        `{ ${field.name}(${[...args, `${name}: ${cursor.literal}`].join(", ")}) { ${CONNECTION_SELECTION} } }`,
      );
    }
    case "id": {
      // Lookups by id or key, node(id:), nodes(ids:), with readable slugs, wrong types, garbage, huge.
      const query = schema.getQueryType()!;
      const lookups = Object.values(query.getFields()).filter((field) =>
        field.args.some((arg) => (arg.name === "id" || arg.name === "key") && isNonNullType(arg.type)),
      );
      const field = pick(random, lookups);
      const arg = field.args.find((a) => a.name === "id" || a.name === "key")!;
      const value = hostileValue(arg.type, random, 0, { harvest, argument: arg.name });
      const selection =
        isObjectType(getNamedType(field.type)) && "id" in (getNamedType(field.type) as GraphQLObjectType).getFields()
          ? "{ __typename id }"
          : "{ __typename }";
      if (field.name === "node" || chance(random, 0.5)) {
        return operationRequest(
          random,
          kind,
          `query Lookup($v: ${String(arg.type)}) { ${field.name}(${arg.name}: $v) ${selection} }`,
          { v: value.json },
        );
      }
      if (chance(random, 0.3)) {
        const ids = Array.from({ length: 1 + Math.floor(random() * 5) }, () => hostileId(random, harvest, false));
        return operationRequest(random, kind, "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {
          ids,
        });
      }
      return operationRequest(random, kind, `{ ${field.name}(${arg.name}: ${value.literal}) ${selection} }`);
    }
    case "string": {
      // search(query:) and every StringFilter, with hostile strings; with an oracle where the node
      // has the filtered field.
      const sites = filterSites(schema).filter((site) => site.type === "StringFilter");
      if (chance(random, 0.3)) {
        const search = schema.getQueryType()!.getFields().search!;
        const text = hostileString(random, context, bodyBytes);
        const kinds = search.args.some((a) => a.name === "kinds") && chance(random, 0.3) ? ", kinds: $k" : "";
        const kindsType = kinds ? `, $k: ${String(search.args.find((a) => a.name === "kinds")!.type)}` : "";
        const kindValues = kinds
          ? hostileValue(search.args.find((a) => a.name === "kinds")!.type, random, 0, context).json
          : undefined;
        return operationRequest(
          random,
          kind,
          `query Search($q: String!${kindsType}) { search(query: $q, first: ${pick(random, [1, 20, 100])}${kinds}) { ${CONNECTION_SELECTION} } }`,
          { q: text, ...(kinds ? { k: kindValues } : {}) },
        );
      }
      const site = pick(random, sites);
      const op = pick(random, ["contains", "startsWith", "contains", "startsWith", "eq", "in"] as const);
      const text = () => (chance(random, 0.4) ? pick(random, LIKE_STRINGS) : hostileString(random, context, bodyBytes));
      const value = op === "in" ? Array.from({ length: 1 + Math.floor(random() * 3) }, text) : text();
      const nodeSelection = site.nodeField ? `${site.nodeField}` : "__typename";
      const query = `query Filter($f: StringFilter) { c: ${site.field.name}(${[...requiredArgs(site.field, [], harvest), "first: 100", `filter: { ${site.key}: $f }`].join(", ")}) { totalCount edges { node { ${nodeSelection} } } } }`;
      const oracle: Oracle | undefined = site.nodeField ? { path: ["c"], field: site.nodeField, op, value } : undefined;
      return operationRequest(random, kind, query, { f: { [op]: value } }, {}, oracle);
    }
    case "list-caps": {
      const length = pick(random, [0, 100, 101, 1000, 10_000, 100_000]);
      const choice = Math.floor(random() * 5);
      const cheapIds = (harvest?.slugs() ?? ["x"]).slice(0, 5);
      const ids = Array.from({ length }, (_, index) =>
        cheapIds.length > 0 ? cheapIds[index % cheapIds.length]! : "x",
      );
      if (choice === 0)
        return operationRequest(random, kind, "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename } }", { ids });
      const sites = filterSites(schema);
      if (choice === 1) {
        const site = pick(
          random,
          sites.filter((s) => s.list && s.type === "ID"),
        );
        return operationRequest(
          random,
          kind,
          `query Ids($v: [ID!]) { ${site.field.name}(${[...requiredArgs(site.field, [], harvest), `filter: { ${site.key}: $v }`].join(", ")}) { totalCount } }`,
          { v: ids },
        );
      }
      if (choice === 2) {
        const site = pick(
          random,
          sites.filter((s) => s.type === "StringFilter"),
        );
        return operationRequest(
          random,
          kind,
          `query In($v: [String!]) { ${site.field.name}(${[...requiredArgs(site.field, [], harvest), `filter: { ${site.key}: { in: $v } }`].join(", ")}) { totalCount } }`,
          { v: ids },
        );
      }
      if (choice === 3) {
        // orderBy lists and enum lists (scope, qualifier …) at and past the caps
        const field = pick(
          random,
          connections.filter((f) => f.args.some((a) => a.name === "orderBy")),
        );
        const orderBy = field.args.find((a) => a.name === "orderBy")!;
        const item = hostileValue((getNullableType(orderBy.type) as { ofType: GraphQLInputType }).ofType, random, 1, {
          harvest,
          cheap: true,
        });
        return operationRequest(
          random,
          kind,
          `query Order($o: ${String(orderBy.type)}) { ${field.name}(${[...requiredArgs(field, [], harvest), "orderBy: $o", "first: 1"].join(", ")}) { totalCount } }`,
          { o: Array.from({ length: Math.min(length, 20_000) }, () => item.json) },
        );
      }
      // A literal list in the document (documentLength and token limits)
      const literal = `[${ids
        .slice(0, Math.min(length, 5_000))
        .map((id) => JSON.stringify(id))
        .join(",")}]`;
      return operationRequest(random, kind, `{ nodes(ids: ${literal}) { __typename } }`);
    }
    case "numbers": {
      // Int/Float edges and NaN-like values: page sizes, IntFilter/FloatFilter bounds.
      const sites = filterSites(schema).filter((site) => site.type === "FloatFilter" || site.type === "IntFilter");
      if (chance(random, 0.4) || sites.length === 0) {
        const field = pick(random, connections);
        const size = pick(random, HOSTILE_INTS);
        const name = pick(random, ["first", "last"]);
        if (chance(random, 0.5))
          return operationRequest(
            random,
            kind,
            `query Page($n: Int) { ${field.name}(${[...requiredArgs(field, [], harvest), `${name}: $n`].join(", ")}) { totalCount } }`,
            { n: size.json },
          );
        return operationRequest(
          random,
          kind,
          `{ ${field.name}(${[...requiredArgs(field, [], harvest), `${name}: ${size.literal}`].join(", ")}) { totalCount } }`,
        );
      }
      const site = pick(random, sites);
      const values = site.type === "IntFilter" ? HOSTILE_INTS : HOSTILE_FLOATS;
      const ops = ["eq", "gt", "gte", "lt", "lte"].filter(() => chance(random, 0.4));
      const chosen = ops.length > 0 ? ops : ["gt"];
      const entries = chosen.map((op) => [op, pick(random, values)] as const);
      if (chance(random, 0.5)) {
        return operationRequest(
          random,
          kind,
          `query Numbers($f: ${site.type}) { ${site.field.name}(${[...requiredArgs(site.field, [], harvest), `filter: { ${site.key}: $f }`, "first: 5"].join(", ")}) { totalCount edges { node { __typename } } } }`,
          { f: Object.fromEntries(entries.map(([op, v]) => [op, v.json])) },
        );
      }
      return operationRequest(
        random,
        kind,
        `{ ${site.field.name}(${[...requiredArgs(site.field, [], harvest), `filter: { ${site.key}: { ${entries.map(([op, v]) => `${op}: ${v.literal}`).join(", ")} } }`, "first: 5"].join(", ")}) { totalCount } }`,
      );
    }
    case "deep-json": {
      // 20,000-deep arrays and objects in `variables`, `extensions` and elsewhere in the body.
      const depth = pick(random, [1_000, 20_000]);
      const query = pick(random, [
        "query Q($ids: [ID!]!) { nodes(ids: $ids) { __typename } }",
        "query Q($f: FigureFilter) { figures(filter: $f) { totalCount } }",
        "{ __typename }",
        "query Q($s: String) { __typename }",
      ]);
      const variableName = /\$(\w+)/.exec(query)?.[1] ?? "x";
      const deep = chance(random, 0.5)
        ? deepArray(depth)
        : deepObject(Math.min(depth, 19_000), chance(random, 0.5) ? "" : "place");
      const where = Math.floor(random() * 7);
      const q = JSON.stringify(query);
      if (random() < 0.15) {
        // GET: as deep as a URL can be
        const params = `query=${encodeURIComponent(query)}&${pick(random, ["variables", "extensions"])}=${encodeURIComponent(deepArray(2_000))}`;
        return { kind, method: "GET", path: `/graphql?${params}`, headers: {} };
      }
      switch (where) {
        case 0:
          return post(kind, `{"query":${q},"variables":{"${variableName}":${deep}}}`);
        case 1:
          return post(kind, `{"query":${q},"variables":${deep}}`);
        case 2:
          return post(kind, `{"query":${q},"extensions":{"x":${deep}}}`);
        case 3:
          return post(kind, `{"query":${q},"extensions":{"persistedQuery":${deep}}}`);
        case 4:
          return post(kind, `{"query":${q},"operationName":${deep}}`);
        case 5:
          return post(kind, deep);
        default:
          return post(kind, `{"query":${q},"extensions":${deep}}`);
      }
    }
    case "deep-document": {
      // Deep nesting inside the document: selections, list literals, object literals, inline fragments.
      const depth = pick(random, [50, 500, 3_000, 7_000]);
      const choice = Math.floor(random() * 4);
      if (choice === 0)
        return operationRequest(random, kind, `{ nodes(ids: ${deepArray(depth, '"x"')}) { __typename } }`);
      if (choice === 1)
        return operationRequest(
          random,
          kind,
          `{ figures(filter: ${"{ place: ".repeat(depth)}1${" }".repeat(depth)}) { totalCount } }`,
        );
      if (choice === 2)
        return operationRequest(random, kind, `${"{ __typename dataset ".repeat(depth)}${"}".repeat(depth)}`);
      return operationRequest(random, kind, `{ ${"... on Query { ".repeat(depth)}__typename${" }".repeat(depth)} }`);
    }
    case "operation-type": {
      // Subscriptions and mutations (the schema has neither), mixed documents, odd operationNames.
      const op = pick(random, [
        { query: "subscription { dataset { version } }" },
        { query: "subscription S { __typename }" },
        { query: "mutation { __typename }" },
        { query: "mutation M { dataset { version } }" },
        { query: "query A { __typename } mutation B { __typename }", operationName: "B" },
        { query: "query A { __typename } subscription B { __typename }", operationName: "B" },
        { query: "query A { __typename } query B { __typename }" },
        { query: "query A { __typename }", operationName: "" },
        { query: "query A { __typename }", operationName: 123 },
        { query: "query A { __typename }", operationName: ["A"] },
        { query: "query A { __typename }", operationName: { A: 1 } },
        { query: "query A { __typename }", operationName: "\uD800" },
        { query: "query A { __typename }", operationName: "x".repeat(50_000) },
        { query: "fragment F on Query { __typename }" },
        { query: "type Query { x: Int }" },
        { query: "schema { query: Query }" },
        { query: "extend type Query { x: Int }" },
        { query: "directive @x on FIELD" },
        { query: '{ __type(name: "\\u0000") { name } }' },
        { query: "query Q($n: String!) { __type(name: $n) { name } }", variables: { n: "\uD800".repeat(1000) } },
        { query: "{ __schema { types { name fields { name args { name } } } } }" },
        { query: "{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }" },
        { query: "query { __typename } # \uD800" },
        { query: "\uFEFF{ __typename }" },
        { query: "{ __typename }\u0000" },
        { query: "" },
        { query: " " },
        { query: 42 },
        { query: ["{ __typename }"] },
        { query: { kind: "Document", definitions: [] } },
        { query: null },
      ]);
      const accept = pick(random, [
        "text/event-stream",
        "multipart/mixed",
        "application/json",
        "application/graphql-response+json",
        "text/event-stream, application/json",
      ]);
      if (typeof op.query === "string" && chance(random, 0.3)) {
        const params = new URLSearchParams({ query: op.query });
        if (op.operationName !== undefined)
          params.set(
            "operationName",
            typeof op.operationName === "string" ? op.operationName : toJson(op.operationName),
          );
        if (op.variables) params.set("variables", toJson(op.variables));
        return { kind, method: "GET", path: `/graphql?${params}`, headers: { accept } };
      }
      return post(kind, toJson(op), { ...JSON_HEADERS, accept });
    }
    case "fragment-bomb": {
      const choice = Math.floor(random() * 7);
      if (choice === 0) {
        // exponential: F(k) spreads F(k-1) twice
        const levels = pick(random, [10, 20, 30, 60]);
        const fragments = Array.from({ length: levels }, (_, k) =>
          k === 0
            ? "fragment F0 on Query { __typename dataset { version } }"
            : `fragment F${k} on Query { ...F${k - 1} ...F${k - 1} }`,
        );
        return operationRequest(random, kind, `{ ...F${levels - 1} } ${fragments.join(" ")}`);
      }
      if (choice === 1)
        return operationRequest(random, kind, "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
      if (choice === 2) return operationRequest(random, kind, "{ ...A } fragment A on Query { __typename ...A }");
      if (choice === 3) {
        // conflicting fields (OverlappingFieldsCanBeMerged is quadratic)
        const n = pick(random, [100, 400, 1_000]);
        return operationRequest(
          random,
          kind,
          `{ dataset { ${Array.from({ length: n }, (_, i) => (i % 2 ? "v: version" : "v: __typename")).join(" ")} } }`,
        );
      }
      if (choice === 4) {
        // many fragments, each spread many times
        const n = pick(random, [50, 300]);
        const defs = Array.from({ length: n }, (_, i) => `fragment G${i} on Figure { id label }`).join(" ");
        const spreads = Array.from({ length: n }, (_, i) => `...G${i}`).join(" ");
        return operationRequest(random, kind, `{ figures(first: 100) { edges { node { ${spreads} } } } } ${defs}`);
      }
      if (choice === 5)
        return operationRequest(
          random,
          kind,
          pick(random, [
            "{ ...Nope }",
            "{ ...F } fragment F on Int { x }",
            "{ ...F } fragment F on Figure { id }",
            "{ ... on Nope { x } }",
            "fragment F on Query { __typename } fragment F on Query { __typename } { ...F }",
          ]),
        );
      // fragments fanning out over connections at the page cap
      const fanout =
        "fragment P on FigureConnection { edges { node { id label subjects(first: 100) { totalCount } } } }";
      return operationRequest(
        random,
        kind,
        `{ a: figures(first: 100) { ...P } b: figures(last: 100) { ...P } c: figures(first: 100, after: null) { ...P } } ${fanout}`,
      );
    }
    case "aliases": {
      const n = pick(random, [15, 16, 100, 1_000, 3_000]);
      const field = pick(random, [
        "__typename",
        "dataset { version }",
        "figures(first: 100) { totalCount edges { node { id } } }",
        'search(query: "fentanyl", first: 100) { totalCount }',
        `node(id: ${JSON.stringify(harvest?.allIds()[0] ?? "x")}) { id }`,
        "figureStats(groupBy: METRIC) { __typename }",
      ]);
      return operationRequest(random, kind, `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`);
    }
    case "directives": {
      const n = pick(random, [1, 50, 51, 500]);
      const directive = pick(random, [
        "@include(if: true)",
        "@skip(if: false)",
        '@skip(if: "x")',
        "@include",
        "@nope",
        "@deprecated",
        '@specifiedBy(url: "x")',
        "@defer",
        "@stream(initialCount: 1)",
        "@include(if: $b)",
        "@oneOf",
      ]);
      const variables = directive.includes("$b") ? { b: pick(random, [true, "yes", null, 1, [true]]) } : undefined;
      const header = variables ? "query D($b: Boolean!) " : "";
      return operationRequest(
        random,
        kind,
        `${header}{ dataset ${Array.from({ length: n }, () => directive).join(" ")} { version } }`,
        variables,
      );
    }
    case "bad-json": {
      const valid = toJson(validQuery());
      return post(
        kind,
        pick(random, [
          `\uFEFF${valid}`,
          `${valid} x`,
          `${valid}${valid}`,
          '{"query":"{ a }","query":"{ __typename }"}',
          '{"query":"{ __typename }","variables":{"a":NaN}}',
          '{"query":"{ __typename }","variables":{"a":Infinity}}',
          '{"query":"{ __typename }","variables":{"a":1e999999}}',
          '{"query":"{ __typename }","variables":"{\\"a\\":1}"}',
          '{"query":"{ __typename }","variables":"not json"}',
          '{"query":"{ __typename }","variables":null,"operationName":null,"extensions":null}',
          '{"query":"{ __typename }","extensions":"x"}',
          '{"query":"{ __typename }","extensions":[1,2]}',
          '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":123}}}',
          '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":"1","sha256Hash":"\\ud800"}}}',
          '{"query":"{ __typename }","extensions":{"persistedQuery":null}}',
          '{"__proto__":{"query":"{ __typename }"}}',
          '{"query":"{ __typename }","variables":{"__proto__":{"polluted":1}},"__proto__":{"x":1}}',
          '{"query":"{ __typename }","constructor":{"prototype":{"polluted":1}}}',
          '{"query":"{ search(query: \\"\\ud800\\") { totalCount } }"}',
          '{"query":"\\ud800"}',
          '{"\\ud800":"{ __typename }"}',
          '{"query":"{ __typename }" /* comment */}',
          "{'query': '{ __typename }'}",
          '{"query":"{ __typename }",}',
          "123",
          '"{ __typename }"',
          "true",
          "[]",
          "[null]",
          '[{"query":"{ __typename }"},{"query":"{ __typename }"}]',
          "",
          " ",
          "\u0000",
          `{"query":"{ __typename }","variables":{${Array.from({ length: 10_000 }, (_, i) => `"a${i}":1`).join(",")}}}`,
          `{"query":"{ __typename }","variables":{"a":"${"\\u0000".repeat(10_000)}"}}`,
          Buffer.from(valid, "utf16le").toString("latin1"),
        ]),
      );
    }
    case "content-type-2": {
      const valid = toJson(validQuery());
      const type = pick(random, [
        "application/json; charset=utf-16",
        'application/json; charset=""',
        "application/json; charset=nope",
        "APPLICATION/JSON",
        "application/json, text/plain",
        "application/graphql+json",
        "application/graphql-response+json",
        "text/plain; charset=utf-8",
        "application/json; boundary=x",
        "application/json;;;",
        "*/*",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "application/graphql",
      ]);
      let body: string = valid;
      if (type.startsWith("application/x-www-form-urlencoded"))
        body = `query=${encodeURIComponent("{ __typename }")}&variables=%7Bx`;
      if (type.startsWith("multipart/form-data")) {
        body = pick(random, [
          `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${valid}\r\n--x\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}\r\n--x\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n`,
          `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x\r\nContent-Disposition: form-data; name="map"\r\n\r\nnot json\r\n--x--\r\n`,
          `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{\r\n--x--\r\n`,
          "--x\r\n\r\n--x--",
          "not multipart at all",
        ]);
      }
      if (type === "application/graphql") body = pick(random, ["{ __typename }", "{", "\uD800"]);
      return post(kind, body, { "content-type": type });
    }
    case "get-broken": {
      const params = pick(random, [
        "query=%",
        "query=%ZZ",
        "query=%7B%20__typename%20%7D%",
        "query=%E0%A4%A",
        "query=%ED%A0%80", // a UTF-8-encoded lone surrogate
        "query=%C0%AF", // overlong UTF-8
        "query=%FF%FE",
        "query=%00",
        "query=%7B%20__typename%20%7D&query=%7B%20dataset%20%7B%20version%20%7D%20%7D",
        "query=%7B%20__typename%20%7D&variables=%7B%22a%22%3A",
        "query=%7B%20__typename%20%7D&variables=null",
        "query=%7B%20__typename%20%7D&variables=%5B%5D",
        "query=%7B%20__typename%20%7D&variables=1e400",
        "query=%7B%20__typename%20%7D&variables=%22x%22",
        "query=%7B%20__typename%20%7D&extensions=%7B",
        "query=%7B%20__typename%20%7D&extensions=%5B1%5D",
        "query=%7B%20__typename%20%7D&operationName=%ED%A0%80",
        "query=%7B%20__typename%20%7D&operationName[]=x",
        "query",
        "query=",
        "=",
        "&&&",
        "?query=%7B%20__typename%20%7D",
        "query=%7B%20__typename%20%7D#frag",
        "query={__typename}",
        "query=%7B+__typename+%7D",
        "query=%7B%20__typename%20%7D;variables=%7B%7D",
        "query=%257B%2520__typename%2520%257D",
        "Query=%7B%20__typename%20%7D",
        `query=%7B%20__typename%20%7D&${Array.from({ length: 2_000 }, (_, i) => `p${i}=1`).join("&")}`,
        `query=${"%7B%20dataset%20".repeat(20)}`,
        `query=${"x".repeat(20_000)}`,
        "query=%7B%20__typename%20%7D&id=",
        "id=%ED%A0%80",
        `id=${"f".repeat(64)}&query=%7B%20__typename%20%7D`,
        "query=subscription%20%7B%20__typename%20%7D",
        "query=mutation%20%7B%20__typename%20%7D",
      ]);
      const accept = pick(random, [
        "application/graphql-response+json",
        "application/json",
        "text/html",
        "text/event-stream",
      ]);
      return {
        kind,
        method: pick(random, ["GET", "GET", "GET", "HEAD"]),
        path: `/graphql?${params}`,
        headers: { accept },
      };
    }
    case "headers": {
      // Hostile header values (the handler and Yoga read Accept, Origin, If-None-Match, X-Request-Id,
      // X-Forwarded-For, Content-Encoding, Accept-Encoding).
      const valid = toJson(validQuery());
      const headers: Record<string, string> = {};
      const set = Math.floor(random() * 8);
      if (set === 0)
        headers.accept = pick(random, [
          "application/graphql-response+json; q=abc",
          "*/*;q=0",
          "application/json;q=0, */*;q=0",
          "text/event-stream;q=1, application/json;q=0.1",
          `application/json${", text/html".repeat(500)}`,
          ";;;,,,",
        ]);
      if (set === 1)
        headers["accept-encoding"] = pick(random, [
          "gzip;q=abc",
          "br, zstd, deflate, gzip",
          "*;q=0",
          "identity;q=0",
          "gzip;q=0, *;q=0",
          "x-unknown",
          `${"gzip, ".repeat(500)}br`,
        ]);
      if (set === 2)
        headers.origin = pick(random, [
          "null",
          "http://evil.example",
          "file://",
          "http://127.0.0.1:1",
          "x".repeat(5_000),
        ]);
      if (set === 3) headers["if-none-match"] = pick(random, ["*", 'W/""', '"', `${'"x", '.repeat(1_000)}"y"`, "W/"]);
      if (set === 4) headers["x-request-id"] = pick(random, ["x".repeat(129), "../../etc", "%00", "<script>", ""]);
      if (set === 5)
        headers["x-forwarded-for"] = pick(random, [
          "not-an-ip",
          "1.1.1.1, 2.2.2.2, 3.3.3.3",
          "::1",
          `${"1.1.1.1, ".repeat(1_000)}2.2.2.2`,
          "",
        ]);
      if (set === 6) {
        // a body that is not what Content-Encoding says
        headers["content-encoding"] = pick(random, [
          "gzip",
          "deflate",
          "br",
          "gzip, br",
          "identity",
          "x-unknown",
          "compress",
        ]);
        return post(kind, valid, { ...JSON_HEADERS, ...headers });
      }
      if (set === 7)
        headers.range = pick(random, [
          "bytes=0-0",
          "bytes=-1",
          "bytes=999999999-",
          "bytes=5-1",
          "bytes=0-1,2-3,4-5",
          "lines=1-2",
          "bytes=abc",
        ]);
      if (chance(random, 0.5)) return post(kind, valid, { ...JSON_HEADERS, ...headers });
      const path =
        set === 7
          ? pick(random, ["/downloads/", "/downloads/datapackage.json", "/graphql/persisted-operations"])
          : `/graphql?${new URLSearchParams({ query: validQuery().query })}`;
      return { kind, method: "GET", path, headers };
    }
    case "persisted": {
      // Persisted (trusted: exempt from the limits) operations with hostile variables, and bad ids.
      const persisted = harvest?.persisted ?? [];
      if (persisted.length === 0 || chance(random, 0.2)) {
        const hash = pick(random, [123, null, "", "\uD800", "x".repeat(10_000), { a: 1 }, "../".repeat(20)]);
        return post(
          kind,
          toJson({ extensions: { persistedQuery: { version: pick(random, [1, 2, "1", null]), sha256Hash: hash } } }),
        );
      }
      const operation = pick(random, persisted);
      const definitions = parse(operation.document).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []) : [],
      );
      const variables: Record<string, unknown> = {};
      for (const definition of definitions) {
        const type = typeFromAST(schema, definition.type);
        if (type && chance(random, 0.8))
          variables[definition.variable.name.value] = hostileValue(type as GraphQLInputType, random, 0, {
            harvest,
            argument: definition.variable.name.value,
          }).json;
      }
      if (chance(random, 0.5))
        return {
          kind,
          method: "GET",
          path: `/graphql?${new URLSearchParams({ id: operation.id, variables: toJson(variables) })}`,
          headers: {},
        };
      return post(
        kind,
        toJson({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }),
      );
    }
    case "paths": {
      const method = pick(random, ["GET", "GET", "HEAD", "OPTIONS", "POST", "TRACE", "CONNECT", "PROPFIND"]);
      const path = pick(random, [
        "/downloads/%2e%2e%2fpackage.json",
        "/downloads/..%2f..%2f..%2fetc%2fpasswd",
        "/downloads/%00",
        "/downloads/%ED%A0%80",
        "/downloads/%",
        "/downloads/figures.csv%00.json",
        "/downloads/datapackage.json?download=%",
        `/downloads/${"a".repeat(5_000)}`,
        "/downloads//",
        "//graphql",
        "/graphql%00",
        "/GRAPHQL",
        "/graphql/../graphql",
        "/./graphql",
        "/graphql;x",
        "/graphql%2F",
        "/healthz?%",
        "/readyz/../../",
        "/%ED%A0%80",
        "/%FF",
        "/?%",
        "/index.html",
        "/graphql/persisted-operations/%2e%2e",
        "/favicon.ico",
        "/robots.txt",
      ]);
      return {
        kind,
        method,
        path,
        headers: { origin: "http://evil.example" },
        ...(method === "POST" ? { body: "{}" } : {}),
      };
    }
    default: {
      // Raw bytes on the socket: framing the HTTP client would not send.
      const request = pick(random, [
        "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n{}",
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"query":"{ __typename }"}',
        "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"que\r\n0\r\n\r\n',
        "GET /graphql?query=%7B%20__typename%20%7D HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n folded: yes\r\n\r\n",
        "GET /graphql?query=%7B%20__typename%20%7D HTTP/1.1\r\nHost: x\r\nAccept: \u00ff\u00fe\r\n\r\n",
        "GET /graphql?query={ __typename } HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://evil.example/graphql?query=%7B%20__typename%20%7D HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /graphql HTTP/1.0\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /graphql?query=%7B%20__typename%20%7D HTTP/1.1\r\n\r\n",
        `GET /graphql?query=%7B%20__typename%20%7D HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 200 }, (_, i) => `X-H${i}: ${i}`).join("\r\n")}\r\n\r\n`,
      ]);
      return { kind, method: request.split(" ")[0]!, path: request.split(" ")[1] ?? "", headers: {}, raw: request };
    }
  }
}
