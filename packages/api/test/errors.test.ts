/** Errors: codes, messages naming the argument, masking, and GraphQL-over-HTTP status codes. */
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { maskError, yoga } from "../src/yoga.js";
import { data, execute, firstError, graphql } from "./helpers.js";

describe("page-size arguments", () => {
  it.each([
    ["first", 500],
    ["first", -1],
    ["last", 101],
  ])("rejects %s: %i with a message naming the argument and the range", async (argument, value) => {
    const error = await firstError(`{ figures(${argument}: ${value}) { totalCount } }`);
    expect(error.message).toBe(`Argument "${argument}" must be between 0 and 100 (got ${value}).`);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument, field: "figures" });
  });

  it("checks nested connections and variables too", async () => {
    const error = await firstError(
      `query($n: Int) { claims(first: 1) { edges { node { figures(first: $n) { totalCount } } } } }`,
      { n: 1000 },
    );
    expect(error.message).toBe('Argument "first" must be between 0 and 100 (got 1000).');
    expect(error.code).toBe("BAD_USER_INPUT");
  });

  it("rejects contradictory pagination arguments", async () => {
    const both = await firstError(`{ figures(first: 1, last: 1) { totalCount } }`);
    expect(both).toMatchObject({ code: "BAD_USER_INPUT", argument: "last" });
    expect(both.message).toContain('Arguments "first" and "last" cannot be combined');
  });

  it("rejects more than 100 ids in nodes(ids:)", async () => {
    const ids = Array.from({ length: 101 }, () => "x");
    const error = await firstError(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argument: "ids" });
  });
});

describe("cursors", () => {
  it.each(["garbage", "", Buffer.from("OffsetConnection:3").toString("base64"), "R1BDOl"])(
    'rejects after: "%s"',
    async (cursor) => {
      const error = await firstError(`query($after: String) { figures(after: $after) { totalCount } }`, {
        after: cursor,
      });
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.argument).toBe("after");
      expect(error.message).toMatch(/^Argument "after" is not a valid cursor for FigureConnection/);
    },
  );

  it("rejects a malformed cursor of a nested connection, naming it", async () => {
    const error = await firstError(`{ document(id: "latin-post") { quotes(before: "nope", last: 2) { totalCount } } }`);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argument: "before" });
  });

  it("rejects a figure cursor on the search connection and vice versa", async () => {
    const figures = await data(graphql(`{ figures(first: 1) { pageInfo { endCursor } } }`));
    const error = await firstError(
      `query($after: String) { search(query: "fentanyl", after: $after) { totalCount } }`,
      {
        after: figures.figures.pageInfo.endCursor,
      },
    );
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
  });
});

describe("filters", () => {
  it.each([
    [{ value: { eq: 1, gt: 0 } }, "filter.value", /"eq" cannot be combined/],
    [{ value: { gt: 10, lt: 5 } }, "filter.value", /range is empty/],
    [{ normalizedValue: { gt: 1, gte: 2 } }, "filter.normalizedValue", /either "gt" or "gte"/],
    [{ metric: { eq: "a", in: ["b"] } }, "filter.metric", /"eq" and "in" cannot be combined/],
    [{ period: { overlaps: { start: "2022", end: "2021" } } }, "filter.period.overlaps", /is after "end"/],
    [{ period: { overlaps: {} } }, "filter.period.overlaps", /give "start", "end" or both/],
    [{ period: { known: false, overlaps: { start: "2021" } } }, "filter.period", /cannot be combined/],
    [{ hasClaim: false, claimStatus: ["AGREES"] }, "filter", /"hasClaim: false" cannot be combined/],
    [
      { place: { ids: [Buffer.from("Figure:fig-x").toString("base64")] } },
      "filter.place.ids",
      /must reference a Place/,
    ],
  ])("rejects %j", async (filter, argument, message) => {
    const error = await firstError(`query($filter: FigureFilter) { figures(filter: $filter) { totalCount } }`, {
      filter,
    });
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.argument).toBe(argument);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(argument);
  });

  it("rejects a malformed partial date", async () => {
    const result = await execute(`query($filter: FigureFilter) { figures(filter: $filter) { totalCount } }`, {
      filter: { period: { overlaps: { start: "2021-13" } } },
    });
    expect(result.status).toBe(400);
    expect(result.errors![0]!.message).toMatch(
      /PartialDate must be a year "YYYY", a month "YYYY-MM" or a day "YYYY-MM-DD"/,
    );
  });
});

describe("GraphQL over HTTP", () => {
  it("answers 400 to an unparsable document, with application/graphql-response+json", async () => {
    const result = await execute(`{ figures { totalCount `);
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("answers 400 to an invalid document", async () => {
    const result = await execute(`{ figures { noSuchField } }`);
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors![0]!.message).toContain("noSuchField");
  });

  it("keeps 200 for legacy application/json clients (the spec's compatibility rule)", async () => {
    const result = await execute(`{ figures { totalCount `, undefined, "application/json");
    expect(result.status).toBe(200);
    expect(result.errors).toHaveLength(1);
  });

  it("answers 200 with data: null and the error for bad arguments", async () => {
    const result = await execute(`{ figures(first: 500) { totalCount } }`);
    expect(result.status).toBe(200);
    expect(result.data).toBeNull();
  });

  it("answers 400 to a request without a query", async () => {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({}),
    });
    expect(response.status).toBe(400);
  });
});

describe("masking", () => {
  it("masks unexpected errors and keeps the API's own", () => {
    const original = console.error;
    console.error = () => {};
    try {
      const masked = maskError(
        new GraphQLError("boom", { originalError: new Error("SQLITE_CORRUPT: secret path /x") }),
        "Unexpected error.",
      );
      expect(masked.message).toBe("Unexpected error.");
      expect((masked as GraphQLError).extensions.code).toBe("INTERNAL_SERVER_ERROR");
      expect(JSON.stringify(masked)).not.toContain("secret");
    } finally {
      console.error = original;
    }
    const own = new GraphQLError("x", { originalError: new GraphQLError("x", { extensions: { code: "NOT_FOUND" } }) });
    expect(maskError(own, "Unexpected error.")).toBe(own);
  });
});
