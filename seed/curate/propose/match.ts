/**
 * Matching a candidate's sentence against what the seed already has: the entities named in it,
 * and the metric whose name, description and curated figures read most like it (TF-IDF cosine).
 */
import type { Figure, Metric } from "../../schema.js";
import type { KnownEntity } from "./knowledge.js";
import type { Span } from "./spans.js";

/** An entity named in the evidence. */
export interface EntityMatch {
  id: string;
  kind: KnownEntity["kind"];
  /** The words as written in the evidence. */
  text: string;
  start: number;
  end: number;
}

/** A metric and how closely the sentence reads like it (cosine similarity, 0 to 1). */
export interface MetricMatch {
  key: string;
  score: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every known entity whose name or alias occurs in the span (short all-capital aliases case-sensitively). */
export function entitiesIn(evidence: Span, entities: readonly KnownEntity[]): EntityMatch[] {
  const found: EntityMatch[] = [];
  for (const entity of entities) {
    for (const name of [...entity.names].sort((a, b) => b.length - a.length)) {
      const caseSensitive = name.length <= 4 || /^\p{Lu}/u.test(name);
      const pattern = new RegExp(
        `(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`,
        caseSensitive ? "gu" : "giu",
      );
      const match = pattern.exec(evidence.text);
      if (!match) continue;
      const start = evidence.start + match.index;
      found.push({ id: entity.id, kind: entity.kind, text: match[0], start, end: start + match[0].length });
      break;
    }
  }
  // A name inside a longer one ("DEA" in "Dallas DEA") is the longer one's.
  return found
    .filter(
      (match) =>
        !found.some(
          (other) =>
            other !== match &&
            other.start <= match.start &&
            match.end <= other.end &&
            other.end - other.start > match.end - match.start,
        ),
    )
    .sort((a, b) => a.start - b.start);
}

const STOP_WORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or that the their this to was were which with who will would said says than more".split(
    " ",
  ),
);

function terms(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? [])
    .filter((word) => word.length > 2 && !STOP_WORDS.has(word))
    .map((word) => (word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word));
}

/** A TF-IDF index of the metrics, each described by its name, description and its curated figures. */
export class MetricIndex {
  private readonly idf = new Map<string, number>();
  private readonly vectors: { key: string; vector: Map<string, number>; norm: number }[] = [];

  constructor(metrics: readonly Metric[], figures: readonly Figure[]) {
    const documents = metrics.map((metric) => {
      const words = [metric.name, metric.description];
      for (const figure of figures)
        if (figure.metric === metric.key) words.push(figure.label, figure.unitText, figure.evidence.text);
      return { key: metric.key, terms: terms(words.join(" ")) };
    });
    const documentFrequency = new Map<string, number>();
    for (const document of documents)
      for (const term of new Set(document.terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    for (const [term, count] of documentFrequency)
      this.idf.set(term, Math.log((1 + documents.length) / (1 + count)) + 1);
    for (const document of documents) this.vectors.push({ key: document.key, ...this.vectorOf(document.terms) });
  }

  private vectorOf(words: readonly string[]): { vector: Map<string, number>; norm: number } {
    const vector = new Map<string, number>();
    for (const word of words) {
      const idf = this.idf.get(word);
      if (idf !== undefined) vector.set(word, (vector.get(word) ?? 0) + idf);
    }
    let norm = 0;
    for (const weight of vector.values()) norm += weight * weight;
    return { vector, norm: Math.sqrt(norm) };
  }

  /** The metrics most like `text`, best first, with their scores rounded to two decimals. */
  best(text: string, count = 3): MetricMatch[] {
    const query = this.vectorOf(terms(text));
    if (query.norm === 0) return [];
    return this.vectors
      .map(({ key, vector, norm }) => {
        let dot = 0;
        for (const [term, weight] of query.vector) dot += weight * (vector.get(term) ?? 0);
        return { key, score: norm === 0 ? 0 : Math.round((dot / (norm * query.norm)) * 100) / 100 };
      })
      .filter((match) => match.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, count);
  }
}
