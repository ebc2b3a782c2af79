/** The schema itself: descriptions everywhere, the committed schema.graphql, connections everywhere. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../src/schema/index.js";

const builtInScalars = new Set(["String", "Int", "Float", "Boolean", "ID"]);

describe("schema", () => {
  it("describes every type, field, argument, input field and enum value", () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || (isScalarType(type) && builtInScalars.has(type.name))) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          if ("args" in field) {
            for (const arg of field.args)
              if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("matches the committed packages/api/schema.graphql (run `pnpm --filter @fentrace/api print-schema`)", () => {
    const committed = readFileSync(resolve(import.meta.dirname, "../schema.graphql"), "utf8");
    expect(committed).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
  });

  it("returns every list of records as a cursor connection with totalCount", () => {
    // Plain lists are allowed only for scalars, the `nodes(ids:)` lookup, connection internals and
    // the (unpaginated, bounded) groups of an aggregation and the figures each leaves out of its sum
    // (slugs and reasons, at most the group's figures, which the work budget already bounds).
    const allowed = new Set(["Query.nodes", "FigureStats.groups", "FigureGroup.leftOut"]);
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        let fieldType: GraphQLOutputType = field.type;
        if (isNonNullType(fieldType)) fieldType = fieldType.ofType;
        if (!isListType(fieldType)) continue;
        const item = getNamedType(fieldType);
        if (isScalarType(item) || isEnumType(item)) continue;
        if (type.name.endsWith("Connection") && field.name === "edges") continue;
        if (!allowed.has(`${type.name}.${field.name}`)) offenders.push(`${type.name}.${field.name}`);
      }
      if (type.name.endsWith("Connection")) {
        const fields = type.getFields();
        expect(Object.keys(fields).sort(), type.name).toEqual(["edges", "pageInfo", "totalCount"]);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("gives every connection field the Relay arguments with the documented range", () => {
    const query = schema.getQueryType()!;
    const figures = query.getFields().figures!;
    const first = figures.args.find((arg) => arg.name === "first")!;
    expect(first.description).toMatch(/0 to 100; default 20/);
    expect(figures.args.map((arg) => arg.name).sort()).toEqual([
      "after",
      "before",
      "filter",
      "first",
      "last",
      "orderBy",
    ]);
  });

  it("exposes the contract's root fields", () => {
    const names = Object.keys(schema.getQueryType()!.getFields());
    for (const name of ["figures", "documents", "claims", "search", "figureStats", "node", "nodes", "dataset"]) {
      expect(names).toContain(name);
    }
    expect(isUnionType(schema.getType("SearchResult"))).toBe(true);
    expect(isInterfaceType(schema.getType("Node"))).toBe(true);
  });
});
