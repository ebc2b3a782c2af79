/**
 * `pnpm seed:locate [--check] [--seed-dir DIR] [file …]`
 *
 * Fills in `start:` for every evidence span (`{ document, text }`) in the seed data files that
 * lacks one, and corrects starts that do not match the document. Spans that occur more than once
 * need `occurrence: n` (1-based) and are otherwise reported and left alone; spans not found are
 * reported with the nearest match.
 *
 * Files are edited as text, inserting or replacing only the `start` value, so comments, quoting,
 * folding and flow style stay exactly as written. With `--check` nothing is written and the exit
 * code says whether anything would change.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isMap, isScalar, LineCounter, type Pair, parse, parseDocument, visit, type YAMLMap } from "yaml";
import { isMainModule, runCommand } from "../cli.js";
import { listDataFiles } from "../data-files.js";
import { readSourceTexts } from "../documents.js";
import { displayPath, seedDataDir } from "../paths.js";
import { occurrencesOf, oneLine } from "../text.js";

/** What happened to one evidence span. */
export type LocateOutcome =
  | { kind: "ok"; start: number }
  | { kind: "filled"; start: number }
  | { kind: "corrected"; from: number; start: number }
  | { kind: "ambiguous"; offsets: number[] }
  | { kind: "bad-occurrence"; occurrence: number; count: number }
  | { kind: "not-found"; hint: string }
  | { kind: "unknown-document" };

export interface LocateResult {
  /** 1-based line of the span in the YAML file. */
  line: number;
  /** Id of the record the span belongs to, when there is one. */
  owner: string | undefined;
  document: string;
  text: string;
  outcome: LocateOutcome;
}

/** An edit of the YAML source: replace `length` characters at `at` with `insert`. */
interface Edit {
  at: number;
  length: number;
  insert: string;
}

const NEEDS_ATTENTION = new Set<LocateOutcome["kind"]>([
  "ambiguous",
  "bad-occurrence",
  "not-found",
  "unknown-document",
]);
const CHANGES = new Set<LocateOutcome["kind"]>(["filled", "corrected"]);

