/** Substances: drugs, drug classes and product forms, in their hierarchy. */
import { builder } from "../builder.js";
import { withDescendants } from "../data/figures.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { figureListField } from "./figure.js";
import { SubstanceConnection } from "./refs.js";
import { allOf, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import { hierarchyWhere, MAX_HIERARCHY_DEPTH } from "./shared/hierarchy.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const SubstanceFilter = builder.inputType("SubstanceFilter", {
  description: "Conditions on substances; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The substance is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    within: t.idList({
      description: "The substance is a narrower form of one of these (at any depth), not counting them.",
    }),
  }),
});

function substanceWhere(filter: typeof SubstanceFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  const within = filter.within && resolveRefs(filter.within, "Substance", `${path}.within`);
  return (
    allOf<WhereOf<"Substance">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Substance", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      within ? { parent: hierarchyWhere(within, true) } : undefined,
    ]) ?? {}
  );
}

const substanceOrder = defineOrder(
  "Substance",
  "substances",
  {
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ name: "asc" }],
  { id: "asc" },
);

builder.prismaNode("Substance", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    parent: t.relation("parent", {
      nullable: true,
      description: "The broader substance this one is a form or member of; null for the broadest.",
    }),
    children: t.relatedConnection(
      "children",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      SubstanceConnection,
    ),
    figures: figureListField(t, {
      description:
        "Figures about this substance and, unless `includeNarrower` is false, its narrower forms (fentanyl includes fentanyl powder). Filtered and sorted like `Query.figures`.",
      args: {
        includeNarrower: t.arg.boolean({
          required: true,
          defaultValue: true,
          description: "Also include figures about narrower forms of this substance (default true).",
        }),
      },
      scope: (substance, args) => ({
        subjects: [
          {
            column: "substanceId",
            ids: withDescendants("Substance", [substance.id], args.includeNarrower, MAX_HIERARCHY_DEPTH),
          },
        ],
      }),
    }),
  }),
});

builder.queryFields((t) => ({
  substance: t.prismaField({
    type: "Substance",
    description: "One substance, by global ID or slug (e.g. `sub-fentanyl`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the substance." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Substance", "id");
      const substance = await prisma.substance.findUnique({ ...query, where: { id } });
      if (!substance) throw notFound("id", `No substance with ID ${JSON.stringify(args.id)}.`);
      return substance;
    },
  }),
  substances: t.prismaConnection(
    {
      type: "Substance",
      cursor: "id",
      description: "Every drug, drug class and product form the figures are about.",
      args: {
        filter: t.arg({ type: SubstanceFilter, description: "Only substances that meet these conditions." }),
        orderBy: t.arg({
          type: [substanceOrder.input],
          description: "Sort keys, most significant first. Default: name.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.substance.findMany({
          ...query,
          where: substanceWhere(args.filter),
          orderBy: substanceOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.substance.count({ where: substanceWhere(args.filter) }),
    },
    SubstanceConnection,
  ),
}));
