/** No N+1: a nested figures query issues the same number of SQL statements at any page size. */
import { describe, expect, it } from "vitest";
import { countStatements, data } from "./helpers.js";

const NESTED = `query($first: Int!) {
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
}`;

export const statementCounts: Record<number, number> = {};

describe("N+1", () => {
  it("issues the same number of SQL statements for 5 and 100 figures (figures → metric, place, evidence.document, claim.figures)", async () => {
    await data(NESTED, { first: 1 }); // warm-up (connect)
    for (const first of [5, 100]) {
      let result: any;
      statementCounts[first] = await countStatements(async () => {
        result = await data(NESTED, { first });
      });
      expect(result.figures.edges.length).toBe(Math.min(first, result.figures.totalCount));
    }
    console.info(`SQL statements: first: 5 → ${statementCounts[5]}, first: 100 → ${statementCounts[100]}`);
    expect(statementCounts[100]).toBe(statementCounts[5]);
    expect(statementCounts[5]).toBeLessThanOrEqual(10);
  });

  it("stays constant for nested connections on every claim", async () => {
    const query = `query($first: Int!) { claims(first: $first) { edges { node { figures { edges { node { evidence { document { title } } statedText } } } } } } }`;
    const small = await countStatements(() => data(query, { first: 2 }));
    const large = await countStatements(() => data(query, { first: 100 }));
    expect(large).toBe(small);
  });
});
