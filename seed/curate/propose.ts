/**
 * `pnpm curate propose <file> [--id <document-id>] [--json] [--force] [--seed-dir DIR]`
 *
 * Proposes a candidate record for every numeric mention the coverage scanner finds
 * (seed/coverage/mentions.ts): its kind, value, scale, qualifier and unit as the loader reads
 * them (seed/normalize.ts), the sentence or clause as evidence with the value mark inside it,
 * period words and the period they resolve to, the known entities named in the evidence and the
 * existing metric it reads most like. With --json the candidates are printed as a JSON array;
 * otherwise a draft in the seed's own format is written to <seed-dir>/drafts/<document-id>.yaml
 * (seed/curate/draft.ts), every uncertain field a `TODO` with its alternatives.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findNumericMentions } from "../coverage/mentions.js";
import { displayPath, seedDataDir } from "../paths.js";
import { ProblemList } from "../problems.js";
import { readSeedRecords } from "../read-data.js";
import { writeDraft } from "./draft.js";
import { loadKnowledge, unitReader } from "./propose/knowledge.js";
import { type EntityMatch, entitiesIn, MetricIndex, type MetricMatch } from "./propose/match.js";
import { type PeriodReading, readPeriod } from "./propose/period-words.js";
import { FIGURE_KINDS, type MentionReading, readMention } from "./propose/read-mention.js";
import { evidenceFor, type Span, sentenceSpans } from "./propose/spans.js";
import { findVaguePhrases, outletPromotion } from "./propose/vague.js";

export type { CandidateKind } from "./propose/read-mention.js";
export type { Span } from "./propose/spans.js";

/**
 * One proposed record for one numeric mention or vague-quantity phrase: the mention as read
 * (kind, value, scale, qualifier, unit, value mark) with its evidence, period and matches.
 */
export interface Candidate extends Omit<MentionReading, "consumedTo"> {
  /** True on a candidate read from a vague-quantity phrase ("a vast majority"), which is no numeric mention. */
  vaguePhrase?: true;
  /** The sentence or clause: offsets in UTF-16 code units into the document, end exclusive. */
  evidence: Span;
  /** The mention the scanner found. */
  mention: Span;
  /** Period words in the evidence and the period they resolve to. */
  period: PeriodReading;
  /** The first place named in the evidence. */
  place: EntityMatch | null;
  /** Every known entity named in the evidence. */
  entities: EntityMatch[];
  /** The best-matching existing metric, with its cosine score. */
  metric: MetricMatch | null;
  /** The next-best metrics. */
  metricAlternatives: MetricMatch[];
}

/** Proposes a candidate for every numeric mention of `text`. */
export function proposeCandidates(text: string, options: { seedDir: string; documentId?: string }): Candidate[] {
  const knowledge = loadKnowledge(options.seedDir, options.documentId);
  const unitOf = unitReader(knowledge);
  const metrics = new MetricIndex(knowledge.metrics, knowledge.figures);
  const sentences = sentenceSpans(text);
  const candidates: Candidate[] = [];
  let consumedTo = 0;
  for (const mention of findNumericMentions(text)) {
    if (mention.start < consumedTo) continue; // the upper end of a range already read
    const sentence = sentences.find((span) => span.start <= mention.start && mention.end <= span.end) ?? {
      start: mention.start,
      end: mention.end,
      text: mention.text,
    };
    const reading = inheritFromList(
      text,
      readMention(text, mention, sentence, unitOf),
      candidates.findLast((candidate) => FIGURE_KINDS.has(candidate.kind)),
      sentence,
    );
    consumedTo = reading.consumedTo;
    const promotion = FIGURE_KINDS.has(reading.kind)
      ? outletPromotion(sentence.text, knowledge.outletNames)
      : undefined;
    if (promotion) {
      Object.assign(reading, { kind: "excluded-looking", excludedBecause: promotion, value: null, valueHigh: null });
      Object.assign(reading, { scale: null, qualifier: "EXACT", qualifierText: null, unit: null, unitText: null });
    }
    const evidence = evidenceFor(text, sentences, reading.mark);
    const entities = entitiesIn(evidence, knowledge.entities);
    const [metric = null, ...metricAlternatives] = FIGURE_KINDS.has(reading.kind) ? metrics.best(evidence.text) : [];
    const { consumedTo: _consumed, ...read } = reading;
    candidates.push({
      ...read,
      evidence,
      mention: { start: mention.start, end: mention.end, text: mention.text },
      period: readPeriod(evidence, reading.mark, knowledge.published),
      place: entities.find((entity) => entity.kind === "place") ?? null,
      entities,
      metric,
      metricAlternatives,
    });
  }
  // Amounts stated without a number ("a vast majority", "enough to kill every …"): VAGUE figures.
  for (const phrase of findVaguePhrases(text)) {
    if (
      candidates.some((candidate) => phrase.mark.start < candidate.mark.end && candidate.mark.start < phrase.mark.end)
    )
      continue;
    const sentence = sentences.find((span) => span.start <= phrase.mark.start && phrase.mark.end <= span.end);
    if (sentence && outletPromotion(sentence.text, knowledge.outletNames)) continue;
    const evidence = evidenceFor(text, sentences, phrase.mark);
    const entities = entitiesIn(evidence, knowledge.entities);
    const [metric = null, ...metricAlternatives] = metrics.best(evidence.text);
    candidates.push({
      kind: "figure",
      vaguePhrase: true,
      value: null,
      valueHigh: null,
      scale: null,
      qualifier: "VAGUE",
      qualifierText: null,
      unitText: phrase.mark.text,
      unit: unitOf(phrase.unitWords) ?? null,
      evidence,
      mark: phrase.mark,
      mention: phrase.mark,
      period: readPeriod(evidence, phrase.mark, knowledge.published),
      place: entities.find((entity) => entity.kind === "place") ?? null,
      entities,
      metric,
      metricAlternatives,
    });
  }
  return candidates.sort((a, b) => a.mark.start - b.mark.start);
}

