/**
 * Every scalar field of Figure in the Prisma schema reaches the GraphQL API and the figures
 * download, or is listed here as deliberately not, with the reason; the search triggers index the
 * Figure fields declared searchable; the synthetic benchmark data gives every field a value.
 * Adding a field to Figure without exposing it fails here (CONTRIBUTING.md, "Adding a field").
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type GraphQLNamedType, getNamedType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildSyntheticDatabase, insertParameters, scalarColumns } from "../../../bench/synthetic.js";
import type { Row } from "../src/data/rows.js";
import { databasePath } from "../src/db.js";
import { figuresTable } from "../src/downloads/tables.js";
import { getDatamodel } from "../src/generated/pothos-types.js";
import { schema } from "../src/schema/index.js";

type FigureField = keyof Row<"Figure">;

/** Deliberately not exposed on a surface, and why. */
interface Not {
  not: string;
}

/**
 * Where GraphQL shows the Figure scalars that are not a field of `Figure` exposing them as they are
 * (`t.exposeString("unitText")` … are found in the built schema): a path of fields from `Figure`.
 */
const graphqlPaths: Partial<Record<FigureField, string | Not>> = {
  documentId: "document.slug",
  metricKey: "metric.key",
  normalizedValue: "normalized.value",
  normalizedValueHigh: "normalized.valueHigh",
  normalizedUnit: "normalized.unit",
  periodStart: "period.start",
  periodEnd: "period.end",
  periodPrecision: "period.precision",
  periodInferred: "period.inferred",
  periodBasis: "period.basis",
  placeId: "place.slug",
  statedByPersonId: "statedBy", // the Person or Organisation of the StatedBy union
  statedByOrganisationId: "statedBy",
  evidenceId: "evidence.slug",
  position: "evidence.start", // a copy of the evidence span's start offset, for the reading-order index
  claimId: "claim.slug",
  displayUnit: "display", // the unit words of the display form, where the seed gives them
};

/**
 * The figures download holds each scalar as a column of its own (tables.ts marks those with the
 * field); these it deliberately does not, and why.
 */
const notDownloadColumns: Partial<Record<FigureField, Not>> = {
  statedByPersonId: { not: "stated_by_id holds whichever of the person or the organisation is set" },
  statedByOrganisationId: { not: "stated_by_id holds whichever of the person or the organisation is set" },
  evidenceId: { not: "the span is in the row itself (evidence_text, evidence_start, evidence_end)" },
  position: { not: "it is evidence_start, the start offset of the figure's evidence span" },
  displayUnit: { not: "it is the unit words of the display column, which is what a reader prints" },
};

/**
 * The Figure fields the full-text search index reads (the Figure triggers, created in
 * prisma/migrations/…_search_index and re-created by every migration that rebuilds the table),
 * besides the id. A field to be found by `search` goes into a
 * new migration's triggers and this list.
 */
// metricKey and unitKey bring in the metric's name and description and the unit's name.
const searchableFigureFields = ["label", "unitText", "scale", "metricKey", "unitKey", "note"];

/** The fields of `fields` that `placed` has no entry for, and the entries that are no field. */
function unplaced(fields: readonly string[], placed: Iterable<string>): { missing: string[]; stale: string[] } {
  const known = new Set(placed);
  return {
    missing: fields.filter((field) => !known.has(field)),
    stale: [...known].filter((name) => !fields.includes(name)),
  };
}

/** The scalar fields of a model in the Prisma datamodel (the DMMF the client is generated from). */
function prismaScalars(model: string): string[] {
  const fields = getDatamodel().datamodel.models[model]?.fields ?? [];
  return fields.filter((field) => field.kind !== "object").map((field) => field.name);
}

const figureScalars = prismaScalars("Figure");

/** The Figure scalars a field of the built GraphQL type `Figure` exposes as they are (Pothos' `t.expose…`). */
function exposedFields(): string[] {
  const type = schema.getType("Figure");
  if (!isObjectType(type)) throw new Error("the GraphQL schema has no object type Figure");
  return Object.values(type.getFields()).flatMap((field) => {
    const exposed = field.extensions.pothosExposedField;
    return typeof exposed === "string" ? [exposed] : [];
  });
}

/** Whether `path` (`normalized.value`) leads from type `Figure` through fields of the schema. */
function pathExists(path: string): boolean {
  let type: GraphQLNamedType | undefined = schema.getType("Figure") ?? undefined;
  for (const name of path.split(".")) {
    if (!type || !isObjectType(type)) return false;
    const field = type.getFields()[name];
    if (!field) return false;
    type = getNamedType(field.type);
  }
  return true;
}

