/** Helpers shared by the seed tests: the fixture seed, temporary copies, database contents. */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import type { z } from "zod";
import { openDatabase } from "../database.js";
import { analyseSeed } from "../load.js";
import { seedDataDir } from "../paths.js";
import { formatProblem } from "../problems.js";
import type { Dataset, FIGURES_DIR, Figure, SEED_FILES } from "../schema.js";

const fixturesDir = resolve(fileURLToPath(import.meta.url), "../fixtures");

/** A complete, valid, made-up seed (independent of the curated data). */
export const fixtureSeedDir = join(fixturesDir, "seed");
/** The made-up documents the fixture seed's evidence is taken from. */
export const fixtureSourcesDir = join(fixturesDir, "sources");

/** The curated seed the "curated data" tests and the global setup check (overridable to try a copy). */
export const curatedSeedDir = process.env.FENTRACE_TEST_SEED_DIR ?? seedDataDir;

const temporaryDirs: string[] = [];

/** A fresh temporary directory, removed by `removeTemporaryDirs`. */
export function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fentrace-seed-test-"));
  temporaryDirs.push(dir);
  return dir;
}

/** Removes every directory `temporaryDir` made; test files call it in afterAll. */
export function removeTemporaryDirs(): void {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary copy of the fixture seed, to break one record at a time. */
export function copyFixtureSeed(): string {
  const dir = join(temporaryDir(), "data");
  cpSync(fixtureSeedDir, dir, { recursive: true });
  return dir;
}

/**
 * A seed record as the tests edit it. They break records on purpose (a misspelt or deleted field,
 * an unknown enum value, a date out of range), so a string or number may become any string or
 * number, plain fields may be deleted, and fields the schema does not know may be added: the
 * loader, not TypeScript, is what such an edit tests. Nested records and lists are always there to
 * be edited in place (a test that removes one says so with its own check).
 */
export type Editable<T> = unknown extends T
  ? unknown
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends readonly (infer E)[]
        ? Editable<E>[]
        : T extends object
          ? EditableRecord<T>
          : T;

type EditableRecord<T> = {
  -readonly [K in keyof T as IsRecordOrList<T[K]> extends true ? K : never]-?: Editable<NonNullable<T[K]>>;
} & {
  -readonly [K in keyof T as IsRecordOrList<T[K]> extends true ? never : K]?: Editable<T[K]>;
} & { [field: string]: unknown };

/** Whether a field holds a nested record or list (`unknown`, a value zod preprocesses, does not count). */
type IsRecordOrList<V> = unknown extends V ? false : NonNullable<V> extends object ? true : false;

type SeedFile = (typeof SEED_FILES)[keyof typeof SEED_FILES];

/** What the seed file at `path` holds: the dataset record, or a list of records of its schema. */
export type SeedFileContents<Path extends string> = Path extends `${typeof FIGURES_DIR}/${string}`
  ? Editable<z.input<typeof Figure>>[]
  : Path extends typeof SEED_FILES.dataset.path
    ? Editable<z.input<typeof Dataset>>
    : Editable<z.input<Extract<SeedFile, { path: Path }>["schema"]>>[];

/** Parses a YAML file of a seed copy, lets `edit` change it, and writes it back. */
export function editYaml<Path extends string>(
  seedDir: string,
  file: Path,
  edit: (data: SeedFileContents<Path>) => void,
): void {
  const path = join(seedDir, file);
  const data = parse(readFileSync(path, "utf8")) as SeedFileContents<Path>;
  edit(data);
  writeFileSync(path, stringify(data));
}

/** The record with `id` in a list read by `editYaml`. */
export function byId<Record extends { id?: string }>(list: Record[], id: string): Record {
  const found = list.find((item) => item.id === id);
  if (!found) throw new Error(`no record ${id}`);
  return found;
}

/** The seed's problems as `file › id › field: reason` lines, with paths relative to `seedDir`. */
export function problemLines(seedDir: string): string[] {
  return analyseSeed(seedDir).problems.map((problem) => formatProblem(problem).replaceAll(`${seedDir}/`, ""));
}

export function sha256OfFile(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/**
 * Every table's rows as plain JSON, sorted so that equal data compares equal whatever the
 * physical order. Skipped: Prisma's migration log, and the internal tables of virtual (full-text)
 * tables, whose rows are reached through the virtual table itself. DatasetInfo.builtAt is left
 * out: it is the one value that differs between two builds of the same data, by design; and so is
 * DatasetInfo.contentHash, which covers builtAt and Prisma's migration log.
 */
export async function tableContents(path: string): Promise<Record<string, unknown[]>> {
  const client = openDatabase(path, { readonly: true });
  try {
    const tables = await client.$queryRawUnsafe<{ name: string; sql: string }[]>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
    );
    const virtual = tables.filter((table) => /^CREATE VIRTUAL TABLE/i.test(table.sql)).map((table) => table.name);
    const contents: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      if (virtual.some((table) => name.startsWith(`${table}_`))) continue;
      const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
      // better-sqlite3 returns integers as BigInt, which JSON cannot hold.
      const json = rows.map(({ builtAt: _builtAt, contentHash: _contentHash, ...row }) =>
        JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value)),
      );
      contents[name] = json.sort().map((row) => JSON.parse(row));
    }
    return contents;
  } finally {
    await client.$disconnect();
  }
}

/** The curated database built by the global setup, or why there is none. */
export function curatedDatabase(): { path: string } | { reason: string } {
  const url = process.env.FENTRACE_TEST_DATABASE_URL;
  if (url) return { path: url.slice("file:".length) };
  return { reason: process.env.FENTRACE_TEST_DATABASE_ERROR ?? "the global setup did not run" };
}
