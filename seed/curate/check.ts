/**
 * `pnpm curate check [<document-id>] [--seed-dir DIR] [--json]`: what is left to curate, as a to-do
 * list of `file:line: what — what to do`.
 *
 * It runs the checks the build and the tests run, and nothing of its own: the loader's problems
 * (analyseSeed, unresolved TODOs among them), the documents' hashes and lengths and the evidence
 * spans against the texts (verifyDocuments, verifyEvidence), the aliases (resolveMentions), and
 * the numeric and entity coverage (checkCoverage, checkNameCoverage). A data problem points at its
 * YAML file and line; an uncovered mention at its line in the source text, with its offsets.
 * Exits 1 while anything is left, 0 (printing "nothing left") when the data is clean.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readSourceTexts, sourcesDir, splitSourcesDirs } from "../documents.js";
import { analyseSeed, resolveMentions } from "../load.js";
import { displayPath, repoRoot, seedDataDir } from "../paths.js";
import type { SeedProblem } from "../problems.js";
import { oneLine } from "../text.js";
import { DRAFTS_DIR, UNRESOLVED_TODO } from "../todos.js";
import { checkCoverage, checkNameCoverage, verifyDocuments, verifyEvidence } from "../verify.js";

const USAGE = "usage: pnpm curate check [<document-id>] [--seed-dir DIR] [--json]";

/** One thing left to do. */
export interface ToDo {
  kind: "todo" | "problem" | "span" | "numeric-mention" | "name-mention" | "source";
  /** The file to edit or to read (a YAML file of the seed, or the source text). */
  file: string;
  /** 1-based line in that file, when known. */
  line?: number;
  what: string;
  /** What to do about it. */
  action: string;
  /** The document concerned, when there is one. */
  document?: string;
  /** Offsets in the document (UTF-16 code units), for mentions. */
  start?: number;
  end?: number;
}

const CONTEXT = 40;

/** The line of `offset` in `text` (1-based). */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** The file's path as check prints it: relative to the repository when inside it. */
const shown = (path: string) => displayPath(path);

/** The line where a record starts (`- id: x` or `key: x`), for problems that carry none. */
function recordLine(file: string, recordId: string): number | undefined {
  const path = resolve(repoRoot, file);
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, "utf8").split("\n");
  const pattern = new RegExp(
    `^\\s*-?\\s*(?:id|key):\\s*["']?${recordId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*$`,
  );
  const index = lines.findIndex((line) => pattern.test(line));
  return index < 0 ? undefined : index + 1;
}

function fromProblem(problem: SeedProblem, kind: ToDo["kind"]): ToDo {
  const line = problem.line ?? recordLine(problem.file, problem.recordId);
  const field = problem.field ? ` › ${problem.field}` : "";
  const what = `${problem.recordId}${field}`;
  if (problem.reason.startsWith(UNRESOLVED_TODO)) {
    return {
      kind: "todo",
      file: problem.file,
      ...(line === undefined ? {} : { line }),
      what: `${what}: unresolved TODO`,
      action: problem.reason.slice(UNRESOLVED_TODO.length).replace(/^\s*—\s*/, ""),
    };
  }
  return { kind, file: problem.file, ...(line === undefined ? {} : { line }), what, action: problem.reason };
}

/** The text around a mention, on one line, with the mention in «». */
function nearText(text: string, start: number, end: number): string {
  const before = oneLine(text.slice(Math.max(0, start - CONTEXT), start), Infinity);
  const after = oneLine(text.slice(end, end + CONTEXT), Infinity);
  return `…${before}«${text.slice(start, end)}»${after}…`;
}

/** The first directory of the sources list holding the file, for pointing at lines of the text. */
function sourcePath(fileName: string, dir: string | undefined): string {
  const configured = sourcesDir();
  const dirs = splitSourcesDirs(dir ?? ("dir" in configured ? configured.dir : ""));
  return dirs.map((candidate) => join(candidate, fileName)).find((path) => existsSync(path)) ?? fileName;
}

