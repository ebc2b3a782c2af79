/**
 * Checks the arguments of an operation before execution, so that bad input is reported as
 * BAD_USER_INPUT naming the argument (with its path inside input objects and lists, e.g.
 * `filter.label.contains` or `filter.id[3]`), wherever the field sits in the query, literal or
 * variable, and never reaches a resolver, Prisma or SQLite (where it would fail as an unexpected
 * error, or Pothos would clamp a page size silently).
 *
 * - Variables that cannot be coerced (wrong type, missing, unknown enum value): a request error
 *   (HTTP 400) naming the variable, e.g. `$ids`.
 * - Every String and ID value: valid Unicode (no lone UTF-16 surrogate, which SQLite and the
 *   Prisma engine cannot take) and at most MAX_TEXT_LENGTH characters.
 * - Every list: at most MAX_LIST_LENGTH values.
 * - Every Float: a finite number.
 * - `first` / `last`: 0 to MAX_PAGE_SIZE; not both; `first` not with `before`, `last` not with `after`.
 * - `after` / `before`: not both; a cursor of the shape this connection issues (an offset, or
 *   the values of the model's primary key with their types), so that a cursor of another
 *   connection or a forged one is refused here rather than by the database.
 */
import { parsePrismaCursor } from "@pothos/plugin-prisma";
import { cursorToOffset } from "@pothos/plugin-relay";
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "../builder.js";
import { badUserInput } from "../errors.js";
import { operationFacts } from "../operations/facts.js";
import { MAX_LIST_LENGTH, MAX_TEXT_LENGTH, TEXT_TYPES } from "../schema/shared/bounds.js";
import { type CursorShape, cursorShapeOf } from "../schema/shared/connections.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Whether a decoded Prisma cursor value can be a value of a key field of this type. */
function keyValueMatches(type: "String" | "Int", value: unknown): boolean {
  if (type === "String") return typeof value === "string";
  // Prisma's Int is a 32-bit integer; anything else fails in the engine.
  return typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** Whether `cursor` is one this connection could have issued (its shape, not that the record exists). */
export function cursorIsValid(cursor: string, shape: CursorShape): boolean {
  try {
    if (shape.kind === "offset") {
      const offset = cursorToOffset(cursor);
      return Number.isSafeInteger(offset) && offset >= 0;
    }
    const decoded: unknown = parsePrismaCursor(cursor);
    const [only] = shape.fields;
    if (shape.fields.length === 1 && only) return keyValueMatches(only.type, decoded);
    // A compound key: Pothos reads the cursor as the list of the key's values, in key order.
    return (
      Array.isArray(decoded) &&
      decoded.length === shape.fields.length &&
      shape.fields.every((field, index) => keyValueMatches(field.type, decoded[index]))
    );
  } catch {
    return false;
  }
}

/** The first lone UTF-16 surrogate of `text` (a high one not followed by a low one, or a low one alone). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The bound violations of one argument value (coerced: variables substituted, defaults applied),
 * walking input objects and lists by their types. `path` names the value, e.g. `filter.id[3]`.
 */
export function boundViolations(
  type: GraphQLInputType,
  value: unknown,
  path: string,
): [argument: string, message: string][] {
  if (value == null) return [];
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    // A single value given for a list is coerced to a one-value list already.
    const items = value as unknown[];
    if (items.length > MAX_LIST_LENGTH) {
      return [[path, `Argument "${path}" may list at most ${MAX_LIST_LENGTH} values (got ${items.length}).`]];
    }
    return items.flatMap((item, index) => boundViolations(nullable.ofType, item, `${path}[${index}]`));
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    return Object.entries(value as Record<string, unknown>).flatMap(([name, fieldValue]) => {
      const field = fields[name];
      return field ? boundViolations(field.type, fieldValue, `${path}.${name}`) : [];
    });
  }
  const named = getNamedType(nullable).name;
  // graphql-js reads a Float literal such as 1e400 as Infinity (only variables are checked), and
  // Prisma cannot send a non-finite number to SQLite.
  if (named === "Float" && typeof value === "number" && !Number.isFinite(value)) {
    return [[path, `Argument "${path}" must be a finite number (got ${value}).`]];
  }
  if (!TEXT_TYPES.has(named) || typeof value !== "string") return [];
  const lone = LONE_SURROGATE.exec(value);
  if (lone) {
    const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return [
      [
        path,
        `Argument "${path}" is not valid Unicode text: it holds a lone UTF-16 surrogate (U+${unit}) at character ${lone.index + 1}.`,
      ],
    ];
  }
  if (value.length > MAX_TEXT_LENGTH) {
    return [[path, `Argument "${path}" must be at most ${MAX_TEXT_LENGTH} characters (got ${value.length}).`]];
  }
  return [];
}

