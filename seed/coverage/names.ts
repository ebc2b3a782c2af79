/**
 * Finds every entity mention in a source document: runs of capitalised words (people, agencies,
 * organisations, places, products and brands, campaigns, programmes: "Drug Enforcement
 * Administration", "Texas A&M University", "R.L. Turner High School", "3PC", "7-Eleven") and
 * described people who act in the text without a name ("a juvenile dealer", "a senior Mexican
 * government official", "a 15-year-old").
 *
 * Like the numeric scanner (mentions.ts), it deliberately errs on the side of finding too much:
 * the coverage check requires every name word of every mention to lie inside a recorded entity
 * mention (an entity's name or alias found by the loader) or an exclusion, and a false positive
 * costs one exclusion with a reason, while a false negative would be an entity silently missing.
 *
 * The rules are plain and deterministic, so that the same text always gives the same mentions:
 *
 * - A *name word* starts with a capital letter, or is a digit-led token holding one ("3PC",
 *   "7-Eleven"); a possessive ("Mexico’s") and a trailing ® are not part of it.
 * - Closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries: "The",
 *   "In", "They") and titles ("Administrator", "President", "Dr.") are never name words: titles are
 *   recorded as a person's role, not as a name.
 * - A capitalised ordinary word ("Fentanyl", "Authorities", "Drug") is not a name word where
 *   capitals say nothing: at the start of a sentence, and in a title-case line (a headline), it
 *   is ordinary when the same word also occurs in lower case in the document. Acronyms and words
 *   with inner capitals ("US", "TikTok") are always name words.
 * - Name words separated by one space, a hyphen, or a joining word between them ("of", "and",
 *   "for", "the", "&": "Centers for Disease Control and Prevention") form one mention; the
 *   coverage check looks at each name word, so a run may be covered by several entities.
 * - A described actor is an article (a, an, the) and up to three words before a noun for a
 *   person ("official", "dealer", "student", "man" …), or an age ("a 16-year-old").
 * - Month and weekday names are dates, which the numeric scanner (mentions.ts) covers.
 */
import { monthNames } from "../../packages/api/src/intervals.js";

/** The kind of a scanned entity mention. */
export type NameMentionKind = "name" | "actor";

/** A word of a mention that the coverage check requires to be covered. */
export interface NameWord {
  start: number;
  end: number;
}

/** One entity mention, with its offsets in the text. */
export interface NameMention {
  /** Offset of the first character (UTF-16 code units, inclusive). */
  start: number;
  /** Offset just past the last character (exclusive). */
  end: number;
  /** The text of the mention. */
  text: string;
  kind: NameMentionKind;
  /** The words that must be covered: the name words of a name, the whole description of an actor. */
  words: NameWord[];
}

/** Closed-class words: capitalised only because a sentence or a headline starts with them. */
const FUNCTION_WORDS = new Set(
  (
    "a an the this that these those there here it its he she they we you i me him her his hers them their theirs our " +
    "ours your yours my who whom whose which what when where why how in on at of for to with by from as into onto " +
    "over under about after before during since until through against between among within without across along " +
    "around behind beyond near upon via per than then and or but nor so yet if because although though while whether " +
    "not no all both each every either neither some any many most more much other such only also even just like " +
    "is are was were be been being has have had do does did will would shall should can could may might must " +
    "please let"
  ).split(" "),
);

/** Titles and forms of address: part of a person's role, not of a name. */
const TITLES = new Set(
  (
    "Administrator Administrators President Vice Commissioner Comm Chief Assistant Deputy Director Secretary " +
    "Attorney General Agent Special Officer Sheriff Governor Senator Representative Judge Professor Prof Dr Dr. " +
    "Mr Mr. Mrs Mrs. Ms Ms. Sen. Rep. Gov. Publisher Editor Admiral Vice-Admiral Legendary"
  ).split(" "),
);

