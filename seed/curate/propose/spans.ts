/**
 * Evidence spans for candidates: the sentence that holds a mention, cut down to its clause when
 * the sentence is longer than an evidence span may be (schema.ts: 240 characters).
 */
import { split } from "sentence-splitter";

/** A span of the document, offsets in UTF-16 code units (end exclusive). */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The longest evidence text the seed accepts (schema.ts evidenceFields.text). */
export const MAX_EVIDENCE_LENGTH = 240;

/** Where one sentence ends and the next begins; line breaks also end one (headlines, list items, captions). */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const node of split(text)) {
    if (node.type !== "Sentence") continue;
    const [start, end] = node.range;
    // The splitter keeps a paragraph's lines together when no full stop ends them.
    let lineStart = start;
    for (const line of text.slice(start, end).split("\n")) {
      // The splitter does not end a sentence after a number ("died in 2023. That number …"); a
      // full stop after digits followed by a space and a capital ends one (a decimal has no space).
      let pieceStart = lineStart;
      for (const boundary of line.matchAll(/(?<=\p{N}[.!?]["”’)]?)\s+(?=[\p{Lu}“"‘])/gu)) {
        const cut = lineStart + boundary.index;
        const piece = trimSpan(text, pieceStart, cut);
        if (piece.end > piece.start) spans.push(piece);
        pieceStart = cut;
      }
      const trimmed = trimSpan(text, pieceStart, lineStart + line.length);
      if (trimmed.end > trimmed.start) spans.push(trimmed);
      lineStart += line.length + 1;
    }
  }
  return spans;
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  return { start: s, end: e, text: text.slice(s, e) };
}

// Clause boundaries inside a long sentence, strongest first.
const CLAUSE_BREAKS = [/[;:—–]\s/g, /,\s/g];

/** The evidence for a mark: its sentence, or the clause around it when the sentence is too long. */
export function evidenceFor(text: string, sentences: readonly Span[], mark: { start: number; end: number }): Span {
  const sentence = sentences.find((span) => span.start <= mark.start && mark.end <= span.end) ?? {
    ...trimSpan(text, Math.max(0, mark.start - 60), Math.min(text.length, mark.end + 60)),
  };
  if (sentence.end - sentence.start <= MAX_EVIDENCE_LENGTH) return sentence;
  for (const breaks of CLAUSE_BREAKS) {
    const cuts = [sentence.start];
    for (const match of sentence.text.matchAll(breaks)) cuts.push(sentence.start + match.index + match[0].length);
    cuts.push(sentence.end);
    // Grow the clause that holds the mark by whole clauses while it fits.
    let i = cuts.findLastIndex((cut) => cut <= mark.start);
    let j = cuts.findIndex((cut) => cut >= mark.end);
    if (i < 0 || j < 0) continue;
    if (cuts[j]! - cuts[i]! > MAX_EVIDENCE_LENGTH) continue;
    while (i > 0 && cuts[j]! - cuts[i - 1]! <= MAX_EVIDENCE_LENGTH) i--;
    while (j < cuts.length - 1 && cuts[j + 1]! - cuts[i]! <= MAX_EVIDENCE_LENGTH) j++;
    return trimSpan(text, cuts[i]!, cuts[j]!);
  }
  // No clause fits: a window of words centred on the mark.
  const half = Math.floor((MAX_EVIDENCE_LENGTH - (mark.end - mark.start)) / 2);
  let start = Math.max(sentence.start, mark.start - half);
  let end = Math.min(sentence.end, mark.end + half);
  while (start > sentence.start && start < mark.start && !/\s/.test(text[start - 1] ?? "")) start++;
  while (end < sentence.end && end > mark.end && !/\s/.test(text[end] ?? "")) end--;
  return trimSpan(text, start, end);
}
