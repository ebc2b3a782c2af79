/**
 * What only GraphQL knows for the access log (src/http/access-log.ts): the operation name, its
 * cost and how many errors it had, recorded on the RequestInfo of the Node request the handler
 * passed as server context.
 */
import type { IncomingMessage } from "node:http";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { requestInfo } from "../http/access-log.js";

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
      if (info && !info.operationName)
        info.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
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
