/** Query limits: each one accepts a document at its value n and rejects one at n + 1, naming itself. */
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { parse, type ValidationRule, validate } from "graphql";
import { createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../src/config.js";
import { createContext } from "../src/context.js";
import { loadExamples } from "../src/examples.js";
import { COST_WEIGHTS, costView, hideSuggestions, operationCost, useLimits } from "../src/plugins/limits.js";
import { schema } from "../src/schema/index.js";
import { production } from "../src/yoga.js";
import { execute } from "./helpers.js";

const limits = DEFAULT_LIMITS;

/** Expects success (n) or a QUERY_LIMIT_EXCEEDED error naming `limit` (n + 1). */
async function expectAccepted(query: string, variables?: Record<string, unknown>) {
  const result = await execute(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
  return result;
}

async function expectRejected(query: string, limit: string, message: RegExp) {
  const result = await execute(query);
  expect(result.status).toBe(400);
  expect(result.errors).toHaveLength(1);
  const error = result.errors![0]!;
  expect(error.extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit });
  expect(error.message).toMatch(message);
  return error;
}

/** A Yoga app with the production limits except those given, and a runner for it. */
function limitedYoga(overrides: Partial<typeof limits>) {
  const config = { ...limits, ...overrides };
  const app = createYoga({
    schema,
    context: () => createContext(config),
    plugins: [useLimits(config, production.persisted)],
  });
  return {
    async run(query: string, variables?: Record<string, unknown>) {
      const response = await app.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
        extensions?: { cost?: number; records?: number };
      };
      return { status: response.status, ...body };
    },
  };
}

/** `{ figures(first: 1) { edges { node { … } } } }` nested to exactly `depth` levels. */
function queryOfDepth(depth: number): string {
  // figures 1, edges 2, node 3, document 4, figures 5, edges 6, node 7, document 8, figures 9 …
  const levels = ["figures(first: 1)", "edges", "node", "document"];
  let open = "";
  let close = "";
  for (let level = 1; level < depth; level += 1) {
    open += `${levels[(level - 1) % levels.length]} { `;
    close += " }";
  }
  return `{ ${open}__typename${close} }`;
}

