/**
 * Reads the YAML files of a seed data directory and checks each record's shape against
 * schema.ts. A bad record is reported and skipped; the rest are returned with their origin, so
 * one pass finds every problem.
 *
 * Hostile or broken input is reported in the same `file › record › field: reason` form rather
 * than let through or thrown: bytes that are not UTF-8, strings holding control or bidirectional
 * characters (characters.ts), and YAML aliases that expand without bound ("billion laughs").
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { decodeUtf8, findUnsafeStrings } from "./characters.js";
import { listDataFiles } from "./data-files.js";
import { displayPath } from "./paths.js";
import type { ProblemList, RecordOrigin } from "./problems.js";
import * as schema from "./schema.js";
import { FIGURES_DIR, SEED_FILES } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { DRAFTS_DIR, findTodos, mayHoldTodos, type Todo, todoReason } from "./todos.js";

/** A validated record and where it was written. */
export interface Located<T> extends RecordOrigin {
  record: T;
}

/** A record that failed its shape check, kept so that references to its id do not cascade into more errors. */
export interface RejectedRecord extends RecordOrigin {
  collection: Collection;
  /** Its id (or key, for metrics and units), when it has one. */
  id: string | undefined;
}

/** Every record of a seed data directory that has a valid shape, and the ids of those that have not. */
export interface SeedRecords {
  dataset: Located<schema.Dataset> | undefined;
  documents: Located<schema.Document>[];
  metrics: Located<schema.Metric>[];
  units: Located<schema.Unit>[];
  organisations: Located<schema.Organisation>[];
  people: Located<schema.Person>[];
  places: Located<schema.Place>[];
  substances: Located<schema.Substance>[];
  operations: Located<schema.Operation>[];
  events: Located<schema.Event>[];
  cases: Located<schema.LegalCase>[];
  claims: Located<schema.Claim>[];
  relations: Located<schema.FigureRelation>[];
  figures: Located<schema.Figure>[];
  quotes: Located<schema.Quote>[];
  exclusions: Located<schema.Exclusion>[];
  rejected: RejectedRecord[];
}

/** The name of a list of records. */
export type Collection = Exclude<keyof SeedRecords, "dataset" | "rejected">;

const FILE_LEVEL = "(file)";
const REQUIRED_FILES: readonly string[] = [SEED_FILES.dataset.path, SEED_FILES.documents.path];
const isFigureFile = (path: string) =>
  path.startsWith(`${FIGURES_DIR}/`) && path.endsWith(".yaml") && !path.slice(FIGURES_DIR.length + 1).includes("/");
/** A draft of `pnpm curate propose`: `drafts/<document-id>.yaml`, a mapping of document, figures and exclusions. */
const isDraftFile = (path: string) =>
  path.startsWith(`${DRAFTS_DIR}/`) && path.endsWith(".yaml") && !path.slice(DRAFTS_DIR.length + 1).includes("/");
const DRAFT_KEYS = ["document", "figures", "exclusions"];

/** `defendants[0].evidence.text` from a zod path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((joined, segment) => {
    if (typeof segment === "number") return `${joined}[${segment}]`;
    return joined ? `${joined}.${String(segment)}` : String(segment);
  }, "");
}

function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

/** Zod's default messages are terse; say what was expected and what was found instead. */
function issueReason(issue: z.core.$ZodIssue): string {
  const customised = !/^(Invalid|Too (big|small))/.test(issue.message);
  if (customised) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "required" : `expected ${issue.expected}, got ${describe(issue.input)}`;
    case "invalid_value": {
      const suggestion = typeof issue.input === "string" ? didYouMean(issue.input, issue.values.map(String)) : "";
      return `expected one of ${issue.values.join(", ")}; got ${describe(issue.input)}${suggestion}`;
    }
    case "too_big":
      return issue.origin === "string" && typeof issue.input === "string"
        ? `at most ${issue.maximum} characters (this one has ${issue.input.length})`
        : `must be at most ${issue.maximum}`;
    case "too_small":
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case "invalid_format":
      return `expected a valid ${issue.format}; got ${describe(issue.input)}`;
    default:
      return issue.message;
  }
}

function reportIssues(issues: readonly z.core.$ZodIssue[], origin: RecordOrigin, problems: ProblemList): void {
  for (const issue of issues) {
    const [unknownKey] = issue.code === "unrecognized_keys" && issue.keys.length === 1 ? issue.keys : [];
    const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
    problems.add(origin, fieldPath(path), issueReason(issue));
  }
}

/**
 * How many aliases a file may resolve (the yaml library's own guard, whose default this is). The
 * curated data uses a handful; a file of nested aliases that would expand to gigabytes
 * ("billion laughs") stops at this and is reported.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one file. Where placeholders are allowed (todos.ts), the unresolved ones are pushed onto
 * `todos` with their lines; the caller reports them per record.
 */
