/**
 * Figure: one number stated in one place of one document, with its filters, ordering, subjects,
 * provenance and the `figure` / `figures` queries.
 */
import { brandWithType, type InputFieldMap, type InputShapeFromFields, type UnionRef } from "@pothos/core";
import { formatPrismaCursor, parsePrismaCursor } from "@pothos/plugin-prisma";
import type { ConnectionShape } from "@pothos/plugin-relay";
import { type BuilderTypes, builder, DEFAULT_PAGE_SIZE } from "../builder.js";
import { citationFor } from "../citation.js";
import type { GraphQLContext } from "../context.js";
import {
  type FigureConditions,
  figureCounts,
  figurePages,
  figureSortKeys,
  type SubjectCondition,
  withDescendants,
} from "../data/figures.js";
import { resolveKeyCondition, resolveRefs } from "../data/references.js";
import { andThen } from "../data/rows.js";
import { prisma } from "../db.js";
import { displayFigure } from "../display.js";
import { badUserInput, notFound } from "../errors.js";
import type {
  Figure,
  LegalCase,
  Operation,
  Organisation,
  Person,
  Prisma,
  Substance,
} from "../generated/prisma/client.js";
import { parseRef } from "../global-id.js";
import { memberDoc } from "../prisma-docs.js";
import { CitationRef, citableDocument } from "./citation.js";
import {
  ClaimRef,
  DocumentRef,
  EvidenceRef,
  FigureConnection,
  FigureSubjectConnection,
  LegalCaseRef,
  MetricRef,
  OperationRef,
  OrganisationRef,
  PersonRef,
  PlaceRef,
  SubstanceRef,
  UnitRef,
} from "./refs.js";
import { pageInfoOf } from "./shared/array-page.js";
import { ClaimStatusEnum, QualifierEnum, SubjectRoleEnum } from "./shared/enums.js";
import {
  compact,
  FloatFilter,
  floatWhere,
  PeriodFilter,
  periodCondition,
  StringFilter,
  stringWhere,
} from "./shared/filters.js";
import { MAX_HIERARCHY_DEPTH } from "./shared/hierarchy.js";
import { SortDirectionEnum } from "./shared/ordering.js";
import { DateIntervalRef } from "./shared/scalars.js";

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
      description:
        "Also match everything inside these records (cities inside a state, fentanyl powder inside fentanyl). Default true.",
    }),
  }),
});

