/**
 * `figureStats(filter:, groupBy:)`: figures grouped by platform, place, year, document or metric,
 * with count, sum, min and max of their normalised values and warnings where a sum misleads.
 */
import { resolveNodes } from "@pothos/plugin-relay";
import { builder } from "../builder.js";
import { isInside } from "../data/figures.js";
import { prisma } from "../db.js";
import type { NodeTypeName } from "../global-id.js";
import type { WorkMeter } from "../work-budget.js";
import { FigureFilter, FigureOrder, figureConnection, figureOrderBy, figureWhere } from "./figure.js";
import { FigureConnection } from "./refs.js";
import { MAX_HIERARCHY_DEPTH } from "./shared/hierarchy.js";

export const FigureGroupByEnum = builder.enumType("FigureGroupBy", {
  description: "How `figureStats` groups figures.",
  values: {
    PLATFORM: {
      description:
        "By platform subject (Snapchat, TikTok …). A figure about several platforms counts in each of their groups; figures about none form the group `none`.",
    },
    PLACE: {
      description:
        "By the place the figure is about (not rolled up into containing places); figures with no place form the group `none`.",
    },
    YEAR: {
      description:
        "By the calendar year in which the figure's period ends (periods spanning several years are flagged); figures with an unknown period form the group `unknown`.",
    },
    DOCUMENT: { description: "By the document that states the figure." },
    METRIC: { description: "By metric: the most meaningful grouping for sums." },
  } as const,
});

type GroupBy = typeof FigureGroupByEnum.$inferType;

interface StatFigure {
  id: string;
  metricKey: string;
  qualifier: string;
  normalizedValue: number;
  normalizedUnit: string;
  claimId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  metric: { name: string; additive: boolean };
  place: { id: string; name: string } | null;
  document: { id: string; title: string };
  subjects: { organisation: { id: string; name: string } | null }[];
}

interface Group {
  key: string;
  label: string;
  entity: { type: NodeTypeName; id: string } | null;
  figures: StatFigure[];
}

export interface GroupShape {
  key: string;
  label: string;
  entity: { type: NodeTypeName; id: string } | null;
  figureIds: string[];
  count: number;
  unit: string | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  metrics: string[];
  additive: boolean;
  warnings: string[];
}

export interface StatsShape {
  groupBy: GroupBy;
  figureCount: number;
  groups: GroupShape[];
  warnings: string[];
}

function groupsOf(figure: StatFigure, groupBy: GroupBy): Omit<Group, "figures">[] {
  switch (groupBy) {
    case "PLATFORM": {
      const platforms = figure.subjects.flatMap((subject) => (subject.organisation ? [subject.organisation] : []));
      if (platforms.length === 0) return [{ key: "none", label: "No platform", entity: null }];
      return platforms.map((platform) => ({
        key: platform.id,
        label: platform.name,
        entity: { type: "Organisation", id: platform.id },
      }));
    }
    case "PLACE":
      return figure.place
        ? [{ key: figure.place.id, label: figure.place.name, entity: { type: "Place", id: figure.place.id } }]
        : [{ key: "none", label: "No place", entity: null }];
    case "YEAR": {
      const year = figure.periodEnd?.slice(0, 4);
      return year
        ? [{ key: year, label: year, entity: null }]
        : [{ key: "unknown", label: "Unknown period", entity: null }];
    }
    case "DOCUMENT":
      return [
        { key: figure.document.id, label: figure.document.title, entity: { type: "Document", id: figure.document.id } },
      ];
    case "METRIC":
      return [{ key: figure.metricKey, label: figure.metric.name, entity: { type: "Metric", id: figure.metricKey } }];
  }
}

/** True when one place is the other or lies inside it (a city inside its state inside its country). */
function placesNest(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return isInside("Place", a, b, MAX_HIERARCHY_DEPTH) || isInside("Place", b, a, MAX_HIERARCHY_DEPTH);
}

