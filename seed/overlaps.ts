/**
 * When two figures of one metric overlap in scope, and so must be classified (issue 12): their
 * periods intersect and their places are the same or one lies inside the other. A figure whose
 * period is unknown, or that names no place, may be about any period or place, so it overlaps
 * every other on that side.
 *
 * The loader, the pairwise test of the curated data (test/relations.test.ts) and anything else
 * that needs to know which pairs can count the same thing twice share this one definition.
 */

/** The part of a figure its scope is read from (Figure row fields). */
export interface ScopedFigure {
  id: string;
  metricKey: string;
  /** First day of the period (ISO `YYYY-MM-DD`), null when unknown. */
  periodStart: string | null;
  /** Last day of the period (inclusive), null when unknown. */
  periodEnd: string | null;
  placeId: string | null;
}

/** A place and the place that contains it (Place row fields). */
export interface NestedPlace {
  id: string;
  parentId: string | null;
}

/** True when the periods share at least one day; an unknown period (or an open end) overlaps any. */
export function periodsOverlap(a: ScopedFigure, b: ScopedFigure): boolean {
  if (a.periodStart !== null && b.periodEnd !== null && a.periodStart > b.periodEnd) return false;
  if (b.periodStart !== null && a.periodEnd !== null && b.periodStart > a.periodEnd) return false;
  return true;
}

/** The place and every place containing it, innermost first (a loop in the chain stops the walk). */
export function placeChain(placeId: string, parents: ReadonlyMap<string, string | null>): string[] {
  const chain: string[] = [];
  for (let current: string | null | undefined = placeId; current; current = parents.get(current)) {
    if (chain.includes(current)) break;
    chain.push(current);
  }
  return chain;
}

/** The parent of every place, by id, as `placesOverlap` reads it. */
export function parentsOf(places: readonly NestedPlace[]): Map<string, string | null> {
  return new Map(places.map((place) => [place.id, place.parentId]));
}

/** True when the places are the same, one lies inside the other, or either is not stated. */
export function placesOverlap(
  a: string | null,
  b: string | null,
  parents: ReadonlyMap<string, string | null>,
): boolean {
  if (a === null || b === null || a === b) return true;
  return placeChain(a, parents).includes(b) || placeChain(b, parents).includes(a);
}

/** True when the two figures (of one metric) must be classified: their periods and places overlap. */
export function scopesOverlap(a: ScopedFigure, b: ScopedFigure, parents: ReadonlyMap<string, string | null>): boolean {
  return a.metricKey === b.metricKey && periodsOverlap(a, b) && placesOverlap(a.placeId, b.placeId, parents);
}

/** Every unordered pair of figures of one metric whose scopes overlap, each once, in input order. */
export function overlappingPairs<F extends ScopedFigure>(
  figures: readonly F[],
  places: readonly NestedPlace[],
): [F, F][] {
  const parents = parentsOf(places);
  const byMetric = new Map<string, F[]>();
  for (const figure of figures) byMetric.set(figure.metricKey, [...(byMetric.get(figure.metricKey) ?? []), figure]);
  const pairs: [F, F][] = [];
  for (const group of byMetric.values()) {
    group.forEach((a, i) => {
      for (const b of group.slice(i + 1)) if (scopesOverlap(a, b, parents)) pairs.push([a, b]);
    });
  }
  return pairs;
}

/** The key of an unordered pair of figure ids (the same whichever figure comes first). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} × ${b}` : `${b} × ${a}`;
}
