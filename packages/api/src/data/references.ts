/**
 * References in filters must name records that exist. A filter with an unknown id used to match
 * nothing, and `totalCount: 0` reads as "no data"; here an unknown or wrong-kind id is a
 * BAD_USER_INPUT naming the id and the closest existing ones.
 *
 * What a reference may be: a global id, a slug (the readable id, e.g. `person-anne-milgram`), or,
 * for records with a name, the exact name ignoring case ("Anne Milgram"), and for documents their
 * file name or title. Lookups are prepared statements on the immutable database; the work is
 * bounded by the list limit (MAX_LIST_LENGTH ids) and, for suggestions, by SUGGESTED_IDS and
 * SUGGESTION_CANDIDATES whatever the input.
 */
import { distance } from "fastest-levenshtein";
import { sql as raw } from "kysely";
import { LRUCache } from "lru-cache";
import { badUserInput } from "../errors.js";
import type { DB } from "../generated/kysely/database.js";
import { type NodeTypeName, nodeTypes, parseRef } from "../global-id.js";
import type { StringCondition } from "../schema/shared/filters.js";
import { all, sql } from "./database.js";
import { cachedBytes } from "./figures.js";

/** The key column of each record type, and the columns a reference may also name it by. */
type Lookup<T extends NodeTypeName> = { key: keyof DB[T] & string; names: readonly (keyof DB[T] & string)[] };
const lookups: { [T in NodeTypeName]: Lookup<T> } = {
  Claim: { key: "id", names: ["title"] },
  Defendant: { key: "id", names: ["label"] },
  Document: { key: "id", names: ["fileName", "title"] },
  Event: { key: "id", names: ["name"] },
  Evidence: { key: "id", names: [] },
  Exclusion: { key: "id", names: [] },
  Figure: { key: "id", names: [] },
  LegalCase: { key: "id", names: ["name"] },
  Mention: { key: "id", names: [] },
  Metric: { key: "key", names: ["name"] },
  Operation: { key: "id", names: ["name"] },
  Organisation: { key: "id", names: ["name"] },
  Person: { key: "id", names: ["name"] },
  Place: { key: "id", names: ["name"] },
  Quote: { key: "id", names: [] },
  Substance: { key: "id", names: ["name"] },
  Unit: { key: "key", names: ["name"] },
};

/** Unknown ids for which suggestions are computed (the error lists the rest without). */
const SUGGESTED_IDS = 3;
/** Existing ids compared with each unknown one: the suggestion work is bounded whatever the table size. */
const SUGGESTION_CANDIDATES = 2000;

/** The keys of `type` among `column` values (compared ignoring case unless `column` is the key). */
function keysWhere(type: NodeTypeName, column: string, values: readonly string[]): { key: string; value: string }[] {
  if (values.length === 0) return [];
  const { key } = lookups[type];
  const exact = column === key;
  const left = exact ? raw.ref(column) : raw`lower(${raw.ref(column)})`;
  const right = exact ? values : values.map((value) => value.toLowerCase());
  const query = raw<{
    key: string;
    value: string;
  }>`select ${raw.ref(key)} as "key", ${raw.ref(column)} as "value" from ${raw.table(type)} where ${left} in (${raw.join(right)})`;
  return all({ compile: () => query.compile(sql) });
}

/**
 * Up to SUGGESTION_CANDIDATES keys of `type`: those that start like `value` (its kind prefix, e.g.
 * `person-`), then the first others. Both are ranges of the key's index, so a table of a million
 * figures costs no more than one of ten.
 */
function candidates(type: NodeTypeName, value: string): string[] {
  const { key } = lookups[type];
  const prefix = /^[a-z]+-/.exec(value)?.[0];
  const keys: string[] = [];
  if (prefix) {
    // The keys from `prefix` up to (not including) the prefix with its last character incremented.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const query = raw<{
      key: string;
    }>`select ${raw.ref(key)} as "key" from ${raw.table(type)} where ${raw.ref(key)} >= ${prefix} and ${raw.ref(key)} < ${end} order by ${raw.ref(key)} limit ${SUGGESTION_CANDIDATES}`;
    keys.push(...all({ compile: () => query.compile(sql) }).map((row) => row.key));
  }
  if (keys.length < SUGGESTION_CANDIDATES) {
    const query = raw<{
      key: string;
    }>`select ${raw.ref(key)} as "key" from ${raw.table(type)} order by ${raw.ref(key)} limit ${SUGGESTION_CANDIDATES - keys.length}`;
    keys.push(...all({ compile: () => query.compile(sql) }).map((row) => row.key));
  }
  return keys;
}