/**
 * Pairs compared at most per group. Figures are swept in period order, so only pairs whose
 * periods overlap are compared; the bound keeps a group of thousands of figures of one year from
 * costing millions of comparisons, and the warning says when it was reached.
 */
const MAX_SCOPE_COMPARISONS = 100_000;

/**
 * The warning for figures of one metric whose periods overlap and whose places nest, not already
 * tied by a claim: one may include the other (2021's fake pills include the surge's; a city's
 * deaths are part of its state's), so their sum may count the same events twice.
 */
function nestedScopes(figures: readonly StatFigure[]): string | null {
  const dated = figures
    .filter((figure) => figure.periodStart !== null && figure.periodEnd !== null)
    .sort((a, b) => (a.periodStart ?? "").localeCompare(b.periodStart ?? "") || a.id.localeCompare(b.id));
  const pairs: string[] = [];
  let comparisons = 0;
  let stopped = false;
  outer: for (let i = 0; i < dated.length; i += 1) {
    const a = dated[i] as StatFigure;
    for (let j = i + 1; j < dated.length; j += 1) {
      const b = dated[j] as StatFigure;
      if ((b.periodStart ?? "") > (a.periodEnd ?? "")) break; // sorted by start: no later one overlaps a
      comparisons += 1;
      if (comparisons > MAX_SCOPE_COMPARISONS) {
        stopped = true;
        break outer;
      }
      if (a.metricKey !== b.metricKey) continue;
      if (a.claimId !== null && a.claimId === b.claimId) continue; // already warned of as duplicates
      if (placesNest(a.place?.id ?? null, b.place?.id ?? null)) pairs.push(`${a.id} and ${b.id}`);
    }
  }
  if (pairs.length === 0 && !stopped) return null;
  const shown = pairs.slice(0, 3).join("; ");
  const more = pairs.length > 3 ? ` (${pairs.length} pairs in all)` : "";
  const cut = stopped
    ? ` The check stopped after ${MAX_SCOPE_COMPARISONS} pairs of overlapping periods; there may be more.`
    : "";
  return pairs.length > 0
    ? `Nested scopes: ${shown}${more} are figures of one metric whose periods overlap and whose places are the same or one inside the other, so one may include the other and the sum may count the same events twice.${cut}`
    : `Nested scopes not fully checked.${cut}`;
}

const inexact: Record<string, string> = {
  APPROXIMATE: "approximate",
  AT_LEAST: "lower bounds",
  MORE_THAN: "lower bounds",
  UP_TO: "upper bounds",
  RANGE: "ranges (lower end used)",
};

