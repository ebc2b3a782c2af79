import { builder } from "../builder.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { subjectFiguresField } from "./figure.js";
import { EvidenceConnection, LegalCaseConnection, OperationConnection } from "./refs.js";
import { OperationKindEnum } from "./shared/enums.js";
import { allOf, DateRangeInput, intervalWhere, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";
import { DateIntervalRef } from "./shared/scalars.js";

export const OperationFilter = builder.inputType("OperationFilter", {
  description: "Conditions on operations and campaigns; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The operation is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    kind: t.field({ type: [OperationKindEnum], description: "The operation is of one of these kinds." }),
    lead: t.idList({ description: "Led by one of these organisations." }),
    activeDuring: t.field({
      type: DateRangeInput,
      description: "The operation's dates overlap this range (operations with unknown dates never match).",
    }),
  }),
});

function operationWhere(filter: typeof OperationFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Operation">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Operation", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      { kind: oneOf(filter.kind) },
      { leadOrganisationId: oneOf(filter.lead && resolveRefs(filter.lead, "Organisation", `${path}.lead`)) },
      intervalWhere(
        filter.activeDuring,
        "overlaps",
        (clause): WhereOf<"Operation"> => ({ startDate: clause.start, endDate: clause.end }),
        `${path}.activeDuring`,
      ),
    ]) ?? {}
  );
}

const operationOrder = defineOrder(
  "Operation",
  "operations",
  {
    START_DATE: {
      description: "First day; unknown dates first in ASC order.",
      orderBy: (direction) => ({ startDate: { sort: direction, nulls: direction === "asc" ? "first" : "last" } }),
    },
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ startDate: { sort: "asc", nulls: "first" } }],
  { id: "asc" },
);

builder.prismaNode("Operation", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: OperationKindEnum }),
    description: t.exposeString("description"),
    leadOrganisation: t.relation("leadOrganisation", { nullable: true }),
    dates: t.field({
      type: DateIntervalRef,
      description: "When the operation ran, as an interval with precision (end null when unknown or ongoing).",
      resolve: (operation) => ({
        start: operation.startDate,
        end: operation.endDate,
        precision: operation.datePrecision,
        inferred: operation.dateInferred,
        basis: operation.dateBasis,
      }),
    }),
    evidence: t.relatedConnection(
      "evidence",
      { cursor: "id", totalCount: true, query: { orderBy: [{ documentId: "asc" }, { start: "asc" }] } },
      EvidenceConnection,
    ),
    figures: subjectFiguresField(
      t,
      "operationId",
      "Figures about this operation (its results), filtered and sorted like `Query.figures`.",
    ),
    legalCases: t.relatedConnection(
      "legalCases",
      { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } },
      LegalCaseConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  operation: t.prismaField({
    type: "Operation",
    description:
      "One operation or campaign, by global ID or slug (e.g. `op-dea-surge-2021`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the operation." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Operation", "id");
      const operation = await prisma.operation.findUnique({ ...query, where: { id } });
      if (!operation) throw notFound("id", `No operation with ID ${JSON.stringify(args.id)}.`);
      return operation;
    },
  }),
  operations: t.prismaConnection(
    {
      type: "Operation",
      cursor: "id",
      description: "Every enforcement operation, awareness campaign and investigation in the documents.",
      args: {
        filter: t.arg({ type: OperationFilter, description: "Only operations that meet these conditions." }),
        orderBy: t.arg({
          type: [operationOrder.input],
          description: "Sort keys, most significant first. Default: start date.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.operation.findMany({
          ...query,
          where: operationWhere(args.filter),
          orderBy: operationOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.operation.count({ where: operationWhere(args.filter) }),
    },
    OperationConnection,
  ),
}));
