/**
 * Unresolved TODOs: the placeholders `pnpm curate add` and `pnpm curate propose` write where a
 * curator must choose or fill a value (`metric: "TODO: seizures-pills (0.82) | arrests (0.41)"`).
 * They are allowed only in documents.yaml and drafts/*.yaml, and the build refuses every one of
 * them: a guess must never reach the database unreviewed. They are found in the parsed YAML
 * nodes (not the plain values) so that each one is reported with its line.
 */
import { type Document, isMap, isScalar, isSeq, type LineCounter } from "yaml";

/** One placeholder: its 1-based line, its path from the top of the file, and its text. */
export interface Todo {
  line: number;
  path: (string | number)[];
  text: string;
}

/** Where placeholders may be written (relative to the seed directory): the files curate writes. */
export const DRAFTS_DIR = "drafts";
export const mayHoldTodos = (path: string) => path === "documents.yaml" || path.startsWith(`${DRAFTS_DIR}/`);

/** The words every problem about a placeholder starts with (check.ts and the loader look for them). */
export const UNRESOLVED_TODO = "unresolved TODO";

/** True for a string the curator still has to replace. */
export function isTodo(value: unknown): value is string {
  return typeof value === "string" && /^TODO\b/.test(value);
}

/** Every placeholder string of a parsed YAML file, in file order. */
export function findTodos(document: Document, lineCounter: LineCounter): Todo[] {
  const found: Todo[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isScalar(node)) {
      if (isTodo(node.value) && node.range) {
        found.push({ line: lineCounter.linePos(node.range[0]).line, path, text: node.value });
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) walk(item, [...path, index]);
    }
  };
  walk(document.contents, []);
  return found;
}

/**
 * What to do about a placeholder: its alternatives (written `a | b | c`) to choose from, or what
 * to fill in.
 */
export function todoReason(text: string): string {
  const rest = text.replace(/^TODO\b:?\s*/, "").trim();
  if (rest.includes("|")) return `${UNRESOLVED_TODO} — alternatives: ${rest}; choose one and write it without "TODO"`;
  return `${UNRESOLVED_TODO} — ${rest || "fill in the value"}`;
}