/**
 * Numbers in a list share what the first one states: "at least 46 overdoses and 39 overdose
 * deaths" (the qualifier carries over "and"), "76 cases … 34 via Snapchat, 14 on Instagram" and
 * "more than 200 criminal cells, two stand taller" (a number with no noun of its own counts
 * what the previous number of its sentence counts).
 */
function inheritFromList(
  text: string,
  reading: MentionReading,
  previous: Candidate | undefined,
  sentence: Span,
): MentionReading {
  if (!previous || !FIGURE_KINDS.has(reading.kind) || !FIGURE_KINDS.has(previous.kind)) return reading;
  // "… 900 Texans died … That number jumped to about 1,650 people": the number is the same count.
  // Only the sentence's first number is the one "that number" names (no digit before it).
  const lead = text.slice(sentence.start, reading.mark.start);
  const anaphora = /^(?:that|this|the)\s+(?:number|figure|total|count|toll)\b/i.test(lead) && !/\d/.test(lead);
  if (anaphora && reading.kind === "figure" && previous.unit !== null && previous.kind === "figure")
    return { ...reading, unit: previous.unit };
  if (previous.mark.start < sentence.start) return reading;
  const between = text.slice(previous.mark.end, reading.mark.start);
  const inherited = { ...reading };
  if (
    reading.qualifierText === null &&
    previous.qualifierText !== null &&
    /^\s+and\s+$/.test(between) &&
    ["MORE_THAN", "AT_LEAST", "APPROXIMATE", "UP_TO"].includes(previous.qualifier)
  )
    inherited.qualifier = previous.qualifier;
  // Only counts carry their noun over: "$130 for 40 30s" does not make the 40 dollars.
  const listed = previous.kind === "figure" && !/[.;:!?]/.test(between) && between.length <= 80;
  // A plural noun of its own ("9 tons"), even one the seed has no unit for, is what the number counts.
  const ownNoun = reading.unitText !== null && /^\p{Ll}{3,}s$/u.test(reading.unitText);
  if (reading.unit === null && previous.unit !== null && listed && !ownNoun) inherited.unit = previous.unit;
  return inherited;
}

const USAGE = "usage: pnpm curate propose <file> [--id <document-id>] [--json] [--force] [--seed-dir DIR]";

/** The document id: --id, else the registered document with this file name, else one made from the file name. */
function documentIdFor(file: string, seedDir: string, given: string | undefined): string {
  if (given !== undefined) return given;
  const records = readSeedRecords(seedDir, new ProblemList());
  const registered = records.documents.find((document) => document.record.fileName === basename(file));
  if (registered) return registered.record.id;
  return (
    basename(file, extname(file))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "document"
  );
}

/** Runs `curate propose` and returns the exit code. */
export async function run(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`curate propose: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(`curate propose: expected one document file, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) {
    console.error(`curate propose: ${positionals[0]}: no such file`);
    return 1;
  }
  const seedDir = resolve(values["seed-dir"] ?? seedDataDir);
  if (!existsSync(seedDir)) {
    console.error(`curate propose: --seed-dir ${values["seed-dir"]}: no such directory`);
    return 1;
  }
  const id = values.id;
  if (id !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    console.error(`curate propose: --id "${id}": ids are lower-case letters and digits joined by single hyphens`);
    return 2;
  }
  const documentId = documentIdFor(file, seedDir, id);
  const text = readFileSync(file, "utf8");
  const candidates = proposeCandidates(text, { seedDir, documentId });
  if (values.json) {
    console.log(JSON.stringify(candidates, null, 2));
    return 0;
  }
  const outcome = writeDraft({ seedDir, documentId, text, candidates, force: values.force ?? false });
  if (!outcome.written) {
    console.error(`curate propose: ${displayPath(outcome.path)} already exists; pass --force to replace it`);
    return 1;
  }
  const numeric = candidates.filter((candidate) => !candidate.vaguePhrase);
  const counts = new Map<string, number>();
  for (const candidate of numeric) counts.set(candidate.kind, (counts.get(candidate.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(", ");
  const vague = candidates.length - numeric.length;
  console.log(`wrote ${displayPath(outcome.path)}`);
  console.log(
    `${numeric.length} numeric mentions: ${summary || "none"}${vague > 0 ? `; ${vague} amounts stated without a number (VAGUE figures)` : ""}`,
  );
  console.log(`${outcome.figures} figures and ${outcome.exclusions} exclusions, ${outcome.todos} TODOs to resolve`);
  return 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      id: { type: "string" },
      json: { type: "boolean" },
      force: { type: "boolean" },
      "seed-dir": { type: "string" },
    },
  });
}