export const FigureFilter = builder.inputType("FigureFilter", {
  description:
    "Conditions on figures; all given conditions must hold. Lists of IDs match any of their entries; each entry is a slug, a global ID or an exact name (a document also by file name or title), and one that names no record of the right kind is a BAD_USER_INPUT error with suggestions.",
  fields: (t) => ({
    id: t.idList({ description: "The figure is one of these." }),
    metric: t.field({
      type: StringFilter,
      description:
        'Conditions on the metric key (e.g. `{ eq: "pills_seized" }`). The values of `eq` and `in` name metrics: an unknown key is a BAD_USER_INPUT error with suggestions, and a metric\'s name stands for its key.',
    }),
    unit: t.field({
      type: StringFilter,
      description:
        'Conditions on the unit as stated: as shown in `unit` (e.g. "pounds", "fake prescription pills") or its key `unitKey` (e.g. `pound`, `out_of_ten`); a condition holds when it holds for either. For the canonical unit of the normalised value, use `normalizedUnit`.',
    }),
    normalizedUnit: t.field({
      type: StringFilter,
      description: "Conditions on the canonical unit of the normalised value (e.g. `kilogram`).",
    }),
    qualifier: t.field({ type: [QualifierEnum], description: "The qualifier is one of these." }),
    value: t.field({
      type: FloatFilter,
      description:
        'Conditions on the number as written (20.4 in "20.4 million"). To compare quantities across figures, filter on `normalizedValue`.',
    }),
    normalizedValue: t.field({
      type: FloatFilter,
      description:
        'Conditions on the normalised value, in the metric\'s canonical unit: the quantity to compare and sort by (20,400,000 for "20.4 million pills"; kilograms for masses, so "more than 15,000 pounds" is 6,803.89).',
    }),
    period: t.field({ type: PeriodFilter, description: "Conditions on the period the figure covers." }),
    place: t.field({
      type: ScopeInput,
      description: "The figure is about one of these places or (by default) a place inside one of them.",
    }),
    platform: t.idList({ description: "One of these organisations is a subject of the figure in the PLATFORM role." }),
    organisation: t.idList({
      description:
        "One of these organisations is a subject of the figure, in any role: what the figure is about (a platform, the agency that seized). For who states the figure, use `statedBy`.",
    }),
    operation: t.idList({ description: "The figure belongs to one of these operations or campaigns." }),
    legalCase: t.idList({ description: "The figure belongs to one of these legal cases." }),
    person: t.idList({ description: "One of these people is a subject of the figure." }),
    substance: t.field({
      type: ScopeInput,
      description: "The figure measures one of these substances or (by default) a narrower form of one.",
    }),
    subjectRole: t.field({ type: [SubjectRoleEnum], description: "The figure has a subject in one of these roles." }),
    statedBy: t.idList({
      description:
        "The figure is attributed to (stated by) one of these people or organisations, e.g. the DEA's administrator. For what the figure is about, use `organisation`, `platform` or `person`.",
    }),
    document: t.idList({ description: "The figure is stated in one of these documents." }),
    claim: t.idList({ description: "The figure belongs to one of these claims." }),
    claimStatus: t.field({
      type: [ClaimStatusEnum],
      description: "The figure belongs to a claim with one of these verdicts.",
    }),
    hasClaim: t.boolean({ description: "True: only figures grouped in a claim; false: only figures in no claim." }),
    label: t.field({ type: StringFilter, description: "Conditions on the label (Fentrace's one-line description)." }),
  }),
});

export type FigureFilterValue = typeof FigureFilter.$inferInput;

/**
 * Checks a FigureFilter and resolves its IDs (BAD_USER_INPUT naming `path.x`): the one reading of
 * a filter, which both the SQL of the figure lists (data/figures.ts) and the Prisma where clause
 * of the statistics and downloads (`figureWhere`) are made from.
 */
export function figureConditions(filter: FigureFilterValue | null | undefined, path = "filter"): FigureConditions {
  if (!filter) return {};
  if (filter.hasClaim === false && (filter.claimStatus || filter.claim)) {
    throw badFilter(path, `"hasClaim: false" cannot be combined with "claim" or "claimStatus".`);
  }
  const subjects: SubjectCondition[] = [];
  const subject = (
    column: SubjectCondition["column"],
    values: readonly string[] | null | undefined,
    type: "Organisation" | "Operation" | "LegalCase" | "Person",
    name: string,
    role?: "PLATFORM",
  ) => {
    if (values)
      subjects.push({ column, ids: resolveRefs(values, type, `${path}.${name}`), ...(role ? { role: [role] } : {}) });
  };
  subject("organisationId", filter.platform, "Organisation", "platform", "PLATFORM");
  subject("organisationId", filter.organisation, "Organisation", "organisation");
  subject("operationId", filter.operation, "Operation", "operation");
  subject("legalCaseId", filter.legalCase, "LegalCase", "legalCase");
  subject("personId", filter.person, "Person", "person");
  if (filter.substance) {
    const ids = resolveRefs(filter.substance.ids, "Substance", `${path}.substance.ids`);
    subjects.push({
      column: "substanceId",
      ids: withDescendants("Substance", ids, filter.substance.includeDescendants, MAX_HIERARCHY_DEPTH),
    });
  }
  if (filter.subjectRole) subjects.push({ role: filter.subjectRole });
  return compact({
    ids: filter.id ? resolveRefs(filter.id, "Figure", `${path}.id`) : undefined,
    metric: resolveKeyCondition(stringWhere(filter.metric, `${path}.metric`), "Metric", `${path}.metric`),
    unit: stringWhere(filter.unit, `${path}.unit`),
    normalizedUnit: stringWhere(filter.normalizedUnit, `${path}.normalizedUnit`),
    qualifier: filter.qualifier ?? undefined,
    value: floatWhere(filter.value, `${path}.value`),
    normalizedValue: floatWhere(filter.normalizedValue, `${path}.normalizedValue`),
    period: periodCondition(filter.period, `${path}.period`),
    places: filter.place
      ? withDescendants(
          "Place",
          resolveRefs(filter.place.ids, "Place", `${path}.place.ids`),
          filter.place.includeDescendants,
          MAX_HIERARCHY_DEPTH,
        )
      : undefined,
    subjects: subjects.length > 0 ? subjects : undefined,
    statedBy: filter.statedBy
      ? resolveRefs(filter.statedBy, ["Person", "Organisation"], `${path}.statedBy`)
      : undefined,
    documents: filter.document ? resolveRefs(filter.document, "Document", `${path}.document`) : undefined,
    claims: filter.claim ? resolveRefs(filter.claim, "Claim", `${path}.claim`) : undefined,
    claimStatus: filter.claimStatus ?? undefined,
    hasClaim: filter.hasClaim ?? undefined,
    label: stringWhere(filter.label, `${path}.label`),
  });
}

