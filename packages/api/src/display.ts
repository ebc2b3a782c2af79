/**
 * A figure's display form: the one string to print for it, built from its qualifier, value, scale
 * word and unit (`Figure.display`, the `display` column of figures.csv).
 *
 * - Qualifier words: APPROXIMATE "about", AT_LEAST "at least", MORE_THAN "more than", UP_TO
 *   "up to"; EXACT none; RANGE "50 to 100 times".
 * - Numbers in digits with thousands separators ("15,000", "20.4"), then the scale word
 *   ("8 million"), then the unit: the figure's `displayUnit` where the seed gives one, otherwise the
 *   unit as the source words it ("more than 8 million fake pills"; a bracketed gloss stands for the
 *   source's shorthand: "30s (M30 pills)" is "M30 pills"; a headline's capitals are dropped: "Fake
 *   Prescription Pills"). `displayUnit` exists because the words next to a number are not always a
 *   unit: "three of them fatal" has unitText "fatal", displayed "3 fatal overdoses"; "a 16-year-old"
 *   has "year-old", displayed "16 years old". US dollars are written "$130", "more than $3
 *   million"; percentages "80%" (these ignore the unit words).
 * - VAGUE figures state no number, so their display is the words that state them, never a number:
 *   `displayUnit` or the unit as written ("a huge majority", "a lethal dose to every American"), or for a bare
 *   plural scale word the scale and the unit ("millions of dollars", "dozens of people"). No quote
 *   marks: callers that want to show the words as a quotation add them.
 */

export interface DisplayableFigure {
  qualifier: string;
  value: number | null;
  valueHigh: number | null;
  scale: string | null;
  /** The unit as the source words it. */
  unitText: string;
  /** The unit words to display instead of `unitText`, when the seed gives them (they read after the number). */
  displayUnit: string | null;
  /** The unit's key in the unit table (`usd`, `percent` are written as symbols). */
  unitKey: string;
}

const qualifierWords: Record<string, string> = {
  EXACT: "",
  APPROXIMATE: "about",
  AT_LEAST: "at least",
  MORE_THAN: "more than",
  UP_TO: "up to",
  RANGE: "",
};

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 10 });

/** "millions" for "million", "dozens" for "dozen". */
function pluralScale(scale: string): string {
  return scale.endsWith("s") ? scale : `${scale}s`;
}

/** The words of a VAGUE figure: "dollars (millions)" with scale million is "millions of dollars". */
function vagueWords(figure: DisplayableFigure): string {
  if (figure.displayUnit) return figure.displayUnit;
  const unit = figure.unitText.trim();
  if (!figure.scale) return unit;
  const bracketed = /^(.*?)\s*\(([^()]*)\)$/.exec(unit);
  const scaleWords = bracketed?.[2]?.trim() || pluralScale(figure.scale);
  const what = (bracketed?.[1] ?? unit).trim();
  return what ? `${scaleWords} of ${what}` : scaleWords;
}

/** One number with the unit's symbol and the scale word: "$3 million", "80%", "20.4 million". */
function amount(value: number, figure: DisplayableFigure): string {
  const scaled = figure.scale ? `${numberFormat.format(value)} ${figure.scale}` : numberFormat.format(value);
  if (figure.unitKey === "usd") return `$${scaled}`;
  if (figure.unitKey === "percent") return `${scaled}%`;
  return scaled;
}

/**
 * A headline's capitals dropped: "Fake Prescription Pills" is "fake prescription pills", "Pounds"
 * "pounds"; words not all capitalised ("Texans died") and acronyms ("DEA") are kept.
 */
function sentenceCase(unit: string): string {
  const words = unit.split(/\s+/);
  const headline = words.every((word) => /^[A-Z][a-z]/.test(word));
  return headline ? words.map((word) => word.toLowerCase()).join(" ") : unit;
}

/** The figure's display form (see the module comment). Throws when a stated figure has no value. */
export function displayFigure(figure: DisplayableFigure): string {
  if (figure.qualifier === "VAGUE") return vagueWords(figure);
  if (figure.value === null) {
    throw new Error(`displayFigure: a ${figure.qualifier} figure needs a value (only VAGUE figures have none).`);
  }
  const qualifier = qualifierWords[figure.qualifier];
  if (qualifier === undefined) throw new Error(`displayFigure: unknown qualifier ${figure.qualifier}.`);
  let number = amount(figure.value, figure);
  if (figure.qualifier === "RANGE" && figure.valueHigh !== null) {
    number = `${amount(figure.value, figure)} to ${amount(figure.valueHigh, figure)}`;
  }
  const symbolic = figure.unitKey === "usd" || figure.unitKey === "percent";
  // "30s (M30 pills)": the words in brackets say what the source's shorthand means.
  const unit = symbolic
    ? ""
    : (figure.displayUnit ??
      sentenceCase((/\(([^()]+)\)$/.exec(figure.unitText.trim())?.[1] ?? figure.unitText).trim()));
  return [qualifier, number, unit].filter(Boolean).join(" ");
}
