/**
 * displayFigure (src/display.ts): each qualifier, symbol units, scale words, displayUnit and VAGUE
 * figures on made-up figures; and on the curated data, through the API, every figure's display
 * reads "<qualifier> <number> [scale] <unit>" with the unit a noun phrase (rules below, which are
 * shown to reject the forms the data once printed), never a number for a VAGUE figure, and the list
 * of all of them matches the reviewed snapshot __snapshots__/figure-displays.txt.
 */
import { describe, expect, it } from "vitest";
import { type DisplayableFigure, displayFigure } from "../src/display.js";
import { data, graphql } from "./helpers.js";

const figure = (fields: Partial<DisplayableFigure>): DisplayableFigure => ({
  qualifier: "EXACT",
  value: 1,
  valueHigh: null,
  scale: null,
  unitText: "pills",
  displayUnit: null,
  unitKey: "pill",
  ...fields,
});

describe("displayFigure", () => {
  it("puts the qualifier, the number, the scale word and the unit as written in that order", () => {
    expect(displayFigure(figure({ qualifier: "MORE_THAN", value: 8, scale: "million", unitText: "fake pills" }))).toBe(
      "more than 8 million fake pills",
    );
    expect(displayFigure(figure({ value: 20.4, scale: "million", unitText: "fake prescription pills" }))).toBe(
      "20.4 million fake prescription pills",
    );
    expect(displayFigure(figure({ qualifier: "APPROXIMATE", value: 900, unitText: "people" }))).toBe(
      "about 900 people",
    );
    expect(displayFigure(figure({ qualifier: "AT_LEAST", value: 46, unitText: "overdoses" }))).toBe(
      "at least 46 overdoses",
    );
    expect(displayFigure(figure({ qualifier: "UP_TO", value: 10, unitText: "juvenile overdoses" }))).toBe(
      "up to 10 juvenile overdoses",
    );
  });

  it("writes thousands with separators and keeps decimals", () => {
    expect(displayFigure(figure({ qualifier: "MORE_THAN", value: 15000, unitText: "pounds", unitKey: "pound" }))).toBe(
      "more than 15,000 pounds",
    );
    expect(displayFigure(figure({ value: 0.25, unitText: "grams" }))).toBe("0.25 grams");
    expect(displayFigure(figure({ value: 40, unitText: "30s (M30 pills)" }))).toBe("40 M30 pills");
    expect(displayFigure(figure({ value: 8, scale: "million", unitText: "Fake Prescription Pills" }))).toBe(
      "8 million fake prescription pills",
    );
    expect(displayFigure(figure({ value: 900, unitText: "people" }))).toBe("900 people");
    expect(displayFigure(figure({ value: 130, unitText: "DEA investigations" }))).toBe("130 DEA investigations");
  });

  it("writes a range as its two ends", () => {
    expect(
      displayFigure(
        figure({ qualifier: "RANGE", value: 50, valueHigh: 100, unitText: "times more potent", unitKey: "times" }),
      ),
    ).toBe("50 to 100 times more potent");
  });

  it("writes dollars with $ and percentages with %, whatever the words", () => {
    expect(displayFigure(figure({ value: 130, unitText: "$", unitKey: "usd" }))).toBe("$130");
    expect(
      displayFigure(
        figure({ qualifier: "MORE_THAN", value: 3, scale: "million", unitText: "dollars", unitKey: "usd" }),
      ),
    ).toBe("more than $3 million");
    expect(displayFigure(figure({ qualifier: "MORE_THAN", value: 80, unitText: "%", unitKey: "percent" }))).toBe(
      "more than 80%",
    );
    expect(
      displayFigure(figure({ qualifier: "APPROXIMATE", value: 64, unitText: "percent", unitKey: "percent" })),
    ).toBe("about 64%");
  });

  it("prints displayUnit instead of the unit as written, when the seed gives one", () => {
    expect(displayFigure(figure({ value: 3, unitText: "fatal", displayUnit: "fatal overdoses" }))).toBe(
      "3 fatal overdoses",
    );
    expect(displayFigure(figure({ value: 16, unitText: "year-old", displayUnit: "years old" }))).toBe("16 years old");
    expect(
      displayFigure(figure({ qualifier: "VAGUE", value: null, unitText: "most", displayUnit: "most of the drugs" })),
    ).toBe("most of the drugs");
    // Symbols stand for the unit of dollars and percentages, whatever the words.
    expect(displayFigure(figure({ value: 80, unitText: "%", displayUnit: "percent", unitKey: "percent" }))).toBe("80%");
  });

  it("shows a VAGUE figure's words and no number", () => {
    expect(
      displayFigure(
        figure({ qualifier: "VAGUE", value: null, scale: "million", unitText: "dollars (millions)", unitKey: "usd" }),
      ),
    ).toBe("millions of dollars");
    expect(displayFigure(figure({ qualifier: "VAGUE", value: null, scale: "dozen", unitText: "people" }))).toBe(
      "dozens of people",
    );
    expect(
      displayFigure(figure({ qualifier: "VAGUE", value: null, unitText: "a huge majority", unitKey: "percent" })),
    ).toBe("a huge majority");
  });

  it("refuses a stated figure without a value, naming its qualifier", () => {
    expect(() => displayFigure(figure({ qualifier: "MORE_THAN", value: null }))).toThrow(
      /MORE_THAN figure needs a value/,
    );
  });
});

