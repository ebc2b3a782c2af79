/** Relay: global IDs, node(id:) and nodes(ids:). */
import { describe, expect, it } from "vitest";
import { data, execute, firstError, graphql } from "./helpers.js";

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

describe("node(id:) and nodes(ids:)", () => {
  it("fetches any type by its global ID", async () => {
    const figures = await data(graphql(`{ figures(first: 1) { edges { node { id slug } } } }`));
    const { id, slug } = figures.figures.edges[0]!.node;
    const result = await data(graphql(`query($id: ID!) { node(id: $id) { id __typename ... on Figure { slug } } }`), {
      id,
    });
    expect(result.node).toEqual({ id, __typename: "Figure", slug });
    const NODE = graphql(`query($id: ID!) { node(id: $id) {
      __typename id
      ... on Place { name } ... on Organisation { name } ... on Metric { key } ... on LegalCase { name } ... on Document { title }
    } }`);
    for (const [type, slugValue, field] of [
      ["Place", "place-us-tx", "name"],
      ["Organisation", "org-dea", "name"],
      ["Metric", "pills_seized", "key"],
      ["LegalCase", "case-carrollton", "name"],
      ["Document", "latin-post", "title"],
    ] as const) {
      const { node } = await data(NODE, { id: gid(type, slugValue) });
      expect(node?.__typename).toBe(type);
      expect(node?.id).toBe(gid(type, slugValue));
      expect(node).toHaveProperty(field);
    }
  });

  it("fetches several in order, with null and a NOT_FOUND error for unknown ones", async () => {
    const result = await execute(graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`), {
      ids: [gid("Place", "place-us"), gid("Figure", "fig-does-not-exist"), gid("Claim", "claim-carrollton-deaths")],
    });
    expect(result.data!.nodes).toEqual([
      { id: gid("Place", "place-us") },
      null,
      { id: gid("Claim", "claim-carrollton-deaths") },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(["nodes", 1]);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "NOT_FOUND", argument: "ids[1]" });
  });

  it("rejects a malformed ID with BAD_USER_INPUT naming the argument", async () => {
    for (const id of ["garbage", "Figure:fig-lp-surge-arrests", "", gid("NotAType", "x"), "%%%"]) {
      const error = await firstError(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.argument).toBe("id");
      expect(error.message).toContain('Argument "id"');
    }
  });

  it("reports an unknown ID as NOT_FOUND", async () => {
    const error = await firstError(`{ node(id: "${gid("Figure", "fig-nope")}") { id } }`);
    expect(error).toMatchObject({ code: "NOT_FOUND", argument: "id", path: ["node"] });
    const typed = await firstError(`{ figure(id: "fig-nope") { id } }`);
    expect(typed).toMatchObject({ code: "NOT_FOUND", argument: "id" });
  });

  it("typed lookups accept a slug or a global ID, and refuse a global ID of another type", async () => {
    const bySlug = await data(graphql(`{ place(id: "place-us-tx") { id } }`));
    const byId = await data(graphql(`query($id: ID!) { place(id: $id) { id } }`), { id: bySlug.place.id });
    expect(byId.place.id).toBe(bySlug.place.id);
    const error = await firstError(`query($id: ID!) { place(id: $id) { id } }`, {
      id: gid("Figure", "fig-lp-surge-arrests"),
    });
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/must reference a Place/);
  });
});
