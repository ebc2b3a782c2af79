/**
 * From an entity to its sources: every entity's aliases (the seed's), its mentions (the Mention
 * rows the seed built, in reading order), the documents that name it (`mentionedIn`), and a
 * document's mentions; paging, errors and statement counts. Expected values are read from the
 * seed (loadSeed) and from the test database it was built into, never written here.
 */
import { describe, expect, it } from "vitest";
import { loadSeed } from "../../../seed/load.js";
import { curatedSeedDir } from "../../../seed/test/support.js";
import { prisma } from "../src/db.js";
import { countStatements, data, execute, firstError } from "./helpers.js";

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** Each entity type: its root list, the seed rows, the Mention column naming it and its EntityKind. */
const ENTITY_TYPES = [
  { type: "Person", list: "people", rows: "people", column: "personId", kind: "PERSON" },
  {
    type: "Organisation",
    list: "organisations",
    rows: "organisations",
    column: "organisationId",
    kind: "ORGANISATION",
  },
  { type: "Place", list: "places", rows: "places", column: "placeId", kind: "PLACE" },
  { type: "Substance", list: "substances", rows: "substances", column: "substanceId", kind: "SUBSTANCE" },
  { type: "Operation", list: "operations", rows: "operations", column: "operationId", kind: "OPERATION" },
  { type: "Event", list: "events", rows: "events", column: "eventId", kind: "EVENT" },
  { type: "LegalCase", list: "legalCases", rows: "legalCases", column: "legalCaseId", kind: "LEGAL_CASE" },
] as const;

type MentionColumn = (typeof ENTITY_TYPES)[number]["column"];

interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

/** Every node of a root list, page by page (a document built at run time: the list is a variable). */
async function everyNode<T>(list: string, selection: string): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const result = (await data(
      `query($after: String) { list: ${list}(first: 100, after: $after) { edges { node { ${selection} } } ${PAGE_INFO} } }`,
      { after },
    )) as { list: Page<T> };
    nodes.push(...result.list.edges.map((edge) => edge.node));
    if (!result.list.pageInfo.hasNextPage) return nodes;
    after = result.list.pageInfo.endCursor;
  }
}

/** Every node of a nested connection of one record (`node(id:)`), fetched `size` at a time, forward. */
async function pageThrough<T>(
  id: string,
  type: string,
  field: string,
  selection: string,
  size: number,
): Promise<{ nodes: T[]; pages: Page<T>[] }> {
  const pages: Page<T>[] = [];
  let after: string | null = null;
  for (;;) {
    const result = (await data(
      `query($id: ID!, $after: String) { node(id: $id) { ... on ${type} { page: ${field}(first: ${size}, after: $after) { totalCount edges { cursor node { ${selection} } } ${PAGE_INFO} } } } }`,
      { id, after },
    )) as { node: { page: Page<T> } };
    pages.push(result.node.page);
    if (!result.node.page.pageInfo.hasNextPage) break;
    after = result.node.page.pageInfo.endCursor;
  }
  return { nodes: pages.flatMap((page) => page.edges.map((edge) => edge.node)), pages };
}

const mentionTotal = await prisma.mention.count();
const noMentions = mentionTotal === 0;

/** The database's mentions of each entity, in reading order (document slug, then position). */
async function mentionsByEntity(column: MentionColumn): Promise<Map<string, { id: string; documentId: string }[]>> {
  const rows = await prisma.mention.findMany({
    where: { [column]: { not: null } },
    orderBy: [{ documentId: "asc" }, { start: "asc" }],
  });
  const byEntity = new Map<string, { id: string; documentId: string }[]>();
  for (const row of rows) {
    const entity = row[column]!;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), row]);
  }
  return byEntity;
}

/**
 * What `mentionedIn` promises, computed from the database with Prisma: for each entity, the
 * documents of its mentions and of the records linked to it, each once.
 */
