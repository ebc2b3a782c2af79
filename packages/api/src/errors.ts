/** The errors the API reports to clients: each has an `extensions.code` and names its argument. */
import { GraphQLError } from "graphql";

/** Bad input: a malformed id or cursor, an out-of-range argument or an invalid filter. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argument } });
}

/** A well-formed id that matches no record. */
export function notFound(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "NOT_FOUND", argument } });
}
