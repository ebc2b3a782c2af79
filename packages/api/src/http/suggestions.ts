/**
 * "Did you mean …?" for names given in a URL (a query parameter, a figure id in a permalink): the
 * closest of the known names by edit distance, as data/references.ts suggests ids in GraphQL.
 */
import { distance } from "fastest-levenshtein";

/** The known names closest to `value` (case-insensitive), best first, at most `max`; none when nothing is close. */
export function closestNames(value: string, names: Iterable<string>, max = 3): string[] {
  // Hostile input may be huge: beyond this length nothing known is close, and comparing costs length².
  if (value.length > 200) return [];
  const wanted = value.toLowerCase();
  const tolerance = Math.max(3, Math.floor(value.length / 3));
  return [...new Set(names)]
    .map((name) => ({ name, cost: distance(wanted, name.toLowerCase()) }))
    .filter(({ cost }) => cost <= tolerance)
    .sort((a, b) => a.cost - b.cost || a.name.localeCompare(b.name))
    .slice(0, max)
    .map(({ name }) => name);
}

/** ` (did you mean "a", "b"?)`, or "" without suggestions. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => JSON.stringify(s)).join(", ")}?)` : "";
}