/** Everything left to do in `seedDir` (for one document, or all of them). */
export function listToDos(seedDir: string, options: { document?: string; sourcesDir?: string } = {}): ToDo[] {
  const analysis = analyseSeed(seedDir);
  const only = options.document;
  const ownFiles = only
    ? new Set(
        [join(DRAFTS_DIR, `${only}.yaml`), join("figures", `${only}.yaml`)].map((path) => shown(join(seedDir, path))),
      )
    : undefined;
  const documentsFile = shown(join(seedDir, "documents.yaml"));
  const concerns = (problem: SeedProblem) =>
    !ownFiles || ownFiles.has(problem.file) || (problem.file === documentsFile && problem.recordId === only);
  const todos: ToDo[] = analysis.problems.filter(concerns).map((problem) => fromProblem(problem, "problem"));

  const documents = analysis.rows.documents.filter((document) => !only || document.id === only);
  if (only && documents.length === 0 && !todos.some((todo) => todo.file === documentsFile)) {
    todos.push({
      kind: "source",
      file: documentsFile,
      what: `no document '${only}'`,
      action: "register it first: pnpm curate add <file> --id <document-id>",
    });
  }
  const texts = new Map<string, string>();
  for (const document of documents) {
    const sources = readSourceTexts([document], options.sourcesDir === undefined ? {} : { dir: options.sourcesDir });
    if (sources.available) {
      texts.set(document.id, sources.texts.get(document.id) ?? "");
      continue;
    }
    const line = recordLine(documentsFile, document.id);
    todos.push({
      kind: "source",
      file: documentsFile,
      ...(line === undefined ? {} : { line }),
      what: `${document.id}: its text ${document.fileName} was not found (${sources.reason})`,
      action: "point FENTRACE_SOURCES_DIR at its directory (several directories are separated by the path delimiter)",
      document: document.id,
    });
  }

  const spans = [...verifyDocuments(analysis, texts), ...verifyEvidence(analysis, texts)];
  todos.push(...spans.filter(concerns).map((problem) => fromProblem(problem, "span")));
  todos.push(
    ...resolveMentions(analysis, texts)
      .filter(concerns)
      .map((problem) => fromProblem(problem, "problem")),
  );

  const fileOf = new Map(documents.map((document) => [document.id, sourcePath(document.fileName, options.sourcesDir)]));
  const recordsFile = (documentId: string) => {
    const draft = join(seedDir, DRAFTS_DIR, `${documentId}.yaml`);
    return shown(existsSync(draft) ? draft : join(seedDir, "figures", `${documentId}.yaml`));
  };
  for (const row of checkCoverage(analysis, texts)) {
    const text = texts.get(row.document) ?? "";
    for (const mention of row.uncovered) {
      todos.push({
        kind: "numeric-mention",
        file: shown(fileOf.get(row.document) ?? row.document),
        line: lineAt(text, mention.start),
        what: `uncovered numeric mention ${JSON.stringify(mention.text)} at ${row.document} ${mention.start}–${mention.end} in ${nearText(text, mention.start, mention.end)}`,
        action: `record it: a figure whose stated marks it (or a period, date or age mark), or an exclusion with its reason, in ${recordsFile(row.document)}`,
        document: row.document,
        start: mention.start,
        end: mention.end,
      });
    }
  }
  for (const row of checkNameCoverage(analysis, texts)) {
    const text = texts.get(row.document) ?? "";
    for (const mention of row.uncovered) {
      const subject = mention.kind === "name" ? "a name" : "an unnamed actor";
      todos.push({
        kind: "name-mention",
        file: shown(fileOf.get(row.document) ?? row.document),
        line: lineAt(text, mention.start),
        what: `${subject} that is no entity: ${JSON.stringify(mention.text)} at ${row.document} ${mention.start}–${mention.end} in ${nearText(text, mention.start, mention.end)}`,
        action:
          "add it as an entity (organisations.yaml, people.yaml, places.yaml …) or an alias of one, or exclude it with its reason",
        document: row.document,
        start: mention.start,
        end: mention.end,
      });
    }
  }
  return todos;
}

/** `file:line: what — what to do`. */
export function formatToDo(todo: ToDo): string {
  const where = todo.line === undefined ? todo.file : `${todo.file}:${todo.line}`;
  return `${where}: ${todo.what} — ${todo.action}`;
}

/** Runs `curate check` and returns the exit code: 0 nothing left, 1 something left, 2 bad usage. */
export async function run(args: readonly string[]): Promise<number> {
  let values: { "seed-dir"?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { "seed-dir": { type: "string" }, json: { type: "boolean", default: false } },
    }));
    if (positionals.length > 1) throw new Error(`expected at most one document id, got ${positionals.length}`);
  } catch (error) {
    console.error(`curate check: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const seedDir = values["seed-dir"] ? resolve(values["seed-dir"]) : seedDataDir;
  if (!existsSync(join(seedDir, "documents.yaml"))) {
    console.error(`curate check: --seed-dir ${seedDir}: no documents.yaml there; is it a seed data directory?`);
    return 2;
  }
  const [document] = positionals;
  const todos = listToDos(seedDir, document === undefined ? {} : { document });
  if (values.json) console.log(JSON.stringify(todos, null, 2));
  else if (todos.length === 0) console.log(`nothing left${document ? ` for ${document}` : ""}`);
  else {
    for (const todo of todos) console.log(formatToDo(todo));
    console.log(`\n${todos.length} thing(s) left${document ? ` for ${document}` : ""}`);
  }
  return todos.length === 0 ? 0 : 1;
}
