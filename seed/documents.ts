/**
 * Finds the source documents. They are kept outside the repository (`../shared/seeds` next to
 * it, or wherever FENTRACE_SOURCES_DIR points), so every check that needs them must cope with
 * their absence and say why: the build says it did not check them; the tests fail unless
 * FENTRACE_ALLOW_MISSING_SOURCES=1 asks them to skip (test/sources.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "./paths.js";

/** The documents' texts by document id, or the reason they are unavailable. */
export type SourceTexts =
  | { available: true; dir: string; texts: Map<string, string> }
  | { available: false; reason: string };

const DEFAULT_DIR = resolve(repoRoot, "../shared/seeds");

/** The directory holding the source documents, or why there is none. */
export function sourcesDir(env: NodeJS.ProcessEnv = process.env): { dir: string } | { reason: string } {
  const configured = env.FENTRACE_SOURCES_DIR;
  if (configured) {
    const dir = resolve(configured);
    return existsSync(dir) ? { dir } : { reason: `source documents not found at ${dir} (from FENTRACE_SOURCES_DIR)` };
  }
  return existsSync(DEFAULT_DIR)
    ? { dir: DEFAULT_DIR }
    : { reason: `source documents not found at ${DEFAULT_DIR}; set FENTRACE_SOURCES_DIR` };
}

/** Reads the text of every listed document (UTF-8), or says which are missing. */
export function readSourceTexts(
  documents: readonly { id: string; fileName: string }[],
  options: { dir?: string } = {},
): SourceTexts {
  const location = options.dir === undefined ? sourcesDir() : { dir: resolve(options.dir) };
  if ("reason" in location) return { available: false, reason: location.reason };
  const missing = documents.filter((document) => !existsSync(join(location.dir, document.fileName)));
  if (missing.length > 0) {
    const names = missing.map((document) => document.fileName).join(", ");
    return {
      available: false,
      reason: `source documents not found at ${location.dir}: ${names}; set FENTRACE_SOURCES_DIR`,
    };
  }
  const texts = new Map(
    documents.map((document) => [document.id, readFileSync(join(location.dir, document.fileName), "utf8")]),
  );
  return { available: true, dir: location.dir, texts };
}