/** The Prisma where clause of checked conditions (statistics and downloads read figures with Prisma). */
export function prismaFigureWhere(conditions: FigureConditions): Prisma.FigureWhereInput {
  const { period } = conditions;
  const clauses: Prisma.FigureWhereInput[] = [];
  if (conditions.ids) clauses.push({ id: { in: conditions.ids } });
  if (conditions.metric) clauses.push({ metricKey: conditions.metric });
  if (conditions.unit) clauses.push({ OR: [{ unitKey: conditions.unit }, { unitText: conditions.unit }] });
  if (conditions.normalizedUnit) clauses.push({ normalizedUnit: conditions.normalizedUnit });
  if (conditions.label) clauses.push({ label: conditions.label });
  if (conditions.qualifier) clauses.push({ qualifier: { in: conditions.qualifier } });
  if (conditions.value) clauses.push({ value: conditions.value });
  if (conditions.normalizedValue) clauses.push({ normalizedValue: conditions.normalizedValue });
  if (period) {
    if (period.overlaps || period.within) clauses.push({ periodStart: { not: null }, periodEnd: { not: null } });
    if (period.overlaps?.end) clauses.push({ periodStart: { lte: period.overlaps.end } });
    if (period.overlaps?.start) clauses.push({ periodEnd: { gte: period.overlaps.start } });
    if (period.within?.start) clauses.push({ periodStart: { gte: period.within.start } });
    if (period.within?.end)
      clauses.push({ periodEnd: { lte: period.within.end } }, { periodStart: { lte: period.within.end } });
    if (period.known !== undefined) clauses.push({ periodStart: period.known ? { not: null } : null });
    if (period.inferred !== undefined) clauses.push({ periodInferred: period.inferred });
    if (period.precision) clauses.push({ periodPrecision: { in: period.precision } });
  }
  if (conditions.places) clauses.push({ placeId: { in: conditions.places } });
  for (const subject of conditions.subjects ?? []) {
    const where: Prisma.FigureSubjectWhereInput = {};
    if (subject.role) where.role = { in: subject.role };
    if (subject.column) where[subject.column] = { in: subject.ids ?? [] };
    clauses.push({ subjects: { some: where } });
  }
  if (conditions.statedBy) {
    clauses.push({
      OR: [{ statedByPersonId: { in: conditions.statedBy } }, { statedByOrganisationId: { in: conditions.statedBy } }],
    });
  }
  if (conditions.documents) clauses.push({ documentId: { in: conditions.documents } });
  if (conditions.claims) clauses.push({ claimId: { in: conditions.claims } });
  if (conditions.claimStatus) clauses.push({ claim: { status: { in: conditions.claimStatus } } });
  if (conditions.hasClaim !== undefined) clauses.push({ claimId: conditions.hasClaim ? { not: null } : null });
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { AND: clauses };
}

