/**
 * `pnpm bench:curate`: how well `curate propose` does on the three curated documents.
 *
 * For each document the proposer reads the text alone (its own figures and exclusions are left
 * out of what it learns from: seed/curate/propose/knowledge.ts) and its candidates are compared
 * with the curated figures of that document.
 *
 * - A curated figure's value mark is its `stated` words inside its evidence span. A candidate
 *   "is at" a figure when the candidate's value mark overlaps the figure's.
 * - Recall (tuple): the share of curated figures with a candidate at them whose
 *   (value, valueHigh, scale, qualifier, unit) equals the figure's.
 * - Recall (evidence): the share of curated figures with a candidate at them whose evidence span
 *   contains the figure's whole value mark.
 * - Precision counts the candidates proposed as figures (kinds figure, money, percentage, age)
 *   that can be judged: those at a curated figure and those inside an exclusion (the curated
 *   negatives). A judged candidate is right when its tuple equals that of a figure it is at
 *   (for evidence precision: when its evidence contains that figure's mark); one inside an
 *   exclusion only, or at a figure with another tuple, is wrong. Candidates in neither (a number
 *   the curation marks as a period or date of a figure, say) are not judged and are counted apart.
 *
 * Prints the numbers per document and overall, lists every miss with the reason, and writes
 * bench/results/curate.json.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { writeFileAtomic } from "../seed/atomic-write.js";
import { FIGURE_KINDS } from "../seed/curate/propose/read-mention.js";
import { type Candidate, proposeCandidates } from "../seed/curate/propose.js";
import { readSourceTexts } from "../seed/documents.js";
import { seedDataDir } from "../seed/paths.js";
import { ProblemList } from "../seed/problems.js";
import { readSeedRecords } from "../seed/read-data.js";
import type { Figure } from "../seed/schema.js";
import { resultsDir } from "./lib.js";

interface Range {
  start: number;
  end: number;
}

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
const contains = (outer: Range, inner: Range) => outer.start <= inner.start && inner.end <= outer.end;

type Tuple = [number | null, number | null, string | null, string, string | null];
const figureTuple = (figure: Figure): Tuple => [
  figure.value ?? null,
  figure.valueHigh ?? null,
  figure.scale ?? null,
  figure.qualifier,
  figure.unit,
];
const candidateTuple = (candidate: Candidate): Tuple => [
  candidate.value,
  candidate.valueHigh,
  candidate.scale,
  candidate.qualifier,
  candidate.unit,
];
const sameTuple = (a: Tuple, b: Tuple) => a.every((value, index) => value === b[index]);
const show = (tuple: Tuple) => `(${tuple.map((value) => (value === null ? "–" : String(value))).join(", ")})`;

/** Where a figure's stated words are in the document. */
function markOf(figure: Figure, text: string): Range {
  const start = figure.evidence.start ?? text.indexOf(figure.evidence.text);
  const at = figure.evidence.text.indexOf(figure.stated);
  const markStart = start + Math.max(0, at);
  return { start: markStart, end: markStart + (at < 0 ? figure.evidence.text.length : figure.stated.length) };
}

interface Ratio {
  hits: number;
  total: number;
}
const ratio = ({ hits, total }: Ratio) => (total === 0 ? 1 : hits / total);
const percent = (value: Ratio) => `${(ratio(value) * 100).toFixed(1)} % (${value.hits}/${value.total})`;

interface DocumentResult {
  document: string;
  recallTuple: Ratio;
  recallEvidence: Ratio;
  precisionTuple: Ratio;
  precisionEvidence: Ratio;
  unjudged: number;
  misses: { figure: string; stated: string; expected: string; got: string; why: string }[];
  wrong: { mark: string; got: string; why: string }[];
}

function whyMissed(figure: Figure, at: Candidate[]): string {
  if (at.length === 0) {
    return figure.qualifier === "VAGUE" && !/\d|million|billion|dozen|thousand|hundred/i.test(figure.stated)
      ? "no numeric mention: the words state no number, so the scanner finds nothing to propose"
      : "no candidate's value mark overlaps the stated words";
  }
  const candidate = at[0]!;
  const [expected, got] = [figureTuple(figure), candidateTuple(candidate)];
  const fields = ["value", "valueHigh", "scale", "qualifier", "unit"];
  const differing = fields.filter((_, index) => expected[index] !== got[index]);
  const kind = FIGURE_KINDS.has(candidate.kind)
    ? ""
    : ` (proposed as ${candidate.kind}${candidate.excludedBecause ? `: ${candidate.excludedBecause}` : ""})`;
  return `${differing.join(", ")} differ${differing.length === 1 ? "s" : ""}${kind}`;
}

