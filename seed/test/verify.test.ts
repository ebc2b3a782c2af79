import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSourceTexts, sourcesDir } from "../documents.js";
import { loadSeed } from "../load.js";
import { formatProblem } from "../problems.js";
import { checkCoverage, verifyDocuments, verifyEvidence } from "../verify.js";
import {
  byId,
  copyFixtureSeed,
  editYaml,
  fixtureSeedDir,
  fixtureSourcesDir,
  removeTemporaryDirs,
  temporaryDir,
} from "./support.js";

function textsFor(dataset: ReturnType<typeof loadSeed>, dir = fixtureSourcesDir): ReadonlyMap<string, string> {
  const sources = readSourceTexts(dataset.rows.documents, { dir });
  if (!sources.available) throw new Error(sources.reason);
  return sources.texts;
}

afterAll(removeTemporaryDirs);

describe("checks against the document texts", () => {
  const dataset = loadSeed(fixtureSeedDir);
  const texts = textsFor(dataset);

  it("accepts the fixture's documents and spans", () => {
    expect(verifyDocuments(dataset, texts)).toEqual([]);
    expect(verifyEvidence(dataset, texts)).toEqual([]);
  });

  it("reports a span whose text is not at its offset, with both snippets", () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, "figures/harbor-daily.yaml", (figures) => {
      byId(figures, "fig-hd-arrests").evidence.start = 348;
    });
    const moved = loadSeed(seedDir);
    const [problem, ...others] = verifyEvidence(moved, textsFor(moved)).map(formatProblem);
    expect(others).toEqual([]);
    expect(problem?.replaceAll(`${seedDir}/`, "")).toBe(
      "figures/harbor-daily.yaml › fig-hd-arrests › evidence.text: does not match document 'harbor-daily' at offset 348: " +
        'from character 0 the span has "agents arrested 120 peopl", the document has "gents arrested 120 people"; ' +
        "the text occurs at offset 347: run `pnpm seed:locate`",
    );
  });

  it("reports a document whose text changed", () => {
    const dir = temporaryDir();
    cpSync(fixtureSourcesDir, dir, { recursive: true });
    writeFileSync(join(dir, "harbor-daily.txt"), "Something else entirely.\n");
    const problems = verifyDocuments(dataset, textsFor(dataset, dir)).map(
      (problem) => `${problem.recordId} › ${problem.field}`,
    );
    expect(problems).toEqual(["harbor-daily › sha256", "harbor-daily › length"]);
  });

  it("finds every numeric mention covered by a mark or an exclusion", () => {
    expect(checkCoverage(dataset, texts)).toEqual([
      { document: "harbor-daily", mentions: 8, coveredByMarks: 7, coveredByExclusions: 1, uncovered: [] },
      { document: "bay-wire", mentions: 4, coveredByMarks: 3, coveredByExclusions: 1, uncovered: [] },
    ]);
  });

  it("lists a mention that nothing covers", () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, "exclusions.yaml", (exclusions) =>
      exclusions.splice(
        exclusions.findIndex((exclusion) => exclusion.id === "excl-bw-two-states"),
        1,
      ),
    );
    const withoutExclusion = loadSeed(seedDir);
    const bayWire = checkCoverage(withoutExclusion, textsFor(withoutExclusion)).find(
      (row) => row.document === "bay-wire",
    );
    expect(bayWire?.uncovered).toEqual([{ start: 186, end: 189, text: "two", kind: "number-word" }]);
  });
});

describe("finding the source documents", () => {
  it("says where it looked when FENTRACE_SOURCES_DIR points nowhere", () => {
    expect(sourcesDir({ FENTRACE_SOURCES_DIR: "/nonexistent/seeds" })).toEqual({
      reason: "source documents not found at /nonexistent/seeds (from FENTRACE_SOURCES_DIR)",
    });
  });

  it("names the missing files", () => {
    const sources = readSourceTexts([{ id: "x", fileName: "x.txt" }], { dir: fixtureSourcesDir });
    expect(sources).toEqual({
      available: false,
      reason: `source documents not found at ${fixtureSourcesDir}: x.txt; set FENTRACE_SOURCES_DIR`,
    });
  });
});
