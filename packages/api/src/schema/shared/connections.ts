/**
 * Shared connection types: `<Type>Connection` with `totalCount`, and `<Type>Edge`. Each carries,
 * in its GraphQL extensions, the shape its cursors decode to, which plugins/argument-validation.ts checks `after`
 * and `before` against before execution (read from the type, so there is no registry to fill).
 */
import type { ObjectParam, ObjectRef } from "@pothos/core";
import type { PrismaModelTypes, PrismaObjectRef } from "@pothos/plugin-prisma";
import type { ConnectionShape } from "@pothos/plugin-relay";
import type { GraphQLNamedType } from "graphql";
import { type BuilderTypes, builder } from "../../builder.js";
import { getDatamodel } from "../../generated/pothos-types.js";

/**
 * What a connection's cursors decode to: an offset (`resolveArrayConnection`) or a Prisma cursor
 * holding the values of the model's primary key, one value per key field, of that field's type.
 */
export type CursorShape =
  | { kind: "offset" }
  | { kind: "prisma"; model: string; fields: readonly { name: string; type: "String" | "Int" }[] };

/** The extension key under which a connection type states its cursor shape. */
const CURSOR_SHAPE = "fentraceCursorShape";

/** The extensions of a connection type whose cursors have `shape`. */
export function cursorExtensions(shape: CursorShape): Record<string, CursorShape> {
  return { [CURSOR_SHAPE]: shape };
}

/** The cursor shape a connection type states, or undefined for a type that is not one of ours. */
export function cursorShapeOf(type: GraphQLNamedType | undefined | null): CursorShape | undefined {
  return type?.extensions?.[CURSOR_SHAPE] as CursorShape | undefined;
}

/** The primary key fields of a Prisma model, which every connection of its records pages by. */
function primaryKeyCursor(model: string): CursorShape {
  const definition = getDatamodel().datamodel.models[model];
  if (!definition) throw new Error(`connectionOf: no Prisma model ${model}`);
  const names =
    definition.primaryKey?.fields ?? definition.fields.filter((field) => field.isId).map((field) => field.name);
  const fields = names.map((name) => {
    const type = definition.fields.find((field) => field.name === name)?.type;
    // The cursor check knows how to recognise these; a key of another type needs a case there.
    if (type !== "String" && type !== "Int")
      throw new Error(`connectionOf: ${model}.${name} has a key type (${type}) cursors are not checked for`);
    return { name, type } as const;
  });
  return { kind: "prisma", model, fields };
}

/** The type of a shared connection ref whose nodes have shape `T`. */
export type ConnectionRef<T> = ObjectRef<BuilderTypes, ConnectionShape<BuilderTypes, T, false, false, false>>;

/** The `totalCount` a resolver put on a connection: a number, or a function computing it. */
export async function totalCountOf(connection: object, typeName: string): Promise<number> {
  const total = (connection as { totalCount?: number | (() => number | Promise<number>) }).totalCount;
  const value = typeof total === "function" ? await total() : total;
  if (value == null) throw new Error(`totalCount missing on ${typeName}`);
  return value;
}

/**
 * The shared `<Name>Connection` type of a Prisma object. Every field that returns it must page by
 * the model's primary key (`cursor: "id"`, `"key"` or the compound key's name, e.g.
 * `"documentId_personId"`): that is the cursor shape `after` and `before` are checked against.
 */
export function connectionOf<T>(
  node: PrismaObjectRef<BuilderTypes, PrismaModelTypes, T>,
  name: string,
  plural: string,
): ConnectionRef<T> {
  return builder.connectionObject(
    {
      type: node as ObjectParam<BuilderTypes>,
      name: `${name}Connection`,
      description: `A page of ${plural} (Relay cursor connection), with the number of ${plural} that match the filter in \`totalCount\`.`,
      extensions: cursorExtensions(primaryKeyCursor(node.modelName)),
      fields: (t) => ({
        totalCount: t.int({
          description: `Number of ${plural} in the whole list, after filtering (not just this page).`,
          resolve: (connection) => totalCountOf(connection, `${name}Connection`),
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of the ${plural} of a page, with its cursor.` },
  ) as unknown as ConnectionRef<T>;
}
