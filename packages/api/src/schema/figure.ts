/**
 * Figure: one number stated in one place of one document, with its filters, ordering, subjects,
 * provenance and the `figure` / `figures` queries.
 */
import { brandWithType, type UnionRef } from "@pothos/core";
import type { Figure, FigureSubject, LegalCase, Operation, Organisation, Person, Prisma, Substance } from "../generated/prisma/client.js";
import { builder, type BuilderTypes } from "../builder.js";
import { prisma } from "../db.js";
import { badUserInput, notFound } from "../errors.js";
import { parseRef, parseRefs } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import {
  allOf,
  ClaimStatusEnum,
  connectionOf,
  DateIntervalRef,
  FloatFilter,
  floatWhere,
  inWhere,
  nullableSort,
  orderByFrom,
  PeriodFilter,
  periodWhere,
  QualifierEnum,
  SortDirectionEnum,
  StringFilter,
  stringWhere,
  SubjectRoleEnum,
  type ConnectionRef,
} from "./common.js";
import { CitationRef, citationFor, citationSelect } from "./document.js";
import { LegalCaseRef } from "./legal-case.js";
import { OperationRef } from "./operation.js";
import { OrganisationRef } from "./organisation.js";
import { PersonRef } from "./person.js";
import { hierarchyWhere } from "./place.js";
import { SubstanceRef } from "./substance.js";

// ---------------------------------------------------------------------------------------------
// Filter and order inputs.

export const ScopeInput = builder.inputType("ScopeInput", {
  description:
    "Records in a hierarchy (places, substances) and, unless `includeDescendants` is false, everything inside them: the sub-places of a place, the narrower forms of a substance.",
  fields: (t) => ({
    ids: t.idList({ required: true, description: "Global IDs or slugs (e.g. `place-us-tx`) of the records." }),
    includeDescendants: t.boolean({
      required: true,
      defaultValue: true,
      description: "Also match everything inside these records (cities inside a state, fentanyl powder inside fentanyl). Default true.",
    }),
  }),
});

export const FigureFilter = builder.inputType("FigureFilter", {
  description:
    "Conditions on figures; all given conditions must hold. Lists of IDs match any of their entries and accept global IDs or slugs.",
  fields: (t) => ({
    id: t.idList({ description: "The figure is one of these." }),
    metric: t.field({ type: StringFilter, description: "Conditions on the metric key (e.g. `{ eq: \"pills_seized\" }`)." }),
    unit: t.field({ type: StringFilter, description: "Conditions on the unit key as stated (e.g. `pound`, `out_of_ten`)." }),
    normalizedUnit: t.field({ type: StringFilter, description: "Conditions on the canonical unit of the normalised value (e.g. `kilogram`)." }),
    qualifier: t.field({ type: [QualifierEnum], description: "The qualifier is one of these." }),
    value: t.field({ type: FloatFilter, description: "Conditions on the number as written (20.4 in \"20.4 million\")." }),
    normalizedValue: t.field({
      type: FloatFilter,
      description: "Conditions on the normalised value, in the metric's canonical unit (20,400,000 pills; kilograms for masses).",
    }),
    period: t.field({ type: PeriodFilter, description: "Conditions on the period the figure covers." }),
    place: t.field({
      type: ScopeInput,
      description: "The figure is about one of these places or (by default) a place inside one of them.",
    }),
    platform: t.idList({ description: "One of these organisations is a subject of the figure in the PLATFORM role." }),
    organisation: t.idList({ description: "One of these organisations is a subject of the figure, in any role." }),
    operation: t.idList({ description: "The figure belongs to one of these operations or campaigns." }),
    legalCase: t.idList({ description: "The figure belongs to one of these legal cases." }),
    person: t.idList({ description: "One of these people is a subject of the figure." }),
    substance: t.field({
      type: ScopeInput,
      description: "The figure measures one of these substances or (by default) a narrower form of one.",
    }),
    subjectRole: t.field({ type: [SubjectRoleEnum], description: "The figure has a subject in one of these roles." }),
    statedBy: t.idList({ description: "The figure is attributed to one of these people or organisations." }),
    document: t.idList({ description: "The figure is stated in one of these documents." }),
    claim: t.idList({ description: "The figure belongs to one of these claims." }),
    claimStatus: t.field({ type: [ClaimStatusEnum], description: "The figure belongs to a claim with one of these verdicts." }),
    hasClaim: t.boolean({ description: "True: only figures grouped in a claim; false: only figures in no claim." }),
    label: t.field({ type: StringFilter, description: "Conditions on the label (Fentrace's one-line description)." }),
  }),
});

