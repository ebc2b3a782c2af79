/**
 * Shared building blocks: the data model's enums, the operator inputs every filter reuses
 * (string, number, date range), their translation into Prisma `where` clauses with validation,
 * the date-interval object, sorting, and the shared connection types.
 */
import type { EnumRef, ObjectRef } from "@pothos/core";
import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLInputField,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isObjectType,
  Kind,
} from "graphql";
import type { PrismaObjectRef } from "@pothos/plugin-prisma";
import type { ConnectionShape } from "@pothos/plugin-relay";
import { builder, type BuilderTypes, MAX_PAGE_SIZE, type PartialDateValue } from "../builder.js";
import { badUserInput } from "../errors.js";
import { getDatamodel } from "../generated/pothos-types.js";
import { escapeLike } from "../literal-like.js";
import {
  ClaimStatus,
  DatePrecision,
  EventKind,
  MarkRole,
  OperationKind,
  OrganisationKind,
  PlaceKind,
  Qualifier,
  SubjectRole,
  TitleSource,
} from "../generated/prisma/enums.js";
import { describeInterval, type IntervalShape } from "../intervals.js";
import { memberDoc, typeDoc } from "../prisma-docs.js";

// ---------------------------------------------------------------------------------------------
// Enums of the data model, with the descriptions of prisma/schema.prisma.

function prismaEnum<const T extends Record<string, string>>(
  name: string,
  values: T,
): EnumRef<BuilderTypes, T[keyof T]> {
  const options = {
    description: typeDoc(name),
    values: Object.fromEntries(
      Object.keys(values).map((value) => [value, { value: values[value], description: memberDoc(name, value) }]),
    ),
  };
  return builder.enumType(name as "SortDirection", options as never) as unknown as EnumRef<BuilderTypes, T[keyof T]>;
}

export const DatePrecisionEnum = prismaEnum("DatePrecision", DatePrecision);
export const QualifierEnum = prismaEnum("Qualifier", Qualifier);
export const ClaimStatusEnum = prismaEnum("ClaimStatus", ClaimStatus);
export const TitleSourceEnum = prismaEnum("TitleSource", TitleSource);
export const OrganisationKindEnum = prismaEnum("OrganisationKind", OrganisationKind);
export const PlaceKindEnum = prismaEnum("PlaceKind", PlaceKind);
export const OperationKindEnum = prismaEnum("OperationKind", OperationKind);
export const EventKindEnum = prismaEnum("EventKind", EventKind);
export const SubjectRoleEnum = prismaEnum("SubjectRole", SubjectRole);
export const MarkRoleEnum = prismaEnum("MarkRole", MarkRole);

export const SortDirectionEnum = builder.enumType("SortDirection", {
  description: "Direction of a sort.",
  values: {
    ASC: { value: "asc", description: "Smallest, earliest or alphabetically first first. Empty values sort first." },
    DESC: { value: "desc", description: "Largest, latest or alphabetically last first. Empty values sort last." },
  } as const,
});

// ---------------------------------------------------------------------------------------------
// Bounds on every argument: validation.ts enforces them before execution, `documentInputBounds`
// states them in the schema.

/** Most values a list argument or input field may hold: as many as a page has records, so the ids of one page fit. */
export const MAX_LIST_LENGTH = MAX_PAGE_SIZE;

/**
 * Longest String or ID value of any argument, in characters (UTF-16 code units). It keeps LIKE
 * patterns and bound parameters small, and is far above every slug, global ID and cursor the API
 * issues (all under 100 characters).
 */
export const MAX_TEXT_LENGTH = 200;

/** The named types whose values are text (and so are bounded by MAX_TEXT_LENGTH). */
export const TEXT_TYPES: ReadonlySet<string> = new Set(["String", "ID"]);

/** The sentence that states the bounds of an argument or input field, or null when it has none. */
function boundsSentence(input: GraphQLArgument | GraphQLInputField): string | null {
  const list = isListType(getNullableType(input.type));
  const text = TEXT_TYPES.has(getNamedType(input.type).name);
  if (list && text) return `At most ${MAX_LIST_LENGTH} values, each at most ${MAX_TEXT_LENGTH} characters.`;
  if (list) return `At most ${MAX_LIST_LENGTH} values.`;
  if (text) return `At most ${MAX_TEXT_LENGTH} characters.`;
  return null;
}

