/**
 * No N+1: a nested figures query issues at most a fixed number of SQL statements at any page
 * size. Not always the same number: rows read once are kept for the life of the process
 * (data/rows.ts), so a later request may need fewer.
 */
import { describe, expect, it } from "vitest";
import { countStatements, data, graphql, type ResultOf } from "./helpers.js";

const NESTED = graphql(`query($first: Int!) {
  figures(first: $first) {
    totalCount
    edges { node {
      slug
      metric { key name }
      place { name parent { name } }
      evidence { text document { fileName title } }
      claim { status figures(first: 10) { totalCount edges { node { slug metric { key } } } } }
    } }
  }
}`);

const statementCounts: Record<number, number> = {};

describe("N+1", () => {
  it("issues no more SQL statements for 100 figures than a fixed bound (figures → metric, place, evidence.document, claim.figures)", async () => {
    await data(NESTED, { first: 1 }); // warm-up (connect)
    for (const first of [5, 100]) {
      let result: ResultOf<typeof NESTED> | undefined;
      statementCounts[first] = await countStatements(async () => {
        result = await data(NESTED, { first });
      });
      expect(result!.figures.edges.length).toBe(Math.min(first, result!.figures.totalCount));
    }
    console.info(`SQL statements: first: 5 → ${statementCounts[5]}, first: 100 → ${statementCounts[100]}`);
    // At most one statement per table and level (the page, its count and rows, metrics, places,
    // their parents, evidence, documents, claims, the claims' figure pages, counts and rows):
    // N+1 would be over 100 statements for 100 figures.
    expect(statementCounts[5]).toBeLessThanOrEqual(16);
    expect(statementCounts[100]).toBeLessThanOrEqual(16);
  });

  it("stays constant for nested connections on every claim", async () => {
    const query = graphql(
      `query($first: Int!) { claims(first: $first) { edges { node { figures { edges { node { evidence { document { title } } statedText } } } } } } }`,
    );
    const small = await countStatements(() => data(query, { first: 2 }));
    const large = await countStatements(() => data(query, { first: 100 }));
    expect(large).toBeLessThanOrEqual(Math.max(small, 16));
  });
});
