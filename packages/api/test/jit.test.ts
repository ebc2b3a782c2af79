/**
 * Compiled execution answers exactly as graphql-js does. A document runs on graphql-js for its
 * first runs and on graphql-jit afterwards (yoga.ts): every example, and queries that fail in
 * the resolvers, give the same status and body on their first run and after compilation.
 */
import { parse } from "graphql";
import { describe, expect, it } from "vitest";

// Every run must execute: the response cache would answer the repeats without running anything.
process.env.CACHE_ENABLED = "false";
const { execute } = await import("./helpers.js");
const { loadExamples } = await import("../src/examples.js");
const { COMPILE_AFTER, compilable, compiledExecutions } = await import("../src/plugins/compiled-execution.js");
const { schema } = await import("../src/schema/index.js");

/** More runs than COMPILE_AFTER, so that the last ones are compiled. */
const RUNS = COMPILE_AFTER + 10;

const QUERIES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  ...loadExamples().map((example) => ({
    name: example.file,
    query: example.query,
    variables: example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : undefined,
  })),
  {
    name: "an unknown node in a list of them",
    query: `{ nodes(ids: ["RmlndXJlOm5vLXN1Y2g=", "place-us"]) { id ... on Place { name } } }`,
  },
  {
    name: "a NOT_FOUND error at a nested path",
    query: `{ a: figure(id: "fig-ast-headline-surge-pills") { slug } b: figure(id: "fig-no-such") { slug } }`,
  },
  {
    name: "variables without defaults, a union and nested lists",
    query: `query($first: Int, $metric: String) {
      figures(first: $first, filter: { metric: { eq: $metric } }) {
        totalCount
        edges { cursor node { slug statedText periodText statedBy { __typename ... on Person { name } ... on Organisation { name } }
          claim { status figures(first: 3) { totalCount edges { node { slug } } } } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`,
    variables: { first: 5, metric: "pills_seized" },
  },
  {
    name: "an argument refused in a resolver",
    query: `{ figures(filter: { value: { gt: 5, lt: 1 } }) { totalCount } }`,
  },
];

/** The documents graphql-jit would run wrongly (variable defaults …): they always run on graphql-js. */
const UNCOMPILABLE = new Set(QUERIES.filter(({ query }) => !compilable(parse(query), schema)).map(({ name }) => name));

describe("compiled execution (graphql-jit) after the first runs of a document", () => {
  it("compiles most of the examples", () => {
    expect(UNCOMPILABLE.size).toBeLessThan(QUERIES.length / 2);
  });

  for (const { name, query, variables } of QUERIES) {
    it(`answers as graphql-js did: ${name}`, async () => {
      const compiledBefore = compiledExecutions();
      const first = await execute(query, variables);
      for (let run = 1; run < RUNS; run += 1) {
        const again = await execute(query, variables);
        expect({ run, status: again.status, body: again }).toEqual({ run, status: first.status, body: first });
      }
      // The documents graphql-jit would run wrongly are never compiled; all others were.
      if (!UNCOMPILABLE.has(name)) expect(compiledExecutions() - compiledBefore).toBe(RUNS - COMPILE_AFTER);
    });
  }
});
