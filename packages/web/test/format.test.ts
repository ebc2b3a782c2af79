/** The page's wording of numbers, qualifiers, periods and evidence marks. */
import { describe, expect, it } from "vitest";
import {
  capitalise,
  chartSources,
  compactNormalized,
  isInexact,
  markedSpan,
  normalizedStated,
  normalizedText,
  outletOf,
  periodShort,
  qualifierLabel,
} from "../src/format.js";
import type { Figure } from "../src/types.js";

describe("format", () => {
  it("words a normalised mass with its qualifier, in full and for phones, and marks inexact numbers", () => {
    const mass = {
      qualifier: "MORE_THAN" as const,
      normalized: { value: 6803.88555, valueHigh: null, unit: "kilogram" },
    };
    expect(normalizedStated(mass)).toBe("more than 6,804 kg");
    expect(compactNormalized(mass)).toBe("> 6.8K kg");
    expect(normalizedStated({ ...mass, qualifier: "EXACT" })).toBe("6,804 kg");
    expect([
      isInexact({ qualifier: "EXACT" }),
      isInexact({ qualifier: "APPROXIMATE" }),
      isInexact({ qualifier: "RANGE" }),
    ]).toEqual([false, true, true]);
  });

  it("names each document of a chart once, with its outlet", () => {
    const figure = (slug: string, title: string, outlet: string) => ({
      document: { slug, title },
      citation: { short: `${outlet} (2021), processed by Fentrace`, long: "", datasetVersion: "" },
    });
    expect(
      chartSources([
        figure("a", "First", "Latin Post"),
        figure("b", "Second", "KVUE"),
        figure("a", "First", "Latin Post"),
      ]),
    ).toEqual(["Latin Post, “First”", "KVUE, “Second”"]);
  });

  it("labels qualifiers, capitalises, and says when no number is stated", () => {
    // The numbers with their qualifier and unit are the API's Figure.display (packages/api/test/display.test.ts).
    expect(capitalise("at least 76 cases")).toBe("At least 76 cases");
    expect(qualifierLabel("UP_TO")).toBe("Up to");
    expect(qualifierLabel("VAGUE")).toBe("No number stated");
    expect(normalizedText({ value: null, valueHigh: null, unit: "usd" })).toBe("no number stated");
    expect(qualifierLabel("EXACT")).toBe("Exact");
  });

  it("words normalised values and periods briefly", () => {
    expect(normalizedText({ value: 6803.88555, valueHigh: null, unit: "kilogram" })).toBe("6,804 kg");
    expect(normalizedText({ value: 80, valueHigh: null, unit: "percent" })).toBe("80%");
    expect(normalizedText({ value: 34, valueHigh: null, unit: "case" })).toBe("34 cases");
    expect(normalizedText({ value: 776, valueHigh: null, unit: "person" })).toBe("776 people");
    expect(normalizedText({ value: 1, valueHigh: null, unit: "lethal_dose_per_person" })).toBe(
      "1 lethal dose per person",
    );
    expect(normalizedText({ value: 2, valueHigh: null, unit: "criminal_group" })).toBe("2 criminal groups");
    expect(periodShort({ start: "2021-01-01", end: "2021-12-31", text: "2021" })).toBe("2021");
    expect(periodShort({ start: "2021-09-29", end: "2021-12-14", text: "29 September 2021 – 14 December 2021" })).toBe(
      "29 Sep – 14 Dec 2021",
    );
    expect(periodShort({ start: "2020-12-01", end: "2021-11-30", text: "December 2020 – November 2021" })).toBe(
      "Dec 2020 – Nov 2021",
    );
    expect(periodShort({ start: null, end: null, text: "unknown" })).toBe("period not stated");
    expect(
      outletOf({ citation: { short: "Latin Post (2021), processed by Fentrace", long: "", datasetVersion: "x" } }),
    ).toBe("Latin Post");
  });

  it("splits an evidence span around its marks (document offsets)", () => {
    const evidence: Figure["evidence"] = {
      text: "DEA agents reported 28 cases in Messenger, 34 via Snapchat.",
      start: 100,
      end: 159,
      document: { slug: "d", title: "D" },
      marks: { edges: [{ node: { role: "VALUE", text: "34 via Snapchat", start: 143, end: 158 } }] },
    };
    expect(markedSpan(evidence)).toEqual([
      { text: "DEA agents reported 28 cases in Messenger, ", role: null },
      { text: "34 via Snapchat", role: "VALUE" },
      { text: ".", role: null },
    ]);
  });
});
