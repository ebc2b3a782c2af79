/**
 * The `///` documentation of prisma/schema.prisma, as `pnpm generate` extracted it into
 * packages/api/generated/prisma-docs.json (committed; `generate:check` and
 * test/generated-manifests.test.ts fail when it differs from the schema). The running API never
 * reads prisma/schema.prisma.
 *
 * The Pothos generator only copies documentation into `getDatamodel()` when its `documentation`
 * option is set, and never for enums. Taking the documentation from the schema itself keeps the
 * GraphQL descriptions of models, fields and enum values identical to the data model's, with one source.
 */
import generated from "../generated/prisma-docs.json" with { type: "json" };
import { type PrismaDocs, parsePrismaDocs, prismaDocsFromJson } from "./prisma-doc-comments.js";

export { type PrismaDocs, parsePrismaDocs };

export const prismaDocs: PrismaDocs = prismaDocsFromJson(generated);

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
