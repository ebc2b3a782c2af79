/**
 * A filter that names a record that does not exist is an error, not an empty result: the reader
 * would take `totalCount: 0` for "no data". Names and file names are accepted where a reader would
 * type them, and the work an unknown id causes is bounded.
 */
import { describe, expect, it } from "vitest";
import { countStatements, data, execute, graphql } from "./helpers.js";

const FIGURES = graphql(`
  query ($filter: FigureFilter) {
    figures(filter: $filter, first: 1) {
      totalCount
    }
  }
`);

async function refusal(filter: Record<string, unknown>) {
  const result = await execute(FIGURES, { filter });
  expect(result.data?.figures ?? null).toBeNull();
  const [error] = result.errors ?? [];
  expect(error?.extensions?.code, JSON.stringify(result)).toBe("BAD_USER_INPUT");
  return { message: error?.message ?? "", argument: error?.extensions?.argument };
}

describe("references in filters", () => {
  it("refuses an unknown slug, naming it and the closest existing ids", async () => {
    const { message, argument } = await refusal({ person: ["person-jason-xavier-villanueva"] });
    expect(argument).toBe("filter.person");
    expect(message).toContain('"person-jason-xavier-villanueva" is no Person');
    expect(message).toContain('did you mean "person-jason-villanueva"');
    expect(message.split('"person-jason-villanueva"')).toHaveLength(2); // suggested once
  });

  it("refuses a slug of the wrong kind, saying which kind it is", async () => {
    const { message, argument } = await refusal({ platform: ["person-anne-milgram"] });
    expect(argument).toBe("filter.platform");
    expect(message).toContain('"person-anne-milgram" is a Person, not an Organisation');
  });

  it("refuses a list with one unknown id among known ones, and every unknown one is listed", async () => {
    const { message } = await refusal({ document: ["latin-post", "no-such-document", "another-missing-one"] });
    expect(message).toContain("names 2 records that do not exist");
    expect(message).toContain('"no-such-document"');
    expect(message).toContain('"another-missing-one"');
    expect(message).not.toContain('"latin-post"');
  });

  it("accepts a person's full name and a document's file name, as their slugs", async () => {
    const bySlug = await data(FIGURES, { filter: { person: ["person-jason-villanueva"], document: ["latin-post"] } });
    const byName = await data(FIGURES, {
      filter: { person: ["jason xavier villanueva"], document: ["000_31e3268d31b59962.txt"] },
    });
    expect(byName.figures.totalCount).toBe(bySlug.figures.totalCount);
    const stated = await data(FIGURES, { filter: { statedBy: ["Anne Milgram"] } });
    const statedBySlug = await data(FIGURES, { filter: { statedBy: ["person-anne-milgram"] } });
    expect(stated.figures.totalCount).toBe(statedBySlug.figures.totalCount);
    expect(statedBySlug.figures.totalCount).toBeGreaterThan(0);
  });

  it("checks the references of every entity filter, not only the figures'", async () => {
    const result = await execute(graphql(`{ quotes(filter: { speaker: ["person-nobody"] }) { totalCount } }`));
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.argument).toBe("filter.speaker");
  });

  it("bounds the work of a list of unknown ids: suggestions for the first three only", async () => {
    const ids = Array.from({ length: 100 }, (_, index) => `fig-no-such-figure-${index}`);
    let message = "";
    const statements = await countStatements(async () => {
      message = (await refusal({ id: ids })).message;
    });
    expect(message).toContain("names 100 records that do not exist");
    // One lookup of the list, then for each of the first three: 16 kind checks and two index reads.
    expect(statements).toBeLessThanOrEqual(1 + 3 * (16 + 2));
  });
  it("resolves a filter repeated under every parent of a list once, not once per parent", async () => {
    const nested = graphql(`
      {
        claims(first: 100) {
          totalCount
          edges {
            node {
              figures(filter: { person: ["person-repeated-a", "person-repeated-b", "person-repeated-c"] }) {
                totalCount
              }
            }
          }
        }
      }
    `);
    const claims = await data(graphql("{ claims(first: 100) { totalCount } }"));
    expect(claims.claims.totalCount).toBeGreaterThan(3);
    let errors: readonly unknown[] = [];
    const statements = await countStatements(async () => {
      errors = (await execute(nested)).errors ?? [];
    });
    expect(errors.length).toBeGreaterThan(0);
    // One resolution (one lookup, then 16 kind checks and two index reads for each of the three
    // unknown ids) plus the claims page: not one resolution per claim.
    expect(statements).toBeLessThanOrEqual(1 + 3 * (16 + 2) + 10);
  });
});

describe("metric keys in filters", () => {
  it("refuses an unknown metric key in eq or in, with suggestions, and reads a metric's name as its key", async () => {
    const { message, argument } = await refusal({ metric: { eq: "pills_seizd" } });
    expect(argument).toBe("filter.metric.eq");
    expect(message).toContain('did you mean "pills_seized"');
    const listed = await refusal({ metric: { in: ["pills_seized", "no_such_metric"] } });
    expect(listed.argument).toBe("filter.metric.in");
    const byKey = await data(FIGURES, { filter: { metric: { eq: "pills_seized" } } });
    const metric = await data(graphql(`{ metric(key: "pills_seized") { name } }`));
    const byName = await data(FIGURES, { filter: { metric: { eq: metric.metric.name } } });
    expect(byName.figures.totalCount).toBe(byKey.figures.totalCount);
    // Patterns are not references: a pattern that matches nothing is an empty result.
    expect((await data(FIGURES, { filter: { metric: { startsWith: "zzz" } } })).figures.totalCount).toBe(0);
  });
});

describe("filters that take what a reader types", () => {
  const STATS = graphql(`
    query ($filter: FigureFilter) {
      figureStats(filter: $filter, groupBy: METRIC) {
        figureCount
      }
    }
  `);

  it('matches a unit as shown ("pounds") as well as by its key (`pound`), in lists and statistics', async () => {
    const byKey = await data(FIGURES, { filter: { unit: { eq: "pound" } } });
    const byText = await data(FIGURES, { filter: { unit: { eq: "pounds" } } });
    // Every "pounds" figure is in pounds; some pound figures are shown otherwise ("pounds of …").
    expect(byText.figures.totalCount).toBeGreaterThan(0);
    expect(byText.figures.totalCount).toBeLessThanOrEqual(byKey.figures.totalCount);
    const both = await data(FIGURES, { filter: { unit: { eq: "pounds" }, normalizedUnit: { eq: "kilogram" } } });
    expect(both.figures.totalCount).toBe(byText.figures.totalCount);
    const stats = await data(STATS, { filter: { unit: { eq: "pounds" } } });
    expect(stats.figureStats.figureCount).toBe(byText.figures.totalCount);
    const none = await data(FIGURES, { filter: { unit: { eq: "furlongs" } } });
    expect(none.figures.totalCount).toBe(0);
  });
});
