/**
 * @fentrace/sdk: a typed client for the Fentrace GraphQL API, generated from its schema.
 *
 * ```ts
 * import { createClient } from "@fentrace/sdk";
 * const client = createClient();
 * const { figure } = await client.figure({ id: "fig-lp-surge-arrests" });
 * ```
 */

export type { TypedDocumentNode } from "@graphql-typed-document-node/core";
export type {
  CallOptions,
  ClientMethod,
  ClientOptions,
  FentraceClient,
  FentraceMethods,
  ListMethod,
} from "./client.js";
export { createClient, DEFAULT_ENDPOINT } from "./client.js";
export type {
  FentraceErrorInit,
  FentraceErrorKind,
  FentraceGraphQLError,
  FentraceRequest,
  FentraceSdkErrorCode,
} from "./errors.js";
export { FentraceError } from "./errors.js";
/** Every type of the API's schema, with its documentation. */
export type * as Schema from "./generated/schema.js";
/** Result, variable, fragment, input and enum types of the generated operations. */
export type * from "./generated/types.js";
export type {
  AllOptions,
  ConnectionOf,
  NodeOf,
  PageableMethod,
  PageVariables,
  PaginateArgs,
  PaginateOptions,
  Paginator,
} from "./paginate.js";
export { DEFAULT_ALL_MAX, paginate } from "./paginate.js";
export { VERSION } from "./version.js";
