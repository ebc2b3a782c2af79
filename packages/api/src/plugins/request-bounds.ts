/**
 * Request-level bounds and clean request errors, before anything reads the operation:
 *
 * - A body is at most MAX_BODY_BYTES (Yoga's own limit, 25 MB; 413 REQUEST_ENTITY_TOO_LARGE).
 *   Yoga's built-in check (`maxRequestBodySize`, off in yoga.ts) pipes every body through a
 *   TransformStream to count its bytes: about 100 µs of a `{ __typename }` POST that takes 150 µs
 *   in all through `yoga.fetch`. Here a body whose Content-Length is stated is checked by that
 *   header (the request handler in front has read it whole, within LIMIT_BODY_BYTES, and so has
 *   whatwg-node for a body given as bytes); only a body of unknown length is counted as it is read.
 * - POST bodies must be `application/json` (or `application/graphql+json`) or `application/graphql`;
 *   any other media type (form data, multipart uploads, text) is a 415 with a JSON error, not
 *   Yoga's empty 415 or its multipart parser's messages.
 * - A body or parameter that cannot be parsed is a BAD_REQUEST that says so, without the parser's
 *   own message (Yoga puts it in `extensions.originalError`).
 * - Every parameter (`variables` and `extensions`, but also a `query` or `operationName` that is
 *   not a string, or an unknown one) is bounded in nesting depth and number of values, measured
 *   without recursion, before the other plugins walk them (the cache key and the ETag
 *   `JSON.stringify` them, which a 20,000-deep array overflows).
 * - Only queries: a mutation or subscription is a GRAPHQL_VALIDATION_FAILED error (HTTP 400)
 *   saying so, not graphql-js's bare "Schema is not configured to execute …" (this schema has
 *   neither type).
 *
 * Must come first in the plugin list, so that its hooks run before the other plugins'.
 */
import { type ASTVisitor, GraphQLError, type OperationDefinitionNode, type ValidationContext } from "graphql";
import type { FetchAPI, Plugin } from "graphql-yoga";
import { badRequest, badUserInput } from "../errors.js";

/** Deepest nesting of objects and arrays a variable's value (or another parameter) may have. */
export const MAX_JSON_DEPTH = 16;
/** Most JSON values (objects, arrays and scalars, counted one each) the variables, or another parameter, may hold. */
export const MAX_JSON_VALUES = 10_000;

/** Largest body Yoga reads when it is called directly (the request handler's limit is LIMIT_BODY_BYTES). */
export const MAX_BODY_BYTES = 25_000_000;

/** What Yoga answers for a body over its limit, and for a Content-Length that is not one number. */
function bodyTooLarge(): GraphQLError {
  return new GraphQLError("Request body too large", {
    extensions: { code: "REQUEST_ENTITY_TOO_LARGE", http: { status: 413 } },
  });
}

/** The request with a body that fails once more than `limit` bytes have been read from it. */
function withCountedBody(request: Request, limit: number, fetchAPI: FetchAPI): Request {
  let bytes = 0;
  // A native ReadableStream (from undici's Request) needs the native TransformStream.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(bodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: "half",
  } as RequestInit);
}

/** The media types of POST bodies this API reads (GraphQL over HTTP's JSON, and a bare document). */
const POST_MEDIA_TYPES = ["application/json", "application/graphql+json", "application/graphql"];

/** The media type of a request, without parameters (`application/json; charset=utf-8` → `application/json`). */
function mediaType(request: Request): string {
  // Yoga reads only the first of a (malformed) list of types; so does this check.
  const first = request.headers.get("content-type")?.split(",")[0] ?? "";
  return first.split(";")[0]!.trim().toLowerCase();
}

type JsonBound = { exceeded: "depth"; at: string } | { exceeded: "values" } | null;

/**
 * Measures a parsed JSON value iteratively (an explicit stack: no recursion to overflow) and
 * returns the first bound it exceeds, with the top-level key under which it was too deep.
 */