async function documentsNaming(type: (typeof ENTITY_TYPES)[number]["type"]): Promise<Map<string, Set<string>>> {
  type Pair = { entity: string | null; documentId: string };
  const mentions = await prisma.mention.findMany();
  const subjects = await prisma.figureSubject.findMany({ include: { figure: { select: { documentId: true } } } });
  const figures = await prisma.figure.findMany();
  const quotes = await prisma.quote.findMany();
  const evidence = await prisma.evidence.findMany();
  const of = <R>(rows: R[], entity: (row: R) => string | null, documentId: (row: R) => string): Pair[] =>
    rows.map((row) => ({ entity: entity(row), documentId: documentId(row) }));
  const bySubject = (entity: (row: (typeof subjects)[number]) => string | null) =>
    of(subjects, entity, (row) => row.figure.documentId);
  const linked: Record<typeof type, Pair[]> = {
    Person: [
      ...of(
        mentions,
        (row) => row.personId,
        (row) => row.documentId,
      ),
      ...bySubject((row) => row.personId),
      ...of(
        figures,
        (row) => row.statedByPersonId,
        (row) => row.documentId,
      ),
      ...of(
        quotes,
        (row) => row.speakerId,
        (row) => row.documentId,
      ),
    ],
    Organisation: [
      ...of(
        mentions,
        (row) => row.organisationId,
        (row) => row.documentId,
      ),
      ...bySubject((row) => row.organisationId),
      ...of(
        figures,
        (row) => row.statedByOrganisationId,
        (row) => row.documentId,
      ),
    ],
    Place: [
      ...of(
        mentions,
        (row) => row.placeId,
        (row) => row.documentId,
      ),
      ...of(
        figures,
        (row) => row.placeId,
        (row) => row.documentId,
      ),
    ],
    Substance: [
      ...of(
        mentions,
        (row) => row.substanceId,
        (row) => row.documentId,
      ),
      ...bySubject((row) => row.substanceId),
    ],
    Operation: [
      ...of(
        mentions,
        (row) => row.operationId,
        (row) => row.documentId,
      ),
      ...bySubject((row) => row.operationId),
      ...of(
        evidence,
        (row) => row.operationId,
        (row) => row.documentId,
      ),
    ],
    Event: [
      ...of(
        mentions,
        (row) => row.eventId,
        (row) => row.documentId,
      ),
      ...of(
        evidence,
        (row) => row.eventId,
        (row) => row.documentId,
      ),
      ...of(
        quotes,
        (row) => row.eventId,
        (row) => row.documentId,
      ),
    ],
    LegalCase: [
      ...of(
        mentions,
        (row) => row.legalCaseId,
        (row) => row.documentId,
      ),
      ...bySubject((row) => row.legalCaseId),
    ],
  };
  const byEntity = new Map<string, Set<string>>();
  for (const { entity, documentId } of linked[type]) {
    if (entity === null) continue;
    byEntity.set(entity, (byEntity.get(entity) ?? new Set()).add(documentId));
  }
  return byEntity;
}

/** Every document slug in the order `mentionedIn` promises: publication date (unknown first), then slug. */
const publicationOrder = (
  await prisma.document.findMany({
    select: { id: true },
    orderBy: [{ publishedStart: { sort: "asc", nulls: "first" } }, { id: "asc" }],
  })
).map((document) => document.id);

// First, while the process caches are cold (rows read once are kept: data/rows.ts).
describe("statements", () => {
  const ENTITY_SOURCES = `query($first: Int!) { people(first: $first) { edges { node {
    slug aliases named
    mentions(first: 5) { totalCount edges { node { text start end entityKind document { title } entity { __typename } } } }
    mentionedIn(first: 5) { totalCount edges { node { title mentions(first: 3) { totalCount edges { node { text } } } } } }
  } } } }`;

  it("stay within a fixed bound for entity → mentions → documents at any page size", async () => {
    await data("{ dataset { version } }"); // warm-up (connect)
    const small = await countStatements(() => data(ENTITY_SOURCES, { first: 5 }));
    const large = await countStatements(() => data(ENTITY_SOURCES, { first: 100 }));
    console.info(`entity → mentions → documents: first: 5 → ${small} statements, first: 100 → ${large}`);
    // People and their count, their mentions and counts, the mentions' documents, the documents
    // naming them (one statement for the page), those documents and their mentions with counts:
    // N+1 would be hundreds of statements for 100 people.
    expect(small).toBeLessThanOrEqual(12);
    expect(large).toBeLessThanOrEqual(12);
  });

  it("stay within a fixed bound when the entities come from the row loader (figures → place)", async () => {
    const query = `query($first: Int!) { figures(first: $first) { edges { node { place {
      aliases mentions(first: 5) { totalCount edges { node { text } } } mentionedIn(first: 5) { totalCount edges { node { slug } } }
    } } } } }`;
    const small = await countStatements(() => data(query, { first: 5 }));
    const large = await countStatements(() => data(query, { first: 100 }));
    console.info(`figures → place → mentions, mentionedIn: first: 5 → ${small} statements, first: 100 → ${large}`);
    expect(large).toBeLessThanOrEqual(Math.max(small, 12));
  });
});

