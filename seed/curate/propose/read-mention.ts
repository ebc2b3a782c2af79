/**
 * Reads one numeric mention in its sentence: what kind of number it is, the qualifier before it,
 * the scale and range (parseStatedNumber, the loader's own reading), and the unit after it.
 *
 * The rules are about English number phrases in general ("more than", "-year-old", "$", a year
 * before a capitalised name); nothing here names a phrase of a particular document.
 */
import type { Qualifier } from "../../../packages/api/src/generated/prisma/enums.js";
import type { Mention } from "../../coverage/mentions.js";
import { parseStatedNumber, type Scale } from "../../normalize.js";
import type { Span } from "./spans.js";

/** What a candidate is: a figure to record, a date or period, or a number that looks excluded. */
export type CandidateKind = "figure" | "date" | "period" | "age" | "money" | "percentage" | "excluded-looking";

/** The kinds that become figure records (the rest become period words or exclusions). */
export const FIGURE_KINDS: ReadonlySet<CandidateKind> = new Set(["figure", "age", "money", "percentage"]);

/** A mention read in its context, before entities and metrics are matched. */
export interface MentionReading {
  kind: CandidateKind;
  /** Why a mention looks excluded (a name, an ordinal, a phone number …); absent otherwise. */
  excludedBecause?: string;
  /** The number as written (20.4 in "20.4 million"); null for a date, an excluded-looking or a VAGUE mention. */
  value: number | null;
  /** The upper end of a range. */
  valueHigh: number | null;
  scale: Scale | null;
  qualifier: Qualifier;
  /** The qualifier words as written ("more than"), when there are any. */
  qualifierText: string | null;
  /** The unit words as written after the number ("fake pills", "%", "year-old"). */
  unitText: string | null;
  /** The unit key of seed/data/units.yaml the unit words name, or null when none fits. */
  unit: string | null;
  /** The value mark inside the evidence: qualifier, number, scale and unit words. */
  mark: Span;
  /** Offset just past the last character this reading consumed (a range's upper end may be a later mention). */
  consumedTo: number;
}

// Qualifier words directly before the number, each mapped to the seed's qualifier.
const QUALIFIERS: [RegExp, Qualifier][] = [
  [/\b(?:more than|over|above|upwards of|in excess of|exceeding)\s+$/i, "MORE_THAN"],
  // A verb of passing a mark: "deaths crossed 100,000", "sales topped 5 million".
  [/\b(?:cross(?:es|ed)?|tops|topped|surpass(?:es|ed)?|exceed(?:s|ed)?)\s+(?:the\s+)?$/i, "MORE_THAN"],
  [/\bat least\s+$/i, "AT_LEAST"],
  [/\b(?:as many as|as much as|up to|no more than)\s+$/i, "UP_TO"],
  [
    /\b(?:about|around|roughly|nearly|almost|approximately|some|an estimated|close to|just under|just over)\s+$/i,
    "APPROXIMATE",
  ],
  [/\bbetween\s+$/i, "RANGE"],
];

// Verbs whose object is an amount of money.
const SPENDING =
  /\b(?:spend|spends|spent|spending|cost|costs|costing|paid|pay|pays|paying|worth|earn|earns|earned|raised|budgeted)\s+$/i;

const MONTH_NAMES =
  /^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)$/;
const STREET_WORDS =
  /^(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Lane|Ln|Way|Expressway|Highway|Hwy|Place|Plaza)\b/;
