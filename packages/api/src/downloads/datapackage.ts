/**
 * datapackage.json: a Frictionless Data Package v2 descriptor of the downloads, with one Table
 * Schema per resource (field types, descriptions, constraints, primary and foreign keys), the
 * licence, the source documents, the dataset version and how to cite it.
 *
 * Spec: https://datapackage.org/standard/data-package/ (v2). test/downloads.test.ts validates the
 * result against the official profile (vendored in ./profiles/) and every file against its schema.
 */
import {
  DATASET_DESCRIPTION,
  DATASET_PUBLISHER,
  DATASET_TITLE,
  datasetCitation,
  licenceTitle,
  licenceUrl,
} from "../citation.js";
import type { Column, Table, TableDefinition, Tables } from "./tables.js";

export const DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";

/** Size and SHA-256 of a file the descriptor lists. */
export interface FileFacts {
  bytes: number;
  sha256: string;
}

function fieldDescriptor(column: Column) {
  const constraints: Record<string, unknown> = {};
  if (column.required) constraints.required = true;
  if (column.enum) constraints.enum = [...column.enum];
  return {
    name: column.name,
    type: column.type,
    ...(column.type === "date" ? { format: "default" } : {}),
    description: column.description,
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

/** The Table Schema of a table: fields, keys, and the empty string as the missing value. */
export function tableSchema(definition: TableDefinition) {
  return {
    fields: definition.columns.map(fieldDescriptor),
    primaryKey: definition.primaryKey,
    ...(definition.foreignKeys.length > 0
      ? {
          // A reference without `resource` points into the same table (entities.parent_id …).
          foreignKeys: definition.foreignKeys.map((key) => ({ fields: key.fields, reference: key.reference })),
        }
      : {}),
    missingValues: [""],
  };
}

function licences(spdx: string) {
  const url = licenceUrl(spdx);
  return [{ name: spdx, title: licenceTitle(spdx), ...(url ? { path: url } : {}) }];
}

/**
 * The descriptor. `files` holds the size and hash of every file it lists (by file name);
 * `figuresJson` is the file name of the JSON copy of the figures.
 */
export function buildDataPackage(tables: Tables, files: ReadonlyMap<string, FileFacts>, figuresJson: string) {
  const { info } = tables;
  const facts = (file: string) => {
    const fact = files.get(file);
    if (!fact) throw new Error(`No file facts for ${file}.`);
    return { bytes: fact.bytes, hash: `sha256:${fact.sha256}` };
  };
  const csvResource = (table: Table) => ({
    name: table.definition.name,
    type: "table",
    path: table.definition.file,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    ...facts(table.definition.file),
    title: table.definition.title,
    description: table.definition.description,
    schema: tableSchema(table.definition),
  });
  const citation = datasetCitation(info);
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: "fentrace",
    title: DATASET_TITLE,
    description: `${DATASET_DESCRIPTION}\n\nHow to cite: ${citation} Cite a single figure with the \`citation\` column of figures.csv.\n\nThe version is the first 12 hex digits of the SHA-256 of the curated seed data: it changes whenever the data does.`,
    version: info.version,
    created: info.builtAt,
    keywords: ["fentanyl", "counterfeit pills", "social media", "drug trafficking", "overdose deaths", "DEA"],
    licenses: licences(info.license),
    // Roles from the Data Package v2 vocabulary (creator, contact, rightsHolder, dataCurator).
    contributors: [{ title: DATASET_PUBLISHER, roles: ["creator", "dataCurator"] }],
    sources: tables.sources.map((source) => ({
      title: `${source.outletName}: "${source.title}"${source.published ? ` (${source.published.slice(0, 4)})` : ""}`,
    })),
    citation,
    resources: tables.tables.flatMap((table) => {
      const resource = csvResource(table);
      if (table.definition.name !== "figures") return [resource];
      const json = {
        name: "figures-json",
        type: "table",
        path: figuresJson,
        format: "json",
        mediatype: "application/json",
        encoding: "utf-8",
        ...facts(figuresJson),
        title: "Figures (JSON)",
        description: `The rows of figures.csv as a JSON array of objects with the same keys, typed: numbers and booleans as JSON values, missing values as null. ${table.definition.description}`,
        dialect: { itemType: "object" },
        schema: tableSchema(table.definition),
      };
      return [resource, json];
    }),
  };
}
