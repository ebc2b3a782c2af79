/**
 * `pnpm curate propose` as a curator runs it: a real subprocess on a short text of our own
 * (written to a temporary file), against a temporary copy of the fixture seed.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Candidate } from "../curate/propose.js";
import { repoRoot } from "../paths.js";
import { Exclusion, Figure } from "../schema.js";
import { runCurate } from "./curate-cli.js";

const TEXT = [
  "Harbor police seized more than 20 million pills in 2024.",
  "About 300 people were arrested, and between 40 and 60 weapons were found.",
  "A 17-year-old paid $40 for a pill that nearly 15% of buyers never tested.",
  "At least 12 pounds of powder came through the port, up to 9 tons by one estimate.",
  "The raid ended on March 3, 2024, and the One Pill Can Kill campaign began.",
  "Officers opened at least 18 cases and 7 inquiries; of 40 cases in all, 5 came via Facebook and 3 on Telegram.",
  "About 50 people died in 2023. That number rose to nearly 70 people in 2024.",
  "Four out of ten pills held a lethal dose, and as many as 30 buyers fell ill.",
].join("\n");

let dir: string;
let seedDir: string;
let file: string;

const propose = (...args: string[]) => runCurate(["propose", ...args]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "curate-propose-"));
  seedDir = join(dir, "seed");
  cpSync(join(repoRoot, "seed/test/fixtures/seed"), seedDir, { recursive: true });
  // Units the fixture seed lacks but this text states.
  appendFileSync(
    join(seedDir, "units.yaml"),
    [
      "- { key: percent, name: percent, canonicalUnit: percent, factor: 1 }",
      "- { key: usd, name: US dollar, canonicalUnit: usd, factor: 1 }",
      "- { key: year, name: year, canonicalUnit: year, factor: 1 }",
      "- { key: weapon, name: weapon, canonicalUnit: weapon, factor: 1 }",
      "- { key: case, name: case, canonicalUnit: case, factor: 1 }",
      "- { key: death, name: death, canonicalUnit: death, factor: 1 }",
      "- { key: lethal_dose_per_person, name: lethal dose per person, canonicalUnit: lethal_dose_per_person, factor: 1 }",
      "",
    ].join("\n"),
  );
  file = join(dir, "harbor-raid.txt");
  writeFileSync(file, TEXT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `curate propose <file> --id <id> --json` on the temporary seed: its candidates, with a clean stderr and exit 0. */
function proposeJson(file: string, id: string): Candidate[] {
  const run = propose(file, "--id", id, "--json", "--seed-dir", seedDir);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Candidate[];
}

/** The candidate whose value mark holds `words`; fails naming every mark when there is none. */
function candidateAt(candidates: readonly Candidate[], words: string): Candidate {
  const found = candidates.find((candidate) => candidate.mark.text.includes(words));
  if (!found)
    throw new Error(`no candidate with "${words}" in its mark: ${candidates.map((c) => c.mark.text).join(" / ")}`);
  return found;
}

