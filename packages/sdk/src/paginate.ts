/**
 * Pagination over the API's Relay connections: `paginate(client.figures, { filter })` (or
 * `client.figures.paginate({ filter })`) iterates over every node of every page, asking for the
 * next page only when the previous one is used up.
 */
import type { CallOptions } from "./client.js";
import { FentraceError, type FentraceRequest } from "./errors.js";

/** What every list of the API returns. */
export interface ConnectionLike {
  edges: ReadonlyArray<{ node: unknown }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** A method that returns one connection: `(variables, options) => Promise<{ figures: … }>`. */
export type PageableMethod = (variables: never, options?: CallOptions) => Promise<Record<string, ConnectionLike>>;

type ResultOf<M> = M extends (...args: never[]) => Promise<infer R> ? R : never;
/** The connection of a list method (`FiguresQuery["figures"]`). */
export type ConnectionOf<M> = ResultOf<M>[keyof ResultOf<M>];
/** The node type of a list method (`FigureFieldsFragment` for `client.figures`). */
export type NodeOf<M> = ConnectionOf<M> extends { edges: ReadonlyArray<{ node: infer N }> } ? N : never;
/** A list method's variables without the cursors, which the paginator sets. */
export type PageVariables<M> = M extends (variables: infer V, ...rest: never[]) => unknown
  ? Omit<NonNullable<V>, "after" | "before" | "last">
  : never;
/** Variables are optional unless the list requires some (`search` requires `query`). */
export type PaginateArgs<M> =
  // biome-ignore lint/complexity/noBannedTypes: `{} extends V` is TypeScript's test for "V has no required property"
  {} extends PageVariables<M>
    ? [variables?: PageVariables<M>, options?: PaginateOptions]
    : [variables: PageVariables<M>, options?: PaginateOptions];

export interface PaginateOptions extends CallOptions {
  /** Records per request, 1 to 100 (the API's maximum, and the default). `variables.first` wins. */
  pageSize?: number;
}

export interface AllOptions {
  /**
   * The most records `all()` will collect (default 10,000). A list that holds more is an error
   * (FentraceError, kind "limit", code TOO_MANY_RESULTS), raised before fetching the second page
   * when `totalCount` already tells, rather than a silently truncated result.
   */
  max?: number;
}

export interface Paginator<N, C> extends AsyncIterable<N> {
  /** Every node, page after page, in the list's order. */
  [Symbol.asyncIterator](): AsyncIterator<N>;
  /** Every page (the whole connection: edges with their cursors, scores …, pageInfo, totalCount). */
  pages(): AsyncIterable<C>;
  /** Collects every node, up to `max` (default 10,000). */
  all(options?: AllOptions): Promise<N[]>;
}

export const DEFAULT_ALL_MAX = 10_000;
const MAX_PAGE_SIZE = 100;

/** Where a client method sends its requests, for error messages (set by createClient). */
export const methodInfo = Symbol.for("@fentrace/sdk.methodInfo");
interface MethodInfo {
  endpoint: string;
  operationName: string;
}

/**
 * Iterates over every node of a list method, across pages:
 *
 * ```ts
 * for await (const figure of paginate(client.figures, { filter: { metric: { eq: "pills_seized" } } })) …
 * const all = await paginate(client.figures, { filter }).all();
 * ```
 */
export function paginate<M extends PageableMethod>(
  method: M,
  ...args: PaginateArgs<M>
): Paginator<NodeOf<M>, ConnectionOf<M>> {
  const [variables, options = {}] = args as [Record<string, unknown> | undefined, PaginateOptions | undefined];
  const info = (method as unknown as { [methodInfo]?: MethodInfo })[methodInfo];
  const request: FentraceRequest = { endpoint: info?.endpoint ?? "", operationName: info?.operationName, variables };
  const first = (variables?.first as number | null | undefined) ?? options.pageSize ?? MAX_PAGE_SIZE;
  const { pageSize: _pageSize, ...callOptions } = options;
  const call = method as unknown as (
    variables: Record<string, unknown>,
    options?: CallOptions,
  ) => Promise<Record<string, unknown>>;

  async function* pages(): AsyncGenerator<ConnectionOf<M>> {
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const result = await call({ ...variables, first, ...(after === undefined ? {} : { after }) }, callOptions);
      const connection = findConnection(result, request);
      yield connection as ConnectionOf<M>;
      if (!connection.pageInfo.hasNextPage) return;
      const cursor = connection.pageInfo.endCursor;
      if (!cursor || seen.has(cursor)) {
        throw new FentraceError({
          kind: "invalid-response",
          code: "INVALID_RESPONSE",
          message: `${request.operationName ?? "paginate"}: the API reported a next page without a new end cursor; stopping.`,
          request: { ...request, variables: { ...variables, first, after } },
        });
      }
      seen.add(cursor);
      after = cursor;
    }
  }

  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) {
        for (const edge of (page as ConnectionLike).edges) yield edge.node as NodeOf<M>;
      }
    },
    async all({ max = DEFAULT_ALL_MAX }: AllOptions = {}) {
      const nodes: NodeOf<M>[] = [];
      for await (const page of pages()) {
        const connection = page as ConnectionLike;
        if (connection.totalCount > max || nodes.length + connection.edges.length > max) {
          throw new FentraceError({
            kind: "limit",
            code: "TOO_MANY_RESULTS",
            message:
              `${request.operationName ?? "paginate"}: ${connection.totalCount} records match, more than all()'s limit of ${max}. ` +
              "Narrow the filter, iterate with `for await` (which has no limit), or pass a larger `max`.",
            request,
          });
        }
        for (const edge of connection.edges) nodes.push(edge.node as NodeOf<M>);
      }
      return nodes;
    },
  };
}

function findConnection(result: Record<string, unknown>, request: FentraceRequest): ConnectionLike {
  const connection = Object.values(result ?? {}).find(
    (value): value is ConnectionLike =>
      typeof value === "object" &&
      value !== null &&
      Array.isArray((value as ConnectionLike).edges) &&
      typeof (value as ConnectionLike).pageInfo === "object",
  );
  if (!connection) {
    throw new FentraceError({
      kind: "invalid-response",
      code: "INVALID_RESPONSE",
      message: `${request.operationName ?? "paginate"}: the result is not a list (no edges and pageInfo); only list methods can be paginated.`,
      request,
    });
  }
  return connection;
}
