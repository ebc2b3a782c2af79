/**
 * displayFigure (src/display.ts): each qualifier, symbol units, scale words and VAGUE figures on
 * made-up figures; and on the curated data, through the API, every figure's display states its
 * scale word and qualifier and never a number for a VAGUE figure.
 */
import { describe, expect, it } from "vitest";
import { type DisplayableFigure, displayFigure } from "../src/display.js";
import { data } from "./helpers.js";

const figure = (fields: Partial<DisplayableFigure>): DisplayableFigure => ({
  qualifier: "EXACT",
  value: 1,
  valueHigh: null,
  scale: null,
  unitText: "pills",
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
    expect(displayFigure(figure({ qualifier: "APPROXIMATE", value: 900, unitText: "Texans died" }))).toBe(
      "about 900 Texans died",
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
    expect(displayFigure(figure({ value: 900, unitText: "Texans died" }))).toBe("900 Texans died");
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
    expect(displayFigure(figure({ value: 4, unitText: "out of ten", unitKey: "out_of_ten" }))).toBe("4 out of ten");
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

describe("Figure.display on the curated data", () => {
  it("states every figure's qualifier, scale word and unit, and no number for a VAGUE one", async () => {
    const result = (await data(
      "{ figures(first: 100) { edges { node { display qualifier value scale unit } } } }",
    )) as {
      figures: {
        edges: {
          node: { display: string; qualifier: string; value: number | null; scale: string | null; unit: string };
        }[];
      };
    };
    const nodes = result.figures.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(50);
    const words: Record<string, string> = {
      APPROXIMATE: "about ",
      AT_LEAST: "at least ",
      MORE_THAN: "more than ",
      UP_TO: "up to ",
    };
    for (const node of nodes) {
      if (node.scale) expect(node.display, node.display).toMatch(new RegExp(`\\b${node.scale}`));
      if (node.qualifier === "VAGUE") {
        expect(node.display, node.display).not.toMatch(/\d/);
        continue;
      }
      expect(node.display.startsWith(words[node.qualifier] ?? ""), node.display).toBe(true);
      expect(node.display.replaceAll(",", ""), node.display).toContain(String(node.value));
    }
  });
});
