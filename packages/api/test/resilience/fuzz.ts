/**
 * Request generators for the fuzzing test: random schema-valid queries built from the printed
 * schema (random depth, arguments at and beyond their bounds), and hostile HTTP requests
 * (malformed JSON, wrong content types, huge bodies, invalid UTF-8, unknown operations …).
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";
import { prng } from "../../../../bench/prng.js";

export type Random = () => number;

/** Seeded (mulberry32, shared with the benchmarks), so a failing run can be replayed with the same seed. */
export function seeded(seed: number): Random {
  return prng(seed);
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;

const INTS = [-2147483648, -1, 0, 1, 2, 5, 20, 99, 100, 101, 1000, 2147483647];
const FLOATS = [0, -1.5, 3.14, 1e-9, 1e308, -1e308, 20_400_000];
const STRINGS = ["", "fentanyl", "fake pills", "x".repeat(300), "💊 Snapchat", "\u0000", "' OR 1=1 --", "*", 'NEAR(a b)', "pills_seized", "ÄÖÜ ñ"];
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
function inputValue(type: GraphQLInputType, random: Random, depth: number): { literal: string; json: unknown } {
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

interface Built {
  query: string;
  variables: Record<string, unknown>;
}

/** A random query against `schema`: random fields, arguments and depth (sometimes beyond the limit). */
export function randomQuery(schema: GraphQLSchema, random: Random): Built {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const maxDepth = 1 + Math.floor(random() * 13);
  let aliasCount = 0;

  const args = (field: GraphQLField<unknown, unknown>): string => {
    const chosen = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type) || chance(random, 0.4));
    if (chosen.length === 0) return "";
    const parts = chosen.map((arg) => {
      const value = inputValue(arg.type, random, 0);
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
  const header = definitions.length > 0 ? `query Fuzz(${definitions.join(", ")}) ` : chance(random, 0.5) ? "query Fuzz " : "";
  return { query: `${header}${body}`, variables };
}

/** A hostile HTTP request: what it is, and how to send it. */
export interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

const GARBAGE = ["{", "}", "[]", "null", '{"query": 1}', '{"query": "{", "variables": "x"}', '{"query": "{ dataset { version } }", "variables": []}', "\u0000\u0001", "query=1"];

export function hostileRequest(random: Random, validQuery: () => Built): HostileRequest {
  const json = { "content-type": "application/json" };
  const kind = pick(random, ["malformed-json", "content-type", "huge-body", "invalid-utf8", "unknown-operation", "get-garbage", "method-path", "accept", "batch"]);
  switch (kind) {
    case "malformed-json": {
      const good = JSON.stringify(validQuery());
      const body = chance(random, 0.5) ? good.slice(0, Math.floor(random() * good.length)) : pick(random, GARBAGE);
      return { kind, method: "POST", path: "/graphql", headers: json, body };
    }
    case "content-type": {
      const type = pick(random, ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/graphql", "", "application/json; charset=latin1"]);
      const body = chance(random, 0.5) ? JSON.stringify(validQuery()) : "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--x--";
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
      if (chance(random, 0.5)) return { kind, method: "POST", path: "/graphql", headers: json, body: Buffer.concat([prefix, bad, suffix]) };
      return { kind, method: "GET", path: `/graphql?query=%7B%20search(query%3A%20%22%FF%FE%C3%28%22)%20%7B%20totalCount%20%7D%20%7D`, headers: {} };
    }
    case "unknown-operation": {
      const built = validQuery();
      if (chance(random, 0.5)) {
        return { kind, method: "POST", path: "/graphql", headers: json, body: JSON.stringify({ ...built, operationName: "NoSuchOperation" }) };
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
      return { kind, method: "GET", path: `/graphql?${params}`, headers: { accept: "application/graphql-response+json" } };
    }
    case "method-path": {
      const method = pick(random, ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET", "POST"]);
      const path = pick(random, ["/", "/graphql", "/graphql/", "/nope", "/healthz", "/readyz", "/graphql/persisted-operations", "/downloads/", "/downloads/nope.csv", "/%2e%2e/%2e%2e/etc/passwd", "/graphql?x=%"]);
      return { kind, method, path, headers: { origin: "http://evil.example" }, ...(method === "GET" || method === "HEAD" ? {} : { body: "{}" }) };
    }
    case "accept": {
      const accept = pick(random, ["text/event-stream", "multipart/mixed", "text/html", "application/xml", "*/*", "application/graphql-response+json;q=0", ""]);
      const built = validQuery();
      return { kind, method: "POST", path: "/graphql", headers: { ...json, ...(accept ? { accept } : {}) }, body: JSON.stringify(built) };
    }
    default: {
      const batch = Array.from({ length: 5 }, () => validQuery());
      return { kind: "batch", method: "POST", path: "/graphql", headers: json, body: JSON.stringify(batch) };
    }
  }
}
