/** Relay: global IDs, node(id:) and nodes(ids:). */
import { describe, expect, it } from "vitest";
import { data, execute, firstError } from "./helpers.js";

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

describe("node(id:) and nodes(ids:)", () => {
  it("fetches any type by its global ID", async () => {
    const figures = await data(`{ figures(first: 1) { edges { node { id slug } } } }`);
    const { id, slug } = figures.figures.edges[0].node;
    const result = await data(`query($id: ID!) { node(id: $id) { id __typename ... on Figure { slug } } }`, { id });
    expect(result.node).toEqual({ id, __typename: "Figure", slug });
    for (const [type, slugValue, field] of [
      ["Place", "place-us-tx", "name"],
      ["Organisation", "org-dea", "name"],
      ["Metric", "pills_seized", "key"],
      ["LegalCase", "case-carrollton", "name"],
      ["Document", "latin-post", "title"],
    ] as const) {
      const node = await data(`query($id: ID!) { node(id: $id) { __typename id ... on ${type} { ${field} } } }`, {
        id: gid(type, slugValue),
      });
      expect(node.node.__typename).toBe(type);
      expect(node.node.id).toBe(gid(type, slugValue));
    }
  });

  it("fetches several in order, with null and a NOT_FOUND error for unknown ones", async () => {
    const result = await execute(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
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
    const bySlug = await data(`{ place(id: "place-us-tx") { id } }`);
    const byId = await data(`query($id: ID!) { place(id: $id) { id } }`, { id: bySlug.place.id });
    expect(byId.place.id).toBe(bySlug.place.id);
    const error = await firstError(`query($id: ID!) { place(id: $id) { id } }`, {
      id: gid("Figure", "fig-lp-surge-arrests"),
    });
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/must reference a Place/);
  });
});
