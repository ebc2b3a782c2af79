/**
 * What `pnpm generate` writes into packages/api/generated/ from files outside this package, so
 * that the running API reads none of them:
 *
 * - migrations.json: prisma/migrations by name and checksum (db.ts checks a database against it);
 * - prisma-docs.json: the `///` documentation of prisma/schema.prisma (prisma-docs.ts).
 *
 * (persisted-operations.json, the SDK's operations, is written by the SDK's codegen:
 * packages/sdk/scripts/persisted-operations.ts.) All are committed; the root `generate:check`
 * and test/generated-manifests.test.ts fail when they differ from their sources.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { migrationsOnDisk } from "../src/migrations.js";
import { repoRoot } from "../src/paths.js";
import { parsePrismaDocs, prismaDocsToJson } from "../src/prisma-doc-comments.js";

export const generatedDir = resolve(fileURLToPath(import.meta.url), "../../generated");

function json(source: string, value: object): string {
  const comment = `Generated from ${source} by \`npx -y pnpm@10 generate\` (packages/api/scripts/manifests.ts). Do not edit.`;
  return `${JSON.stringify({ $comment: comment, ...value }, null, 2)}\n`;
}

/** The generated files (absolute path → content), from the current sources. */
export function manifests(): Map<string, string> {
  const schema = readFileSync(resolve(repoRoot, "prisma/schema.prisma"), "utf8");
  return new Map([
    [resolve(generatedDir, "migrations.json"), json("prisma/migrations", { migrations: migrationsOnDisk() })],
    [
      resolve(generatedDir, "prisma-docs.json"),
      json("prisma/schema.prisma", prismaDocsToJson(parsePrismaDocs(schema))),
    ],
  ]);
}
