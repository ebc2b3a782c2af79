/**
 * Persisted operations' canonical text and id, and the operations of a set of GraphQL files.
 * Pure (no file read): used by the server (persisted.ts) and by the SDK's codegen, which writes
 * its operations into packages/api/generated/persisted-operations.json with these ids
 * (packages/sdk/scripts/persisted-operations.ts).
 *
 * - Id: the SHA-256 (hex) of the operation's canonical text: `print()` of the operation followed
 *   by the fragments it uses, sorted by name (comments and formatting do not matter).
 */
import { createHash } from "node:crypto";
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

export function sha256(text: string): string {
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

/** The persisted operation of a document (its first operation names it). */
export function persistedOperation(
  origin: PersistedOperation["origin"],
  file: string,
  document: DocumentNode,
): PersistedOperation {
  const text = canonicalText(document);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return { id: sha256(text), name: operation?.name?.value ?? null, origin, file, document: text };
}

/**
 * One persisted operation per operation of `files` (in their order), each with the fragments it
 * uses from any of the files: the SDK's files share fragments.
 */
export function persistedOperationsOfFiles(
  origin: PersistedOperation["origin"],
  files: readonly { file: string; text: string }[],
): PersistedOperation[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: { file: string; operation: OperationDefinitionNode }[] = [];
  for (const { file, text } of files) {
    for (const definition of parse(text, { noLocation: true }).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push({ file, operation: definition });
    }
  }
  return operations.map(({ file, operation }) =>
    persistedOperation(origin, file, {
      kind: Kind.DOCUMENT,
      definitions: [operation, ...usedFragments([operation], fragments)],
    }),
  );
}
