/**
 * The example queries of packages/api/examples/NN-name.graphql: the playground's tabs, and a test
 * runs every one. Each file starts with `# Title` and comment lines that explain the question.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../examples");

export interface Example {
  /** File name, e.g. `01-cases-per-platform.graphql`. */
  file: string;
  /** The first comment line, without `#`. */
  title: string;
  /** The whole file: comments and operation. */
  query: string;
  /** Variables for the operation, from a sibling `.json` file when there is one. */
  variables?: string;
}

export function loadExamples(dir = examplesDir): Example[] {
  return readdirSync(dir)
    .filter((file) => /^\d+-.+\.graphql$/.test(file))
    .sort()
    .map((file) => {
      const query = readFileSync(join(dir, file), "utf8");
      const title = /^#\s*(.+)$/m.exec(query)?.[1]?.trim() ?? file;
      let variables: string | undefined;
      try {
        variables = readFileSync(join(dir, file.replace(/\.graphql$/, ".json")), "utf8");
      } catch {
        variables = undefined;
      }
      return { file, title, query, ...(variables ? { variables } : {}) };
    });
}
