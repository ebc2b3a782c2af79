/**
 * Checks that need the source documents' texts: each document's SHA-256 and length, each
 * evidence span against the text at its offsets, and coverage (every numeric mention in a
 * document is either marked as a value or deliberately excluded; every entity mention is either
 * a recorded entity's name or alias, or deliberately excluded).
 */
import { createHash } from "node:crypto";
import type { Mention as MentionRow } from "../packages/api/src/generated/prisma/client.js";
import { findNumericMentions, type Mention } from "./coverage/mentions.js";
import { findNameMentions, type NameMention } from "./coverage/names.js";
import type { SeedAnalysis, SeedDataset } from "./load.js";
import type { SeedProblem } from "./problems.js";
import { occurrencesOf, oneLine } from "./text.js";

/** What the checks read: a loaded dataset, or the best-effort result of analysing an invalid one. */
type Checked = Pick<SeedDataset | SeedAnalysis, "rows" | "origins">;

/** How the numeric mentions of one document are covered. */
export interface CoverageRow {
  document: string;
  mentions: number;
  /** Mentions that lie inside marks (VALUE, PERIOD, DATE or AGE of any record). */
  coveredByMarks: number;
  /** Mentions that need an exclusion's span to be covered. */
  coveredByExclusions: number;
  uncovered: Mention[];
}

function problemAt(dataset: Checked, rowId: string, field: string, reason: string): SeedProblem {
  const origin = dataset.origins.get(rowId);
  const prefix = origin?.field ? `${origin.field}.` : "";
  return { file: origin?.file ?? "?", recordId: origin?.recordId ?? rowId, field: `${prefix}${field}`, reason };
}

/** Each document's SHA-256 (of its UTF-8 bytes) and length (UTF-16 code units) must match its text. */
export function verifyDocuments(dataset: Checked, texts: ReadonlyMap<string, string>): SeedProblem[] {
  const problems: SeedProblem[] = [];
  for (const document of dataset.rows.documents) {
    const text = texts.get(document.id);
    if (text === undefined) continue;
    const sha256 = createHash("sha256").update(text, "utf8").digest("hex");
    if (sha256 !== document.sha256) {
      problems.push(
        problemAt(
          dataset,
          document.id,
          "sha256",
          `is ${document.sha256}, but ${document.fileName} hashes to ${sha256}`,
        ),
      );
    }
    if (text.length !== document.length) {
      problems.push(
        problemAt(
          dataset,
          document.id,
          "length",
          `is ${document.length}, but ${document.fileName} has ${text.length} characters`,
        ),
      );
    }
  }
  return problems;
}

/** Shows where two strings first differ, with a little context. */
function firstDifference(expected: string, actual: string): string {
  let index = 0;
  while (index < expected.length && expected[index] === actual[index]) index++;
  const from = Math.max(0, index - 15);
  return `from character ${index} the span has ${JSON.stringify(oneLine(expected.slice(from, index + 25), 40))}, the document has ${JSON.stringify(oneLine(actual.slice(from, index + 25), 40))}`;
}

/** Each evidence span's text must equal the document's text at its offsets. */
export function verifyEvidence(dataset: Checked, texts: ReadonlyMap<string, string>): SeedProblem[] {
  const problems: SeedProblem[] = [];
  for (const evidence of dataset.rows.evidence) {
    const documentText = texts.get(evidence.documentId);
    if (documentText === undefined) continue;
    const actual = documentText.slice(evidence.start, evidence.end);
    if (actual === evidence.text) continue;
    const elsewhere = occurrencesOf(documentText, evidence.text);
    const hint =
      elsewhere.length > 0 ? `; the text occurs at offset ${elsewhere.join(", ")}: run \`pnpm seed:locate\`` : "";
    const reason = `does not match document '${evidence.documentId}' at offset ${evidence.start}: ${firstDifference(evidence.text, actual)}${hint}`;
    problems.push(problemAt(dataset, evidence.id, "text", reason));
  }
  return problems;
}

type Interval = readonly [start: number, end: number];

/** True when every character of [start, end) lies in the union of `intervals`. */
function coveredBy(start: number, end: number, intervals: readonly Interval[]): boolean {
  let position = start;
  let advanced = true;
  while (position < end && advanced) {
    advanced = false;
    for (const [from, to] of intervals) {
      if (from <= position && position < to) {
        position = to;
        advanced = true;
      }
    }
  }
  return position >= end;
}

/** The spans of a document's exclusions, which both coverage checks count after their own. */
function exclusionSpans(dataset: Checked): (documentId: string) => Interval[] {
  const exclusionEvidence = new Set(dataset.rows.exclusions.map((exclusion) => exclusion.evidenceId));
  return (documentId) =>
    dataset.rows.evidence
      .filter((evidence) => evidence.documentId === documentId && exclusionEvidence.has(evidence.id))
      .map((evidence) => [evidence.start, evidence.end]);
}

/**
 * Classifies every numeric mention of every document: inside marks, inside marks and exclusion
 * spans together, or uncovered (a figure, date or age that the data has not recorded yet).
 */