function readYaml(seedDir: string, path: string, problems: ProblemList, todos?: Todo[]): unknown {
  const file = displayPath(join(seedDir, path));
  const decoded = decodeUtf8(readFileSync(join(seedDir, path)));
  if (!("text" in decoded)) {
    const byte = `0x${decoded.byte.toString(16).toUpperCase().padStart(2, "0")}`;
    problems.add(
      { file, recordId: `line ${decoded.line}` },
      "",
      `not valid UTF-8 (byte ${byte} at column ${decoded.column}): save the file as UTF-8`,
    );
    return undefined;
  }
  try {
    const lineCounter = new LineCounter();
    const document = parseDocument(decoded.text, { prettyErrors: true, lineCounter });
    for (const error of document.errors) {
      const line = error.linePos?.[0].line;
      problems.add(
        { file, recordId: line === undefined ? FILE_LEVEL : `line ${line}` },
        "",
        error.message.split("\n")[0] ?? error.message,
      );
    }
    if (document.errors.length > 0) return undefined;
    if (todos && mayHoldTodos(path)) todos.push(...findTodos(document, lineCounter));
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library throws (rather than reporting in document.errors) when aliases expand too far.
    const message = (error as Error).message;
    const reason = /alias count/i.test(message)
      ? `its YAML aliases expand too far (past the yaml library's maxAliasCount of ${MAX_ALIAS_COUNT}, its guard against "billion laughs" expansion): write the values out instead of aliasing them`
      : `cannot be read as YAML: ${message}`;
    problems.add({ file, recordId: FILE_LEVEL }, "", reason);
    return undefined;
  }
}

/** Reports every string of a record (or of its field names) that holds a character the data must not hold. */
function reportUnsafeStrings(item: unknown, origin: RecordOrigin, problems: ProblemList): void {
  findUnsafeStrings(item, (path, reason) => problems.add(origin, fieldPath(path), reason));
}

/** The record's id or key, else its 1-based position as `#n` (ids never start with `#`). */
function recordIdOf(item: unknown, index: number): string {
  if (typeof item === "object" && item !== null) {
    const { id, key } = item as { id?: unknown; key?: unknown };
    if (typeof id === "string" && id) return id;
    if (typeof key === "string" && key) return key;
  }
  return `#${index + 1}`;
}

function readList<S extends z.ZodType>(
  seedDir: string,
  path: string,
  recordSchema: S,
  collection: Collection,
  problems: ProblemList,
  rejected: RejectedRecord[],
): Located<z.output<S>>[] {
  if (!existsSync(join(seedDir, path))) return [];
  const file = displayPath(join(seedDir, path));
  const todos: Todo[] = [];
  const data = readYaml(seedDir, path, problems, todos);
  if (data === undefined || data === null) return [];
  if (!Array.isArray(data)) {
    problems.add({ file, recordId: FILE_LEVEL }, "", "expected a list of records");
    return [];
  }
  return readRecords(data, file, recordSchema, collection, problems, rejected, todos);
}

/**
 * Shape-checks a list of records read from `file`. `todos` are the file's placeholders with paths
 * relative to the list; each is reported on its record (analyseSeed then drops the problems they
 * cause further on, such as a TODO where a number or a known id belongs).
 */
function readRecords<S extends z.ZodType>(
  data: readonly unknown[],
  file: string,
  recordSchema: S,
  collection: Collection,
  problems: ProblemList,
  rejected: RejectedRecord[],
  todos: readonly Todo[],
): Located<z.output<S>>[] {
  const located: Located<z.output<S>>[] = [];
  data.forEach((item: unknown, index) => {
    const origin = { file, recordId: recordIdOf(item, index) };
    for (const todo of todos.filter((todo) => todo.path[0] === index)) {
      problems.add(origin, fieldPath(todo.path.slice(1)), todoReason(todo.text), todo.line);
    }
    reportUnsafeStrings(item, origin, problems);
    const result = recordSchema.safeParse(item, { reportInput: true });
    if (result.success) {
      located.push({ ...origin, record: result.data });
      return;
    }
    reportIssues(result.error.issues, origin, problems);
    rejected.push({ ...origin, collection, id: origin.recordId.startsWith("#") ? undefined : origin.recordId });
  });
  return located;
}

function readDataset(seedDir: string, problems: ProblemList): Located<schema.Dataset> | undefined {
  const path = SEED_FILES.dataset.path;
  if (!existsSync(join(seedDir, path))) return undefined;
  const origin = { file: displayPath(join(seedDir, path)), recordId: "dataset" };
  const data = readYaml(seedDir, path, problems);
  if (data === undefined) return undefined;
  reportUnsafeStrings(data, origin, problems);
  const result = schema.Dataset.safeParse(data, { reportInput: true });
  if (result.success) return { ...origin, record: result.data };
  reportIssues(result.error.issues, origin, problems);
  return undefined;
}

interface DraftRecords {
  figures: Located<schema.Figure>[];
  exclusions: Located<schema.Exclusion>[];
}