describe("curate propose --json", () => {
  let candidates: Candidate[];
  beforeAll(() => {
    candidates = proposeJson(file, "harbor-raid");
  });
  const at = (words: string) => candidateAt(candidates, words);

  it("gives every candidate the agreed fields, with offsets that match the text", () => {
    expect(candidates.length).toBeGreaterThan(8);
    for (const candidate of candidates) {
      for (const field of ["kind", "value", "valueHigh", "scale", "qualifier", "unit", "evidence", "mark"])
        expect(candidate).toHaveProperty(field);
      expect(TEXT.slice(candidate.evidence.start, candidate.evidence.end)).toBe(candidate.evidence.text);
      expect(TEXT.slice(candidate.mark.start, candidate.mark.end)).toBe(candidate.mark.text);
      expect(candidate.evidence.start).toBeLessThanOrEqual(candidate.mark.start);
      expect(candidate.mark.end).toBeLessThanOrEqual(candidate.evidence.end);
    }
  });

  it("reads qualifiers, scales, ranges and units", () => {
    expect(at("20 million")).toMatchObject({
      kind: "figure",
      value: 20,
      scale: "million",
      qualifier: "MORE_THAN",
      unit: "pill",
    });
    expect(at("20 million").evidence.text).toBe("Harbor police seized more than 20 million pills in 2024.");
    expect(at("20 million").period.resolved).toMatchObject({ start: "2024", end: "2024" });
    expect(at("300")).toMatchObject({
      value: 300,
      qualifier: "APPROXIMATE",
      unit: "person",
      mark: { text: "About 300 people" },
    });
    expect(at("40 and 60")).toMatchObject({ value: 40, valueHigh: 60, qualifier: "RANGE", unit: "weapon" });
    expect(at("12 pounds")).toMatchObject({ value: 12, qualifier: "AT_LEAST", unit: "pound" });
    expect(at("9 tons")).toMatchObject({ value: 9, qualifier: "UP_TO", unit: null, unitText: "tons" });
    expect(at("Four out of ten")).toMatchObject({ value: 4, qualifier: "EXACT", unit: "out_of_ten" });
    expect(at("30 buyers")).toMatchObject({
      value: 30,
      qualifier: "UP_TO",
      unit: "person",
      mark: { text: "as many as 30 buyers" },
    });
  });

  it("carries a list's qualifier and noun over to the numbers that state none", () => {
    // "at least 18 cases and 7 inquiries": the qualifier carries over "and".
    expect(at("7 inquiries")).toMatchObject({ value: 7, qualifier: "AT_LEAST" });
    // "5 came via Facebook": no noun of its own, so it counts what the list counts.
    expect(candidates.find((candidate) => candidate.mention.text === "5")).toMatchObject({ value: 5, unit: "case" });
    // "That number rose to nearly 70 people": the same count as the sentence before (deaths).
    expect(at("70 people")).toMatchObject({ value: 70, qualifier: "APPROXIMATE", unit: "death" });
  });

  it("tells money, percentages, ages, dates and names apart", () => {
    expect(at("17")).toMatchObject({ kind: "age", value: 17, unit: "year" });
    expect(at("$40")).toMatchObject({ kind: "money", value: 40, unit: "usd" });
    expect(at("15%")).toMatchObject({ kind: "percentage", value: 15, qualifier: "APPROXIMATE", unit: "percent" });
    expect(at("March 3, 2024").kind).toBe("date");
    expect(at("One")).toMatchObject({ kind: "excluded-looking", value: null });
    // The range's upper end is read with it, not proposed again.
    expect(candidates.filter((candidate) => candidate.mention.text === "60")).toHaveLength(0);
  });
});

