/**
 * Writes the column tables of docs/downloads.md from the download definitions
 * (src/downloads/docs.ts). Part of `pnpm generate`; `pnpm generate:check` fails when the committed
 * file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "../src/db.js";
import { withColumns } from "../src/downloads/docs.js";

const file = resolve(repoRoot, "docs/downloads.md");
const before = readFileSync(file, "utf8");
const after = withColumns(before);
if (after !== before) writeFileSync(file, after);
console.log(`${after === before ? "unchanged" : "wrote"} ${file}`);
