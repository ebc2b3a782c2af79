/**
 * The cost that armor accepts bounds the work a request causes, and the work budget (records and
 * response bytes) bounds what the cost cannot foresee: the most expensive request shapes the
 * schema allows under the limits are each refused with a clear message or complete within a
 * stated heap and work budget; duplicate ids are loaded once; aggregates are refused before they
 * load.
 */
import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../src/config.js";
import { createContext } from "../src/context.js";
import { encodeGlobalId as toGlobalId } from "../src/global-id.js";
import { useLimits } from "../src/plugins/limits.js";
import { schema } from "../src/schema/index.js";
import { RESPONSE_TOO_LARGE } from "../src/work-budget.js";
import { production } from "../src/yoga.js";
import { countStatements, data } from "./helpers.js";
import { startServer } from "./support/server-process.js";

const limits = DEFAULT_LIMITS;

/** Heap growth any allowed request may cause, and a generous safety net on its time (not a benchmark). */
const HEAP_BUDGET_BYTES = 128 * 1024 * 1024;
const TIME_BUDGET_MS = 15_000;

interface Outcome {
  status: number;
  code?: string;
  message?: string;
  bytes: number;
  records?: number;
  cost?: number;
  heapGrowth: number;
  ms: number;
}

/** Runs one request through a Yoga app with the production limits, measuring peak heap and time. */
async function measure(
  query: string,
  variables: Record<string, unknown> = {},
  overrides: Partial<typeof limits> = {},
): Promise<Outcome> {
  const config = { ...limits, ...overrides };
  const app = createYoga({
    schema,
    context: () => createContext(config),
    plugins: [useLimits(config, production.persisted)],
    maskedErrors: false,
  });
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 1);
  const started = performance.now();
  try {
    const response = await app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const body = JSON.parse(text) as {
      errors?: { message: string; extensions?: { code?: string } }[];
      extensions?: { cost?: number; records?: number };
    };
    return {
      status: response.status,
      code: body.errors?.[0]?.extensions?.code,
      message: body.errors?.[0]?.message,
      bytes: Buffer.byteLength(text),
      records: body.extensions?.records,
      cost: body.extensions?.cost,
      heapGrowth: peak - before,
      ms: performance.now() - started,
    };
  } finally {
    clearInterval(sampler);
  }
}

const ATTACK_SELECTION =
  "... on Document { title figures(first: 20) { edges { node { label statedText evidence { text start end document { title summary } } citation { long } } } } }";

describe("the attack of issue 9: aliases × nodes(ids:) with one id 100 times", () => {
  const ids = Array(100).fill(toGlobalId("Document", "latin-post"));
  const aliased = (n: number) =>
    `query ($ids: [ID!]!) { ${Array.from({ length: n }, (_, i) => `a${i}: nodes(ids: $ids) { ${ATTACK_SELECTION} }`).join(" ")} }`;

  it("fifteen aliases: refused with RESPONSE_TOO_LARGE before the result is built", async () => {
    const outcome = await measure(aliased(15), { ids });
    console.log(
      `15 aliases × 100 ids: ${outcome.status} ${outcome.code}, ${outcome.bytes} B, heap +${(outcome.heapGrowth / 2 ** 20).toFixed(1)} MiB, ${outcome.ms.toFixed(0)} ms`,
    );
    expect(outcome.status).toBe(400);
    expect(outcome.code).toBe(RESPONSE_TOO_LARGE);
    expect(outcome.message).toMatch(new RegExp(`^Record limit of ${limits.records} exceeded: .*Ask for less`));
    // Resolvers already running when the budget is spent finish their page: the overshoot is at
    // most what was in flight, never the whole request (which would be about 210 000 records).
    expect(outcome.records).toBeLessThan(limits.records * 1.5);
    expect(outcome.bytes).toBeLessThan(2_000); // one error, no partial data
    expect(outcome.heapGrowth).toBeLessThan(HEAP_BUDGET_BYTES);
  });

  it("one alias: the cost counts every id, and the repeated id is loaded once", async () => {
    const one = aliased(1);
    const single = await measure(one, { ids: ids.slice(0, 1) });
    const hundred = await measure(one, { ids });
    expect(single.status).toBe(200);
    expect(hundred.cost).toBe(100 * single.cost!);
    // Distinct documents per count: the response cache must not answer the second one.
    const statements = async (count: number, id: string) =>
      countStatements(() => data(one, { ids: Array(count).fill(id) }));
    await statements(1, toGlobalId("Document", "north-texas-cartels")); // loads the dataset version once
    // At most as many (rows read once are kept for the process: a later request may need fewer).
    expect(await statements(40, toGlobalId("Document", "latin-post"))).toBeLessThanOrEqual(
      await statements(1, toGlobalId("Document", "american-security-today")),
    );
  });
});