export function checkCoverage(dataset: Checked, texts: ReadonlyMap<string, string>): CoverageRow[] {
  const evidenceById = new Map(dataset.rows.evidence.map((evidence) => [evidence.id, evidence]));
  const exclusionsIn = exclusionSpans(dataset);
  return dataset.rows.documents.flatMap((document) => {
    const text = texts.get(document.id);
    if (text === undefined) return [];
    const marks: Interval[] = dataset.rows.evidenceMarks
      .filter((mark) => evidenceById.get(mark.evidenceId)?.documentId === document.id)
      .map((mark) => [mark.start, mark.end]);
    const exclusions = exclusionsIn(document.id);
    const row: CoverageRow = {
      document: document.id,
      mentions: 0,
      coveredByMarks: 0,
      coveredByExclusions: 0,
      uncovered: [],
    };
    for (const mention of findNumericMentions(text)) {
      row.mentions++;
      if (coveredBy(mention.start, mention.end, marks)) row.coveredByMarks++;
      else if (coveredBy(mention.start, mention.end, [...marks, ...exclusions])) row.coveredByExclusions++;
      else row.uncovered.push(mention);
    }
    return [row];
  });
}

/** Formats coverage rows as an aligned table with a total line (used by the report and the tests). */
export function formatCoverageTable(rows: CoverageRow[]): string {
  const header = ["document", "mentions", "by marks", "by exclusions", "uncovered"];
  const counts = (row: CoverageRow) => [
    row.mentions,
    row.coveredByMarks,
    row.coveredByExclusions,
    row.uncovered.length,
  ];
  const total = header.slice(1).map((_, column) => rows.reduce((sum, row) => sum + (counts(row)[column] ?? 0), 0));
  const lines = [
    header,
    ...rows.map((row) => [row.document, ...counts(row).map(String)]),
    ["total", ...total.map(String)],
  ];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column]?.length ?? 0)));
  return lines
    .map((line) =>
      line
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

/** How the entity mentions of one document (coverage/names.ts) are covered. */
export interface NameCoverageRow {
  document: string;
  mentions: number;
  /** Mentions whose every name word lies inside recorded entity mentions (names and aliases). */
  coveredByEntities: number;
  /** Mentions that need an exclusion's span to be covered. */
  coveredByExclusions: number;
  uncovered: NameMention[];
  /** Recorded entity mentions (Mention rows) in the document, by entity kind. */
  entityMentions: Partial<Record<MentionRow["entityKind"], number>>;
}

/**
 * Classifies every entity mention the name scanner finds in every document: covered by the
 * recorded entity mentions (dataset.rows.mentions, filled by resolveMentions), by those and
 * exclusion spans together, or uncovered (a name or an unnamed actor the data has not recorded).
 */
export function checkNameCoverage(dataset: Checked, texts: ReadonlyMap<string, string>): NameCoverageRow[] {
  const exclusionsIn = exclusionSpans(dataset);
  return dataset.rows.documents.flatMap((document) => {
    const text = texts.get(document.id);
    if (text === undefined) return [];
    const recorded = dataset.rows.mentions.filter((mention) => mention.documentId === document.id);
    const entities: Interval[] = recorded.map((mention) => [mention.start, mention.end]);
    const exclusions = exclusionsIn(document.id);
    const row: NameCoverageRow = {
      document: document.id,
      mentions: 0,
      coveredByEntities: 0,
      coveredByExclusions: 0,
      uncovered: [],
      entityMentions: {},
    };
    for (const mention of recorded) {
      row.entityMentions[mention.entityKind] = (row.entityMentions[mention.entityKind] ?? 0) + 1;
    }
    const all = [...entities, ...exclusions];
    for (const mention of findNameMentions(text)) {
      row.mentions++;
      if (mention.words.every((word) => coveredBy(word.start, word.end, entities))) row.coveredByEntities++;
      else if (mention.words.every((word) => coveredBy(word.start, word.end, all))) row.coveredByExclusions++;
      else row.uncovered.push(mention);
    }
    return [row];
  });
}

/** Formats rows as an aligned table, the first column left-aligned, with a total line. */
function alignedTable(header: string[], rows: { label: string; counts: number[] }[]): string {
  const total = header.slice(1).map((_, column) => rows.reduce((sum, row) => sum + (row.counts[column] ?? 0), 0));
  const lines = [header, ...rows.map((row) => [row.label, ...row.counts.map(String)]), ["total", ...total.map(String)]];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column]?.length ?? 0)));
  return lines
    .map((line) =>
      line
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

const ENTITY_KIND_COLUMNS: [MentionRow["entityKind"], string][] = [
  ["PERSON", "people"],
  ["ORGANISATION", "organisations"],
  ["PLACE", "places"],
  ["SUBSTANCE", "substances"],
  ["OPERATION", "operations"],
  ["EVENT", "events"],
  ["LEGAL_CASE", "cases"],
];

/** Formats entity coverage rows: scanned mentions and how they are covered, then recorded mentions by entity kind. */
export function formatNameCoverageTable(rows: NameCoverageRow[]): string {
  return alignedTable(
    [
      "document",
      "mentions",
      "by entities",
      "by exclusions",
      "uncovered",
      "recorded",
      ...ENTITY_KIND_COLUMNS.map(([, label]) => label),
    ],
    rows.map((row) => ({
      label: row.document,
      counts: [
        row.mentions,
        row.coveredByEntities,
        row.coveredByExclusions,
        row.uncovered.length,
        Object.values(row.entityMentions).reduce((sum, count) => sum + count, 0),
        ...ENTITY_KIND_COLUMNS.map(([kind]) => row.entityMentions[kind] ?? 0),
      ],
    })),
  );
}
