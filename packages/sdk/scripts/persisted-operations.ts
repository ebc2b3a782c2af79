/**
 * Writes the SDK's operations (src/operations/*.graphql) as persisted operations, id → document,
 * into packages/api/generated/persisted-operations.json, which the API imports: the server then
 * knows them by id without reading this package. Run by `codegen` after graphql-codegen.
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(manifestFile, persistedOperationsManifest());
  console.log(`wrote ${manifestFile}`);
}
