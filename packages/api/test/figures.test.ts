/** Figures: the contract's fields, every filter, ordering and cursor pagination. */
import { beforeAll, describe, expect, it } from "vitest";
import { data, execute, graphql, type ResultOf, slugs, type VariablesOf } from "./helpers.js";

const ALL = graphql(`{
  figures(first: 100) {
    totalCount
    edges { node {
      slug value qualifier unitKey normalized { value unit } metric { key }
      period { start end }
      place { slug parent { slug parent { slug } } }
      document { slug }
      claim { slug status }
      subjects(first: 20) { edges { node { role entity {
        __typename
        ... on Organisation { slug } ... on Operation { slug } ... on LegalCase { slug }
        ... on Substance { slug } ... on Person { slug }
      } } } }
    } }
  }
}`);

type AllFigure = ResultOf<typeof ALL>["figures"]["edges"][number]["node"];

let all: AllFigure[] = [];

beforeAll(async () => {
  const result = await data(ALL);
  all = result.figures.edges.map((edge) => edge.node);
  expect(result.figures.totalCount).toBe(all.length);
  expect(all.length).toBeGreaterThan(20);
});

const FILTERED = graphql(
  `query($filter: FigureFilter) { figures(filter: $filter, first: 100) { totalCount edges { node { slug } } } }`,
);

/** Runs `figures(filter:)` (all pages) and returns the slugs with totalCount. */
async function filtered(filter: VariablesOf<typeof FILTERED>["filter"]) {
  const result = await data(FILTERED, { filter });
  return { slugs: slugs(result.figures).sort(), totalCount: result.figures.totalCount };
}

function expected(predicate: (figure: AllFigure) => boolean): string[] {
  return all
    .filter(predicate)
    .map((figure) => figure.slug)
    .sort();
}

function hasSubject(figure: AllFigure, type: string, slug: string, role?: string) {
  return figure.subjects.edges.some(
    ({ node }) => node.entity.__typename === type && node.entity.slug === slug && (!role || node.role === role),
  );
}

describe("Figure", () => {
  it("serves the contract fields", async () => {
    const result = await data(
      graphql(`{
      figure(id: "fig-lp-fentanyl-powder-2021") {
        id value valueHigh qualifier unit
        normalized { value unit valueHigh }
        metric { key name }
        evidence { text start end document { fileName title } }
        claim { id status }
        statedText unitKey scale
        period { start end precision inferred basis }
        statedBy { __typename ... on Person { name } }
        place { name }
      }
    }`),
    );
    const figure = result.figure;
    expect(figure).toMatchObject({
      value: 15000,
      valueHigh: null,
      qualifier: "MORE_THAN",
      unit: "pounds",
      unitKey: "pound",
      statedText: "more than 15,000 pounds",
      metric: { key: "drug_seized_mass" },
      claim: { status: "CONTRADICTS" },
      period: { start: "2021-01-01", end: "2021-12-31", precision: "YEAR", inferred: true },
      statedBy: { __typename: "Person", name: "Anne Milgram" },
      place: { name: "United States" },
      evidence: { document: { fileName: "000_31e3268d31b59962.txt" } },
    });
    expect(figure.normalized.unit).toBe("kilogram");
    expect(figure.normalized.value).toBeCloseTo(15000 * 0.45359237, 6);
    expect(figure.evidence.text).toContain(figure.statedText);
    expect(figure.evidence.end - figure.evidence.start).toBe(figure.evidence.text.length);
    expect(Buffer.from(figure.id, "base64").toString()).toBe("Figure:fig-lp-fentanyl-powder-2021");
  });

  it("keeps the written value and the scale apart", async () => {
    const result = await data(
      graphql(`{ figure(id: "fig-ast-fake-pills-2021") { value scale normalized { value unit } } }`),
    );
    expect(result.figure).toEqual({ value: 20.4, scale: "million", normalized: { value: 20_400_000, unit: "pill" } });
  });
});

