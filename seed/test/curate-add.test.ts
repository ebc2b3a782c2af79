/** `pnpm curate add`, run as a subprocess on a temporary copy of the fixture seed. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { analyseSeed } from "../load.js";
import { formatProblem } from "../problems.js";
import { runCurate } from "./curate-cli.js";
import { copyFixtureSeed, fixtureSourcesDir, removeTemporaryDirs, temporaryDir } from "./support.js";

afterAll(removeTemporaryDirs);

const NEW_DOCUMENT =
  "Harbor Police Close Pill Shop\n\nBy Ana Ruiz and Tom Bell\n\nOn March 3, 2032 the police closed a shop 🚨 that sold 40 pills; by May 9, 2032 it had reopened.\n";

/** A seed copy, a sources directory and a new document outside it. */
function setUp(text: string | Buffer = NEW_DOCUMENT, name = "harbor-police.txt") {
  const seedDir = copyFixtureSeed();
  const file = join(temporaryDir(), name);
  writeFileSync(file, text);
  const registry = join(seedDir, "documents.yaml");
  return { seedDir, file, registry, before: readFileSync(registry, "utf8") };
}

const add = (file: string, id: string, seedDir: string) =>
  runCurate(["add", file, "--id", id, "--seed-dir", seedDir], { FENTRACE_SOURCES_DIR: fixtureSourcesDir });

/** A refusal: exit 1, a message naming the problem, documents.yaml byte for byte as it was, no temporary file left. */
function expectRefused(run: ReturnType<typeof add>, setup: ReturnType<typeof setUp>, message: string | RegExp) {
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain("Nothing was written.");
  expect(readFileSync(setup.registry, "utf8")).toBe(setup.before);
  expect(readdirSync(setup.seedDir).filter((name) => name.startsWith("."))).toEqual([]);
}