/*
 * The rules a display's unit must follow to read as a noun phrase after its number. English has no
 * small closed test for "is a noun phrase", so the rules reject what the data has got wrong (a
 * sentence fragment taken as the unit) and the snapshot below makes every display a reviewed one.
 * The word lists are closed classes (prepositions, relative pronouns) or the verbs and adjectives
 * of the three articles' figure sentences; a new figure with a new fragment shows in the snapshot.
 */
const PREPOSITIONS = new Set(["of", "out", "in", "on", "to", "at", "by", "for", "with", "from", "than", "per", "over"]);
const RELATIVE_PRONOUNS = new Set(["that", "who", "which", "whose"]);
/** Comparatives open a postmodifier after the head noun: "times more potent than morphine". */
const COMPARATIVES = new Set(["more", "less"]);
const VERBS = new Set([
  ...["die", "died", "dies", "stand", "stands", "kill", "killed", "is", "are", "was", "were", "has", "have", "had"],
  ...["used", "use", "contain", "contains", "charged", "sold", "seized", "said"],
]);
const ADJECTIVES = new Set([
  ...["fatal", "lethal", "deadly", "taller", "tall", "old", "year-old", "main", "rival", "other", "juvenile"],
  ...["fake", "potent", "fentanyl-laced", "criminal", "social"],
]);
/** Numbers are written in digits in a display ("2 of 3 people", not "2 of three people"). */
const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b/i;
/** The qualifiers' words, and the source's synonyms for them: none may appear twice, or in the unit. */
const QUALIFIER_PHRASES = ["about", "around", "approximately", "more than", "over", "at least", "up to", "as many as"];
/** "4 out of 10 …", "2 of 3 …": a share, whose whole is part of the unit. */
const RATIO = /^(?:out of|of) \d[\d,]* (.+)$/;
/** An age: "16 years old". */
const AGE = /^years? old$/;

/** Why `unit` does not read as a noun phrase after a number; empty when it does. */
function nounPhraseProblems(unit: string): string[] {
  const problems: string[] = [];
  if (NUMBER_WORDS.test(unit)) problems.push(`a number in words (${NUMBER_WORDS.exec(unit)?.[0]}): write digits`);
  for (const phrase of QUALIFIER_PHRASES) {
    if (new RegExp(`\\b${phrase}\\b`, "i").test(unit)) problems.push(`qualifier words "${phrase}" in the unit`);
  }
  if (AGE.test(unit)) return problems;
  const phrase = RATIO.exec(unit)?.[1] ?? unit;
  const words = phrase.split(" ");
  const first = words[0]?.toLowerCase() ?? "";
  if (PREPOSITIONS.has(first)) problems.push(`starts with the preposition "${first}": the noun is missing`);
  // The head noun ends the words before a postmodifier (a prepositional phrase, a relative clause,
  // a comparative); the number counts it.
  const cut = words.findIndex(
    (word, index) => index > 0 && (PREPOSITIONS.has(word) || RELATIVE_PRONOUNS.has(word) || COMPARATIVES.has(word)),
  );
  const premodified = cut === -1 ? words : words.slice(0, cut);
  const head = premodified.at(-1)?.toLowerCase() ?? "";
  const verb = premodified.find((word) => VERBS.has(word.toLowerCase()));
  if (verb) problems.push(`the verb "${verb}" outside a relative clause: a sentence, not a unit`);
  if (ADJECTIVES.has(head)) problems.push(`ends in the adjective "${head}": no noun for the number to count`);
  if (cut !== -1 && words[cut] === "of") {
    problems.push(`"${premodified.join(" ")} of …": the number belongs to what follows "of"; put it first`);
  }
  return problems;
}