function benchDocument(id: string, text: string, figures: Figure[], exclusions: Range[]): DocumentResult {
  const candidates = proposeCandidates(text, { seedDir: seedDataDir, documentId: id });
  const marks = figures.map((figure) => ({ figure, mark: markOf(figure, text) }));
  const result: DocumentResult = {
    document: id,
    recallTuple: { hits: 0, total: figures.length },
    recallEvidence: { hits: 0, total: figures.length },
    precisionTuple: { hits: 0, total: 0 },
    precisionEvidence: { hits: 0, total: 0 },
    unjudged: 0,
    misses: [],
    wrong: [],
  };
  for (const { figure, mark } of marks) {
    const at = candidates.filter((candidate) => overlaps(candidate.mark, mark));
    const tupleHit = at.some((candidate) => sameTuple(candidateTuple(candidate), figureTuple(figure)));
    const evidenceHit = at.some((candidate) => contains(candidate.evidence, mark));
    if (tupleHit) result.recallTuple.hits++;
    if (evidenceHit) result.recallEvidence.hits++;
    if (!tupleHit || !evidenceHit) {
      const nearest = at.find((candidate) => FIGURE_KINDS.has(candidate.kind)) ?? at[0];
      result.misses.push({
        figure: figure.id,
        stated: figure.stated,
        expected: show(figureTuple(figure)),
        got: nearest ? show(candidateTuple(nearest)) : "no candidate",
        why: !tupleHit
          ? whyMissed(figure, nearest ? [nearest] : [])
          : "the evidence span does not contain the whole stated mark",
      });
    }
  }
  for (const candidate of candidates.filter((entry) => FIGURE_KINDS.has(entry.kind))) {
    const atFigures = marks.filter(({ mark }) => overlaps(candidate.mark, mark));
    const inExclusion = exclusions.some((span) => overlaps(span, candidate.mention));
    if (atFigures.length === 0 && !inExclusion) {
      result.unjudged++;
      continue;
    }
    result.precisionTuple.total++;
    result.precisionEvidence.total++;
    const tupleRight = atFigures.some(({ figure }) => sameTuple(candidateTuple(candidate), figureTuple(figure)));
    if (tupleRight) result.precisionTuple.hits++;
    if (atFigures.some(({ mark }) => contains(candidate.evidence, mark))) result.precisionEvidence.hits++;
    if (!tupleRight) {
      result.wrong.push({
        mark: candidate.mark.text,
        got: show(candidateTuple(candidate)),
        why:
          atFigures.length === 0
            ? "inside an exclusion: the curation says it states no figure"
            : `the figure there is ${show(figureTuple(atFigures[0]!.figure))}`,
      });
    }
  }
  return result;
}

const add = (a: Ratio, b: Ratio): Ratio => ({ hits: a.hits + b.hits, total: a.total + b.total });

function main(): number {
  const records = readSeedRecords(seedDataDir, new ProblemList());
  const documents = records.documents.map((entry) => entry.record);
  const sources = readSourceTexts(documents);
  if (!sources.available) {
    console.error(`bench:curate: ${sources.reason}`);
    return 2;
  }
  const results = documents.map((document) => {
    const text = sources.texts.get(document.id) ?? "";
    const figures = records.figures
      .map((entry) => entry.record)
      .filter((figure) => figure.evidence.document === document.id);
    const exclusions = records.exclusions
      .map((entry) => entry.record.evidence)
      .filter((evidence) => evidence.document === document.id && evidence.start !== undefined)
      .map((evidence) => ({ start: evidence.start!, end: evidence.start! + evidence.text.length }));
    return benchDocument(document.id, text, figures, exclusions);
  });
  const zero = { hits: 0, total: 0 };
  const overall = {
    recallTuple: results.reduce((sum, entry) => add(sum, entry.recallTuple), zero),
    recallEvidence: results.reduce((sum, entry) => add(sum, entry.recallEvidence), zero),
    precisionTuple: results.reduce((sum, entry) => add(sum, entry.precisionTuple), zero),
    precisionEvidence: results.reduce((sum, entry) => add(sum, entry.precisionEvidence), zero),
    unjudged: results.reduce((sum, entry) => sum + entry.unjudged, 0),
  };
  for (const entry of results) {
    console.log(`\n${entry.document}`);
    console.log(`  recall    (value, valueHigh, scale, qualifier, unit)  ${percent(entry.recallTuple)}`);
    console.log(`  recall    (evidence contains the value mark)          ${percent(entry.recallEvidence)}`);
    console.log(`  precision (value, valueHigh, scale, qualifier, unit)  ${percent(entry.precisionTuple)}`);
    console.log(`  precision (evidence contains the value mark)          ${percent(entry.precisionEvidence)}`);
    console.log(`  not judged (proposed figures at no curated figure or exclusion): ${entry.unjudged}`);
    for (const miss of entry.misses)
      console.log(`  missed ${miss.figure} "${miss.stated}": expected ${miss.expected}, got ${miss.got}: ${miss.why}`);
    for (const wrong of entry.wrong) console.log(`  wrong "${wrong.mark}" ${wrong.got}: ${wrong.why}`);
  }
  console.log("\noverall");
  console.log(`  recall    (tuple)     ${percent(overall.recallTuple)}`);
  console.log(`  recall    (evidence)  ${percent(overall.recallEvidence)}`);
  console.log(`  precision (tuple)     ${percent(overall.precisionTuple)}`);
  console.log(`  precision (evidence)  ${percent(overall.precisionEvidence)}`);
  mkdirSync(resultsDir, { recursive: true });
  const path = resolve(resultsDir, "curate.json");
  const summary = (value: Ratio) => ({ ...value, ratio: Number(ratio(value).toFixed(3)) });
  const json = {
    overall: Object.fromEntries(
      Object.entries(overall).map(([key, value]) => [key, typeof value === "number" ? value : summary(value)]),
    ),
    documents: results.map((entry) => ({
      ...entry,
      recallTuple: summary(entry.recallTuple),
      recallEvidence: summary(entry.recallEvidence),
      precisionTuple: summary(entry.precisionTuple),
      precisionEvidence: summary(entry.precisionEvidence),
    })),
  };
  // Written whole or not at all, so a failed run leaves the previous result as it was.
  writeFileAtomic(path, `${JSON.stringify(json, null, 2)}\n`);
  return 0;
}

process.exitCode = main();
