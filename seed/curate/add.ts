/**
 * `pnpm curate add <file> --id <document-id> [--seed-dir DIR]`: registers a new source document.
 *
 * Only its metadata enters the repository: an entry appended to documents.yaml with the file
 * name, SHA-256 and length (UTF-16 code units, as verify.ts counts them) that pin the text, and
 * title, outlet, date and summary fields. What the README's rules let it infer is filled in (a
 * first line that reads as a headline is the STATED title; the latest date the text states is a
 * candidate publication month, inferred, with its basis to confirm); everything else is a
 * `TODO: …` that the build refuses until a curator resolves it. The text stays where it is; the
 * command says whether the build will find it there.
 *
 * Every refusal writes nothing. The entry is appended to the file's text as it is (the yaml
 * library would reflow folded scalars and respace flow collections if it re-printed the whole
 * file), the result is parsed again to be sure it holds the new entry, and it replaces the file
 * by a rename, so documents.yaml is either as before or complete.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Document, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { monthNames } from "../../packages/api/src/intervals.js";
import { writeFileAtomic } from "../atomic-write.js";
import { decodeUtf8 } from "../characters.js";
import { sourcesDir, splitSourcesDirs } from "../documents.js";
import { displayPath, seedDataDir } from "../paths.js";
import { fieldPath } from "../read-data.js";
import { SEED_FILES } from "../schema.js";
import { findTodos } from "../todos.js";

const USAGE = "usage: pnpm curate add <file> --id <document-id> [--seed-dir DIR]";
const DOCUMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A refusal: what is wrong and what to do; nothing has been written. */
class Refusal extends Error {}

