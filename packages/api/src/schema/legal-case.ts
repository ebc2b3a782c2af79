import { builder } from "../builder.js";
import { resolveRefs } from "../data/references.js";
import { prisma } from "../db.js";
import { notFound } from "../errors.js";
import { parseRef } from "../global-id.js";
import { subjectFiguresField } from "./figure.js";
import { DefendantConnection, EventConnection, LegalCaseConnection } from "./refs.js";
import { allOf, IntFilter, intWhere, oneOf, StringFilter, stringWhere } from "./shared/filters.js";
import { hierarchyWhere } from "./shared/hierarchy.js";
import type { WhereOf } from "./shared/models.js";
import { defineOrder } from "./shared/ordering.js";

export const LegalCaseFilter = builder.inputType("LegalCaseFilter", {
  description: "Conditions on legal cases; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The case is one of these (global IDs or slugs)." }),
    name: t.field({ type: StringFilter, description: 'Conditions on the name (e.g. `{ contains: "Carrollton" }`).' }),
    place: t.idList({ description: "The case is about or brought in one of these places or a place inside one." }),
    operation: t.idList({ description: "The case belongs to one of these operations or investigations." }),
  }),
});

function legalCaseWhere(filter: typeof LegalCaseFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"LegalCase">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "LegalCase", `${path}.id`)) },
      filter.name ? { name: stringWhere(filter.name, `${path}.name`) } : undefined,
      filter.place ? { place: hierarchyWhere(resolveRefs(filter.place, "Place", `${path}.place`), true) } : undefined,
      { operationId: oneOf(filter.operation && resolveRefs(filter.operation, "Operation", `${path}.operation`)) },
    ]) ?? {}
  );
}

const legalCaseOrder = defineOrder(
  "LegalCase",
  "legal cases",
  {
    NAME: { description: "The name, alphabetically.", orderBy: (direction) => ({ name: direction }) },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ name: "asc" }],
  { id: "asc" },
);

export const DefendantFilter = builder.inputType("DefendantFilter", {
  description: "Conditions on defendants; all given conditions must hold.",
  fields: (t) => ({
    id: t.idList({ description: "The defendant is one of these (global IDs or slugs)." }),
    legalCase: t.idList({ description: "Charged in one of these legal cases." }),
    person: t.idList({ description: "Is one of these people." }),
    platform: t.idList({ description: "Used one of these platforms." }),
    named: t.boolean({ description: "True: only named defendants; false: only unnamed ones." }),
    age: t.field({
      type: IntFilter,
      description: "Conditions on the stated age in years (defendants with no stated age never match).",
    }),
  }),
});

function defendantWhere(filter: typeof DefendantFilter.$inferInput | null | undefined, path = "filter") {
  if (!filter) return {};
  return (
    allOf<WhereOf<"Defendant">>([
      { id: oneOf(filter.id && resolveRefs(filter.id, "Defendant", `${path}.id`)) },
      { legalCaseId: oneOf(filter.legalCase && resolveRefs(filter.legalCase, "LegalCase", `${path}.legalCase`)) },
      { personId: oneOf(filter.person && resolveRefs(filter.person, "Person", `${path}.person`)) },
      { platformId: oneOf(filter.platform && resolveRefs(filter.platform, "Organisation", `${path}.platform`)) },
      filter.named == null ? undefined : filter.named ? { personId: { not: null } } : { personId: null },
      filter.age ? { age: intWhere(filter.age, `${path}.age`) } : undefined,
    ]) ?? {}
  );
}

const defendantOrder = defineOrder(
  "Defendant",
  "defendants",
  {
    LABEL: { description: "The name or description, alphabetically.", orderBy: (direction) => ({ label: direction }) },
    AGE: {
      description: "The stated age; unknown ages first in ASC order.",
      orderBy: (direction) => ({ age: { sort: direction, nulls: direction === "asc" ? "first" : "last" } }),
    },
    SLUG: { description: "The slug (readable id).", orderBy: (direction) => ({ id: direction }) },
  },
  [{ id: "asc" }],
  { id: "asc" },
);