export function exceededJsonBound(value: unknown): JsonBound {
  if (value === null || typeof value !== "object") return null;
  const stack: { value: unknown; depth: number; at: string }[] = Object.entries(value).map(([key, child]) => ({
    value: child,
    depth: 1,
    at: key,
  }));
  let count = 0;
  while (stack.length > 0) {
    const { value: current, depth, at } = stack.pop()!;
    count += 1;
    if (count > MAX_JSON_VALUES) return { exceeded: "values" };
    if (current === null || typeof current !== "object") continue;
    if (depth > MAX_JSON_DEPTH) return { exceeded: "depth", at };
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1, at });
  }
  return null;
}

function boundError(bound: NonNullable<JsonBound>, parameter: string): GraphQLError {
  if (parameter !== "variables") {
    return bound.exceeded === "depth"
      ? badRequest(`The "${parameter}" parameter is nested more than ${MAX_JSON_DEPTH} levels deep.`)
      : badRequest(`The "${parameter}" parameter holds more than ${MAX_JSON_VALUES} values.`);
  }
  return bound.exceeded === "depth"
    ? badUserInput(`$${bound.at}`, `Variable "$${bound.at}" is nested more than ${MAX_JSON_DEPTH} levels deep.`, {
        status: 400,
      })
    : badUserInput("variables", `The variables hold more than ${MAX_JSON_VALUES} values.`, { status: 400 });
}

/**
 * A request parse failure with only a code and a message: Yoga's own message (which says what
 * was wrong) and code (BAD_REQUEST, or e.g. REQUEST_ENTITY_TOO_LARGE), with its HTTP status, but
 * without the parser's details; or a BAD_REQUEST for a bare JSON.parse failure (a GET parameter).
 */
function cleanParseError(error: unknown): unknown {
  if (error instanceof GraphQLError) {
    const { code, http } = error.extensions as {
      code?: unknown;
      http?: { status?: number; headers?: Record<string, string> };
    };
    // A request that cannot be parsed is not a well-formed GraphQL-over-HTTP request, so it is
    // the client's error whatever it accepts: 400 (or Yoga's status, e.g. 413). Yoga marks these
    // `spec: true`, which answers application/json clients with 200; that mark is dropped.
    return new GraphQLError(error.message, {
      extensions: {
        code: typeof code === "string" ? code : "BAD_REQUEST",
        http: { status: http?.status ?? 400, ...(http?.headers ? { headers: http.headers } : {}) },
      },
    });
  }
  if (error instanceof SyntaxError) return badRequest("The request's parameters are not valid JSON.");
  return error;
}

const onlyQueries = (context: ValidationContext): ASTVisitor => ({
  OperationDefinition(node: OperationDefinitionNode) {
    if (node.operation === "query") return;
    context.reportError(
      new GraphQLError(
        `Only queries are supported: the Fentrace API is read-only and has no ${node.operation} operations.`,
        { nodes: [node] },
      ),
    );
  },
});

export function useRequestBounds(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse, fetchAPI }) {
      if (request.method === "POST" && !POST_MEDIA_TYPES.includes(mediaType(request))) {
        const given = request.headers.get("content-type");
        const message = `Unsupported media type ${given ? JSON.stringify(given) : "(none)"}: send the operation as application/json (or the bare document as application/graphql).`;
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] }), {
            status: 415,
            headers: { "Content-Type": "application/json; charset=utf-8", Accept: POST_MEDIA_TYPES.join(", ") },
          }),
        );
        return;
      }
      if (!requestParser) return;
      const length = request.headers.get("content-length");
      if (length !== null) {
        if (!/^\d+$/.test(length)) throw badRequest("Content-Length header is invalid.");
        if (Number(length) > MAX_BODY_BYTES) throw bodyTooLarge();
      }
      const counted = length === null && request.body !== null;
      setRequestParser(async (parsed) => {
        try {
          return await requestParser(counted ? withCountedBody(parsed, MAX_BODY_BYTES, fetchAPI) : parsed);
        } catch (error) {
          throw cleanParseError(error);
        }
      });
    },
    onParams({ params }) {
      // Yoga passes the whole body on: its own check of the parameters' types comes later.
      for (const [parameter, value] of Object.entries(params)) {
        const bound = exceededJsonBound(value);
        if (bound) throw boundError(bound, parameter);
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(onlyQueries);
    },
  };
}
