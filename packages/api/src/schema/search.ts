/**
 * `search(query:)`: ranked full-text search over figures, quotations, entities and documents,
 * backed by the SQLite FTS5 table `SearchIndex` (prisma/migrations/…_search_index).
 *
 * User input never reaches FTS5 as syntax: every word becomes a quoted FTS5 string (double quotes
 * doubled), the words are ANDed, and only the last one is a prefix (`"fake" "pil"*`). The match
 * expression is passed as a bound parameter.
 */
import { brandWithType, getTypeBrand } from "@pothos/core";
import { queryFromInfo } from "@pothos/plugin-prisma";
import { resolveArrayConnection } from "@pothos/plugin-relay";
import type { GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.js";
import type { GraphQLContext } from "../context.js";
import { prisma } from "../db.js";
import { badUserInput } from "../errors.js";
import {
  ClaimRef,
  DocumentRef,
  EventRef,
  FigureRef,
  LegalCaseRef,
  OperationRef,
  OrganisationRef,
  PersonRef,
  PlaceRef,
  QuoteRef,
  SubstanceRef,
} from "./refs.js";
import { cursorExtensions } from "./shared/connections.js";

/** The searchable kinds: GraphQL type name → Prisma delegate name. */
/** The kinds of record `search` returns: the models of the SearchIndex. */
type SearchTypeName =
  | "Figure"
  | "Quote"
  | "Document"
  | "Organisation"
  | "Person"
  | "Place"
  | "Substance"
  | "Operation"
  | "LegalCase"
  | "Event"
  | "Claim";

/** The Prisma selection `queryFromInfo` gives for one type of result. */
type ResultQuery = ReturnType<typeof queryFromInfo>;

/**
 * How the records of each kind of result are read, with the selection of the GraphQL query. One
 * typed call per model (a lookup of `prisma[name]` would be a union of delegates, not callable).
 */
const findRecords: Record<
  SearchTypeName,
  (query: ResultQuery, where: { id: { in: string[] } }) => Promise<{ id: string }[]>
> = {
  Figure: (query, where) => prisma.figure.findMany({ ...query, where }),
  Quote: (query, where) => prisma.quote.findMany({ ...query, where }),
  Document: (query, where) => prisma.document.findMany({ ...query, where }),
  Organisation: (query, where) => prisma.organisation.findMany({ ...query, where }),
  Person: (query, where) => prisma.person.findMany({ ...query, where }),
  Place: (query, where) => prisma.place.findMany({ ...query, where }),
  Substance: (query, where) => prisma.substance.findMany({ ...query, where }),
  Operation: (query, where) => prisma.operation.findMany({ ...query, where }),
  LegalCase: (query, where) => prisma.legalCase.findMany({ ...query, where }),
  Event: (query, where) => prisma.event.findMany({ ...query, where }),
  Claim: (query, where) => prisma.claim.findMany({ ...query, where }),
};

export const SearchKindEnum = builder.enumType("SearchKind", {
  description: "A kind of record `search` can return.",
  values: {
    FIGURE: {
      value: "Figure",
      description:
        'Figures (their label, unit as written and its name, note, the words of their evidence, and their metric\'s name and description: "lethal dose" finds the share of pills with a lethal dose).',
    },
    QUOTE: { value: "Quote", description: "Quotations and paraphrases (their words and unnamed speaker)." },
    DOCUMENT: { value: "Document", description: "Source documents (title, outlet, summary)." },
    ORGANISATION: { value: "Organisation", description: "Organisations (name, aliases, description)." },
    PERSON: { value: "Person", description: "People (name, aliases, role)." },
    PLACE: { value: "Place", description: "Places (name, aliases)." },
    SUBSTANCE: { value: "Substance", description: "Substances (name, aliases, description)." },
    OPERATION: { value: "Operation", description: "Operations and campaigns (name, aliases, description)." },
    LEGAL_CASE: { value: "LegalCase", description: "Legal cases (name, aliases, description, jurisdiction)." },
    EVENT: { value: "Event", description: "Events (name, aliases)." },
    CLAIM: { value: "Claim", description: "Claims (title, explanation)." },
  } as const,
});

/** A term of a search: a word or a quoted phrase (its words in order). */
type SearchTerm = { kind: "word" | "phrase"; text: string };

/** Quoted for FTS5: inside double quotes, a double quote is doubled; the text is one word or one phrase. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const searchable = (text: string) => /[\p{L}\p{N}]/u.test(text);

/**
 * Turns user input into a safe FTS5 match expression and the text an exact title would equal, or
 * null when it has no searchable word.
 *
 * The input is a small language of its own, never FTS5 syntax: words must all match (the last one
 * as a prefix, for search-as-you-type); `"lethal dose"` in double quotes is a phrase, its words in
 * that order; an upper-case `OR` between terms gives alternatives (`fentanyl OR heroin`). Everything
 * else is text: `*`, `NEAR(`, `AND`, `-` and parentheses are quoted like any word. Control and
 * format characters (NUL would end the string inside SQLite) become spaces; terms without a letter
 * or digit are dropped (FTS5's tokenizer would drop them anyway); an unpaired quote is a space.
 */
export function searchQuery(input: string): { match: string; exact: string | null } | null {
  const groups = parseSearch(input);
  if (groups.length === 0) return null;
  const last = groups.at(-1)?.at(-1);
  const expression = groups.map((terms) =>
    terms
      .map((term) => (term === last && term.kind === "word" ? `${quoted(term.text)}*` : quoted(term.text)))
      .join(" "),
  );
  return {
    match: expression.length === 1 ? (expression[0] ?? "") : expression.map((group) => `(${group})`).join(" OR "),
    // A single alternative names one record by its words and phrases: a title equal to that text
    // (ignoring case) ranks first. An OR search names several things, so none.
    exact: groups.length === 1 ? (groups[0]?.map((term) => term.text).join(" ") ?? null) : null,
  };
}

/** The alternatives of a search (split on `OR`), each the terms that must all match; empty ones dropped. */
function parseSearch(input: string): SearchTerm[][] {
  const text = input.normalize("NFKC").replace(/[\p{Cc}\p{Cf}]/gu, " ");
  // An unpaired quote is not a phrase: with an odd count, the last quote is a space.
  const quotes = [...text.matchAll(/"/g)].length;
  const balanced =
    quotes % 2 === 0 ? text : `${text.slice(0, text.lastIndexOf('"'))} ${text.slice(text.lastIndexOf('"') + 1)}`;
  const groups: SearchTerm[][] = [[]];
  for (const match of balanced.matchAll(/"([^"]*)"|(\S+)/gu)) {
    const [, phrase, word] = match;
    if (word === "OR") {
      groups.push([]);
      continue;
    }
    if (phrase !== undefined) {
      const words = phrase.split(/\s+/u).filter(searchable);
      if (words.length > 0) groups[groups.length - 1]?.push({ kind: "phrase", text: words.join(" ") });
    } else if (word !== undefined && searchable(word)) {
      groups[groups.length - 1]?.push({ kind: "word", text: word });
    }
  }
  return groups.filter((terms) => terms.length > 0);
}

interface Hit {
  type: SearchTypeName;
  id: string;
  score: number;
  snippet: string;
}

/** Runs the FTS5 query and maps evidence hits to the figure or quotation that owns the span. */
/**
 * Added to the relevance of a record whose title is exactly the search text (ignoring ASCII case):
 * far above any BM25 score of this dataset, so "snapchat" ranks Snapchat itself first.
 */
export const EXACT_TITLE_BOOST = 1000;

async function searchHits(
  match: string,
  exact: string | null,
  kinds: readonly SearchTypeName[] | null | undefined,
): Promise<Hit[]> {
  // bm25 is lower for better matches (the API negates it): the boost is subtracted.
  const rows = await prisma.$queryRawUnsafe<{ kind: string; id: string; score: number; snippet: string }[]>(
    `SELECT kind, id,
            bm25("SearchIndex", 0.0, 0.0, 10.0, 1.0) - (CASE WHEN lower(title) = lower(?) THEN ${EXACT_TITLE_BOOST} ELSE 0 END) AS score,
            snippet("SearchIndex", -1, '«', '»', '…', 16) AS snippet
       FROM "SearchIndex" WHERE "SearchIndex" MATCH ? ORDER BY score LIMIT 2000`,
    exact ?? "",
    match,
  );
  const evidenceIds = rows.filter((row) => row.kind === "Evidence").map((row) => row.id);
  const owners = new Map<string, { type: SearchTypeName; id: string }>();
  if (evidenceIds.length > 0) {
    const [figures, quotes] = await Promise.all([
      prisma.figure.findMany({ where: { evidenceId: { in: evidenceIds } }, select: { id: true, evidenceId: true } }),
      prisma.quote.findMany({ where: { evidenceId: { in: evidenceIds } }, select: { id: true, evidenceId: true } }),
    ]);
    for (const figure of figures) owners.set(figure.evidenceId, { type: "Figure", id: figure.id });
    for (const quote of quotes) owners.set(quote.evidenceId, { type: "Quote", id: quote.id });
  }
  const best = new Map<string, Hit>();
  for (const row of rows) {
    const target = row.kind === "Evidence" ? owners.get(row.id) : { type: row.kind as SearchTypeName, id: row.id };
    if (!target || !(target.type in findRecords)) continue;
    if (kinds && !kinds.includes(target.type)) continue;
    const key = `${target.type}:${target.id}`;
    const score = Number(row.score);
    const previous = best.get(key);
    if (!previous || score < previous.score) best.set(key, { ...target, score, snippet: row.snippet });
  }
  return [...best.values()].sort(
    (a, b) => a.score - b.score || a.type.localeCompare(b.type) || a.id.localeCompare(b.id),
  );
}

/** Loads the records of one page, spreading the GraphQL selection under `edges.node` into Prisma. */
async function loadPage(hits: Hit[], context: GraphQLContext, info: GraphQLResolveInfo) {
  const byType = new Map<SearchTypeName, string[]>();
  for (const hit of hits) byType.set(hit.type, [...(byType.get(hit.type) ?? []), hit.id]);
  const loaded = new Map<string, object>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const query = queryFromInfo({ context, info, typeName: type, path: ["edges", "node"] });
      const records = await findRecords[type](query, { id: { in: ids } });
      for (const record of records) {
        brandWithType(record, type as never);
        loaded.set(`${type}:${record.id}`, record);
      }
    }),
  );
  return loaded;
}