/**
 * Appends the bounds of every list and text argument and input field to its description, so the
 * schema documents each limit where it applies, from the same constants the check uses. Returns
 * the schema (its argument and input field descriptions are updated in place).
 */
export function documentInputBounds(schema: GraphQLSchema): GraphQLSchema {
  const inputs: (GraphQLArgument | GraphQLInputField)[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type)) for (const field of Object.values(type.getFields())) inputs.push(...field.args);
    if (isInputObjectType(type)) inputs.push(...Object.values(type.getFields()));
  }
  for (const input of inputs) {
    const sentence = boundsSentence(input);
    if (!sentence) continue;
    const description = input.description?.trim() ?? "";
    input.description = description ? `${description}${/[.!?]$/.test(description) ? "" : "."} ${sentence}` : sentence;
  }
  return schema;
}

// ---------------------------------------------------------------------------------------------
// PartialDate: a year, a month or a day.

export type { PartialDateValue };

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parsePartialDate(text: string): PartialDateValue | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return { text, start: `${match[1]}-01-01`, end: `${match[1]}-12-31` };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const last = lastDayOfMonth(year, month);
  if (match[3] === undefined)
    return { text, start: `${match[1]}-${match[2]}-01`, end: `${match[1]}-${match[2]}-${last}` };
  const day = Number(match[3]);
  if (day < 1 || day > last) return null;
  return { text, start: text, end: text };
}

function partialDateError(value: unknown): GraphQLError {
  return new GraphQLError(
    `PartialDate must be a year "YYYY", a month "YYYY-MM" or a day "YYYY-MM-DD" (got ${JSON.stringify(value)}).`,
    { extensions: { code: "BAD_USER_INPUT" } },
  );
}

export const PartialDateScalar = builder.scalarType("PartialDate", {
  description:
    'A calendar date that may be partial: a year ("2021"), a month ("2021-12") or a day ("2021-12-16"), ISO 8601. As the start of a range it means its first day, as the end its last day.',
  serialize: (value) => value.text,
  parseValue: (value) => {
    const parsed = typeof value === "string" ? parsePartialDate(value) : null;
    if (!parsed) throw partialDateError(value);
    return parsed;
  },
  parseLiteral: (node) => {
    const parsed = node.kind === Kind.STRING ? parsePartialDate(node.value) : null;
    if (!parsed) throw partialDateError(node.kind === Kind.STRING ? node.value : node.kind);
    return parsed;
  },
});

// ---------------------------------------------------------------------------------------------
// Operator inputs.

export const StringFilter = builder.inputType("StringFilter", {
  description:
    "Conditions on a text field; all given conditions must hold. `contains` and `startsWith` ignore ASCII case; every character of their text matches itself (`%`, `_` and `\\` are not wildcards), and their text cannot hold NUL (U+0000).",
  fields: (t) => ({
    eq: t.string({ description: "Equal to this text exactly." }),
    in: t.stringList({ description: "Equal to one of these texts exactly." }),
    contains: t.string({
      description: "Contains this text (ignoring ASCII case; `%`, `_` and `\\` match themselves).",
    }),
    startsWith: t.string({
      description: "Starts with this text (ignoring ASCII case; `%`, `_` and `\\` match themselves).",
    }),
  }),
});

export const FloatFilter = builder.inputType("FloatFilter", {
  description:
    "Conditions on a number; all given conditions must hold. `eq` cannot be combined with the range operators.",
  fields: (t) => ({
    eq: t.float({ description: "Equal to this number." }),
    gt: t.float({ description: "Greater than this number." }),
    gte: t.float({ description: "Greater than or equal to this number." }),
    lt: t.float({ description: "Less than this number." }),
    lte: t.float({ description: "Less than or equal to this number." }),
  }),
});

export const IntFilter = builder.inputType("IntFilter", {
  description:
    "Conditions on a whole number; all given conditions must hold. `eq` cannot be combined with the range operators.",
  fields: (t) => ({
    eq: t.int({ description: "Equal to this number." }),
    gt: t.int({ description: "Greater than this number." }),
    gte: t.int({ description: "Greater than or equal to this number." }),
    lt: t.int({ description: "Less than this number." }),
    lte: t.int({ description: "Less than or equal to this number." }),
  }),
});

