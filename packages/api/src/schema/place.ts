/** Places (countries, regions, states, cities) in their hierarchy, and the place queries. */
import { builder } from "../builder.js";
import { withDescendants } from "../data/figures.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { figureListField } from "./figure.js";
import { EventConnection, LegalCaseConnection, OrganisationConnection, PlaceConnection, PlaceRef } from "./refs.js";
import { PlaceKindEnum } from "./shared/enums.js";
import { allOf, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import { hierarchyWhere, MAX_HIERARCHY_DEPTH } from "./shared/hierarchy.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const PlaceFilter = builder.inputType("PlaceFilter", {
  description: "Conditions on places; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The place is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    kind: t.field({ type: [PlaceKindEnum], description: "The place is of one of these kinds." }),
    within: t.idList({ description: "The place lies inside one of these places (at any depth), not counting them." }),
    parent: t.idList({ description: "The place is directly inside one of these places." }),
  }),
});

function placeWhere(filter: typeof PlaceFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  const within = filter.within && resolveRefs(filter.within, "Place", `${path}.within`);
  return (
    allOf<WhereOf<"Place">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Place", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      { kind: oneOf(filter.kind) },
      within ? { parent: hierarchyWhere(within, true) } : undefined,
      { parentId: oneOf(filter.parent && resolveRefs(filter.parent, "Place", `${path}.parent`)) },
    ]) ?? {}
  );
}

const placeOrder = defineOrder(
  "Place",
  "places",
  {
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
    KIND: { description: "The kind (COUNTRY, REGION, STATE, CITY).", orderBy: (direction) => ({ kind: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ id: "asc" }],
  { id: "asc" },
);

builder.prismaNode("Place", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: PlaceKindEnum }),
    children: t.relatedConnection(
      "children",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      PlaceConnection,
    ),
    figures: figureListField(t, {
      description:
        "Figures about this place and, unless `includeSubPlaces` is false, about places inside it (Texas includes Dallas). Filtered and sorted like `Query.figures`.",
      args: {
        includeSubPlaces: t.arg.boolean({
          required: true,
          defaultValue: true,
          description: "Also include figures about places inside this one (default true).",
        }),
      },
      scope: (place, args) => ({
        places: withDescendants("Place", [place.id], args.includeSubPlaces, MAX_HIERARCHY_DEPTH),
      }),
    }),
    organisations: t.relatedConnection(
      "organisations",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      OrganisationConnection,
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
    legalCases: t.relatedConnection(
      "legalCases",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      LegalCaseConnection,
    ),
  }),
});

// Defined once PlaceRef exists (a field of a type that refers to the type itself): through the
// request's row loader, as every hop of a place hierarchy is asked for a whole page at once.
builder.objectField(PlaceRef, "parent", (t) =>
  t.field({
    type: PlaceRef,
    nullable: true,
    description: "The place that directly contains this one; null for countries.",
    resolve: (place, _args, context) => (place.parentId === null ? null : context.rows.one("Place", place.parentId)),
  }),
);

builder.queryFields((t) => ({
  place: t.prismaField({
    type: "Place",
    description: "One place, by global ID or slug (e.g. `place-us-tx`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the place." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Place", "id");
      const place = await prisma.place.findUnique({ ...query, where: { id } });
      if (!place) throw notFound("id", `No place with ID ${JSON.stringify(args.id)}.`);
      return place;
    },
  }),
  places: t.prismaConnection(
    {
      type: "Place",
      cursor: "id",
      description: "Every place named in the documents, each inside the place that contains it.",
      args: {
        filter: t.arg({ type: PlaceFilter, description: "Only places that meet these conditions." }),
        orderBy: t.arg({ type: [placeOrder.input], description: "Sort keys, most significant first. Default: slug." }),
      },
      resolve: (query, _root, args) =>
        prisma.place.findMany({
          ...query,
          where: placeWhere(args.filter),
          orderBy: placeOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.place.count({ where: placeWhere(args.filter) }),
    },
    PlaceConnection,
  ),
}));
