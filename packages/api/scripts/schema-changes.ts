/**
 * The breaking-change gate: compares packages/api/schema.graphql with the schema of the last
 * release (packages/api/released/schema-<version>.graphql, the highest version there) using
 * @graphql-inspector/core, and reports every change CHANGELOG.md does not record as it must.
 *
 * The rules (CONTRIBUTING.md, "Changing the API"):
 *  1. Every breaking change (GraphQL Inspector's criticality BREAKING: a field, type, argument or
 *     enum value removed, a type made nullable or changed, a required argument added …) is named in
 *     the `## [Unreleased]` section of CHANGELOG.md by its schema coordinate in backticks, e.g.
 *     `Figure.value` (a field), `Query.figures.filter` (an argument), `Qualifier.VAGUE` (an enum
 *     value) or `FigureGroup` (a type): the coordinate Inspector reports as the change's path.
 *  2. A field, input field or enum value is removed only once a release has marked it
 *     `@deprecated`: removing one the last release did not deprecate fails even when the
 *     changelog names it. Deprecate it, release, then remove it.
 *  3. The last release the changelog lists (`## [x.y.z] - date`) is the stored schema's version.
 *
 * `tsx packages/api/scripts/schema-changes.ts` prints the changes and the problems (exit 1 when
 * there are any); test/schema-changes.test.ts runs the same check in `pnpm test`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Change, ChangeType, CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

const apiDir = resolve(fileURLToPath(import.meta.url), "../..");
export const repoRootDir = resolve(apiDir, "../..");
export const releasedDir = resolve(apiDir, "released");
export const currentSchemaFile = resolve(apiDir, "schema.graphql");
export const changelogFile = resolve(repoRootDir, "CHANGELOG.md");

/** `1.10.0` after `1.9.2`. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (pa[index] ?? 0) - (pb[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The last released schema: its version and file (the highest `schema-<version>.graphql`). */
export function lastRelease(dir = releasedDir): { version: string; file: string } {
  const versions = readdirSync(dir)
    .map((name) => /^schema-(\d+\.\d+\.\d+)\.graphql$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort(compareVersions);
  const version = versions.at(-1);
  if (!version) throw new Error(`${dir} holds no schema-<version>.graphql: the gate has nothing to compare with.`);
  return { version, file: resolve(dir, `schema-${version}.graphql`) };
}

/** The text of the `## [Unreleased]` section (up to the next `## ` heading), or undefined. */
export function unreleasedSection(changelog: string): string | undefined {
  const match = /^## \[Unreleased\][^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog);
  return match?.[1];
}

/** The versions of the `## [x.y.z] - yyyy-mm-dd` headings, newest (first) first. */
export function releasedVersions(changelog: string): string[] {
  return [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}\s*$/gm)].map((match) => match[1]!);
}

/** Whether a removal takes away something the released schema had not deprecated. */
function removesUndeprecated(change: Change): boolean {
  switch (change.type) {
    case ChangeType.FieldRemoved:
      return !(change.meta as { isRemovedFieldDeprecated: boolean }).isRemovedFieldDeprecated;
    case ChangeType.InputFieldRemoved:
      return !(change.meta as { isInputFieldDeprecated: boolean }).isInputFieldDeprecated;
    case ChangeType.EnumValueRemoved:
      return !(change.meta as { isEnumValueDeprecated: boolean }).isEnumValueDeprecated;
    default:
      return false;
  }
}

export interface GateInput {
  /** SDL of the last released schema. */
  released: string;
  /** SDL of the schema now (packages/api/schema.graphql). */
  current: string;
  /** The text of CHANGELOG.md. */
  changelog: string;
  /** The last release's version, when rule 3 is to be checked. */
  releasedVersion?: string;
}

export interface GateResult {
  /** Every change GraphQL Inspector finds, breaking or not. */
  changes: Change[];
  /** One line per rule broken; empty when the gate passes. */
  problems: string[];
}

/** Applies the three rules; see the file comment. */
export async function checkSchemaChanges(input: GateInput): Promise<GateResult> {
  const changes = await diff(buildSchema(input.released), buildSchema(input.current));
  const problems: string[] = [];
  const unreleased = unreleasedSection(input.changelog);
  if (unreleased === undefined) problems.push("CHANGELOG.md has no `## [Unreleased]` section.");
  if (input.releasedVersion !== undefined) {
    const newest = releasedVersions(input.changelog)[0];
    if (newest !== input.releasedVersion)
      problems.push(
        `CHANGELOG.md's newest release is ${newest ?? "none"}, but the stored schema is that of ${input.releasedVersion} (packages/api/released/).`,
      );
  }
  for (const change of changes) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const coordinate = change.path ?? change.message;
    if (removesUndeprecated(change))
      problems.push(
        `${change.message}: it was not @deprecated in the last release. Deprecate \`${coordinate}\` first (with the replacement in the reason), release, then remove it.`,
      );
    if (unreleased !== undefined && !unreleased.includes(`\`${coordinate}\``))
      problems.push(
        `Breaking change not recorded in CHANGELOG.md: ${change.message}. Name \`${coordinate}\` (in backticks) in the [Unreleased] section, saying what clients must change.`,
      );
  }
  return { changes, problems };
}

/** The gate on the repository's files. */
export async function checkRepository(): Promise<GateResult & { releasedVersion: string }> {
  const release = lastRelease();
  const result = await checkSchemaChanges({
    released: readFileSync(release.file, "utf8"),
    current: readFileSync(currentSchemaFile, "utf8"),
    changelog: readFileSync(changelogFile, "utf8"),
    releasedVersion: release.version,
  });
  return { ...result, releasedVersion: release.version };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { changes, problems, releasedVersion } = await checkRepository();
  console.log(`Changes since ${releasedVersion} (packages/api/released/schema-${releasedVersion}.graphql):`);
  for (const change of changes) console.log(`  ${change.criticality.level.padEnd(12)} ${change.message}`);
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