describe("figures(filter:)", () => {
  it("filters by metric, unit and qualifier", async () => {
    expect(await filtered({ metric: { eq: "pills_seized" } })).toEqual({
      slugs: expected((f) => f.metric.key === "pills_seized"),
      totalCount: expected((f) => f.metric.key === "pills_seized").length,
    });
    expect((await filtered({ metric: { startsWith: "cases" } })).slugs).toEqual(
      expected((f) => f.metric.key.startsWith("cases")),
    );
    expect((await filtered({ unit: { in: ["pound", "milligram"] } })).slugs).toEqual(
      expected((f) => ["pound", "milligram"].includes(f.unitKey)),
    );
    expect((await filtered({ qualifier: ["MORE_THAN", "AT_LEAST"] })).slugs).toEqual(
      expected((f) => ["MORE_THAN", "AT_LEAST"].includes(f.qualifier)),
    );
  });

  it("filters by value range (as written and normalised)", async () => {
    expect((await filtered({ value: { gte: 10, lt: 100 } })).slugs).toEqual(
      // A VAGUE figure has no value, so no range condition matches it.
      expected((f) => f.value !== null && f.value >= 10 && f.value < 100),
    );
    expect((await filtered({ normalizedValue: { gt: 1_000_000 } })).slugs).toEqual(
      expected((f) => f.normalized.value !== null && f.normalized.value > 1_000_000),
    );
    expect((await filtered({ value: { eq: 76 } })).slugs).toEqual(expected((f) => f.value === 76));
  });

  it("filters by period overlap and containment, with partial dates", async () => {
    const overlaps2021 = expected(
      (f) => !!f.period.start && f.period.start <= "2021-12-31" && f.period.end! >= "2021-01-01",
    );
    const result = await filtered({ period: { overlaps: { start: "2021", end: "2021" } } });
    expect(result.slugs).toEqual(overlaps2021);
    expect(result.totalCount).toBe(overlaps2021.length);
    expect((await filtered({ period: { within: { start: "2021-09", end: "2021-12" } } })).slugs).toEqual(
      expected((f) => !!f.period.start && f.period.start >= "2021-09-01" && f.period.end! <= "2021-12-31"),
    );
    expect((await filtered({ period: { known: false } })).slugs).toEqual(expected((f) => f.period.start === null));
  });

  it("filters by place, including the places inside it", async () => {
    const inTexas = (f: AllFigure) =>
      [f.place?.slug, f.place?.parent?.slug, f.place?.parent?.parent?.slug].includes("place-us-tx");
    const texas = await filtered({ place: { ids: ["place-us-tx"] } });
    expect(texas.slugs).toEqual(expected(inTexas));
    expect(texas.slugs.length).toBeGreaterThan(expected((f) => f.place?.slug === "place-us-tx").length);
    expect((await filtered({ place: { ids: ["place-us-tx"], includeDescendants: false } })).slugs).toEqual(
      expected((f) => f.place?.slug === "place-us-tx"),
    );
  });

  it("filters by platform, organisation, operation, case, substance and person subjects", async () => {
    expect((await filtered({ platform: ["org-snapchat"] })).slugs).toEqual(
      expected((f) => hasSubject(f, "Organisation", "org-snapchat", "PLATFORM")),
    );
    expect((await filtered({ organisation: ["org-dea"] })).slugs).toEqual(
      expected((f) => hasSubject(f, "Organisation", "org-dea")),
    );
    expect((await filtered({ operation: ["op-dea-surge-2021"] })).slugs).toEqual(
      expected((f) => hasSubject(f, "Operation", "op-dea-surge-2021")),
    );
    const carrollton = await filtered({ legalCase: ["case-carrollton"] });
    expect(carrollton.slugs).toEqual(expected((f) => hasSubject(f, "LegalCase", "case-carrollton")));
    expect(carrollton.slugs.length).toBeGreaterThan(0);
    // fentanyl includes fentanyl powder
    const fentanyl = await filtered({ substance: { ids: ["sub-fentanyl"] } });
    expect(fentanyl.slugs).toEqual(
      expected((f) => hasSubject(f, "Substance", "sub-fentanyl") || hasSubject(f, "Substance", "sub-fentanyl-powder")),
    );
  });

  it("filters by document, claim and claim status, and accepts global IDs as well as slugs", async () => {
    expect((await filtered({ document: ["latin-post"] })).slugs).toEqual(
      expected((f) => f.document.slug === "latin-post"),
    );
    const globalId = Buffer.from("Document:latin-post").toString("base64");
    expect((await filtered({ document: [globalId] })).slugs).toEqual(expected((f) => f.document.slug === "latin-post"));
    expect((await filtered({ claimStatus: ["CONTRADICTS"] })).slugs).toEqual(
      expected((f) => f.claim?.status === "CONTRADICTS"),
    );
    expect((await filtered({ hasClaim: false })).slugs).toEqual(expected((f) => f.claim === null));
  });

  it("combines filters with AND and counts only what matches", async () => {
    const result = await filtered({ metric: { eq: "cases_by_platform" }, operation: ["op-dea-surge-2021"] });
    const want = expected(
      (f) => f.metric.key === "cases_by_platform" && hasSubject(f, "Operation", "op-dea-surge-2021"),
    );
    expect(result).toEqual({ slugs: want, totalCount: want.length });
    expect(want.length).toBeGreaterThanOrEqual(4);
  });
});

