/**
 * Figure lists on the typed read path: a FigureFilter as SQL conditions, the sort keys, one page
 * by keyset (the sort values of the cursor's row, never an offset), and the count of a filter.
 *
 * Every figure connection (`Query.figures` and the `figures` of documents, metrics, claims,
 * places, substances and the subject entities) is answered here, with one statement for the page
 * and one for the count, which is kept per filter for the life of the process (the data do not
 * change while it runs). The conditions mirror the FigureFilter documentation field by field; the
 * argument checks (contradictory operators, empty ranges, unknown ID types) are the shared ones
 * of schema/shared/filters.ts, so both read paths refuse the same input with the same message.
 */
import { type Expression, expressionBuilder, sql as raw, type SqlBool } from "kysely";
import { LRUCache } from "lru-cache";
import type { ClaimStatus, DB, Qualifier, SubjectRole } from "../generated/kysely/database.js";
import type { PeriodCondition, RangeCondition, StringCondition } from "../schema/shared/filters.js";
import { all, sql } from "./database.js";
import { type Row, rowsByKey } from "./rows.js";

type FigureColumn = keyof DB["Figure"] & string;
type Condition = Expression<SqlBool>;

const eb = expressionBuilder<DB, "Figure">();

/** The parts of a figure filter, checked and with every ID resolved to a slug. */
export interface FigureConditions {
  ids?: string[];
  metric?: StringCondition;
  unit?: StringCondition;
  normalizedUnit?: StringCondition;
  label?: StringCondition;
  qualifier?: Qualifier[];
  value?: RangeCondition;
  normalizedValue?: RangeCondition;
  period?: PeriodCondition;
  /** Place slugs, descendants already included when asked for. */
  places?: string[];
  /** Conditions on subjects, each a separate EXISTS (all must hold). */
  subjects?: SubjectCondition[];
  statedBy?: string[];
  documents?: string[];
  claims?: string[];
  claimStatus?: ClaimStatus[];
  hasClaim?: boolean;
}

/** A figure has a subject with these properties. */
export interface SubjectCondition {
  role?: SubjectRole[];
  column?: "organisationId" | "operationId" | "legalCaseId" | "substanceId" | "personId";
  ids?: string[];
}

function stringCondition(column: FigureColumn, condition: StringCondition): Condition[] {
  const ref = eb.ref(column);
  const clauses: Condition[] = [];
  if (condition.equals !== undefined) clauses.push(eb(ref, "=", condition.equals));
  if (condition.in !== undefined)
    clauses.push(condition.in.length === 0 ? raw<SqlBool>`0` : eb(ref, "in", condition.in));
  // The patterns arrive escaped (schema/shared/filters.ts, escapeLike): `\` escapes `%`, `_` and itself.
  if (condition.contains !== undefined)
    clauses.push(raw<SqlBool>`${ref} LIKE ${`%${condition.contains}%`} ESCAPE '\\'`);
  if (condition.startsWith !== undefined)
    clauses.push(raw<SqlBool>`${ref} LIKE ${`${condition.startsWith}%`} ESCAPE '\\'`);
  return clauses;
}

function rangeCondition(column: FigureColumn, condition: RangeCondition): Condition[] {
  const ref = eb.ref(column);
  const clauses: Condition[] = [];
  if (condition.equals !== undefined) clauses.push(eb(ref, "=", condition.equals));
  if (condition.gt !== undefined) clauses.push(eb(ref, ">", condition.gt));
  if (condition.gte !== undefined) clauses.push(eb(ref, ">=", condition.gte));
  if (condition.lt !== undefined) clauses.push(eb(ref, "<", condition.lt));
  if (condition.lte !== undefined) clauses.push(eb(ref, "<=", condition.lte));
  return clauses;
}

function inList(column: FigureColumn, values: readonly string[]): Condition {
  return values.length === 0 ? raw<SqlBool>`0` : eb(eb.ref(column), "in", values);
}

function subjectCondition(condition: SubjectCondition): Condition {
  if (condition.role?.length === 0 || condition.ids?.length === 0) return raw<SqlBool>`0`;
  return eb.exists(
    eb
      .selectFrom("FigureSubject")
      .select(raw`1`.as("one"))
      .whereRef("FigureSubject.figureId", "=", "Figure.id")
      .$if(condition.role !== undefined, (query) => query.where("FigureSubject.role", "in", condition.role!))
      .$if(condition.column !== undefined, (query) =>
        query.where(`FigureSubject.${condition.column!}`, "in", condition.ids!),
      ),
  );
}

