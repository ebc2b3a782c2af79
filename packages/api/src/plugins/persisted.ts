/**
 * Persisted operations: the playground's examples (packages/api/examples/*.graphql) and the SDK's
 * operations (packages/sdk/src/operations/*.graphql), known to the server by id, so that clients
 * and CDNs can use short GET URLs. Arbitrary queries stay allowed.
 *
 * - The SDK's operations come from packages/api/generated/persisted-operations.json, which the
 *   SDK's codegen writes (committed; `generate:check` fails when it is stale): the server never
 *   reads packages/sdk.
 * - Id: the SHA-256 (hex) of the operation's canonical text: `print()` of the operation followed
 *   by the fragments it uses, sorted by name (comments and formatting do not matter; operations/persisted-ids.ts).
 * - Requests: `GET /graphql?id=<id>&variables=…`, or the Apollo/graphql-request form
 *   `extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}` (GET or POST).
 *   An unknown id is a PERSISTED_QUERY_NOT_FOUND error.
 * - `GET /graphql/persisted-operations` lists every id with its name, origin and text.
 * - These documents are trusted: the query limits do not apply to them, whether they arrive by
 *   id or as text (matched by their canonical form).
 */
import { join, relative } from "node:path";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { type DocumentNode, parse } from "graphql";
import type { Plugin } from "graphql-yoga";
import sdkManifest from "../../generated/persisted-operations.json" with { type: "json" };
import { examplesDir, loadExamples } from "../examples.js";
import { canonicalText, type PersistedOperation, persistedOperation, sha256 } from "../operations/persisted-ids.js";
import { repoRoot } from "../paths.js";
import type { TrustedDocuments } from "./limits.js";

export { canonicalText, type PersistedOperation, persistedOperationId } from "../operations/persisted-ids.js";

/** The path that lists the persisted operations. */
export const PERSISTED_OPERATIONS_PATH = "/graphql/persisted-operations";

/** The SDK's operations, as its codegen wrote them (packages/api/generated/persisted-operations.json). */
export const sdkOperations: readonly PersistedOperation[] = sdkManifest.operations.map((operation) => ({
  ...operation,
  origin: "sdk",
}));

export interface PersistedOperationStore extends TrustedDocuments {
  operations: PersistedOperation[];
  get(id: string): PersistedOperation | undefined;
}

/** The examples (of `examples`, default packages/api/examples) and the SDK's operations (default the generated manifest). */
export function loadPersistedOperations(
  options: { examples?: string; sdk?: readonly PersistedOperation[] } = {},
): PersistedOperationStore {
  const dir = options.examples ?? examplesDir;
  const examples = loadExamples(dir);
  const operations: PersistedOperation[] = [
    ...examples.map((example) =>
      persistedOperation(
        "example",
        relative(repoRoot, join(dir, example.file)),
        parse(example.query, { noLocation: true }),
      ),
    ),
    ...(options.sdk ?? sdkOperations),
  ];

  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  // Exact texts accepted without the token limit: the canonical texts and the example files as written.
  const sources = new Set<string>([
    ...operations.map((operation) => operation.document),
    ...examples.map((e) => e.query),
  ]);
  const trustedByDocument = new WeakMap<DocumentNode, boolean>();

  return {
    operations,
    get: (id) => byId.get(id),
    isTrustedSource: (text) => sources.has(text),
    isTrustedDocument(document) {
      let trusted = trustedByDocument.get(document);
      if (trusted === undefined) {
        trusted = byId.has(sha256(canonicalText(document)));
        trustedByDocument.set(document, trusted);
      }
      return trusted;
    },
  };
}

/** The id a request names: `?id=` on the URL, or the persistedQuery extension. */
function requestedId(params: { extensions?: Record<string, unknown> }, request: Request): string | null {
  const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  if (typeof hash === "string") return hash;
  const queryStart = request.url.indexOf("?");
  if (queryStart === -1) return null;
  return new URLSearchParams(request.url.slice(queryStart + 1)).get("id");
}

/** Yoga plugin: persisted operations by id, arbitrary queries allowed, and the list of ids. */
export function usePersistedOperationStore(store: PersistedOperationStore): Plugin {
  const listing = JSON.stringify(
    {
      description:
        "Persisted operations: send GET /graphql?id=<id>&variables=<JSON> (or the persistedQuery extension) instead of the query text. The id is the SHA-256 of `document`.",
      operations: store.operations,
    },
    null,
    2,
  );
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        usePersistedOperations({
          allowArbitraryOperations: true,
          extractPersistedOperationId: (params, request) =>
            requestedId(params as { extensions?: Record<string, unknown> }, request),
          getPersistedOperation: (id) => store.get(id)?.document ?? null,
          customErrors: {
            notFound: {
              message:
                "No persisted operation has this id: send the query text, or an id listed at /graphql/persisted-operations.",
              extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } },
            },
            keyNotFound: {
              message:
                'Missing query: send "query", or the id of a persisted operation ("id" or extensions.persistedQuery.sha256Hash).',
              extensions: { code: "BAD_REQUEST", http: { status: 400 } },
            },
          },
        }),
      );
    },
    onRequest({ url, request, fetchAPI, endResponse }) {
      if (url.pathname !== PERSISTED_OPERATIONS_PATH) return;
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(
          new fetchAPI.Response("Only GET and HEAD are supported here.\n", {
            status: 405,
            headers: { Allow: "GET, HEAD" },
          }),
        );
        return;
      }
      endResponse(
        new fetchAPI.Response(request.method === "HEAD" ? null : listing, {
          status: 200,
          headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
        }),
      );
    },
  };
}
