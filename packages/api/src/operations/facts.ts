/**
 * What the checks before execution learn about an operation, kept so that a repeated operation is
 * not walked again: its arguments passed validation (plugins/argument-validation.ts) and its cost (limits.ts).
 *
 * Both are functions of the parsed document, the operation name and the variables alone (the
 * schema and the limits do not change while the process runs), so they are kept per
 * (document, operation name, variables as JSON), in one bounded LRU. Yoga's parse cache hands back
 * the same DocumentNode for the same text, so a repeated request finds its entry. Requests whose
 * variables are large (more than MAX_KEY_CHARS as JSON) are checked every time: they are rare,
 * and keying them would let a client fill the cache with big keys.
 *
 * The two walks (graphql-js `validate` with armor's cost rule on the cost view, and the argument
 * walk with a TypeInfo) run once per distinct operation instead of once per request. CPU per
 * request through `yoga.fetch` (POST, CACHE_ENABLED=false, median of 5 s, this 2-core machine),
 * with these facts kept / walked every time: `{ __typename }` 56 / 97 µs; the representative
 * query of `pnpm bench` (20 figures) 915 / 1,320 µs.
 */
import type { DocumentNode } from "graphql";
import { LRUCache } from "lru-cache";

export interface OperationFacts {
  /** The arguments passed every check of plugins/argument-validation.ts (failures are not kept: they are rechecked). */
  argumentsValid?: true;
  /** The operation's cost as limits.ts measures it. */
  cost?: number;
}

/** Longest variables JSON an entry is kept for. */
export const MAX_KEY_CHARS = 2048;

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;
const facts = new LRUCache<string, OperationFacts>({
  max: 5000,
  maxSize: 4_000_000,
  sizeCalculation: (_facts, key) => key.length + 32,
});
/** The key each operation in progress was given, so that it is computed once per request. */
const keys = new WeakMap<object, string | null>();

function keyOf(document: DocumentNode, operationName: string | null | undefined, variables: unknown): string | null {
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  const json = variables == null ? "" : JSON.stringify(variables);
  return json.length > MAX_KEY_CHARS ? null : `${id}\0${operationName ?? ""}\0${json}`;
}

/**
 * The facts known about the operation `args` describes (an empty entry the first time), or
 * undefined when it is not kept. `args.contextValue` identifies the request.
 */
export function operationFacts(args: {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  contextValue?: unknown;
}): OperationFacts | undefined {
  const context = typeof args.contextValue === "object" && args.contextValue !== null ? args.contextValue : undefined;
  let key = context ? keys.get(context) : undefined;
  if (key === undefined) {
    key = keyOf(args.document, args.operationName, args.variableValues);
    if (context) keys.set(context, key);
  }
  if (key === null) return undefined;
  let entry = facts.get(key);
  if (!entry) {
    entry = {};
    facts.set(key, entry);
  }
  return entry;
}
