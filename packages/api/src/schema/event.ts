import { builder } from "../builder.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { quoteListArgs, quoteOrderBy, quoteWhere } from "./quote.js";
import { EventConnection, EvidenceConnection, QuoteConnection } from "./refs.js";
import { EventKindEnum } from "./shared/enums.js";
import { allOf, DateRangeInput, intervalWhere, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";
import { DateIntervalRef } from "./shared/scalars.js";

export const EventFilter = builder.inputType("EventFilter", {
  description: "Conditions on events; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The event is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    kind: t.field({ type: [EventKindEnum], description: "The event is of one of these kinds." }),
    date: t.field({
      type: DateRangeInput,
      description: "The event's date overlaps this range (events with unknown dates never match).",
    }),
    organisation: t.idList({ description: "Held by one of these organisations." }),
    person: t.idList({ description: "One of these people spoke or acted at it." }),
    legalCase: t.idList({ description: "Belongs to one of these legal cases." }),
    place: t.idList({ description: "Took place in one of these places." }),
  }),
});

function eventWhere(filter: typeof EventFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Event">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Event", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      { kind: oneOf(filter.kind) },
      intervalWhere(
        filter.date,
        "overlaps",
        (clause): WhereOf<"Event"> => ({ startDate: clause.start, endDate: clause.end }),
        `${path}.date`,
      ),
      {
        organisationId: oneOf(
          filter.organisation && resolveRefs(filter.organisation, "Organisation", `${path}.organisation`),
        ),
      },
      { personId: oneOf(filter.person && resolveRefs(filter.person, "Person", `${path}.person`)) },
      { legalCaseId: oneOf(filter.legalCase && resolveRefs(filter.legalCase, "LegalCase", `${path}.legalCase`)) },
      { placeId: oneOf(filter.place && resolveRefs(filter.place, "Place", `${path}.place`)) },
    ]) ?? {}
  );
}

const eventOrder = defineOrder(
  "Event",
  "events",
  {
    DATE: {
      description: "First day; unknown dates first in ASC order.",
      orderBy: (direction) => ({ startDate: { sort: direction, nulls: direction === "asc" ? "first" : "last" } }),
    },
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ startDate: { sort: "asc", nulls: "first" } }],
  { id: "asc" },
);

builder.prismaNode("Event", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: EventKindEnum }),
    date: t.field({
      type: DateIntervalRef,
      description: "When the event happened, as an interval with precision.",
      resolve: (event) => ({
        start: event.startDate,
        end: event.endDate,
        precision: event.datePrecision,
        inferred: event.dateInferred,
        basis: event.dateBasis,
      }),
    }),
    place: t.relation("place", { nullable: true }),
    organisation: t.relation("organisation", { nullable: true }),
    person: t.relation("person", { nullable: true }),
    legalCase: t.relation("legalCase", { nullable: true }),
    evidence: t.relatedConnection(
      "evidence",
      { cursor: "id", totalCount: true, query: { orderBy: [{ documentId: "asc" }, { start: "asc" }] } },
      EvidenceConnection,
    ),
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
  }),
});

builder.queryFields((t) => ({
  event: t.prismaField({
    type: "Event",
    description: "One event, by global ID or slug. Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the event." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Event", "id");
      const event = await prisma.event.findUnique({ ...query, where: { id } });
      if (!event) throw notFound("id", `No event with ID ${JSON.stringify(args.id)}.`);
      return event;
    },
  }),
  events: t.prismaConnection(
    {
      type: "Event",
      cursor: "id",
      description: "Every dated event in the documents, by default in date order.",
      args: {
        filter: t.arg({ type: EventFilter, description: "Only events that meet these conditions." }),
        orderBy: t.arg({ type: [eventOrder.input], description: "Sort keys, most significant first. Default: date." }),
      },
      resolve: (query, _root, args) =>
        prisma.event.findMany({
          ...query,
          where: eventWhere(args.filter),
          orderBy: eventOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.event.count({ where: eventWhere(args.filter) }),
    },
    EventConnection,
  ),
}));