describe("aggregates over every matching figure", () => {
  it("figureStats is refused before it loads more figures than the record budget", async () => {
    const query = "{ figureStats(groupBy: METRIC) { figureCount } }";
    const allowed = await measure(query, {}, { records: 1000 });
    expect(allowed.status).toBe(200);
    let loads = 0;
    const refused = await countStatements(async () => {
      const outcome = await measure(query, {}, { records: 10 });
      expect(outcome.code).toBe(RESPONSE_TOO_LARGE);
      expect(outcome.message).toMatch(/^Record limit of 10 exceeded/);
      loads += 1;
    });
    // The count ran; the figures were never loaded (a load is one more statement per relation).
    expect(loads).toBe(1);
    expect(refused).toBe(1);
  });

  it("a response over the byte budget is refused with RESPONSE_TOO_LARGE naming the limit", async () => {
    const outcome = await measure(
      "{ figures(first: 100) { edges { node { label evidence { text } } } } }",
      {},
      { responseBytes: 4096 },
    );
    expect(outcome.code).toBe(RESPONSE_TOO_LARGE);
    expect(outcome.message).toMatch(/^Response size limit of 4096 bytes exceeded/);
    expect(outcome.bytes).toBeLessThan(2_000);
  });
});

// ---------------------------------------------------------------------------------------------
// The most expensive shapes the schema allows under the limits.

/** Connection fields of a type (they take `first`), with the node type of their edges. */
function connections(type: GraphQLObjectType): { field: GraphQLField<unknown, unknown>; node: GraphQLObjectType }[] {
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (!isObjectType(named) || !named.name.endsWith("Connection")) return [];
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return [];
    const node = getNamedType(named.getFields().edges!.type) as GraphQLObjectType;
    return [{ field, node: getNamedType(node.getFields().node!.type) as GraphQLObjectType }];
  });
}

/** Every scalar field of a type that needs no argument: the widest leaf selection. */
function scalars(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)) && !field.args.some((arg) => isNonNullType(arg.type)))
    .map((field) => field.name)
    .join(" ");
}

interface Shape {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Shapes: a root that fans out (a root connection with first: 100, or nodes(ids:) with 100 ids of
 * one type), then a chain of up to two nested connections with first: 100, each node with all its
 * scalar fields, repeated in as many aliases as the alias and token limits allow.
 */
function shapes(idsByType: Map<string, string[]>): Shape[] {
  const query = schema.getQueryType()!;
  const found: Shape[] = [];
  const chains = (type: GraphQLObjectType, length: number): { selection: string; path: string }[] => {
    const own = { selection: scalars(type), path: type.name };
    if (length === 0) return [own];
    const nested = connections(type).flatMap(({ field, node }) =>
      chains(node, length - 1).map((inner) => ({
        selection: `${scalars(type)} ${field.name}(first: 100) { edges { node { ${inner.selection} } } }`,
        path: `${type.name}.${field.name} → ${inner.path}`,
      })),
    );
    return [own, ...nested];
  };
  const wrap = (
    name: string,
    head: string,
    selection: string,
    variables: Record<string, unknown>,
    declaration = "",
  ) => {
    // As many aliases as fit in the token limit (about one token per word or punctuator).
    const tokensPerCopy = `a: ${head} { ${selection} }`.split(/[\s(){}:,!$[\]]+/).length * 2;
    const copies = Math.max(1, Math.min(limits.aliases, Math.floor((limits.tokens - 20) / tokensPerCopy)));
    const body = Array.from({ length: copies }, (_, i) => `a${i}: ${head} { ${selection} }`).join(" ");
    found.push({ name: `${copies} × ${name}`, query: `query ${declaration} { ${body} }`, variables });
  };
  for (const { field, node } of connections(query)) {
    for (const chain of chains(node, 2)) {
      wrap(
        `${field.name}(first: 100) → ${chain.path}`,
        `${field.name}(first: 100)`,
        `edges { node { ${chain.selection} } }`,
        {},
      );
    }
  }
  for (const [typeName, ids] of idsByType) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const chain of chains(type, 2)) {
      const many = Array.from({ length: 100 }, (_, i) => ids[i % ids.length]!);
      wrap(
        `nodes(100 × ${typeName}) → ${chain.path}`,
        "nodes(ids: $ids)",
        `... on ${typeName} { ${chain.selection} }`,
        { ids: many },
        "($ids: [ID!]!)",
      );
    }
  }
  return found;
}

