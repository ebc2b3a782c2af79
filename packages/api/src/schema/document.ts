/**
 * Documents (the source articles), their authors, evidence spans with their marks, exclusions,
 * and citations (OWID-style: outlet, title, date, "processed by Fentrace").
 */
import { builder } from "../builder.js";
import { citationFor } from "../citation.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import { CitationRef, citableDocument } from "./citation.js";
import { figureListField } from "./figure.js";
import { quoteListArgs, quoteOrderBy, quoteWhere } from "./quote.js";
import {
  AuthorshipConnection,
  DocumentConnection,
  DocumentRef,
  EvidenceConnection,
  EvidenceMarkConnection,
  ExclusionConnection,
  OrganisationRef,
  QuoteConnection,
} from "./refs.js";
import { MarkRoleEnum, TitleSourceEnum } from "./shared/enums.js";
import { allOf, oneOf, PeriodFilter, periodWhere, StringFilter, stringWhere } from "./shared/filters.js";
import type { OrderByOf, WhereOf } from "./shared/models.js";
import { defineOrder, orderByFrom, SortDirectionEnum } from "./shared/ordering.js";
import { DateIntervalRef } from "./shared/scalars.js";

// ---------------------------------------------------------------------------------------------
// Evidence and marks.

export const EvidenceMarkRef = builder.prismaObject("EvidenceMark", {
  fields: (t) => ({
    role: t.expose("role", { type: MarkRoleEnum }),
    start: t.exposeInt("start"),
    end: t.exposeInt("end"),
    text: t.exposeString("text"),
    evidence: t.relation("evidence"),
  }),
});

builder.prismaNode("Evidence", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    text: t.exposeString("text"),
    start: t.exposeInt("start"),
    end: t.exposeInt("end"),
    // Through the request's row loader (data/rows.ts): a page's evidence shares a few documents.
    document: t.field({
      type: DocumentRef,
      description: memberDoc("Evidence", "document"),
      resolve: (evidence, _args, context) => context.rows.required("Document", evidence.documentId),
    }),
    marks: t.relatedConnection(
      "marks",
      {
        cursor: "id",
        totalCount: true,
        args: { role: t.arg({ type: [MarkRoleEnum], description: "Only marks with one of these roles." }) },
        query: (args) => ({
          where: args.role ? { role: { in: args.role } } : {},
          orderBy: [{ start: "asc" }, { id: "asc" }],
        }),
      },
      EvidenceMarkConnection,
    ),
    figure: t.relation("figure", { nullable: true }),
    quote: t.relation("quote", { nullable: true }),
    event: t.relation("event", { nullable: true }),
    operation: t.relation("operation", { nullable: true }),
    defendant: t.relation("defendant", { nullable: true }),
    exclusion: t.relation("exclusion", { nullable: true }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Exclusions.

export const ExclusionRef = builder.prismaNode("Exclusion", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    reason: t.exposeString("reason"),
    document: t.relation("document"),
    evidence: t.relation("evidence"),
  }),
});

export const ExclusionFilter = builder.inputType("ExclusionFilter", {
  description: "Conditions on exclusions; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The exclusion is one of these (global IDs or slugs)." }),
    document: t.idList({ description: "The exclusion is in one of these documents." }),
    reason: t.field({ type: StringFilter, description: "Conditions on the reason." }),
  }),
});

function exclusionWhere(filter: typeof ExclusionFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Exclusion">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Exclusion", `${path}.id`)) },
      { documentId: oneOf(filter.document && resolveRefs(filter.document, "Document", `${path}.document`)) },
      filter.reason ? { reason: stringWhere(filter.reason, `${path}.reason`) } : undefined,
    ]) ?? {}
  );
}

