/**
 * The operator inputs every filter reuses (text, number, date range, period) and their checked
 * translation into Prisma where clauses. Each check reports a contradictory combination as
 * BAD_USER_INPUT naming the argument path (e.g. `filter.value`).
 *
 * The translations are typed: each returns a Prisma filter operator object (`{ in }`, `{ gte }`, …)
 * or, for clauses over several columns, takes a function that names the model's columns, so every
 * clause is a `Prisma.*WhereInput` the compiler checks and a renamed column fails `tsc`.
 */
import { builder } from "../../builder.js";
import { badUserInput } from "../../errors.js";
import type { DatePrecision } from "../../generated/prisma/enums.js";
import { escapeLike } from "../../literal-like.js";
import { DatePrecisionEnum } from "./enums.js";
import { PartialDateScalar } from "./scalars.js";

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
// Combining clauses.

/** True when a clause sets nothing (`{}`, or only undefined values, which Prisma ignores). */
function isEmpty(clause: object): boolean {
  return Object.values(clause).every((value) => value === undefined);
}

/** Drops undefined entries so that an empty filter is `{}`. */
export function compact<T extends object>(where: T): T {
  const kept: Partial<T> = {};
  for (const key of Object.keys(where) as (keyof T)[]) if (where[key] !== undefined) kept[key] = where[key];
  return kept as T;
}

/**
 * `AND` of the clauses that set something, or undefined when none does. `W` is the model's where
 * input (e.g. `allOf<WhereOf<"Person">>([...])`), so each clause is checked against it.
 */
export function allOf<W extends object>(clauses: readonly (W | undefined)[]): W | { AND: W[] } | undefined {
  const kept = clauses.filter((clause): clause is W => clause !== undefined && !isEmpty(clause));
  if (kept.length === 0) return undefined;
  if (kept.length === 1) return kept[0];
  return { AND: kept };
}

/** Prisma's `{ in: values }` operator, or undefined for an absent list. */
export function oneOf<T>(values: readonly T[] | null | undefined): { in: T[] } | undefined {
  return values ? { in: [...values] } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Text and numbers.

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
  return isEmpty(where) ? undefined : where;
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
  return isEmpty(where) ? undefined : where;
}

export const floatWhere = rangeWhere;
export const intWhere = rangeWhere;

// ---------------------------------------------------------------------------------------------
// Date ranges, intervals and periods.

/** A checked date range: its first and last day (ISO `YYYY-MM-DD`), either may be open. */
export interface CheckedRange {
  start?: string;
  end?: string;
}

/** Validates a date range and returns its first and last day (either may be open). */
export function dateRange(range: DateRangeValue, path: string): CheckedRange {
  const start = range.start?.start;
  const end = range.end?.end;
  if (!start && !end) {
    throw badUserInput(path, `Invalid filter "${path}": give "start", "end" or both.`);
  }
  if (start && end && start > end) {
    throw badUserInput(path, `Invalid filter "${path}": "start" (${start}) is after "end" (${end}).`);
  }
  const checked: CheckedRange = {};
  if (start) checked.start = start;
  if (end) checked.end = end;
  return checked;
}

/** A condition on one nullable ISO-date column, as Prisma's `StringNullableFilter` operators. */
export type DateColumnCondition = { not: null } | { lte: string } | { gte: string };

/**
 * One clause over the columns of a stored interval or period, by role. A model names its columns
 * with a function from this to its where input, e.g.
 * `(c): WhereOf<"Event"> => ({ startDate: c.start, endDate: c.end })`.
 */
export interface PeriodClause {
  start?: DateColumnCondition | null;
  end?: DateColumnCondition;
  precision?: { in: DatePrecision[] };
  inferred?: boolean;
}

/** The clauses for a checked date range over a stored interval (known ends only). */
function rangeClauses({ start, end }: CheckedRange, mode: "overlaps" | "within"): PeriodClause[] {
  const clauses: PeriodClause[] = [{ start: { not: null } }, { end: { not: null } }];
  if (mode === "overlaps") {
    if (end) clauses.push({ start: { lte: end } });
    if (start) clauses.push({ end: { gte: start } });
  } else {
    if (start) clauses.push({ start: { gte: start } });
    if (end) {
      clauses.push({ end: { lte: end } });
      // Implied (an interval starts no later than it ends), but it bounds the index range on the
      // start column from both sides, so the figures of a year are found without reading later ones.
      clauses.push({ start: { lte: end } });
    }
  }
  return clauses;
}

/** Where clause for an interval stored as two nullable ISO-date columns, named by `columns`. */
export function intervalWhere<W extends object>(
  range: DateRangeValue | null | undefined,
  mode: "overlaps" | "within",
  columns: (clause: PeriodClause) => W,
  path: string,
): W | { AND: W[] } | undefined {
  return range ? allOf(rangeClauses(dateRange(range, path), mode).map(columns)) : undefined;
}

/** A checked PeriodFilter: its ranges as first and last days (also read by data/figures.ts). */
export interface PeriodCondition {
  overlaps?: CheckedRange;
  within?: CheckedRange;
  known?: boolean;
  inferred?: boolean;
  precision?: DatePrecision[];
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

/** The clauses of a checked PeriodFilter, by column role. */
export function periodClauses(condition: PeriodCondition): PeriodClause[] {
  const clauses: PeriodClause[] = [];
  if (condition.overlaps) clauses.push(...rangeClauses(condition.overlaps, "overlaps"));
  if (condition.within) clauses.push(...rangeClauses(condition.within, "within"));
  if (condition.known !== undefined) clauses.push({ start: condition.known ? { not: null } : null });
  if (condition.inferred !== undefined) clauses.push({ inferred: condition.inferred });
  if (condition.precision) clauses.push({ precision: { in: condition.precision } });
  return clauses;
}

/** Where clause for a PeriodFilter over a model's period columns, named by `columns`. */
export function periodWhere<W extends object>(
  filter: PeriodFilterValue | null | undefined,
  columns: (clause: PeriodClause) => W,
  path: string,
): W | { AND: W[] } | undefined {
  const condition = periodCondition(filter, path);
  return condition ? allOf(periodClauses(condition).map(columns)) : undefined;
}
