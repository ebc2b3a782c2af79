/**
 * How the documents name entities: `Mention` (the words of one document that name one entity,
 * with their offsets), the `Entity` union, and on every entity type its `aliases`, its `mentions`
 * and the documents that name it (`mentionedIn`); on Document, its `mentions`.
 *
 * The text around a mention is not stored (documents are not kept in the database): a mention
 * gives its own words and offsets into its document, which `Document.evidence` spans share.
 */
import { brandWithType, type UnionRef } from "@pothos/core";
import { type BuilderTypes, builder } from "../builder.js";
import type { GraphQLContext } from "../context.js";
import { ENTITY_LINKS, type EntityModel, entityDocumentIds, MENTION_KINDS } from "../data/entity-documents.js";
import { type Row, rowsByKey } from "../data/rows.js";
import type {
  Document,
  Event,
  LegalCase,
  Mention,
  Operation,
  Organisation,
  Person,
  Place,
  Substance,
} from "../generated/prisma/client.js";
import { memberDoc } from "../prisma-docs.js";
import {
  DocumentConnection,
  DocumentRef,
  EventRef,
  LegalCaseRef,
  MentionConnection,
  OperationRef,
  OrganisationRef,
  PersonRef,
  PlaceRef,
  SubstanceRef,
} from "./refs.js";
import { type PageArgs, pageOf } from "./shared/array-page.js";
import { EntityKindEnum } from "./shared/enums.js";

// ---------------------------------------------------------------------------------------------
// The entity a mention names.

type EntityShape = Person | Organisation | Place | Substance | Operation | Event | LegalCase;

export const EntityUnion: UnionRef<BuilderTypes, EntityShape> = builder.unionType("Entity", {
  description:
    "Something the documents name: a person, organisation, place, substance, operation, event or legal case.",
  types: () => [PersonRef, OrganisationRef, PlaceRef, SubstanceRef, OperationRef, EventRef, LegalCaseRef],
});

