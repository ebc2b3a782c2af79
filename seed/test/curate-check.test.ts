/** `pnpm curate check`, run as a subprocess on temporary copies of the fixture seed, and the build's refusal of drafts with TODOs. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDatabase } from "../build-database.js";
import { displayPath } from "../paths.js";
import { SeedValidationError } from "../problems.js";
import { runCurate } from "./curate-cli.js";
import { copyFixtureSeed, fixtureSourcesDir, removeTemporaryDirs, temporaryDir } from "./support.js";

afterAll(removeTemporaryDirs);

const env = { FENTRACE_SOURCES_DIR: fixtureSourcesDir };
const check = (seedDir: string, ...args: string[]) => runCurate(["check", ...args, "--seed-dir", seedDir], env);

/** Replaces `from` (which must occur once) in a data file of `seedDir`. */
function edit(seedDir: string, file: string, from: string, to: string): void {
  const path = join(seedDir, file);
  const text = readFileSync(path, "utf8");
  expect(text.split(from).length, `${from} in ${file}`).toBe(2);
  writeFileSync(path, text.replace(from, to));
}

/** A draft with one resolved exclusion and one figure whose metric and label are still TODO. */
const DRAFT = `# A draft as \`pnpm curate propose\` writes it.
document: bay-wire
figures:
  # Its agents were joined by police from the two coastal states.
  - id: fig-bw-states
    metric: "TODO: arrests (0.41) | pills_sold (0.12) | new metric"
    label: "TODO: say what is counted"
    value: 2
    qualifier: EXACT
    unit: person
    unitText: coastal states
    stated: two
    evidence: { document: bay-wire, start: 182, text: the two coastal states }
exclusions: []
`;

