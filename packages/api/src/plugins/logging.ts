/**
 * Request logging: one JSON line per request (pino), written by the request handler when the
 * response is finished, with the request id, method, path, status, duration, client address,
 * and for GraphQL requests the operation name, its cost and whether a cache answered it.
 *
 * This Yoga plugin records what only GraphQL knows (operation name, cost) on the Node request
 * the handler passed as server context; `requestInfo` is how the handler reads it back.
 */
import type { IncomingMessage } from "node:http";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";

export interface RequestInfo {
  id: string;
  operationName?: string | null;
  cost?: number;
  /** `hit`: answered from the response-bytes cache; `miss`: executed (or from the response cache). */
  cache?: "hit" | "miss";
  errors?: number;
}

/** What the handler and the plugin know about each request in progress. */
export const requestInfo = new WeakMap<IncomingMessage, RequestInfo>();

type NodeServerContext = { req?: IncomingMessage };

export function useRequestInfo(): Plugin<Record<string, unknown>, NodeServerContext> {
  const infoOf = (context: unknown) => {
    const req = (context as NodeServerContext | undefined)?.req;
    return req ? requestInfo.get(req) : undefined;
  };
  return {
    onParams({ params, context }) {
      const info = infoOf(context);
      if (info && params.operationName) info.operationName = params.operationName;
    },
    onExecute({ args }) {
      const info = infoOf(args.contextValue);
      if (info && !info.operationName) info.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ result, serverContext }) {
      const info = infoOf(serverContext);
      if (!info || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const cost = (result.extensions as { cost?: unknown } | undefined)?.cost;
      if (typeof cost === "number") info.cost = cost;
      if (result.errors?.length) info.errors = result.errors.length;
    },
  };
}
