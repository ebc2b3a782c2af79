/** figureStats: groups with count, sum, min, max, and warnings where a sum misleads. */
import { describe, expect, it } from "vitest";
import { type StatFigure, summarise } from "../src/schema/stats.js";
import { data, graphql } from "./helpers.js";

const STATS = graphql(`query($groupBy: FigureGroupBy!, $filter: FigureFilter) {
  figureStats(groupBy: $groupBy, filter: $filter) {
    groupBy figureCount groupCount warnings
    groups { key label count summedCount leftOut { figureSlug reason } unit sum min max metrics additive warning warnings
      entity { __typename id }
      figures(first: 100) { totalCount edges { node { slug qualifier normalized { value unit } metric { key additive } claim { slug } } } } }
  }
}`);

describe("figureStats", () => {
  it.each(["PLATFORM", "PLACE", "YEAR", "DOCUMENT", "METRIC"] as const)(
    "groups by %s with consistent statistics",
    async (groupBy) => {
      const result = await data(STATS, { groupBy });
      const stats = result.figureStats;
      expect(stats.groupBy).toBe(groupBy);
      expect(stats.groupCount).toBe(stats.groups.length);
      expect(stats.groups.length).toBeGreaterThan(1);
      for (const group of stats.groups) {
        expect(group.figures.totalCount).toBe(group.count);
        const nodes = group.figures.edges.map((edge) => edge.node);
        const leftOut = new Set(group.leftOut.map((entry) => entry.figureSlug));
        // A VAGUE figure has no value, is always left out, and no other figure is.
        for (const node of nodes) {
          expect(node.normalized.value === null).toBe(node.qualifier === "VAGUE");
          if (node.qualifier === "VAGUE") expect(leftOut.has(node.slug)).toBe(true);
        }
        const values = nodes.flatMap((node) => (node.normalized.value === null ? [] : [node.normalized.value]));
        const summed = nodes.filter((node) => !leftOut.has(node.slug));
        expect(group.summedCount).toBe(summed.length);
        const units = new Set(nodes.map((node) => node.normalized.unit));
        if (units.size === 1 && values.length > 0) {
          expect(group.unit).toBe([...units][0]);
          expect(group.sum).toBeCloseTo(
            summed.reduce((a, node) => a + (node.normalized.value ?? Number.NaN), 0),
            6,
          );
          expect(group.min).toBe(Math.min(...values));
          expect(group.max).toBe(Math.max(...values));
        } else if (units.size === 1) {
          expect(group).toMatchObject({ sum: null, min: null, max: null });
        } else {
          expect(group).toMatchObject({ unit: null, sum: null, min: null, max: null });
          expect(group.warning).toMatch(/Mixed units/);
        }
        expect(group.additive).toBe(group.figures.edges.every((edge) => edge.node.metric.additive));
        expect(group.warning === null).toBe(group.warnings.length === 0);
      }
      if (groupBy === "METRIC" || groupBy === "DOCUMENT") {
        expect(stats.groups.reduce((total, group) => total + group.count, 0)).toBe(stats.figureCount);
      }
      if (groupBy === "YEAR") {
        const keys = stats.groups.map((group) => group.key);
        expect(keys).toEqual([...keys].sort());
      }
    },
  );

  it("counts DEA surge cases per platform and warns that they overlap", async () => {
    const result = await data(STATS, {
      groupBy: "PLATFORM",
      filter: { operation: ["op-dea-surge-2021"], metric: { eq: "cases_by_platform" } },
    });
    const groups = result.figureStats.groups;
    const snapchat = groups.find((group) => group.key === "org-snapchat")!;
    expect(snapchat).toMatchObject({ count: 1, unit: "case", additive: false, entity: { __typename: "Organisation" } });
    expect(snapchat.sum).toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.additive).toBe(false);
      expect(group.warning).toMatch(/Not additive/);
    }
  });

  it("leaves repeats of one claim out of the sum and warns about figures in several groups", async () => {
    const result = await data(STATS, {
      groupBy: "PLATFORM",
      filter: { operation: ["op-dea-surge-2021"], metric: { in: ["cases_social_media", "cases_by_platform"] } },
    });
    const facebook = result.figureStats.groups.find((group) => group.key === "org-facebook")!;
    expect(facebook.leftOut).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^states the same quantity as fig-/) }),
    ]);
    expect(facebook.warnings.join(" ")).toMatch(/Left out of the sum so that nothing is counted twice/);
    expect(facebook.warnings.some((warning) => /Mixed metrics/.test(warning))).toBe(true);
    expect(result.figureStats.warnings.join(" ")).toMatch(/several groups/);
  });

  it("gives a clean group when summing is meaningful", async () => {
    const result = await data(STATS, { groupBy: "METRIC", filter: { id: ["fig-lp-surge-arrests"] } });
    expect(result.figureStats.groups).toHaveLength(1);
    expect(result.figureStats.groups[0]).toMatchObject({
      key: "arrests",
      count: 1,
      sum: 776,
      min: 776,
      max: 776,
      unit: "person",
      additive: true,
      warning: null,
      warnings: [],
    });
  });
  it("leaves parts of a summed figure out of the sum (the surge's pills are part of the year's)", async () => {
    const pills = await data(STATS, { groupBy: "METRIC", filter: { metric: { eq: "pills_seized" } } });
    const [group] = pills.figureStats.groups;
    const reasons = new Map(group?.leftOut.map((entry) => [entry.figureSlug, entry.reason]));
    expect(reasons.get("fig-ast-surge-pills")).toMatch(/^part of fig-(ast|lp)-fake-pills-2021, which is summed/);
    expect(reasons.has("fig-lp-fake-pills-2021")).toBe(false);
    // Every pair of the real data is classified, so no pair is left to the nested-scopes guess.
    expect(group?.warnings.some((warning) => warning.startsWith("Nested scopes:"))).toBe(false);
    // Figures of one claim are one quantity: the later is left out.
    const surge = await data(STATS, {
      groupBy: "METRIC",
      filter: { id: ["fig-ast-surge-pills", "fig-lp-surge-pills"] },
    });
    const [surgeGroup] = surge.figureStats.groups;
    expect(surgeGroup).toMatchObject({ count: 2, summedCount: 1 });
    expect(surgeGroup?.sum).toBe(surgeGroup?.max);
  });

  describe("on made-up figures", () => {
    const figure = (id: string, value: number | null, extra: Partial<StatFigure> = {}): StatFigure => ({
      id,
      metricKey: "pills_seized",
      qualifier: value === null ? "VAGUE" : "EXACT",
      normalizedValue: value,
      normalizedUnit: "pill",
      claimId: null,
      claim: null,
      countsTowardTotals: true,
      relations: [],
      periodStart: "2031-01-01",
      periodEnd: "2031-12-31",
      metric: { name: "Pills seized", additive: true },
      place: { id: "place-x", name: "X" },
      document: { id: "doc", title: "Doc" },
      subjects: [],
      ...extra,
    });
    const group = (...figures: StatFigure[]) =>
      summarise({ key: "pills_seized", label: "Pills seized", entity: null, figures }, "METRIC");

    it("warns of nested scopes that no relation classifies, and not once one does", () => {
      const unclassified = group(
        figure("fig-year", 100),
        figure("fig-month", 10, { periodStart: "2031-03-01", periodEnd: "2031-03-31" }),
      );
      expect(unclassified.sum).toBe(110);
      expect(unclassified.warnings.join(" ")).toMatch(/^Nested scopes: fig-year and fig-month /);
      const classified = group(
        figure("fig-year", 100),
        figure("fig-month", 10, {
          periodStart: "2031-03-01",
          periodEnd: "2031-03-31",
          relations: [{ otherId: "fig-year", kind: "PART_OF" }],
        }),
      );
      expect(classified).toMatchObject({ sum: 100, summedCount: 1 });
      expect(classified.leftOut).toEqual([
        { figureId: "fig-month", reason: "part of fig-year, which is summed (its scope lies inside)" },
      ]);
      expect(classified.warnings.join(" ")).not.toMatch(/Nested scopes/);
    });

    it("leaves out VAGUE figures and restatements, keeps the outermost container, and warns of contradictions", () => {
      const result = group(
        figure("fig-a", 100),
        figure("fig-b", 100, { relations: [{ otherId: "fig-a", kind: "AGREES" }] }),
        figure("fig-c", null),
        figure("fig-d", 5, { relations: [{ otherId: "fig-e", kind: "PART_OF" }] }),
        figure("fig-e", 50, { relations: [{ otherId: "fig-a", kind: "PART_OF" }] }),
        figure("fig-f", 70, { relations: [{ otherId: "fig-a", kind: "CONTRADICTS" }], countsTowardTotals: false }),
      );
      expect(result.leftOut.map((entry) => entry.figureId)).toEqual(["fig-b", "fig-c", "fig-d", "fig-e", "fig-f"]);
      expect(result.leftOut.find((entry) => entry.figureId === "fig-d")?.reason).toBe(
        "part of fig-a, which is summed (its scope lies inside)",
      );
      expect(result).toMatchObject({ count: 6, summedCount: 1, sum: 100, min: 5, max: 100 });
      expect(result.warnings.join(" ")).toMatch(/Contradictions: fig-a and fig-f/);
    });

    it("gives no sum, min or max when no figure states a number", () => {
      expect(group(figure("fig-v", null), figure("fig-w", null))).toMatchObject({
        sum: null,
        min: null,
        max: null,
        summedCount: 0,
      });
    });
  });
});
