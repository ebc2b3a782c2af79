/** Metrics (what a figure measures) and units (how it is stated), with their queries. */
import { builder } from "../builder.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import { figureListField } from "./figure.js";
import { MetricConnection, UnitConnection } from "./refs.js";
import { allOf, StringFilter, stringWhere } from "./shared/filters.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const MetricFilter = builder.inputType("MetricFilter", {
  description: "Conditions on metrics; all given conditions must hold.",
  fields: (t) => ({
    key: t.field({ type: StringFilter, description: 'Conditions on the key (e.g. `{ startsWith: "cases" }`).' }),
    name: t.field({ type: StringFilter, description: "Conditions on the name." }),
    canonicalUnit: t.field({
      type: StringFilter,
      description: 'Conditions on the canonical unit (e.g. `{ eq: "percent" }`).',
    }),
    additive: t.boolean({
      description: "True: only metrics whose values may be summed; false: only those that may not.",
    }),
  }),
});

function metricWhere(filter: typeof MetricFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Metric">>([
      filter.key ? { key: stringWhere(filter.key, `${path}.key`) } : undefined,
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      filter.canonicalUnit ? { canonicalUnit: stringWhere(filter.canonicalUnit, `${path}.canonicalUnit`) } : undefined,
      filter.additive == null ? undefined : { additive: filter.additive },
    ]) ?? {}
  );
}

const metricOrder = defineOrder(
  "Metric",
  "metrics",
  {
    KEY: { description: "The key, alphabetically.", orderBy: (direction) => ({ key: direction }) },
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
  },
  [{ key: "asc" }],
  { key: "asc" },
);

builder.prismaNode("Metric", {
  id: { field: "key" },
  fields: (t) => ({
    key: t.exposeString("key"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    canonicalUnit: t.exposeString("canonicalUnit"),
    additive: t.exposeBoolean("additive"),
    figures: figureListField(t, {
      args: {},
      description: memberDoc("Metric", "figures"),
      scope: (metric) => ({ metric: { equals: metric.key } }),
    }),
  }),
});

builder.prismaNode("Unit", {
  id: { field: "key" },
  fields: (t) => ({
    key: t.exposeString("key"),
    name: t.exposeString("name"),
    canonicalUnit: t.exposeString("canonicalUnit"),
    factor: t.exposeFloat("factor"),
    figures: figureListField(t, {
      args: {},
      description: memberDoc("Unit", "figures"),
      scope: (unit) => ({ unit: { equals: unit.key } }),
    }),
  }),
});

export const UnitFilter = builder.inputType("UnitFilter", {
  description: "Conditions on units; all given conditions must hold.",
  fields: (t) => ({
    key: t.field({ type: StringFilter, description: "Conditions on the key." }),
    canonicalUnit: t.field({ type: StringFilter, description: "Conditions on the canonical unit it converts to." }),
  }),
});

function unitWhere(filter: typeof UnitFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Unit">>([
      filter.key ? { key: stringWhere(filter.key, `${path}.key`) } : undefined,
      filter.canonicalUnit ? { canonicalUnit: stringWhere(filter.canonicalUnit, `${path}.canonicalUnit`) } : undefined,
    ]) ?? {}
  );
}

const unitOrder = defineOrder(
  "Unit",
  "units",
  {
    KEY: { description: "The key, alphabetically.", orderBy: (direction) => ({ key: direction }) },
    CANONICAL_UNIT: {
      description: "The canonical unit, alphabetically.",
      orderBy: (direction) => ({ canonicalUnit: direction }),
    },
  },
  [{ key: "asc" }],
  { key: "asc" },
);

builder.queryFields((t) => ({
  metric: t.prismaField({
    type: "Metric",
    description: "One metric, by key (e.g. `pills_seized`) or global ID. Unknown keys are a NOT_FOUND error.",
    args: { key: t.arg.id({ required: true, description: "Key or global ID of the metric." }) },
    resolve: async (query, _root, args) => {
      const key = parseRef(String(args.key), "Metric", "key");
      const metric = await prisma.metric.findUnique({ ...query, where: { key } });
      if (!metric) throw notFound("key", `No metric with key ${JSON.stringify(args.key)}.`);
      return metric;
    },
  }),
  metrics: t.prismaConnection(
    {
      type: "Metric",
      cursor: "key",
      description: "Every measure a figure can report, with its canonical unit and whether sums make sense.",
      args: {
        filter: t.arg({ type: MetricFilter, description: "Only metrics that meet these conditions." }),
        orderBy: t.arg({ type: [metricOrder.input], description: "Sort keys, most significant first. Default: key." }),
      },
      resolve: (query, _root, args) =>
        prisma.metric.findMany({
          ...query,
          where: metricWhere(args.filter),
          orderBy: metricOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.metric.count({ where: metricWhere(args.filter) }),
    },
    MetricConnection,
  ),
  unit: t.prismaField({
    type: "Unit",
    description: "One unit, by key (e.g. `pound`) or global ID. Unknown keys are a NOT_FOUND error.",
    args: { key: t.arg.id({ required: true, description: "Key or global ID of the unit." }) },
    resolve: async (query, _root, args) => {
      const key = parseRef(String(args.key), "Unit", "key");
      const unit = await prisma.unit.findUnique({ ...query, where: { key } });
      if (!unit) throw notFound("key", `No unit with key ${JSON.stringify(args.key)}.`);
      return unit;
    },
  }),
  units: t.prismaConnection(
    {
      type: "Unit",
      cursor: "key",
      description: "Every unit figures are stated in, with its factor to the canonical unit.",
      args: {
        filter: t.arg({ type: UnitFilter, description: "Only units that meet these conditions." }),
        orderBy: t.arg({ type: [unitOrder.input], description: "Sort keys, most significant first. Default: key." }),
      },
      resolve: (query, _root, args) =>
        prisma.unit.findMany({
          ...query,
          where: unitWhere(args.filter),
          orderBy: unitOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.unit.count({ where: unitWhere(args.filter) }),
    },
    UnitConnection,
  ),
}));