/**
 * Reads one draft: `document: <id>` (its file name), `figures: [...]` and `exclusions: [...]`, each
 * record in the format of figures/*.yaml and exclusions.yaml, and loaded like them.
 */
function readDraft(seedDir: string, path: string, problems: ProblemList, rejected: RejectedRecord[]): DraftRecords {
  const file = displayPath(join(seedDir, path));
  const todos: Todo[] = [];
  const data = readYaml(seedDir, path, problems, todos);
  const empty: DraftRecords = { figures: [], exclusions: [] };
  if (data === undefined || data === null) return empty;
  const fileLevel = { file, recordId: FILE_LEVEL };
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.add(
      fileLevel,
      "",
      "expected a mapping of document, figures and exclusions (a draft of `pnpm curate propose`)",
    );
    return empty;
  }
  const draft = data as Record<string, unknown>;
  for (const key of Object.keys(draft).filter((key) => !DRAFT_KEYS.includes(key))) {
    problems.add(fileLevel, key, `unknown field${didYouMean(key, DRAFT_KEYS)}; a draft holds ${DRAFT_KEYS.join(", ")}`);
  }
  const documentId = path.slice(DRAFTS_DIR.length + 1, -".yaml".length);
  if (draft.document !== documentId) {
    problems.add(
      fileLevel,
      "document",
      `expected '${documentId}' (the draft's file name); got ${describe(draft.document)}`,
    );
  }
  const listOf = <S extends z.ZodType>(key: "figures" | "exclusions", recordSchema: S, collection: Collection) => {
    const items = draft[key] ?? [];
    if (!Array.isArray(items)) {
      problems.add(fileLevel, key, "expected a list of records");
      return [];
    }
    const inList = todos.filter((todo) => todo.path[0] === key).map((todo) => ({ ...todo, path: todo.path.slice(1) }));
    return readRecords(items, file, recordSchema, collection, problems, rejected, inList);
  };
  for (const todo of todos.filter((todo) => !DRAFT_KEYS.slice(1).includes(String(todo.path[0])))) {
    problems.add(fileLevel, fieldPath(todo.path), todoReason(todo.text), todo.line);
  }
  return {
    figures: listOf("figures", schema.Figure, "figures"),
    exclusions: listOf("exclusions", schema.Exclusion, "exclusions"),
  };
}

/** Reads every data file under `seedDir`, reporting missing, unexpected and malformed ones. */
export function readSeedRecords(seedDir: string, problems: ProblemList): SeedRecords {
  const files = existsSync(seedDir) ? listDataFiles(seedDir) : [];
  const known = new Set<string>(Object.values(SEED_FILES).map((entry) => entry.path));
  for (const path of REQUIRED_FILES) {
    if (!files.includes(path))
      problems.add(
        { file: displayPath(join(seedDir, path)), recordId: FILE_LEVEL },
        "",
        "missing: this file is required",
      );
  }
  for (const path of files) {
    if (!known.has(path) && !isFigureFile(path) && !isDraftFile(path)) {
      const reason = `unexpected file; seed/data holds only the files listed in seed/README.md${didYouMean(path, known)}`;
      problems.add({ file: displayPath(join(seedDir, path)), recordId: FILE_LEVEL }, "", reason);
    }
  }
  const rejected: RejectedRecord[] = [];
  const list = <S extends z.ZodType>(entry: { path: string; schema: S }, collection: Collection) =>
    readList(seedDir, entry.path, entry.schema, collection, problems, rejected);
  // In file order, as before drafts existed, so problems are listed in the same order.
  const dataset = readDataset(seedDir, problems);
  const documents = list(SEED_FILES.documents, "documents");
  const drafts = files.filter(isDraftFile).map((path) => readDraft(seedDir, path, problems, rejected));
  return {
    dataset,
    documents,
    metrics: list(SEED_FILES.metrics, "metrics"),
    units: list(SEED_FILES.units, "units"),
    organisations: list(SEED_FILES.organisations, "organisations"),
    people: list(SEED_FILES.people, "people"),
    places: list(SEED_FILES.places, "places"),
    substances: list(SEED_FILES.substances, "substances"),
    operations: list(SEED_FILES.operations, "operations"),
    events: list(SEED_FILES.events, "events"),
    cases: list(SEED_FILES.cases, "cases"),
    claims: list(SEED_FILES.claims, "claims"),
    relations: list(SEED_FILES.relations, "relations"),
    figures: files
      .filter(isFigureFile)
      .flatMap((path) => readList(seedDir, path, schema.Figure, "figures", problems, rejected))
      .concat(drafts.flatMap((draft) => draft.figures)),
    quotes: list(SEED_FILES.quotes, "quotes"),
    exclusions: list(SEED_FILES.exclusions, "exclusions").concat(drafts.flatMap((draft) => draft.exclusions)),
    rejected,
  };
}
