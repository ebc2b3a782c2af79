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

/** A figure as figureStats reads it (exported for the tests of summarise). */
export interface StatFigure {
  id: string;
  metricKey: string;
  qualifier: string;
  /** Null for VAGUE figures. */
  normalizedValue: number | null;
  normalizedUnit: string;
  claimId: string | null;
  claim: { status: string } | null;
  /** The dataset's choice of which figure of a repeated quantity counts (seed/load.ts). */
  countsTowardTotals: boolean;
  /** Relations read "this figure KIND other" (seed/data/relations.yaml). */
  relations: { otherId: string; kind: string }[];
  periodStart: string | null;
  periodEnd: string | null;
  metric: { name: string; additive: boolean };
  place: { id: string; name: string } | null;
  document: { id: string; title: string };
  subjects: { organisation: { id: string; name: string } | null }[];
}

export interface Group {
  key: string;
  label: string;
  entity: { type: NodeTypeName; id: string } | null;
  figures: StatFigure[];
}

/** A figure of a group that `sum` leaves out, and why. */
export interface LeftOut {
  figureId: string;
  reason: string;
}

export interface GroupShape {
  key: string;
  label: string;
  entity: { type: NodeTypeName; id: string } | null;
  figureIds: string[];
  count: number;
  summedCount: number;
  leftOut: LeftOut[];
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
function nestedScopes(figures: readonly StatFigure[], classified: (a: string, b: string) => boolean): string | null {
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
      if (classified(a.id, b.id)) continue; // a relation or a claim says how they overlap
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
    ? `Nested scopes: ${shown}${more} are figures of one metric whose periods overlap and whose places are the same or one inside the other, and no relation says how they overlap, so one may include the other and the sum may count the same events twice.${cut}`
    : `Nested scopes not fully checked.${cut}`;
}

interface OverlapReading {
  /** Figures `sum` leaves out: VAGUE ones, parts of a summed figure, repeats of a summed one. */
  leftOut: LeftOut[];
  warnings: string[];
  /** Whether a relation or a claim says how two figures of the group overlap. */
  classified: (a: string, b: string) => boolean;
}

/**
 * Reads the relations and claims between a group's figures (given in reading order) so that its
 * sum counts each quantity once: a VAGUE figure adds nothing; a figure PART_OF another summed
 * figure is inside it; of figures that AGREE (a relation or an agreeing claim) only the first is
 * added; of two that CONTRADICT only the first, with a warning. NON_EXCLUSIVE tallies and
 * SCOPE_DIFFERS pairs stay in the sum, with a warning, since neither contains the other.
 */
function classifyOverlaps(figures: readonly StatFigure[]): OverlapReading {
  const inGroup = new Map(figures.map((figure, index) => [figure.id, { figure, index }]));
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const classifiedPairs = new Set<string>();
  const edges: { from: string; to: string; kind: string }[] = [];
  for (const figure of figures) {
    for (const relation of figure.relations) {
      if (!inGroup.has(relation.otherId)) continue;
      classifiedPairs.add(pairKey(figure.id, relation.otherId));
      edges.push({ from: figure.id, to: relation.otherId, kind: relation.kind });
    }
  }
  // Figures of one claim are one measure stated several times (AGREES), or two readings of it.
  const byClaim = new Map<string, StatFigure[]>();
  for (const figure of figures) {
    if (figure.claimId) byClaim.set(figure.claimId, [...(byClaim.get(figure.claimId) ?? []), figure]);
  }
  for (const members of byClaim.values()) {
    members.forEach((a, index) => {
      for (const b of members.slice(index + 1)) classifiedPairs.add(pairKey(a.id, b.id));
    });
    const [first, ...rest] = members;
    for (const other of rest) {
      const kind = first?.claim?.status === "AGREES" ? "AGREES" : (first?.claim?.status ?? "SCOPE_DIFFERS");
      edges.push({ from: other.id, to: (first as StatFigure).id, kind });
    }
  }

  const leftOut = new Map<string, string>();
  for (const figure of figures) {
    if (figure.normalizedValue === null) leftOut.set(figure.id, "VAGUE: its words state no number");
  }
  // Containment first, outermost summed figure wins: a ⊂ b ⊂ c leaves out a and b when c is summed.
  const containers = new Map<string, string[]>();
  for (const edge of edges.filter((e) => e.kind === "PART_OF")) {
    containers.set(edge.from, [...(containers.get(edge.from) ?? []), edge.to]);
  }
  const summedContainer = (id: string, seen = new Set<string>()): string | undefined => {
    for (const container of containers.get(id) ?? []) {
      if (seen.has(container)) continue;
      seen.add(container);
      const outer = summedContainer(container, seen);
      if (outer) return outer;
      if (!leftOut.has(container)) return container;
    }
    return undefined;
  };
  for (const figure of figures) {
    if (leftOut.has(figure.id)) continue;
    const container = summedContainer(figure.id);
    if (container) leftOut.set(figure.id, `part of ${container}, which is summed (its scope lies inside)`);
  }
  // Repeats: of an agreeing or contradicting pair, the later one in reading order is left out.
  const warnings: string[] = [];
  const contradicting: string[] = [];
  const nonExclusive: string[] = [];
  const scopeDiffers: string[] = [];
  for (const edge of edges) {
    const [a, b] = [inGroup.get(edge.from), inGroup.get(edge.to)];
    if (!a || !b) continue;
    // The figure the dataset counts toward totals is the one kept; else the first in reading order.
    const aFirst =
      a.figure.countsTowardTotals === b.figure.countsTowardTotals ? a.index < b.index : a.figure.countsTowardTotals;
    const [first, later] = aFirst ? [a.figure, b.figure] : [b.figure, a.figure];
    const pair = `${first.id} and ${later.id}`;
    if (edge.kind === "NON_EXCLUSIVE") nonExclusive.push(pair);
    else if (edge.kind === "SCOPE_DIFFERS") scopeDiffers.push(pair);
    if (edge.kind !== "AGREES" && edge.kind !== "CONTRADICTS") continue;
    if (edge.kind === "CONTRADICTS") contradicting.push(pair);
    if (leftOut.has(later.id) || leftOut.has(first.id)) continue;
    leftOut.set(
      later.id,
      edge.kind === "AGREES"
        ? `states the same quantity as ${first.id}, which is summed`
        : `contradicts ${first.id}, which is summed instead (only one can be right)`,
    );
  }
  if (leftOut.size > 0) {
    const shown = [...leftOut].slice(0, 3).map(([id, reason]) => `${id} (${reason})`);
    const more = leftOut.size > 3 ? `, and ${leftOut.size - 3} more (see leftOut)` : "";
    warnings.push(
      `Left out of the sum so that nothing is counted twice: ${shown.join("; ")}${more}. \`count\` still includes them.`,
    );
  }
  const listed = (pairs: string[]) =>
    pairs.slice(0, 3).join("; ") + (pairs.length > 3 ? ` (${pairs.length} pairs in all)` : "");
  if (contradicting.length > 0) {
    warnings.push(`Contradictions: ${listed(contradicting)} state incompatible values for the same scope.`);
  }
  if (nonExclusive.length > 0) {
    warnings.push(
      `Non-exclusive tallies: ${listed(nonExclusive)} can count the same items (one case can involve several platforms), so the sum may count them twice.`,
    );
  }
  if (scopeDiffers.length > 0) {
    warnings.push(
      `Overlapping scopes: ${listed(scopeDiffers)} count scopes that overlap without one containing the other, so the sum may count some events twice.`,
    );
  }
  return {
    leftOut: figures.flatMap((figure) => {
      const reason = leftOut.get(figure.id);
      return reason ? [{ figureId: figure.id, reason }] : [];
    }),
    warnings,
    classified: (a, b) => classifiedPairs.has(pairKey(a, b)),
  };
}

const inexact: Record<string, string> = {
  APPROXIMATE: "approximate",
  AT_LEAST: "lower bounds",
  MORE_THAN: "lower bounds",
  UP_TO: "upper bounds",
  RANGE: "ranges (lower end used)",
};

/** The statistics and warnings of one group (exported for tests on made-up figures). */
export function summarise(group: Group, groupBy: GroupBy): GroupShape {
  const { figures } = group;
  const units = [...new Set(figures.map((figure) => figure.normalizedUnit))].sort();
  const metrics = [...new Set(figures.map((figure) => figure.metricKey))].sort();
  const valued = figures.filter((figure) => figure.normalizedValue !== null);
  const values = valued.map((figure) => figure.normalizedValue as number);
  const sameUnit = units.length === 1 && values.length > 0;
  const warnings: string[] = [];
  const nonAdditive = [
    ...new Set(figures.filter((figure) => !figure.metric.additive).map((figure) => figure.metricKey)),
  ].sort();
  if (nonAdditive.length > 0) {
    warnings.push(
      `Not additive: ${nonAdditive.map((key) => `"${key}"`).join(", ")} must not be summed (overlapping counts, shares, rates or single measurements); the sum is not meaningful.`,
    );
  }
  if (units.length > 1) {
    warnings.push(
      `Mixed units (${units.join(", ")}): sum, min and max are only given when all figures share one canonical unit.`,
    );
  } else if (metrics.length > 1) {
    warnings.push(
      `Mixed metrics (${metrics.join(", ")}): the sum adds different measures that share the unit "${units[0]}".`,
    );
  }
  const overlap = classifyOverlaps(figures);
  warnings.push(...overlap.warnings);
  const nestedWarning = nestedScopes(
    figures.filter((figure) => figure.metric.additive),
    overlap.classified,
  );
  if (nestedWarning) warnings.push(nestedWarning);
  const leftOutIds = new Set(overlap.leftOut.map((entry) => entry.figureId));
  const summed = valued.filter((figure) => !leftOutIds.has(figure.id));
  const bounds = summed.filter((figure) => figure.qualifier in inexact);
  if (bounds.length > 0) {
    const kinds = [...new Set(bounds.map((figure) => inexact[figure.qualifier]))].sort().join(", ");
    warnings.push(`Inexact: ${bounds.length} of ${summed.length} summed figures are ${kinds}; the sum is approximate.`);
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
    summedCount: summed.length,
    leftOut: overlap.leftOut,
    unit: sameUnit ? (units[0] ?? null) : null,
    sum: sameUnit ? summed.reduce((total, figure) => total + (figure.normalizedValue as number), 0) : null,
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
      claim: { select: { status: true } },
      countsTowardTotals: true,
      relations: { select: { otherId: true, kind: true }, orderBy: { otherId: "asc" } },
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

const LeftOutFigureRef = builder.objectRef<LeftOut>("LeftOutFigure").implement({
  description:
    "A figure of a group that the group's `sum` leaves out so that nothing is counted twice (or because it states no number), with the reason.",
  fields: (t) => ({
    figureSlug: t.exposeString("figureId", { description: "Slug of the figure (look it up with `figure(id:)`)." }),
    reason: t.exposeString("reason", {
      description:
        'Why it is left out: "VAGUE: …", "part of <slug> …", "states the same quantity as <slug> …" or "contradicts <slug> …".',
    }),
  }),
});

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
        "Sum of the normalised values of the figures not in `leftOut`, in `unit`: VAGUE figures, figures inside another summed figure of the group (PART_OF) and repeats of one (AGREES, CONTRADICTS, or one claim) are left out, so no quantity is counted twice. Null when the group mixes units or no figure has a value. Not meaningful when `additive` is false; read `warnings` first.",
    }),
    summedCount: t.exposeInt("summedCount", {
      description: "Number of figures whose values `sum` adds (`count` minus `leftOut`, minus figures with no value).",
    }),
    leftOut: t.field({
      type: [LeftOutFigureRef],
      description: "The figures of the group that `sum` leaves out, in reading order, each with the reason.",
      resolve: (group) => group.leftOut,
    }),
    min: t.exposeFloat("min", {
      nullable: true,
      description:
        "Smallest normalised value, in `unit`, over every figure with a value; null when the group mixes units or none has a value.",
    }),
    max: t.exposeFloat("max", {
      nullable: true,
      description:
        "Largest normalised value, in `unit`, over every figure with a value; null when the group mixes units or none has a value.",
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
        "Why the sum may mislead, or what it leaves out: figures left out (VAGUE, parts, repeats), contradictions, non-exclusive tallies, overlapping or nested scopes no relation classifies, non-additive metrics, mixed units or metrics, bounds and approximations, multi-year periods. Empty when none.",
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
