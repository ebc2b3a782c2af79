/**
 * Rules of the codebase that a reviewer would otherwise have to remember, checked on the
 * TypeScript syntax tree of every hand-written file (comments and strings never match):
 *
 * - no module of the API imports itself back through others (value imports; type-only imports are
 *   erased and cannot make a circle at run time), so the schema modules can run in any order;
 * - no cast to a `Prisma.…` type: queries are built as typed `Prisma.*WhereInput` / `OrderByInput`
 *   objects (schema/shared/filters.ts, ordering.ts), so a renamed column fails `tsc`;
 * - no `any`, which would switch the compiler's checks off where it appears.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const apiSource = resolve(repoRoot, "packages/api/src");

/** Folders of hand-written TypeScript (generated code, builds and dependencies are skipped). */
const HAND_WRITTEN = [
  "packages/api/src",
  "packages/api/test",
  "packages/api/scripts",
  "packages/sdk/src",
  "packages/sdk/test",
  "packages/sdk/examples",
  "packages/web/src",
  "packages/web/test",
  "seed",
  "bench",
];
const SKIPPED_FOLDERS = new Set(["generated", "node_modules", "dist", "results", ".data", ".exp"]);

function typeScriptFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry)) files.push(...typeScriptFiles(path));
    } else if (/\.tsx?$/.test(entry)) {
      files.push(path);
    }
  }
  return files;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** Where a node is, as `path:line`. */
function place(source: ts.SourceFile, node: ts.Node): string {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `${relative(repoRoot, source.fileName)}:${line + 1}`;
}

/** The relative modules a file imports or re-exports as values, resolved to .ts paths. */
function valueImports(source: ts.SourceFile): string[] {
  const imported: string[] = [];
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement);
    if (!isImport && !ts.isExportDeclaration(statement)) continue;
    if (isImport ? statement.importClause?.isTypeOnly : statement.isTypeOnly) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) continue;
    imported.push(resolve(dirname(source.fileName), specifier.text.replace(/\.js$/, ".ts")));
  }
  return imported;
}

/** Every import circle of a graph, each as the list of its modules (first repeated at the end). */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const walk = (module: string) => {
    state.set(module, "open");
    path.push(module);
    for (const next of graph.get(module) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") circles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) walk(next);
    }
    path.pop();
    state.set(module, "done");
  };
  for (const module of graph.keys()) if (!state.has(module)) walk(module);
  return circles;
}

describe("the module graph of the API", () => {
  it("finds a circle when there is one (the check itself)", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(importCircles(graph)).toEqual([["a", "b", "c", "a"]]);
    expect(
      importCircles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("has no import circle (the schema modules refer to each other's types through schema/refs.ts)", () => {
    const graph = new Map<string, string[]>();
    for (const file of typeScriptFiles(apiSource)) graph.set(file, valueImports(parse(file)));
    expect(graph.size).toBeGreaterThan(50);
    const circles = importCircles(graph).map((circle) => circle.map((file) => relative(apiSource, file)).join(" → "));
    expect(circles).toEqual([]);
  });
});

describe("hand-written source", () => {
  const sources = HAND_WRITTEN.flatMap((folder) => typeScriptFiles(resolve(repoRoot, folder))).map(parse);

  it("covers every package, the seed and the bench", () => {
    for (const folder of HAND_WRITTEN) {
      expect(sources.some((source) => source.fileName.startsWith(resolve(repoRoot, folder)))).toBe(true);
    }
  });

  it("has no cast to a Prisma type: queries are typed Prisma inputs", () => {
    const casts: string[] = [];
    for (const source of sources) {
      visit(source, (node) => {
        if (!ts.isAsExpression(node)) return;
        if (/^Prisma\./.test(node.type.getText(source))) casts.push(place(source, node));
      });
    }
    expect(casts).toEqual([]);
  });

  it("has no `any`", () => {
    const anys: string[] = [];
    for (const source of sources) {
      visit(source, (node) => {
        if (node.kind === ts.SyntaxKind.AnyKeyword) anys.push(place(source, node));
      });
    }
    expect(anys).toEqual([]);
  });
});