describe("aliases and named", () => {
  const seed = loadSeed(curatedSeedDir);

  it("every entity lists the seed's aliases, in the seed's order (empty when none)", async () => {
    let withAliases = 0;
    for (const { list, rows } of ENTITY_TYPES) {
      const expected = new Map(
        seed.rows[rows].map((row) => [row.id, row.aliases === null ? [] : row.aliases.split(", ")] as const),
      );
      const nodes = await everyNode<{ slug: string; aliases: string[] }>(list, "slug aliases");
      expect(new Map(nodes.map((node) => [node.slug, node.aliases])), list).toEqual(expected);
      withAliases += nodes.filter((node) => node.aliases.length > 0).length;
    }
    // The seed gives aliases (DEA, CDC …): the comparison above is not of empty lists only.
    expect(withAliases).toBeGreaterThan(0);
  });

  it("Person.named is the seed's (true unless the person is described without a name)", async () => {
    const nodes = await everyNode<{ slug: string; named: boolean }>("people", "slug named");
    expect(new Map(nodes.map((node) => [node.slug, node.named]))).toEqual(
      new Map(seed.rows.people.map((row) => [row.id, row.named])),
    );
  });
});

describe("an entity's mentions", () => {
  it.skipIf(noMentions)(
    "are its Mention rows in reading order, each naming it, paged two at a time",
    { timeout: 60_000 },
    async () => {
      for (const { type, column, kind } of ENTITY_TYPES) {
        const byEntity = await mentionsByEntity(column);
        // The entity with the most mentions, and one with a single mention, if any.
        const ranked = [...byEntity].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        const chosen = [ranked[0], ranked.find(([, rows]) => rows.length === 1)].filter((entry) => entry !== undefined);
        for (const [entity, rows] of chosen) {
          const { nodes, pages } = await pageThrough<{
            slug: string;
            text: string;
            start: number;
            end: number;
            entityKind: string;
            document: { slug: string };
            entity: { __typename: string; slug: string };
          }>(
            gid(type, entity),
            type,
            "mentions",
            `slug text start end entityKind document { slug } entity { __typename ... on ${type} { slug } }`,
            2,
          );
          expect(
            nodes.map((node) => node.slug),
            `${type} ${entity}`,
          ).toEqual(rows.map((row) => row.id));
          expect(pages.length).toBe(Math.max(1, Math.ceil(rows.length / 2)));
          for (const page of pages) expect(page.totalCount).toBe(rows.length);
          const stored = new Map(
            (await prisma.mention.findMany({ where: { [column]: entity } })).map((row) => [row.id, row]),
          );
          for (const node of nodes) {
            const row = stored.get(node.slug)!;
            expect(node).toEqual({
              slug: row.id,
              text: row.text,
              start: row.start,
              end: row.end,
              entityKind: kind,
              document: { slug: row.documentId },
              entity: { __typename: type, slug: entity },
            });
            expect(node.end - node.start).toBe(node.text.length);
          }
        }
      }
    },
  );

  it.skipIf(noMentions)("a mention is a node: node(id:) returns it with its entity", async () => {
    const row = await prisma.mention.findFirstOrThrow({ orderBy: { id: "asc" } });
    const result = (await data(
      `query($id: ID!) { node(id: $id) { __typename id ... on Mention { slug text entityKind document { slug } entity { __typename } } } }`,
      { id: gid("Mention", row.id) },
    )) as {
      node: {
        __typename: string;
        id: string;
        slug: string;
        text: string;
        entityKind: string;
        document: { slug: string };
        entity: { __typename: string };
      };
    };
    const type = ENTITY_TYPES.find((entry) => entry.kind === row.entityKind)!.type;
    expect(result.node).toEqual({
      __typename: "Mention",
      id: gid("Mention", row.id),
      slug: row.id,
      text: row.text,
      entityKind: row.entityKind,
      document: { slug: row.documentId },
      entity: { __typename: type },
    });
  });
});

