/**
 * Finds every numeric mention in a source document: digits (with thousands separators,
 * decimals, percent signs, money and ordinal suffixes), cardinal number words ("eight million",
 * "four out of ten", "dozens"), calendar dates and month names, and weekday names.
 *
 * The coverage check requires each mention to fall inside a mark (the words that state a
 * figure, period, date or age) or an exclusion, so this scanner deliberately errs on the side of
 * finding too much: a false positive costs one exclusion with a reason, a false negative would be
 * a figure silently missing from the dataset. Ordinal words ("first", "sixth") are not scanned:
 * they rank rather than count.
 */
import { monthNames } from "../../packages/api/src/intervals.js";
import { ONES, TENS } from "../normalize.js";

/** The kind of token a mention starts with. */
export type MentionKind = "digits" | "number-word" | "month" | "weekday";

/** One numeric mention: a maximal run of numeric tokens, with its offsets in the text. */
export interface Mention {
  /** Offset of the first character (UTF-16 code units, inclusive). */
  start: number;
  /** Offset just past the last character (exclusive). */
  end: number;
  /** The text of the mention. */
  text: string;
  /** The kind of its first token. */
  kind: MentionKind;
}

// The number words normalize.ts reads, then the words of scale and fraction it reads with them.
const NUMBER_WORDS = [
  ...ONES,
  ...TENS,
  "hundreds?",
  "thousands?",
  "millions?",
  "billions?",
  "trillions?",
  "dozens?",
  "half",
  "quarter",
];
const MONTHS = [...monthNames, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept?", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

// Each alternative is a named group so the token's kind is known. Digits are matched without a
// leading word boundary on purpose: "M30" and "3PC" are mentions too.
const TOKEN = new RegExp(
  [
    String.raw`(?<digits>\$?\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?:\s?%)?)`,
    String.raw`(?<word>\b(?:${NUMBER_WORDS.join("|")})\b)`,
    String.raw`(?<month>\b(?:${MONTHS.join("|")})\b)`,
    String.raw`(?<weekday>\b(?:${WEEKDAYS.join("|")})\b)`,
  ].join("|"),
  "g",
);
// Number words are case-insensitive ("Over Eight Million" in a headline); month and weekday
// names must be capitalised so that the verb "may" is not a date.
const WORD_TOKEN = new RegExp(String.raw`\b(?:${NUMBER_WORDS.join("|")})\b`, "gi");

/** What may stand between two tokens of one mention: "eight million", "four out of ten", "9/11", "December 14, 2021", "50 to 100". */
const JOINER = /^(?:[ \t,]+|-|\/|\s+out of\s+|\s+to\s+|\s+percent)$/;

interface Token {
  start: number;
  end: number;
  kind: MentionKind;
}

function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    if (groups.word) continue; // matched case-insensitively below
    const kind: MentionKind = groups.digits ? "digits" : groups.month ? "month" : "weekday";
    found.push({ start: match.index, end: match.index + match[0].length, kind });
  }
  for (const match of text.matchAll(WORD_TOKEN)) {
    found.push({ start: match.index, end: match.index + match[0].length, kind: "number-word" });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Returns the numeric mentions of `text` in order of position. */
export function findNumericMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const token of tokens(text)) {
    const last = mentions.at(-1);
    if (last && token.start >= last.end && JOINER.test(text.slice(last.end, token.start))) {
      last.end = token.end;
      last.text = text.slice(last.start, last.end);
      continue;
    }
    if (last && token.start < last.end) continue; // overlapping alternative
    mentions.push({ start: token.start, end: token.end, text: text.slice(token.start, token.end), kind: token.kind });
  }
  return mentions;
}