/** Dates: covered by the numeric scan. */
const DATE_WORDS = new Set([
  ...monthNames,
  ...["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"],
  ...["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
]);

/** Nouns for a person that a described actor ends with. */
const PERSON_NOUNS = [
  "official",
  "officer",
  "agent",
  "dealer",
  "trafficker",
  "seller",
  "supplier",
  "defendant",
  "associate",
  "man",
  "woman",
  "boy",
  "girl",
  "teen",
  "teenager",
  "student",
  "child",
  "victim",
  "administrator",
  "president",
  "prosecutor",
  "investigator",
  "informant",
  "source",
  "elderly",
];

/** Joining words allowed between two name words of one mention. */
const JOINERS = /^(?: (?:of|and|for|the|de|del|la|&|of the|and the) |[ ]|-|–)$/;

// A token: letters, digits and the marks that occur inside names ("A&M", "R.L.", "Felbab-Brown", "Mexico’s").
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}&.’'®-]*/gu;
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
const HAS_CAPITAL = /\p{Lu}/u;
const LOWER_WORD = /\p{Ll}[\p{Ll}’'-]*/gu;

interface Token {
  start: number;
  end: number;
  text: string;
}

/** Trims what follows a name but is not part of it: a possessive, ®, a sentence's full stop. */
function trimToken(start: number, raw: string): Token {
  let text = raw.replace(/(?:[’']s?)$/u, "").replace(/®$/u, "");
  // A full stop belongs to an abbreviation ("U.S.", "D.C.", "R.L.", "Dr."), not to a word.
  if (text.endsWith(".") && !/^(?:\p{Lu}\.)+$|^(?:Dr|Mr|Mrs|Ms|Sen|Rep|Gov|St|Jr|Sr)\.$/u.test(text)) {
    text = text.replace(/\.+$/u, "");
  }
  text = text.replace(/[-’'&]+$/u, "");
  return { start, end: start + text.length, text };
}

/**
 * True when `offset` starts a sentence, a quotation or a list item: before it, past any opening
 * quotes or brackets, is the start of the text, a line break, or a space after sentence
 * punctuation (itself perhaps followed by closing quotes: `said.” They`). A full stop that ends an
 * abbreviation ("the U.S. Sentencing Commission") does not end a sentence.
 */
function startsSentence(text: string, offset: number): boolean {
  let at = offset - 1;
  while (at >= 0 && /[“"‘'([]/u.test(text[at] ?? "")) at--;
  const beforeSpace = at;
  while (at >= 0 && /[ \t\u00a0]/u.test(text[at] ?? "")) at--;
  if (at < 0 || text[at] === "\n") return true;
  if (at === beforeSpace) return false;
  while (at >= 0 && /[”"’')\]]/u.test(text[at] ?? "")) at--;
  const before = text[at] ?? "";
  if (!/[.!?:;—–•-]/u.test(before)) return false;
  return !(before === "." && /(?:^|[^\p{L}])(?:\p{Lu}\.)+$/u.test(text.slice(Math.max(0, at - 12), at + 1)));
}

/** True when the line holding `offset` is set in title case (most of its words capitalised, as a headline is). */
function inTitleCaseLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const words = line.match(/[\p{L}][\p{L}’'-]*/gu) ?? [];
  const content = words.filter((word) => !FUNCTION_WORDS.has(word.toLowerCase()));
  if (content.length < 2) return false;
  const capitalised = content.filter((word) => HAS_CAPITAL.test(word[0] ?? "")).length;
  return capitalised / content.length >= 0.75;
}

/** The lower-case words of a text, to tell an ordinary word written with a capital from a name. */
function lowerCaseWords(text: string): Set<string> {
  return new Set(text.match(LOWER_WORD) ?? []);
}

function isNameWord(text: string, token: Token, lowerWords: ReadonlySet<string>): boolean {
  if (!HAS_CAPITAL.test(token.text)) return false;
  if (FUNCTION_WORDS.has(token.text.toLowerCase()) && CAPITALISED.test(token.text)) return false;
  if (/^(?:A|I)$/u.test(token.text)) return false;
  if (TITLES.has(token.text) || DATE_WORDS.has(token.text)) return false;
  if (CAPITALISED.test(token.text) && lowerWords.has(token.text.toLowerCase())) {
    if (startsSentence(text, token.start) || inTitleCaseLine(text, token.start)) return false;
  }
  return true;
}

/**
 * The parts of a hyphenated token that hold a capital ("DEA" of "DEA-tested", both halves of
 * "Felbab-Brown"): a name may be joined to an ordinary word by a hyphen.
 */
function nameParts(token: Token): NameWord[] {
  const parts: NameWord[] = [];
  for (const part of token.text.matchAll(/[^-–]+/gu)) {
    if (HAS_CAPITAL.test(part[0]))
      parts.push({ start: token.start + part.index, end: token.start + part.index + part[0].length });
  }
  return parts;
}

function nameMentions(text: string): NameMention[] {
  const lowerWords = lowerCaseWords(text);
  const mentions: NameMention[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = trimToken(match.index, match[0]);
    if (token.text === "" || !isNameWord(text, token, lowerWords)) continue;
    const last = mentions.at(-1);
    if (last && JOINERS.test(text.slice(last.end, token.start))) {
      last.end = token.end;
      last.text = text.slice(last.start, last.end);
      last.words.push(...nameParts(token));
      continue;
    }
    mentions.push({ start: token.start, end: token.end, text: token.text, kind: "name", words: nameParts(token) });
  }
  return mentions;
}

// "a senior Mexican government official", "the juvenile dealer", "A 16-year-old male student", "a 15-year-old".
const ACTOR = new RegExp(
  [
    String.raw`\b(?:[Aa]n?|[Tt]he)[ \t\u00a0]+(?:[\p{L}\p{N}-]+[ \t\u00a0]+){0,3}?(?:${PERSON_NOUNS.join("|")})\b(?![-’'])`,
    String.raw`\b(?:[Aa]n?|[Tt]he)[ \t\u00a0]+\d+-year-old(?:[ \t\u00a0]+(?:male|female))?(?:[ \t\u00a0]+(?:student|boy|girl|teen|teenager|dealer))?\b`,
  ].join("|"),
  "gu",
);

function actorMentions(text: string): NameMention[] {
  const found: NameMention[] = [];
  for (const match of text.matchAll(ACTOR)) {
    const start = match.index;
    const end = start + match[0].length;
    found.push({ start, end, text: match[0], kind: "actor", words: [{ start, end }] });
  }
  return found;
}

/** Returns the entity mentions of `text` (names and described actors) in order of position. */
export function findNameMentions(text: string): NameMention[] {
  const names = nameMentions(text);
  const actors = actorMentions(text);
  // A name inside a described actor ("a senior Mexican government official") is the actor's.
  const outside = names.filter((name) => !actors.some((actor) => actor.start <= name.start && name.end <= actor.end));
  return [...outside, ...actors].sort((a, b) => a.start - b.start || b.end - a.end);
}