describe("curate add", () => {
  it("appends the entry after the file's text as it was, with what can be inferred and TODOs for the rest", () => {
    const setup = setUp();
    const run = add(setup.file, "harbor-police", setup.seedDir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const after = readFileSync(setup.registry, "utf8");
    // Comments, flow mappings and line breaks of the existing entries are kept byte for byte.
    expect(after.startsWith(setup.before)).toBe(true);
    const entry = (parse(after) as Record<string, unknown>[]).at(-1);
    expect(entry).toMatchObject({
      id: "harbor-police",
      fileName: "harbor-police.txt",
      title: "Harbor Police Close Pill Shop",
      titleSource: "STATED",
      // UTF-16 code units, as verify.ts counts them: the emoji counts 2.
      length: NEW_DOCUMENT.length,
      sha256: createHash("sha256").update(NEW_DOCUMENT, "utf8").digest("hex"),
      published: { start: "2032-05", end: "2032-05", inferred: true },
      authors: [
        "TODO: the person id of Ana Ruiz (from the byline; add them to people.yaml)",
        "TODO: the person id of Tom Bell (from the byline; add them to people.yaml)",
      ],
    });
    expect(NEW_DOCUMENT.length).toBe([...NEW_DOCUMENT].length + 1);
    expect(after.slice(setup.before.length)).toContain('start: "2032-05"');
    // It says what it wrote, each TODO with its line, and where the build will look for the text.
    const lines = after.split("\n");
    const summaryLine =
      lines.findIndex((line, index) => index >= setup.before.split("\n").length - 1 && line.startsWith("  summary:")) +
      1;
    expect(run.stdout).toContain(`documents.yaml:${summaryLine}: summary: TODO: one or two sentences`);
    expect(run.stdout).toContain('published: 2032-05, a candidate from the latest date stated, "May 9, 2032" (line 5)');
    expect(run.stdout).toContain(
      `export FENTRACE_SOURCES_DIR=${fixtureSourcesDir}${delimiter}${join(setup.file, "..")}`,
    );
    expect(run.stdout).toContain(`pnpm curate propose ${setup.file} --id harbor-police`);
    // The build refuses the entry while its TODOs are there, naming file, line and field.
    const problems = analyseSeed(setup.seedDir).problems.map(formatProblem);
    expect(problems).toContain(
      `${setup.registry}:${summaryLine} › harbor-police › summary: unresolved TODO — one or two sentences, in Fentrace's own words, on what the document reports`,
    );
    expect(problems.filter((problem) => !problem.includes("unresolved TODO"))).toEqual([]);
  });

  it("says the build will find a text that is in the sources directory, and marks a missing headline and date TODO", () => {
    const setup = setUp("the police said on Tuesday that the shop had closed.\n");
    const elsewhere = temporaryDir();
    const again = runCurate(["add", setup.file, "--id", "harbor-police", "--seed-dir", setup.seedDir], {
      FENTRACE_SOURCES_DIR: `${elsewhere}${delimiter}${join(setup.file, "..")}`,
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`The build will read the text from ${join(setup.file, "..")}.`);
    const entry = (parse(readFileSync(setup.registry, "utf8")) as Record<string, unknown>[]).at(-1);
    expect(entry).toMatchObject({
      titleSource: "ASSIGNED",
      title: expect.stringMatching(/^TODO: /),
      published: { start: expect.stringMatching(/^TODO: /), end: expect.stringMatching(/^TODO: /) },
    });
  });

  it("refuses an id that is not kebab-case, suggesting one", () => {
    const setup = setUp();
    expectRefused(
      add(setup.file, "Harbor_Police", setup.seedDir),
      setup,
      /--id "Harbor_Police": .*did you mean --id harbor-police\?/,
    );
  });

  it("refuses an id already taken, suggesting a free one", () => {
    const setup = setUp();
    expectRefused(
      add(setup.file, "harbor-daily", setup.seedDir),
      setup,
      /--id "harbor-daily": already taken .* e\.g\. --id harbor-daily-2/,
    );
  });

  it("refuses a missing file, a directory, an empty file, bytes that are not UTF-8 and a NUL", () => {
    const setup = setUp();
    expectRefused(
      add(join(setup.file, "../nope.txt"), "harbor-police", setup.seedDir),
      setup,
      /nope\.txt: no such file/,
    );
    expectRefused(add(temporaryDir(), "harbor-police", setup.seedDir), setup, /not a file/);
    const empty = setUp(" \n");
    expectRefused(add(empty.file, "harbor-police", empty.seedDir), empty, /is empty/);
    const latin1 = setUp(Buffer.from([0x48, 0x69, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expectRefused(
      add(latin1.file, "harbor-police", latin1.seedDir),
      latin1,
      /harbor-police\.txt:2: not UTF-8 text \(byte 0xE9/,
    );
    const binary = setUp("a\nb\u0000c");
    expectRefused(
      add(binary.file, "harbor-police", binary.seedDir),
      binary,
      /harbor-police\.txt:2: holds a NUL character/,
    );
  }, 60_000);

  it("refuses a text already registered (same SHA-256) and says as which document", () => {
    const setup = setUp(readFileSync(join(fixtureSourcesDir, "harbor-daily.txt")), "copy.txt");
    expectRefused(
      add(setup.file, "harbor-copy", setup.seedDir),
      setup,
      /already registered as document 'harbor-daily' \(same SHA-256/,
    );
  });

  it("refuses a file name another document uses", () => {
    const setup = setUp("Another text entirely, with other words\n", "harbor-daily.txt");
    expectRefused(
      add(setup.file, "harbor-other", setup.seedDir),
      setup,
      /document 'harbor-daily' already uses the file name harbor-daily\.txt/,
    );
  });

  it("exits 2 with the usage when the id or the file is missing", () => {
    const setup = setUp();
    const run = runCurate(["add", setup.file, "--seed-dir", setup.seedDir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--id <document-id> is required");
    expect(run.stderr).toContain("usage: pnpm curate add <file> --id <document-id>");
    expect(readFileSync(setup.registry, "utf8")).toBe(setup.before);
  });
});