describe("figures(orderBy:)", () => {
  it("sorts by normalised value, period and label, ties broken by slug", async () => {
    const result = await data(
      graphql(`{ figures(first: 100, filter: { metric: { eq: "pills_seized" } }, orderBy: [{ field: NORMALIZED_VALUE, direction: DESC }]) {
      edges { node { slug normalized { value } } } } }`),
    );
    const values = result.figures.edges.map((edge) => edge.node.normalized.value ?? Number.NEGATIVE_INFINITY);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const byPeriod = await data(
      graphql(`{ figures(first: 100, orderBy: [{ field: PERIOD_START }]) { edges { node { period { start } } } } }`),
    );
    const starts = byPeriod.figures.edges.map((edge) => edge.node.period.start ?? "");
    expect(starts).toEqual([...starts].sort());
  });

  it("defaults to reading order: document, then position", async () => {
    const result = await data(
      graphql(`{ figures(first: 100) { edges { node { document { slug } evidence { start } } } } }`),
    );
    const keys = result.figures.edges.map((edge) => [edge.node.document.slug, edge.node.evidence.start] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });
});

describe("pagination", () => {
  it("returns 20 figures by default and reports the next page", async () => {
    const result = await data(
      graphql(
        `{ figures { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      ),
    );
    expect(result.figures.edges).toHaveLength(20);
    expect(result.figures.totalCount).toBe(all.length);
    expect(result.figures.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(result.figures.pageInfo.endCursor).toBe(result.figures.edges[19]?.cursor);
  });

  const FORWARD = graphql(
    `query($after: String, $orderBy: [FigureOrder!]) { figures(first: 7, after: $after, orderBy: $orderBy) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }`,
  );
  const BACKWARD = graphql(
    `query($before: String, $orderBy: [FigureOrder!]) { figures(last: 9, before: $before, orderBy: $orderBy) { edges { node { slug } } pageInfo { hasPreviousPage startCursor } } }`,
  );
  const orders: [string, VariablesOf<typeof FORWARD>["orderBy"]][] = [
    ["default order", null],
    ["by period, descending", [{ field: "PERIOD_START", direction: "DESC" }]],
    ["by normalised value", [{ field: "NORMALIZED_VALUE" }]],
  ];

  it.each(orders)("walks forward and backward through every figure exactly once (%s)", async (_name, orderBy) => {
    const reference = all.length;
    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: ResultOf<typeof FORWARD> = await data(FORWARD, { after, orderBy });
      forward.push(...slugs(result.figures));
      if (!result.figures.pageInfo.hasNextPage) break;
      after = result.figures.pageInfo.endCursor;
    }
    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: ResultOf<typeof BACKWARD> = await data(BACKWARD, { before, orderBy });
      backward.unshift(...slugs(result.figures));
      if (!result.figures.pageInfo.hasPreviousPage) break;
      before = result.figures.pageInfo.startCursor;
    }
    expect(forward).toHaveLength(reference);
    expect(new Set(forward).size).toBe(reference);
    expect(backward).toEqual(forward);
  });

  it("accepts first: 0 and first: 100", async () => {
    expect((await data(graphql(`{ figures(first: 0) { totalCount edges { cursor } } }`))).figures.edges).toEqual([]);
    expect((await data(graphql(`{ figures(first: 100) { edges { cursor } } }`))).figures.edges).toHaveLength(
      all.length,
    );
  });

  it("paginates nested connections with totalCount respecting their filter", async () => {
    const result = await data(
      graphql(`{
      document(id: "latin-post") {
        all: figures { totalCount }
        cases: figures(filter: { metric: { eq: "cases_by_platform" } }, first: 2) { totalCount edges { node { metric { key } } } pageInfo { hasNextPage } }
      }
    }`),
    );
    const want = all.filter((f) => f.document.slug === "latin-post" && f.metric.key === "cases_by_platform").length;
    expect(result.document.all.totalCount).toBe(all.filter((f) => f.document.slug === "latin-post").length);
    expect(result.document.cases.totalCount).toBe(want);
    expect(result.document.cases.edges).toHaveLength(Math.min(2, want));
    expect(result.document.cases.pageInfo.hasNextPage).toBe(want > 2);
  });
});

describe("other lists", () => {
  it.each([
    ["documents", "DocumentFilter", { outlet: { contains: "post" } }],
    ["claims", "ClaimFilter", { status: ["AGREES"] }],
    ["quotes", "QuoteFilter", { direct: true }],
    ["organisations", "OrganisationFilter", { kind: ["PLATFORM"] }],
    ["people", "PersonFilter", { name: { contains: "milgram" } }],
    ["places", "PlaceFilter", { within: ["place-us"] }],
    ["operations", "OperationFilter", { kind: ["ENFORCEMENT_SURGE"] }],
    ["events", "EventFilter", { date: { start: "2021", end: "2021" } }],
    ["legalCases", "LegalCaseFilter", { place: ["place-us-tx"] }],
    ["defendants", "DefendantFilter", { named: true }],
    ["substances", "SubstanceFilter", { within: ["sub-fentanyl"] }],
    ["metrics", "MetricFilter", { additive: false }],
    ["units", "UnitFilter", { canonicalUnit: { eq: "kilogram" } }],
    ["exclusions", "ExclusionFilter", { document: ["american-security-today"] }],
  ])("%s(filter:) narrows the list and totalCount follows", async (field, filterType, filter) => {
    const result = await execute(
      `query($filter: ${filterType}) { all: ${field}(first: 100) { totalCount edges { cursor } } some: ${field}(filter: $filter, first: 100) { totalCount edges { cursor } } }`,
      { filter },
    );
    expect(result.errors).toBeUndefined();
    const { all: everything, some } = result.data as Record<string, { totalCount: number; edges: unknown[] }>;
    expect(some!.totalCount).toBe(some!.edges.length);
    expect(some!.totalCount).toBeGreaterThan(0);
    expect(some!.totalCount).toBeLessThan(everything!.totalCount);
  });

  it("claims(filter: { status: CONTRADICTS }) accepts a single enum value", async () => {
    const result = await data(
      graphql(`{ claims(filter: { status: CONTRADICTS }) { totalCount edges { node { status explanation } } } }`),
    );
    expect(result.claims.totalCount).toBeGreaterThan(0);
    for (const edge of result.claims.edges) {
      expect(edge.node.status).toBe("CONTRADICTS");
      expect(edge.node.explanation.length).toBeGreaterThan(20);
    }
  });
});