export type FigureFilterValue = typeof FigureFilter.$inferInput;

/** Translates a FigureFilter into a Prisma where clause (throws BAD_USER_INPUT naming `path.x`). */
export function figureWhere(filter: FigureFilterValue | null | undefined, path = "filter"): Prisma.FigureWhereInput {
  if (!filter) return {};
  if (filter.hasClaim === false && (filter.claimStatus || filter.claim)) {
    throw badFilter(path, `"hasClaim: false" cannot be combined with "claim" or "claimStatus".`);
  }
  const subject = (where: Prisma.FigureSubjectWhereInput): Prisma.FigureWhereInput => ({ subjects: { some: where } });
  const statedBy = filter.statedBy ? parseRefs(filter.statedBy, ["Person", "Organisation"], `${path}.statedBy`) : null;
  const where = allOf([
    inWhere("id", filter.id && parseRefs(filter.id, "Figure", `${path}.id`)),
    wrap("metricKey", stringWhere(filter.metric, `${path}.metric`)),
    wrap("unitKey", stringWhere(filter.unit, `${path}.unit`)),
    wrap("normalizedUnit", stringWhere(filter.normalizedUnit, `${path}.normalizedUnit`)),
    inWhere("qualifier", filter.qualifier),
    wrap("value", floatWhere(filter.value, `${path}.value`)),
    wrap("normalizedValue", floatWhere(filter.normalizedValue, `${path}.normalizedValue`)),
    periodWhere(
      filter.period,
      { start: "periodStart", end: "periodEnd", precision: "periodPrecision", inferred: "periodInferred" },
      `${path}.period`,
    ),
    filter.place
      ? {
          place: hierarchyWhere(
            parseRefs(filter.place.ids, "Place", `${path}.place.ids`),
            filter.place.includeDescendants,
          ),
        }
      : undefined,
    filter.platform
      ? subject({ role: "PLATFORM", organisationId: { in: parseRefs(filter.platform, "Organisation", `${path}.platform`) } })
      : undefined,
    filter.organisation
      ? subject({ organisationId: { in: parseRefs(filter.organisation, "Organisation", `${path}.organisation`) } })
      : undefined,
    filter.operation ? subject({ operationId: { in: parseRefs(filter.operation, "Operation", `${path}.operation`) } }) : undefined,
    filter.legalCase ? subject({ legalCaseId: { in: parseRefs(filter.legalCase, "LegalCase", `${path}.legalCase`) } }) : undefined,
    filter.person ? subject({ personId: { in: parseRefs(filter.person, "Person", `${path}.person`) } }) : undefined,
    filter.substance
      ? subject({
          substance: hierarchyWhere(
            parseRefs(filter.substance.ids, "Substance", `${path}.substance.ids`),
            filter.substance.includeDescendants,
          ),
        })
      : undefined,
    filter.subjectRole ? subject({ role: { in: filter.subjectRole } }) : undefined,
    statedBy ? { OR: [{ statedByPersonId: { in: statedBy } }, { statedByOrganisationId: { in: statedBy } }] } : undefined,
    inWhere("documentId", filter.document && parseRefs(filter.document, "Document", `${path}.document`)),
    inWhere("claimId", filter.claim && parseRefs(filter.claim, "Claim", `${path}.claim`)),
    filter.claimStatus ? { claim: { status: { in: filter.claimStatus } } } : undefined,
    filter.hasClaim == null ? undefined : filter.hasClaim ? { claimId: { not: null } } : { claimId: null },
    wrap("label", stringWhere(filter.label, `${path}.label`)),
  ]);
  return (where ?? {}) as Prisma.FigureWhereInput;
}

function wrap(column: string, condition: Record<string, unknown> | undefined) {
  return condition ? { [column]: condition } : undefined;
}

function badFilter(path: string, message: string) {
  return badUserInput(path, `Invalid filter "${path}": ${message}`);
}