describe("the most expensive request shapes the schema allows", () => {
  it("are each refused with a clear message, or complete within the heap and work budgets", {
    timeout: 240_000,
  }, async () => {
    // The ids of every record of every node type (the records with the most relations included).
    const idsByType = new Map<string, string[]>();
    for (const { field, node } of connections(schema.getQueryType()!)) {
      if (!node.getInterfaces().some((i) => i.name === "Node")) continue;
      // A document per list field of the schema, built at run time: its shape is the one written here.
      const result = (await data(`{ list: ${field.name}(first: 100) { edges { node { id } } } }`)) as {
        list: { edges: { node: { id: string } }[] };
      };
      idsByType.set(
        node.name,
        result.list.edges.map((edge) => edge.node.id),
      );
    }
    const all = shapes(idsByType);
    expect(all.length).toBeGreaterThan(100);
    const tally: Record<string, number> = {};
    let worst: (Outcome & { name: string }) | undefined;
    for (const shape of all) {
      const outcome = await measure(shape.query, shape.variables);
      const kind = outcome.status === 200 && !outcome.code ? "completed" : `refused ${outcome.code}`;
      tally[kind] = (tally[kind] ?? 0) + 1;
      if (outcome.code) {
        expect(["QUERY_LIMIT_EXCEEDED", RESPONSE_TOO_LARGE], `${shape.name}: ${outcome.message}`).toContain(
          outcome.code,
        );
        expect(outcome.message, shape.name).toMatch(/limit of \d+( bytes)? exceeded/);
        expect(outcome.status, shape.name).toBe(400);
      } else {
        expect(outcome.status, shape.name).toBe(200);
      }
      expect(outcome.bytes, shape.name).toBeLessThanOrEqual(limits.responseBytes * 1.2);
      expect(outcome.heapGrowth, shape.name).toBeLessThan(HEAP_BUDGET_BYTES);
      expect(outcome.ms, shape.name).toBeLessThan(TIME_BUDGET_MS);
      if (!worst || outcome.heapGrowth > worst.heapGrowth) worst = { ...outcome, name: shape.name };
    }
    console.log(
      `${all.length} shapes: ${Object.entries(tally)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(", ")}; ` +
        `worst heap: ${worst!.name} → ${worst!.status} ${worst!.code ?? "ok"}, heap +${(worst!.heapGrowth / 2 ** 20).toFixed(1)} MiB, ${worst!.ms.toFixed(0)} ms, ${worst!.bytes} B`,
    );
  });
});

describe("a real server under the attack", () => {
  it("keeps every worker alive under --workers 2", { timeout: 120_000 }, async () => {
    const server = await startServer(
      { DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!, RATE_LIMIT_ENABLED: "false", LOG_LEVEL: "info" },
      ["--workers", "2"],
    );
    try {
      const ids = Array(100).fill(toGlobalId("Document", "latin-post"));
      const attack = `query ($ids: [ID!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: nodes(ids: $ids) { ${ATTACK_SELECTION} }`).join(" ")} }`;
      const post = (query: string, variables: Record<string, unknown> = {}) =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        });
      const codes = await Promise.all(
        Array.from({ length: 8 }, () =>
          post(attack, { ids }).then(
            async (r) =>
              ((await r.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code,
          ),
        ),
      );
      expect(codes).toEqual(Array(8).fill(RESPONSE_TOO_LARGE));
      for (let i = 0; i < 6; i += 1) expect((await post("{ dataset { version } }")).status).toBe(200);
      expect(server.logs.filter((line) => /worker died|failed to start/.test(String(line.msg)))).toEqual([]);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it("keeps serving other clients while one sends the fifteen-alias request, within its 512 MB heap", {
    timeout: 120_000,
  }, async () => {
    const server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      RATE_LIMIT_ENABLED: "false",
      LOG_LEVEL: "warn",
    });
    try {
      const ids = Array(100).fill(toGlobalId("Document", "latin-post"));
      const attack = `query ($ids: [ID!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: nodes(ids: $ids) { ${ATTACK_SELECTION} }`).join(" ")} }`;
      const post = (query: string, variables: Record<string, unknown> = {}) =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        });
      const rssBefore = server.rss();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          post(attack, { ids }).then((r) => r.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>),
        ),
      );
      for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe(RESPONSE_TOO_LARGE);
      // One root field throws at once while its sibling fails later: the later failure must not
      // become an unhandled rejection (which ends the process).
      const mixed = await post(
        '{ a: figures(filter: { value: { eq: 1, gt: 0 } }) { totalCount } b: figure(id: "fig-none") { id } }',
      );
      expect(((await mixed.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
      await new Promise((done) => setTimeout(done, 200));
      const normal = await post("{ dataset { version } }");
      expect(normal.status).toBe(200);
      const rssAfter = server.rss();
      console.log(
        `server RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB after 8 concurrent attack requests`,
      );
      expect(rssAfter - rssBefore).toBeLessThan(256 * 2 ** 20);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
