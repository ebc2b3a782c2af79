/**
 * Entity mentions: the name scanner (coverage/names.ts), the loader's resolveMentions (every
 * occurrence of an entity's name or alias becomes a Mention row, and aliases must name something),
 * and the entity coverage check (every scanned mention lies inside a Mention or an exclusion),
 * on the fixture seed and on the curated data.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDatabase } from "../build-database.js";
import { findNameMentions } from "../coverage/names.js";
import { openDatabase } from "../database.js";
import { readSourceTexts } from "../documents.js";
import { analyseSeed, loadSeed, resolveMentions } from "../load.js";
import { formatProblem, SeedValidationError } from "../problems.js";
import { checkNameCoverage, formatNameCoverageTable } from "../verify.js";
import { requireSourceTexts } from "./sources.js";
import {
  byId,
  copyFixtureSeed,
  curatedSeedDir,
  editYaml,
  fixtureSeedDir,
  fixtureSourcesDir,
  removeTemporaryDirs,
  temporaryDir,
} from "./support.js";

afterAll(removeTemporaryDirs);

function fixtureTexts(dataset: ReturnType<typeof loadSeed>): ReadonlyMap<string, string> {
  const sources = readSourceTexts(dataset.rows.documents, { dir: fixtureSourcesDir });
  if (!sources.available) throw new Error(sources.reason);
  return sources.texts;
}

/** The scanned mentions of `text` as [text, words covered] pairs. */
function scan(text: string): [string, string[]][] {
  return findNameMentions(text).map((mention) => [
    mention.text,
    mention.words.map((word) => text.slice(word.start, word.end)),
  ]);
}

describe("the name scanner", () => {
  it("joins capitalised words, with joining words between them, into one mention", () => {
    expect(scan("He cited the Centers for Disease Control and Prevention, then Texas A&M University.")).toEqual([
      ["Centers for Disease Control and Prevention", ["Centers", "Disease", "Control", "Prevention"]],
      ["Texas A&M University", ["Texas", "A&M", "University"]],
    ]);
  });

  it("keeps abbreviations and inner capitals, and leaves out possessives, ® and full stops", () => {
    expect(scan("the U.S. and Mexico’s Pacific Coast, sold as Xanax® on TikTok. R.L. Turner")).toEqual([
      ["U.S. and Mexico", ["U.S.", "Mexico"]],
      ["Pacific Coast", ["Pacific", "Coast"]],
      ["Xanax", ["Xanax"]],
      ["TikTok", ["TikTok"]],
      ["R.L. Turner", ["R.L.", "Turner"]],
    ]);
  });

  it("skips closed-class words, titles and dates, and ordinary words that only a sentence start capitalises", () => {
    const text =
      "They met on Monday in March. Fentanyl kills. fentanyl is cheap. DEA Administrator Anne Milgram spoke.";
    expect(scan(text)).toEqual([
      ["DEA", ["DEA"]],
      ["Anne Milgram", ["Anne", "Milgram"]],
    ]);
  });

  it("reads a quotation's first word as a sentence start, but not a word after an abbreviation", () => {
    const text = "The U.S. Sentencing Commission met. “Today we act,” she said about sentencing today.";
    expect(scan(text)).toEqual([["U.S. Sentencing Commission", ["U.S.", "Sentencing", "Commission"]]]);
  });

  it("keeps a capitalised word at a sentence start when the document never writes it in lower case", () => {
    expect(scan("Teague said so. Milgram agreed.")).toEqual([
      ["Teague", ["Teague"]],
      ["Milgram", ["Milgram"]],
    ]);
  });

  it("reads a title-case line as a headline, where ordinary words are capitalised", () => {
    const text = "Mexican Cartels Flood Markets\n\nthe cartels flood markets";
    expect(scan(text)).toEqual([["Mexican", ["Mexican"]]]);
  });

  it("requires only the capitalised parts of a hyphenated word", () => {
    expect(scan("four DEA-tested pills; Vanda Felbab-Brown said")).toEqual([
      ["DEA-tested", ["DEA"]],
      ["Vanda Felbab-Brown", ["Vanda", "Felbab", "Brown"]],
    ]);
  });

  it("finds people described without a name, and the names inside the description are theirs", () => {
    const text =
      "A juvenile dealer messaged him; a senior Mexican government official said so; he sold to a 15-year-old who died. The dealers met.";
    expect(findNameMentions(text).map((mention) => [mention.text, mention.kind])).toEqual([
      ["A juvenile dealer", "actor"],
      ["a senior Mexican government official", "actor"],
      ["a 15-year-old", "actor"],
    ]);
  });
});