export const SearchResultUnion = builder.unionType("SearchResult", {
  description: "A record found by `search`: a figure, quotation, document or entity.",
  types: () => [
    FigureRef,
    QuoteRef,
    DocumentRef,
    OrganisationRef,
    PersonRef,
    PlaceRef,
    SubstanceRef,
    OperationRef,
    LegalCaseRef,
    EventRef,
    ClaimRef,
  ],
  resolveType: (value) => getTypeBrand(value) as string,
});

interface SearchEdgeShape {
  cursor: string;
  node: object;
  score: number;
  snippet: string;
}

export const SearchResultConnection = builder.connectionObject(
  {
    type: SearchResultUnion,
    name: "SearchResultConnection",
    extensions: cursorExtensions({ kind: "offset" }),
    description: "A page of search results, most relevant first, with the number of matching records in `totalCount`.",
    fields: (t) => ({
      totalCount: t.int({
        description: "Number of records that match the query (after `kinds`), not just this page.",
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  {
    name: "SearchResultEdge",
    description: "One search result, with its cursor, relevance and the matching words.",
    fields: (t) => ({
      score: t.float({
        description:
          "Relevance: the negated FTS5 BM25 rank (higher is more relevant; title matches weigh ten times the rest), plus 1000 when the title is exactly the search text.",
        resolve: (edge) => (edge as unknown as SearchEdgeShape).score,
      }),
      snippet: t.string({
        description: "The best-matching passage, with matched words between « and » and elisions marked …",
        resolve: (edge) => (edge as unknown as SearchEdgeShape).snippet,
      }),
    }),
  },
);

builder.queryField("search", (t) =>
  t.connection(
    {
      type: SearchResultUnion,
      description:
        'Full-text search over figures, quotations, documents and entities, ranked by relevance (FTS5 BM25; English stemming, case- and accent-insensitive), a record whose title is exactly the query first. Every word must match; the last word also matches as a prefix. `"lethal dose"` in double quotes matches the phrase, and an upper-case `OR` between words gives alternatives (`fentanyl OR heroin`). Other operators and punctuation are plain text.',
      args: {
        query: t.arg.string({
          required: true,
          description:
            'The words to look for (at least one letter or digit), e.g. "fentanyl seized", "Snapch", "\\"lethal dose\\"" or "fentanyl OR heroin".',
        }),
        kinds: t.arg({ type: [SearchKindEnum], description: "Only return records of these kinds (default: all)." }),
      },
      resolve: async (_root, args, context, info) => {
        // Its length is bounded before execution (MAX_TEXT_LENGTH, plugins/argument-validation.ts).
        const query = args.query;
        const parsed = searchQuery(query);
        if (!parsed) {
          throw badUserInput(
            "query",
            `Argument "query" must contain at least one letter or digit (got ${JSON.stringify(query)}).`,
          );
        }
        const hits = await searchHits(parsed.match, parsed.exact, args.kinds as SearchTypeName[] | null | undefined);
        const connection = resolveArrayConnection({ args }, hits);
        const loaded = await loadPage(
          connection.edges.map((edge) => edge.node),
          context,
          info,
        );
        const edges = connection.edges
          .map((edge) => {
            const node = loaded.get(`${edge.node.type}:${edge.node.id}`);
            return node ? { cursor: edge.cursor, node, score: -edge.node.score, snippet: edge.node.snippet } : null;
          })
          .filter((edge): edge is SearchEdgeShape => edge !== null);
        return { ...connection, edges, totalCount: hits.length } as never;
      },
    },
    SearchResultConnection,
  ),
);