export const DateRangeInput = builder.inputType("DateRangeInput", {
  description:
    'A range of calendar days, both ends inclusive: from the first day of `start` to the last day of `end`. Either end may be left open, not both. `{ start: "2021", end: "2021" }` is the year 2021.',
  fields: (t) => ({
    start: t.field({
      type: PartialDateScalar,
      description: "First day of the range (a year or month means its first day); open when omitted.",
    }),
    end: t.field({
      type: PartialDateScalar,
      description: "Last day of the range (a year or month means its last day); open when omitted.",
    }),
  }),
});

export const PeriodFilter = builder.inputType("PeriodFilter", {
  description: "Conditions on a period (an interval of days with a precision); all given conditions must hold.",
  fields: (t) => ({
    overlaps: t.field({
      type: DateRangeInput,
      description: "The period shares at least one day with this range. Periods that are not known never match.",
    }),
    within: t.field({
      type: DateRangeInput,
      description: "The period lies entirely inside this range. Periods that are not known never match.",
    }),
    known: t.boolean({ description: "True: only periods that are known (have dates); false: only unknown periods." }),
    inferred: t.boolean({ description: "True: only periods Fentrace inferred; false: only periods stated outright." }),
    precision: t.field({ type: [DatePrecisionEnum], description: "The period's precision is one of these." }),
  }),
});

export type StringFilterValue = typeof StringFilter.$inferInput;
export type FloatFilterValue = typeof FloatFilter.$inferInput;
export type IntFilterValue = typeof IntFilter.$inferInput;
export type DateRangeValue = typeof DateRangeInput.$inferInput;
export type PeriodFilterValue = typeof PeriodFilter.$inferInput;

// ---------------------------------------------------------------------------------------------
// Translation into Prisma where clauses. Each checks for contradictory combinations and reports
// them as BAD_USER_INPUT naming the argument path (e.g. `filter.value`).

type Where = Record<string, unknown>;

/** Drops undefined entries so that an empty filter is `{}`. */
export function compact<T extends object>(where: T): T {
  return Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined)) as T;
}

/** `AND` of the non-empty clauses, or undefined when there is none. */
export function allOf(clauses: (Where | undefined)[]): Where | undefined {
  const kept = clauses.filter((clause): clause is Where => !!clause && Object.keys(clause).length > 0);
  if (kept.length === 0) return undefined;
  if (kept.length === 1) return kept[0];
  return { AND: kept };
}

/** A checked StringFilter: Prisma's StringFilter operators, LIKE patterns escaped (also read by data/figures.ts). */
export interface StringCondition {
  equals?: string;
  in?: string[];
  contains?: string;
  startsWith?: string;
}