const QUOTE_START = /^[‘'“"]/;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** A word the unit reader skips over between the number and its noun. */
const FILLER = new Set([
  "of",
  "the",
  "them",
  "those",
  "these",
  "a",
  "an",
  "other",
  "more",
  "new",
  "and",
  "or",
  "in",
  "who",
]);

/** Reads the words from `at` up to the end of the sentence, as spans. */
function wordsAfter(text: string, at: number, end: number, limit: number): Span[] {
  const words: Span[] = [];
  const rest = text.slice(at, end);
  // Stop at the first clause break: a unit is never beyond it.
  const stop = rest.search(/[.;:!?()“”"]|,\s/);
  const window = stop < 0 ? rest : rest.slice(0, stop);
  for (const match of window.matchAll(WORD)) {
    words.push({ start: at + match.index, end: at + match.index + match[0].length, text: match[0] });
    if (words.length >= limit) break;
  }
  return words;
}

/** True when most words of the sentence are capitalised: a headline, where capitals mark no name. */
function isTitleCase(sentence: Span): boolean {
  const words = [...sentence.text.matchAll(/\p{L}[\p{L}'’-]*/gu)].map((match) => match[0]);
  if (words.length < 3) return true;
  const capitalised = words.filter(
    (word) => /^\p{Lu}/u.test(word) || /^(?:of|the|a|an|to|in|for|and|with|on|by)$/.test(word),
  );
  return capitalised.length / words.length >= 0.8;
}

const isCapitalised = (word: string | undefined) => word !== undefined && /^\p{Lu}/u.test(word);

/** Why this mention looks like part of a name, a date-like token or an ordinal rather than a quantity. */
function excludedLooking(text: string, mention: Mention, sentence: Span): string | undefined {
  const before = text.slice(Math.max(sentence.start, mention.start - 40), mention.start);
  const after = text.slice(mention.end, Math.min(sentence.end, mention.end + 40));
  if (/\(?\d{3}\)?[-. ]\d{3}[-.]\d{4}/.test(text.slice(Math.max(0, mention.start - 6), mention.end + 10)))
    return "looks like a phone number";
  if (/[\p{L}]$/u.test(before) || /^[\p{L}]/u.test(after))
    return "digits joined to letters: a code or a name (e.g. M30, 3PC)";
  if (/^\d+\/\d+$/.test(mention.text))
    return "a numbered date or name written with a slash (e.g. 9/11), not a quantity";
  if (/-\p{Lu}/u.test(mention.text) || (/^-\p{Lu}/u.test(after) && !isTitleCase(sentence)))
    return "joined by a hyphen to a capitalised word: part of a name";
  if (/\d(?:st|nd|rd|th)$/.test(mention.text) && mention.kind === "digits")
    return "an ordinal: it ranks rather than counts";
  if (/^one$/i.test(mention.text) && /^\s+of\b/i.test(after)) return '"one of": picks one out, not a count';
  const nextWords = wordsAfter(text, mention.end, sentence.end, 3);
  if (mention.kind === "digits" && /^\d{1,5}$/.test(mention.text) && nextWords.length > 0) {
    const streetAt = nextWords.findIndex((word) => STREET_WORDS.test(word.text));
    if (streetAt > 0 && nextWords.slice(0, streetAt).every((word) => isCapitalised(word.text)))
      return "looks like a street number";
  }
  const year = /^(?:19|20)\d{2}$/.test(mention.text);
  if (
    year &&
    (QUOTE_START.test(after.trimStart()) ||
      (isCapitalised(nextWords[0]?.text) && !MONTH_NAMES.test(nextWords[0]?.text ?? "")))
  )
    return "a year in a name (the year of an award, edition or event title)";
  // After a lower-case word, two capitalised words name something: "covering 23 Vital Sectors".
  const wordBefore = before.match(/(\p{L}[\p{L}'’-]*)\s+$/u)?.[1];
  if (
    mention.kind === "digits" &&
    wordBefore !== undefined &&
    /^\p{Ll}/u.test(wordBefore) &&
    isCapitalised(nextWords[0]?.text) &&
    isCapitalised(nextWords[1]?.text) &&
    !MONTH_NAMES.test(nextWords[0]?.text ?? "")
  )
    return "a number before a capitalised name or slogan, not a count";
  if (isTitleCase(sentence)) return undefined;
  const previous = before.match(/(\p{L}[\p{L}'’.-]*)\s+$/u)?.[1];
  // A qualifier ("About 900 …") or an opening quote before the number still starts the sentence.
  const lead = before.replace(
    /(?:^|\s)(?:about|around|roughly|nearly|almost|over|more than|at least|up to|as many as|some|the)\s*$/i,
    "",
  );
  const sentenceInitial = lead.trim() === "" || /[.!?“"‘']\s*$/.test(lead);
  if (/^\p{Lu}/u.test(mention.text) && !sentenceInitial && isCapitalised(nextWords[0]?.text))
    return "a capitalised number word inside a name";
  if (/^\p{Lu}/u.test(mention.text) && isCapitalised(nextWords[0]?.text) && isCapitalised(nextWords[1]?.text))
    return "a capitalised number word inside a name";
  if (
    previous &&
    /^\p{Lu}\p{Ll}+$/u.test(previous) &&
    !sentenceInitial &&
    !MONTH_NAMES.test(previous) &&
    mention.kind === "digits" &&
    /\S\s$/.test(before)
  )
    return "a number directly after a capitalised word: part of a name (e.g. Fortune 500)";
  if (
    previous &&
    isCapitalised(previous) &&
    !sentenceInitial &&
    !MONTH_NAMES.test(previous) &&
    isCapitalised(nextWords[0]?.text)
  )
    return "a number between capitalised words: part of a name";
  if (
    nextWords[0] &&
    /^\p{Lu}{2,}$/u.test(nextWords[0].text) &&
    nextWords[0].start - mention.end <= 1 &&
    !/^(?:DEA|FBI|CDC|US|U)$/.test(nextWords[0].text)
  )
    return "a number before an all-capitals word: part of a name or rating";
  return undefined;
}

/** Reads the mention: kind, qualifier, value, scale, unit and the mark. */
export function readMention(
  text: string,
  mention: Mention,
  sentence: Span,
  unitOf: (word: string) => string | undefined,
): MentionReading {
  const before = text.slice(sentence.start, mention.start);
  let qualifier: Qualifier = "EXACT";
  let qualifierText: string | null = null;
  let markStart = mention.start;
  for (const [pattern, value] of QUALIFIERS) {
    const match = pattern.exec(before);
    if (match) {
      qualifier = value;
      qualifierText = match[0].trim();
      markStart = sentence.start + match.index;
      break;
    }
  }
  const markOf = (start: number, end: number): Span => ({ start, end, text: text.slice(start, end) });
  /** A mention that states no value (a date, a period, an excluded-looking number), marked from its start to `markEnd`. */
  const noValue = (
    kind: CandidateKind,
    markEnd: number,
    consumed: number,
    excludedBecause?: string,
  ): MentionReading => ({
    kind,
    ...(excludedBecause === undefined ? {} : { excludedBecause }),
    value: null,
    valueHigh: null,
    scale: null,
    qualifier: "EXACT",
    qualifierText: null,
    unit: null,
    unitText: null,
    mark: markOf(mention.start, markEnd),
    consumedTo: consumed,
  });

  if (mention.kind === "month" || mention.kind === "weekday") {
    const kind = /\s(?:to|through)\s|[-–]/.test(mention.text) && mention.kind === "month" ? "period" : "date";
    return noValue(kind, mention.end, mention.end);
  }
  const excludedBecause = excludedLooking(text, mention, sentence);
  if (excludedBecause) {
    return noValue("excluded-looking", mention.end, mention.end, excludedBecause);
  }

  // The loader's reading of the words, with "between" in front when the qualifier says so.
  const tail = text.slice(mention.end, Math.min(sentence.end, mention.end + 40));
  const phrase = `${qualifier === "RANGE" ? "between " : ""}${mention.text}${tail}`;
  const stated = parseStatedNumber(phrase);
  let consumedTo = mention.end;
  if (stated?.valueHigh !== undefined && !/\s(?:to|through)\s|[-–]/.test(mention.text)) {
    // The upper end is a later mention ("between 2 and 3"): consume it.
    const high = /^\s+(?:and|to|through)\s+\S+/.exec(tail);
    if (high) consumedTo = mention.end + high[0].length;
  }
  const value = stated?.value ?? null;
  const valueHigh = stated?.valueHigh ?? null;
  const scale = stated?.scale ?? null;
  if (valueHigh !== null) qualifier = "RANGE";
  else if (qualifier === "RANGE") qualifier = "EXACT";
  if (stated?.qualifier === "VAGUE") qualifier = "VAGUE";
  // "a million-dollar deal": a scale word used as an adjective gives an order of size, not a count.
  if (qualifier === "EXACT" && /^\p{L}+$/u.test(mention.text) && stated?.scale !== undefined && /^-/.test(tail))
    qualifier = "APPROXIMATE";

  // The unit: a percent sign, a dollar sign, "out of ten", "-year-old", or the first noun after the number.
  let unit: string | null = null;
  let unitSpan: Span | null = null;
  let kind: CandidateKind = "figure";
  const afterConsumed = text.slice(consumedTo, sentence.end);
  if (/%$|percent$/i.test(mention.text) || /^\s*(?:%|percent\b|per cent\b)/i.test(afterConsumed)) {
    kind = "percentage";
    unit = unitOf("percent") ?? null;
    const sign = /%|percent|per cent/i.exec(text.slice(mention.start, sentence.end));
    if (sign) unitSpan = markOf(mention.start + sign.index, mention.start + sign.index + sign[0].length);
  } else if (stated?.unit === "out_of_ten") {
    unit = unitOf("out of ten") ?? null;
  } else if (/^[-\s]years?[-\s]old\b/i.test(afterConsumed)) {
    kind = "age";
    unit = unitOf("year") ?? null;
    const words = /^[-\s](years?[-\s]old)/i.exec(afterConsumed)!;
    unitSpan = markOf(consumedTo + 1, consumedTo + words[0].length);
  } else if (mention.text.startsWith("$") || /^-?dollars?\b|^[-\s]dollars?\b/i.test(afterConsumed)) {
    kind = "money";
    unit = unitOf("dollar") ?? null;
    if (mention.text.startsWith("$")) unitSpan = markOf(mention.start, mention.start + 1);
    const word = /^[-\s]?(dollars?)\b/i.exec(afterConsumed);
    if (word) unitSpan = markOf(consumedTo + word[0].length - word[1]!.length, consumedTo + word[0].length);
  } else {
    const words = wordsAfter(text, consumedTo, sentence.end, 5);
    const first = words.findIndex((word) => !FILLER.has(word.text.toLowerCase()) && unitOf(word.text) !== undefined);
    // "deaths of three": the noun before "of" names what is counted, before any noun after the number.
    // So does the subject of a verb of passing a mark: "Overdose Deaths Crosses 100,000".
    const nounOf =
      /(\p{L}+)\s+of\s+$/u.exec(text.slice(sentence.start, markStart)) ??
      (qualifierText !== null && /^(?:cross|top|surpass|exceed)/i.test(qualifierText)
        ? /(\p{L}+)\s+$/u.exec(text.slice(sentence.start, markStart))
        : null);
    const namedBefore = nounOf ? unitOf(nounOf[1]!) : undefined;
    if (nounOf && namedBefore !== undefined) {
      unit = namedBefore;
      unitSpan = markOf(sentence.start + nounOf.index, mention.end);
      markStart = Math.min(markStart, unitSpan.start);
    } else if (first >= 0) {
      // A noun after the unit word names the unit better ("overdose deaths" counts deaths).
      let last = first;
      while (
        words[last + 1] &&
        unitOf(words[last + 1]!.text) !== undefined &&
        words[last + 1]!.start - words[last]!.end <= 1
      )
        last++;
      const found = words[last]!;
      unit = unitOf(found.text) ?? null;
      // The unit words as stated: from the first word after the number to the unit's noun.
      const startWord = words.findIndex((word) => !FILLER.has(word.text.toLowerCase()));
      unitSpan = markOf(words[Math.min(startWord < 0 ? first : startWord, first)]!.start, found.end);
      if (unit !== null && unit === unitOf("dollar")) kind = "money";
    } else if (SPENDING.test(text.slice(sentence.start, markStart)) && unitOf("dollar") !== undefined) {
      // "spending millions": what is spent is money, even when the currency is not written.
      kind = "money";
      unit = unitOf("dollar") ?? null;
    } else if (words[0] && !FILLER.has(words[0].text.toLowerCase())) {
      unitSpan = markOf(words[0].start, words[0].end);
    }
    // "pills per month" is a rate when the seed has that unit.
    const rate = unitSpan ? /^\s+per\s+(\p{L}+)/u.exec(text.slice(unitSpan.end, sentence.end)) : null;
    const rateUnit =
      rate && unit !== null ? unitOf(`${unit.replace(/_/g, " ")} per ${rate[1]!.toLowerCase()}`) : undefined;
    if (rate && rateUnit !== undefined) {
      unit = rateUnit;
      unitSpan = markOf(unitSpan!.start, unitSpan!.end + rate[0].length);
    }
    if (unit === null && /^one$/i.test(mention.text)) {
      const why = '"one" with nothing counted after it: an article or a figure of speech, not a count';
      return noValue("excluded-looking", mention.end, consumedTo, why);
    }
  }
  // "20 years ago" points at a time; it counts nothing.
  if (kind === "figure" && /^\s*(?:days?|weeks?|months?|years?|decades?)\s+ago\b/i.test(afterConsumed)) {
    return noValue("date", consumedTo + /^\s*\S+\s+ago/.exec(afterConsumed)![0].length, consumedTo);
  }
  // A bare year with nothing counted after it is a date.
  if (
    kind === "figure" &&
    /^(?:19|20)\d{2}$/.test(mention.text) &&
    unit === null &&
    scale === null &&
    qualifierText === null
  ) {
    return noValue("date", mention.end, consumedTo);
  }
  const markEnd = Math.max(consumedTo, unitSpan?.end ?? 0);
  return {
    kind,
    value: qualifier === "VAGUE" ? null : value,
    valueHigh,
    scale,
    qualifier,
    qualifierText,
    unit,
    unitText: unitSpan?.text ?? null,
    mark: markOf(Math.min(markStart, unitSpan?.start ?? markStart), markEnd),
    consumedTo,
  };
}