/** Characters that are easily typed differently from the document: quotes, dashes, spaces. */
const LOOKALIKES: [RegExp, string][] = [
  [/['‘’′‛]/, "['‘’′‛]"],
  [/["“”″„]/, '["“”″„]'],
  [/[-–—‒−]/, "[-–—‒−]"],
];

/** A pattern matching `text` with any quote, dash or whitespace variant. */
function lookalikePattern(text: string): RegExp {
  let pattern = "";
  for (const part of text.split(/(\s+)/)) {
    if (/^\s+$/.test(part)) {
      pattern += String.raw`\s+`;
      continue;
    }
    for (const char of part) {
      const lookalike = LOOKALIKES.find(([test]) => test.test(char));
      pattern += lookalike ? lookalike[1] : char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(pattern, "g");
}

/** Explains why `text` is not in `documentText`, pointing at the closest thing that is. */
export function nearestMatchHint(documentText: string, text: string): string {
  const lookalikes = [...documentText.matchAll(lookalikePattern(text))];
  const [first] = lookalikes;
  if (first) {
    const where =
      lookalikes.length === 1
        ? `at offset ${first.index}`
        : `${lookalikes.length} times (first at offset ${first.index})`;
    return `it differs only in quotes, dashes or spacing from the document text ${where}, which reads: ${JSON.stringify(first[0])}`;
  }
  // The longest prefix of `text` that occurs in the document; `includes` is monotone in the prefix length.
  let [low, high] = [0, text.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (documentText.includes(text.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  if (low < 8) return "no close match";
  const at = documentText.indexOf(text.slice(0, low));
  const documentNext = documentText.slice(at + low, at + low + 25);
  const textNext = text.slice(low, low + 25);
  return `the first ${low} of ${text.length} characters match at offset ${at}; then the document has ${JSON.stringify(documentNext)} where the text has ${JSON.stringify(textNext)}`;
}

/** Decides the start of one span. */
function locate(
  documentText: string,
  text: string,
  start: number | undefined,
  occurrence: number | undefined,
): LocateOutcome {
  const offsets = occurrencesOf(documentText, text);
  if (offsets.length === 0) return { kind: "not-found", hint: nearestMatchHint(documentText, text) };
  const decide = (wanted: number): LocateOutcome =>
    start === wanted
      ? { kind: "ok", start }
      : start === undefined
        ? { kind: "filled", start: wanted }
        : { kind: "corrected", from: start, start: wanted };
  if (occurrence !== undefined) {
    const wanted = offsets[occurrence - 1];
    return wanted === undefined ? { kind: "bad-occurrence", occurrence, count: offsets.length } : decide(wanted);
  }
  // A correct start already tells the occurrences apart.
  if (start !== undefined && offsets.includes(start)) return { kind: "ok", start };
  const [only] = offsets;
  return offsets.length === 1 && only !== undefined ? decide(only) : { kind: "ambiguous", offsets };
}

function scalarValue(map: YAMLMap, key: string): unknown {
  const node = map.get(key, true);
  return isScalar(node) ? node.value : undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** Column of `offset` in `source` (0-based). */
function columnOf(source: string, offset: number): number {
  return offset - (source.lastIndexOf("\n", offset - 1) + 1);
}

/** The edit that sets `start: value` in `map`, keeping the key order document, start, text. */
function startEdit(source: string, map: YAMLMap, value: number): Edit | undefined {
  const existing = pairOf(map, "start");
  const range = existing && isScalar(existing.value) ? existing.value.range : undefined;
  if (existing && range) return { at: range[0], length: range[1] - range[0], insert: String(value) };

  const documentPair = pairOf(map, "document");
  const documentKey = documentPair?.key;
  const documentValue = documentPair?.value;
  if (!documentPair || !isScalar(documentKey) || !isScalar(documentValue) || !documentKey.range || !documentValue.range)
    return undefined;
  if (map.flow) return { at: documentValue.range[1], length: 0, insert: `, start: ${value}` };

  const indent = " ".repeat(columnOf(source, documentKey.range[0]));
  const next = map.items[map.items.indexOf(documentPair) + 1];
  if (next && isScalar(next.key) && next.key.range) {
    return { at: next.key.range[0], length: 0, insert: `start: ${value}\n${indent}` };
  }
  const lineEnd = source.indexOf("\n", documentValue.range[1]);
  return { at: lineEnd < 0 ? source.length : lineEnd, length: 0, insert: `\n${indent}start: ${value}` };
}

/**
 * Locates every evidence span in one YAML source. Returns the edited source (unchanged when
 * nothing needed fixing) and what happened to each span.
 */
export function locateInSource(
  source: string,
  texts: ReadonlyMap<string, string>,
): { output: string; results: LocateResult[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter });
  if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join("\n"));
  const results: LocateResult[] = [];
  const edits: Edit[] = [];

  visit(document, {
    Map(_key, map, path) {
      const [documentId, text] = [scalarValue(map, "document"), scalarValue(map, "text")];
      if (typeof documentId !== "string" || typeof text !== "string") return;
      const start = scalarValue(map, "start");
      const occurrence = scalarValue(map, "occurrence");
      const ownerMap = [...path].reverse().find((node) => isMap(node) && typeof scalarValue(node, "id") === "string");
      const owner = ownerMap && isMap(ownerMap) ? String(scalarValue(ownerMap, "id")) : undefined;
      const documentText = texts.get(documentId);
      const outcome: LocateOutcome =
        documentText === undefined
          ? { kind: "unknown-document" }
          : locate(
              documentText,
              text,
              typeof start === "number" ? start : undefined,
              typeof occurrence === "number" ? occurrence : undefined,
            );
      results.push({ line: lineCounter.linePos(map.range?.[0] ?? 0).line, owner, document: documentId, text, outcome });
      if (outcome.kind === "filled" || outcome.kind === "corrected") {
        const edit = startEdit(source, map, outcome.start);
        if (!edit) throw new Error(`cannot place start: in the span at line ${results.at(-1)?.line}`);
        edits.push(edit);
      }
    },
  });

  let output = source;
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    output = output.slice(0, edit.at) + edit.insert + output.slice(edit.at + edit.length);
  }
  // The edits are textual; never hand back a file they broke.
  if (output !== source && parseDocument(output).errors.length > 0)
    throw new Error("editing would break the YAML; add start: by hand");
  return { output, results };
}

function describe(outcome: LocateOutcome, dryRun: boolean): string {
  switch (outcome.kind) {
    case "ok":
      return `ok (start ${outcome.start})`;
    case "filled":
      return dryRun ? `no start; it would be ${outcome.start}` : `filled in start: ${outcome.start}`;
    case "corrected":
      return dryRun
        ? `wrong start ${outcome.from}; it would be ${outcome.start}`
        : `corrected start: ${outcome.from} → ${outcome.start}`;
    case "ambiguous":
      return `occurs ${outcome.offsets.length} times (offsets ${outcome.offsets.join(", ")}); add occurrence: n (1-based) or lengthen the text`;
    case "bad-occurrence":
      return `occurrence: ${outcome.occurrence}, but the text occurs only ${outcome.count} time(s)`;
    case "not-found":
      return `not found: ${outcome.hint}`;
    case "unknown-document":
      return "unknown document (not in documents.yaml)";
  }
}

/** Document ids and file names from documents.yaml, read leniently so a half-written file still works. */
function documentFiles(seedDir: string): { id: string; fileName: string }[] {
  const data: unknown = parse(readFileSync(join(seedDir, "documents.yaml"), "utf8"));
  if (!Array.isArray(data)) return [];
  return data.flatMap((item: { id?: unknown; fileName?: unknown }) =>
    typeof item?.id === "string" && typeof item.fileName === "string" ? [{ id: item.id, fileName: item.fileName }] : [],
  );
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { check: { type: "boolean", default: false }, "seed-dir": { type: "string" } },
  });
  const seedDir = values["seed-dir"] ? resolve(values["seed-dir"]) : seedDataDir;
  const sources = readSourceTexts(documentFiles(seedDir));
  if (!sources.available) {
    console.error(`[locate] ${sources.reason}`);
    return 2;
  }
  const files =
    positionals.length > 0
      ? positionals.map((file) => resolve(file))
      : listDataFiles(seedDir)
          .filter((file) => file.endsWith(".yaml"))
          .map((file) => join(seedDir, file));

  const tally = new Map<LocateOutcome["kind"], number>();
  let skippedFiles = 0;
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    let located: ReturnType<typeof locateInSource>;
    try {
      located = locateInSource(source, sources.texts);
    } catch (error) {
      console.error(`${displayPath(file)}: skipped: ${(error as Error).message}`);
      skippedFiles++;
      continue;
    }
    for (const result of located.results) {
      tally.set(result.outcome.kind, (tally.get(result.outcome.kind) ?? 0) + 1);
      if (result.outcome.kind === "ok") continue;
      const where = `${displayPath(file)}:${result.line}${result.owner ? ` ${result.owner}` : ""}`;
      console.log(
        `${where}: ${describe(result.outcome, values.check)}\n    ${result.document}: ${JSON.stringify(oneLine(result.text, 100))}`,
      );
    }
    if (located.output !== source && !values.check) writeFileSync(file, located.output);
  }
  const counts = [...tally].map(([kind, count]) => `${count} ${kind}`);
  if (skippedFiles > 0) counts.push(`${skippedFiles} file(s) skipped`);
  const changes = [...tally].some(([kind]) => CHANGES.has(kind));
  const problems = skippedFiles > 0 || [...tally].some(([kind]) => NEEDS_ATTENTION.has(kind));
  console.log(
    `[locate] ${counts.join(", ") || "no evidence spans found"}${values.check && changes ? " (--check: nothing written)" : ""}`,
  );
  return problems || (values.check && changes) ? 1 : 0;
}

if (isMainModule(import.meta.url)) runCommand(main);