builder.prismaNode("Mention", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    // Through the request's row loader (data/rows.ts): the mentions of a page share a few documents.
    document: t.field({
      type: DocumentRef,
      description: memberDoc("Mention", "document"),
      resolve: (mention, _args, context) => context.rows.required("Document", mention.documentId),
    }),
    start: t.exposeInt("start"),
    end: t.exposeInt("end"),
    text: t.exposeString("text"),
    entityKind: t.expose("entityKind", { type: EntityKindEnum }),
    entity: t.field({
      type: EntityUnion,
      description:
        "The entity the words name, of the kind `entityKind` says: a Person, Organisation, Place, Substance, Operation, Event or LegalCase.",
      resolve: async (mention, _args, context) => {
        const { model, column } = MENTION_KINDS[mention.entityKind];
        const id = mention[column];
        if (id === null) throw new Error(`Mention ${mention.id} is of kind ${mention.entityKind} but has no ${column}`);
        const entity = await context.rows.required(model, id);
        brandWithType(entity, model as never);
        return entity as never;
      },
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// The documents that name an entity (few: they are loaded whole, then paged).

/** Documents by publication date (unknown dates first), then slug: the default order of `Query.documents`. */
function byPublication(a: Row<"Document">, b: Row<"Document">): number {
  if (a.publishedStart !== b.publishedStart) {
    if (a.publishedStart === null) return -1;
    if (b.publishedStart === null) return 1;
    return a.publishedStart < b.publishedStart ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The documents naming each of `ids`, in publication order: two statements for a page of entities at most. */
function documentsNaming(model: EntityModel, ids: readonly string[]): Document[][] {
  const lists = entityDocumentIds(model, ids);
  const rows = new Map<string, Document>();
  const keys = [...new Set(lists.flat())];
  rowsByKey("Document", keys).forEach((row, index) => {
    if (row) rows.set(keys[index]!, row);
  });
  return lists.map((list) =>
    list
      .map((id) => {
        const row = rows.get(id);
        if (!row) throw new Error(`Document ${id} is referenced but does not exist`);
        return row;
      })
      .sort(byPublication),
  );
}

/** The `mentionedIn` page of one entity; the entities asked for in one tick are read together. */
async function mentionedIn(model: EntityModel, id: string, args: PageArgs, context: GraphQLContext) {
  const documents = await context.rows
    .batch(`mentionedIn:${model}`, (keys: readonly string[]) => documentsNaming(model, keys))
    .load(id);
  return pageOf(documents, (document) => document.id, args);
}

// ---------------------------------------------------------------------------------------------
// The fields every entity type gets.

/** Splits the comma-separated aliases column into the list (empty when none). */
export function splitAliases(aliases: string | null): string[] {
  return (aliases ?? "")
    .split(",")
    .map((alias) => alias.trim())
    .filter(Boolean);
}

const aliasesDescription = "Other names the documents use for it; empty when none.";

const mentionsQuery = { orderBy: [{ documentId: "asc" as const }, { start: "asc" as const }] };

function mentionsDescription(noun: string): string {
  return `Where the documents name this ${noun}: every mention, with the words as written and their offsets, in reading order (document, then position in it).`;
}

function mentionedInDescription(model: EntityModel, noun: string, note = ""): string {
  const links = ENTITY_LINKS[model].map((link) => link.says);
  const listed = links.length > 1 ? `${links.slice(0, -1).join(", ")} and ${links[links.length - 1]}` : links[0];
  return `The documents that name this ${noun}, each once, by publication date (undated first): the documents of ${listed}.${note}`;
}

builder.prismaObjectFields("Person", (t) => ({
  aliases: t.stringList({
    description: aliasesDescription,
    select: { aliases: true },
    resolve: (person) => splitAliases(person.aliases),
  }),
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("person"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription("Person", "person", " The documents the person wrote are in `authored`."),
    args: t.arg.connectionArgs(),
    resolve: (person, args, context) => mentionedIn("Person", person.id, args, context),
  }),
}));

builder.prismaObjectFields("Organisation", (t) => ({
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("organisation"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription(
      "Organisation",
      "organisation",
      " The documents an outlet published are in `documents`.",
    ),
    args: t.arg.connectionArgs(),
    resolve: (organisation, args, context) => mentionedIn("Organisation", organisation.id, args, context),
  }),
}));

builder.prismaObjectFields("Place", (t) => ({
  aliases: t.stringList({
    description: aliasesDescription,
    select: { aliases: true },
    resolve: (place) => splitAliases(place.aliases),
  }),
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("place"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription("Place", "place", " Places inside this one are not included."),
    args: t.arg.connectionArgs(),
    resolve: (place, args, context) => mentionedIn("Place", place.id, args, context),
  }),
}));

builder.prismaObjectFields("Substance", (t) => ({
  aliases: t.stringList({
    description: aliasesDescription,
    select: { aliases: true },
    resolve: (substance) => splitAliases(substance.aliases),
  }),
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("substance"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription("Substance", "substance", " Narrower substances are not included."),
    args: t.arg.connectionArgs(),
    resolve: (substance, args, context) => mentionedIn("Substance", substance.id, args, context),
  }),
}));

builder.prismaObjectFields("Operation", (t) => ({
  aliases: t.stringList({
    description: aliasesDescription,
    select: { aliases: true },
    resolve: (operation) => splitAliases(operation.aliases),
  }),
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("operation"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription("Operation", "operation"),
    args: t.arg.connectionArgs(),
    resolve: (operation, args, context) => mentionedIn("Operation", operation.id, args, context),
  }),
}));

builder.prismaObjectFields("Event", (t) => ({
  aliases: t.stringList({
    description: aliasesDescription,
    select: { aliases: true },
    resolve: (event) => splitAliases(event.aliases),
  }),
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("event"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription("Event", "event"),
    args: t.arg.connectionArgs(),
    resolve: (event, args, context) => mentionedIn("Event", event.id, args, context),
  }),
}));

builder.prismaObjectFields("LegalCase", (t) => ({
  aliases: t.stringList({
    description: aliasesDescription,
    select: { aliases: true },
    resolve: (legalCase) => splitAliases(legalCase.aliases),
  }),
  mentions: t.relatedConnection(
    "mentions",
    { cursor: "id", totalCount: true, description: mentionsDescription("legal case"), query: mentionsQuery },
    MentionConnection,
  ),
  mentionedIn: t.field({
    type: DocumentConnection,
    description: mentionedInDescription("LegalCase", "legal case"),
    args: t.arg.connectionArgs(),
    resolve: (legalCase, args, context) => mentionedIn("LegalCase", legalCase.id, args, context),
  }),
}));

builder.prismaObjectField("Document", "mentions", (t) =>
  t.relatedConnection(
    "mentions",
    {
      cursor: "id",
      totalCount: true,
      description:
        "The entity mentions in this document, in reading order (position in the text), optionally only those of some kinds.",
      args: {
        entityKind: t.arg({ type: [EntityKindEnum], description: "Only mentions of entities of one of these kinds." }),
      },
      query: (args) => ({
        where: args.entityKind ? { entityKind: { in: args.entityKind } } : {},
        orderBy: [{ start: "asc" }, { id: "asc" }],
      }),
    },
    MentionConnection,
  ),
);
