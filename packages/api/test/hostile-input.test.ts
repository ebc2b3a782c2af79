/**
 * Hostile input (issue 9, "Safe on the open internet"): every input that used to reach an
 * unexpected (INTERNAL_SERVER_ERROR) error is now a BAD_USER_INPUT naming the argument, checked
 * before execution, at the root and in nested connections.
 */
import { getNamedType, getNullableType, isInputObjectType, isListType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../src/schema/index.js";
import { cursorShapeOf } from "../src/schema/shared/connections.js";
import { yoga } from "../src/yoga.js";
import { data, execute, type GraphQLResponse, graphql } from "./helpers.js";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The errors of a response that must fail with BAD_USER_INPUT naming `argument`, and never an internal error. */
function expectBadInput(result: GraphQLResponse, argument: string) {
  expect(JSON.stringify(result)).not.toContain("INTERNAL_SERVER_ERROR");
  expect(result.errors?.length, JSON.stringify(result)).toBeGreaterThan(0);
  const error = result.errors![0]!;
  expect(error.extensions, JSON.stringify(result.errors)).toMatchObject({ code: "BAD_USER_INPUT", argument });
  return error;
}

/** Real cursors of several connections, to replay into the wrong ones. */
async function realCursors() {
  const result = await data(
    graphql(`{
    figures(first: 1) { pageInfo { endCursor } edges { node { subjects(first: 1) { pageInfo { endCursor } } } } }
    search(query: "fentanyl", first: 1) { pageInfo { endCursor } }
    metrics(first: 1) { pageInfo { endCursor } }
    document(id: "latin-post") {
      authors(first: 1) { pageInfo { endCursor } }
      evidence(first: 1) { pageInfo { endCursor } edges { node { marks(first: 1) { pageInfo { endCursor } } } } }
    }
  }`),
  );
  return {
    figure: result.figures.pageInfo.endCursor as string,
    subject: result.figures.edges[0]!.node.subjects.pageInfo.endCursor as string,
    search: result.search.pageInfo.endCursor as string,
    metric: result.metrics.pageInfo.endCursor as string,
    author: result.document.authors.pageInfo.endCursor as string,
    evidence: result.document.evidence.pageInfo.endCursor as string,
    mark: result.document.evidence.edges[0]!.node.marks.pageInfo.endCursor as string,
  };
}

describe("tampered cursors", () => {
  const FIGURES = `query($after: String) { figures(first: 2, after: $after) { totalCount } }`;
  const SUBJECTS = `query($after: String) { figures(first: 1) { edges { node { subjects(first: 2, after: $after) { totalCount } } } } }`;
  const AUTHORS = `query($before: String) { document(id: "latin-post") { authors(last: 1, before: $before) { totalCount } } }`;
  const SEARCH = `query($after: String) { search(query: "fentanyl", after: $after) { totalCount } }`;

  // Valid base64 of well-formed Pothos cursors of the wrong shape, and of garbage.
  const forged = [
    base64("GPC:N:1"), // an Int key on a String-keyed connection
    base64('GPC:O:{"id":"fig-x"}'),
    base64("GPC:O:null"),
    base64("GPC:Z:"),
    base64("GPC:D:1640000000000"),
    base64("GPC:I:12"),
    base64("GPC:B:AAAA"),
    base64('GPC:T:["S:fig-x"]'),
    base64('GPC:J["fig-x",1]'),
    base64("GPC:J123"),
    base64("OffsetConnection:3"),
    base64("\u0000\u0001garbage"),
    base64('{"id":"fig-x"}'),
  ];

  it.each(forged)("rejects after: %s on figures", async (cursor) => {
    const error = expectBadInput(await execute(FIGURES, { after: cursor }), "after");
    expect(error.message).toMatch(/^Argument "after" is not a valid cursor for FigureConnection/);
  });

  it.each([
    base64("GPC:S:fig-x"), // a String key on the Int-keyed FigureSubject connection
    base64("GPC:N:1.5"),
    base64("GPC:N:1e400"),
    base64("GPC:N:NaN"),
    base64("GPC:N:2147483648"),
    base64('GPC:T:["N:1"]'),
  ])("rejects after: %s on a nested Int-keyed connection", async (cursor) => {
    const error = expectBadInput(await execute(SUBJECTS, { after: cursor }), "after");
    expect(error.message).toContain("FigureSubjectConnection");
    expect(error.extensions).toMatchObject({ field: "subjects" });
  });

  it.each([
    base64("GPC:S:latin-post"), // one value for a two-field key
    base64('GPC:T:["S:latin-post"]'),
    base64('GPC:T:["S:latin-post","S:person-x","S:extra"]'),
    base64('GPC:T:["S:latin-post","N:1"]'),
    base64("GPC:T:{}"),
    base64('GPC:T:[["S:latin-post","S:person-x"]]'),
  ])("rejects before: %s on a compound-keyed connection", async (cursor) => {
    expectBadInput(await execute(AUTHORS, { before: cursor }), "before");
  });

  it.each([
    base64("OffsetConnection:-1"),
    base64("OffsetConnection:NaN"),
    base64("OffsetConnection:99999999999999999999"),
    base64("GPC:S:x"),
  ])("rejects after: %s on the offset-paged search", async (cursor) => {
    expectBadInput(await execute(SEARCH, { after: cursor }), "after");
  });

  it("rejects every real cursor passed to a connection of another kind, at the root and nested", async () => {
    const cursors = await realCursors();
    const wrong: [query: string, argument: string, cursor: string][] = [
      [FIGURES, "after", cursors.subject],
      [FIGURES, "after", cursors.search],
      [FIGURES, "after", cursors.mark],
      [FIGURES, "after", cursors.author],
      [SUBJECTS, "after", cursors.figure],
      [SUBJECTS, "after", cursors.metric],
      [AUTHORS, "before", cursors.figure],
      [AUTHORS, "before", cursors.mark],
      [SEARCH, "after", cursors.figure],
      [SEARCH, "after", cursors.subject],
    ];
    for (const [query, argument, cursor] of wrong) {
      expectBadInput(await execute(query, { [argument]: cursor }), argument);
    }
  });

  it("still accepts the cursors each connection issues (String, Int and compound keys, offsets)", async () => {
    const cursors = await realCursors();
    const accepted: [query: string, variables: Record<string, string>][] = [
      [FIGURES, { after: cursors.figure }],
      [SUBJECTS, { after: cursors.subject }],
      [AUTHORS, { before: cursors.author }],
      [SEARCH, { after: cursors.search }],
      [`query($after: String) { metrics(after: $after) { totalCount } }`, { after: cursors.metric }],
      [
        `query($after: String) { document(id: "latin-post") { evidence(after: $after) { totalCount } } }`,
        { after: cursors.evidence },
      ],
    ];
    for (const [query, variables] of accepted) await data(query, variables);
  });
});

describe("lone UTF-16 surrogates", () => {
  it.each([
    [
      `query($v: String) { figures(filter: { label: { contains: $v } }) { totalCount } }`,
      "filter.label.contains",
      "\ud800",
    ],
    [
      `query($v: String) { claims(filter: { metric: { startsWith: $v } }) { totalCount } }`,
      "filter.metric.startsWith",
      "ab\udfff",
    ],
    [`query($v: ID!) { figure(id: $v) { slug } }`, "id", "fig-\ud83d"],
    [`query($v: ID!) { node(id: $v) { id } }`, "id", "\udc00"],
    [`query($v: String!) { search(query: $v) { totalCount } }`, "query", "fentanyl \ud800"],
    [`query($v: String) { figures(after: $v) { totalCount } }`, "after", "\ud800"],
    [`query($v: ID!) { figures(filter: { place: { ids: [$v] } }) { totalCount } }`, "filter.place.ids[0]", "\ud800"],
    [
      `query($v: [String!]) { figures(filter: { metric: { in: $v } }) { totalCount } }`,
      "filter.metric.in[1]",
      ["arrests", "\ud800x"],
    ],
    [`query($v: [ID!]!) { nodes(ids: $v) { id } }`, "ids[0]", ["\ud800"]],
    [
      `query($v: ID!) { document(id: "latin-post") { figures(filter: { person: [$v] }) { totalCount } } }`,
      "filter.person[0]",
      "\udbff",
    ],
  ])("rejects %s, naming %s", async (query, argument, value) => {
    const error = expectBadInput(await execute(query, { v: value }), argument);
    expect(error.message).toMatch(
      new RegExp(`^Argument "${argument.replace(/[[\]]/g, "\\$&")}" is not valid Unicode text`),
    );
  });

  it("accepts text with paired surrogates (emoji)", async () => {
    const result = await data(graphql(`query($v: String!) { search(query: $v) { totalCount } }`), { v: "💊 fentanyl" });
    expect(result.search.totalCount).toBeGreaterThanOrEqual(0);
  });

  it("answers a lone surrogate written raw in the document as a parse error, not an internal one", async () => {
    const result = await execute(`{ figures(filter: { label: { contains: "\ud800" } }) { totalCount } }`);
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });
});

describe("list arguments: at most 100 values", () => {
  const many = (n: number, make: (i: number) => unknown = (i) => `x-${i}`) =>
    Array.from({ length: n }, (_, i) => make(i));

  it('rejects 1,000 ids with "Argument "filter.id" may list at most 100 values (got 1000)."', async () => {
    const result = await execute(`query($ids: [ID!]) { figures(filter: { id: $ids }) { totalCount } }`, {
      ids: many(1000),
    });
    const error = expectBadInput(result, "filter.id");
    expect(error.message).toBe('Argument "filter.id" may list at most 100 values (got 1000).');
  });

  it.each([
    [`query($v: [String!]) { figures(filter: { label: { in: $v } }) { totalCount } }`, "filter.label.in", many(101)],
    [
      `query($v: [ID!]!) { figures(filter: { substance: { ids: $v } }) { totalCount } }`,
      "filter.substance.ids",
      many(500),
    ],
    [
      `query($v: [Qualifier!]) { figures(filter: { qualifier: $v }) { totalCount } }`,
      "filter.qualifier",
      many(101, () => "EXACT"),
    ],
    [
      `query($v: [FigureOrder!]) { figures(orderBy: $v) { totalCount } }`,
      "orderBy",
      many(101, () => ({ field: "SLUG" })),
    ],
    [
      `query($v: [SearchKind!]) { search(query: "pills", kinds: $v) { totalCount } }`,
      "kinds",
      many(101, () => "FIGURE"),
    ],
    [`query($v: [ID!]!) { nodes(ids: $v) { id } }`, "ids", many(101)],
    [
      `query($v: [ID!]) { document(id: "latin-post") { figures(filter: { statedBy: $v }) { totalCount } } }`,
      "filter.statedBy",
      many(1000),
    ],
    [
      `query($v: [SubjectRole!]) { figures(first: 1) { edges { node { subjects(role: $v) { totalCount } } } } }`,
      "role",
      many(101, () => "ACTOR"),
    ],
  ])("rejects %s, naming %s", async (query, argument, value) => {
    const error = expectBadInput(await execute(query, { v: value }), argument);
    expect(error.message).toMatch(/may list at most 100 values \(got \d+\)\.$/);
  });

  it("checks lists written in the document too", async () => {
    const literal = `[${many(101)
      .map((id) => JSON.stringify(id))
      .join(", ")}]`;
    expectBadInput(await execute(`{ figures(filter: { document: ${literal} }) { totalCount } }`), "filter.document");
  });

  it("accepts exactly 100 values", async () => {
    // Ids must name records (an unknown one is an error): the same figure 100 times is one figure.
    const result = await data(graphql(`query($ids: [ID!]) { figures(filter: { id: $ids }) { totalCount } }`), {
      ids: Array.from({ length: 100 }, () => "fig-lp-surge-pills"),
    });
    expect(result.figures.totalCount).toBe(1);
  });
});

describe("text arguments: at most 200 characters", () => {
  it.each([
    [
      `query($v: String) { figures(filter: { label: { contains: $v } }) { totalCount } }`,
      "filter.label.contains",
      "%".repeat(50_000),
    ],
    [
      `query($v: String) { figures(filter: { metric: { startsWith: $v } }) { totalCount } }`,
      "filter.metric.startsWith",
      "_".repeat(201),
    ],
    [
      `query($v: String) { documents(filter: { title: { eq: $v } }) { totalCount } }`,
      "filter.title.eq",
      "a".repeat(201),
    ],
    [`query($v: ID!) { figure(id: $v) { slug } }`, "id", base64(`Figure:${"x".repeat(20_000)}`)],
    [`query($v: String!) { search(query: $v) { totalCount } }`, "query", "a".repeat(201)],
    [`query($v: String) { figures(after: $v) { totalCount } }`, "after", base64(`GPC:S:${"x".repeat(10_000)}`)],
    [
      `query($v: [ID!]) { figures(filter: { document: $v }) { totalCount } }`,
      "filter.document[1]",
      ["latin-post", "d".repeat(201)],
    ],
  ])("rejects %s, naming %s", async (query, argument, value) => {
    const error = expectBadInput(await execute(query, { v: value }), argument);
    expect(error.message).toMatch(/must be at most 200 characters \(got \d+\)\.$/);
  });

  it("accepts 200 characters", async () => {
    const result = await data(
      graphql(`query($v: String) { figures(filter: { label: { contains: $v } }) { totalCount } }`),
      {
        v: "z".repeat(200),
      },
    );
    expect(result.figures.totalCount).toBe(0);
  });
});

describe("Float arguments: finite numbers", () => {
  it.each([
    [`{ figures(filter: { value: { lte: 1e400 } }, first: 5) { totalCount } }`, "filter.value.lte", "Infinity"],
    [
      `{ figures(filter: { normalizedValue: { gt: -1e999 } }) { totalCount } }`,
      "filter.normalizedValue.gt",
      "-Infinity",
    ],
    [
      `{ document(id: "latin-post") { figures(filter: { value: { eq: 2e308 } }) { totalCount } } }`,
      "filter.value.eq",
      "Infinity",
    ],
  ])("rejects %s (graphql-js reads the literal as %s)", async (query, argument, value) => {
    const error = expectBadInput(await execute(query), argument);
    expect(error.message).toBe(`Argument "${argument}" must be a finite number (got ${value}).`);
  });
});

/** POSTs a raw JSON body (for values `JSON.stringify` itself cannot write, like a 20,000-deep array). */
async function postRaw(body: string): Promise<GraphQLResponse> {
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body,
  });
  return { status: response.status, ...((await response.json()) as object) };
}

