/** Builds the GraphQL Yoga app (no port): the schema, the playground and error handling. */
import { type DocumentNode, GraphQLError } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import { getConfig } from "./config.js";
import { createContext, type GraphQLContext } from "./context.js";
import { loadExamples } from "./examples.js";
import { usePermalinks } from "./http/permalinks.js";
import { logger } from "./logger.js";
import { useArgumentValidation } from "./plugins/argument-validation.js";
import { useCompiledExecution } from "./plugins/compiled-execution.js";
import { useDownloads } from "./plugins/downloads.js";
import { productionPlugins } from "./plugins/index.js";
import { usePlayground } from "./plugins/playground.js";
import { useRequestBounds } from "./plugins/request-bounds.js";
import { useWebPage } from "./plugins/web-page.js";
import { schema } from "./schema/index.js";

const examples = loadExamples();

/** The playground at GET /graphql (for browsers), GraphiQL as static files, the examples as tabs. */
const playground = usePlayground({
  endpoint: "/graphql",
  title: "Fentrace GraphQL API",
  defaultQuery: examples[0]?.query,
  defaultTabs: examples.map((example) => ({ query: example.query, variables: example.variables ?? null })),
});

/** Health, request info, query limits, persisted operations and HTTP caching (src/plugins/). */
export const production = productionPlugins(getConfig(), schema);

/**
 * Keeps the errors the API raises on purpose (GraphQL errors: they carry `extensions.code` and
 * their path); reports anything else (bugs, database failures) as "Unexpected error." with code
 * INTERNAL_SERVER_ERROR, logging the original on the server only.
 */
export function maskError(error: unknown, message: string): Error {
  // Errors the API raises on purpose carry an `extensions.code`: keep them (with their path).
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (!original || original instanceof GraphQLError) return error;
  }
  logger.error({ err: error }, "unexpected error while executing an operation");
  return new GraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  });
}

export const yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext> = createYoga<
  Record<string, unknown>,
  GraphQLContext
>({
  schema,
  context: () => createContext(),
  graphqlEndpoint: "/graphql",
  landingPage: false,
  logging: logger.child({ component: "yoga" }),
  // useDownloads serves /downloads/*, usePermalinks /figures/<id> and /charts/<id>[/embed], useWebPage the built overview page at / (FENTRACE_WEB_DIST), the playground its
  // page (GET /graphql from a browser) and /graphiql/* (all before GraphQL).
  // The request bounds and the argument check come first: they bound what the other plugins read
  // (the cache key, the ETag) and may stop an operation before the response cache sees it.
  plugins: [
    useRequestBounds(),
    useArgumentValidation(),
    ...production.plugins,
    useDownloads(),
    usePermalinks(),
    useWebPage({ dir: getConfig().webDist }),
    playground,
    // A document that keeps coming back runs compiled (graphql-jit), after every check above.
    useCompiledExecution(),
  ],
  // Yoga's GraphiQL would inline its 9 MB bundle into every page: usePlayground serves it instead.
  graphiql: false,
  // The body limit is useRequestBounds' (src/plugins/request-bounds.ts): Yoga's counts every body
  // through a stream, which cost more than the rest of a small request.
  maxRequestBodySize: false,
  // CORS is the request handler's (src/http/cors.ts): `*` for everyone, never with credentials.
  cors: false,
  // Parsed documents by text (their validation is cached with them, by document). Yoga keeps
  // 1,000; a client paging and filtering sends more distinct texts than that, and at 1,100 the
  // bench's varied stream (P2v) re-parsed and re-validated every request. Bounded by size instead:
  // a parsed document takes about 20 bytes per character of its text (at most 15,000 characters).
  parserAndValidationCache: {
    documentCache: new LRUCache<string, DocumentNode>({
      maxSize: 64 * 2 ** 20,
      sizeCalculation: (_document, text) => 20 * text.length + 1024,
    }),
    errorCache: new LRUCache<string, Error>({ max: 1000 }),
  },
  maskedErrors: {
    maskError,
  },
});
