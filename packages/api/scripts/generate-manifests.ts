/** Writes packages/api/generated/migrations.json and prisma-docs.json (see manifests.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { generatedDir, manifests } from "./manifests.js";

mkdirSync(generatedDir, { recursive: true });
for (const [path, text] of manifests()) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