const exclusionOrder = defineOrder(
  "Exclusion",
  "exclusions",
  {
    DOCUMENT_POSITION: {
      description: "The document (by slug), then the position of the excluded words in it: reading order.",
      orderBy: (direction) => [{ documentId: direction }, { evidence: { start: direction } }],
    },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ documentId: "asc" }, { evidence: { start: "asc" } }],
  { id: "asc" },
);

// ---------------------------------------------------------------------------------------------
// Documents.

export const AuthorshipRef = builder.prismaObject("DocumentAuthor", {
  name: "Authorship",
  description: "One author of a document, with the position in the byline.",
  fields: (t) => ({
    position: t.exposeInt("position"),
    person: t.relation("person", { description: "The author." }),
    document: t.relation("document"),
  }),
});

export const DocumentFilter = builder.inputType("DocumentFilter", {
  description: "Conditions on documents; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The document is one of these (global IDs or slugs)." }),
    title: t.field({ type: StringFilter, description: "Conditions on the title." }),
    outlet: t.field({ type: StringFilter, description: "Conditions on the outlet's name." }),
    published: t.field({ type: PeriodFilter, description: "Conditions on the publication date interval." }),
    titleSource: t.field({ type: [TitleSourceEnum], description: "The title's source is one of these." }),
    author: t.idList({ description: "One of these people is an author." }),
  }),
});

export function documentWhere(filter: typeof DocumentFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Document">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Document", `${path}.id`)) },
      filter.title ? { title: stringWhere(filter.title, `${path}.title`) } : undefined,
      filter.outlet ? { outletName: stringWhere(filter.outlet, `${path}.outlet`) } : undefined,
      periodWhere(
        filter.published,
        (clause): WhereOf<"Document"> => ({
          publishedStart: clause.start,
          publishedEnd: clause.end,
          publishedPrecision: clause.precision,
          publishedInferred: clause.inferred,
        }),
        `${path}.published`,
      ),
      { titleSource: oneOf(filter.titleSource) },
      filter.author
        ? { authors: { some: { personId: { in: resolveRefs(filter.author, "Person", `${path}.author`) } } } }
        : undefined,
    ]) ?? {}
  );
}

export const DocumentOrderField = builder.enumType("DocumentOrderField", {
  description: "What to sort documents by.",
  values: {
    PUBLISHED: { description: "First day of the publication date interval." },
    TITLE: { description: "The title, alphabetically." },
    OUTLET: { description: "The outlet's name, alphabetically." },
    SLUG: { description: "The slug (readable id)." },
  } as const,
});

export const DocumentOrder = builder.inputType("DocumentOrder", {
  description: "One sort key for documents. Ties are broken by the next key, and finally by the slug.",
  fields: (t) => ({
    field: t.field({ type: DocumentOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirectionEnum, defaultValue: "asc", description: "Sort direction; default ASC." }),
  }),
});

export function documentOrderBy(
  order: readonly (typeof DocumentOrder.$inferInput)[] | null | undefined,
): OrderByOf<"Document">[] {
  return orderByFrom<typeof DocumentOrderField.$inferType, OrderByOf<"Document">>(
    order,
    {
      // Empty dates first (ASC) or last (DESC) is SQLite's own order for NULLs, so the plain
      // direction is given: `{ sort, nulls }` would make Prisma wrap the column in a
      // `CASE WHEN … IS NULL` that no index can serve. (PostgreSQL sorts NULLs the other way.)
      PUBLISHED: (direction) => ({ publishedStart: direction }),
      TITLE: (direction) => ({ title: direction }),
      OUTLET: (direction) => ({ outletName: direction }),
      SLUG: (direction) => ({ id: direction }),
    },
    [{ publishedStart: { sort: "asc", nulls: "first" } }],
    { id: "asc" },
  );
}

