/** Test helpers: run operations through `yoga.fetch` (no port) and count SQL statements. */
import { onQuery } from "../src/db.js";
import { yoga } from "../src/yoga.js";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function execute<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  accept = "application/graphql-response+json",
): Promise<GraphQLResponse<T>> {
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, "status">;
  return { status: response.status, ...body };
}

/** Executes and fails the test on any error; returns `data`. */
export async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await execute<T>(query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}

/** The first error of a response that must fail. */
export async function firstError(query: string, variables?: Record<string, unknown>) {
  const result = await execute(query, variables);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { ...error, code: error.extensions?.code, argument: error.extensions?.argument, status: result.status };
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
export function slugs(connection: { edges: { node: { slug: string } }[] }): string[] {
  return connection.edges.map((edge) => edge.node.slug);
}