export const FigureOrderField = builder.enumType("FigureOrderField", {
  description: "What to sort figures by.",
  values: {
    DOCUMENT_POSITION: { description: "The document (by slug), then the position of the figure's words in it: reading order." },
    NORMALIZED_VALUE: { description: "The normalised value (comparable only within one canonical unit)." },
    VALUE: { description: "The number as written." },
    PERIOD_START: { description: "First day of the period; unknown periods first in ASC order." },
    PERIOD_END: { description: "Last day of the period; unknown periods first in ASC order." },
    METRIC: { description: "The metric key." },
    LABEL: { description: "The label, alphabetically." },
    SLUG: { description: "The slug (readable id)." },
  } as const,
});

export const FigureOrder = builder.inputType("FigureOrder", {
  description: "One sort key for figures. Ties are broken by the next key, and finally by the slug.",
  fields: (t) => ({
    field: t.field({ type: FigureOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirectionEnum, defaultValue: "asc", description: "Sort direction; default ASC." }),
  }),
});

type FigureOrderValue = typeof FigureOrder.$inferInput;

export function figureOrderBy(order: readonly FigureOrderValue[] | null | undefined): Prisma.FigureOrderByWithRelationInput[] {
  return orderByFrom(
    order,
    {
      DOCUMENT_POSITION: (direction) => [{ documentId: direction }, { evidence: { start: direction } }],
      NORMALIZED_VALUE: (direction) => ({ normalizedValue: direction }),
      VALUE: (direction) => ({ value: direction }),
      PERIOD_START: nullableSort("periodStart"),
      PERIOD_END: nullableSort("periodEnd"),
      METRIC: (direction) => ({ metricKey: direction }),
      LABEL: (direction) => ({ label: direction }),
      SLUG: (direction) => ({ id: direction }),
    },
    [{ documentId: "asc" }, { evidence: { start: "asc" } }],
  ) as Prisma.FigureOrderByWithRelationInput[];
}

/** The `filter` and `orderBy` arguments of every figure list. */
export function figureListArgs(t: { arg: PothosArgBuilder }) {
  return {
    filter: t.arg({ type: FigureFilter, description: "Only figures that meet these conditions." }),
    orderBy: t.arg({
      type: [FigureOrder],
      description: "Sort keys, most significant first. Default: reading order (document, then position in it).",
    }),
  };
}
type PothosArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]["arg"];

// ---------------------------------------------------------------------------------------------
// Figure and its parts.

export const NormalizedValueRef = builder
  .objectRef<{ value: number; valueHigh: number | null; unit: string }>("NormalizedValue")
  .implement({
    description:
      "A figure's value converted to its metric's canonical unit: value × scale word × unit factor (\"more than 15,000 pounds\" → 6803.89 kilogram).",
    fields: (t) => ({
      value: t.float({ description: "The value in `unit` (the lower end for RANGE figures).", resolve: (v) => v.value }),
      valueHigh: t.float({
        nullable: true,
        description: "The upper end in `unit`, for RANGE figures; null otherwise.",
        resolve: (v) => v.valueHigh,
      }),
      unit: t.string({ description: "The canonical unit (e.g. `kilogram`, `pill`, `percent`, `usd`).", resolve: (v) => v.unit }),
    }),
  });

export const StatedByUnion: UnionRef<BuilderTypes, Person | Organisation> = builder.unionType("StatedBy", {
  description: "Who a document attributes a figure to: a person or an organisation.",
  types: () => [PersonRef, OrganisationRef],
  resolveType: (value) => ("kind" in (value as object) ? "Organisation" : "Person"),
});

export const SubjectEntityUnion: UnionRef<BuilderTypes, Organisation | Operation | LegalCase | Substance | Person> =
  builder.unionType("SubjectEntity", {
  description: "An entity a figure is about: an organisation (platform, agency, cartel), operation, legal case, substance or person.",
  types: () => [OrganisationRef, OperationRef, LegalCaseRef, SubstanceRef, PersonRef],
});

