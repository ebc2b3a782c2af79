/**
 * The breaking-change gate (scripts/schema-changes.ts): schema.graphql against the last released
 * schema (packages/api/released/), with GraphQL Inspector. It passes on the repository as it is,
 * and the probes prove it fails: on a breaking change the changelog's [Unreleased] section does not
 * name, on a removal the last release had not deprecated, and on a changelog whose newest release
 * is not the stored schema's.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  changelogFile,
  checkRepository,
  checkSchemaChanges,
  currentSchemaFile,
  lastRelease,
  releasedVersions,
  repoRootDir,
  unreleasedSection,
} from "../scripts/schema-changes.js";

const changelog = readFileSync(changelogFile, "utf8");
const current = readFileSync(currentSchemaFile, "utf8");
const release = lastRelease();
const released = readFileSync(release.file, "utf8");

describe("the breaking-change gate on the repository", () => {
  it("passes: every breaking change since the last release is in CHANGELOG.md's [Unreleased]", async () => {
    const { problems, changes } = await checkRepository();
    expect(problems).toEqual([]);
    // The gate has something to check: the release is older than the schema.
    expect(changes.length).toBeGreaterThan(0);
    expect(releasedVersions(changelog)[0]).toBe(release.version);
  });

  it("fails when the changelog's mention of a breaking change is deleted (Figure.value)", async () => {
    const unreleased = unreleasedSection(changelog)!;
    expect(unreleased).toContain("`Figure.value`");
    const without = changelog.replace(unreleased, unreleased.replaceAll("`Figure.value`", "the figure's value"));
    const { problems } = await checkSchemaChanges({ released, current, changelog: without });
    expect(problems).toEqual([
      "Breaking change not recorded in CHANGELOG.md: Field 'Figure.value' changed type from 'Float!' to 'Float'. Name `Figure.value` (in backticks) in the [Unreleased] section, saying what clients must change.",
    ]);
  });

  it("does not count a mention outside [Unreleased] (a released section names it)", async () => {
    const unreleased = unreleasedSection(changelog)!;
    const moved = changelog
      .replace(unreleased, unreleased.replaceAll("`NormalizedValue.value`", "the normalised value"))
      .concat("\n- `NormalizedValue.value` named in an old release only.\n");
    const { problems } = await checkSchemaChanges({ released, current, changelog: moved });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("Name `NormalizedValue.value` (in backticks) in the [Unreleased] section");
  });

  it("fails when the newest release in the changelog is not the stored schema's", async () => {
    const { problems } = await checkSchemaChanges({
      released,
      current,
      changelog: changelog.replace(`## [${release.version}] - `, "## [9.9.9] - "),
      releasedVersion: release.version,
    });
    expect(problems).toEqual([
      `CHANGELOG.md's newest release is 9.9.9, but the stored schema is that of ${release.version} (packages/api/released/).`,
    ]);
  });

  it("runs as a command that prints the changes and exits 0", async () => {
    const { stdout } = await promisify(execFile)(
      resolve(repoRootDir, "node_modules/.bin/tsx"),
      ["packages/api/scripts/schema-changes.ts"],
      { cwd: repoRootDir },
    );
    expect(stdout).toContain(`Changes since ${release.version}`);
    expect(stdout).toContain("BREAKING     Field 'Figure.value' changed type from 'Float!' to 'Float'");
  });
});

describe("the gate's rules, on made-up schemas", () => {
  const before = `
    type Query {
      "Kept."
      kept: Int!
      "Removed without a deprecation."
      dropped: String
      "Removed after a release deprecated it."
      retired: String @deprecated(reason: "Use kept.")
      colour: Colour
    }
    enum Colour { RED GREEN BLUE @deprecated(reason: "No longer measured.") }`;
  const after = `
    type Query {
      "Kept, now nullable."
      kept: Int
      colour: Colour
    }
    enum Colour { RED GREEN }`;
  const log = (unreleased: string) =>
    `# Changelog\n\n## [Unreleased]\n\n${unreleased}\n\n## [0.1.0] - 2026-01-01\n\n- \`Query.kept\` (an older entry)\n`;

  it("names each unrecorded breaking change by its coordinate", async () => {
    const { problems } = await checkSchemaChanges({ released: before, current: after, changelog: log("- Nothing.") });
    expect(problems.filter((problem) => problem.startsWith("Breaking change not recorded"))).toEqual([
      "Breaking change not recorded in CHANGELOG.md: Field 'dropped' was removed from object type 'Query'. Name `Query.dropped` (in backticks) in the [Unreleased] section, saying what clients must change.",
      "Breaking change not recorded in CHANGELOG.md: Field 'retired' (deprecated) was removed from object type 'Query'. Name `Query.retired` (in backticks) in the [Unreleased] section, saying what clients must change.",
      "Breaking change not recorded in CHANGELOG.md: Field 'Query.kept' changed type from 'Int!' to 'Int'. Name `Query.kept` (in backticks) in the [Unreleased] section, saying what clients must change.",
      "Breaking change not recorded in CHANGELOG.md: Enum value 'BLUE' (deprecated) was removed from enum 'Colour'. Name `Colour.BLUE` (in backticks) in the [Unreleased] section, saying what clients must change.",
    ]);
  });

  it("refuses to remove a field the last release had not deprecated, even when the changelog names it", async () => {
    const { problems } = await checkSchemaChanges({
      released: before,
      current: after,
      changelog: log("- `Query.kept` may be null. `Query.dropped`, `Query.retired` and `Colour.BLUE` are removed."),
    });
    expect(problems).toEqual([
      "Field 'dropped' was removed from object type 'Query': it was not @deprecated in the last release. Deprecate `Query.dropped` first (with the replacement in the reason), release, then remove it.",
    ]);
  });

  it("passes once every breaking change is named and only deprecated things are removed", async () => {
    const deprecatedFirst = before.replace(`dropped: String`, `dropped: String @deprecated(reason: "Use kept.")`);
    const { problems, changes } = await checkSchemaChanges({
      released: deprecatedFirst,
      current: after,
      changelog: log("- `Query.kept` may be null. `Query.dropped`, `Query.retired` and `Colour.BLUE` are removed."),
    });
    expect(problems).toEqual([]);
    expect(changes.length).toBeGreaterThanOrEqual(4);
  });

  it("fails on a changelog without an [Unreleased] section", async () => {
    const { problems } = await checkSchemaChanges({
      released: before,
      current: before,
      changelog: "# Changelog\n\n## [0.1.0] - 2026-01-01\n",
    });
    expect(problems).toEqual(["CHANGELOG.md has no `## [Unreleased]` section."]);
  });
});
