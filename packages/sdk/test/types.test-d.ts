/**
 * Type tests (run by vitest's typecheck and by `tsc`): results are precisely typed, with no `any`
 * anywhere in any method's result or variables.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { describe, expectTypeOf, it } from "vitest";
import {
  createClient,
  type FentraceClient,
  FentraceError,
  type FentraceErrorKind,
  type FentraceMethods,
  type FigureFieldsFragment,
  type FiguresQuery,
  type FiguresQueryVariables,
  type Paginator,
  paginate,
  type Qualifier,
  type Schema,
  type SearchQuery,
} from "../src/index.js";

const client = createClient();

/** True when `any` occurs anywhere in T (objects, arrays, unions, functions' parameters and results). */
type IsAny<T> = 0 extends 1 & T ? true : false;
type HasAny<T, Depth extends unknown[] = []> = Depth["length"] extends 12
  ? false
  : IsAny<T> extends true
    ? true
    : T extends readonly (infer E)[]
      ? HasAny<E, [...Depth, 0]>
      : T extends object
        ? true extends { [K in keyof T]-?: HasAny<T[K], [...Depth, 0]> }[keyof T]
          ? true
          : false
        : false;

type Result<K extends keyof FentraceMethods> = Awaited<ReturnType<FentraceMethods[K]>>;
type Variables<K extends keyof FentraceMethods> = NonNullable<Parameters<FentraceMethods[K]>[0]>;