export const FigureSubjectRef = builder.prismaObject("FigureSubject", {
  description: "One entity a figure is about, with the role it plays (e.g. Snapchat as PLATFORM, the DEA as ACTOR).",
  fields: (t) => ({
    role: t.expose("role", { type: SubjectRoleEnum, description: memberDoc("FigureSubject", "role") }),
    entity: t.field({
      type: SubjectEntityUnion,
      description: "The entity: an Organisation, Operation, LegalCase, Substance or Person.",
      select: { organisation: true, operation: true, legalCase: true, substance: true, person: true },
      resolve: (subject) => {
        const pairs = [
          ["Organisation", subject.organisation],
          ["Operation", subject.operation],
          ["LegalCase", subject.legalCase],
          ["Substance", subject.substance],
          ["Person", subject.person],
        ] as const;
        for (const [type, entity] of pairs) {
          if (entity) {
            brandWithType(entity, type as never);
            return entity as never;
          }
        }
        throw new Error(`FigureSubject ${subject.id} has no entity`);
      },
    }),
    figure: t.relation("figure", { description: "The figure." }),
  }),
});

export const FigureSubjectConnection: ConnectionRef<FigureSubject> = connectionOf(FigureSubjectRef, "FigureSubject", "figure subjects");

export const FigureRef = builder.prismaNode("Figure", {
  id: { field: "id" },
  description:
    "One number stated in one place of one document: its value as written and normalised, what it measures, when, where, about whom, who said it, and the exact words that state it.",
  fields: (t) => ({
    slug: t.exposeString("id", {
      description: "Stable readable identifier chosen by Fentrace (e.g. `fig-lp-surge-arrests`); accepted wherever an ID is.",
    }),
    label: t.exposeString("label"),
    value: t.exposeFloat("value", {
      description:
        'The number as written, before any scale word: 20.4 in "20.4 million", 4 in "four out of ten". See `scale`, `unit` and `normalized`.',
    }),
    valueHigh: t.exposeFloat("valueHigh", {
      nullable: true,
      description: 'Upper end as written, for RANGE figures (100 in "50 to 100 times"); null otherwise.',
    }),
    scale: t.exposeString("scale", {
      nullable: true,
      description: 'Scale word that multiplies the written number ("million"); null when there is none.',
    }),
    qualifier: t.expose("qualifier", { type: QualifierEnum }),
    unit: t.exposeString("unitText", {
      description: 'The unit as the source words it (e.g. "pounds", "fake pills", "percent"). See `unitKey` for the unit table entry.',
    }),
    unitKey: t.exposeString("unitKey", { description: "Key of the unit in the unit table (e.g. `pound`); see `unitDefinition`." }),
    unitDefinition: t.relation("unit", {
      description: "The unit as an entry of the unit table, with its factor to the canonical unit.",
    }),
    statedText: t.string({
      description: 'The words of the document that state the number, exactly ("more than 15,000 pounds").',
      select: { evidence: { select: { text: true, marks: { where: { role: "VALUE" }, select: { text: true } } } } },
      resolve: (figure) => figure.evidence.marks[0]?.text ?? figure.evidence.text,
    }),
    normalized: t.field({
      type: NormalizedValueRef,
      description: "The value converted to the metric's canonical unit, comparable across figures of the same metric.",
      select: { normalizedValue: true, normalizedValueHigh: true, normalizedUnit: true },
      resolve: (figure) => ({
        value: figure.normalizedValue,
        valueHigh: figure.normalizedValueHigh,
        unit: figure.normalizedUnit,
      }),
    }),
    period: t.field({
      type: DateIntervalRef,
      description: "The period the figure covers (e.g. the year 2021, or 29 September – 14 December 2021).",
      select: { periodStart: true, periodEnd: true, periodPrecision: true, periodInferred: true, periodBasis: true },
      resolve: (figure) => ({
        start: figure.periodStart,
        end: figure.periodEnd,
        precision: figure.periodPrecision,
        inferred: figure.periodInferred,
        basis: figure.periodBasis,
      }),
    }),
    periodText: t.string({
      nullable: true,
      description: 'The words of the document that state the period ("this year alone"); null when the period is not worded in the span.',
      select: { evidence: { select: { marks: { where: { role: "PERIOD" }, select: { text: true } } } } },
      resolve: (figure) => figure.evidence.marks[0]?.text ?? null,
    }),
    note: t.exposeString("note", {
      nullable: true,
      description: "Curator's note on reading the figure (e.g. how \"millions\" was bounded); null when none.",
    }),
    metric: t.relation("metric"),
    place: t.relation("place", { nullable: true }),
    document: t.relation("document"),
    evidence: t.relation("evidence"),
    claim: t.relation("claim", { nullable: true }),
    statedBy: t.field({
      type: StatedByUnion,
      nullable: true,
      description: "The person or organisation the document attributes the figure to; null when it attributes it to no one.",
      select: { statedByPerson: true, statedByOrganisation: true },
      resolve: (figure) => {
        const entity = figure.statedByPerson ?? figure.statedByOrganisation;
        if (entity) brandWithType(entity, (figure.statedByPerson ? "Person" : "Organisation") as never);
        return (entity ?? null) as never;
      },
    }),
    subjects: t.relatedConnection(
      "subjects",
      {
        cursor: "id",
        totalCount: true,
        description: "The entities the figure is about, with their roles (platform, actor, operation, substance …).",
        args: { role: t.arg({ type: [SubjectRoleEnum], description: "Only subjects in one of these roles." }) },
        query: (args) => ({ where: args.role ? { role: { in: args.role } } : {}, orderBy: { id: "asc" } }),
      },
      FigureSubjectConnection,
    ),
    citation: t.field({
      type: CitationRef,
      description: "How to cite this figure: its source document (outlet, title, date) and Fentrace's processing.",
      select: { id: true, document: citationSelect },
      resolve: async (figure, _args, context) =>
        citationFor(figure.document, `Figure ${figure.id}`, (await context.datasetInfo()).version),
    }),
  }),
});

