import { builder } from "../builder.js";
import { citationFor, citationSelect } from "../citation.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { CitationRef } from "./citation.js";
import { QuoteConnection } from "./refs.js";
import { allOf, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const QuoteFilter = builder.inputType("QuoteFilter", {
  description: "Conditions on quotations; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The quotation is one of these (global IDs or slugs)." }),
    speaker: t.idList({ description: "Said by one of these people." }),
    document: t.idList({ description: "Taken from one of these documents." }),
    event: t.idList({ description: "Said at one of these events." }),
    direct: t.boolean({ description: "True: only words in quotation marks; false: only reported paraphrases." }),
    text: t.field({ type: StringFilter, description: "Conditions on the quoted words." }),
  }),
});

export function quoteWhere(filter: typeof QuoteFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Quote">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Quote", `${path}.id`)) },
      { speakerId: oneOf(filter.speaker && resolveRefs(filter.speaker, "Person", `${path}.speaker`)) },
      { documentId: oneOf(filter.document && resolveRefs(filter.document, "Document", `${path}.document`)) },
      { eventId: oneOf(filter.event && resolveRefs(filter.event, "Event", `${path}.event`)) },
      filter.direct == null ? undefined : { direct: filter.direct },
      filter.text ? { evidence: { text: stringWhere(filter.text, `${path}.text`) } } : undefined,
    ]) ?? {}
  );
}

const quoteOrder = defineOrder(
  "Quote",
  "quotations",
  {
    DOCUMENT_POSITION: {
      description: "The document (by slug), then the position of the words in it: reading order.",
      orderBy: (direction) => [{ documentId: direction }, { evidence: { start: direction } }],
    },
    SPEAKER: {
      description: "The speaker's slug; unnamed speakers first in ASC order.",
      orderBy: (direction) => ({ speakerId: { sort: direction, nulls: direction === "asc" ? "first" : "last" } }),
    },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ documentId: "asc" }, { evidence: { start: "asc" } }],
  { id: "asc" },
);

export const QuoteOrder = quoteOrder.input;
export const quoteOrderBy = (order: Parameters<typeof quoteOrder.toOrderBy>[0]) => quoteOrder.toOrderBy(order);

/** The `filter` and `orderBy` arguments of every quotation list. */
export function quoteListArgs(t: { arg: QuoteArgBuilder }) {
  return {
    filter: t.arg({ type: QuoteFilter, description: "Only quotations that meet these conditions." }),
    orderBy: t.arg({ type: [QuoteOrder], description: "Sort keys, most significant first. Default: reading order." }),
  };
}
type QuoteArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]["arg"];

builder.prismaNode("Quote", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    text: t.string({
      description: "The quoted or paraphrased words exactly as the document prints them (its evidence text).",
      select: { evidence: { select: { text: true } } },
      resolve: (quote) => quote.evidence.text,
    }),
    direct: t.exposeBoolean("direct"),
    speaker: t.relation("speaker", { nullable: true }),
    speakerLabel: t.exposeString("speakerLabel", { nullable: true }),
    speakerName: t.string({
      description: "The speaker's name, or the description of an unnamed speaker.",
      select: { speakerLabel: true, speaker: { select: { name: true } } },
      resolve: (quote) => quote.speaker?.name ?? quote.speakerLabel ?? "unnamed speaker",
    }),
    event: t.relation("event", { nullable: true }),
    document: t.relation("document"),
    evidence: t.relation("evidence"),
    citation: t.field({
      type: CitationRef,
      description: "How to cite this quotation: its source document and Fentrace's processing.",
      select: { id: true, document: citationSelect },
      resolve: async (quote, _args, context) => {
        const info = await context.datasetInfo();
        return citationFor(quote.document, `Quotation ${quote.id}`, info.version, info.license);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  quote: t.prismaField({
    type: "Quote",
    description: "One quotation, by global ID or slug. Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the quotation." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Quote", "id");
      const quote = await prisma.quote.findUnique({ ...query, where: { id } });
      if (!quote) throw notFound("id", `No quotation with ID ${JSON.stringify(args.id)}.`);
      return quote;
    },
  }),
  quotes: t.prismaConnection(
    {
      type: "Quote",
      cursor: "id",
      description: "Every quotation and close paraphrase, with its speaker; by default in reading order.",
      args: quoteListArgs(t),
      resolve: (query, _root, args) =>
        prisma.quote.findMany({ ...query, where: quoteWhere(args.filter), orderBy: quoteOrderBy(args.orderBy) }),
      totalCount: (_connection, args) => prisma.quote.count({ where: quoteWhere(args.filter) }),
    },
    QuoteConnection,
  ),
}));
