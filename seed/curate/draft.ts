/**
 * Writes the draft of `curate propose`: `<seed-dir>/drafts/<document-id>.yaml`, a mapping of
 * `document`, `figures` (records in the format of seed/data/figures/*.yaml) and `exclusions`
 * (the format of exclusions.yaml). Every field the proposer is unsure of is a string starting
 * with `TODO`, followed by the alternatives; the build refuses the draft until none is left.
 * The file is written to a temporary name and renamed, so a failed run leaves nothing half-written.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { writeFileAtomic } from "../atomic-write.js";
import { oneLine } from "../text.js";
import { FIGURE_KINDS } from "./propose/read-mention.js";
import type { Candidate } from "./propose.js";

/** What writeDraft did. */
export interface DraftOutcome {
  path: string;
  written: boolean;
  figures: number;
  exclusions: number;
  todos: number;
}

const TODO = "TODO";

function metricField(candidate: Candidate): string {
  const choices = [candidate.metric, ...candidate.metricAlternatives]
    .filter((match) => match !== null)
    .map((match) => `${match.key} (${match.score.toFixed(2)})`);
  return `${TODO}: ${[...choices, "new metric"].join(" | ")}`;
}

function figureRecord(candidate: Candidate, documentId: string, index: number): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: `fig-${documentId}-${index}`,
    metric: metricField(candidate),
    label: `${TODO}: say what is counted, where and when (the sentence is in the comment above)`,
  };
  if (candidate.value !== null) record.value = candidate.value;
  if (candidate.valueHigh !== null) record.valueHigh = candidate.valueHigh;
  if (candidate.scale !== null) record.scale = candidate.scale;
  record.qualifier = candidate.qualifier;
  record.unit =
    candidate.unit ?? `${TODO}: the unit key (seed/data/units.yaml) of "${candidate.unitText ?? "?"}" | new unit`;
  record.unitText = candidate.unitText ?? `${TODO}: the words that name what is counted`;
  record.stated = candidate.mark.text;
  if (candidate.qualifier === "VAGUE")
    record.note = `${TODO}: say how the words are read (e.g. '${candidate.mark.text}: an order of magnitude')`;
  const { words, resolved } = candidate.period;
  if (resolved) {
    record.period = {
      start: resolved.start,
      end: resolved.end,
      ...(words[0] ? { stated: words[0].text } : {}),
      ...(resolved.inferred ? { inferred: true, basis: `${TODO}: confirm: ${resolved.basis}` } : {}),
    };
  } else if (words[0]) {
    record.period = {
      start: `${TODO}: the first day, month or year "${words[0].text}" covers`,
      end: `${TODO}: the last day, month or year "${words[0].text}" covers`,
      stated: words[0].text,
      inferred: true,
      basis: `${TODO}: how "${words[0].text}" resolves`,
    };
  }
  if (candidate.place) record.place = candidate.place.id;
  const subjects: Record<string, string[]> = {};
  const roles = { organisation: "actor", substance: "substance", operation: "operation" } as const;
  for (const entity of candidate.entities) {
    if (entity.kind === "place" || entity.kind === "person") continue;
    const role = roles[entity.kind];
    const ids = subjects[role] ?? [];
    if (!ids.includes(entity.id)) subjects[role] = [...ids, entity.id];
  }
  if (Object.keys(subjects).length > 0) record.subjects = subjects;
  record.evidence = { document: documentId, start: candidate.evidence.start, text: candidate.evidence.text };
  return record;
}

function exclusionRecord(candidate: Candidate, documentId: string, index: number): Record<string, unknown> {
  const why =
    candidate.kind === "excluded-looking"
      ? `${candidate.excludedBecause} | a figure after all (record it in figures)`
      : `a ${candidate.kind} outside every proposed figure's evidence: say why it states no figure | mark it as a figure's period`;
  return {
    id: `excl-${documentId}-${index}`,
    reason: `${TODO}: ${why}`,
    evidence: { document: documentId, start: candidate.mark.start, text: candidate.mark.text },
  };
}

/** Counts the TODO strings in a record. */
function countTodos(value: unknown): number {
  if (typeof value === "string") return value.startsWith(TODO) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countTodos(item), 0);
  if (value && typeof value === "object")
    return Object.values(value).reduce((sum: number, item) => sum + countTodos(item), 0);
  return 0;
}

/** One list item with the sentence as a comment above it. */
function item(record: Record<string, unknown>, sentence: string): string {
  return `# ${oneLine(sentence, 200)}\n${stringify([record], { lineWidth: 0 })}`;
}

/** Writes the draft for the candidates; refuses to replace an existing one unless `force`. */
export function writeDraft(options: {
  seedDir: string;
  documentId: string;
  text: string;
  candidates: readonly Candidate[];
  force: boolean;
}): DraftOutcome {
  const { seedDir, documentId, candidates } = options;
  const dir = join(seedDir, "drafts");
  const path = join(dir, `${documentId}.yaml`);
  if (existsSync(path) && !options.force) return { path, written: false, figures: 0, exclusions: 0, todos: 0 };

  const figures = candidates.filter((candidate) => FIGURE_KINDS.has(candidate.kind));
  // Dates inside a figure's evidence are its period words; the others need an exclusion or a figure.
  const inFigureEvidence = (candidate: Candidate) =>
    figures.some(
      (figure) => figure.evidence.start <= candidate.mark.start && candidate.mark.end <= figure.evidence.end,
    );
  const exclusions = candidates.filter(
    (candidate) =>
      !FIGURE_KINDS.has(candidate.kind) && (candidate.kind === "excluded-looking" || !inFigureEvidence(candidate)),
  );
  const figureRecords = figures.map((candidate, index) => figureRecord(candidate, documentId, index + 1));
  const exclusionRecords = exclusions.map((candidate, index) => exclusionRecord(candidate, documentId, index + 1));
  const header = [
    `# Draft proposed by \`pnpm curate propose\` for document ${documentId}.`,
    "# Resolve every TODO (choose one alternative, or write the value), then run `pnpm curate check`.",
    "# The build refuses this file while any string here starts with TODO.",
    `document: ${documentId}`,
  ].join("\n");
  const body = [
    header,
    figureRecords.length ? "figures:" : "figures: []",
    ...figureRecords.map((record, index) => item(record, figures[index]!.evidence.text)),
    exclusionRecords.length ? "exclusions:" : "exclusions: []",
    ...exclusionRecords.map((record, index) => item(record, exclusions[index]!.evidence.text)),
  ].join("\n");
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path, `${body.trimEnd()}\n`);
  const todos = countTodos(figureRecords) + countTodos(exclusionRecords);
  return { path, written: true, figures: figureRecords.length, exclusions: exclusionRecords.length, todos };
}
