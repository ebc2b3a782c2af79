/**
 * Parsing the `///` documentation of a Prisma schema. Used by `pnpm generate`
 * (scripts/manifests.ts) to write packages/api/generated/prisma-docs.json, which prisma-docs.ts
 * loads: the running API never reads prisma/schema.prisma.
 */

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

/** The documentation as JSON objects (the generated prisma-docs.json holds this). */
export interface PrismaDocsJson {
  types: Record<string, string>;
  members: Record<string, string>;
}

export function prismaDocsToJson(docs: PrismaDocs): PrismaDocsJson {
  return { types: Object.fromEntries(docs.types), members: Object.fromEntries(docs.members) };
}

export function prismaDocsFromJson(json: PrismaDocsJson): PrismaDocs {
  return { types: new Map(Object.entries(json.types)), members: new Map(Object.entries(json.members)) };
}
