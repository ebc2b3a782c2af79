/**
 * Persisted operations: the playground's examples (packages/api/examples/*.graphql) and the SDK's
 * operations (packages/sdk/src/operations/*.graphql), known to the server by id, so that clients
 * and CDNs can use short GET URLs. Arbitrary queries stay allowed.
 *
 * - Id: the SHA-256 (hex) of the operation's canonical text: `print()` of the operation followed
 *   by the fragments it uses, sorted by name (comments and formatting do not matter).
 * - Requests: `GET /graphql?id=<id>&variables=…`, or the Apollo/graphql-request form
 *   `extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}` (GET or POST).
 *   An unknown id is a PERSISTED_QUERY_NOT_FOUND error.
 * - `GET /graphql/persisted-operations` lists every id with its name, origin and text.
 * - These documents are trusted: the query limits do not apply to them, whether they arrive by
 *   id or as text (matched by their canonical form).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  visit,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { repoRoot } from "../db.js";
import { examplesDir, loadExamples } from "../examples.js";
import type { TrustedDocuments } from "./limits.js";

/** Where the SDK keeps its operation documents. */
export const sdkOperationsDir = resolve(repoRoot, "packages/sdk/src/operations");

/** The path that lists the persisted operations. */
export const PERSISTED_OPERATIONS_PATH = "/graphql/persisted-operations";

export interface PersistedOperation {
  /** SHA-256 of the canonical text. */
  id: string;
  /** The operation's name (null for an anonymous one). */
  name: string | null;
  /** Where it comes from: the playground's examples or the SDK. */
  origin: "example" | "sdk";
  /** The file that defines it, relative to the repository root. */
  file: string;
  /** The canonical text (what the server executes). */
  document: string;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The fragments an operation uses, directly or through other fragments, sorted by name. */
function usedFragments(
  roots: readonly DefinitionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop()!;
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (fragment && !used.has(name)) {
          used.set(name, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

/**
 * The canonical text of a document: its operations in order, then the fragments they use sorted
 * by name, printed by graphql-js (no comments, standard spacing). Unused fragments are dropped.
 */
export function canonicalText(document: DocumentNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  return print({ kind: Kind.DOCUMENT, definitions: [...operations, ...usedFragments(operations, fragments)] });
}

/** The id of a document: SHA-256 of its canonical text. */
export function persistedOperationId(document: DocumentNode | string): string {
  return sha256(canonicalText(typeof document === "string" ? parse(document, { noLocation: true }) : document));
}

function readGraphQLFiles(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), "utf8") }));
}

export interface PersistedOperationStore extends TrustedDocuments {
  operations: PersistedOperation[];
  get(id: string): PersistedOperation | undefined;
}

/** Loads the examples and the SDK's operations (a missing SDK directory is skipped). */
export function loadPersistedOperations(options: { examples?: string; sdk?: string } = {}): PersistedOperationStore {
  const operations: PersistedOperation[] = [];
  const relative = (file: string) => file.slice(repoRoot.length + 1);
  const add = (origin: PersistedOperation["origin"], file: string, document: DocumentNode) => {
    const text = canonicalText(document);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    operations.push({
      id: sha256(text),
      name: operation?.name?.value ?? null,
      origin,
      file: relative(file),
      document: text,
    });
  };

  for (const example of loadExamples(options.examples ?? examplesDir)) {
    add("example", join(options.examples ?? examplesDir, example.file), parse(example.query, { noLocation: true }));
  }

  // The SDK's files share fragments: parse them all, then give each operation the fragments it uses.
  const sdkFiles = readGraphQLFiles(options.sdk ?? sdkOperationsDir);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const sdkOperations: { file: string; operation: OperationDefinitionNode }[] = [];
  for (const { file, text } of sdkFiles) {
    for (const definition of parse(text, { noLocation: true }).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION) sdkOperations.push({ file, operation: definition });
    }
  }
  for (const { file, operation } of sdkOperations) {
    add("sdk", file, { kind: Kind.DOCUMENT, definitions: [operation, ...usedFragments([operation], fragments)] });
  }

  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  // Exact texts accepted without the token limit: the canonical texts and the example files as written.
  const sources = new Set<string>([
    ...operations.map((operation) => operation.document),
    ...loadExamples(options.examples ?? examplesDir).map((e) => e.query),
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
