/** People named in the documents, with what they said and what is attributed to them. */
import { builder } from "../builder.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import { figureListField, subjectFiguresField } from "./figure.js";
import { quoteListArgs, quoteOrderBy, quoteWhere } from "./quote.js";
import {
  AuthorshipConnection,
  DefendantConnection,
  EventConnection,
  PersonConnection,
  QuoteConnection,
} from "./refs.js";
import { allOf, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const PersonFilter = builder.inputType("PersonFilter", {
  description: "Conditions on people; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The person is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    role: t.field({ type: StringFilter, description: "Conditions on the stated role or title." }),
    organisation: t.idList({ description: "The person's stated role is with one of these organisations." }),
  }),
});

function personWhere(filter: typeof PersonFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Person">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Person", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      filter.role ? { role: stringWhere(filter.role, `${path}.role`) } : undefined,
      {
        organisationId: oneOf(
          filter.organisation && resolveRefs(filter.organisation, "Organisation", `${path}.organisation`),
        ),
      },
    ]) ?? {}
  );
}

const personOrder = defineOrder(
  "Person",
  "people",
  {
    NAME: {
      description: "The name as written, alphabetically (by first name).",
      orderBy: (direction) => ({ name: direction }),
    },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ name: "asc" }],
  { id: "asc" },
);

builder.prismaNode("Person", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    role: t.exposeString("role"),
    named: t.exposeBoolean("named"),
    organisation: t.relation("organisation", { nullable: true }),
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
    figuresStated: figureListField(t, {
      args: {},
      description: memberDoc("Person", "figuresStated"),
      scope: (person) => ({ statedBy: [person.id] }),
    }),
    figures: subjectFiguresField(
      t,
      "personId",
      "Figures this person is a subject of (e.g. an age), filtered and sorted like `Query.figures`.",
    ),
    authored: t.relatedConnection(
      "authored",
      { cursor: "documentId_personId", totalCount: true, query: { orderBy: { documentId: "asc" } } },
      AuthorshipConnection,
    ),
    defendantRoles: t.relatedConnection(
      "defendantRoles",
      { cursor: "id", totalCount: true, query: { orderBy: { id: "asc" } } },
      DefendantConnection,
    ),
    events: t.relatedConnection(
      "events",
      {
        cursor: "id",
        totalCount: true,
        query: { orderBy: [{ startDate: { sort: "asc", nulls: "first" } }, { id: "asc" }] },
      },
      EventConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  person: t.prismaField({
    type: "Person",
    description: "One person, by global ID or slug (e.g. `person-anne-milgram`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the person." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Person", "id");
      const person = await prisma.person.findUnique({ ...query, where: { id } });
      if (!person) throw notFound("id", `No person with ID ${JSON.stringify(args.id)}.`);
      return person;
    },
  }),
  people: t.prismaConnection(
    {
      type: "Person",
      cursor: "id",
      description: "Every person named in the documents: officials, experts, authors, defendants.",
      args: {
        filter: t.arg({ type: PersonFilter, description: "Only people who meet these conditions." }),
        orderBy: t.arg({ type: [personOrder.input], description: "Sort keys, most significant first. Default: name." }),
      },
      resolve: (query, _root, args) =>
        prisma.person.findMany({
          ...query,
          where: personWhere(args.filter),
          orderBy: personOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.person.count({ where: personWhere(args.filter) }),
    },
    PersonConnection,
  ),
}));
