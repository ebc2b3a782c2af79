/** The errors the API reports to clients: each has an `extensions.code` and names its argument. */
import { type ASTNode, GraphQLError } from "graphql";

/** Where an error raised before execution points in the document, and the field it concerns. */
export interface ErrorSite {
  nodes?: readonly ASTNode[];
  /** The field whose argument is wrong (`extensions.field`). */
  field?: string;
  /**
   * The HTTP status for an error that stops the whole request (a request error in GraphQL over
   * HTTP terms, e.g. variables that cannot be coerced): Yoga answers it instead of 200.
   */
  status?: number;
}

function siteOptions(site: ErrorSite | undefined) {
  return {
    ...(site?.nodes ? { nodes: site.nodes } : {}),
    extensions: {
      ...(site?.field ? { field: site.field } : {}),
      ...(site?.status ? { http: { status: site.status } } : {}),
    },
  };
}

/** Bad input: a malformed id or cursor, an out-of-range argument or an invalid filter. */
export function badUserInput(argument: string, message: string, site?: ErrorSite): GraphQLError {
  const options = siteOptions(site);
  return new GraphQLError(message, {
    ...options,
    extensions: { code: "BAD_USER_INPUT", argument, ...options.extensions },
  });
}

/** A well-formed id that matches no record. */
export function notFound(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "NOT_FOUND", argument } });
}

/**
 * A request that is not a GraphQL request this API can run (wrong method or media type, a body
 * that is not a JSON object, oversized extensions …): HTTP `status`, code BAD_REQUEST.
 */
export function badRequest(message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status } } });
}
