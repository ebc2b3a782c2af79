/**
 * Checks connection arguments before execution, so that an out-of-range page size or a malformed
 * cursor is reported as BAD_USER_INPUT naming the argument, wherever the connection sits in the
 * query (Pothos would otherwise clamp the size silently, and a bad cursor of a nested connection
 * would fail its parent with a masked error).
 *
 * - `first` / `last`: 0 to MAX_PAGE_SIZE; not both; `first` not with `before`, `last` not with `after`.
 * - `after` / `before`: not both; a cursor this connection issued (prisma or offset cursor).
 * - `nodes(ids:)`: at most MAX_PAGE_SIZE ids.
 */
import { parsePrismaCursor } from "@pothos/plugin-prisma";
import { cursorToOffset } from "@pothos/plugin-relay";
import {
  type DocumentNode,
  type FieldNode,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "./builder.js";
import { connectionCursorKinds } from "./schema/common.js";

function error(node: FieldNode, field: string, argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { code: "BAD_USER_INPUT", argument, field } });
}

function cursorIsValid(cursor: string, kind: "prisma" | "offset"): boolean {
  try {
    if (kind === "offset") {
      const offset = cursorToOffset(cursor);
      return Number.isInteger(offset) && offset >= 0;
    }
    parsePrismaCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

/** The connection argument errors of one operation (empty when all is well). */
export function validateConnectionArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation || (!operationName && operations.length > 1)) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return []; // execution reports these itself
  const variables = coerced.coerced;
  const selected: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)],
  };
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    selected,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        if (!definition || !node.arguments?.length) return;
        const names = new Set(definition.args.map((arg) => arg.name));
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(definition, node, variables);
        } catch {
          return; // execution reports invalid argument values itself
        }
        const field = node.name.value;
        if (names.has("ids") && Array.isArray(args.ids) && args.ids.length > MAX_PAGE_SIZE) {
          errors.push(error(node, field, "ids", `Argument "ids" must list at most ${MAX_PAGE_SIZE} IDs (got ${args.ids.length}).`));
        }
        if (!names.has("first") && !names.has("last")) return;
        for (const name of ["first", "last"] as const) {
          const value = args[name];
          if (typeof value === "number" && (value < 0 || value > MAX_PAGE_SIZE)) {
            errors.push(error(node, field, name, `Argument "${name}" must be between 0 and ${MAX_PAGE_SIZE} (got ${value}).`));
          }
        }
        const has = (name: string) => args[name] != null;
        const pairs: [string, string, string][] = [
          ["first", "last", 'use "first" (with "after") to page forward, or "last" (with "before") to page backward'],
          ["after", "before", "page in one direction at a time"],
          ["first", "before", 'use "last" with "before"'],
          ["last", "after", 'use "first" with "after"'],
        ];
        for (const [a, b, hint] of pairs) {
          if (has(a) && has(b)) {
            errors.push(error(node, field, b, `Arguments "${a}" and "${b}" cannot be combined: ${hint}.`));
          }
        }
        const connection = getNamedType(definition.type).name;
        const kind = connectionCursorKinds.get(connection);
        for (const name of ["after", "before"] as const) {
          const cursor = args[name];
          if (typeof cursor === "string" && kind && !cursorIsValid(cursor, kind)) {
            errors.push(
              error(
                node,
                field,
                name,
                `Argument "${name}" is not a valid cursor for ${connection} (got ${JSON.stringify(cursor)}): pass an \`endCursor\`, \`startCursor\` or edge \`cursor\` returned by this field.`,
              ),
            );
          }
        }
      },
    }),
  );
  return errors;
}

/** Yoga plugin: reject the operation before execution when its connection arguments are invalid. */
export function useConnectionArgumentValidation(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = validateConnectionArguments(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | undefined,
      );
      if (errors.length > 0) setResultAndStopExecution({ data: null, errors });
    },
  };
}