describe("curate check", () => {
  it("prints 'nothing left' and exits 0 on a clean seed", () => {
    const seedDir = copyFixtureSeed();
    const run = check(seedDir);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("nothing left\n");
    expect(run.status).toBe(0);
    expect(check(seedDir, "bay-wire").stdout).toBe("nothing left for bay-wire\n");
  });

  it("lists each thing left as file:line: what — what to do, and exits 1", () => {
    const seedDir = copyFixtureSeed();
    const shown = (file: string) => displayPath(join(seedDir, file));
    // A span that no longer matches the text.
    edit(
      seedDir,
      "figures/harbor-daily.yaml",
      "more than 15,000 pounds of fentanyl powder",
      "more than 15,000 pounds of fentanyl pills",
    );
    // A numeric mention no longer covered, and a name mention no longer covered (their exclusions removed).
    edit(
      seedDir,
      "exclusions.yaml",
      "- id: excl-bw-two-states\n  reason: Context, not a figure of the report.\n  evidence: { document: bay-wire, start: 182, text: the two coastal states }\n",
      "",
    );
    edit(
      seedDir,
      "exclusions.yaml",
      'start: 17, text: "Pounds of Fentanyl Seized in 2031, Agency Says"',
      'start: 17, text: "Pounds of Fentanyl Seized"',
    );
    // Unresolved TODOs in a draft.
    mkdirSync(join(seedDir, "drafts"));
    // Its value still TODO too, so the figure is not loaded and marks nothing.
    writeFileSync(join(seedDir, "drafts/bay-wire.yaml"), DRAFT.replace("value: 2", 'value: "TODO: 2 | 1"'));

    const run = check(seedDir);
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    const bayWire = join(fixtureSourcesDir, "bay-wire.txt");
    expect(lines).toContain(
      `${shown("drafts/bay-wire.yaml")}:6: fig-bw-states › metric: unresolved TODO — alternatives: arrests (0.41) | pills_sold (0.12) | new metric; choose one and write it without "TODO"`,
    );
    expect(lines).toContain(
      `${shown("drafts/bay-wire.yaml")}:7: fig-bw-states › label: unresolved TODO — say what is counted`,
    );
    expect(
      lines.find((line) =>
        line.startsWith(
          `${shown("figures/harbor-daily.yaml")}:2: fig-hd-powder › evidence.text — does not match document 'harbor-daily' at offset 102`,
        ),
      ),
    ).toBeDefined();
    expect(lines).toContain(
      `${displayPath(bayWire)}:1: a name that is no entity: "Agency Says" at bay-wire 52–63 in …,000 Pounds of Fentanyl Seized in 2031, «Agency Says»⏎⏎The Coastal Drug Agency reported that … — add it as an entity (organisations.yaml, people.yaml, places.yaml …) or an alias of one, or exclude it with its reason`,
    );
    // The draft's figure has no number yet, so "two" is still uncovered, and check says where to record it.
    expect(
      lines.find((line) =>
        line.startsWith(`${displayPath(bayWire)}:3: uncovered numeric mention "two" at bay-wire 186–189 in `),
      ),
    ).toMatch(new RegExp(`— record it: .* in ${shown("drafts/bay-wire.yaml").replace(/[.]/g, "\\.")}$`));
    expect(lines.at(-1)).toBe(`${lines.length - 2} thing(s) left`);

    // One document only; and --json for scripts.
    const harbor = check(seedDir, "harbor-daily");
    expect(harbor.status).toBe(1);
    expect(harbor.stdout).toContain("fig-hd-powder › evidence.text");
    expect(harbor.stdout).not.toContain("bay-wire");
    const json = JSON.parse(check(seedDir, "bay-wire", "--json").stdout) as {
      kind: string;
      file: string;
      line?: number;
      start?: number;
    }[];
    expect(json.map((todo) => todo.kind).sort()).toEqual(
      expect.arrayContaining(["todo", "todo", "numeric-mention", "name-mention"]),
    );
    expect(json.find((todo) => todo.kind === "numeric-mention")).toMatchObject({
      line: 3,
      start: 186,
      document: "bay-wire",
    });
  }, 60_000);

  it("says when a document's text cannot be found, and exits 2 on bad usage", () => {
    const seedDir = copyFixtureSeed();
    const missing = runCurate(["check", "bay-wire", "--seed-dir", seedDir], { FENTRACE_SOURCES_DIR: temporaryDir() });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(
      /documents\.yaml:\d+: bay-wire: its text bay-wire\.txt was not found .* — point FENTRACE_SOURCES_DIR at its directory/,
    );
    const usage = check(seedDir, "bay-wire", "harbor-daily");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("usage: pnpm curate check");
    const notSeed = runCurate(["check", "--seed-dir", temporaryDir()], env);
    expect(notSeed.status).toBe(2);
    expect(notSeed.stderr).toContain("no documents.yaml there");
  });

  it("the build refuses a draft with TODOs, naming file:line and the alternatives, and writes nothing", async () => {
    const seedDir = copyFixtureSeed();
    mkdirSync(join(seedDir, "drafts"));
    writeFileSync(join(seedDir, "drafts/bay-wire.yaml"), DRAFT);
    const target = join(temporaryDir(), "fentrace.db");
    const build = buildDatabase({ target, seedDir, sourcesDir: fixtureSourcesDir, log: () => {} });
    await expect(build).rejects.toThrow(SeedValidationError);
    const message = await build.catch((error: Error) => error.message);
    const draft = displayPath(join(seedDir, "drafts/bay-wire.yaml"));
    expect(message).toContain(
      `${draft}:6 › fig-bw-states › metric: unresolved TODO — alternatives: arrests (0.41) | pills_sold (0.12) | new metric`,
    );
    expect(message).toContain(`${draft}:7 › fig-bw-states › label: unresolved TODO — say what is counted`);
    // The TODO is reported once, not again as an unknown metric.
    expect(message).not.toContain("unknown metric");
    expect(message).toContain("the seed data has 2 problems");
    expect(existsSync(target)).toBe(false);

    // Resolved, the draft's figure loads like any other (and covers the mention its exclusion covered).
    writeFileSync(
      join(seedDir, "drafts/bay-wire.yaml"),
      DRAFT.replace('"TODO: arrests (0.41) | pills_sold (0.12) | new metric"', "arrests").replace(
        '"TODO: say what is counted"',
        "Coastal states whose police joined",
      ),
    );
    const built = await buildDatabase({ target, seedDir, sourcesDir: fixtureSourcesDir, log: () => {} });
    expect(built.counts.figures).toBeGreaterThan(0);
    expect(existsSync(target)).toBe(true);
  });
});