describe("generated methods", () => {
  it("have no any in any result or variables", () => {
    expectTypeOf<{ [K in keyof FentraceMethods]: HasAny<Result<K>> }[keyof FentraceMethods]>().toEqualTypeOf<false>();
    expectTypeOf<
      { [K in keyof FentraceMethods]: HasAny<Variables<K>> }[keyof FentraceMethods]
    >().toEqualTypeOf<false>();
    // HasAny itself must see an `any`: JSON.parse's result is one, without writing the type out.
    type Any = ReturnType<typeof JSON.parse>;
    expectTypeOf<HasAny<{ a: Any }>>().toEqualTypeOf<true>();
    expectTypeOf<HasAny<{ a: { b: Array<{ c: Any }> } }>>().toEqualTypeOf<true>();
  });

  it("figures: variables and a precisely typed connection of FigureFieldsFragment", () => {
    expectTypeOf(client.figures).parameter(0).toEqualTypeOf<FiguresQueryVariables | undefined>();
    expectTypeOf(
      client.figures({ filter: { metric: { eq: "pills_seized" } }, first: 5 }),
    ).resolves.toEqualTypeOf<FiguresQuery>();
    type Figure = FiguresQuery["figures"]["edges"][number]["node"];
    expectTypeOf<Figure>().toEqualTypeOf<FigureFieldsFragment>();
    // Empty for VAGUE figures, whose words state no number.
    expectTypeOf<Figure["value"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Figure["countsTowardTotals"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Figure["valueHigh"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Figure["qualifier"]>().toEqualTypeOf<Qualifier>();
    expectTypeOf<Qualifier>().toEqualTypeOf<
      "APPROXIMATE" | "AT_LEAST" | "EXACT" | "MORE_THAN" | "RANGE" | "UP_TO" | "VAGUE"
    >();
    expectTypeOf<Figure["citation"]>().toEqualTypeOf<{ short: string; long: string; datasetVersion: string }>();
    expectTypeOf<Figure["period"]["start"]>().toEqualTypeOf<string | null>();
    expectTypeOf<FiguresQuery["figures"]["pageInfo"]["endCursor"]>().toEqualTypeOf<string | null>();
    expectTypeOf<FiguresQuery["figures"]["totalCount"]>().toEqualTypeOf<number>();
  });

  it("rejects wrong variables", () => {
    // @ts-expect-error: first is a number
    void client.figures({ first: "10" });
    // @ts-expect-error: not a figure filter field
    void client.figures({ filter: { colour: "red" } });
    // @ts-expect-error: figure requires an id
    void client.figure();
    // @ts-expect-error: unknown enum value
    void client.figureStats({ groupBy: "COLOUR" });
  });

  it("lookups return non-null records; node returns a __typename-discriminated union or null", async () => {
    expectTypeOf(client.figure).parameter(0).toEqualTypeOf<{ id: string | number }>();
    const { figure } = await client.figure({ id: "x" });
    expectTypeOf(figure).toMatchTypeOf<FigureFieldsFragment>();
    expectTypeOf(figure.relations.edges[0]!.node.kind).toEqualTypeOf<Schema.FigureRelationKind>();
    const { node } = await client.node({ id: "x" });
    expectTypeOf(node).toBeNullable();
    if (node?.__typename === "Organisation") {
      expectTypeOf(node.organisationKind).toEqualTypeOf<Schema.OrganisationKind>();
      expectTypeOf(node.name).toEqualTypeOf<string>();
    }
    if (node?.__typename === "Figure") expectTypeOf(node.value).toEqualTypeOf<number | null>();
    expectTypeOf((await client.nodes({ ids: ["a"] })).nodes).toEqualTypeOf<Array<NonNullable<typeof node> | null>>();
  });

  it("search hits are a union of the searchable types, with score and snippet", () => {
    type Edge = SearchQuery["search"]["edges"][number];
    expectTypeOf<Edge["score"]>().toEqualTypeOf<number>();
    expectTypeOf<Edge["node"]["__typename"]>().toEqualTypeOf<
      | "Claim"
      | "Document"
      | "Event"
      | "Figure"
      | "LegalCase"
      | "Operation"
      | "Organisation"
      | "Person"
      | "Place"
      | "Quote"
      | "Substance"
    >();
  });

  it("dataset needs no variables", () => {
    expectTypeOf(client.dataset).toBeCallableWith();
    expectTypeOf(client.dataset).returns.resolves.toHaveProperty("dataset");
  });
});

describe("pagination", () => {
  it("paginate(client.figures) iterates FigureFieldsFragment", () => {
    const pages = paginate(client.figures, { filter: { metric: { eq: "pills_seized" } } });
    expectTypeOf(pages).toEqualTypeOf<Paginator<FigureFieldsFragment, FiguresQuery["figures"]>>();
    expectTypeOf(pages.all()).resolves.toEqualTypeOf<FigureFieldsFragment[]>();
    expectTypeOf(client.figures.paginate()).toEqualTypeOf<Paginator<FigureFieldsFragment, FiguresQuery["figures"]>>();
  });

  it("search requires its query; cursors are the paginator's", () => {
    expectTypeOf(client.search.paginate({ query: "pills" }).all()).resolves.items.toEqualTypeOf<
      SearchQuery["search"]["edges"][number]["node"]
    >();
    // @ts-expect-error: query is required
    void client.search.paginate();
    // @ts-expect-error: after is set by the paginator
    void client.figures.paginate({ after: "x" });
  });

  it("lookups and aggregates cannot be paginated", () => {
    expectTypeOf(client.figure).not.toHaveProperty("paginate");
    expectTypeOf(client.dataset).not.toHaveProperty("paginate");
    expectTypeOf(client.figureStats).not.toHaveProperty("paginate");
    // @ts-expect-error: figure is not a list
    void paginate(client.figure, { id: "x" });
  });
});

describe("request()", () => {
  it("types results and variables from a TypedDocumentNode", () => {
    const document = {} as TypedDocumentNode<{ metric: { key: string } }, { key: string }>;
    expectTypeOf(client.request(document, { key: "pills_seized" })).resolves.toEqualTypeOf<{
      metric: { key: string };
    }>();
    // @ts-expect-error: variables are required by the document
    void client.request(document);
    // @ts-expect-error: wrong variable type
    void client.request(document, { key: 1 });
    expectTypeOf(client.request<{ units: { totalCount: number } }>("{ units { totalCount } }")).resolves.toEqualTypeOf<{
      units: { totalCount: number };
    }>();
  });
});

describe("errors", () => {
  it("FentraceError exposes typed fields", () => {
    const error = new FentraceError({
      kind: "network",
      code: "NETWORK_ERROR",
      message: "x",
      request: { endpoint: "x" },
    });
    expectTypeOf(error.kind).toEqualTypeOf<FentraceErrorKind>();
    expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
    expectTypeOf<FentraceError["errors"][number]["extensions"]>().toEqualTypeOf<
      { code?: string; [key: string]: unknown } | undefined
    >();
    expectTypeOf(error.data).toBeUnknown();
    expectTypeOf<FentraceClient["endpoint"]>().toEqualTypeOf<string>();
  });
});
