/**
 * The `///` documentation of prisma/schema.prisma, read once at startup.
 *
 * The Pothos generator only copies documentation into `getDatamodel()` when its `documentation`
 * option is set, and never for enums. Reading the documented schema directly keeps the GraphQL
 * descriptions of models, fields and enum values identical to the data model's, with one source.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./db.js";

export interface PrismaDocs {
  /** Documentation of each model and enum, by name. */
  types: Map<string, string>;
  /** Documentation of each model field or enum value, by `Type.member`. */
  members: Map<string, string>;
}

/** Parses the `///` comments of a Prisma schema: each applies to the declaration that follows. */
export function parsePrismaDocs(source: string): PrismaDocs {
  const types = new Map<string, string>();
  const members = new Map<string, string>();
  let pending: string[] = [];
  let current: string | null = null;
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("///")) {
      pending.push(line.slice(3).trim());
      continue;
    }
    const doc = pending.join(" ");
    pending = [];
    const block = /^(model|enum)\s+(\w+)\s*\{/.exec(line);
    if (block) {
      current = block[2] ?? null;
      if (current && doc) types.set(current, doc);
      continue;
    }
    if (line.startsWith("}")) {
      current = null;
      continue;
    }
    const member = /^(\w+)\b/.exec(line);
    if (current && member && !line.startsWith("@@") && doc) members.set(`${current}.${member[1]}`, doc);
  }
  return { types, members };
}

export const prismaDocs = parsePrismaDocs(readFileSync(resolve(repoRoot, "prisma/schema.prisma"), "utf8"));

/** The documentation of a model or enum; throws when missing, so undocumented names fail loudly. */
export function typeDoc(name: string): string {
  const doc = prismaDocs.types.get(name);
  if (!doc) throw new Error(`prisma/schema.prisma has no /// documentation for ${name}`);
  return doc;
}

/** The documentation of a model field or enum value; throws when missing. */
export function memberDoc(type: string, member: string): string {
  const doc = prismaDocs.members.get(`${type}.${member}`);
  if (!doc) throw new Error(`prisma/schema.prisma has no /// documentation for ${type}.${member}`);
  return doc;
}