describe("the documents that name an entity (mentionedIn)", () => {
  it("are, for every entity of every type, the distinct documents of its mentions and linked records, oldest first", {
    timeout: 60_000,
  }, async () => {
    let nonEmpty = 0;
    for (const { type, list } of ENTITY_TYPES) {
      const expected = await documentsNaming(type);
      const nodes = await everyNode<{ slug: string; mentionedIn: Page<{ slug: string }> }>(
        list,
        "slug mentionedIn(first: 100) { totalCount edges { node { slug } } }",
      );
      for (const node of nodes) {
        const documents = publicationOrder.filter((document) => expected.get(node.slug)?.has(document));
        expect(
          node.mentionedIn.edges.map((edge) => edge.node.slug),
          `${type} ${node.slug}`,
        ).toEqual(documents);
        expect(node.mentionedIn.totalCount).toBe(documents.length);
        if (documents.length > 0) nonEmpty += 1;
      }
    }
    // Quotations and figures already link people and organisations to documents.
    expect(nonEmpty).toBeGreaterThan(0);
  });

  it("pages forward and backward one document at a time, with the whole list's totalCount", async () => {
    const expected = await documentsNaming("Person");
    const [person, documents] = [...expected].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0]!;
    const order = publicationOrder.filter((document) => documents.has(document));
    expect(order.length, "a person named in several documents").toBeGreaterThan(1);
    const forward = await pageThrough<{ slug: string }>(gid("Person", person), "Person", "mentionedIn", "slug", 1);
    expect(forward.nodes.map((node) => node.slug)).toEqual(order);
    expect(forward.pages.map((page) => page.totalCount)).toEqual(order.map(() => order.length));
    expect(forward.pages.map((page) => page.pageInfo.hasNextPage)).toEqual(order.map((_, i) => i < order.length - 1));
    expect(forward.pages.map((page) => page.pageInfo.hasPreviousPage)).toEqual(order.map((_, i) => i > 0));
    // Backward from the last document's cursor: the ones before it, nearest last.
    const lastCursor = forward.pages[forward.pages.length - 1]!.pageInfo.endCursor;
    const backward = (await data(
      `query($id: ID!, $before: String) { node(id: $id) { ... on Person { mentionedIn(last: 100, before: $before) { edges { node { slug } } ${PAGE_INFO} } } } }`,
      { id: gid("Person", person), before: lastCursor },
    )) as { node: { mentionedIn: Page<{ slug: string }> } };
    expect(backward.node.mentionedIn.edges.map((edge) => edge.node.slug)).toEqual(order.slice(0, -1));
    expect(backward.node.mentionedIn.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("refuses a cursor it did not issue, and an unknown entity, as every list does", async () => {
    const badCursor = await firstError(
      `{ person(id: "person-anne-milgram") { mentionedIn(after: "not-a-cursor") { totalCount } } }`,
    );
    expect(badCursor.code).toBe("BAD_USER_INPUT");
    expect(badCursor.argument).toBe("after");
    const unknown = await firstError(
      `{ person(id: "person-nobody-at-all") { mentionedIn { totalCount } mentions { totalCount } } }`,
    );
    expect(unknown.code).toBe("NOT_FOUND");
    const unknownMention = await execute(`query($id: ID!) { node(id: $id) { id } }`, {
      id: gid("Mention", "mention-nowhere-0"),
    });
    expect(unknownMention.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", argument: "id" });
    const tooMany = await firstError(`{ person(id: "person-anne-milgram") { mentions(first: 101) { totalCount } } }`);
    expect(tooMany.code).toBe("BAD_USER_INPUT");
  });
});

describe("a document's mentions", () => {
  it("are its Mention rows in reading order, filtered by entity kind", async () => {
    const documents = await prisma.document.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    for (const { id } of documents) {
      for (const kinds of [undefined, ["PERSON"], ["ORGANISATION", "PLACE"]] as const) {
        const rows = await prisma.mention.findMany({
          where: { documentId: id, ...(kinds ? { entityKind: { in: [...kinds] } } : {}) },
          orderBy: [{ start: "asc" }, { id: "asc" }],
        });
        const slugs: string[] = [];
        let after: string | null = null;
        for (;;) {
          const result = (await data(
            `query($id: ID!, $after: String, $kinds: [EntityKind!]) { document(id: $id) { mentions(first: 100, after: $after, entityKind: $kinds) { totalCount edges { node { slug entityKind } } ${PAGE_INFO} } } }`,
            { id, after, kinds: kinds ? [...kinds] : null },
          )) as { document: { mentions: Page<{ slug: string; entityKind: string }> } };
          const page = result.document.mentions;
          expect(page.totalCount).toBe(rows.length);
          for (const edge of page.edges) if (kinds) expect(kinds).toContain(edge.node.entityKind);
          slugs.push(...page.edges.map((edge) => edge.node.slug));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(slugs, `${id} ${kinds ?? "all"}`).toEqual(rows.map((row) => row.id));
      }
    }
  });
});
