/**
 * The fenced code blocks of the repository's Markdown files, read one way for every test that runs
 * documented examples (readme-examples.test.ts, shell-examples.test.ts, packaging.test.ts), and the
 * comparison of a program's output with the output block a README prints after it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../../..");

export interface Block {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** The line of the opening fence (1-based). */
  line: number;
  /** The fence's language ("" for none). */
  lang: string;
  code: string;
  /** The output block that follows (json or text), if any. */
  output?: Block;
}

const INPUT_LANGUAGES = new Set(["graphql", "ts", "sh", "bash", "console", "shell"]);
export const SHELL_LANGUAGES = new Set(["sh", "bash", "console", "shell"]);

/** The fenced blocks of a Markdown file (relative to the repository root), each with the json/text block that follows it. */
export function fencedBlocks(file: string): Block[] {
  const lines = readFileSync(join(repoRoot, file), "utf8").split("\n");
  const found: (Block & { end: number })[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    // A fence may be indented (a block inside a list item): its lines lose that indent.
    const open = /^( *)```(\w*)\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1] ?? "";
    const start = i;
    i += 1;
    const body: string[] = [];
    while (i < lines.length && !/^ *```\s*$/.test(lines[i] ?? ""))
      body.push((lines[i++] ?? "").replace(new RegExp(`^ {0,${indent.length}}`), ""));
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: the fenced block is never closed`);
    found.push({ file, line: start + 1, lang: open[2] ?? "", code: body.join("\n"), end: i });
  }
  const result: Block[] = [];
  for (let k = 0; k < found.length; k += 1) {
    const { end: _end, ...block } = found[k]!;
    const next = found[k + 1];
    const gap = next ? lines.slice(found[k]!.end + 1, next.line - 1) : [];
    // An output block follows its example directly or after a short line of prose ("answers:").
    if (
      INPUT_LANGUAGES.has(block.lang) &&
      next &&
      (next.lang === "json" || next.lang === "text") &&
      gap.join("").length < 200
    ) {
      const { end: _nextEnd, ...output } = next;
      result.push({ ...block, output });
      k += 1;
    } else result.push(block);
  }
  return result;
}

/**
 * Every Markdown file whose examples are documentation a user follows: README.md, CONTRIBUTING.md,
 * packages/*\/README.md, seed/README.md and docs/*.md (read at test time, so a new file is included).
 */
export function documentationFiles(): string[] {
  const files = ["README.md", "CONTRIBUTING.md", "seed/README.md"];
  for (const entry of readdirSync(join(repoRoot, "packages"), { withFileTypes: true }))
    if (entry.isDirectory() && readdirSync(join(repoRoot, "packages", entry.name)).includes("README.md"))
      files.push(`packages/${entry.name}/README.md`);
  for (const entry of readdirSync(join(repoRoot, "docs"), { withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith(".md")) files.push(`docs/${entry.name}`);
  return files.sort();
}

/** Printed lines against the README's, where a line "…" stands for any number of lines and "…" in a line for the rest of it. */
export function sameOutput(printed: string, expected: string): boolean {
  const pattern = expected
    .trimEnd()
    .split("\n")
    .map((line) =>
      line.trim() === "…" ? "[\\s\\S]*?" : line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("…", "[^\\n]*?"),
    )
    .join("\n");
  return new RegExp(`^${pattern.replaceAll("\n[\\s\\S]*?\n", "(?:\n[\\s\\S]*?)?\n")}$`).test(printed.trimEnd());
}
