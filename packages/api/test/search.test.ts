/** search(query:): FTS5, ranked, a union, and safe against hostile input. */
import { describe, expect, it } from "vitest";
import { searchQuery } from "../src/schema/search.js";

const toFtsQuery = (input: string) => searchQuery(input)?.match ?? null;

import { data, execute, firstError, graphql, type ResultOf } from "./helpers.js";

const SEARCH = graphql(`query($query: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
  search(query: $query, kinds: $kinds, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor score snippet node {
      __typename
      ... on Figure { slug label }
      ... on Quote { slug text }
      ... on Organisation { slug name }
      ... on Document { slug title }
      ... on Person { slug name }
      ... on Place { slug name }
      ... on LegalCase { slug name }
    } }
  }
}`);

type Hit = ResultOf<typeof SEARCH>["search"]["edges"][number]["node"];
/** The slug of a hit, if its type is one SEARCH selects fields of. */
const slugOf = (node: Hit) => ("slug" in node ? node.slug : undefined);

describe("toFtsQuery", () => {
  it("quotes every word, doubles quotes and makes only the last word a prefix", () => {
    expect(toFtsQuery("fake pills")).toBe('"fake" "pills"*');
    expect(toFtsQuery("NEAR( AND *")).toBe('"NEAR(" "AND"*');
    expect(toFtsQuery("'); DROP TABLE Figure; --")).toBe('"DROP" "TABLE" "Figure;"*');
    expect(toFtsQuery("it's 50\"")).toBe('"it\'s" "50"*'); // an unpaired quote is a space
    expect(toFtsQuery("  ")).toBeNull();
    expect(toFtsQuery('" * ( ) : ^')).toBeNull();
  });

  it("reads double quotes as a phrase and an upper-case OR as alternatives, nothing else as syntax", () => {
    expect(toFtsQuery('"lethal dose"')).toBe('"lethal dose"');
    expect(toFtsQuery('say "hi there" now')).toBe('"say" "hi there" "now"*');
    expect(toFtsQuery("fentanyl OR heroin pills")).toBe('("fentanyl") OR ("heroin" "pills"*)');
    expect(toFtsQuery("OR fentanyl OR OR")).toBe('"fentanyl"*');
    expect(toFtsQuery("fentanyl or heroin")).toBe('"fentanyl" "or" "heroin"*');
    expect(toFtsQuery('"a "" b"')).toBe('"a" "b"');
    expect(toFtsQuery('"NEAR(a b)"')).toBe('"NEAR(a b)"');
  });
});

