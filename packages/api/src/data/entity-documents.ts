/**
 * The documents that name each entity (`mentionedIn` of people, organisations, places …): the
 * documents of its mentions and of the records already linked to it (figures about it or stated
 * by it, quotations it spoke, evidence spans that date it), distinct, as one statement for every
 * entity of a page, kept per entity for the life of the process (the data do not change while it
 * runs).
 */
import { sql as raw } from "kysely";
import { LRUCache } from "lru-cache";
import type { Mention } from "../generated/prisma/client.js";
import { all, sql } from "./database.js";
import { ROWS_PER_TABLE } from "./rows.js";

/** The models whose records are entities a document can mention. */
export type EntityModel = "Person" | "Organisation" | "Place" | "Substance" | "Operation" | "Event" | "LegalCase";

/** For each entity kind: its model and the Mention column that names it (exactly one is set). */
export const MENTION_KINDS = {
  PERSON: { model: "Person", column: "personId" },
  ORGANISATION: { model: "Organisation", column: "organisationId" },
  PLACE: { model: "Place", column: "placeId" },
  SUBSTANCE: { model: "Substance", column: "substanceId" },
  OPERATION: { model: "Operation", column: "operationId" },
  EVENT: { model: "Event", column: "eventId" },
  LEGAL_CASE: { model: "LegalCase", column: "legalCaseId" },
} as const satisfies Record<Mention["entityKind"], { model: EntityModel; column: keyof Mention }>;

/** A link from an entity to a document: a table, the column naming the entity, and how the document is reached. */
interface Link {
  table: "Mention" | "Figure" | "FigureSubject" | "Quote" | "Evidence";
  column: string;
  /** What the description of `mentionedIn` says this link is. */
  says: string;
}

const mention = (column: string): Link => ({ table: "Mention", column, says: "mentions of it" });
const subject = (column: string): Link => ({ table: "FigureSubject", column, says: "figures it is a subject of" });

/** Every link from an entity of each model to documents (the first is always its mentions). */
export const ENTITY_LINKS: Record<EntityModel, readonly Link[]> = {
  Person: [
    mention("personId"),
    subject("personId"),
    { table: "Figure", column: "statedByPersonId", says: "figures attributed to it" },
    { table: "Quote", column: "speakerId", says: "quotations attributed to it" },
  ],
  Organisation: [
    mention("organisationId"),
    subject("organisationId"),
    { table: "Figure", column: "statedByOrganisationId", says: "figures attributed to it" },
  ],
  Place: [mention("placeId"), { table: "Figure", column: "placeId", says: "figures about it" }],
  Substance: [mention("substanceId"), subject("substanceId")],
  Operation: [
    mention("operationId"),
    subject("operationId"),
    { table: "Evidence", column: "operationId", says: "evidence spans stating its dates" },
  ],
  Event: [
    mention("eventId"),
    { table: "Evidence", column: "eventId", says: "evidence spans stating its date" },
    { table: "Quote", column: "eventId", says: "quotations spoken at it" },
  ],
  LegalCase: [mention("legalCaseId"), subject("legalCaseId")],
};

/** The one SELECT of (entity, document) pairs of one link, for the entities `ids`. */
function linkQuery(link: Link, ids: readonly string[]) {
  const entity = raw.ref(`${link.table}.${link.column}`);
  const list = raw.join(ids.map((id) => raw`${id}`));
  if (link.table === "FigureSubject") {
    return raw`select ${entity} as "entity", "Figure"."documentId" as "document" from "FigureSubject" join "Figure" on "Figure"."id" = "FigureSubject"."figureId" where ${entity} in (${list})`;
  }
  return raw`select ${entity} as "entity", ${raw.ref(`${link.table}.documentId`)} as "document" from ${raw.table(link.table)} where ${entity} in (${list})`;
}

/** Most entities bound in one statement (each is bound once per link). */
const ENTITIES_PER_STATEMENT = 200;

const caches = new Map<EntityModel, LRUCache<string, string[]>>();

/**
 * The ids of the documents that name each entity of `model` (distinct, by document id), in the
 * order of `ids`: one statement per ENTITIES_PER_STATEMENT entities not seen before.
 */
export function entityDocumentIds(model: EntityModel, ids: readonly string[]): string[][] {
  let cache = caches.get(model);
  if (!cache) {
    cache = new LRUCache<string, string[]>({ max: ROWS_PER_TABLE });
    caches.set(model, cache);
  }
  const missing = [...new Set(ids.filter((id) => !cache.has(id)))];
  for (let offset = 0; offset < missing.length; offset += ENTITIES_PER_STATEMENT) {
    const chunk = missing.slice(offset, offset + ENTITIES_PER_STATEMENT);
    const union = raw.join(
      ENTITY_LINKS[model].map((link) => linkQuery(link, chunk)),
      raw` union `,
    );
    // UNION (not UNION ALL) keeps each pair once.
    const query = raw<{ entity: string; document: string }>`select "entity", "document" from (${union})`;
    const found = new Map<string, string[]>(chunk.map((id) => [id, []]));
    for (const row of all({ compile: () => query.compile(sql) })) found.get(row.entity)?.push(row.document);
    for (const [id, documents] of found) cache.set(id, documents.sort());
  }
  return ids.map((id) => cache.get(id) ?? []);
}