function summarise(group: Group, groupBy: GroupBy): GroupShape {
  const { figures } = group;
  const units = [...new Set(figures.map((figure) => figure.normalizedUnit))].sort();
  const metrics = [...new Set(figures.map((figure) => figure.metricKey))].sort();
  const values = figures.map((figure) => figure.normalizedValue);
  const sameUnit = units.length === 1;
  const warnings: string[] = [];
  const nonAdditive = [
    ...new Set(figures.filter((figure) => !figure.metric.additive).map((figure) => figure.metricKey)),
  ].sort();
  if (nonAdditive.length > 0) {
    warnings.push(
      `Not additive: ${nonAdditive.map((key) => `"${key}"`).join(", ")} must not be summed (overlapping counts, shares, rates or single measurements); the sum is not meaningful.`,
    );
  }
  if (!sameUnit) {
    warnings.push(
      `Mixed units (${units.join(", ")}): sum, min and max are only given when all figures share one canonical unit.`,
    );
  } else if (metrics.length > 1) {
    warnings.push(
      `Mixed metrics (${metrics.join(", ")}): the sum adds different measures that share the unit "${units[0]}".`,
    );
  }
  const byClaim = new Map<string, string[]>();
  for (const figure of figures) {
    if (figure.claimId) byClaim.set(figure.claimId, [...(byClaim.get(figure.claimId) ?? []), figure.id]);
  }
  for (const [claim, ids] of [...byClaim].sort(([a], [b]) => a.localeCompare(b))) {
    if (ids.length > 1) {
      warnings.push(
        `Duplicates: ${ids.join(", ")} belong to claim ${claim} and report the same quantity, so the sum counts it ${ids.length} times.`,
      );
    }
  }
  const nestedWarning = nestedScopes(figures.filter((figure) => figure.metric.additive));
  if (nestedWarning) warnings.push(nestedWarning);
  const bounds = figures.filter((figure) => figure.qualifier in inexact);
  if (bounds.length > 0) {
    const kinds = [...new Set(bounds.map((figure) => inexact[figure.qualifier]))].sort().join(", ");
    warnings.push(`Inexact: ${bounds.length} of ${figures.length} figures are ${kinds}; the sum is approximate.`);
  }
  if (groupBy === "YEAR") {
    const spanning = figures.filter(
      (figure) => figure.periodStart && figure.periodStart.slice(0, 4) !== figure.periodEnd?.slice(0, 4),
    );
    if (spanning.length > 0) {
      warnings.push(`Multi-year periods: ${spanning.map((figure) => figure.id).join(", ")} cover more than this year.`);
    }
  }
  return {
    key: group.key,
    label: group.label,
    entity: group.entity,
    figureIds: figures.map((figure) => figure.id),
    count: figures.length,
    unit: sameUnit ? (units[0] ?? null) : null,
    sum: sameUnit ? values.reduce((total, value) => total + value, 0) : null,
    min: sameUnit ? Math.min(...values) : null,
    max: sameUnit ? Math.max(...values) : null,
    metrics,
    additive: nonAdditive.length === 0,
    warnings,
  };
}

export async function computeFigureStats(
  filter: typeof FigureFilter.$inferInput | null | undefined,
  groupBy: GroupBy,
  meter: WorkMeter,
): Promise<StatsShape> {
  const where = figureWhere(filter);
  // Every matching figure is loaded to be grouped: count them first, so that a filter matching
  // more than the work budget allows is refused before anything is loaded.
  meter.reserve(await prisma.figure.count({ where }));
  const figures: StatFigure[] = await prisma.figure.findMany({
    where,
    orderBy: figureOrderBy(null),
    select: {
      id: true,
      metricKey: true,
      qualifier: true,
      normalizedValue: true,
      normalizedUnit: true,
      claimId: true,
      periodStart: true,
      periodEnd: true,
      metric: { select: { name: true, additive: true } },
      place: { select: { id: true, name: true } },
      document: { select: { id: true, title: true } },
      subjects: {
        where: { role: "PLATFORM" },
        orderBy: { id: "asc" },
        select: { organisation: { select: { id: true, name: true } } },
      },
    },
  });
  const groups = new Map<string, Group>();
  for (const figure of figures) {
    for (const group of groupsOf(figure, groupBy)) {
      const existing = groups.get(group.key) ?? { ...group, figures: [] };
      existing.figures.push(figure);
      groups.set(group.key, existing);
    }
  }
  const summaries = [...groups.values()].map((group) => summarise(group, groupBy));
  summaries.sort((a, b) =>
    groupBy === "YEAR"
      ? a.key.localeCompare(b.key)
      : b.count - a.count || a.label.localeCompare(b.label) || a.key.localeCompare(b.key),
  );
  const warnings: string[] = [];
  const memberships = summaries.reduce((total, group) => total + group.count, 0);
  if (memberships > figures.length) {
    warnings.push(
      `${memberships - figures.length} group memberships come from figures that belong to several groups (e.g. a figure about several platforms): do not add the groups' sums together.`,
    );
  }
  return { groupBy, figureCount: figures.length, groups: summaries, warnings };
}

