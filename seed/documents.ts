/**
 * Finds the source documents. They are kept outside the repository (`../shared/seeds` next to
 * it, or wherever FENTRACE_SOURCES_DIR points: one directory, or several separated by the path
 * delimiter, `:` on Linux and macOS, so that a newly added document can live in a directory of
 * its own next to the others), so every check that needs them must cope with
 * their absence and say why: the build says it did not check them; the tests fail unless
 * FENTRACE_ALLOW_MISSING_SOURCES=1 asks them to skip (test/sources.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { repoRoot } from "./paths.js";

/** The documents' texts by document id, or the reason they are unavailable. */
export type SourceTexts =
  | { available: true; dir: string; texts: Map<string, string> }
  | { available: false; reason: string };

const DEFAULT_DIR = resolve(repoRoot, "../shared/seeds");

/** The directories of a FENTRACE_SOURCES_DIR-style list (path-delimiter separated; empty entries ignored). */
export function splitSourcesDirs(list: string): string[] {
  return list
    .split(delimiter)
    .filter((entry) => entry !== "")
    .map((entry) => resolve(entry));
}

/**
 * The directory holding the source documents (several joined by the path delimiter when
 * FENTRACE_SOURCES_DIR lists several), or why there is none.
 */
export function sourcesDir(env: NodeJS.ProcessEnv = process.env): { dir: string } | { reason: string } {
  const configured = env.FENTRACE_SOURCES_DIR;
  if (configured) {
    const dirs = splitSourcesDirs(configured);
    const absent = dirs.filter((dir) => !existsSync(dir));
    if (absent.length > 0 || dirs.length === 0) {
      return {
        reason: `source documents not found at ${absent.join(delimiter) || configured} (from FENTRACE_SOURCES_DIR)`,
      };
    }
    return { dir: dirs.join(delimiter) };
  }
  return existsSync(DEFAULT_DIR)
    ? { dir: DEFAULT_DIR }
    : { reason: `source documents not found at ${DEFAULT_DIR}; set FENTRACE_SOURCES_DIR` };
}

/**
 * Reads the text of every listed document (UTF-8), each from the first directory of the list that
 * holds its file, or says which are missing.
 */
export function readSourceTexts(
  documents: readonly { id: string; fileName: string }[],
  options: { dir?: string } = {},
): SourceTexts {
  const location = options.dir === undefined ? sourcesDir() : { dir: splitSourcesDirs(options.dir).join(delimiter) };
  if ("reason" in location) return { available: false, reason: location.reason };
  const dirs = splitSourcesDirs(location.dir);
  const pathOf = (fileName: string) =>
    dirs.map((dir) => join(dir, fileName)).find((path) => existsSync(path)) ?? join(dirs[0] ?? "", fileName);
  const missing = documents.filter((document) => !existsSync(pathOf(document.fileName)));
  if (missing.length > 0) {
    const names = missing.map((document) => document.fileName).join(", ");
    return {
      available: false,
      reason: `source documents not found at ${location.dir}: ${names}; set FENTRACE_SOURCES_DIR`,
    };
  }
  const texts = new Map(documents.map((document) => [document.id, readFileSync(pathOf(document.fileName), "utf8")]));
  return { available: true, dir: location.dir, texts };
}