describe("the noun-phrase rules", () => {
  it("reject the units the data printed before displayUnit", () => {
    for (const unit of [
      "fatal",
      "deaths of students",
      "of three people",
      "stand taller",
      "year-old",
      "Texans died",
      "out of ten",
      "over eight million pills",
    ]) {
      expect(nounPhraseProblems(unit), unit).not.toEqual([]);
    }
  });

  it("accept noun phrases with their modifiers, shares and ages", () => {
    for (const unit of [
      "fake prescription pills",
      "times more potent than morphine",
      "other users on Snapchat",
      "Xanax pills per month",
      "criminal cells that stand taller",
      "out of 10 DEA-tested fake prescription pills",
      "of 3 people",
      "years old",
      "student deaths",
    ]) {
      expect(nounPhraseProblems(unit), unit).toEqual([]);
    }
  });
});

const FIGURE_DISPLAYS = graphql(`{
  figures(first: 100) {
    totalCount
    edges { node { slug display qualifier value valueHigh scale unitKey evidence { text } } }
  }
}`);

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 10 });
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("Figure.display on the curated data", () => {
  it("reads <qualifier> <number> [scale] <unit> for every figure, or the source's words for a VAGUE one", async () => {
    const result = await data(FIGURE_DISPLAYS);
    const nodes = result.figures.edges.map((edge) => edge.node);
    expect(nodes.length).toBe(result.figures.totalCount);
    expect(nodes.length).toBeGreaterThan(50);
    const qualifierWords: Record<string, string> = {
      APPROXIMATE: "about ",
      AT_LEAST: "at least ",
      MORE_THAN: "more than ",
      UP_TO: "up to ",
    };
    const problems: string[] = [];
    for (const node of nodes) {
      const flag = (reason: string) => problems.push(`${node.slug}: "${node.display}": ${reason}`);
      if (/\b(\w+) \1\b/i.test(node.display)) flag("a word written twice");
      if (node.qualifier === "VAGUE") {
        if (/\d/.test(node.display)) flag("a number in a VAGUE figure, which states none");
        const evidence = node.evidence.text.replace(/["“”]/g, "").toLowerCase();
        const scaleOfWhat = node.scale ? new RegExp(`^${escapeRegExp(node.scale)}s of \\w+`).test(node.display) : false;
        if (!scaleOfWhat && !evidence.includes(node.display.toLowerCase())) {
          flag("a VAGUE figure's display is its words in the evidence, or '<scale>s of <unit>'");
        }
        continue;
      }
      if (node.value === null) {
        flag("no value");
        continue;
      }
      const symbol = node.unitKey === "usd" ? "\\$" : "";
      const amount = (value: number) => `${symbol}${escapeRegExp(numberFormat.format(value))}`;
      const number =
        node.qualifier === "RANGE" && node.valueHigh !== null
          ? `${amount(node.value)} to ${amount(node.valueHigh)}`
          : amount(node.value);
      const scale = node.scale ? ` ${escapeRegExp(node.scale)}` : "";
      const form = new RegExp(`^${escapeRegExp(qualifierWords[node.qualifier] ?? "")}${number}${scale}(%|$| (.+)$)`);
      const match = form.exec(node.display);
      if (!match) {
        flag(`not "${qualifierWords[node.qualifier] ?? ""}${number.replaceAll("\\", "")}${scale} <unit>"`);
        continue;
      }
      const unit = match[2];
      if (node.unitKey === "percent" && match[1] !== "%") flag("a percentage ends in %");
      if (node.unitKey !== "percent" && node.unitKey !== "usd" && !unit) flag("no unit");
      if (unit) for (const problem of nounPhraseProblems(unit)) flag(`unit "${unit}": ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it("prints the reviewed display of every figure (approve a change by reading the snapshot's diff)", async () => {
    const result = await data(FIGURE_DISPLAYS);
    const lines = result.figures.edges.map((edge) => `${edge.node.slug}\t${edge.node.display}`);
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("./__snapshots__/figure-displays.txt");
  });
});
