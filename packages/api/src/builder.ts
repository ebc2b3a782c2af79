/**
 * The one Pothos SchemaBuilder: plugins, defaults and the root Query type. No other types here;
 * each domain module under schema/ defines its own.
 */
import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import type { GraphQLContext } from "./context.js";
import { prisma } from "./db.js";
import type PrismaTypes from "./generated/pothos-types.js";
import { getDatamodel } from "./generated/pothos-types.js";
import type { PartialDateValue } from "./partial-date.js";
import { prismaDocs } from "./prisma-docs.js";
import { workBudgetPlugin } from "./work-budget.js";

export type { PartialDateValue };

/** Page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest accepted `first` / `last`; larger values are rejected with BAD_USER_INPUT. */
export const MAX_PAGE_SIZE = 100;

/** The Pothos datamodel, with the `///` documentation of prisma/schema.prisma merged in. */
function documentedDatamodel() {
  const dmmf = getDatamodel();
  for (const [name, model] of Object.entries(dmmf.datamodel.models)) {
    const doc = prismaDocs.types.get(name);
    if (doc) model.documentation = doc;
    for (const field of model.fields) {
      const fieldDoc = prismaDocs.members.get(`${name}.${field.name}`);
      if (fieldDoc) field.documentation = fieldDoc;
    }
  }
  return dmmf;
}

/**
 * The type parameters of `builder`, written once: the builder is made from them, and refs whose
 * inferred types would be circular are annotated with `BuilderTypes`, their expansion.
 */
interface BuilderTypeParams {
  Context: GraphQLContext;
  Scalars: { PartialDate: { Input: PartialDateValue; Output: PartialDateValue } };
  PrismaTypes: PrismaTypes;
  // Non-null by default; fields that may lack a value say `nullable: true` where defined.
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount?: number | (() => number | Promise<number>) };
}

/** The schema types of `builder`, for annotating refs whose inferred types would be circular. */
export type BuilderTypes = PothosSchemaTypes.ExtendDefaultTypes<BuilderTypeParams>;

export const builder = new SchemaBuilder<BuilderTypeParams>({
  // workBudget charges every resolved value to the request's work meter (see work-budget.ts).
  plugins: [PrismaPlugin, RelayPlugin, workBudgetPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: prisma,
    dmmf: documentedDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    // Under tests, a Prisma selection a resolver never used is an error (Pothos warns of wasted work).
    onUnusedQuery: process.env.VITEST ? "error" : null,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // node(id:) and nodes(ids:) are defined in schema/node.ts so that malformed and unknown ids
    // get BAD_USER_INPUT / NOT_FOUND errors that name the argument.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false, description: "The records of this page, each with its cursor." },
    nodeFieldOptions: { nullable: false, description: "The record." },
    cursorFieldOptions: {
      description:
        "Opaque cursor of this record: pass it as `after` (or `before`) to get the records that follow (or precede) it.",
    },
    pageInfoFieldOptions: {
      description: "Where this page sits in the whole list, for fetching the next or previous page.",
    },
    nodeTypeOptions: {
      description:
        "A record with a global ID. Fetch any node by its ID with `node(id:)`, or several with `nodes(ids:)`.",
    },
    idFieldOptions: {
      description:
        "Global ID (Relay): the base64 of `Type:slug`. Stable across dataset versions; pass it to `node(id:)`.",
    },
    pageInfoTypeOptions: { description: "Pagination state of a connection (Relay cursor connections specification)." },
    hasNextPageFieldOptions: {
      description: "True when more records follow this page (request them with `after: endCursor`).",
    },
    hasPreviousPageFieldOptions: {
      description: "True when records precede this page (request them with `before: startCursor` and `last`).",
    },
    startCursorFieldOptions: { description: "Cursor of the first record of this page; null when the page is empty." },
    endCursorFieldOptions: { description: "Cursor of the last record of this page; null when the page is empty." },
    firstArgOptions: {
      description: `Return at most this many records from the start of the list (or after \`after\`). 0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`,
    },
    lastArgOptions: {
      description: `Return at most this many records from the end of the list (or before \`before\`). 0 to ${MAX_PAGE_SIZE}.`,
    },
    afterArgOptions: {
      description: "Return records after this cursor (an `endCursor` or edge `cursor` of this list).",
    },
    beforeArgOptions: {
      description: "Return records before this cursor (a `startCursor` or edge `cursor` of this list).",
    },
  },
});

builder.queryType({
  description:
    "Fentrace: every figure stated in three news articles (2021–2023) about fentanyl and fake-pill trafficking through social media, normalised and traced to its words. Start with `figures`, `search` or `dataset`.",
});