/** The outcome of checking an operation: no errors, errors that stop the request, or field errors. */
export interface ArgumentCheck {
  errors: GraphQLError[];
  /** True when the errors are request errors (variables that cannot be coerced): no `data`, HTTP 400. */
  requestError: boolean;
}

/** The argument errors of one operation (empty when all is well). */
export function validateArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): ArgumentCheck {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation || (!operationName && operations.length > 1)) return { errors: [], requestError: false };
  const definitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, definitions, rawVariables ?? {});
  if (coerced.errors) {
    // graphql-js points each error at the variable's definition (or its type).
    const errors = coerced.errors.map((error) => {
      const definition = definitions.find((candidate) =>
        error.nodes?.some((node) => node === candidate || node === candidate.type),
      );
      const name = definition ? `$${definition.variable.name.value}` : "variables";
      return badUserInput(name, error.message, { nodes: error.nodes, status: 400 });
    });
    return { errors, requestError: true };
  }
  const variables = coerced.coerced;
  const selected: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      operation,
      ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION),
    ],
  };
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    selected,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        if (!definition || !node.arguments?.length) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(definition, node, variables);
        } catch {
          return; // execution reports invalid argument values itself
        }
        const field = node.name.value;
        const report = (argument: string, message: string) =>
          errors.push(badUserInput(argument, message, { nodes: [node], field }));
        const violations = definition.args.flatMap((arg) => boundViolations(arg.type, args[arg.name], arg.name));
        for (const [argument, message] of violations) report(argument, message);
        // The pagination checks below read the values: only when they are within bounds.
        if (violations.length > 0) return;
        checkConnectionArguments(definition.args, args, getNamedType(definition.type), report);
      },
    }),
  );
  return { errors, requestError: false };
}

function checkConnectionArguments(
  definitions: readonly { name: string }[],
  args: Record<string, unknown>,
  connection: GraphQLNamedType,
  report: (argument: string, message: string) => void,
): void {
  const names = new Set(definitions.map((arg) => arg.name));
  if (!names.has("first") && !names.has("last")) return;
  for (const name of ["first", "last"] as const) {
    const value = args[name];
    if (typeof value === "number" && (value < 0 || value > MAX_PAGE_SIZE)) {
      report(name, `Argument "${name}" must be between 0 and ${MAX_PAGE_SIZE} (got ${value}).`);
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
    if (has(a) && has(b)) report(b, `Arguments "${a}" and "${b}" cannot be combined: ${hint}.`);
  }
  const shape = cursorShapeOf(connection);
  for (const name of ["after", "before"] as const) {
    const cursor = args[name];
    if (typeof cursor === "string" && shape && !cursorIsValid(cursor, shape)) {
      report(
        name,
        `Argument "${name}" is not a valid cursor for ${connection.name} (got ${JSON.stringify(cursor)}): pass an \`endCursor\`, \`startCursor\` or edge \`cursor\` returned by this field.`,
      );
    }
  }
}

/** Yoga plugin: reject the operation before execution when its arguments are invalid. */
export function useArgumentValidation(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      // A repeated operation (same document, operation name and variables) was checked already.
      const facts = operationFacts(args);
      if (facts?.argumentsValid) return;
      const { errors, requestError } = validateArguments(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | undefined,
      );
      if (errors.length === 0) {
        if (facts) facts.argumentsValid = true;
        return;
      }
      // A request error has no `data` at all (GraphQL over HTTP); a field error has `data: null`.
      setResultAndStopExecution(requestError ? { errors } : { data: null, errors });
    },
  };
}