builder.prismaNode("Document", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    fileName: t.exposeString("fileName"),
    title: t.exposeString("title"),
    titleSource: t.expose("titleSource", { type: TitleSourceEnum }),
    outletName: t.exposeString("outletName"),
    outletBasis: t.exposeString("outletBasis"),
    outlet: t.field({
      type: OrganisationRef,
      nullable: true,
      description: memberDoc("Document", "outlet"),
      resolve: (document, _args, context) =>
        document.outletId === null ? null : context.rows.one("Organisation", document.outletId),
    }),
    published: t.field({
      type: DateIntervalRef,
      description:
        "When the document was published, as an interval with precision; `inferred` and `basis` say how it was established.",
      resolve: (document) => ({
        start: document.publishedStart,
        end: document.publishedEnd,
        precision: document.publishedPrecision,
        inferred: document.publishedInferred,
        basis: document.publishedBasis,
      }),
    }),
    sha256: t.exposeString("sha256"),
    length: t.exposeInt("length"),
    summary: t.exposeString("summary"),
    authors: t.relatedConnection(
      "authors",
      { cursor: "documentId_personId", totalCount: true, query: { orderBy: { position: "asc" } } },
      AuthorshipConnection,
    ),
    evidence: t.relatedConnection(
      "evidence",
      { cursor: "id", totalCount: true, query: { orderBy: [{ start: "asc" }, { id: "asc" }] } },
      EvidenceConnection,
    ),
    figures: figureListField(t, {
      args: {},
      description: memberDoc("Document", "figures"),
      scope: (document) => ({ documents: [document.id] }),
    }),
    quotes: t.relatedConnection(
      "quotes",
      {
        cursor: "id",
        totalCount: true,
        args: quoteListArgs(t),
        query: (args) => ({ where: quoteWhere(args.filter), orderBy: quoteOrderBy(args.orderBy) }),
      },
      QuoteConnection,
    ),
    exclusions: t.relatedConnection(
      "exclusions",
      { cursor: "id", totalCount: true, query: { orderBy: [{ evidence: { start: "asc" } }, { id: "asc" }] } },
      ExclusionConnection,
    ),
    citation: t.field({
      type: CitationRef,
      description: "How to cite this document as processed by Fentrace.",
      resolve: async (document, _args, context) => {
        const [citable, info] = await Promise.all([citableDocument(document.id, context), context.datasetInfo()]);
        return citationFor(citable, `Document ${document.id}`, info.version, info.license);
      },
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Queries.

builder.queryFields((t) => ({
  document: t.prismaField({
    type: "Document",
    description: "One document, by global ID or slug (e.g. `latin-post`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the document." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Document", "id");
      const document = await prisma.document.findUnique({ ...query, where: { id } });
      if (!document) throw notFound("id", `No document with ID ${JSON.stringify(args.id)}.`);
      return document;
    },
  }),
  documents: t.prismaConnection(
    {
      type: "Document",
      cursor: "id",
      description: "The source documents (news articles) the dataset is drawn from, by default oldest first.",
      args: {
        filter: t.arg({ type: DocumentFilter, description: "Only documents that meet these conditions." }),
        orderBy: t.arg({
          type: [DocumentOrder],
          description: "Sort keys, most significant first. Default: publication date.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.document.findMany({
          ...query,
          where: documentWhere(args.filter),
          orderBy: documentOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.document.count({ where: documentWhere(args.filter) }),
    },
    DocumentConnection,
  ),
  exclusions: t.prismaConnection(
    {
      type: "Exclusion",
      cursor: "id",
      description:
        "Numeric mentions in the documents that are deliberately not figures, each with the reason; in reading order.",
      args: {
        filter: t.arg({ type: ExclusionFilter, description: "Only exclusions that meet these conditions." }),
        orderBy: t.arg({
          type: [exclusionOrder.input],
          description: "Sort keys, most significant first. Default: reading order.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.exclusion.findMany({
          ...query,
          where: exclusionWhere(args.filter),
          orderBy: exclusionOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.exclusion.count({ where: exclusionWhere(args.filter) }),
    },
    ExclusionConnection,
  ),
}));
