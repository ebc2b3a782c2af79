import { describe, expect, it } from "vitest";
import { locateInSource } from "../tools/locate.js";

const texts = new Map([["doc", "Alpha beta gamma. Beta “delta” beta.\nEpsilon 12,000 zeta."]]);

describe("seed:locate", () => {
  it("fills in a missing start in a block mapping, keeping comments and layout", () => {
    const source =
      "# figures\n- id: fig-x   # first\n  evidence:\n    document: doc  # the doc\n    text: gamma. Beta\n";
    const { output, results } = locateInSource(source, texts);
    expect(output).toBe(
      "# figures\n- id: fig-x   # first\n  evidence:\n    document: doc  # the doc\n    start: 11\n    text: gamma. Beta\n",
    );
    expect(results).toEqual([
      { line: 4, owner: "fig-x", document: "doc", text: "gamma. Beta", outcome: { kind: "filled", start: 11 } },
    ]);
  });

  it("fills in a flow mapping in place", () => {
    const source = '- { id: q, evidence: { document: doc, text: "Epsilon 12,000" } }\n';
    expect(locateInSource(source, texts).output).toBe(
      '- { id: q, evidence: { document: doc, start: 37, text: "Epsilon 12,000" } }\n',
    );
  });

  it("adds start after document when document is the last key", () => {
    const source = "evidence:\n  text: zeta\n  document: doc\n";
    expect(locateInSource(source, texts).output).toBe("evidence:\n  text: zeta\n  document: doc\n  start: 52\n");
  });

  it("corrects a wrong start and leaves a right one alone", () => {
    const wrong = "- { document: doc, start: 3, text: gamma }\n";
    expect(locateInSource(wrong, texts).output).toBe("- { document: doc, start: 11, text: gamma }\n");
    const right = "- { document: doc, start: 11, text: gamma }\n";
    const located = locateInSource(right, texts);
    expect(located.output).toBe(right);
    expect(located.results[0]?.outcome).toEqual({ kind: "ok", start: 11 });
  });

  it("refuses repeated text without occurrence, and uses occurrence when given", () => {
    const ambiguous = locateInSource("- { document: doc, text: beta }\n", texts);
    expect(ambiguous.output).toBe("- { document: doc, text: beta }\n");
    expect(ambiguous.results[0]?.outcome).toEqual({ kind: "ambiguous", offsets: [6, 31] });
    expect(locateInSource("- { document: doc, text: beta, occurrence: 2 }\n", texts).output).toBe(
      "- { document: doc, start: 31, text: beta, occurrence: 2 }\n",
    );
    expect(locateInSource("- { document: doc, text: beta, occurrence: 3 }\n", texts).results[0]?.outcome).toEqual({
      kind: "bad-occurrence",
      occurrence: 3,
      count: 2,
    });
  });

  it("points at the document text when only quotes, dashes or spacing differ", () => {
    const { results } = locateInSource("- { document: doc, text: 'Beta \"delta\"  beta' }\n", texts);
    expect(results[0]?.outcome).toEqual({
      kind: "not-found",
      hint: 'it differs only in quotes, dashes or spacing from the document text at offset 18, which reads: "Beta “delta” beta"',
    });
  });

  it("reports how much of a missing text matches", () => {
    const { results } = locateInSource("- { document: doc, text: Alpha beta gamut }\n", texts);
    expect(results[0]?.outcome).toEqual({
      kind: "not-found",
      hint: 'the first 14 of 16 characters match at offset 0; then the document has "ma. Beta “delta” beta.\\nEp" where the text has "ut"',
    });
  });

  it("reports an unknown document", () => {
    expect(locateInSource("- { document: other, text: x }\n", texts).results[0]?.outcome).toEqual({
      kind: "unknown-document",
    });
  });
});