describe("resolving entity mentions", () => {
  it("records every occurrence of a name or alias, the longest first, never overlapping", () => {
    const dataset = loadSeed(fixtureSeedDir);
    expect(resolveMentions(dataset, fixtureTexts(dataset))).toEqual([]);
    const byDocument = dataset.rows.mentions
      .filter((mention) => mention.documentId === "harbor-daily")
      .map((mention) => `${mention.start} ${mention.text} → ${mention.entityKind}`);
    expect(byDocument).toEqual([
      "0 Coastal agents → ORGANISATION",
      "28 fentanyl → SUBSTANCE",
      "43 HARBOR CITY → PLACE",
      "61 Coastal Drug Agency → ORGANISATION",
      // "fentanyl powder", not also "fentanyl" inside it.
      "143 fentanyl powder → SUBSTANCE",
      "185 Ada Quill → PERSON",
      "232 the agency → ORGANISATION",
      "275 Operation Tidewater → OPERATION",
      "387 Bo Reyes → PERSON",
      "424 PixApp → ORGANISATION",
      "490 Quill → PERSON",
    ]);
    expect(dataset.rows.mentions.find((mention) => mention.start === 490)).toEqual({
      id: "mention-harbor-daily-490",
      documentId: "harbor-daily",
      start: 490,
      end: 495,
      text: "Quill",
      entityKind: "PERSON",
      personId: "person-ada-quill",
      organisationId: null,
      placeId: null,
      substanceId: null,
      operationId: null,
      eventId: null,
      legalCaseId: null,
    });
  });

  it("reports an alias that occurs in no document, or only inside longer names, and a name two entities share", () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, "people.yaml", (people) => {
      byId(people, "person-ada-quill").aliases = ["Quill", "Director Quill", "Ada"];
    });
    editYaml(seedDir, "places.yaml", (places) => {
      byId(places, "place-coastland").aliases = ["PixApp"];
    });
    const dataset = loadSeed(seedDir);
    const problems = resolveMentions(dataset, fixtureTexts(dataset)).map((problem) =>
      formatProblem(problem).replaceAll(`${seedDir}/`, ""),
    );
    expect(problems).toEqual([
      "places.yaml › place-coastland › aliases[0]: 'PixApp' is also the name of 'org-pixapp'; a mention names one entity, so keep it on one of them",
      "people.yaml › person-ada-quill › aliases[1]: alias 'Director Quill' occurs in no document; an alias is words the documents use",
      "people.yaml › person-ada-quill › aliases[2]: alias 'Ada' occurs only inside longer names, so it names no mention; drop it",
    ]);
  });
});