/** The SQL conditions of `conditions` (all must hold). */
export function figureSql(conditions: FigureConditions): Condition[] {
  const clauses: Condition[] = [];
  if (conditions.ids) clauses.push(inList("id", conditions.ids));
  if (conditions.metric) clauses.push(...stringCondition("metricKey", conditions.metric));
  // The unit as shown ("pounds") or its key (`pound`): a reader types either.
  if (conditions.unit) {
    const unit = conditions.unit;
    clauses.push(eb.or([eb.and(stringCondition("unitKey", unit)), eb.and(stringCondition("unitText", unit))]));
  }
  if (conditions.normalizedUnit) clauses.push(...stringCondition("normalizedUnit", conditions.normalizedUnit));
  if (conditions.label) clauses.push(...stringCondition("label", conditions.label));
  if (conditions.qualifier) clauses.push(inList("qualifier", conditions.qualifier));
  if (conditions.value) clauses.push(...rangeCondition("value", conditions.value));
  if (conditions.normalizedValue) clauses.push(...rangeCondition("normalizedValue", conditions.normalizedValue));
  const period = conditions.period;
  if (period) {
    const { overlaps, within } = period;
    if (overlaps || within) clauses.push(eb("periodStart", "is not", null), eb("periodEnd", "is not", null));
    if (overlaps?.end) clauses.push(eb("periodStart", "<=", overlaps.end));
    if (overlaps?.start) clauses.push(eb("periodEnd", ">=", overlaps.start));
    if (within?.start) clauses.push(eb("periodStart", ">=", within.start));
    if (within?.end) {
      clauses.push(eb("periodEnd", "<=", within.end));
      // Implied (a period starts no later than it ends), but it bounds the index range on the
      // start column from both sides, so a year's figures are found without reading later ones.
      clauses.push(eb("periodStart", "<=", within.end));
    }
    if (period.known !== undefined) clauses.push(eb("periodStart", period.known ? "is not" : "is", null));
    if (period.inferred !== undefined) clauses.push(eb("periodInferred", "=", period.inferred ? 1 : 0));
    if (period.precision) clauses.push(inList("periodPrecision", period.precision));
  }
  if (conditions.places) clauses.push(inList("placeId", conditions.places));
  for (const subject of conditions.subjects ?? []) clauses.push(subjectCondition(subject));
  if (conditions.statedBy) {
    const ids = conditions.statedBy.length > 0 ? conditions.statedBy : [""];
    clauses.push(eb.or([eb("statedByPersonId", "in", ids), eb("statedByOrganisationId", "in", ids)]));
  }
  if (conditions.documents) clauses.push(inList("documentId", conditions.documents));
  if (conditions.claims) clauses.push(inList("claimId", conditions.claims));
  if (conditions.claimStatus) {
    const statuses = conditions.claimStatus;
    clauses.push(
      statuses.length === 0
        ? raw<SqlBool>`0`
        : eb("claimId", "in", eb.selectFrom("Claim").select("Claim.id").where("Claim.status", "in", statuses)),
    );
  }
  if (conditions.hasClaim !== undefined) clauses.push(eb("claimId", conditions.hasClaim ? "is not" : "is", null));
  return clauses;
}

// ---------------------------------------------------------------------------------------------
// Hierarchies (places, substances): the records inside given ones, from the whole table, read once.

/** A hierarchy read once: each record's children, and its parent (null at the top). */
interface Hierarchy {
  children: Map<string, string[]>;
  parents: Map<string, string | null>;
}

const hierarchies = new Map<"Place" | "Substance", Hierarchy>();

function hierarchyOf(table: "Place" | "Substance"): Hierarchy {
  let hierarchy = hierarchies.get(table);
  if (!hierarchy) {
    hierarchy = { children: new Map(), parents: new Map() };
    const rows = all(sql.selectFrom(table).select(["id", "parentId"]));
    for (const row of rows) {
      hierarchy.parents.set(row.id, row.parentId);
      if (row.parentId === null) continue;
      const list = hierarchy.children.get(row.parentId) ?? [];
      list.push(row.id);
      hierarchy.children.set(row.parentId, list);
    }
    hierarchies.set(table, hierarchy);
  }
  return hierarchy;
}

/** True when `inner` lies inside `outer` (its parent, grandparent … up to `maxDepth` levels). */
export function isInside(table: "Place" | "Substance", inner: string, outer: string, maxDepth: number): boolean {
  const { parents } = hierarchyOf(table);
  let place = parents.get(inner) ?? null;
  for (let depth = 0; place !== null && depth < maxDepth; depth += 1) {
    if (place === outer) return true;
    place = parents.get(place) ?? null;
  }
  return false;
}

