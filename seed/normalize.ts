/**
 * Reading the number out of a figure's stated words, and normalising values.
 *
 * The loader uses `parseStatedNumber` to check that a figure's `value`, `valueHigh` and `scale`
 * agree with the words its VALUE mark points at, which catches typos such as `value: 1500` for
 * "15,000". It reads the *first* number in the words ("40 30s" is 40) and what directly
 * follows it: a scale word, "out of ten", or a range ("50 to 100").
 */

/** Scale words and the factor each multiplies the written number by. */
export const SCALE_FACTORS = {
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
  dozen: 12,
} as const;

export type Scale = keyof typeof SCALE_FACTORS;
export const SCALES = Object.keys(SCALE_FACTORS) as [Scale, ...Scale[]];

/** What a stated phrase says, in the seed's terms (see seed/README.md, "Values"). */
export interface StatedNumber {
  /** The number as written ("20.4" in "20.4 million"), 1 for a bare singular scale word ("million-dollar"); absent for a bare plural one ("millions"), which states no number. */
  value?: number;
  /** The upper end of a range ("100" in "50 to 100"). */
  valueHigh?: number;
  /** The scale word that multiplies the number. */
  scale?: Scale;
  /** Set when the words count "out of ten". */
  unit?: "out_of_ten";
  /** Set for a bare plural scale word ("millions", "dozens"): an order of magnitude, not a number (seed/README.md, "Vague quantities"). */
  qualifier?: "VAGUE";
}

/** The number words below twenty, in order (also read by the mention scanner). */
export const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
/** The tens from twenty, in order (also read by the mention scanner). */
export const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

// Longest alternatives first, so "seventeen" is not read as "seven".
const byLength = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join("|");
const SCALE = `(?:${SCALES.join("|")})`;
const DIGITS = String.raw`\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const WORDS = String.raw`\b(?:(?:${byLength(TENS)})(?:[-\s](?:${byLength(ONES.slice(1, 10))}))?|${byLength(ONES)})\b`;

/**
 * The first number of a phrase: digits, number words, "a"/"an" before a scale word, a bare
 * plural scale word ("millions"), or a bare singular one ("million-dollar", read as one million).
 */
const FIRST_NUMBER = new RegExp(
  `(?<digits>${DIGITS})|(?<words>${WORDS})|\\b(?<article>an?)\\s+(?=${SCALE}\\b)|\\b(?<plural>${SCALE})s\\b|\\b(?<bare>${SCALE})\\b`,
  "i",
);
/** A number at a given position (the upper end of a range). */
const NUMBER_AT = new RegExp(`(?<digits>${DIGITS})|(?<words>${WORDS})`, "iy");
const SCALE_AFTER = new RegExp(`^[\\s-]*(${SCALE})\\b`, "i");
const OUT_OF_TEN = /^\s+out\s+of\s+(?:ten|10)\b/i;
const RANGE_WORD = /^\s+(?:to|through)\s+/i;
const RANGE_AND = /^\s+and\s+/i;
// A dash joins a range only between digits: "7-Eleven" is not seven to eleven.
const RANGE_DASH = /^\s*[-–—]\s*(?=\d)/;

function wordValue(words: string): number {
  const [tens = "", ones] = words.toLowerCase().split(/[-\s]+/);
  const tensIndex = TENS.indexOf(tens);
  if (tensIndex < 0) return ONES.indexOf(tens);
  return (tensIndex + 2) * 10 + (ones === undefined ? 0 : ONES.indexOf(ones));
}

function numberValue(groups: Record<string, string | undefined>): number | undefined {
  if (groups.digits !== undefined) return Number(groups.digits.replace(/[$,]/g, ""));
  if (groups.words !== undefined) return wordValue(groups.words);
  return undefined;
}

function scaleAt(rest: string): { scale?: Scale; length: number } {
  const match = SCALE_AFTER.exec(rest);
  return match ? { scale: match[1]!.toLowerCase() as Scale, length: match[0].length } : { length: 0 };
}

/** Reads the upper end of a range starting at `rest`, if the words state one. */
function rangeEnd(
  rest: string,
  digitsOnly: boolean,
  afterBetween: boolean,
): { value: number; scale?: Scale } | undefined {
  const joiner =
    RANGE_WORD.exec(rest) ??
    (afterBetween ? RANGE_AND.exec(rest) : null) ??
    (digitsOnly ? RANGE_DASH.exec(rest) : null);
  if (!joiner) return undefined;
  NUMBER_AT.lastIndex = joiner[0].length;
  const match = NUMBER_AT.exec(rest);
  const value = match?.groups ? numberValue(match.groups) : undefined;
  if (match === null || value === undefined) return undefined;
  const { scale } = scaleAt(rest.slice(match.index + match[0].length));
  return scale ? { value, scale } : { value };
}

/** Reads the number a figure's stated words give; undefined when they contain none. */
export function parseStatedNumber(text: string): StatedNumber | undefined {
  const match = FIRST_NUMBER.exec(text);
  if (!match?.groups) return undefined;
  const groups = match.groups;
  if (groups.plural !== undefined) {
    return { scale: groups.plural.toLowerCase() as Scale, qualifier: "VAGUE" };
  }
  if (groups.bare !== undefined) return { value: 1, scale: groups.bare.toLowerCase() as Scale };
  const value = groups.article !== undefined ? 1 : numberValue(groups);
  if (value === undefined) return undefined;

  let rest = text.slice(match.index + match[0].length);
  const { scale, length } = scaleAt(rest);
  rest = rest.slice(length);
  const result: StatedNumber = { value, ...(scale ? { scale } : {}) };
  if (OUT_OF_TEN.test(rest)) return { ...result, unit: "out_of_ten" };

  const afterBetween = /\bbetween\s+$/i.test(text.slice(0, match.index));
  const high = rangeEnd(rest, groups.digits !== undefined, afterBetween);
  if (!high) return result;
  // "2 to 3 million": the scale written once applies to both ends.
  const sharedScale = scale ?? high.scale;
  return { value, valueHigh: high.value, ...(sharedScale ? { scale: sharedScale } : {}) };
}

/**
 * value × scale × unit factor, in the metric's canonical unit. Rounded to 15 significant digits
 * so that binary floating-point noise (15000 × 0.45359237 = 6803.885550000001) does not leak into
 * the data; no stated figure comes anywhere near that precision.
 */
export function normalize(value: number, scale: Scale | null | undefined, unitFactor: number): number {
  const raw = value * (scale ? SCALE_FACTORS[scale] : 1) * unitFactor;
  return Number(raw.toPrecision(15));
}