describe("building the database", () => {
  const quiet = () => {};

  it("inserts a Mention row for every mention the loader resolves", async () => {
    const target = join(temporaryDir(), "mentions.db");
    const result = await buildDatabase({ target, seedDir: fixtureSeedDir, sourcesDir: fixtureSourcesDir, log: quiet });
    const dataset = loadSeed(fixtureSeedDir);
    resolveMentions(dataset, fixtureTexts(dataset));
    expect(result.counts.mentions).toBe(dataset.rows.mentions.length);
    const client = openDatabase(target, { readonly: true });
    try {
      const rows = await client.mention.findMany({ orderBy: [{ documentId: "asc" }, { start: "asc" }] });
      const expected = [...dataset.rows.mentions].sort(
        (a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start,
      );
      expect(rows).toEqual(expected);
    } finally {
      await client.$disconnect();
    }
  });

  it("fails on an alias that names nothing", async () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, "people.yaml", (people) => {
      byId(people, "person-bo-reyes").aliases = ["Reyes the Elder"];
    });
    const build = buildDatabase({
      target: join(temporaryDir(), "x.db"),
      seedDir,
      sourcesDir: fixtureSourcesDir,
      log: quiet,
    });
    await expect(build).rejects.toThrow(SeedValidationError);
    await expect(build).rejects.toThrow("alias 'Reyes the Elder' occurs in no document");
  });
});

describe("entity coverage", () => {
  it("finds every scanned mention of the fixture covered by an entity or an exclusion", () => {
    const dataset = loadSeed(fixtureSeedDir);
    const texts = fixtureTexts(dataset);
    resolveMentions(dataset, texts);
    const rows = checkNameCoverage(dataset, texts);
    expect(
      rows.map(({ document, mentions, coveredByEntities, coveredByExclusions, uncovered }) => ({
        document,
        mentions,
        coveredByEntities,
        coveredByExclusions,
        uncovered: uncovered.length,
      })),
    ).toEqual([
      { document: "harbor-daily", mentions: 9, coveredByEntities: 8, coveredByExclusions: 1, uncovered: 0 },
      { document: "bay-wire", mentions: 4, coveredByEntities: 2, coveredByExclusions: 2, uncovered: 0 },
    ]);
    expect(rows[0]?.entityMentions).toEqual({ ORGANISATION: 4, PERSON: 3, PLACE: 1, SUBSTANCE: 2, OPERATION: 1 });
  });

  it("lists a name once its alias is gone", () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, "people.yaml", (people) => {
      byId(people, "person-ada-quill").aliases = [];
    });
    const dataset = loadSeed(seedDir);
    const texts = fixtureTexts(dataset);
    expect(resolveMentions(dataset, texts)).toEqual([]);
    const harbor = checkNameCoverage(dataset, texts).find((row) => row.document === "harbor-daily");
    expect(harbor?.uncovered).toEqual([
      { start: 490, end: 495, text: "Quill", kind: "name", words: [{ start: 490, end: 495 }] },
    ]);
  });

  it("lists an unnamed actor that no entity or exclusion covers", () => {
    const dataset = loadSeed(fixtureSeedDir);
    const texts = new Map(fixtureTexts(dataset));
    texts.set("harbor-daily", `${texts.get("harbor-daily")}A senior official agreed.\n`);
    resolveMentions(dataset, texts);
    const harbor = checkNameCoverage(dataset, texts).find((row) => row.document === "harbor-daily");
    expect(harbor?.uncovered.map((mention) => [mention.text, mention.kind])).toEqual([["A senior official", "actor"]]);
  });
});

describe("the curated seed data", () => {
  it("covers every entity mention of the source documents", (context) => {
    const analysis = analyseSeed(curatedSeedDir);
    const texts = requireSourceTexts(analysis.rows.documents, context);
    if (analysis.problems.length > 0) {
      throw new Error(
        `the curated seed has ${analysis.problems.length} problems; fix those first (curated-data.test.ts)`,
      );
    }
    expect(resolveMentions(analysis, texts).map(formatProblem)).toEqual([]);
    const coverage = checkNameCoverage(analysis, texts);
    console.log(`entity-mention coverage per source document:\n${formatNameCoverageTable(coverage)}`);
    const uncovered = coverage.flatMap((row) =>
      row.uncovered.map((mention) => `${row.document} @${mention.start}: ${mention.text}`),
    );
    expect(uncovered).toEqual([]);
  });
});