/** `ids` and, when asked, everything inside them, down to `maxDepth` levels. */
export function withDescendants(
  table: "Place" | "Substance",
  ids: readonly string[],
  includeDescendants: boolean,
  maxDepth: number,
): string[] {
  if (!includeDescendants) return [...ids];
  const { children } = hierarchyOf(table);
  const found = new Set(ids);
  let level = [...ids];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth += 1) {
    level = level.flatMap((id) => children.get(id) ?? []).filter((id) => !found.has(id));
    for (const id of level) found.add(id);
  }
  return [...found];
}

// ---------------------------------------------------------------------------------------------
// Order and pages.

export type Direction = "asc" | "desc";

/** One sort key: a Figure column and its direction. */
export interface SortKey {
  column: FigureColumn;
  direction: Direction;
}

/**
 * The columns of each sort field. DOCUMENT_POSITION is reading order: the document, then where
 * the figure's words start in it (Figure.position, a copy of the evidence's start, so that the
 * order is an index to walk rather than a sort on a join).
 */
export const FIGURE_SORT_COLUMNS = {
  DOCUMENT_POSITION: ["documentId", "position"],
  NORMALIZED_VALUE: ["normalizedValue"],
  VALUE: ["value"],
  PERIOD_START: ["periodStart"],
  PERIOD_END: ["periodEnd"],
  METRIC: ["metricKey"],
  LABEL: ["label"],
  SLUG: ["id"],
} as const satisfies Record<string, readonly FigureColumn[]>;

export type FigureSortField = keyof typeof FIGURE_SORT_COLUMNS;

/** The sort keys of an `orderBy` argument (default: reading order), ending with the id. */
export function figureSortKeys(
  order: readonly { field: FigureSortField; direction?: Direction | null }[] | null | undefined,
): SortKey[] {
  const given =
    order && order.length > 0 ? order : [{ field: "DOCUMENT_POSITION" as const, direction: "asc" as const }];
  const keys = given.flatMap(({ field, direction }) =>
    FIGURE_SORT_COLUMNS[field].map((column): SortKey => ({ column, direction: direction ?? "asc" })),
  );
  if (!keys.some((key) => key.column === "id")) keys.push({ column: "id", direction: "asc" });
  return keys;
}

/**
 * The rows after the cursor row `at` in the order `keys`: for some key, every earlier key equal
 * (`IS`, so that empty values compare) and this one further along. SQLite sorts empty values
 * first in ascending order and last in descending order, and so does this.
 */
function after(keys: readonly SortKey[], at: Row<"Figure">): Condition {
  const branches: Condition[] = [];
  keys.forEach((key, index) => {
    const value = at[key.column as keyof Row<"Figure">] as string | number | boolean | null;
    const bound = typeof value === "boolean" ? Number(value) : value;
    const equalBefore = keys.slice(0, index).map((earlier) => {
      const earlierValue = at[earlier.column as keyof Row<"Figure">] as string | number | boolean | null;
      return eb(earlier.column, "is", typeof earlierValue === "boolean" ? Number(earlierValue) : earlierValue);
    });
    let further: Condition | undefined;
    if (key.direction === "asc") further = bound === null ? eb(key.column, "is not", null) : eb(key.column, ">", bound);
    else if (bound !== null) further = eb.or([eb(key.column, "<", bound), eb(key.column, "is", null)]);
    if (further) branches.push(equalBefore.length > 0 ? eb.and([...equalBefore, further]) : further);
  });
  return branches.length > 0 ? eb.or(branches) : raw<SqlBool>`0`;
}

/** A page request: up to `take` rows (one more than the page, to tell whether more follow). */
export interface PageRequest {
  take: number;
  backward: boolean;
  /** The slug of the cursor's figure, when paging from one. */
  cursor?: string;
}

/** One page to read: the conditions of its list (all must hold), its sort keys and the page. */
export interface PageQuery {
  conditions: readonly FigureConditions[];
  keys: readonly SortKey[];
  page: PageRequest;
}

/**
 * The slugs of a page, by what asked for it (conditions, order, cursor, size): derived from the
 * database, which never changes while the process runs.
 */
const pageSlugs = new LRUCache<string, readonly string[]>({
  maxSize: 16 * 2 ** 20,
  sizeCalculation: (slugs, key) => cachedBytes(key) + 64 * slugs.length,
});

/** Counts by filter, for the life of the process. */
const counts = new LRUCache<string, number>({
  max: 10_000,
  maxSize: 4 * 2 ** 20,
  sizeCalculation: (_count, key) => cachedBytes(key),
});

