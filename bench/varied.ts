/**
 * P2v's varied stream: many distinct `figures` queries of the kind a client sends (filters,
 * orders, pages, nested selections), generated deterministically from the real dataset, so that
 * the uncached API is measured on more than the one representative query of P2.
 *
 * - The vocabulary (metric keys, documents, places, claims, units, values, periods) is read from
 *   the built database. Each query is built around one real figure: every filter condition it
 *   gets holds for that figure, so no query is an empty result by construction of its filter.
 * - Orders are 0 to 2 keys of FigureOrderField, in either direction (or the default direction).
 * - Pages: mostly from the start (`first`), some after a real cursor, a few `last`/`before`. The
 *   cursors are asked of the API itself (one query per filter and order that needs one), since
 *   they are opaque; a cursor is taken from inside the list, so the page after it is not empty.
 * - Selections: a subset of the figure's scalar fields and of its nested records, with or
 *   without totalCount, pageInfo and edge cursors.
 * - About half the queries carry their arguments as literals, the other half as variables (as
 *   an SDK sends them): the same few documents with different variables.
 *
 * Everything depends only on the seed, the database and the cursors the API hands out.
 */
import Database from "better-sqlite3";
import { prng } from "./prng.js";

/** An enum value, printed bare in a GraphQL literal and as a string in variables. */
class EnumValue {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}
const enumValue = (name: string) => new EnumValue(name);

type Value = string | number | boolean | EnumValue | Value[] | { [key: string]: Value };

