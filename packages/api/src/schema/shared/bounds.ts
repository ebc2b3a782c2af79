/**
 * Bounds on every argument: plugins/argument-validation.ts enforces them before execution, `documentInputBounds`
 * states them in the schema, both from these constants.
 */
import {
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
} from "graphql";
import { MAX_PAGE_SIZE } from "../../builder.js";

/** Most values a list argument or input field may hold: as many as a page has records, so the ids of one page fit. */
export const MAX_LIST_LENGTH = MAX_PAGE_SIZE;

/**
 * Longest String or ID value of any argument, in characters (UTF-16 code units). It keeps LIKE
 * patterns and bound parameters small, and is far above every slug, global ID and cursor the API
 * issues (all under 100 characters).
 */
export const MAX_TEXT_LENGTH = 200;

/** The named types whose values are text (and so are bounded by MAX_TEXT_LENGTH). */
export const TEXT_TYPES: ReadonlySet<string> = new Set(["String", "ID"]);

/** The sentence that states the bounds of an argument or input field, or null when it has none. */
function boundsSentence(input: GraphQLArgument | GraphQLInputField): string | null {
  const list = isListType(getNullableType(input.type));
  const text = TEXT_TYPES.has(getNamedType(input.type).name);
  if (list && text) return `At most ${MAX_LIST_LENGTH} values, each at most ${MAX_TEXT_LENGTH} characters.`;
  if (list) return `At most ${MAX_LIST_LENGTH} values.`;
  if (text) return `At most ${MAX_TEXT_LENGTH} characters.`;
  return null;
}

/**
 * Appends the bounds of every list and text argument and input field to its description, so the
 * schema documents each limit where it applies, from the same constants the check uses. Returns
 * the schema (its argument and input field descriptions are updated in place).
 */
export function documentInputBounds(schema: GraphQLSchema): GraphQLSchema {
  const inputs: (GraphQLArgument | GraphQLInputField)[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type)) for (const field of Object.values(type.getFields())) inputs.push(...field.args);
    if (isInputObjectType(type)) inputs.push(...Object.values(type.getFields()));
  }
  for (const input of inputs) {
    const sentence = boundsSentence(input);
    if (!sentence) continue;
    const description = input.description?.trim() ?? "";
    input.description = description ? `${description}${/[.!?]$/.test(description) ? "" : "."} ${sentence}` : sentence;
  }
  return schema;
}
