/**
 * StringFilter's `contains` and `startsWith` (issue 9, defect 5): every character matches itself
 * (`%`, `_` and `\` are not LIKE wildcards), ASCII case is ignored, and the filter composes with
 * the other conditions, in nested connections and through relations. Each result is compared
 * with the same test done in JavaScript over every record.
 */
import { describe, expect, it } from "vitest";
import { escapeLike, withEscapeClause } from "../src/literal-like.js";
import { data, execute, graphql } from "./helpers.js";

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const contains = (text: string, part: string) => asciiLower(text).includes(asciiLower(part));
const startsWith = (text: string, part: string) => asciiLower(text).startsWith(asciiLower(part));

interface FigureRow {
  slug: string;
  label: string;
  unit: string;
  unitKey: string;
  metric: { key: string };
}

async function allFigures(): Promise<FigureRow[]> {
  const result = await data(
    graphql(`{ figures(first: 100) { totalCount edges { node { slug label unit unitKey metric { key } } } } }`),
  );
  expect(result.figures.totalCount).toBeLessThanOrEqual(100);
  return result.figures.edges.map((edge) => edge.node);
}

async function figureSlugs(filter: Record<string, unknown>): Promise<string[]> {
  const result = await data(
    graphql(
      `query($f: FigureFilter) { figures(first: 100, filter: $f, orderBy: [{ field: SLUG }]) { edges { node { slug } } } }`,
    ),
    {
      f: filter,
    },
  );
  return result.figures.edges.map((edge) => edge.node.slug);
}

const sorted = (slugs: string[]) => [...slugs].sort();

