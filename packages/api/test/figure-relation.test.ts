/**
 * Figure relations: every relation the seed stated (seed/data/relations.yaml, as built into the
 * test database) is listed on both of its figures, as stated on the first (OUTGOING) and reversed
 * on the other (INCOMING, where a PART_OF reads "contains"); paging, the kind filter, errors and
 * statement counts. Expected values come from the database, never written here.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "../src/db.js";
import { countStatements, data, firstError } from "./helpers.js";

interface Seen {
  slug: string;
  kind: string;
  direction: "OUTGOING" | "INCOMING";
  contains: boolean;
  explanation: string;
  figure: { slug: string };
  other: { slug: string };
}

interface Page<T> {
  totalCount: number;
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
}

const RELATION = "slug kind direction contains explanation figure { slug } other { slug }";
const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

const stored = await prisma.figureRelation.findMany({ orderBy: { id: "asc" } });

/** What `relations` must list for each figure: every stored relation it is in, from its side, by the other's slug. */
function expectedRelations(): Map<string, Seen[]> {
  const byFigure = new Map<string, Seen[]>();
  const add = (figure: string, seen: Seen) => byFigure.set(figure, [...(byFigure.get(figure) ?? []), seen]);
  for (const row of stored) {
    const common = { slug: row.id, kind: row.kind, explanation: row.explanation };
    add(row.figureId, {
      ...common,
      direction: "OUTGOING",
      contains: false,
      figure: { slug: row.figureId },
      other: { slug: row.otherId },
    });
    add(row.otherId, {
      ...common,
      direction: "INCOMING",
      contains: row.kind === "PART_OF",
      figure: { slug: row.otherId },
      other: { slug: row.figureId },
    });
  }
  for (const list of byFigure.values()) {
    list.sort((a, b) =>
      a.other.slug < b.other.slug ? -1 : a.other.slug > b.other.slug ? 1 : a.slug < b.slug ? -1 : 1,
    );
  }
  return byFigure;
}

/** Every figure with its first 100 relations. */
async function everyFigure(): Promise<{ slug: string; relations: Page<Seen> }[]> {
  const figures: { slug: string; relations: Page<Seen> }[] = [];
  let after: string | null = null;
  for (;;) {
    const result = (await data(
      `query($after: String) { figures(first: 100, after: $after) { edges { node { slug relations(first: 100) { totalCount edges { node { ${RELATION} } } ${PAGE_INFO} } } } ${PAGE_INFO} } }`,
      { after },
    )) as { figures: Page<{ slug: string; relations: Page<Seen> }> };
    figures.push(...result.figures.edges.map((edge) => edge.node));
    if (!result.figures.pageInfo.hasNextPage) return figures;
    after = result.figures.pageInfo.endCursor;
  }
}

const hasRelations = stored.length > 0;

// First, while the process caches are cold (rows read once are kept: data/rows.ts).
describe("statements", () => {
  it("stay within a fixed bound for figures → relations → other figure at any page size", async () => {
    const query = `query($first: Int!) { figures(first: $first) { edges { node { slug relations { totalCount edges { node { kind direction other { slug metric { key } } } } } } } } }`;
    await data("{ dataset { version } }"); // warm-up (connect)
    const small = await countStatements(() => data(query, { first: 5 }));
    const large = await countStatements(() => data(query, { first: 100 }));
    console.info(`figures → relations → other: first: 5 → ${small} statements, first: 100 → ${large}`);
    // The page and its count, both relation columns, the other figures and their metrics.
    expect(small).toBeLessThanOrEqual(8);
    expect(large).toBeLessThanOrEqual(8);
  });
});