/**
 * About what an entry keyed by `key` holds, in bytes: the key (two bytes a character) and an
 * entry's overhead. Keys are the filters as given, up to tens of kilobytes for a filter of 100
 * long IDs, so the caches are bounded by bytes, not only by entries.
 */
/** The bytes a cached key of this length holds, roughly (UTF-16, plus the entry itself). */
export function cachedBytes(key: string): number {
  return 2 * key.length + 64;
}

/** The figures with these slugs (those that exist), by slug. */
function figuresBySlug(slugs: readonly string[]): Map<string, Row<"Figure">> {
  return new Map(
    rowsByKey("Figure", slugs)
      .filter((row): row is Row<"Figure"> => row !== null)
      .map((row) => [row.id, row]),
  );
}

/**
 * Pages of figures, one per query. Pages asked for before are known by their slugs; the others
 * are read with one statement whatever their number (the `figures` of every claim of a page are
 * a UNION ALL of one index walk each). Then their rows, by key. Each page is in its order
 * (reversed when paging backward, then given back in forward order); a cursor naming no figure
 * gives an empty page.
 */
export function figurePages(queries: readonly PageQuery[]): Row<"Figure">[][] {
  const keys = queries.map((query) => JSON.stringify([query.conditions, query.keys, query.page]));
  const ids: (readonly string[] | undefined)[] = keys.map((key) => pageSlugs.get(key));
  const missing = queries.flatMap((query, index) => (ids[index] === undefined ? [{ query, index }] : []));
  if (missing.length > 0) {
    const cursorRows = figuresBySlug(
      missing.flatMap(({ query }) => (query.page.cursor === undefined ? [] : [query.page.cursor])),
    );
    const selects = missing.flatMap(({ query, index }) => {
      const { page } = query;
      const order = page.backward
        ? query.keys.map((key) => ({ ...key, direction: key.direction === "asc" ? "desc" : "asc" }) as SortKey)
        : query.keys;
      const where = query.conditions.flatMap(figureSql);
      if (page.cursor !== undefined) {
        const at = cursorRows.get(page.cursor);
        if (!at) return []; // no statement: the page is empty
        where.push(after(order, at));
      }
      // The page's slugs only; the rows come from the row cache: reading a whole Figure row costs
      // ~7 µs (26 columns, long texts), a slug from an index ~0.7 µs, and most rows were read before.
      let inner = sql.selectFrom("Figure").select("id");
      if (where.length > 0) inner = inner.where(eb.and(where));
      for (const key of order) inner = inner.orderBy(key.column, key.direction);
      return [
        sql
          .selectFrom(inner.limit(page.take).as("page"))
          .select([raw<number>`${raw.lit(index)}`.as("batch"), "page.id"]),
      ];
    });
    const read = new Map<number, string[]>(missing.map(({ index }) => [index, []]));
    if (selects.length > 0) {
      const union = selects.slice(1).reduce((combined, select) => combined.unionAll(select), selects[0]!);
      for (const row of all(union)) read.get(row.batch)!.push(row.id);
    }
    for (const [index, slugs] of read) {
      ids[index] = slugs;
      pageSlugs.set(keys[index]!, slugs);
    }
  }
  const rows = figuresBySlug(ids.flatMap((list) => list ?? []));
  return ids.map((list, index) => {
    const page = (list ?? []).map((id) => rows.get(id)!);
    if (queries[index]!.page.backward) page.reverse();
    return page;
  });
}

/**
 * The number of figures meeting each list of conditions: each distinct filter is counted once
 * per process, and those not counted before with one statement (a UNION ALL of counts).
 */
export function figureCounts(lists: readonly (readonly FigureConditions[])[]): number[] {
  const keys = lists.map((conditions) => JSON.stringify(conditions));
  const missing = [...new Set(keys.filter((key) => !counts.has(key)))].map((key) => keys.indexOf(key));
  if (missing.length > 0) {
    const selects = missing.map((index) => {
      const where = lists[index]!.flatMap(figureSql);
      let query = sql.selectFrom("Figure").select((builder) => builder.fn.countAll<number>().as("count"));
      if (where.length > 0) query = query.where(eb.and(where));
      return sql.selectFrom(query.as("counted")).select([raw<number>`${raw.lit(index)}`.as("batch"), "counted.count"]);
    });
    const union = selects.slice(1).reduce((combined, select) => combined.unionAll(select), selects[0]!);
    for (const row of all(union)) counts.set(keys[row.batch]!, row.count);
  }
  return keys.map((key) => counts.get(key) ?? 0);
}
