/**
 * Vague quantities: English phrases that state an amount without a number ("a vast majority",
 * "most of", "enough to kill every …"). The numeric scanner finds no number in them, yet a
 * curator records them as figures with qualifier VAGUE and no value (seed/README.md). The
 * lexicon is of general quantifier words, each with the unit the phrase measures in: a share of
 * a whole is a percentage, a dose for every member of a population is a lethal dose per person.
 * Order-of-magnitude words ("millions", "dozens of") are numbers to the scanner already and are
 * read by read-mention.ts, so they are not repeated here.
 */
import type { Span } from "./spans.js";

/** A vague-quantity phrase found in a text: its words and the unit words it measures in. */
export interface VaguePhrase {
  mark: Span;
  /** Words naming the unit in seed/data/units.yaml (looked up with the unit reader). */
  unitWords: string;
}

const SIZE = "(?:huge|vast|large|great|overwhelming|clear|slim|narrow|small|tiny)";
const POPULATION = "(?:every|each|all|everyone|everybody)";
const DOSE = "(?:a\\s+)?(?:lethal|deadly|fatal)\\s+doses?";

const LEXICON: { pattern: RegExp; unitWords: string }[] = [
  // A share of a whole: "a vast majority", "the majority of", "a small minority".
  { pattern: new RegExp(`\\b(?:an?|the)\\s+(?:${SIZE}\\s+)?(?:majority|minority)\\b`, "giu"), unitWords: "percent" },
  { pattern: /\b(?:most|much|the\s+bulk|the\s+lion['’]s\s+share)\s+of\s+the\s+\p{L}+/giu, unitWords: "percent" },
  // A dose for a whole population: "enough to kill every …", "a lethal dose for each …".
  {
    pattern: new RegExp(
      `\\benough\\s+(?:\\p{L}+\\s+){0,2}to\\s+["“]?(?:kill|provide\\s+${DOSE}\\s+(?:to|for))\\s+${POPULATION}\\b(?:\\s+\\p{Lu}\\p{L}+)?`,
      "giu",
    ),
    unitWords: "lethal dose per person",
  },
  {
    pattern: new RegExp(`\\b${DOSE}\\s+(?:to|for)\\s+${POPULATION}\\b(?:\\s+\\p{Lu}\\p{L}+)?`, "giu"),
    unitWords: "lethal dose per person",
  },
];

/** Every vague-quantity phrase of `text`, in order; where two overlap, the earlier and longer one is kept. */
export function findVaguePhrases(text: string): VaguePhrase[] {
  const found: VaguePhrase[] = [];
  for (const { pattern, unitWords } of LEXICON) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      found.push({ mark: { start, end: start + match[0].length, text: match[0] }, unitWords });
    }
  }
  found.sort((a, b) => a.mark.start - b.mark.start || b.mark.end - a.mark.end);
  const kept: VaguePhrase[] = [];
  for (const phrase of found) {
    const last = kept.at(-1);
    if (last && phrase.mark.start < last.mark.end) continue;
    kept.push(phrase);
  }
  return kept;
}

/** Why a sentence reads as the publication speaking about itself, if it does. */
export function outletPromotion(sentence: string, outletNames: readonly string[]): string | undefined {
  // Names are matched as written: an all-capitals alias ("AST") is not the word "ast" inside "least".
  const named = outletNames.find((name) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "u").test(
      sentence,
    ),
  );
  if (named) return `the sentence names the document's own outlet (${named}): the publisher about itself`;
  // A report speaks in the third person; "Our …"/"We …" opening a sentence outside a quotation is the publisher.
  if (/^(?:Our|We)\s/.test(sentence))
    return "the sentence opens in the publisher's first person (Our/We): the publisher about itself";
  if (/\b(?:readers|readership|subscribers|circulation)\b/i.test(sentence))
    return "about a publication's readership or circulation, not about the subject of the report";
  return undefined;
}
