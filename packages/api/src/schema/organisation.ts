/** Organisations: agencies, cartels, platforms and apps, outlets, schools … and their queries. */
import { builder } from "../builder.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import { figureListField, subjectFiguresField } from "./figure.js";
import {
  DefendantConnection,
  DocumentConnection,
  EventConnection,
  FigureSubjectConnection,
  OperationConnection,
  OrganisationConnection,
  PersonConnection,
} from "./refs.js";
import { OrganisationKindEnum } from "./shared/enums.js";
import { allOf, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import { hierarchyWhere } from "./shared/hierarchy.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const OrganisationFilter = builder.inputType("OrganisationFilter", {
  description: "Conditions on organisations; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The organisation is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    alias: t.field({ type: StringFilter, description: "Conditions on the comma-separated aliases (use `contains`)." }),
    kind: t.field({
      type: [OrganisationKindEnum],
      description: "The organisation is of one of these kinds (e.g. PLATFORM).",
    }),
    place: t.idList({ description: "The organisation is based in one of these places or a place inside one." }),
    parent: t.idList({ description: "The organisation is directly part of one of these organisations." }),
  }),
});

function organisationWhere(filter: typeof OrganisationFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Organisation">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Organisation", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      filter.alias ? { aliases: stringWhere(filter.alias, `${path}.alias`) } : undefined,
      { kind: oneOf(filter.kind) },
      filter.place ? { place: hierarchyWhere(resolveRefs(filter.place, "Place", `${path}.place`), true) } : undefined,
      { parentId: oneOf(filter.parent && resolveRefs(filter.parent, "Organisation", `${path}.parent`)) },
    ]) ?? {}
  );
}

const organisationOrder = defineOrder(
  "Organisation",
  "organisations",
  {
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
    KIND: { description: "The kind.", orderBy: (direction) => ({ kind: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ name: "asc" }],
  { id: "asc" },
);

builder.prismaNode("Organisation", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    // The one field whose wording differs from its Prisma doc (memberDoc("Organisation", "aliases")):
    // the column is one comma-separated string, absent when none; this field is a list, empty when none.
    aliases: t.stringList({
      description: "Other names and abbreviations used in the documents (e.g. `DEA`); empty when none.",
      select: { aliases: true },
      resolve: (organisation) =>
        (organisation.aliases ?? "")
          .split(",")
          .map((alias) => alias.trim())
          .filter(Boolean),
    }),
    kind: t.expose("kind", { type: OrganisationKindEnum }),
    description: t.exposeString("description"),
    place: t.relation("place", { nullable: true }),
    parent: t.relation("parent", { nullable: true }),
    children: t.relatedConnection(
      "children",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      OrganisationConnection,
    ),
    figures: subjectFiguresField(
      t,
      "organisationId",
      "Figures this organisation is a subject of (as platform, actor or target), filtered and sorted like `Query.figures`. For a platform: every figure about it.",
    ),
    subjectOf: t.relatedConnection(
      "subjectOf",
      {
        cursor: "id",
        totalCount: true,
        description:
          "The same figures as `figures`, as subject links that carry the role this organisation plays in each.",
        query: { orderBy: { id: "asc" } },
      },
      FigureSubjectConnection,
    ),
    figuresStated: figureListField(t, {
      args: {},
      description: memberDoc("Organisation", "figuresStated"),
      scope: (organisation) => ({ statedBy: [organisation.id] }),
    }),
    documents: t.relatedConnection(
      "documents",
      { cursor: "id", totalCount: true, query: { orderBy: { id: "asc" } } },
      DocumentConnection,
    ),
    people: t.relatedConnection(
      "people",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      PersonConnection,
    ),
    defendantsUsing: t.relatedConnection(
      "defendantsUsing",
      { cursor: "id", totalCount: true, query: { orderBy: { id: "asc" } } },
      DefendantConnection,
    ),
    operationsLed: t.relatedConnection(
      "operationsLed",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      OperationConnection,
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
  organisation: t.prismaField({
    type: "Organisation",
    description: "One organisation, by global ID or slug (e.g. `org-dea`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the organisation." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Organisation", "id");
      const organisation = await prisma.organisation.findUnique({ ...query, where: { id } });
      if (!organisation) throw notFound("id", `No organisation with ID ${JSON.stringify(args.id)}.`);
      return organisation;
    },
  }),
  organisations: t.prismaConnection(
    {
      type: "Organisation",
      cursor: "id",
      description:
        "Every organisation named in the documents: agencies, cartels, platforms and apps, outlets … (filter by `kind`).",
      args: {
        filter: t.arg({ type: OrganisationFilter, description: "Only organisations that meet these conditions." }),
        orderBy: t.arg({
          type: [organisationOrder.input],
          description: "Sort keys, most significant first. Default: name.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.organisation.findMany({
          ...query,
          where: organisationWhere(args.filter),
          orderBy: organisationOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.organisation.count({ where: organisationWhere(args.filter) }),
    },
    OrganisationConnection,
  ),
}));