export const FigureGroupRef = builder.objectRef<GroupShape>("FigureGroup").implement({
  description:
    "The figures that share one value of the grouping (one platform, place, year, document or metric), with statistics of their normalised values. Sums are only given for figures that share one canonical unit; read `warnings` before using them.",
  fields: (t) => ({
    key: t.exposeString("key", {
      description:
        "The group's key: the slug of the platform, place or document, the metric key, the year, or `none` / `unknown`.",
    }),
    label: t.exposeString("label", {
      description: "Human-readable name of the group (platform name, place name, year …).",
    }),
    entity: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description:
        "The record the group stands for (Organisation, Place, Document or Metric); null for years and for `none`.",
      resolve: async (group, _args, context, info) => {
        if (!group.entity) return null;
        const [node] = await resolveNodes(builder, context, info, [
          { typename: group.entity.type, id: group.entity.id },
        ]);
        return (node ?? null) as never;
      },
    }),
    count: t.exposeInt("count", { description: "Number of figures in the group." }),
    unit: t.exposeString("unit", {
      nullable: true,
      description:
        "The canonical unit shared by all figures of the group (e.g. `case`, `kilogram`); null when they mix units.",
    }),
    sum: t.exposeFloat("sum", {
      nullable: true,
      description:
        "Sum of the normalised values, in `unit`; null when the group mixes units. Not meaningful when `additive` is false or `warnings` name duplicates.",
    }),
    min: t.exposeFloat("min", {
      nullable: true,
      description: "Smallest normalised value, in `unit`; null when the group mixes units.",
    }),
    max: t.exposeFloat("max", {
      nullable: true,
      description: "Largest normalised value, in `unit`; null when the group mixes units.",
    }),
    metrics: t.exposeStringList("metrics", { description: "Keys of the metrics of the group's figures, sorted." }),
    additive: t.exposeBoolean("additive", {
      description: "False when any metric in the group must not be summed (see Metric.additive).",
    }),
    warning: t.string({
      nullable: true,
      description: "All warnings in one sentence list; null when summing the group is meaningful.",
      resolve: (group) => (group.warnings.length > 0 ? group.warnings.join(" ") : null),
    }),
    warnings: t.exposeStringList("warnings", {
      description:
        "Why the sum may mislead: non-additive metrics, mixed units or metrics, figures of the same claim (duplicates), bounds and approximations, multi-year periods. Empty when none.",
    }),
    figures: t.field({
      type: FigureConnection,
      description: "The figures in the group.",
      args: {
        ...t.arg.connectionArgs(),
        orderBy: t.arg({
          type: [FigureOrder],
          description: "Sort keys, most significant first. Default: reading order.",
        }),
      },
      resolve: (group, args, context) => figureConnection(args, [{ ids: group.figureIds }], context),
    }),
  }),
});

export const FigureStatsRef = builder.objectRef<StatsShape>("FigureStats").implement({
  description: "Figures matching a filter, grouped, with count, sum, min and max of their normalised values per group.",
  fields: (t) => ({
    groupBy: t.field({ type: FigureGroupByEnum, description: "The grouping used.", resolve: (stats) => stats.groupBy }),
    figureCount: t.exposeInt("figureCount", {
      description: "Number of figures that match the filter (each counted once).",
    }),
    groupCount: t.int({ description: "Number of groups.", resolve: (stats) => stats.groups.length }),
    groups: t.field({
      type: [FigureGroupRef],
      description:
        "Every group (not paginated: there is at most one per platform, place, year, document or metric). Years in order; otherwise largest group first.",
      resolve: (stats) => stats.groups,
    }),
    warnings: t.exposeStringList("warnings", {
      description: "Warnings about the grouping as a whole (e.g. figures counted in several groups). Empty when none.",
    }),
  }),
});

builder.queryField("figureStats", (t) =>
  t.field({
    type: FigureStatsRef,
    description:
      "Aggregate figures: group those matching `filter` by platform, place, year, document or metric, with count, sum, min and max of their normalised values. Check each group's `warnings` before adding numbers up.",
    args: {
      filter: t.arg({ type: FigureFilter, description: "Only figures that meet these conditions." }),
      groupBy: t.arg({ type: FigureGroupByEnum, required: true, description: "How to group the figures." }),
    },
    resolve: (_root, args, context) => computeFigureStats(args.filter, args.groupBy, context.workMeter),
  }),
);