/** A checked FloatFilter or IntFilter: Prisma's operators (also read by data/figures.ts). */
export interface RangeCondition {
  equals?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export function stringWhere(filter: StringFilterValue | null | undefined, path: string): StringCondition | undefined {
  if (!filter) return undefined;
  if (filter.eq != null && filter.in != null) {
    throw badUserInput(
      path,
      `Invalid filter "${path}": "eq" and "in" cannot be combined; use "in" with several values.`,
    );
  }
  for (const operator of ["contains", "startsWith"] as const) {
    // SQLite's LIKE reads its pattern as a C string: a NUL would end it, and match everything.
    if (filter[operator]?.includes("\u0000")) {
      throw badUserInput(
        `${path}.${operator}`,
        `Invalid filter "${path}": "${operator}" cannot match a NUL character (U+0000).`,
      );
    }
  }
  // Prisma's contains/startsWith are SQLite LIKE patterns: escape the text so it matches literally.
  const where: StringCondition = compact({
    equals: filter.eq ?? undefined,
    in: filter.in ?? undefined,
    contains: filter.contains == null ? undefined : escapeLike(filter.contains),
    startsWith: filter.startsWith == null ? undefined : escapeLike(filter.startsWith),
  });
  return Object.keys(where).length > 0 ? where : undefined;
}

function rangeWhere(
  filter: FloatFilterValue | IntFilterValue | null | undefined,
  path: string,
): RangeCondition | undefined {
  if (!filter) return undefined;
  const { eq, gt, gte, lt, lte } = filter;
  const ranged = [gt, gte, lt, lte].some((value) => value != null);
  if (eq != null && ranged) {
    throw badUserInput(path, `Invalid filter "${path}": "eq" cannot be combined with "gt", "gte", "lt" or "lte".`);
  }
  if (gt != null && gte != null) {
    throw badUserInput(path, `Invalid filter "${path}": give either "gt" or "gte", not both.`);
  }
  if (lt != null && lte != null) {
    throw badUserInput(path, `Invalid filter "${path}": give either "lt" or "lte", not both.`);
  }
  const low = gt ?? gte;
  const high = lt ?? lte;
  if (low != null && high != null && (low > high || (low === high && (gt != null || lt != null)))) {
    throw badUserInput(
      path,
      `Invalid filter "${path}": the range is empty (lower bound ${low} is above upper bound ${high}).`,
    );
  }
  const where: RangeCondition = compact({
    equals: eq ?? undefined,
    gt: gt ?? undefined,
    gte: gte ?? undefined,
    lt: lt ?? undefined,
    lte: lte ?? undefined,
  });
  return Object.keys(where).length > 0 ? where : undefined;
}

export const floatWhere = rangeWhere;
export const intWhere = rangeWhere;

/** Validates a date range and returns its first and last day (either may be open). */
export function dateRange(range: DateRangeValue, path: string): { start?: string; end?: string } {
  const start = (range.start as PartialDateValue | null | undefined)?.start;
  const end = (range.end as PartialDateValue | null | undefined)?.end;
  if (!start && !end) {
    throw badUserInput(path, `Invalid filter "${path}": give "start", "end" or both.`);
  }
  if (start && end && start > end) {
    throw badUserInput(path, `Invalid filter "${path}": "start" (${start}) is after "end" (${end}).`);
  }
  return { start, end };
}

/** Where clause for an interval stored as two nullable ISO-date columns. */
export function intervalWhere(
  range: DateRangeValue | null | undefined,
  mode: "overlaps" | "within",
  columns: { start: string; end: string },
  path: string,
): Where | undefined {
  return range ? checkedIntervalWhere(dateRange(range, path), mode, columns) : undefined;
}

/** Where clause for a checked date range (see `dateRange`) over two nullable ISO-date columns. */
function checkedIntervalWhere(
  { start, end }: { start?: string; end?: string },
  mode: "overlaps" | "within",
  columns: { start: string; end: string },
): Where {
  const clauses: Where[] = [{ [columns.start]: { not: null } }, { [columns.end]: { not: null } }];
  if (mode === "overlaps") {
    if (end) clauses.push({ [columns.start]: { lte: end } });
    if (start) clauses.push({ [columns.end]: { gte: start } });
  } else {
    if (start) clauses.push({ [columns.start]: { gte: start } });
    if (end) {
      clauses.push({ [columns.end]: { lte: end } });
      // Implied (an interval starts no later than it ends), but it bounds the index range on the
      // start column from both sides, so the figures of a year are found without reading later ones.
      clauses.push({ [columns.start]: { lte: end } });
    }
  }
  return { AND: clauses };
}

/** A checked PeriodFilter: its ranges as first and last days (also read by data/figures.ts). */
export interface PeriodCondition {
  overlaps?: { start?: string; end?: string };
  within?: { start?: string; end?: string };
  known?: boolean;
  inferred?: boolean;
  precision?: (typeof DatePrecision)[keyof typeof DatePrecision][];
}

/** Checks a PeriodFilter (BAD_USER_INPUT naming `path.x`); undefined when it sets nothing. */
export function periodCondition(
  filter: PeriodFilterValue | null | undefined,
  path: string,
): PeriodCondition | undefined {
  if (!filter) return undefined;
  if (filter.known === false && (filter.overlaps || filter.within)) {
    throw badUserInput(
      path,
      `Invalid filter "${path}": "known: false" cannot be combined with "overlaps" or "within".`,
    );
  }
  return compact({
    overlaps: filter.overlaps ? dateRange(filter.overlaps, `${path}.overlaps`) : undefined,
    within: filter.within ? dateRange(filter.within, `${path}.within`) : undefined,
    known: filter.known ?? undefined,
    inferred: filter.inferred ?? undefined,
    precision: filter.precision ?? undefined,
  });
}

/** Where clause for a PeriodFilter over columns `<prefix>Start`, `<prefix>End`, … */
export function periodWhere(
  filter: PeriodFilterValue | null | undefined,
  columns: { start: string; end: string; precision: string; inferred: string },
  path: string,
): Where | undefined {
  const condition = periodCondition(filter, path);
  if (!condition) return undefined;
  return allOf([
    condition.overlaps && checkedIntervalWhere(condition.overlaps, "overlaps", columns),
    condition.within && checkedIntervalWhere(condition.within, "within", columns),
    condition.known === undefined ? undefined : { [columns.start]: condition.known ? { not: null } : null },
    condition.inferred === undefined ? undefined : { [columns.inferred]: condition.inferred },
    condition.precision ? { [columns.precision]: { in: condition.precision } } : undefined,
  ]);
}

/** Where clause `{ column: { in: values } }`, or undefined for an absent list. */
export function inWhere(column: string, values: readonly unknown[] | null | undefined): Where | undefined {
  return values ? { [column]: { in: [...values] } } : undefined;
}

/** Prisma orderBy from `[{ field, direction }]`, always ending with the id so pages are stable. */
export function orderByFrom<F extends string>(
  order: readonly { field: F; direction?: "asc" | "desc" | null }[] | null | undefined,
  columns: Record<F, (direction: "asc" | "desc") => Where | Where[]>,
  fallback: Where[],
  idColumn = "id",
): Where[] {
  const clauses = (order ?? []).flatMap(({ field, direction }) => {
    const made = columns[field](direction ?? "asc");
    return Array.isArray(made) ? made : [made];
  });
  const result = clauses.length > 0 ? clauses : [...fallback];
  if (!result.some((clause) => Object.keys(clause).length === 1 && idColumn in clause)) {
    result.push({ [idColumn]: "asc" });
  }
  return result;
}

/**
 * Sort on a nullable column with empty values first (ASC) or last (DESC). That is SQLite's own
 * order for NULLs, so the plain direction is given: Prisma would otherwise wrap the column in a
 * `CASE WHEN … IS NULL` expression that no index can serve. (PostgreSQL sorts NULLs the other
 * way: there, pass `{ sort, nulls }` explicitly.)
 */
export function nullableSort(column: string) {
  return (direction: "asc" | "desc"): Where => ({ [column]: direction });
}

// ---------------------------------------------------------------------------------------------
// Date intervals (periods, publication dates, dates of events and operations).

// The shape and its wording live in ../intervals.ts (shared with citations and downloads).
export { describeInterval, type IntervalShape };

export const DateIntervalRef = builder.objectRef<IntervalShape>("DateInterval").implement({
  description:
    "An interval of calendar days with its precision: a year is the whole year, a month the whole month. Dates are ISO `YYYY-MM-DD`, both ends inclusive.",
  fields: (t) => ({
    start: t.string({
      nullable: true,
      description: "First day (ISO `YYYY-MM-DD`); null when the date is not known.",
      resolve: (interval) => interval.start,
    }),
    end: t.string({
      nullable: true,
      description: "Last day, inclusive (ISO `YYYY-MM-DD`); null when not known (or, for operations, ongoing).",
      resolve: (interval) => interval.end,
    }),
    precision: t.field({
      type: DatePrecisionEnum,
      description: "How precisely the interval is known (DAY, MONTH, YEAR or UNKNOWN).",
      resolve: (interval) => interval.precision,
    }),
    inferred: t.boolean({
      description: "True when Fentrace inferred the dates rather than the source printing them; see `basis`.",
      resolve: (interval) => interval.inferred,
    }),
    basis: t.string({
      nullable: true,
      description: "How the dates were established, in Fentrace's words; null when stated outright.",
      resolve: (interval) => interval.basis,
    }),
    text: t.string({
      description:
        'The interval in words, e.g. "2021", "December 2021", "29 September 2021 – 14 December 2021" or "unknown".',
      resolve: (interval) => describeInterval(interval),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Shared connection types: `<Type>Connection` with `totalCount`, and `<Type>Edge`.

/**
 * What a connection's cursors decode to, by connection type name (used to validate `after` and
 * `before` before execution): an offset (`resolveArrayConnection`) or a Prisma cursor holding the
 * values of the model's primary key, one value per key field, of that field's type.
 */
export type CursorShape =
  | { kind: "offset" }
  | { kind: "prisma"; model: string; fields: readonly { name: string; type: "String" | "Int" }[] };

export const connectionCursors = new Map<string, CursorShape>();

/** The primary key fields of a Prisma model, which every connection of its records pages by. */
function primaryKeyCursor(model: string): CursorShape {
  const definition = getDatamodel().datamodel.models[model];
  if (!definition) throw new Error(`connectionOf: no Prisma model ${model}`);
  const names =
    definition.primaryKey?.fields ?? definition.fields.filter((field) => field.isId).map((field) => field.name);
  const fields = names.map((name) => {
    const type = definition.fields.find((field) => field.name === name)?.type;
    // The cursor check knows how to recognise these; a key of another type needs a case there.
    if (type !== "String" && type !== "Int")
      throw new Error(`connectionOf: ${model}.${name} has a key type (${type}) cursors are not checked for`);
    return { name, type } as const;
  });
  return { kind: "prisma", model, fields };
}

/** The type of a shared connection ref whose nodes have shape `T`. */
export type ConnectionRef<T> = ObjectRef<BuilderTypes, ConnectionShape<BuilderTypes, T, false, false, false>>;

/**
 * The shared `<Name>Connection` type of a Prisma object. Every field that returns it must page by
 * the model's primary key (`cursor: "id"`, `"key"` or the compound key's name, e.g.
 * `"documentId_personId"`): that is the cursor shape `after` and `before` are checked against.
 */
export function connectionOf<T>(node: unknown, name: string, plural: string): ConnectionRef<T> {
  connectionCursors.set(
    `${name}Connection`,
    primaryKeyCursor((node as PrismaObjectRef<BuilderTypes, never>).modelName),
  );
  return builder.connectionObject(
    {
      type: node as PrismaObjectRef<BuilderTypes, never>,
      name: `${name}Connection`,
      description: `A page of ${plural} (Relay cursor connection), with the number of ${plural} that match the filter in \`totalCount\`.`,
      fields: (t) => ({
        totalCount: t.int({
          description: `Number of ${plural} in the whole list, after filtering (not just this page).`,
          resolve: async (connection) => {
            const total = (connection as { totalCount?: number | (() => number | Promise<number>) }).totalCount;
            const value = typeof total === "function" ? await total() : total;
            if (value == null) throw new Error(`totalCount missing on ${name}Connection`);
            return value;
          },
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of the ${plural} of a page, with its cursor.` },
  ) as unknown as ConnectionRef<T>;
}

// ---------------------------------------------------------------------------------------------
// Simple orderings: `<Type>OrderField` + `<Type>Order`, translated by `toOrderBy`.

export function defineOrder<const F extends string>(
  typeName: string,
  plural: string,
  fields: Record<F, { description: string; orderBy: (direction: "asc" | "desc") => Where | Where[] }>,
  fallback: Where[],
) {
  const fieldEnum = builder.enumType(`${typeName}OrderField`, {
    description: `What to sort ${plural} by.`,
    values: Object.fromEntries(
      (Object.keys(fields) as F[]).map((key) => [key, { value: key, description: fields[key].description }]),
    ) as { [K in F]: { value: K; description: string } },
  });
  const input = builder.inputType(`${typeName}Order`, {
    description: `One sort key for ${plural}. Ties are broken by the next key, and finally by the slug.`,
    fields: (t) => ({
      field: t.field({ type: fieldEnum, required: true, description: "What to sort by." }),
      direction: t.field({ type: SortDirectionEnum, defaultValue: "asc", description: "Sort direction; default ASC." }),
    }),
  });
  const columns = Object.fromEntries((Object.keys(fields) as F[]).map((key) => [key, fields[key].orderBy])) as Record<
    F,
    (direction: "asc" | "desc") => Where | Where[]
  >;
  return {
    input,
    toOrderBy: (order: readonly { field: F; direction?: "asc" | "desc" | null }[] | null | undefined) =>
      orderByFrom(order, columns, fallback),
  };
}