/** `Harbor Daily 2031!` → `harbor-daily-2031`: the id a curator probably meant. */
function kebabCase(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The first of `id-2`, `id-3` … that no document uses. */
function freeId(id: string, taken: ReadonlySet<string>): string {
  let n = 2;
  while (taken.has(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}

interface ExistingDocument {
  id: string;
  fileName?: string;
  sha256?: string;
}

/** documents.yaml as written (its text) and the entries it holds, read leniently. */
function readRegistry(path: string): { text: string; documents: ExistingDocument[] } {
  if (!existsSync(path)) throw new Refusal(`${displayPath(path)} not found: is --seed-dir a seed data directory?`);
  const text = readFileSync(path, "utf8");
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0].line;
    throw new Refusal(
      `${displayPath(path)}${line ? `:${line}` : ""}: cannot be read as YAML (${error.message.split("\n")[0]}): fix it first`,
    );
  }
  const data: unknown = document.toJS();
  if (data !== null && !Array.isArray(data)) throw new Refusal(`${displayPath(path)}: expected a list of documents`);
  const documents = ((data ?? []) as Record<string, unknown>[]).flatMap((entry) =>
    typeof entry?.id === "string"
      ? [
          {
            id: entry.id,
            ...(typeof entry.fileName === "string" ? { fileName: entry.fileName } : {}),
            ...(typeof entry.sha256 === "string" ? { sha256: entry.sha256 } : {}),
          },
        ]
      : [],
  );
  return { text, documents };
}

/** The document's text, refusing a missing file, a directory, an empty file, bytes that are not UTF-8 text. */
function readText(file: string): string {
  if (!existsSync(file)) throw new Refusal(`${file}: no such file`);
  if (!statSync(file).isFile()) throw new Refusal(`${file}: not a file`);
  const decoded = decodeUtf8(readFileSync(file));
  if (!("text" in decoded)) {
    const byte = `0x${decoded.byte.toString(16).toUpperCase().padStart(2, "0")}`;
    throw new Refusal(
      `${file}:${decoded.line}: not UTF-8 text (byte ${byte} at column ${decoded.column}): save the document as UTF-8 plain text`,
    );
  }
  const nul = decoded.text.indexOf("\u0000");
  if (nul >= 0) {
    const line = decoded.text.slice(0, nul).split("\n").length;
    throw new Refusal(
      `${file}:${line}: holds a NUL character, so it is not a text file: save the document as plain text`,
    );
  }
  if (decoded.text.trim() === "") throw new Refusal(`${file}: is empty; there is nothing to curate`);
  return decoded.text;
}

const MONTHS = monthNames.map((name) => name.toLowerCase());
// "May 9, 2031", "Sept. 12, 2031", "March 2031"; the abbreviations newsrooms use.
const WRITTEN_DATE = new RegExp(
  `\\b(${monthNames.map((name) => `${name}|${name.slice(0, 3)}\\.?`).join("|")}|Sept\\.?)\\s+(?:(\\d{1,2}),?\\s+)?(\\d{4})\\b`,
  "g",
);
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

interface StatedDate {
  /** `YYYY-MM-DD` or `YYYY-MM`, sortable. */
  date: string;
  words: string;
  line: number;
}

/** Every calendar date the text states with at least a month and a year. */
function statedDates(text: string): StatedDate[] {
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  const found: StatedDate[] = [];
  for (const match of text.matchAll(WRITTEN_DATE)) {
    const [words, monthWord = "", day, year = ""] = match;
    const prefix = monthWord.replace(".", "").toLowerCase().slice(0, 3);
    const month = MONTHS.findIndex((name) => name.startsWith(prefix)) + 1;
    if (month === 0) continue;
    const mm = String(month).padStart(2, "0");
    found.push({
      date: day ? `${year}-${mm}-${day.padStart(2, "0")}` : `${year}-${mm}`,
      words,
      line: lineOf(match.index),
    });
  }
  for (const match of text.matchAll(ISO_DATE)) {
    found.push({ date: match[0], words: match[0], line: lineOf(match.index) });
  }
  return found;
}

/** A first line reads as a headline: short, several words, not ending like a sentence of the body. */
function headlineOf(text: string): { title: string; line: number } | undefined {
  const lines = text.split("\n");
  const index = lines.findIndex((line) => line.trim() !== "");
  const first = lines[index]?.trim() ?? "";
  const words = first.split(/\s+/).length;
  const looksLikeHeadline = first.length <= 160 && words >= 3 && !/[.,;:]$/.test(first) && !/^by\s/i.test(first);
  return looksLikeHeadline ? { title: first, line: index + 1 } : undefined;
}

/** A byline (`By Jane Doe and Sam Roe`) in the first lines, as the names it gives. */
function bylineOf(text: string): string[] {
  const line = text
    .split("\n")
    .slice(0, 6)
    .find((candidate) => /^\s*by\s+\p{Lu}/iu.test(candidate));
  if (!line) return [];
  return line
    .replace(/^\s*by\s+/i, "")
    .split(/,\s*|\s+and\s+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** The new documents.yaml entry, inferring what the README's rules allow and marking the rest TODO. */
function entryFor(id: string, fileName: string, text: string): { entry: Record<string, unknown>; inferred: string[] } {
  const inferred: string[] = [];
  const headline = headlineOf(text);
  if (headline) inferred.push(`title: the first line (line ${headline.line}) reads as a headline, so it is STATED`);
  const dates = statedDates(text).sort((a, b) => a.date.localeCompare(b.date));
  const latest = dates.at(-1);
  let published: Record<string, unknown>;
  if (latest) {
    const month = latest.date.slice(0, 7);
    published = {
      start: month,
      end: month,
      inferred: true,
      basis: `TODO: confirm or correct this candidate: the latest date the text states is "${latest.words}" (line ${latest.line}), so it dates from ${month} at the earliest; if that is the publication date, say so (and give the day)`,
    };
    inferred.push(
      `published: ${month}, a candidate from the latest date stated, "${latest.words}" (line ${latest.line})`,
    );
  } else {
    published = {
      start: 'TODO: the publication date, "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
      end: "TODO: the same date, or the end of the range it may lie in",
      inferred: true,
      basis: "TODO: say how the date was worked out (or set inferred: false when the document prints it)",
    };
  }
  const byline = bylineOf(text);
  const entry: Record<string, unknown> = {
    id,
    fileName,
    title: headline?.title ?? "TODO: a title in Fentrace's own words (the text has no headline line)",
    titleSource: headline ? "STATED" : "ASSIGNED",
    outlet: {
      name: "TODO: the outlet's name as the document gives it",
      basis: "TODO: where the outlet is stated, or how it was inferred",
    },
    authors: byline.map((name) => `TODO: the person id of ${name} (from the byline; add them to people.yaml)`),
    published,
    summary: "TODO: one or two sentences, in Fentrace's own words, on what the document reports",
    sha256: createHash("sha256").update(text, "utf8").digest("hex"),
    length: text.length,
  };
  if (byline.length > 0) inferred.push(`authors: ${byline.length} from the byline, to give person ids`);
  return { entry, inferred };
}

/** Where the build will look for the file, and what to set if it would not find it there. */
function whereTheBuildLooks(file: string): string {
  const location = sourcesDir();
  const fileDir = realpathSync(dirname(file));
  const dirs = "dir" in location ? splitSourcesDirs(location.dir) : [];
  const found = dirs.find((dir) => existsSync(dir) && realpathSync(dir) === fileDir);
  if (found) return `The build will read the text from ${found}.`;
  const current = process.env.FENTRACE_SOURCES_DIR;
  const list = [...(current ? splitSourcesDirs(current) : dirs), fileDir].join(delimiter);
  const looks =
    "dir" in location
      ? `looks for source documents in ${dirs.join(delimiter)}`
      : `finds no sources (${location.reason})`;
  return `The build ${looks}, not in ${fileDir}: keep the text where it is and set\n  export FENTRACE_SOURCES_DIR=${list}\n(directories separated by "${delimiter}"), or copy ${basename(file)} into the sources directory.`;
}

async function add(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    console.error(`curate add: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { file, id, seedDir } = parsed;
  const registryPath = join(seedDir, SEED_FILES.documents.path);
  const registry = readRegistry(registryPath);
  const ids = new Set(registry.documents.map((document) => document.id));

  if (!DOCUMENT_ID.test(id)) {
    const suggestion = kebabCase(id);
    const hint = suggestion && !ids.has(suggestion) ? `: did you mean --id ${suggestion}?` : "";
    throw new Refusal(`--id "${id}": a document id is lower-case letters and digits joined by single hyphens${hint}`);
  }
  if (ids.has(id)) {
    throw new Refusal(
      `--id "${id}": already taken in ${displayPath(registryPath)}; choose another, e.g. --id ${freeId(id, ids)}`,
    );
  }
  const text = readText(file);
  const sha256 = createHash("sha256").update(text, "utf8").digest("hex");
  const same = registry.documents.find((document) => document.sha256 === sha256);
  if (same) throw new Refusal(`${file}: already registered as document '${same.id}' (same SHA-256 ${sha256})`);
  const fileName = basename(file);
  const sameName = registry.documents.find((document) => document.fileName === fileName);
  if (sameName) {
    throw new Refusal(
      `${file}: document '${sameName.id}' already uses the file name ${fileName} (with other contents); rename the file`,
    );
  }

  const { entry, inferred } = entryFor(id, fileName, text);
  const item = new Document([entry]);
  // Partial dates are quoted (seed/README.md), so that YAML never reads a year as a number.
  visit(item, {
    Scalar(_, node) {
      if (typeof node.value === "string" && /^\d{4}(-\d{2}){0,2}$/.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  if (isSeq(item.contents)) {
    item.contents.commentBefore = ` Added by \`pnpm curate add\`: resolve every TODO (\`pnpm curate check ${id}\` lists them).`;
  }
  const separator =
    registry.text === "" || registry.text.endsWith("\n\n") ? "" : registry.text.endsWith("\n") ? "\n" : "\n\n";
  const updated = `${registry.text}${separator}${item.toString({ lineWidth: 100 })}`;
  // The appended entry must read back as one more document with this id, the others untouched.
  const reread: unknown = parseDocument(updated).toJS();
  const count = Array.isArray(reread) ? reread.length : -1;
  const last = Array.isArray(reread) ? (reread.at(-1) as { id?: unknown }) : undefined;
  if (count !== registry.documents.length + 1 || last?.id !== id) {
    throw new Error(
      `curate add: appending to ${displayPath(registryPath)} would not give one more document; nothing written`,
    );
  }
  writeFileAtomic(registryPath, updated);

  const lineCounter = new LineCounter();
  const todos = findTodos(parseDocument(updated, { lineCounter }), lineCounter)
    .filter((todo) => todo.path[0] === count - 1)
    .map((todo) => `  ${displayPath(registryPath)}:${todo.line}: ${fieldPath(todo.path.slice(1))}: ${todo.text}`);
  console.log(
    [
      `Added document '${id}' to ${displayPath(registryPath)}: ${fileName}, ${text.length} characters (UTF-16 code units), SHA-256 ${sha256}.`,
      ...(inferred.length > 0 ? ["Inferred:", ...inferred.map((line) => `  ${line}`)] : []),
      `To fill in (${todos.length}):`,
      ...todos,
      whereTheBuildLooks(file),
      "Next:",
      `  pnpm curate propose ${file} --id ${id}   (writes ${displayPath(join(seedDir, "drafts", `${id}.yaml`))})`,
      `  pnpm curate check ${id}   (lists what is left, with file and line)`,
    ].join("\n"),
  );
  return 0;
}

function parseOptions(args: readonly string[]): { file: string; id: string; seedDir: string } {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { id: { type: "string" }, "seed-dir": { type: "string" } },
  });
  if (positionals.length !== 1) throw new Error(`expected one file, got ${positionals.length}`);
  if (!values.id) throw new Error("--id <document-id> is required");
  return {
    file: resolve(positionals[0] ?? ""),
    id: values.id,
    seedDir: values["seed-dir"] ? resolve(values["seed-dir"]) : seedDataDir,
  };
}

/** Runs `curate add` and returns the exit code: 0 added, 1 refused (nothing written), 2 bad usage. */
export async function run(args: readonly string[]): Promise<number> {
  try {
    return await add(args);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    console.error(`curate add: ${error.message}\nNothing was written.`);
    return 1;
  }
}