describe("contains and startsWith match %, _ and \\ literally", () => {
  const needles = ["%", "_", "\\", "%%", "a%", "_s", "pills_", "s_s", "\\%", "_%_"];

  it.each(needles)(
    "figures(filter: { label / metric / unit: { contains: %j } }) match only texts that contain it",
    async (needle) => {
      const figures = await allFigures();
      for (const [key, text] of [
        ["label", (figure: FigureRow) => figure.label],
        ["metric", (figure: FigureRow) => figure.metric.key],
        // `unit` matches the unit as shown or its key.
        ["unit", (figure: FigureRow) => [figure.unit, figure.unitKey]],
      ] as const) {
        const expected = figures
          .filter((figure) => [text(figure)].flat().some((value) => contains(value, needle)))
          .map((figure) => figure.slug);
        expect(sorted(await figureSlugs({ [key]: { contains: needle } })), `${key} contains ${needle}`).toEqual(
          sorted(expected),
        );
      }
    },
  );

  it.each(["%", "_", "\\", "pills_", "PILLS_S", "Cases_"])(
    "startsWith: %j matches only texts that start with it",
    async (needle) => {
      const figures = await allFigures();
      const expected = figures.filter((figure) => startsWith(figure.metric.key, needle)).map((figure) => figure.slug);
      expect(sorted(await figureSlugs({ metric: { startsWith: needle } }))).toEqual(sorted(expected));
      const labels = figures.filter((figure) => startsWith(figure.label, needle)).map((figure) => figure.slug);
      expect(sorted(await figureSlugs({ label: { startsWith: needle } }))).toEqual(sorted(labels));
    },
  );

  it('matches "%" and "_" against data that has them, not against everything', async () => {
    const figures = await allFigures();
    const underscored = await figureSlugs({ metric: { contains: "_" } });
    // Most metric keys have an underscore, some do not (e.g. `arrests`): a wildcard would match all.
    expect(underscored.length).toBeGreaterThan(0);
    expect(underscored.length).toBeLessThan(figures.length);
    expect(await figureSlugs({ label: { contains: "%" } })).toEqual(
      figures.filter((figure) => figure.label.includes("%")).map((f) => f.slug),
    );
    const quotes = await data(
      graphql(`{ quotes(first: 100, filter: { text: { contains: "%" } }) { edges { node { slug text } } } }`),
    );
    for (const edge of quotes.quotes.edges) expect(edge.node.text).toContain("%");
  });

  it("still ignores ASCII case", async () => {
    const lower = await figureSlugs({ label: { contains: "fentanyl" } });
    expect(lower.length).toBeGreaterThan(0);
    expect(await figureSlugs({ label: { contains: "FENTANYL" } })).toEqual(lower);
    expect(await figureSlugs({ label: { contains: "FeNtAnYl" } })).toEqual(lower);
    const metrics = await figureSlugs({ metric: { startsWith: "PILLS_" } });
    expect(metrics).toEqual(await figureSlugs({ metric: { startsWith: "pills_" } }));
  });

  it("composes with the other conditions, through relations and in nested connections", async () => {
    const figures = await allFigures();
    const withClaim = await data(
      graphql(`{ figures(first: 100, filter: { hasClaim: true }) { edges { node { slug } } } }`),
    );
    const claimed = new Set(withClaim.figures.edges.map((edge) => edge.node.slug));
    const expected = figures
      .filter((figure) => contains(figure.metric.key, "_") && claimed.has(figure.slug))
      .map((f) => f.slug);
    expect(sorted(await figureSlugs({ metric: { contains: "_" }, hasClaim: true }))).toEqual(sorted(expected));

    const claims = await data(
      graphql(`{
      all: claims(first: 100) { edges { node { slug figures(first: 100) { edges { node { metric { key } } } } } } }
      some: claims(first: 100, filter: { metric: { contains: "_s" } }) { edges { node { slug } } }
    }`),
    );
    const claimsExpected = claims.all.edges
      .filter((edge) => edge.node.figures.edges.some((figure) => contains(figure.node.metric.key, "_s")))
      .map((edge) => edge.node.slug);
    expect(sorted(claims.some.edges.map((edge) => edge.node.slug))).toEqual(sorted(claimsExpected));

    const nested = await data(
      graphql(`{ document(id: "latin-post") {
      all: figures(first: 100) { edges { node { slug unitKey } } }
      some: figures(first: 100, filter: { unit: { contains: "_" } }) { totalCount edges { node { slug } } }
    } }`),
    );
    const nestedExpected = nested.document.all.edges
      .filter((edge) => edge.node.unitKey.includes("_"))
      .map((edge) => edge.node.slug);
    expect(sorted(nested.document.some.edges.map((edge) => edge.node.slug))).toEqual(sorted(nestedExpected));
    expect(nested.document.some.totalCount).toBe(nestedExpected.length);

    const metrics = await data(
      graphql(
        `{ all: metrics(first: 100) { edges { node { key } } } some: metrics(first: 100, filter: { key: { contains: "_" } }) { totalCount } }`,
      ),
    );
    expect(metrics.some.totalCount).toBe(metrics.all.edges.filter((edge) => edge.node.key.includes("_")).length);
  });
});

describe("NUL in contains and startsWith", () => {
  it.each([
    [
      `query($v: String) { documents(filter: { title: { contains: $v } }) { totalCount } }`,
      "filter.title.contains",
      "\u0000",
    ],
    [
      `query($v: String) { figures(filter: { label: { startsWith: $v } }) { totalCount } }`,
      "filter.label.startsWith",
      "fen\u0000",
    ],
    [
      `query($v: String) { claims(filter: { metric: { contains: $v } }) { totalCount } }`,
      "filter.metric.contains",
      "a\u0000b",
    ],
  ])(
    "rejects %s (SQLite's LIKE would stop at the NUL and match everything), naming %s",
    async (query, argument, value) => {
      const result = await execute(query, { v: value });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(result.errors![0]!.message).toMatch(/cannot match a NUL character \(U\+0000\)\.$/);
    },
  );
});

describe("the LIKE escaping itself", () => {
  it("escapes the escape character and both wildcards", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(escapeLike("plain text")).toBe("plain text");
  });

  it("adds an ESCAPE clause to each of Prisma's LIKE placeholders", () => {
    expect(withEscapeClause("WHERE `a` LIKE ? AND NOT `b` LIKE ? OR `c` = ?")).toBe(
      "WHERE `a` LIKE ? ESCAPE '\\' AND NOT `b` LIKE ? ESCAPE '\\' OR `c` = ?",
    );
  });
});
