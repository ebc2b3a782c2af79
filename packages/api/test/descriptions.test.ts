/**
 * One wording per field: a GraphQL field that shows a Prisma scalar field says what the `///` doc
 * of prisma/schema.prisma says, word for word. The downloads take their column descriptions from
 * the same docs (memberDoc in src/prisma-docs.ts), so the API and the CSV / Data Package files
 * cannot drift apart. A field that must word it differently is listed below with the reason.
 */
import { isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { getDatamodel } from "../src/generated/pothos-types.js";
import { prismaDocs } from "../src/prisma-docs.js";
import { schema } from "../src/schema/index.js";

/** Object types over rows of a model that are not Prisma object types (no `pothosPrismaModel`). */
const rowTypes: Record<string, string> = { Dataset: "DatasetInfo" };

/**
 * Fields named like a documented Prisma scalar that deliberately say something else, and why.
 * `id` of every Node type is the Relay global ID; the Prisma `id` is exposed as `slug`.
 */
const differs: Record<string, string> = {
  "Organisation.aliases": "a list of names here; one comma-separated string in the database and the downloads",
  "Event.aliases": "a list of names here; one comma-separated string in the database",
  "LegalCase.aliases": "a list of names here; one comma-separated string in the database",
  "Operation.aliases": "a list of names here; one comma-separated string in the database",
  "Person.aliases": "a list of names here; one comma-separated string in the database",
  "Place.aliases": "a list of names here; one comma-separated string in the database",
  "Substance.aliases": "a list of names here; one comma-separated string in the database",
};

interface Checked {
  field: string;
  /** The Prisma field it shows: `Model.field`. */
  shows: string;
  description: string | undefined;
  doc: string;
}

/** Every GraphQL field that exposes, or is named like, a documented Prisma scalar field. */
function fieldsShowingPrismaScalars(): { exposed: Checked[]; named: Checked[] } {
  const models = getDatamodel().datamodel.models;
  const exposed: Checked[] = [];
  const named: Checked[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const prismaModel = type.extensions.pothosPrismaModel;
    const model = typeof prismaModel === "string" ? prismaModel : rowTypes[type.name];
    if (!model) continue;
    const scalars = new Set(
      (models[model]?.fields ?? []).filter((field) => field.kind !== "object").map((field) => field.name),
    );
    for (const field of Object.values(type.getFields())) {
      const exposedField = field.extensions.pothosExposedField;
      const name = typeof exposedField === "string" ? exposedField : field.name;
      const doc = prismaDocs.members.get(`${model}.${name}`);
      if (!scalars.has(name) || !doc) continue;
      const checked = {
        field: `${type.name}.${field.name}`,
        shows: `${model}.${name}`,
        description: field.description ?? undefined,
        doc,
      };
      (typeof exposedField === "string" ? exposed : named).push(checked);
    }
  }
  return { exposed, named };
}

const isRelayId = (field: string) => {
  const [typeName, fieldName] = field.split(".");
  const type = typeName ? schema.getType(typeName) : undefined;
  return fieldName === "id" && isObjectType(type) && type.getInterfaces().some((node) => node.name === "Node");
};

describe("field descriptions", () => {
  const { exposed, named } = fieldsShowingPrismaScalars();

  it("finds the exposed Prisma fields (the check is not vacuous)", () => {
    const fields = exposed.map((checked) => `${checked.field} ← ${checked.shows}`);
    expect(fields).toContain("Figure.slug ← Figure.id");
    expect(fields).toContain("Figure.unit ← Figure.unitText");
    expect(fields).toContain("Defendant.age ← Defendant.age");
    expect(fields).toContain("Dataset.version ← DatasetInfo.version");
    expect(exposed.length).toBeGreaterThan(70);
  });

  it("gives a field exposing a Prisma scalar exactly its /// doc", () => {
    const different = exposed
      .filter((checked) => checked.description !== checked.doc)
      .map(
        (checked) =>
          `${checked.field} (${checked.shows}):\n  GraphQL: ${checked.description}\n  Prisma:  ${checked.doc}`,
      );
    expect(different).toEqual([]);
  });

  it("gives a resolver named like a Prisma scalar its /// doc, unless listed with the reason", () => {
    const different = named
      .filter((checked) => checked.description !== checked.doc && !isRelayId(checked.field) && !differs[checked.field])
      .map(
        (checked) =>
          `${checked.field} (${checked.shows}):\n  GraphQL: ${checked.description}\n  Prisma:  ${checked.doc}`,
      );
    expect(different).toEqual([]);
    // Every listed exception still exists and still differs (remove it when it no longer does).
    for (const field of Object.keys(differs)) {
      const checked = named.find((candidate) => candidate.field === field);
      expect(checked, field).toBeDefined();
      expect(checked?.description, field).not.toBe(checked?.doc);
    }
  });
});
