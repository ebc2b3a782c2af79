/**
 * Sorting: the SortDirection enum, and `<Type>OrderField` + `<Type>Order` inputs translated into
 * Prisma orderBy lists typed by the model, always ending with the model's key so pages are stable.
 */
import { builder } from "../../builder.js";
import type { ModelName, OrderByOf } from "./models.js";

export const SortDirectionEnum = builder.enumType("SortDirection", {
  description: "Direction of a sort.",
  values: {
    ASC: { value: "asc", description: "Smallest, earliest or alphabetically first first. Empty values sort first." },
    DESC: { value: "desc", description: "Largest, latest or alphabetically last first. Empty values sort last." },
  } as const,
});

export type Direction = "asc" | "desc";

/** One `{ field, direction }` of an `orderBy` argument. */
export interface OrderArgument<F extends string> {
  field: F;
  direction?: Direction | null;
}

/**
 * A Prisma orderBy list from `[{ field, direction }]`: the sort keys given, or `fallback` when none
 * is, then `tieBreaker` (the model's key, ascending) unless a key already sorts by it alone.
 */
export function orderByFrom<F extends string, O extends object>(
  order: readonly OrderArgument<F>[] | null | undefined,
  columns: Record<F, (direction: Direction) => O | O[]>,
  fallback: readonly O[],
  tieBreaker: O,
): O[] {
  const clauses = (order ?? []).flatMap(({ field, direction }) => {
    const made = columns[field](direction ?? "asc");
    return Array.isArray(made) ? made : [made];
  });
  const result = clauses.length > 0 ? clauses : [...fallback];
  const [keyColumn] = Object.keys(tieBreaker);
  if (!result.some((clause) => Object.keys(clause).length === 1 && keyColumn !== undefined && keyColumn in clause)) {
    result.push(tieBreaker);
  }
  return result;
}

/**
 * `<Model>OrderField` and `<Model>Order` for a model's simple orderings. Each field's `orderBy`
 * returns the model's typed Prisma orderBy (`OrderByOf<"Person">`), so a renamed column fails
 * `tsc`; ties are broken by the model's `id`.
 */
export function defineOrder<M extends ModelName, const F extends string>(
  model: M,
  plural: string,
  fields: Record<F, { description: string; orderBy: (direction: Direction) => OrderByOf<M> | OrderByOf<M>[] }>,
  fallback: readonly OrderByOf<M>[],
  tieBreaker: OrderByOf<M>,
) {
  // The names as plain strings: Pothos reads a template-literal name as a key of its type registry.
  const typeName: string = model;
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
  const columns = {} as Record<F, (direction: Direction) => OrderByOf<M> | OrderByOf<M>[]>;
  for (const key of Object.keys(fields) as F[]) columns[key] = fields[key].orderBy;
  return {
    input,
    toOrderBy: (order: readonly OrderArgument<F>[] | null | undefined): OrderByOf<M>[] =>
      orderByFrom(order, columns, fallback, tieBreaker),
  };
}