describe("curate propose (draft)", () => {
  const draftPath = () => join(seedDir, "drafts", "harbor-raid.yaml");

  it("writes a draft, refuses to replace it without --force, and replaces it with --force", () => {
    const first = propose(file, "--id", "harbor-raid", "--seed-dir", seedDir);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("drafts/harbor-raid.yaml");
    expect(first.stdout).toMatch(/\d+ figures and \d+ exclusions, \d+ TODOs to resolve/);
    const written = readFileSync(draftPath(), "utf8");

    const again = propose(file, "--id", "harbor-raid", "--seed-dir", seedDir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists; pass --force to replace it");
    expect(readFileSync(draftPath(), "utf8")).toBe(written);

    const forced = propose(file, "--id", "harbor-raid", "--force", "--seed-dir", seedDir);
    expect(forced.status).toBe(0);
  });

  it("holds records in the seed's own format once every TODO is replaced", () => {
    const draft = parse(readFileSync(draftPath(), "utf8")) as {
      document: string;
      figures: unknown[];
      exclusions: unknown[];
    };
    expect(draft.document).toBe("harbor-raid");
    const text = readFileSync(draftPath(), "utf8");
    expect(text).toMatch(/metric: "TODO: [a-z_]+ \(\d\.\d\d\)/);
    // As a curator would: take the first alternative of each TODO.
    const resolve = (value: unknown): unknown => {
      if (typeof value === "string" && value.startsWith("TODO"))
        return value
          .replace(/^TODO:\s*/, "")
          .split(" | ")[0]!
          .replace(/ \(\d\.\d\d\)$/, "")
          .replace(/^confirm: /, "");
      if (Array.isArray(value)) return value.map(resolve);
      if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
      return value;
    };
    expect(draft.figures.length).toBeGreaterThan(5);
    for (const figure of draft.figures) {
      const result = Figure.safeParse(resolve(figure));
      expect(result.error?.issues ?? []).toEqual([]);
      const record = result.data!;
      expect(TEXT.slice(record.evidence.start!, record.evidence.start! + record.evidence.text.length)).toBe(
        record.evidence.text,
      );
      expect(record.evidence.text).toContain(record.stated);
    }
    expect(draft.exclusions.length).toBeGreaterThan(0);
    for (const exclusion of draft.exclusions)
      expect(Exclusion.safeParse(resolve(exclusion)).error?.issues ?? []).toEqual([]);
  });

  it("says what is wrong with bad input", () => {
    const missing = propose(join(dir, "nope.txt"), "--seed-dir", seedDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("nope.txt: no such file");
    const badId = propose(file, "--id", "Bad Id", "--seed-dir", seedDir);
    expect(badId.status).toBe(2);
    expect(badId.stderr).toContain('--id "Bad Id"');
  });
});

// Amounts without a number, and numbers in the publisher's words about itself. Proposed as the
// fixture seed's document bay-wire, whose outlet is "Bay Wire".
const OUTLET_TEXT = [
  "Customs officers seized 900 pounds of powder, enough to kill every resident of the state.",
  "A vast majority of the pills tested held fentanyl, and most of the powder came by sea.",
  "Bay Wire now reaches more than 40,000 homes each morning.",
  "Our editors judged 12 entries for the annual prize.",
  "The magazine's circulation passed 5,000 copies in the spring.",
  "“Our officers arrested 30 dealers,” the chief said.",
].join("\n");

describe("curate propose: vague amounts and the outlet's own promotion", () => {
  let candidates: Candidate[];
  beforeAll(() => {
    const outletFile = join(dir, "bay-wire-promo.txt");
    writeFileSync(outletFile, OUTLET_TEXT);
    candidates = proposeJson(outletFile, "bay-wire");
  });
  const at = (words: string) => candidateAt(candidates, words);

  it("proposes a VAGUE figure, with no value, for a quantifier phrase that states no number", () => {
    const vague = { kind: "figure", value: null, valueHigh: null, scale: null, qualifier: "VAGUE" };
    expect(at("enough to kill every")).toMatchObject({ ...vague, vaguePhrase: true, unit: "lethal_dose_per_person" });
    expect(at("A vast majority")).toMatchObject({ ...vague, unit: "percent", mark: { text: "A vast majority" } });
    expect(at("most of the powder")).toMatchObject({ ...vague, unit: "percent" });
    for (const candidate of candidates) {
      expect(OUTLET_TEXT.slice(candidate.mark.start, candidate.mark.end)).toBe(candidate.mark.text);
      expect(OUTLET_TEXT.slice(candidate.evidence.start, candidate.evidence.end)).toBe(candidate.evidence.text);
    }
    expect(at("A vast majority").evidence.text).toBe(
      "A vast majority of the pills tested held fentanyl, and most of the powder came by sea.",
    );
    // The numbers beside them are read as before, and in text order.
    expect(at("900 pounds")).toMatchObject({ value: 900, qualifier: "EXACT", unit: "pound" });
    const starts = candidates.map((candidate) => candidate.mark.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("marks numbers excluded-looking where the outlet speaks about itself, and says why", () => {
    expect(at("40,000")).toMatchObject({ kind: "excluded-looking", value: null });
    expect(at("40,000").excludedBecause).toContain("own outlet (Bay Wire)");
    expect(at("12")).toMatchObject({ kind: "excluded-looking", value: null });
    expect(at("12").excludedBecause).toContain("first person");
    expect(at("5,000")).toMatchObject({ kind: "excluded-looking", value: null });
    expect(at("5,000").excludedBecause).toContain("readership or circulation");
    // Inside a quotation, "Our" is the speaker's, not the publisher's: the count stays a figure.
    expect(at("30 dealers")).toMatchObject({ kind: "figure", value: 30, unit: "person" });
  });

  it("writes the VAGUE figures and the promotion exclusions into the draft in the seed's format", () => {
    const outletFile = join(dir, "bay-wire-promo.txt");
    const run = propose(outletFile, "--id", "bay-wire", "--force", "--seed-dir", seedDir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // The vague amounts are counted apart from the numeric mentions.
    expect(run.stdout).toMatch(/^\d+ numeric mentions: .*; 3 amounts stated without a number \(VAGUE figures\)$/m);
    const draft = parse(readFileSync(join(seedDir, "drafts", "bay-wire.yaml"), "utf8")) as {
      figures: { qualifier: string; stated: string; value?: unknown }[];
      exclusions: { reason: string; evidence: { text: string } }[];
    };
    const majority = draft.figures.find((figure) => figure.stated.includes("vast majority"));
    expect(majority).toMatchObject({ qualifier: "VAGUE" });
    expect(majority?.value).toBeUndefined();
    const reasons = draft.exclusions.map((exclusion) => exclusion.reason).join("\n");
    expect(reasons).toContain("own outlet (Bay Wire)");
  });
});