/** Armor's own measurements of a document, for comparison. */
function armorMeasure(query: string): Record<string, number> {
  const found: Record<string, number> = {};
  const grab = (key: string) => [
    (_context: unknown, { n }: { n: number }) => {
      found[key] = n;
    },
  ];
  const armor = new EnvelopArmor({
    maxDepth: { n: 1e9, onAccept: grab("depth") },
    costLimit: { maxCost: 1e12, ...COST_WEIGHTS, onAccept: grab("cost") },
    maxAliases: { n: 1e9, onAccept: grab("aliases") },
    maxDirectives: { n: 1e9, onAccept: grab("directives") },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const rules: ValidationRule[] = [];
  for (const plugin of armor.protect().plugins as { onValidate?: (payload: unknown) => void }[]) {
    plugin.onValidate?.({ addValidationRule: (rule: ValidationRule) => rules.push(rule) });
  }
  validate(schema, parse(query), rules);
  return found;
}

describe("query limits (defaults: depth 10, aliases 15, directives 50, tokens 1000, cost 2 000 000, 15 000 characters)", () => {
  it("depth: accepts n, rejects n + 1", async () => {
    expect(armorMeasure(queryOfDepth(limits.depth)).depth).toBe(limits.depth);
    await expectAccepted(queryOfDepth(limits.depth));
    await expectRejected(
      queryOfDepth(limits.depth + 1),
      "depth",
      new RegExp(`^Query depth limit of ${limits.depth} exceeded, found ${limits.depth + 1}\\.$`),
    );
  });

  it("aliases: accepts n, rejects n + 1", async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: dataset { version }`).join(" ")} }`;
    await expectAccepted(aliased(limits.aliases));
    await expectRejected(
      aliased(limits.aliases + 1),
      "aliases",
      new RegExp(`^Aliases limit of ${limits.aliases} exceeded, found ${limits.aliases + 1}\\.$`),
    );
  });

  it("directives: accepts n, rejects n + 1", async () => {
    const directed = (n: number) => `{ ${"__typename @include(if: true) ".repeat(n)}}`;
    await expectAccepted(directed(limits.directives));
    await expectRejected(
      directed(limits.directives + 1),
      "directives",
      new RegExp(`^Directives limit of ${limits.directives} exceeded, found ${limits.directives + 1}\\.$`),
    );
  });

  it("tokens: accepts n, rejects n + 1", async () => {
    // { f0 : figures ( filter : { label : { in : [ …k strings… ] } } ) { totalCount } f1 : … } is 2
    // tokens plus, for each of the ten aliased fields, 20 plus its k strings (text, not ids: an id
    // must name a record, and ten lists of real slugs would pass the character limit first). They
    // are spread over ten lists because a list holds at most 100 values. (Not n repeated fields: graphql-js caps the
    // work of comparing them.)
    const tokens = (n: number) => {
      const strings = n - 2 - 10 * 20;
      const lists = Array.from({ length: 10 }, (_, i) => Math.floor(strings / 10) + (i < strings % 10 ? 1 : 0));
      return `{ ${lists.map((k, i) => `f${i}: figures(filter: { label: { in: [${' "none"'.repeat(k)}] } }) { totalCount }`).join(" ")} }`;
    };
    await expectAccepted(tokens(limits.tokens));
    await expectRejected(
      tokens(limits.tokens + 1),
      "tokens",
      new RegExp(`^Tokens limit of ${limits.tokens} exceeded, found ${limits.tokens + 1}\\.$`),
    );
  });

  it("cost: accepts n, rejects n + 1, and reports the cost in extensions", async () => {
    // With a cost limit of 1000: three figures(first: 100) { totalCount } cost 3 × 100 × (2 + 1)
    // = 900, and each root __typename 1.
    const strict = limitedYoga({ cost: 1000 });
    const costly = (n: number) =>
      `{ ${[1, 2, 3].map((i) => `f${i}: figures(first: 100) { totalCount }`).join(" ")} ${"__typename ".repeat(n - 900)}}`;
    expect(armorMeasure(costly(1000)).cost).toBe(1000);
    const accepted = await strict.run(costly(1000));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.extensions?.cost).toBe(1000);
    const rejected = await strict.run(costly(1001));
    expect(rejected.status).toBe(400);
    expect(rejected.errors?.[0]?.extensions).toMatchObject({
      code: "QUERY_LIMIT_EXCEEDED",
      limit: "cost",
      max: 1000,
      found: 1001,
    });
    expect(rejected.errors?.[0]?.message).toBe("Query cost limit of 1000 exceeded, found 1001.");
  });

  it("document length: accepts n characters, rejects n + 1", async () => {
    const padded = (n: number) => {
      const body = "\n{ __typename }";
      return `#${"x".repeat(n - body.length - 1)}${body}`;
    };
    expect(padded(limits.documentLength)).toHaveLength(limits.documentLength);
    await expectAccepted(padded(limits.documentLength));
    await expectRejected(
      padded(limits.documentLength + 1),
      "documentLength",
      new RegExp(
        `^Document length limit of ${limits.documentLength} characters exceeded, found ${limits.documentLength + 1}\\.$`,
      ),
    );
  });

  it("counts first/last given by variables in the cost, and rejects on them too", async () => {
    const query = "query Pages($n: Int) { figures(first: $n) { totalCount } }";
    const result = await expectAccepted(query, { n: 100 });
    expect((result as { extensions?: { cost?: number } }).extensions?.cost).toBe(300);
    // 15 × 100 × (2 + 2 + 2 + 2 + 100 × 3) = 462 000 with n = 100; 15 × 1 × (8 + 3) = 165 with n = 1.
    const nested = (i: number) =>
      `a${i}: figures(first: $n) { edges { node { document { figures(first: $n) { totalCount } } } } } `;
    const many = `query Many($n: Int) { ${Array.from({ length: 15 }, (_, i) => nested(i)).join("")}}`;
    const strict = limitedYoga({ cost: 100_000 });
    expect((await strict.run(many, { n: 1 })).extensions?.cost).toBe(165);
    const rejected = await strict.run(many, { n: 100 });
    expect(rejected.status).toBe(400);
    expect(rejected.errors?.[0]?.extensions).toMatchObject({
      code: "QUERY_LIMIT_EXCEEDED",
      limit: "cost",
      found: 462_000,
    });
    // Page sizes above 100 are the connection validation's to reject, with its own message.
    const tooLarge = await execute(query, { n: 1000 });
    expect(tooLarge.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("charges a connection asked for without first or last its default page size, and nodes(ids:) each id", () => {
    const cost = (query: string, variables: Record<string, unknown> = {}) =>
      operationCost(schema, costView(schema, parse(query), null, variables)!);
    // 20 (the default page size) × (2 + 1), exactly as with first: 20.
    expect(cost("{ figures { totalCount } }")).toBe(cost("{ figures(first: 20) { totalCount } }"));
    expect(cost("{ figures { totalCount } }")).toBe(60);
    // nodes(ids:) fans out by the number of ids, repeated ones included: each is a result.
    const nodes = "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }";
    expect(cost(nodes, { ids: ["a"] })).toBe(3);
    expect(cost(nodes, { ids: Array(100).fill("a") })).toBe(300);
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(9);
    // Aliases of a heavy field count in full, each one.
    const heavy = "figures(first: 100) { edges { node { label } } }";
    expect(cost(`{ a: ${heavy} b: ${heavy} }`)).toBe(2 * cost(`{ ${heavy} }`));
  });

  it("keeps every SDK operation and playground example within the cost limit at its largest arguments", () => {
    for (const operation of production.persisted.operations) {
      const document = parse(operation.document);
      const definition = document.definitions.find((d) => d.kind === "OperationDefinition");
      const variables: Record<string, unknown> = {};
      for (const variable of (definition as { variableDefinitions?: { variable: { name: { value: string } } }[] })
        .variableDefinitions ?? []) {
        const name = variable.variable.name.value;
        if (name === "first" || name === "last") variables[name] = 100;
        if (name === "ids") variables[name] = Array(100).fill("x");
      }
      const cost = operationCost(schema, costView(schema, document, null, variables)!);
      expect(cost, `${operation.origin} ${operation.name}`).toBeLessThanOrEqual(limits.cost);
    }
  });

  it("lets every playground example pass on its own (not only as a trusted document)", () => {
    for (const example of loadExamples()) {
      const measured = armorMeasure(example.query);
      expect(measured.depth, example.file).toBeLessThanOrEqual(limits.depth);
      expect(measured.cost, example.file).toBeLessThanOrEqual(limits.cost);
      expect(measured.aliases, example.file).toBeLessThanOrEqual(limits.aliases);
      expect(example.query.length, example.file).toBeLessThanOrEqual(limits.documentLength);
    }
  });

  it("exempts the persisted operations (sent as text) from the static limits, and only them", async () => {
    // A strict app: any real operation is over these limits unless it is trusted.
    const strict = createYoga({
      schema,
      context: () => createContext(),
      plugins: [useLimits({ ...limits, depth: 2, tokens: 20, aliases: 0 }, production.persisted)],
    });
    const run = async (query: string) => {
      const response = await strict.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    };
    const example = production.persisted.operations.find((operation) => operation.origin === "example")!;
    const sdk = production.persisted.operations.find(
      (operation) => operation.origin === "sdk" && !operation.document.includes("!"),
    );
    for (const operation of [example, ...(sdk ? [sdk] : [])]) {
      const trusted = await run(operation.document);
      expect(trusted.errors?.filter((error) => error.extensions?.code === "QUERY_LIMIT_EXCEEDED") ?? []).toEqual([]);
      // The same document with one more field is no longer a persisted operation.
      const edited = operation.document.replace("{", "{ __typename ");
      expect((await run(edited)).errors?.[0]?.extensions?.code).toBe("QUERY_LIMIT_EXCEEDED");
    }
    // Comments and formatting do not matter: the example file as written is trusted too.
    const file = loadExamples()[0]!;
    expect(
      (await run(file.query)).errors?.filter((error) => error.extensions?.code === "QUERY_LIMIT_EXCEEDED") ?? [],
    ).toEqual([]);
  });
});

describe("every refusal names the limit, the measured amount and the allowed amount", () => {
  it("depth counts fields, not fragments: twelve nested inline fragments are depth 1", async () => {
    const result = await expectAccepted(`{ ${"... on Query { ".repeat(12)}__typename ${"} ".repeat(12)}}`);
    expect(result.status).toBe(200);
  });

  it("a 2^40 fragment bomb is refused by its real cost, not a misread one", async () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join(" ");
    const result = await execute(`{ ...F0 } ${fragments} fragment F40 on Query { __typename }`);
    expect(result.status).toBe(400);
    const error = result.errors![0]!;
    expect(error.extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit: "cost", max: limits.cost });
    expect(error.extensions!.found as number).toBeGreaterThan(2 ** 40);
    expect(error.message).toBe(`Query cost limit of ${limits.cost} exceeded, found ${error.extensions!.found}.`);
  });

  it("one field repeated 708 times names graphql-js's validation work limit and the repeated field", async () => {
    const result = await execute(`{ ${"figure ".repeat(708)}}`);
    expect(result.status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: "QUERY_LIMIT_EXCEEDED",
      limit: "validationWork",
      max: 500_000,
      found: 500_556,
    });
    expect(result.errors![0]!.message).toMatch(
      /^Validation work limit of 500000 field comparisons exceeded, found about 500556: the field "figure" is selected 708 times/,
    );
  });

  it("too many validation errors name the error limit after the errors it reported", async () => {
    const result = await execute(`{ ${Array.from({ length: 150 }, (_, i) => `f${i}: nope${i}`).join(" ")} }`);
    expect(result.status).toBe(400);
    const last = result.errors!.at(-1)!;
    expect(last.extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit: "validationErrors", max: 100 });
    expect(last.message).toMatch(
      /^Validation error limit of 100 exceeded: validation stopped after the first 100 errors/,
    );
  });
});