describe("search", () => {
  it("finds figures, quotes, organisations and documents, ranked by relevance", async () => {
    const result = await data(SEARCH, { query: "snapchat", first: 50 });
    const types = new Set(result.search.edges.map((edge) => edge.node.__typename));
    expect(types).toContain("Organisation");
    expect(types).toContain("Figure");
    const scores = result.search.edges.map((edge) => edge.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.search.edges[0]!.node).toMatchObject({ __typename: "Organisation", slug: "org-snapchat" });
    expect(result.search.edges[0]!.snippet).toContain("«Snapchat»");
    expect(result.search.totalCount).toBe(result.search.edges.length);
  });

  it("searches the words of quotations and matches the last word as a prefix, with stemming", async () => {
    const result = await data(SEARCH, { query: "russian roul", kinds: ["QUOTE"] });
    expect(result.search.edges.map((edge) => slugOf(edge.node))).toContain("quote-ast-milgram-russian-roulette");
    const stemmed = await data(SEARCH, { query: "seizures", kinds: ["FIGURE"] });
    expect(stemmed.search.totalCount).toBeGreaterThan(0); // "seized" / "seizure" share a stem
    for (const edge of stemmed.search.edges) expect(edge.node.__typename).toBe("Figure");
  });

  it("ignores case and accents", async () => {
    const accented = await data(SEARCH, { query: "LÓPEZ obrador", kinds: ["PERSON"] });
    const plain = await data(SEARCH, { query: "lopez obrador", kinds: ["PERSON"] });
    expect(accented.search.totalCount).toBeGreaterThan(0);
    expect(accented.search.edges.map((edge) => slugOf(edge.node))).toEqual(
      plain.search.edges.map((edge) => slugOf(edge.node)),
    );
  });

  it("pages through results with cursors", async () => {
    const everything = await data(SEARCH, { query: "fentanyl", first: 100 });
    const total = everything.search.totalCount;
    expect(total).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result: ResultOf<typeof SEARCH> = await data(SEARCH, { query: "fentanyl", first: 8, after });
      seen.push(...result.search.edges.map((edge) => `${edge.node.__typename}:${slugOf(edge.node)}`));
      expect(result.search.totalCount).toBe(total);
      if (!result.search.pageInfo.hasNextPage) break;
      after = result.search.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      everything.search.edges.slice(0, total).map((edge) => `${edge.node.__typename}:${slugOf(edge.node)}`),
    );
  });

  it.each([
    '"',
    '"fentanyl',
    "*",
    "NEAR(",
    "NEAR(fentanyl pills, 5)",
    "OR AND",
    "fentanyl OR",
    "AND NOT",
    "'); DROP TABLE Figure; --",
    "title:fentanyl",
    "^fentanyl",
    "fent* pills",
    "(fentanyl",
    "{fentanyl}",
    "🙂 pills",
    "数据 фентанил",
    "\u0000fentanyl",
    "fen\u0000tanyl \u202e pills",
    "x".repeat(200),
  ])("never breaks on hostile input %j", async (query) => {
    const result = await execute(SEARCH, { query });
    if (result.errors) {
      expect(result.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "query" });
    } else {
      expect(result.status).toBe(200);
      expect(result.data!.search.totalCount).toBeGreaterThanOrEqual(0);
    }
  });

  it("treats operator words as plain words", async () => {
    const result = await data(SEARCH, { query: "NEAR(fentanyl" });
    expect(result.search.totalCount).toBe(0); // "near" and a "fentanyl…" prefix: no record has both
    // "AND" and a lower-case "or" are words: both must match ("or…" as a prefix: "organisation", "order").
    const and = await data(SEARCH, { query: "fentanyl or" });
    expect(and.search.totalCount).toBeLessThan((await data(SEARCH, { query: "fentanyl", first: 1 })).search.totalCount);
    // A trailing upper-case OR has nothing to offer as an alternative: it is dropped.
    const trailing = await data(SEARCH, { query: "fentanyl OR", first: 1 });
    expect(trailing.search.totalCount).toBe((await data(SEARCH, { query: "fentanyl", first: 1 })).search.totalCount);
  });

  it("rejects an empty query, a query without letters or digits, and an overlong query", async () => {
    for (const query of ["", "   ", '" * ( )']) {
      const error = await firstError(SEARCH, { query });
      expect(error).toMatchObject({ code: "BAD_USER_INPUT", argument: "query" });
      expect(error.message).toContain('Argument "query"');
    }
    const long = await firstError(SEARCH, { query: "a".repeat(201) });
    expect(long).toMatchObject({ code: "BAD_USER_INPUT", argument: "query" });
  });

  it("leaves the database intact after hostile input", async () => {
    await execute(SEARCH, { query: '\'); DROP TABLE "SearchIndex"; --' });
    expect((await data(SEARCH, { query: "fentanyl", first: 1 })).search.totalCount).toBeGreaterThan(0);
    expect((await data(graphql(`{ figures { totalCount } }`))).figures.totalCount).toBeGreaterThan(0);
  });
  it("finds a quoted phrase only where its words stand in that order", async () => {
    const phrase = await data(SEARCH, { query: '"lethal dose"', first: 50 });
    expect(phrase.search.totalCount).toBeGreaterThan(0);
    for (const edge of phrase.search.edges) expect(edge.snippet.toLowerCase()).toMatch(/«lethal dose|«lethal» «dose/);
    const reversed = await data(SEARCH, { query: '"dose lethal"', first: 50 });
    expect(reversed.search.totalCount).toBe(0);
  });

  it("gives the union of the alternatives of OR", async () => {
    const count = async (query: string) => (await data(SEARCH, { query, first: 1 })).search.totalCount;
    const [snapchat, instagram, either] = await Promise.all([
      count("snapchat"),
      count("instagram"),
      count("snapchat OR instagram"),
    ]);
    expect(either).toBeGreaterThanOrEqual(Math.max(snapchat, instagram));
    expect(either).toBeLessThanOrEqual(snapchat + instagram);
  });

  it("ranks a record whose title is exactly the query first", async () => {
    const result = await data(SEARCH, { query: "Anne Milgram", first: 5 });
    expect(result.search.edges[0]!.node).toMatchObject({ __typename: "Person" });
    expect(result.search.edges[0]!.score).toBeGreaterThan(1000);
  });

  it("finds a figure by its metric's name and description, not only by its own words", async () => {
    // fig-ast-lethal-pill-share says "four out of ten … at least two milligrams"; its metric is
    // "Share of fake pills with a lethal dose".
    const result = await data(SEARCH, { query: "lethal dose", kinds: ["FIGURE"], first: 50 });
    expect(result.search.edges.map((edge) => slugOf(edge.node))).toContain("fig-ast-lethal-pill-share");
    const byUnit = await data(SEARCH, { query: "out of ten", kinds: ["FIGURE"], first: 50 });
    expect(byUnit.search.edges.map((edge) => slugOf(edge.node))).toContain("fig-ast-lethal-pill-share");
  });

  it("finds an organisation by an alias", async () => {
    const result = await data(SEARCH, { query: "DEA", kinds: ["ORGANISATION"], first: 5 });
    expect(result.search.edges.map((edge) => slugOf(edge.node))).toContain("org-dea");
  });
});