describe("Figure.relations", () => {
  it("lists, for every figure, each stored relation it is in, from its side, ordered by the other figure", {
    timeout: 60_000,
  }, async () => {
    const expected = expectedRelations();
    const figures = await everyFigure();
    expect(figures.length).toBe(await prisma.figure.count());
    for (const figure of figures) {
      const relations = expected.get(figure.slug) ?? [];
      expect(
        figure.relations.edges.map((edge) => edge.node),
        figure.slug,
      ).toEqual(relations.slice(0, 100));
      expect(figure.relations.totalCount).toBe(relations.length);
    }
    // Each stored relation is listed twice, once on each figure.
    expect(figures.reduce((sum, figure) => sum + figure.relations.totalCount, 0)).toBe(2 * stored.length);
  });

  it.skipIf(!hasRelations)("lists a relation both ways: OUTGOING on its figure, INCOMING on the other", async () => {
    const query = `query($a: ID!, $b: ID!) {
      a: figure(id: $a) { relations(first: 100) { edges { node { ${RELATION} } } } }
      b: figure(id: $b) { relations(first: 100) { edges { node { ${RELATION} } } } }
    }`;
    // A PART_OF relation if there is one (the kind that reads differently each way).
    const row = stored.find((relation) => relation.kind === "PART_OF") ?? stored[0]!;
    const result = (await data(query, { a: row.figureId, b: row.otherId })) as {
      a: { relations: Page<Seen> };
      b: { relations: Page<Seen> };
    };
    const fromFigure = result.a.relations.edges.map((edge) => edge.node).find((node) => node.slug === row.id);
    const fromOther = result.b.relations.edges.map((edge) => edge.node).find((node) => node.slug === row.id);
    expect(fromFigure).toMatchObject({
      kind: row.kind,
      direction: "OUTGOING",
      contains: false,
      figure: { slug: row.figureId },
      other: { slug: row.otherId },
    });
    expect(fromOther).toMatchObject({
      kind: row.kind,
      direction: "INCOMING",
      contains: row.kind === "PART_OF",
      figure: { slug: row.otherId },
      other: { slug: row.figureId },
    });
  });

  it.skipIf(!hasRelations)("pages one relation at a time and filters by kind", async () => {
    const expected = expectedRelations();
    const [figure, relations] = [...expected].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0]!;
    const slugs: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = (await data(
        `query($id: ID!, $after: String) { figure(id: $id) { relations(first: 1, after: $after) { totalCount edges { node { slug } } ${PAGE_INFO} } } }`,
        { id: figure, after },
      )) as { figure: { relations: Page<{ slug: string }> } };
      expect(result.figure.relations.totalCount).toBe(relations.length);
      slugs.push(...result.figure.relations.edges.map((edge) => edge.node.slug));
      if (!result.figure.relations.pageInfo.hasNextPage) break;
      after = result.figure.relations.pageInfo.endCursor;
    }
    expect(slugs).toEqual(relations.map((relation) => relation.slug));
    for (const kind of new Set(relations.map((relation) => relation.kind))) {
      const result = (await data(
        `query($id: ID!, $kind: [FigureRelationKind!]) { figure(id: $id) { relations(first: 100, kind: $kind) { totalCount edges { node { slug kind } } } } }`,
        { id: figure, kind: [kind] },
      )) as { figure: { relations: Page<{ slug: string; kind: string }> } };
      expect(result.figure.relations.edges.map((edge) => edge.node.slug)).toEqual(
        relations.filter((relation) => relation.kind === kind).map((relation) => relation.slug),
      );
    }
  });

  it("refuses an unknown figure, a cursor it did not issue and an unknown kind, as every list does", async () => {
    const unknown = await firstError(`{ figure(id: "fig-no-such-figure") { relations { totalCount } } }`);
    expect(unknown.code).toBe("NOT_FOUND");
    const { figures } = (await data(`{ figures(first: 1) { edges { node { slug } } } }`)) as {
      figures: { edges: { node: { slug: string } }[] };
    };
    const slug = figures.edges[0]!.node.slug;
    const cursor = await firstError(
      `query($id: ID!) { figure(id: $id) { relations(after: "not-a-cursor") { totalCount } } }`,
      { id: slug },
    );
    expect(cursor).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    const kind = await firstError(
      `query($id: ID!) { figure(id: $id) { relations(kind: [CONTAINS]) { totalCount } } }`,
      {
        id: slug,
      },
    );
    expect(kind.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