const fieldColumns = new Set(
  figuresTable.columns.flatMap((column) => (column.field?.model === "Figure" ? [column.field.name] : [])),
);

/**
 * The fields a Figure search trigger reads from `NEW`, in the test database (built by the
 * migrations): a migration that re-creates the Figure table and forgets the triggers fails too.
 */
function triggerFields(trigger: string): string[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const row: unknown = db
      .prepare(`SELECT "sql" FROM sqlite_master WHERE "type" = 'trigger' AND "name" = ?`)
      .get(trigger);
    const sql = row && typeof row === "object" && "sql" in row && typeof row.sql === "string" ? row.sql : undefined;
    if (!sql) throw new Error(`the database has no trigger ${trigger}`);
    return [...new Set([...sql.matchAll(/NEW\."(\w+)"/g)].map((match) => match[1] ?? ""))].sort();
  } finally {
    db.close();
  }
}

describe("every Prisma scalar of Figure", () => {
  it("is read from the Prisma datamodel", () => {
    expect(figureScalars).toContain("unitText");
    expect(figureScalars).not.toContain("metric"); // a relation, not a scalar
  });

  it("is exposed in the GraphQL schema, as a field of Figure or at a path that exists, or is listed as not", () => {
    expect(exposedFields()).toEqual(expect.arrayContaining(["id", "unitText", "qualifier"]));
    expect(unplaced(figureScalars, [...exposedFields(), ...Object.keys(graphqlPaths)])).toEqual({
      missing: [],
      stale: [],
    });
    const broken = Object.entries(graphqlPaths).filter(([, path]) => typeof path === "string" && !pathExists(path));
    expect(broken).toEqual([]);
  });

  it("is a column of the figures download, or is listed as not", () => {
    const notColumns = Object.keys(notDownloadColumns);
    expect(unplaced(figureScalars, [...fieldColumns, ...notColumns])).toEqual({ missing: [], stale: [] });
    // A field listed as not a column must not be one, too.
    expect(notColumns.filter((field) => fieldColumns.has(field))).toEqual([]);
  });

  it("has a value in the synthetic benchmark data (bench/synthetic.ts inserts every one, or fails)", async () => {
    expect(scalarColumns("Figure").map((column) => column.name)).toEqual(figureScalars);
    const dir = mkdtempSync(join(tmpdir(), "fentrace-synthetic-"));
    try {
      const built = await buildSyntheticDatabase({
        figures: 20,
        target: join(dir, "synthetic.db"),
        searchIndex: false,
        log: () => {},
      });
      expect(built.figures).toBe(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the checks fail for a field added to Prisma and exposed nowhere", () => {
  const added = [...figureScalars, "reviewedAt"];

  it("in GraphQL and the downloads", () => {
    expect(unplaced(added, [...exposedFields(), ...Object.keys(graphqlPaths)]).missing).toEqual(["reviewedAt"]);
    expect(unplaced(added, [...fieldColumns, ...Object.keys(notDownloadColumns)]).missing).toEqual(["reviewedAt"]);
    expect(unplaced(figureScalars, [...Object.keys(graphqlPaths), "renamedAway"]).stale).toEqual(["renamedAway"]);
    expect(pathExists("normalized.value")).toBe(true);
    expect(pathExists("normalized.nothing")).toBe(false);
  });

  it("in the synthetic data, naming the field when it cannot be null", () => {
    const row = Object.fromEntries(figureScalars.map((field) => [field, "x"]));
    const columns = scalarColumns("Figure");
    expect(insertParameters("Figure", columns, row)).toHaveLength(figureScalars.length);
    const withOptional = [...columns, { name: "reviewedAt", required: false }];
    expect(insertParameters("Figure", withOptional, row).at(-1)).toBeNull();
    const withRequired = [...columns, { name: "reviewedAt", required: true }];
    expect(() => insertParameters("Figure", withRequired, row)).toThrow(/no generated value for Figure\.reviewedAt/);
  });
});

describe("the search index", () => {
  it("reads exactly the declared searchable Figure fields, on insert and on update", () => {
    const declared = ["id", ...searchableFigureFields].sort();
    expect(triggerFields("SearchIndex_Figure_ai")).toEqual(declared);
    expect(triggerFields("SearchIndex_Figure_au")).toEqual(declared);
    expect(unplaced(figureScalars, searchableFigureFields).stale).toEqual([]);
  });
});