/** A FigureFilter as a Prisma where clause (throws BAD_USER_INPUT naming `path.x`). */
export function figureWhere(filter: FigureFilterValue | null | undefined, path = "filter"): Prisma.FigureWhereInput {
  return prismaFigureWhere(figureConditions(filter, path));
}

function badFilter(path: string, message: string) {
  return badUserInput(path, `Invalid filter "${path}": ${message}`);
}

export const FigureOrderField = builder.enumType("FigureOrderField", {
  description: "What to sort figures by.",
  values: {
    DOCUMENT_POSITION: {
      description: "The document (by slug), then the position of the figure's words in it: reading order.",
    },
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

/** The Prisma orderBy of an `orderBy` argument: the same sort keys as the figure lists' SQL. */
export function figureOrderBy(
  order: readonly FigureOrderValue[] | null | undefined,
): Prisma.FigureOrderByWithRelationInput[] {
  return figureSortKeys(order).map(({ column, direction }) => ({ [column]: direction }));
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

/** The words of the first mark with `role` in the figure's evidence (its VALUE or PERIOD words), if any. */
function markText(
  figure: Figure,
  role: "VALUE" | "PERIOD",
  context: GraphQLContext,
): string | undefined | Promise<string | undefined> {
  return andThen(
    context.rows.children("EvidenceMark", "evidenceId", figure.evidenceId),
    (marks) => marks.find((mark) => mark.role === role)?.text,
  );
}

export const NormalizedValueRef = builder
  .objectRef<{ value: number | null; valueHigh: number | null; unit: string }>("NormalizedValue")
  .implement({
    description:
      "A figure's value converted to its metric's canonical unit: value × scale word × unit factor (\"more than 15,000 pounds\" → 6803.89 kilogram).",
    fields: (t) => ({
      value: t.float({
        nullable: true,
        description:
          "The value in `unit` (the lower end for RANGE figures); null for VAGUE figures, whose words state no number.",
        resolve: (v) => v.value,
      }),
      valueHigh: t.float({
        nullable: true,
        description: "The upper end in `unit`, for RANGE figures; null otherwise.",
        resolve: (v) => v.valueHigh,
      }),
      unit: t.string({
        description: "The canonical unit (e.g. `kilogram`, `pill`, `percent`, `usd`).",
        resolve: (v) => v.unit,
      }),
    }),
  });

export const StatedByUnion: UnionRef<BuilderTypes, Person | Organisation> = builder.unionType("StatedBy", {
  description: "Who a document attributes a figure to: a person or an organisation.",
  types: () => [PersonRef, OrganisationRef],
  resolveType: (value) => ("kind" in (value as object) ? "Organisation" : "Person"),
});

export const SubjectEntityUnion: UnionRef<BuilderTypes, Organisation | Operation | LegalCase | Substance | Person> =
  builder.unionType("SubjectEntity", {
    description:
      "An entity a figure is about: an organisation (platform, agency, cartel), operation, legal case, substance or person.",
    types: () => [OrganisationRef, OperationRef, LegalCaseRef, SubstanceRef, PersonRef],
  });

export const FigureSubjectRef = builder.prismaObject("FigureSubject", {
  description: "One entity a figure is about, with the role it plays (e.g. Snapchat as PLATFORM, the DEA as ACTOR).",
  fields: (t) => ({
    role: t.expose("role", { type: SubjectRoleEnum }),
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

builder.prismaNode("Figure", {
  id: { field: "id" },
  description:
    "One number stated in one place of one document: its value as written and normalised, what it measures, when, where, about whom, who said it, and the exact words that state it.",
  fields: (t) => ({
    slug: t.exposeString("id"),
    label: t.exposeString("label"),
    display: t.string({
      description:
        'The figure ready to print: qualifier, number, scale word and unit as written ("more than 8 million fake pills", "about $1 million", "50 to 100 times more potent than morphine", "more than 80%"). A VAGUE figure, which states no number, shows its words ("millions of dollars", "a huge majority").',
      resolve: (figure) => displayFigure(figure),
    }),
    value: t.exposeFloat("value", { nullable: true }),
    valueHigh: t.exposeFloat("valueHigh", { nullable: true }),
    scale: t.exposeString("scale", { nullable: true }),
    qualifier: t.expose("qualifier", { type: QualifierEnum }),
    countsTowardTotals: t.exposeBoolean("countsTowardTotals"),
    totalsNote: t.exposeString("totalsNote", { nullable: true }),
    unit: t.exposeString("unitText"),
    unitKey: t.exposeString("unitKey"),
    unitDefinition: t.field({
      type: UnitRef,
      description: "The unit as an entry of the unit table, with its factor to the canonical unit.",
      resolve: (figure, _args, context) => context.rows.required("Unit", figure.unitKey),
    }),
    statedText: t.string({
      description: 'The words of the document that state the number, exactly ("more than 15,000 pounds").',
      resolve: (figure, _args, context) =>
        andThen(
          markText(figure, "VALUE", context),
          (text) => text ?? andThen(context.rows.required("Evidence", figure.evidenceId), (evidence) => evidence.text),
        ),
    }),
    normalized: t.field({
      type: NormalizedValueRef,
      description: "The value converted to the metric's canonical unit, comparable across figures of the same metric.",
      resolve: (figure) => ({
        value: figure.normalizedValue,
        valueHigh: figure.normalizedValueHigh,
        unit: figure.normalizedUnit,
      }),
    }),
    period: t.field({
      type: DateIntervalRef,
      description: "The period the figure covers (e.g. the year 2021, or 29 September – 14 December 2021).",
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
      description:
        'The words of the document that state the period ("this year alone"); null when the period is not worded in the span.',
      resolve: (figure, _args, context) => andThen(markText(figure, "PERIOD", context), (text) => text ?? null),
    }),
    note: t.exposeString("note", { nullable: true }),
    // Relations are read through the request's row loader (data/rows.ts): cached rows cost no
    // statement, and the rows a page is missing cost one statement per table.
    metric: t.field({
      type: MetricRef,
      description: memberDoc("Figure", "metric"),
      resolve: (figure, _args, context) => context.rows.required("Metric", figure.metricKey),
    }),
    place: t.field({
      type: PlaceRef,
      nullable: true,
      description: memberDoc("Figure", "place"),
      resolve: (figure, _args, context) => (figure.placeId === null ? null : context.rows.one("Place", figure.placeId)),
    }),
    document: t.field({
      type: DocumentRef,
      description: memberDoc("Figure", "document"),
      resolve: (figure, _args, context) => context.rows.required("Document", figure.documentId),
    }),
    evidence: t.field({
      type: EvidenceRef,
      description: memberDoc("Figure", "evidence"),
      resolve: (figure, _args, context) => context.rows.required("Evidence", figure.evidenceId),
    }),
    claim: t.field({
      type: ClaimRef,
      nullable: true,
      description: memberDoc("Figure", "claim"),
      resolve: (figure, _args, context) => (figure.claimId === null ? null : context.rows.one("Claim", figure.claimId)),
    }),
    statedBy: t.field({
      type: StatedByUnion,
      nullable: true,
      description:
        "The person or organisation the document attributes the figure to; null when it attributes it to no one.",
      resolve: async (figure, _args, context) => {
        const entity = figure.statedByPersonId
          ? await context.rows.one("Person", figure.statedByPersonId)
          : figure.statedByOrganisationId
            ? await context.rows.one("Organisation", figure.statedByOrganisationId)
            : null;
        if (entity) brandWithType(entity, (figure.statedByPersonId ? "Person" : "Organisation") as never);
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
      resolve: async (figure, _args, context) =>
        citationFor(
          await citableDocument(figure.documentId, context),
          `Figure ${figure.id}`,
          (await context.datasetInfo()).version,
        ),
    }),
  }),
});

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
  figures: t.field({
    type: FigureConnection,
    description:
      'Every figure, filtered and sorted; by default in reading order. Example: `figures(filter: { metric: { eq: "pills_seized" }, period: { overlaps: { start: "2021", end: "2021" } } })`.',
    args: { ...t.arg.connectionArgs(), ...figureListArgs(t) },
    resolve: (_root, args, context) => figureConnection(args, [], context),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Figure lists: every `figures` connection is one page and one count on the typed read path.

/** The arguments of a figure list. */
interface FigureListArgs {
  filter?: FigureFilterValue | null;
  orderBy?: readonly FigureOrderValue[] | null;
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * The figure connection page of `args`, within `scope` (the conditions of the parent, if any).
 * The pages and counts asked for in one tick (the `figures` of every claim of a page) are read
 * together, with one statement each (data/figures.ts).
 */
export async function figureConnection(
  args: FigureListArgs,
  scope: readonly FigureConditions[],
  context: GraphQLContext,
): Promise<ConnectionShape<BuilderTypes, Figure, false, false, false> & { totalCount: () => Promise<number> }> {
  const conditions = [figureConditions(args.filter), ...scope];
  // The paging rules of Pothos' Prisma connections, whose cursors these are (`GPC:` + the slug):
  // `plugins/argument-validation.ts` has checked the arguments (sizes, cursor shapes, no `first` with `before`).
  const backward = args.before != null || args.last != null;
  const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  const cursorText = args.before ?? args.after;
  const cursor = cursorText == null ? undefined : String(parsePrismaCursor(cursorText));
  const take = size + 1;
  const rows = await context.rows
    .batch("figurePages", figurePages)
    .load({ conditions, keys: figureSortKeys(args.orderBy), page: { take, backward, cursor } });
  const full = rows.length === take;
  const nodes = full ? (backward ? rows.slice(1) : rows.slice(0, -1)) : rows;
  const edges = nodes.map((node) => ({ cursor: formatPrismaCursor(node, "id"), node }));
  return {
    edges,
    pageInfo: pageInfoOf(edges, args, full),
    totalCount: () => context.rows.batch("figureCounts", figureCounts).load(conditions),
  };
}

/** The field builder of an object type, as far as a figure list uses it. */
type FigureListFieldBuilder<Parent> = Pick<PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Parent>, "field" | "arg">;

/** The arguments every figure list has: Relay's paging arguments, `filter` and `orderBy`. */
type FigureListArgMap = ReturnType<FigureListFieldBuilder<unknown>["arg"]["connectionArgs"]> &
  ReturnType<typeof figureListArgs>;

/**
 * A `figures` connection on a parent record: the figures within `scope(parent, args)`, filtered
 * and sorted like `Query.figures`, with the parent's own extra arguments (`args`, `{}` for none).
 */
export function figureListField<Parent, Extra extends InputFieldMap>(
  t: FigureListFieldBuilder<Parent>,
  options: {
    description?: string;
    args: Extra;
    scope: (parent: Parent, args: InputShapeFromFields<FigureListArgMap & Extra>) => FigureConditions;
  },
) {
  const args: FigureListArgMap & Extra = { ...t.arg.connectionArgs(), ...figureListArgs(t), ...options.args };
  return t.field({
    type: FigureConnection,
    ...(options.description ? { description: options.description } : {}),
    args,
    resolve: (parent, args, context) => figureConnection(args, [options.scope(parent, args)], context),
  });
}

/** A `figures` connection on an entity: the figures it is a subject of (optionally in given roles). */
export function subjectFiguresField<Parent extends { id: string }>(
  t: FigureListFieldBuilder<Parent>,
  column: NonNullable<SubjectCondition["column"]>,
  description: string,
) {
  return t.field({
    type: FigureConnection,
    description,
    args: {
      ...t.arg.connectionArgs(),
      ...figureListArgs(t),
      role: t.arg({
        type: [SubjectRoleEnum],
        description: "Only figures in which this entity plays one of these roles.",
      }),
    },
    resolve: (parent, args, context) =>
      figureConnection(
        args,
        [{ subjects: [{ column, ids: [parent.id], ...(args.role ? { role: args.role } : {}) }] }],
        context,
      ),
  });
}
