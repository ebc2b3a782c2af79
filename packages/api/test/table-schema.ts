/**
 * A small Frictionless Table Schema checker for the downloads' tests: reads each tabular resource
 * of a Data Package (CSV through csv-parse, JSON arrays of objects) and checks its header, every
 * cell against its field's type and constraints (required, enum), primary-key uniqueness, and
 * that every foreign key resolves. Covers the field types the downloads use: string, number,
 * integer, boolean and date (default formats), with the schema's `missingValues`.
 */
import { parse } from "csv-parse/sync";

export interface FieldDescriptor {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; enum?: unknown[] };
}

export interface TableSchemaDescriptor {
  fields: FieldDescriptor[];
  primaryKey?: string[] | string;
  foreignKeys?: { fields: string[] | string; reference: { resource?: string; fields: string[] | string } }[];
  missingValues?: string[];
}

export interface ResourceDescriptor {
  name: string;
  path: string;
  format?: string;
  schema: TableSchemaDescriptor;
}

/** A cell after reading: a typed value, or null for a missing value. */
export type Value = string | number | boolean | null;

const asList = (value: string[] | string | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const trueValues = ["true", "True", "TRUE", "1"];
const falseValues = ["false", "False", "FALSE", "0"];
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const integerPattern = /^[+-]?\d+$/;

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Casts one CSV cell to its field's type; returns an error message when it does not conform. */
function castText(text: string, field: FieldDescriptor): { value: Value } | { error: string } {
  switch (field.type) {
    case "string":
      return { value: text };
    case "number":
      return numberPattern.test(text) ? { value: Number(text) } : { error: `"${text}" is not a number` };
    case "integer":
      return integerPattern.test(text) ? { value: Number(text) } : { error: `"${text}" is not an integer` };
    case "boolean":
      if (trueValues.includes(text)) return { value: true };
      if (falseValues.includes(text)) return { value: false };
      return { error: `"${text}" is not a boolean` };
    case "date":
      return isCalendarDate(text) ? { value: text } : { error: `"${text}" is not an ISO date` };
    default:
      return { error: `unsupported field type ${field.type}` };
  }
}

/** Checks one typed JSON value against its field's type. */
function checkJson(value: unknown, field: FieldDescriptor): { value: Value } | { error: string } {
  const ok = (v: Value) => ({ value: v });
  switch (field.type) {
    case "string":
      return typeof value === "string" ? ok(value) : { error: `${JSON.stringify(value)} is not a string` };
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? ok(value)
        : { error: `${JSON.stringify(value)} is not a number` };
    case "integer":
      return Number.isInteger(value) ? ok(value as number) : { error: `${JSON.stringify(value)} is not an integer` };
    case "boolean":
      return typeof value === "boolean" ? ok(value) : { error: `${JSON.stringify(value)} is not a boolean` };
    case "date":
      return typeof value === "string" && isCalendarDate(value)
        ? ok(value)
        : { error: `${JSON.stringify(value)} is not an ISO date` };
    default:
      return { error: `unsupported field type ${field.type}` };
  }
}

export interface ReadTable {
  header: string[];
  rows: Record<string, Value>[];
}

/** Reads a resource's file into typed rows, collecting every cell that does not conform. */
export function readResource(resource: ResourceDescriptor, text: string, problems: string[]): ReadTable {
  const { fields } = resource.schema;
  const missing = resource.schema.missingValues ?? [""];
  const header = fields.map((field) => field.name);
  const rows: Record<string, Value>[] = [];
  const check = (row: number, field: FieldDescriptor, result: { value: Value } | { error: string }): Value => {
    if ("error" in result) {
      problems.push(`${resource.name} row ${row} ${field.name}: ${result.error}`);
      return null;
    }
    return result.value;
  };
  if (resource.format === "json") {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data)) {
      problems.push(`${resource.name}: not a JSON array`);
      return { header, rows };
    }
    data.forEach((item: Record<string, unknown>, index) => {
      const keys = Object.keys(item);
      if (keys.join(",") !== header.join(","))
        problems.push(`${resource.name} row ${index + 1}: keys ${keys.join(",")} differ from the fields`);
      rows.push(
        Object.fromEntries(
          fields.map((field) => [
            field.name,
            item[field.name] === null ? null : check(index + 1, field, checkJson(item[field.name], field)),
          ]),
        ),
      );
    });
    return { header, rows };
  }
  const records = parse(text, { bom: false, relax_column_count: false }) as string[][];
  const [first, ...body] = records;
  if (!first || first.join(",") !== header.join(",")) {
    problems.push(`${resource.name}: header ${first?.join(",")} differs from the fields ${header.join(",")}`);
  }
  body.forEach((record, index) => {
    rows.push(
      Object.fromEntries(
        fields.map((field, column) => {
          const text = record[column] ?? "";
          return [field.name, missing.includes(text) ? null : check(index + 1, field, castText(text, field))];
        }),
      ),
    );
  });
  return { header, rows };
}

/** Checks constraints, primary keys and foreign keys across every read resource. */
export function checkTables(resources: ResourceDescriptor[], tables: Map<string, ReadTable>, problems: string[]): void {
  const key = (row: Record<string, Value>, fields: string[]) => JSON.stringify(fields.map((name) => row[name] ?? null));
  for (const resource of resources) {
    const table = tables.get(resource.name);
    if (!table) continue;
    const { fields } = resource.schema;
    const primaryKey = asList(resource.schema.primaryKey);
    table.rows.forEach((row, index) => {
      for (const field of fields) {
        const value = row[field.name] ?? null;
        const required = field.constraints?.required || primaryKey.includes(field.name);
        if (value === null && required)
          problems.push(`${resource.name} row ${index + 1} ${field.name}: required but missing`);
        if (value !== null && field.constraints?.enum && !field.constraints.enum.includes(value)) {
          problems.push(
            `${resource.name} row ${index + 1} ${field.name}: ${JSON.stringify(value)} is not one of ${field.constraints.enum.join(", ")}`,
          );
        }
      }
    });
    if (primaryKey.length > 0) {
      const seen = new Set<string>();
      for (const row of table.rows) {
        const k = key(row, primaryKey);
        if (seen.has(k)) problems.push(`${resource.name}: primary key ${k} is not unique`);
        seen.add(k);
      }
    }
    for (const foreignKey of resource.schema.foreignKeys ?? []) {
      const target = foreignKey.reference.resource || resource.name;
      const targetTable = tables.get(target);
      if (!targetTable) {
        problems.push(`${resource.name}: foreign key to unknown resource ${target}`);
        continue;
      }
      const from = asList(foreignKey.fields);
      const to = asList(foreignKey.reference.fields);
      const targets = new Set(targetTable.rows.map((row) => key(row, to)));
      for (const row of table.rows) {
        if (from.some((name) => row[name] === null || row[name] === undefined)) continue;
        if (!targets.has(key(row, from)))
          problems.push(`${resource.name}: ${from.join(",")} ${key(row, from)} has no match in ${target}`);
      }
    }
  }
}
