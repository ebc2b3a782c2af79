/**
 * Records by key, as Prisma types them, for the life of the process.
 *
 * The database never changes while the process runs, so a row read once is kept (up to
 * ROWS_PER_TABLE per table, least recently used dropped): a relation of a page (its figures'
 * metrics, places, evidence, documents) costs no statement once its rows have been seen, and at
 * most one statement per table and request when they have not (`RowLoader` batches the keys
 * every resolver of one level asks for, with DataLoader).
 *
 * Rows come back shaped like Prisma's model types (booleans as booleans, DateTimes as Dates), so
 * the schema's object types take them wherever they take rows Prisma loaded.
 */
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import { getDatamodel } from "../generated/pothos-types.js";
import type { Prisma } from "../generated/prisma/client.js";
import { all, sql } from "./database.js";

/** A model's scalar columns as Prisma types them (e.g. `Figure`). */
export type Row<M extends Prisma.ModelName> = Prisma.TypeMap["model"][M]["payload"]["scalars"];

/** Rows kept per table. A Figure row is under 1 KB: at this bound all tables stay well inside the 512 MB heap. */
export const ROWS_PER_TABLE = 20_000;

/** Most keys bound in one `IN (…)` list (SQLite allows 32,766 parameters; smaller lists plan faster). */
const KEYS_PER_STATEMENT = 500;

interface ModelInfo {
  /** The primary key column; the first column of a compound key (only ordering uses it then). */
  key: string;
  booleans: string[];
  dates: string[];
}

const datamodel = getDatamodel().datamodel.models;

const models = new Map<string, ModelInfo>();

/** The key column and the columns to convert, from the Prisma datamodel. */
function modelInfo(model: Prisma.ModelName): ModelInfo {
  let info = models.get(model);
  if (!info) {
    const fields = datamodel[model]?.fields ?? [];
    const key = fields.find((field) => field.isId)?.name ?? datamodel[model]?.primaryKey?.fields[0];
    if (!key) throw new Error(`data/rows: ${model} has no primary key`);
    const scalars = fields.filter((field) => field.kind === "scalar");
    info = {
      key,
      booleans: scalars.filter((field) => field.type === "Boolean").map((field) => field.name),
      dates: scalars.filter((field) => field.type === "DateTime").map((field) => field.name),
    };
    models.set(model, info);
  }
  return info;
}

/**
 * A SQLite row as Prisma types it: 0/1 become booleans, stored DateTimes Dates. The one place a
 * database row becomes a model type; the conversions come from the Prisma datamodel.
 */
export function toRow<M extends Prisma.ModelName>(model: M, raw: Record<string, unknown>): Row<M> {
  const info = modelInfo(model);
  for (const name of info.booleans) if (raw[name] !== null) raw[name] = raw[name] === 1;
  for (const name of info.dates) if (raw[name] !== null) raw[name] = new Date(raw[name] as string | number);
  return raw as Row<M>;
}

const tables = new Map<string, LRUCache<string, object>>();

function tableCache<M extends Prisma.ModelName>(model: M): LRUCache<string, Row<M>> {
  let cache = tables.get(model);
  if (!cache) {
    cache = new LRUCache<string, object>({ max: ROWS_PER_TABLE });
    tables.set(model, cache);
  }
  return cache as unknown as LRUCache<string, Row<M>>;
}

/** The cached row of `model` with this key, if any. */
export function cachedRow<M extends Prisma.ModelName>(model: M, key: string): Row<M> | undefined {
  return tableCache(model).get(key);
}

/**
 * `SELECT * FROM <model>`: one generic statement for every table, its columns named at run time
 * from the Prisma datamodel (Kysely's types cannot follow a table chosen by a type parameter).
 */
function selectAllFrom(model: Prisma.ModelName) {
  return sql.selectFrom(model as "Figure").selectAll();
}

/** Rows of `model` by key, cached or read with one statement per KEYS_PER_STATEMENT keys. */
export function rowsByKey<M extends Prisma.ModelName>(model: M, keys: readonly string[]): (Row<M> | null)[] {
  const cache = tableCache(model);
  const missing = [...new Set(keys.filter((key) => !cache.has(key)))];
  const info = modelInfo(model);
  for (let offset = 0; offset < missing.length; offset += KEYS_PER_STATEMENT) {
    const chunk = missing.slice(offset, offset + KEYS_PER_STATEMENT);
    const raw = all(selectAllFrom(model).where(sql.dynamic.ref(info.key), "in", chunk)) as Record<string, unknown>[];
    for (const row of raw) cache.set(String(row[info.key]), toRow(model, row));
  }
  return keys.map((key) => cache.get(key) ?? null);
}