builder.prismaNode("Defendant", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    legalCase: t.relation("legalCase"),
    person: t.relation("person", {
      nullable: true,
      description: "The person, when named; null for an unnamed defendant.",
    }),
    label: t.exposeString("label"),
    age: t.exposeInt("age", { nullable: true }),
    charges: t.exposeString("charges", { nullable: true }),
    status: t.exposeString("status"),
    platform: t.relation("platform", {
      nullable: true,
      description:
        "The platform the defendant used, as stated or inferred (see `platformBasis`); null when none is known.",
    }),
    platformBasis: t.exposeString("platformBasis", { nullable: true }),
    evidence: t.relation("evidence", {
      nullable: true,
      description: "The words that state the defendant's age or charges; null when none are quoted.",
    }),
  }),
});

builder.prismaNode("LegalCase", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    jurisdiction: t.exposeString("jurisdiction"),
    place: t.relation("place", { nullable: true }),
    operation: t.relation("operation", { nullable: true }),
    defendants: t.relatedConnection(
      "defendants",
      {
        cursor: "id",
        totalCount: true,
        args: {
          filter: t.arg({ type: DefendantFilter, description: "Only defendants who meet these conditions." }),
          orderBy: t.arg({
            type: [defendantOrder.input],
            description: "Sort keys, most significant first. Default: slug.",
          }),
        },
        query: (args) => ({
          where: defendantWhere(args.filter),
          orderBy: defendantOrder.toOrderBy(args.orderBy),
        }),
      },
      DefendantConnection,
    ),
    events: t.relatedConnection(
      "events",
      {
        cursor: "id",
        totalCount: true,
        query: { orderBy: [{ startDate: { sort: "asc", nulls: "first" } }, { id: "asc" }] },
      },
      EventConnection,
    ),
    figures: subjectFiguresField(
      t,
      "legalCaseId",
      "Figures about this case (deaths, pills, prices …), filtered and sorted like `Query.figures`.",
    ),
  }),
});

builder.queryFields((t) => ({
  legalCase: t.prismaField({
    type: "LegalCase",
    description: "One legal case, by global ID or slug (e.g. `case-carrollton`). Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the legal case." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "LegalCase", "id");
      const legalCase = await prisma.legalCase.findUnique({ ...query, where: { id } });
      if (!legalCase) throw notFound("id", `No legal case with ID ${JSON.stringify(args.id)}.`);
      return legalCase;
    },
  }),
  legalCases: t.prismaConnection(
    {
      type: "LegalCase",
      cursor: "id",
      description: "Every criminal case in the documents, with its defendants.",
      args: {
        filter: t.arg({ type: LegalCaseFilter, description: "Only legal cases that meet these conditions." }),
        orderBy: t.arg({
          type: [legalCaseOrder.input],
          description: "Sort keys, most significant first. Default: name.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.legalCase.findMany({
          ...query,
          where: legalCaseWhere(args.filter),
          orderBy: legalCaseOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.legalCase.count({ where: legalCaseWhere(args.filter) }),
    },
    LegalCaseConnection,
  ),
  defendants: t.prismaConnection(
    {
      type: "Defendant",
      cursor: "id",
      description: "Every person charged (or under investigation) in a legal case.",
      args: {
        filter: t.arg({ type: DefendantFilter, description: "Only defendants who meet these conditions." }),
        orderBy: t.arg({
          type: [defendantOrder.input],
          description: "Sort keys, most significant first. Default: slug.",
        }),
      },
      resolve: (query, _root, args) =>
        prisma.defendant.findMany({
          ...query,
          where: defendantWhere(args.filter),
          orderBy: defendantOrder.toOrderBy(args.orderBy),
        }),
      totalCount: (_connection, args) => prisma.defendant.count({ where: defendantWhere(args.filter) }),
    },
    DefendantConnection,
  ),
}));