export const FigureConnection: ConnectionRef<Figure> = connectionOf(FigureRef, "Figure", "figures");

// ---------------------------------------------------------------------------------------------
// Queries.

builder.queryFields((t) => ({
  figure: t.prismaField({
    type: "Figure",
    description: "One figure, by global ID or slug. Unknown IDs are a NOT_FOUND error.",
    args: { id: t.arg.id({ required: true, description: "Global ID or slug of the figure." }) },
    resolve: async (query, _root, args) => {
      const id = parseRef(String(args.id), "Figure", "id");
      const figure = await prisma.figure.findUnique({ ...query, where: { id } });
      if (!figure) throw notFound("id", `No figure with ID ${JSON.stringify(args.id)}.`);
      return figure;
    },
  }),
  figures: t.prismaConnection(
    {
      type: "Figure",
      cursor: "id",
      description:
        "Every figure, filtered and sorted; by default in reading order. Example: `figures(filter: { metric: { eq: \"pills_seized\" }, period: { overlaps: { start: \"2021\", end: \"2021\" } } })`.",
      args: figureListArgs(t),
      resolve: (query, _root, args) =>
        prisma.figure.findMany({ ...query, where: figureWhere(args.filter), orderBy: figureOrderBy(args.orderBy) }),
      totalCount: (_connection, args) => prisma.figure.count({ where: figureWhere(args.filter) }),
    },
    FigureConnection,
  ),
}));

/**
 * A `figures` connection on an entity: the figures it is a subject of (optionally in given roles),
 * filtered and sorted like `Query.figures`. Loaded with one query (plus one count) per entity.
 */
export function subjectFiguresField(
  // biome-ignore lint/suspicious/noExplicitAny: shared by the field builders of several Prisma objects
  t: any,
  column: "organisationId" | "operationId" | "legalCaseId" | "substanceId" | "personId",
  description: string,
) {
  const where = (parentId: string, args: { filter?: FigureFilterValue | null; role?: string[] | null }) =>
    ({
      AND: [
        figureWhere(args.filter),
        { subjects: { some: { [column]: parentId, ...(args.role ? { role: { in: args.role } } : {}) } } },
      ],
    }) as Prisma.FigureWhereInput;
  return t.prismaConnection(
    {
      type: "Figure",
      cursor: "id",
      description,
      args: {
        ...figureListArgs(t),
        role: t.arg({ type: [SubjectRoleEnum], description: "Only figures in which this entity plays one of these roles." }),
      },
      resolve: (query: object, parent: { id: string }, args: { filter?: FigureFilterValue; orderBy?: FigureOrderValue[]; role?: string[] }) =>
        prisma.figure.findMany({ ...query, where: where(parent.id, args), orderBy: figureOrderBy(args.orderBy) }),
      totalCount: (parent: { id: string }, args: { filter?: FigureFilterValue; role?: string[] }) =>
        prisma.figure.count({ where: where(parent.id, args) }),
    },
    FigureConnection,
  );
}
