/** Claims: groups of figures that report the same measure, with a verdict on whether they agree. */
import { builder } from "../builder.js";
import { resolveKeyCondition, resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import { figureListField } from "./figure.js";
import { ClaimConnection } from "./refs.js";
import { ClaimStatusEnum } from "./shared/enums.js";
import { allOf, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const ClaimFilter = builder.inputType("ClaimFilter", {
  description:
    "Conditions on claims; all given conditions must hold. `claims(filter: { status: CONTRADICTS })` lists the disagreements.",
  fields: (t) => ({
    id: t.idList({ description: "The claim is one of these (global IDs or slugs)." }),
    status: t.field({
      type: [ClaimStatusEnum],
      description: "The verdict is one of these. A single value is accepted too: `status: CONTRADICTS`.",
    }),
    title: t.field({ type: StringFilter, description: "Conditions on the title." }),
    metric: t.field({
      type: StringFilter,
      description: "The claim has a figure whose metric key meets these conditions.",
    }),
    document: t.idList({ description: "The claim has a figure stated in one of these documents." }),
  }),
});

function claimWhere(filter: typeof ClaimFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Claim">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Claim", `${path}.id`)) },
      { status: oneOf(filter.status) },
      filter.title ? { title: stringWhere(filter.title, `${path}.title`) } : undefined,
      filter.metric
        ? {
            figures: {
              some: {
                metricKey: resolveKeyCondition(
                  stringWhere(filter.metric, `${path}.metric`),
                  "Metric",
                  `${path}.metric`,
                ),
              },
            },
          }
        : undefined,
      filter.document
        ? { figures: { some: { documentId: { in: resolveRefs(filter.document, "Document", `${path}.document`) } } } }
        : undefined,
    ]) ?? {}
  );
}

const claimOrder = defineOrder(
  "Claim",
  "claims",
  {
    STATUS: {
      description: "The verdict, alphabetically (AGREES, CONTRADICTS, SCOPE_DIFFERS).",
      orderBy: (direction) => ({ status: direction }),
    },
    TITLE: { description: "The title, alphabetically.", orderBy: (direction) => ({ title: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ id: "asc" }],
  { id: "asc" },
);

builder.prismaNode("Claim", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    title: t.exposeString("title"),
    status: t.expose("status", { type: ClaimStatusEnum }),
    explanation: t.exposeString("explanation"),
    figures: figureListField(t, {
      args: {},
      description: memberDoc("Claim", "figures"),
      scope: (claim) => ({ claims: [claim.id] }),
    }),
  }),
});

builder.queryFields((t) => ({
  claim: t.prismaField({
    type: "Claim",
    description: "One claim, by global ID or slug. Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the claim." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Claim", "id");
      const claim = await prisma.claim.findUnique({ ...query, where: { id } });
      if (!claim) throw notFound("id", `No claim with ID ${JSON.stringify(args.id)}.`);
      return claim;
    },
  }),
  claims: t.prismaConnection(
    {
      type: "Claim",
      cursor: "id",
      description:
        "Groups of figures that report the same measure, each with a verdict (AGREES, SCOPE_DIFFERS, CONTRADICTS) and Fentrace's explanation. `claims(filter: { status: CONTRADICTS })` lists where sources disagree.",
      args: {
        filter: t.arg({ type: ClaimFilter, description: "Only claims that meet these conditions." }),
        orderBy: t.arg({ type: [claimOrder.input], description: "Sort keys, most significant first. Default: slug." }),
      },
      resolve: (query, _root, args) =>
        prisma.claim.findMany({
          ...query,
          where: claimWhere(args.filter),
          orderBy: claimOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.claim.count({ where: claimWhere(args.filter) }),
    },
    ClaimConnection,
  ),
}));
