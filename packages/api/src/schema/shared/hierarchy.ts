/** Records in a hierarchy (places, substances): matching a record and everything inside it. */

/** Deepest nesting of places or substances that hierarchy filters look through (the data has 4). */
export const MAX_HIERARCHY_DEPTH = 8;

/**
 * A where clause over a model with an `id` and a `parent` relation. Its shape is a subset of
 * `Prisma.PlaceWhereInput` and `Prisma.SubstanceWhereInput` (and of the `place` relation filter of
 * the models that point at a place), so the compiler checks it wherever it is used.
 */
export interface HierarchyWhere {
  id?: { in: string[] };
  parent?: HierarchyWhere;
  OR?: HierarchyWhere[];
}

/**
 * Where clause matching records whose id is in `ids` or, when `includeDescendants`, whose parent,
 * grandparent … (up to MAX_HIERARCHY_DEPTH levels) is.
 */
export function hierarchyWhere(ids: string[], includeDescendants: boolean): HierarchyWhere {
  if (!includeDescendants) return { id: { in: ids } };
  const alternatives: HierarchyWhere[] = [];
  let clause: HierarchyWhere = { id: { in: ids } };
  for (let depth = 0; depth <= MAX_HIERARCHY_DEPTH; depth += 1) {
    alternatives.push(clause);
    clause = { parent: clause };
  }
  return { OR: alternatives };
}