describe("variables and extensions: at most 16 levels deep and 10,000 values", () => {
  const QUERY = JSON.stringify("query($v: [ID!]) { figures(filter: { id: $v }) { totalCount } }");
  const nested = (depth: number) => `${"[".repeat(depth)}"x"${"]".repeat(depth)}`;

  it.each([20_000, 1_000, 17])("rejects a variable nested %i deep, naming it", async (depth) => {
    const result = await postRaw(`{"query": ${QUERY}, "variables": {"v": ${nested(depth)}}}`);
    expect(result.status).toBe(400);
    const error = expectBadInput(result, "$v");
    expect(error.message).toBe('Variable "$v" is nested more than 16 levels deep.');
  });

  it("rejects deeply nested objects too, and names the variable they are in", async () => {
    const deep = `${'{"a":'.repeat(100)}1${"}".repeat(100)}`;
    const result = await postRaw(`{"query": ${QUERY}, "variables": {"v": ["x"], "w": ${deep}}}`);
    expect(result.status).toBe(400);
    expectBadInput(result, "$w");
  });

  it("rejects variables of more than 10,000 values", async () => {
    const wide = JSON.stringify({ v: ["x"], pad: Array.from({ length: 10_001 }, () => 0) });
    const result = await postRaw(`{"query": ${QUERY}, "variables": ${wide}}`);
    expect(result.status).toBe(400);
    const error = expectBadInput(result, "variables");
    expect(error.message).toBe("The variables hold more than 10000 values.");
  });

  it("rejects deep extensions, in POST and GET", async () => {
    const post = await postRaw(`{"query": "{ __typename }", "extensions": {"x": ${nested(20_000)}}}`);
    const get = await yoga.fetch(
      `http://localhost/graphql?query=${encodeURIComponent("{ __typename }")}&extensions=${encodeURIComponent(`{"x": ${nested(5_000)}}`)}`,
      { headers: { accept: "application/graphql-response+json" } },
    );
    const getResult: GraphQLResponse = { status: get.status, ...((await get.json()) as object) };
    for (const result of [post, getResult]) {
      expect(result.status).toBe(400);
      expect(result.errors![0]).toMatchObject({
        message: 'The "extensions" parameter is nested more than 16 levels deep.',
        extensions: { code: "BAD_REQUEST" },
      });
    }
  });

  it.each(["operationName", "query", "unknown"])(
    "rejects a deep %s (any parameter, before anything walks it)",
    async (parameter) => {
      const result = await postRaw(`{"query": "{ __typename }", ${JSON.stringify(parameter)}: ${nested(20_000)}}`);
      expect(result.status).toBe(400);
      expect(result.errors![0]).toMatchObject({
        message: `The "${parameter}" parameter is nested more than 16 levels deep.`,
        extensions: { code: "BAD_REQUEST" },
      });
    },
  );

  it("lets ordinary variables through", async () => {
    const result = await data(graphql(`query($f: FigureFilter) { figures(filter: $f) { totalCount } }`), {
      f: {
        place: { ids: ["place-us"], includeDescendants: true },
        period: { overlaps: { start: "2021", end: "2021" } },
      },
    });
    expect(result.figures.totalCount).toBeGreaterThanOrEqual(0);
  });
});

