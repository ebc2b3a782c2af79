/**
 * Writes the SDK's operations (src/operations/*.graphql) as persisted operations, id → document,
 * into packages/api/generated/persisted-operations.json, which the API imports: the server then
 * knows them by id without reading this package; and each operation's id by name into
 * src/generated/persisted-ids.ts, which the client sends instead of the text. Run by `codegen`
 * after graphql-codegen.
 *
 * The file is committed and never edited by hand; the root `generate:check` fails when
 * regenerating changes it. Ids are the API's (packages/api/src/operations/persisted-ids.ts): the
 * SHA-256 of the canonical text. It lives in the API's package rather than behind an export of
 * this one because this package already depends on the API (its schema, its tests' server): a
 * dependency back would be a cycle of workspace packages, which pnpm warns about and cannot order.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { persistedOperationsOfFiles } from "../../api/src/operations/persisted-ids.js";

const sdkDir = resolve(fileURLToPath(import.meta.url), "../..");
const repoRoot = resolve(sdkDir, "../..");
const operationsDir = join(sdkDir, "src/operations");
export const manifestFile = resolve(repoRoot, "packages/api/generated/persisted-operations.json");

/** The manifest's text for the current operation files. */
export function persistedOperationsManifest(dir: string = operationsDir): string {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => ({ file: relative(repoRoot, join(dir, name)), text: readFileSync(join(dir, name), "utf8") }));
  const operations = persistedOperationsOfFiles("sdk", files);
  const manifest = {
    $comment:
      "Generated from packages/sdk/src/operations/*.graphql by packages/sdk/scripts/persisted-operations.ts (`npx -y pnpm@10 generate`). Do not edit.",
    operations,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Where the SDK's own table of ids goes: the generated methods send these instead of their text. */
export const idsFile = join(sdkDir, "src/generated/persisted-ids.ts");

/** The text of src/generated/persisted-ids.ts: each operation's name → its persisted-operation id. */
export function persistedIdsModule(dir: string = operationsDir): string {
  const { operations } = JSON.parse(persistedOperationsManifest(dir)) as { operations: { id: string; name: string }[] };
  const entries = operations
    .map(({ name, id }) => `  ["${name}", "${id}"],`)
    .sort()
    .join("\n");
  return [
    "/* eslint-disable */",
    "// biome-ignore-all lint: generated code",
    "// Generated from packages/sdk/src/operations/*.graphql by packages/sdk/scripts/persisted-operations.ts.",
    "// Do not edit: run `npx -y pnpm@10 generate` (from the repository root).",
    "",
    "/** The persisted-operation id (SHA-256 of the canonical text) of each generated method's document, by operation name. */",
    "// A Map of pairs rather than an object: bundlers would print an object's `node` key as `node:`,",
    "// which reads like a Node built-in to the packaging test's check of the browser bundle.",
    "export const persistedIds: ReadonlyMap<string, string> = new Map([",
    entries,
    "]);",
    "",
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(manifestFile, persistedOperationsManifest());
  console.log(`wrote ${manifestFile}`);
  writeFileSync(idsFile, persistedIdsModule());
  console.log(`wrote ${idsFile}`);
}