const childTables = new Map<string, LRUCache<string, object[]>>();

/**
 * Rows of `model` whose `column` is each parent key (e.g. the marks of each evidence span), in key
 * order, cached by parent; one statement per KEYS_PER_STATEMENT parents not seen before.
 */
export function childRows<M extends Prisma.ModelName>(
  model: M,
  column: string,
  parents: readonly string[],
): Row<M>[][] {
  const name = `${model}.${column}`;
  let cache = childTables.get(name);
  if (!cache) {
    cache = new LRUCache<string, object[]>({ max: ROWS_PER_TABLE });
    childTables.set(name, cache);
  }
  const missing = [...new Set(parents.filter((parent) => !cache.has(parent)))];
  const info = modelInfo(model);
  for (let offset = 0; offset < missing.length; offset += KEYS_PER_STATEMENT) {
    const chunk = missing.slice(offset, offset + KEYS_PER_STATEMENT);
    const found = new Map<string, object[]>(chunk.map((parent) => [parent, []]));
    const raw = all(
      selectAllFrom(model).where(sql.dynamic.ref(column), "in", chunk).orderBy(sql.dynamic.ref(info.key)),
    ) as Record<string, unknown>[];
    for (const row of raw) found.get(String(row[column]))?.push(toRow(model, row));
    for (const [parent, rows] of found) cache.set(parent, rows);
  }
  return parents.map((parent) => (cache.get(parent) ?? []) as Row<M>[]);
}

/**
 * `fn` of a value that may still be coming (not named `then`: a module exporting `then` is a thenable): applied at once when it is there, so that resolvers
 * over cached rows stay synchronous (graphql-js completes a synchronous value without a promise).
 */
export function andThen<T, R>(value: T | Promise<T>, fn: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/**
 * One request's loaders: `one` answers from the row cache synchronously when it can, and
 * otherwise batches every key asked for in the same tick into one `rowsByKey` call.
 */
export class RowLoader {
  private readonly byKey = new Map<string, DataLoader<string, object | null>>();
  private readonly byParent = new Map<string, DataLoader<string, object[]>>();
  private readonly batches = new Map<string, DataLoader<never, unknown>>();

  /**
   * A loader of this request that hands every key asked for in the same tick to `load` at once
   * (e.g. the figure pages of every claim of a page, read with one statement).
   */
  batch<K, V>(name: string, load: (keys: readonly K[]) => V[]): DataLoader<K, V> {
    let loader = this.batches.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(async (keys) => load(keys), { cache: false });
      this.batches.set(name, loader as unknown as DataLoader<never, unknown>);
    }
    return loader;
  }

  /** The row of `model` with this key (null when there is none). */
  one<M extends Prisma.ModelName>(model: M, key: string): Row<M> | null | Promise<Row<M> | null> {
    const cached = cachedRow(model, key);
    if (cached) return cached;
    let loader = this.byKey.get(model);
    if (!loader) {
      loader = new DataLoader<string, object | null>(async (keys) => rowsByKey(model, keys));
      this.byKey.set(model, loader);
    }
    return loader.load(key) as Promise<Row<M> | null>;
  }

  /** The row of `model` with this key; a missing row is a broken reference, so an error. */
  required<M extends Prisma.ModelName>(model: M, key: string): Row<M> | Promise<Row<M>> {
    return andThen(this.one(model, key), (row) => {
      if (!row) throw new Error(`${model} ${key} is referenced but does not exist`);
      return row;
    });
  }

  /** The rows of `model` whose `column` equals `parent`, in key order. */
  children<M extends Prisma.ModelName>(model: M, column: string, parent: string): Row<M>[] | Promise<Row<M>[]> {
    const name = `${model}.${column}`;
    const cached = childTables.get(name)?.get(parent);
    if (cached) return cached as Row<M>[];
    let loader = this.byParent.get(name);
    if (!loader) {
      loader = new DataLoader<string, object[]>(async (parents) => childRows(model, column, parents));
      this.byParent.set(name, loader);
    }
    return loader.load(parent) as Promise<Row<M>[]>;
  }
}