/** A value as a GraphQL literal: `{ metric: { eq: "pills_seized" } }`, `[{ field: VALUE }]`. */
export function graphqlLiteral(value: Value): string {
  if (value instanceof EnumValue) return value.name;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a GraphQL number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(graphqlLiteral).join(", ")}]`;
  return `{ ${Object.entries(value)
    .map(([key, entry]) => `${key}: ${graphqlLiteral(entry)}`)
    .join(", ")} }`;
}

export const FIGURE_ORDER_FIELDS = [
  "DOCUMENT_POSITION",
  "NORMALIZED_VALUE",
  "VALUE",
  "PERIOD_START",
  "PERIOD_END",
  "METRIC",
  "LABEL",
  "SLUG",
] as const;

interface FigureRow {
  id: string;
  documentId: string;
  metricKey: string;
  placeId: string | null;
  qualifier: string;
  /** Null for VAGUE figures, whose words state no number. */
  value: number | null;
  normalizedValue: number | null;
  normalizedUnit: string;
  unitKey: string;
  periodStart: string | null;
  periodEnd: string | null;
  periodPrecision: string;
  periodInferred: number;
  claimId: string | null;
  label: string;
}

interface Vocabulary {
  figures: FigureRow[];
  metrics: string[];
  documents: string[];
  qualifiers: string[];
  claims: string[];
  placeParent: Map<string, string | null>;
}

function readVocabulary(databasePath: string): Vocabulary {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const column = (sql: string) => (db.prepare(sql).all() as { v: string }[]).map((row) => row.v);
    const figures = db
      .prepare(
        `SELECT "id", "documentId", "metricKey", "placeId", "qualifier", "value", "normalizedValue", "normalizedUnit", "unitKey",
          "periodStart", "periodEnd", "periodPrecision", "periodInferred", "claimId", "label" FROM "Figure" ORDER BY "id"`,
      )
      .all() as FigureRow[];
    if (figures.length === 0) throw new Error(`${databasePath} holds no figures`);
    const places = db.prepare(`SELECT "id", "parentId" FROM "Place" ORDER BY "id"`).all() as {
      id: string;
      parentId: string | null;
    }[];
    return {
      figures,
      metrics: column(`SELECT "key" AS v FROM "Metric" ORDER BY "key"`),
      documents: column(`SELECT "id" AS v FROM "Document" ORDER BY "id"`),
      qualifiers: ["APPROXIMATE", "AT_LEAST", "EXACT", "MORE_THAN", "RANGE", "UP_TO"],
      claims: column(`SELECT "id" AS v FROM "Claim" ORDER BY "id"`),
      placeParent: new Map(places.map((place) => [place.id, place.parentId])),
    };
  } finally {
    db.close();
  }
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** `count` distinct items, in a random order. */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}
const chance = (random: Random, p: number) => random() < p;

/** One condition of FigureFilter that holds for `figure` (or undefined when it has no such value). */
const CONDITIONS: ((random: Random, figure: FigureRow, vocabulary: Vocabulary) => [string, Value] | undefined)[] = [
  (random, f, v) => {
    const choice = random();
    if (choice < 0.5) return ["metric", { eq: f.metricKey }];
    if (choice < 0.8)
      return [
        "metric",
        {
          in: sample(
            random,
            [
              f.metricKey,
              ...sample(
                random,
                v.metrics.filter((m) => m !== f.metricKey),
                3,
              ),
            ],
            4,
          ),
        },
      ];
    return ["metric", { startsWith: f.metricKey.slice(0, 3 + Math.floor(random() * 4)) }];
  },
  (random, f, v) => [
    "document",
    chance(random, 0.7)
      ? [f.documentId]
      : sample(random, [f.documentId, pick(random, v.documents)], 2).filter((d, i, all) => all.indexOf(d) === i),
  ],
  (random, f, v) => {
    if (f.placeId === null) return undefined;
    if (chance(random, 0.4)) return ["place", { ids: [f.placeId], includeDescendants: false }];
    const ancestors: string[] = [];
    for (let place: string | null | undefined = f.placeId; place; place = v.placeParent.get(place))
      ancestors.push(place);
    return ["place", { ids: [pick(random, ancestors)] }];
  },
  (random, f, v) => [
    "qualifier",
    chance(random, 0.6)
      ? [enumValue(f.qualifier)]
      : [...new Set([f.qualifier, pick(random, v.qualifiers)])].map(enumValue),
  ],
  (random, f) => {
    if (f.value === null || f.normalizedValue === null) return undefined; // a VAGUE figure has no value
    const choice = random();
    if (choice < 0.3) return ["value", { gte: f.value }];
    if (choice < 0.6) return ["value", { lte: f.value }];
    if (choice < 0.8) return ["value", { gt: f.value - 1, lt: f.value + 1 }];
    if (chance(random, 0.5)) return ["normalizedValue", { gte: f.normalizedValue }];
    return ["normalizedValue", { lte: f.normalizedValue }];
  },
  (random, f) => {
    if (f.periodStart === null || f.periodEnd === null) {
      if (chance(random, 0.5)) return ["period", { known: false }];
      return ["period", { precision: [enumValue(f.periodPrecision)] }];
    }
    const choice = random();
    const years = { start: f.periodStart.slice(0, 4), end: f.periodEnd.slice(0, 4) };
    if (choice < 0.35) return ["period", { overlaps: years }];
    if (choice < 0.6) return ["period", { within: years }];
    if (choice < 0.75)
      return ["period", { within: { start: f.periodStart.slice(0, 7), end: f.periodEnd.slice(0, 7) } }];
    if (choice < 0.85) return ["period", { overlaps: { start: f.periodStart.slice(0, 4) } }];
    return ["period", { known: true, inferred: f.periodInferred === 1 }];
  },
  (random, f) => {
    if (f.claimId !== null && chance(random, 0.4)) return ["claim", [f.claimId]];
    return ["hasClaim", f.claimId !== null];
  },
  (random, f) => (chance(random, 0.5) ? ["unit", { eq: f.unitKey }] : ["normalizedUnit", { eq: f.normalizedUnit }]),
  (random, f) => {
    const words = f.label.split(/\s+/).filter((word) => /^[A-Za-z]{4,}$/.test(word));
    return words.length === 0 ? undefined : ["label", { contains: pick(random, words).toLowerCase() }];
  },
];

const SCALARS = [
  "slug",
  "label",
  "value",
  "unit",
  "statedText",
  "qualifier",
  "unitKey",
  "valueHigh",
  "scale",
  "periodText",
  "note",
];
const NESTED: string[][] = [
  ["metric { key name }", "metric { key }", "metric { key name canonicalUnit additive }"],
  ["place { slug name }", "place { slug }", "place { slug name kind }"],
  [
    "evidence { text start end document { slug title outletName } }",
    "evidence { text start end }",
    "evidence { slug text document { slug } }",
  ],
  ["normalized { value unit }", "normalized { value valueHigh unit }"],
  ["period { start end }", "period { start end text precision }"],
  ["unitDefinition { key }", "unitDefinition { key name factor }"],
  ["claim { slug }", "claim { slug title status }"],
  ["citation { short }"],
  ["document { slug title }", "document { slug outletName published { text } }"],
];

interface Spec {
  filter: Record<string, Value>;
  orderBy: { field: EnumValue; direction?: EnumValue }[];
  size: number;
  /** Where the page starts: from the start, after a cursor, or the last `size` before a cursor. */
  page: { kind: "start" } | { kind: "after" | "before"; at: number };
  selection: string;
  asVariables: boolean;
}

function generateSpec(random: Random, vocabulary: Vocabulary): Spec {
  const figure = pick(random, vocabulary.figures);
  const filter: Record<string, Value> = {};
  const conditionCount = pick(random, [0, 1, 1, 1, 2, 2, 3]);
  for (const condition of sample(random, CONDITIONS, conditionCount)) {
    const entry = condition(random, figure, vocabulary);
    if (entry) filter[entry[0]] = entry[1];
  }
  const orderBy = sample(random, FIGURE_ORDER_FIELDS, pick(random, [0, 0, 1, 1, 1, 2])).map((field) => {
    const direction = pick(random, [undefined, "ASC", "DESC", "DESC"]);
    return direction === undefined
      ? { field: enumValue(field) }
      : { field: enumValue(field), direction: enumValue(direction) };
  });
  const size = pick(random, [5, 10, 10, 20, 20, 20, 20, 25, 50]);
  const pageChoice = random();
  const page: Spec["page"] =
    pageChoice < 0.25
      ? { kind: "after", at: random() }
      : pageChoice < 0.33
        ? { kind: "before", at: random() }
        : { kind: "start" };

  const scalars = sample(random, SCALARS, 1 + Math.floor(random() * 6));
  const nested = NESTED.filter(() => chance(random, 0.45)).map((variants) => pick(random, variants));
  const node = [...scalars, ...nested].join(" ");
  const parts = [`edges { ${chance(random, 0.3) ? "cursor " : ""}node { ${node} } }`];
  if (chance(random, 0.6)) parts.unshift("totalCount");
  if (chance(random, 0.6))
    parts.push(
      pick(random, [
        "pageInfo { hasNextPage endCursor }",
        "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }",
      ]),
    );
  return { filter, orderBy, size, page, selection: parts.join("\n    "), asVariables: chance(random, 0.5) };
}

/** The key under which a spec's cursors are fetched: its filter and order. */
const listKey = (spec: Spec) => JSON.stringify([spec.filter, spec.orderBy]);

function render(spec: Spec, cursor: string | undefined): string {
  const args: [string, string, Value | undefined][] = [
    ["filter", "FigureFilter", Object.keys(spec.filter).length > 0 ? spec.filter : undefined],
    ["orderBy", "[FigureOrder!]", spec.orderBy.length > 0 ? spec.orderBy : undefined],
    [spec.page.kind === "before" ? "last" : "first", "Int", spec.size],
    [spec.page.kind === "before" ? "before" : "after", "String", cursor],
  ];
  const present = args.filter((arg): arg is [string, string, Value] => arg[2] !== undefined);
  const call = present
    .map(([name, , value]) => `${name}: ${spec.asVariables ? `$${name}` : graphqlLiteral(value)}`)
    .join(", ");
  const declared = spec.asVariables ? `(${present.map(([name, type]) => `$${name}: ${type}`).join(", ")})` : "";
  const query = `query Varied${declared} {\n  figures(${call}) {\n    ${spec.selection}\n  }\n}`;
  return JSON.stringify(
    spec.asVariables
      ? { query, variables: Object.fromEntries(present.map(([name, , value]) => [name, value])) }
      : { query },
  );
}

/** POSTs a GraphQL request body and returns the HTTP status and the response body. */
export type Poster = (body: string) => Promise<{ status: number; text: string }>;

/** Runs `task` on every item, at most `concurrency` at a time, in order of the items. */
async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

const CURSORS_QUERY = `query Cursors($filter: FigureFilter, $orderBy: [FigureOrder!]) {
  figures(filter: $filter, orderBy: $orderBy, first: 100) { edges { cursor } }
}`;

export interface VariedQueries {
  bodies: string[];
  /** Requests generated (before duplicates were dropped). */
  generated: number;
  withVariables: number;
  paged: number;
}

/**
 * Generates `count` query specs from the database's vocabulary (deterministically from `seed`),
 * asks the API for the cursors the paged ones need, and returns the distinct request bodies.
 */
export async function variedQueries(options: {
  databasePath: string;
  post: Poster;
  count: number;
  seed?: number;
}): Promise<VariedQueries> {
  const vocabulary = readVocabulary(options.databasePath);
  const random = prng(options.seed ?? 20261202);
  const specs = Array.from({ length: options.count }, () => generateSpec(random, vocabulary));

  const cursors = new Map<string, string[]>();
  const lists = [
    ...new Map(specs.filter((spec) => spec.page.kind !== "start").map((spec) => [listKey(spec), spec])).values(),
  ];
  await forEachLimited(lists, 4, async (spec) => {
    const { status, text } = await options.post(
      JSON.stringify({ query: CURSORS_QUERY, variables: { filter: spec.filter, orderBy: spec.orderBy } }),
    );
    const answer = JSON.parse(text) as { data?: { figures?: { edges: { cursor: string }[] } }; errors?: unknown };
    if (status !== 200 || answer.errors || !answer.data?.figures)
      throw new Error(
        `P2v: asking for cursors failed (${status}): ${text.slice(0, 500)}\nvariables: ${JSON.stringify({ filter: spec.filter, orderBy: spec.orderBy })}`,
      );
    cursors.set(
      listKey(spec),
      answer.data.figures.edges.map((edge) => edge.cursor),
    );
  });

  const bodies = new Set<string>();
  let withVariables = 0;
  let paged = 0;
  for (const spec of specs) {
    let cursor: string | undefined;
    if (spec.page.kind !== "start") {
      const list = cursors.get(listKey(spec))!;
      // After: any cursor but the last (the page after it has records); before: any but the first.
      if (list.length >= 2)
        cursor =
          spec.page.kind === "after"
            ? list[Math.floor(spec.page.at * (list.length - 1))]
            : list[1 + Math.floor(spec.page.at * (list.length - 1))];
      else spec.page = { kind: "start" };
    }
    const body = render(spec, cursor);
    if (bodies.has(body)) continue;
    bodies.add(body);
    if (spec.asVariables) withVariables += 1;
    if (cursor !== undefined) paged += 1;
  }
  return { bodies: [...bodies], generated: specs.length, withVariables, paged };
}

export interface VerifiedQueries {
  /** Queries whose page came back empty (possible only for `last`/`before` edge cases). */
  empty: number;
  meanEdges: number;
  meanResponseBytes: number;
  /** Mean time to an answer while checking (4 at a time), for literal arguments and variables: a hint, not a measure. */
  meanMsLiterals: number;
  meanMsVariables: number;
}

/**
 * Sends every body once and throws, naming the query, unless each is answered 200 with data and
 * no errors.
 */
export async function verifyQueries(bodies: readonly string[], post: Poster): Promise<VerifiedQueries> {
  let empty = 0;
  let edges = 0;
  let bytes = 0;
  const ms = { literals: { total: 0, count: 0 }, variables: { total: 0, count: 0 } };
  await forEachLimited(bodies, 4, async (body, index) => {
    const started = performance.now();
    const { status, text } = await post(body);
    const kind = ms[(JSON.parse(body) as { variables?: unknown }).variables === undefined ? "literals" : "variables"];
    kind.total += performance.now() - started;
    kind.count += 1;
    let answer:
      | { data?: { figures?: { edges?: unknown[] } | null } | null; errors?: { message?: string }[] }
      | undefined;
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      answer = undefined;
    }
    if (status !== 200 || !answer || answer.errors || !answer.data?.figures?.edges) {
      const why = answer?.errors ? answer.errors.map((error) => error.message).join("; ") : text.slice(0, 500);
      throw new Error(`P2v: varied query #${index} failed (HTTP ${status}): ${why}\nrequest body: ${body}`);
    }
    const count = answer.data.figures.edges.length;
    if (count === 0) empty += 1;
    edges += count;
    bytes += Buffer.byteLength(text);
  });
  return {
    empty,
    meanEdges: edges / bodies.length,
    meanResponseBytes: bytes / bodies.length,
    meanMsLiterals: ms.literals.total / ms.literals.count,
    meanMsVariables: ms.variables.total / ms.variables.count,
  };
}
