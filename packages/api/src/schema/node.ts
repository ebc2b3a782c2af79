/** `node(id:)` and `nodes(ids:)`: fetch any record by its global ID. */
import { resolveNodes } from "@pothos/plugin-relay";
import type { GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.js";
import type { GraphQLContext } from "../context.js";
import { notFound } from "../errors.js";
import { parseGlobalId } from "../global-id.js";

async function loadNode(value: string, argument: string, context: GraphQLContext, info: GraphQLResolveInfo) {
  const { type, id } = parseGlobalId(value, argument);
  let node: unknown;
  try {
    [node] = await resolveNodes(builder, context, info, [{ typename: type, id }]);
  } catch (error) {
    // Prisma's findUniqueOrThrow reports a missing record as P2025.
    if ((error as { code?: string }).code !== "P2025") throw error;
    node = null;
  }
  if (node == null) throw notFound(argument, `No ${type} with ID ${JSON.stringify(value)} (${type} "${id}").`);
  return node;
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description:
      "Any record, by global ID (the `id` of every node). A malformed ID is a BAD_USER_INPUT error, an unknown one NOT_FOUND (and null).",
    args: { id: t.arg.id({ required: true, description: "Global ID of the record (base64 of `Type:slug`)." }) },
    resolve: (_root, args, context, info) => loadNode(String(args.id), "id", context, info) as never,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description:
      "Several records by global ID, in the order given. Each malformed or unknown ID yields null at its position and an error whose path ends with that position.",
    args: { ids: t.arg.idList({ required: true, description: "Global IDs of the records." }) },
    // A repeated id is loaded once: every position that names it shares the same load (the
    // cost limit still charges each position, since each is a result of its own).
    resolve: (_root, args, context, info) => {
      const loads = new Map<string, Promise<unknown>>();
      return args.ids.map((id, index) => {
        const value = String(id);
        let load = loads.get(value);
        if (!load) {
          load = Promise.resolve().then(() => loadNode(value, `ids[${index}]`, context, info));
          loads.set(value, load);
        }
        return load;
      }) as never;
    },
  }),
}));
