/** Writes packages/api/schema.graphql: the printed, sorted schema (committed; a test checks it). */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../src/schema/index.js";

export const schemaFile = resolve(fileURLToPath(import.meta.url), "../../schema.graphql");

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

writeFileSync(schemaFile, printedSchema());
console.log(`wrote ${schemaFile}`);
