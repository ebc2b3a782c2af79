/**
 * Test helpers: run operations through `yoga.fetch` (no port) and count SQL statements.
 *
 * Documents written with `graphql(…)` are typed by gql.tada from schema.graphql (through
 * test/generated/graphql-env.d.ts, which the root `generate` writes): `data(document)` returns the
 * document's result type, and its variables are checked. A plain string (an invalid document, one
 * built at run time) gives `unknown` data, to be narrowed by the test.
 */

import { initGraphQLTada, type TadaDocumentNode } from "gql.tada";
import { type DocumentNode, type FormattedExecutionResult, print } from "graphql";
import { onQuery } from "../src/db.js";
import { yoga } from "../src/yoga.js";
import type { introspection } from "./generated/graphql-env.js";

export type { ResultOf, VariablesOf } from "gql.tada";

/** Typed documents: `graphql(\`{ figures { totalCount } }\`)`. */
export const graphql = initGraphQLTada<{ introspection: introspection; scalars: { PartialDate: string } }>();

/** A response as it came over HTTP: the GraphQL result (errors as serialised) and the status. */
export type GraphQLResponse<TData = unknown> = FormattedExecutionResult<TData> & { status: number };

export function execute<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  variables?: TVariables,
  accept?: string,
): Promise<GraphQLResponse<TData>>;
export function execute(query: string, variables?: Record<string, unknown>, accept?: string): Promise<GraphQLResponse>;
export function execute(
  document: DocumentNode | string,
  variables?: unknown,
  accept = "application/graphql-response+json",
): Promise<GraphQLResponse> {
  return send(document, variables, accept);
}

/** Executes and fails the test on any error; returns `data`. */
export function data<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData>;
export function data(query: string, variables?: Record<string, unknown>): Promise<unknown>;
export async function data(document: DocumentNode | string, variables?: unknown): Promise<unknown> {
  const result = await send(document, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  if (result.data == null) throw new Error(`no data and no errors: ${JSON.stringify(result)}`);
  return result.data;
}

/** The first error of a response that must fail (variables unchecked: they may be the bad input). */
export async function firstError(document: DocumentNode | string, variables?: Record<string, unknown>) {
  const result = await send(document, variables);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { ...error, code: error.extensions?.code, argument: error.extensions?.argument, status: result.status };
}

/**
 * POSTs `document` as JSON. The body is trusted to be a GraphQL result: the overloads above give
 * it the document's type, which is what the server promises to answer with.
 */
async function send(
  document: DocumentNode | string,
  variables: unknown,
  accept = "application/graphql-response+json",
): Promise<GraphQLResponse> {
  const query = typeof document === "string" ? document : print(document);
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as FormattedExecutionResult;
  return { status: response.status, ...body };
}

/** Runs `fn` and returns how many SQL statements Prisma sent meanwhile. */
export async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = onQuery(() => {
    count += 1;
  });
  try {
    await fn();
  } finally {
    stop();
  }
  return count;
}

/** Slugs of the nodes of a connection. */
export function slugs(connection: { edges: readonly { node: { slug: string } }[] }): string[] {
  return connection.edges.map((edge) => edge.node.slug);
}