/** The closest existing keys of `types` to `value`, best first (at most three). */
function suggestions(value: string, types: readonly NodeTypeName[]): string[] {
  const tolerance = Math.max(3, Math.floor(value.length / 3));
  // The two reads of `candidates` can both return a key: each is compared once.
  return [...new Set(types.flatMap((type) => candidates(type, value)))]
    .map((candidate) => ({ candidate, cost: distance(value.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ cost }) => cost <= tolerance)
    .sort((a, b) => a.cost - b.cost || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/** The types other than `expected` that have a record with this key (a slug of the wrong kind). */
function otherKinds(value: string, expected: readonly NodeTypeName[]): NodeTypeName[] {
  return nodeTypes.filter((type) => !expected.includes(type) && keysWhere(type, lookups[type].key, [value]).length > 0);
}

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Why one value names no record of `types`, with what it might have meant. */
function explain(value: string, types: readonly NodeTypeName[], withSuggestions: boolean): string {
  const wanted = types.join(" or ");
  if (!withSuggestions) return `${JSON.stringify(value)} is no ${wanted}`;
  const kinds = otherKinds(value, types);
  if (kinds.length > 0) return `${JSON.stringify(value)} is ${article(kinds.join(" or "))}, not ${article(wanted)}`;
  const close = suggestions(value, types);
  const hint = close.length > 0 ? ` (did you mean ${close.map((id) => JSON.stringify(id)).join(", ")}?)` : "";
  return `${JSON.stringify(value)} is no ${wanted}${hint}`;
}

/**
 * Resolves the references of a filter list to the keys of existing records of `expected` types:
 * global ids, slugs, or names (see the module comment). Throws BAD_USER_INPUT naming `argument`
 * when any names no such record, listing each with the closest existing ids.
 */
export function resolveRefs(
  values: readonly string[],
  expected: NodeTypeName | readonly NodeTypeName[],
  argument: string,
): string[] {
  const types: readonly NodeTypeName[] = typeof expected === "string" ? [expected] : expected;
  const parsed = values.map((value) => parseRef(value, types, argument));
  const key = JSON.stringify([types, parsed]);
  let resolution = resolutions.get(key);
  if (!resolution) {
    resolution = resolve(parsed, types);
    resolutions.set(key, resolution);
  }
  if ("unknown" in resolution) {
    throw badUserInput(
      argument,
      `Argument "${argument}" names ${resolution.count === 1 ? "a record that does not exist" : `${resolution.count} records that do not exist`}: ${resolution.unknown}. ` +
        "Name a record by its slug (its `slug` field, e.g. `person-anne-milgram`), its global ID, or its exact name (a document also by its file name or title).",
    );
  }
  return resolution.keys;
}

/** What a list of parsed references resolves to: the keys, or why some name no record. */
type Resolution = { keys: string[] } | { unknown: string; count: number };

/**
 * Resolutions by types and values, for the life of the process (the database does not change):
 * a filter repeated under every parent of a list (each claim's `figures(filter:)`) is resolved,
 * and its suggestions computed, once. Bounded by bytes, keys included.
 */
const resolutions = new LRUCache<string, Resolution>({
  maxSize: 4 * 2 ** 20,
  sizeCalculation: (resolution, key) =>
    cachedBytes(key) + ("keys" in resolution ? cachedBytes(resolution.keys.join()) : cachedBytes(resolution.unknown)),
});

function resolve(parsed: readonly string[], types: readonly NodeTypeName[]): Resolution {
  const resolved = new Map<string, string>();
  const unique = [...new Set(parsed)];
  for (const type of types) {
    for (const row of keysWhere(type, lookups[type].key, unique)) resolved.set(row.key, row.key);
  }
  // Names: exact, ignoring case; a name shared by two records is ambiguous and stays unresolved.
  let missing = unique.filter((value) => !resolved.has(value));
  for (const type of types) {
    for (const column of lookups[type].names) {
      if (missing.length === 0) break;
      const matches = new Map<string, Set<string>>();
      for (const row of keysWhere(type, column, missing)) {
        const value = row.value.toLowerCase();
        matches.set(value, (matches.get(value) ?? new Set()).add(row.key));
      }
      for (const value of missing) {
        const keys = matches.get(value.toLowerCase());
        if (keys?.size === 1) resolved.set(value, [...keys][0] as string);
      }
      missing = missing.filter((value) => !resolved.has(value));
    }
  }
  if (missing.length > 0) {
    const reasons = missing.map((value, index) => explain(value, types, index < SUGGESTED_IDS));
    return { unknown: reasons.join("; "), count: missing.length };
  }
  return { keys: parsed.map((value) => resolved.get(value) ?? value) };
}

/**
 * A checked StringFilter on the key of `type` (a metric key), with the exact values of `eq` and
 * `in` resolved like references: an unknown key is an error with suggestions, and a name
 * ("Pills seized") stands for its key. `contains` and `startsWith` are patterns, not references.
 */
export function resolveKeyCondition(
  condition: StringCondition | undefined,
  type: NodeTypeName,
  path: string,
): StringCondition | undefined {
  if (!condition) return undefined;
  const resolved: StringCondition = { ...condition };
  if (condition.equals !== undefined) resolved.equals = resolveRefs([condition.equals], type, `${path}.eq`)[0];
  if (condition.in !== undefined) resolved.in = resolveRefs(condition.in, type, `${path}.in`);
  return resolved;
}
