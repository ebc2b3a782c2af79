/**
 * The SDK is exactly as complete as the API (checked against the committed schema, which the API's
 * own test keeps current): one operation per root field, named after it and passing every
 * argument; one `<Type>Fields` fragment per object type, selecting every field but the nested
 * lists (connections), which have root-level filters instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  buildSchema,
  concatAST,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  validate,
  visit,
} from "graphql";
import { describe, expect, it } from "vitest";
import * as generated from "../src/generated/sdk.js";

const sdkDir = resolve(import.meta.dirname, "..");
const schema = buildSchema(readFileSync(resolve(sdkDir, "../api/schema.graphql"), "utf8"));
const operationsDir = join(sdkDir, "src/operations");
const documents = concatAST(
  readdirSync(operationsDir)
    .filter((file) => file.endsWith(".graphql"))
    .map((file) => parse(readFileSync(join(operationsDir, file), "utf8"))),
);
const operations = documents.definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);
const fragments = new Map(
  documents.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]),
);
const rootFields = schema.getQueryType()!.getFields();

/** Field names selected on a type by a selection set, following fragment spreads and inline fragments. */
function selectedFields(selectionSet: SelectionSetNode, typeName: string, into = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value)!;
      if (fragment.typeCondition.name.value === typeName) selectedFields(fragment.selectionSet, typeName, into);
    } else if (!selection.typeCondition || selection.typeCondition.name.value === typeName) {
      selectedFields(selection.selectionSet, typeName, into);
    }
  }
  return into;
}

const isConnection = (type: GraphQLObjectType) => type.name.endsWith("Connection");
/** Object types that records are made of (not the root, connections, edges or result wrappers). */
const objectTypes = Object.values(schema.getTypeMap()).filter(
  (type): type is GraphQLObjectType =>
    isObjectType(type) &&
    !type.name.startsWith("__") &&
    type !== schema.getQueryType() &&
    !isConnection(type) &&
    !type.name.endsWith("Edge"),
);

/**
 * Fields deliberately left out of a `<Type>Fields` fragment: links back to the record the object
 * is embedded in (a figure's subjects point back at the figure), and Evidence's links to what it
 * supports, which `EvidenceLinks` selects where evidence is fetched on its own (`node`, `nodes`).
 */
const leftOut: Record<string, string[]> = {
  Authorship: ["document"],
  EvidenceMark: ["evidence"],
  FigureSubject: ["figure"],
  Evidence: ["defendant", "event", "exclusion", "figure", "operation", "quote"],
};

describe("completeness against packages/api/schema.graphql", () => {
  it("the operations and fragments are valid against the schema", () => {
    expect(validate(schema, documents).map((error) => error.message)).toEqual([]);
  });

  it("has one operation per root field, named after it, selecting only that field", () => {
    expect(operations.map((operation) => operation.name?.value).sort()).toEqual(Object.keys(rootFields).sort());
    for (const operation of operations) {
      const fields = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : s.kind));
      expect(fields, operation.name?.value).toEqual([operation.name?.value]);
    }
  });

  it("passes every argument of each root field as a variable of the same name", () => {
    for (const operation of operations) {
      const name = operation.name!.value;
      const field = operation.selectionSet.selections[0];
      if (field?.kind !== Kind.FIELD) throw new Error(name);
      const passed = (field.arguments ?? []).map((argument) => [
        argument.name.value,
        argument.value.kind === Kind.VARIABLE ? argument.value.name.value : null,
      ]);
      expect(Object.fromEntries(passed), name).toEqual(
        Object.fromEntries(rootFields[name]!.args.map((arg) => [arg.name, arg.name])),
      );
    }
  });

  it.each(objectTypes.map((type) => [type.name, type] as const))(
    "%sFields selects every field but nested lists",
    (name, type) => {
      const fragment = fragments.get(`${name}Fields`);
      expect(fragment, `fragment ${name}Fields on ${name}`).toBeDefined();
      const expected = Object.values(type.getFields())
        .filter((field) => {
          const named = getNamedType(field.type);
          return !(isObjectType(named) && isConnection(named));
        })
        .map((field) => field.name)
        .filter((field) => !leftOut[name]?.includes(field));
      const selected = selectedFields(fragment!.selectionSet, name);
      expect(
        expected.filter((field) => !selected.has(field)),
        `fields missing from ${name}Fields`,
      ).toEqual([]);
    },
  );

  it("EvidenceLinks selects every link left out of EvidenceFields", () => {
    const selected = selectedFields(fragments.get("EvidenceLinks")!.selectionSet, "Evidence");
    expect(leftOut.Evidence!.filter((field) => !selected.has(field))).toEqual([]);
  });

  it("every generated document is valid and holds each fragment once", () => {
    const docs = Object.entries(generated).filter(
      ([name, value]) => name.endsWith("Document") && typeof value === "string",
    );
    expect(docs).toHaveLength(Object.keys(rootFields).length);
    for (const [name, source] of docs) {
      const document = parse(source as string);
      expect(validate(schema, document).map((error) => `${name}: ${error.message}`)).toEqual([]);
      const names: string[] = [];
      visit(document, { FragmentDefinition: (node) => void names.push(node.name.value) });
      expect(new Set(names).size, name).toBe(names.length);
    }
  });

  it("the README lists every generated method", () => {
    const readme = readFileSync(join(sdkDir, "README.md"), "utf8");
    const list = /The complete list of generated methods is: ([^(]+)\((\d+)\)/.exec(readme.replace(/\s+/g, " "));
    const listed = list?.[1]?.match(/`(\w+)`/g)?.map((name) => name.slice(1, -1));
    expect(listed).toEqual(Object.keys(rootFields).sort());
    expect(Number(list?.[2])).toBe(Object.keys(rootFields).length);
  });

  it("marks the generated files as generated", () => {
    for (const file of ["sdk.ts", "types.ts", "schema.ts"]) {
      const text = readFileSync(join(sdkDir, "src/generated", file), "utf8");
      expect(text.startsWith("/* eslint-disable */\n")).toBe(true);
      expect(text).toMatch(/^\/\/ Generated by GraphQL Code Generator from .*\n\/\/ Do not edit/m);
    }
  });

  it("documents every generated method with its root field's description", () => {
    const sdk = readFileSync(join(sdkDir, "src/generated/sdk.ts"), "utf8");
    for (const [name, field] of Object.entries(rootFields)) {
      if (!field.description) continue;
      expect(sdk, name).toContain(`    /** ${field.description.split("\n")[0]}`);
    }
  });
});
