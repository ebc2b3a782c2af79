/**
 * The words of a sentence that state when a figure holds ("in 2021", "this year", "September 29
 * to December 14"), and the period they resolve to, with the basis a curator would write.
 */
import { monthNames } from "../../../packages/api/src/intervals.js";
import type { Span } from "./spans.js";

/** A period as the seed writes it (seed/schema.ts FigurePeriod), before the curator confirms it. */
export interface ProposedPeriod {
  start: string;
  end: string;
  inferred: boolean;
  basis?: string;
}

/** Period words found in the evidence and, when they can be resolved, the period. */
export interface PeriodReading {
  words: Span[];
  resolved: ProposedPeriod | null;
}

const MONTHS = monthNames.join("|");
const PERIOD_WORDS = new RegExp(
  [
    String.raw`\b(?:in|during|since|through|by|for|of)\s+(?:(?:${MONTHS})\s+)?(?:19|20)\d{2}\b`,
    String.raw`\b(?:${MONTHS})(?:\s+\d{1,2})?,?\s+(?:19|20)\d{2}\b`,
    String.raw`\b(?:${MONTHS})\s+\d{1,2}\s+(?:to|through|until)\s+(?:${MONTHS})\s+\d{1,2}\b`,
    String.raw`\b(?:this|last|past|previous)\s+(?:year|month|week)(?:\s+alone)?\b`,
    String.raw`\bin\s+(?:${MONTHS})\b`,
  ].join("|"),
  "g",
);

const pad = (n: number) => String(n).padStart(2, "0");
const monthNumber = (name: string) => (monthNames as readonly string[]).indexOf(name) + 1;

/** Finds period words in the evidence (outside the value mark) and resolves them where it can. */
export function readPeriod(evidence: Span, mark: Span, published: { start: string } | undefined): PeriodReading {
  const words: Span[] = [];
  for (const match of evidence.text.matchAll(PERIOD_WORDS)) {
    const start = evidence.start + match.index;
    const end = start + match[0].length;
    if (start < mark.end && mark.start < end) continue;
    if (!words.some((word) => word.start <= start && end <= word.end)) words.push({ start, end, text: match[0] });
  }
  const first = words[0];
  if (!first) return { words, resolved: null };
  const publishedYear = published?.start.slice(0, 4);
  const year = /\b((?:19|20)\d{2})\b/.exec(first.text)?.[1];
  const month = new RegExp(`\\b(${MONTHS})\\b`).exec(first.text)?.[1];
  const days = new RegExp(`(${MONTHS})\\s+(\\d{1,2})\\s+(?:to|through|until)\\s+(${MONTHS})\\s+(\\d{1,2})`).exec(
    first.text,
  );
  if (year) {
    const at = month ? `${year}-${pad(monthNumber(month))}` : year;
    return { words, resolved: { start: at, end: at, inferred: false } };
  }
  if (!publishedYear) return { words, resolved: null };
  const basis = `'${first.text}' prints no year: resolved from the document's publication date (${published?.start}).`;
  if (days) {
    const [startMonth, startDay, endMonth, endDay] = [days[1]!, days[2]!, days[3]!, days[4]!];
    return {
      words,
      resolved: {
        start: `${publishedYear}-${pad(monthNumber(startMonth))}-${pad(Number(startDay))}`,
        end: `${publishedYear}-${pad(monthNumber(endMonth))}-${pad(Number(endDay))}`,
        inferred: true,
        basis,
      },
    };
  }
  if (/\b(?:this)\s+year\b/.test(first.text))
    return { words, resolved: { start: publishedYear, end: publishedYear, inferred: true, basis } };
  if (/\b(?:last|previous)\s+year\b/.test(first.text)) {
    const last = String(Number(publishedYear) - 1);
    return { words, resolved: { start: last, end: last, inferred: true, basis } };
  }
  if (month) {
    const at = `${publishedYear}-${pad(monthNumber(month))}`;
    return { words, resolved: { start: at, end: at, inferred: true, basis } };
  }
  return { words, resolved: null };
}