describe("operations other than queries", () => {
  it.each([
    "mutation { figures { totalCount } }",
    "subscription { figures { totalCount } }",
    "mutation M { __typename }",
  ])("answers %s with 400 GRAPHQL_VALIDATION_FAILED saying only queries are supported", async (query) => {
    const result = await execute(query);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors![0]!.message).toMatch(
      /^Only queries are supported: the Fentrace API is read-only and has no (mutation|subscription) operations\.$/,
    );
  });

  it("answers a subscription sent by GET the same way", async () => {
    const response = await yoga.fetch(
      `http://localhost/graphql?query=${encodeURIComponent("subscription { __typename }")}`,
      {
        headers: { accept: "application/graphql-response+json" },
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("variables that cannot be coerced", () => {
  it.each([
    [`query($n: Int) { figures(first: $n) { totalCount } }`, { n: "x" }, "$n"],
    [`query($n: Int!) { figures(first: $n) { totalCount } }`, {}, "$n"],
    [`query($q: [Qualifier!]) { figures(filter: { qualifier: $q }) { totalCount } }`, { q: ["NOPE"] }, "$q"],
    [`query($f: FigureFilter) { figures(filter: $f) { totalCount } }`, { f: { noSuchField: 1 } }, "$f"],
    [
      `query($f: FigureFilter) { figures(filter: $f) { totalCount } }`,
      { f: { period: { overlaps: { start: "2021-13" } } } },
      "$f",
    ],
    [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [null] }, "$ids"],
    [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [{ id: 1 }] }, "$ids"],
  ])("answers %s with %j: 400, BAD_USER_INPUT naming %s", async (query, variables, argument) => {
    const result = await execute(query, variables);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    const error = expectBadInput(result, argument);
    expect(error.message).toContain(`Variable "${argument}"`);
  });
});

describe("the schema states the bounds", () => {
  it("documents the cap of every list and text argument and input field in its description", () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      const inputs = isObjectType(type)
        ? Object.values(type.getFields()).flatMap((field) =>
            field.args.map((arg) => [`${type.name}.${field.name}(${arg.name})`, arg] as const),
          )
        : isInputObjectType(type)
          ? Object.values(type.getFields()).map((field) => [`${type.name}.${field.name}`, field] as const)
          : [];
      for (const [name, input] of inputs) {
        const list = isListType(getNullableType(input.type));
        const text = ["String", "ID"].includes(getNamedType(input.type).name);
        if (list && !/At most 100 values/.test(input.description ?? "")) undocumented.push(name);
        if (text && !/at most 200 characters/i.test(input.description ?? "")) undocumented.push(name);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("knows the cursor shape of every connection that takes `after` or `before`", () => {
    const unknown: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.args.some((arg) => arg.name === "after")) continue;
        const connection = getNamedType(field.type).name;
        if (!cursorShapeOf(schema.getType(connection))) unknown.push(`${type.name}.${field.name}: ${connection}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