describe("field suggestions", () => {
  it("are removed from every message", () => {
    expect(hideSuggestions('Cannot query field "figurs" on type "Query". Did you mean "figure" or "figures"?')).toBe(
      'Cannot query field "figurs" on type "Query".',
    );
    expect(
      hideSuggestions('Value "EXACTLY" does not exist in "Qualifier" enum. Did you mean the enum value "EXACT"?'),
    ).toBe('Value "EXACTLY" does not exist in "Qualifier" enum.');
  });

  it.each([
    ["a field", "{ figurs { totalCount } }", '"figures"'],
    ["an argument", "{ figures(frist: 1) { totalCount } }", '"first"'],
    ["a type", "query ($f: FigureFiltr) { figures(filter: $f) { totalCount } }", '"FigureFilter"'],
    ["an enum value", "{ figures(filter: { qualifier: [EXACTLY] }) { totalCount } }", '"EXACT"'],
    ["an input field", '{ figures(filter: { metrik: { eq: "x" } }) { totalCount } }', '"metric"'],
  ])("are not leaked for %s", async (_what, query, suggestion) => {
    const result = await execute(query);
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) {
      expect(error.message).not.toContain("Did you mean");
      expect(error.message).not.toContain(suggestion);
    }
  });

  it("are not leaked for an enum value in variables", async () => {
    const result = await execute("query ($q: [Qualifier!]) { figures(filter: { qualifier: $q }) { totalCount } }", {
      q: ["EXACTLY"],
    });
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) expect(error.message).not.toMatch(/Did you mean|"EXACT"/);
  });
});
