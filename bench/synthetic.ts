/**
 * A synthetic Fentrace database of any size (1k, 100k, 1M figures …), for the scale benchmark.
 *
 * Deterministic: the same size and seed always give the same rows (a seeded PRNG, mulberry32).
 * The shape follows the curated data: ten figures per document, 20 metrics with their units,
 * periods of a year, month or day between 2015 and 2024, places in a country › state › city
 * hierarchy, one evidence span per figure. The schema is the real one (`prisma migrate deploy`,
 * search-index triggers included); rows are inserted with better-sqlite3 prepared statements in
 * one transaction, which builds a million figures in well under a minute.
 *
 * Usage: `npx -y pnpm@10 exec tsx bench/synthetic.ts <figures> [target.db]`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { getDatamodel } from "../packages/api/src/generated/pothos-types.js";
import type { Prisma } from "../packages/api/src/generated/prisma/client.js";
import { sealDatabase } from "../packages/api/src/integrity.js";
import { isMainModule } from "../seed/cli.js";
import { applyMigrations, migrationsOnDisk } from "../seed/migrations.js";
import { prng } from "./prng.js";

// 2: records DatasetInfo.contentHash, which the API checks at start. 3, 4: Figure.position and its indexes.
// A new migration needs no bump: the version names the migrations too (syntheticVersion).
export const SYNTHETIC_GENERATOR_VERSION = 4;

/** Where the benchmark keeps its synthetic databases (gitignored). */
export const benchDataDir = resolve(import.meta.dirname, ".data");

export function syntheticPath(figures: number): string {
  return resolve(benchDataDir, `synthetic-${figures}.db`);
}

/** The first 8 hex digits of a hash of the migrations' names and checksums: the schema built. */
function migrationsHash(): string {
  const migrations = migrationsOnDisk().map((migration) => `${migration.name} ${migration.checksum}`);
  return createHash("sha256").update(migrations.join("\n")).digest("hex").slice(0, 8);
}

/** The version of a synthetic database: generator, schema (migrations), size and seed; rebuilt when it differs. */
export function syntheticVersion(figures: number, seed: number): string {
  return `synthetic-v${SYNTHETIC_GENERATOR_VERSION}-m${migrationsHash()}-${figures}-s${seed}`;
}

/** The 20 metrics: key, canonical unit, the unit figures are stated in, and its factor. */
export const SYNTHETIC_METRICS = [
  ["pills_seized", "pill", "pill", 1],
  ["drug_seized_mass", "kilogram", "pound", 0.45359237],
  ["arrests", "person", "person", 1],
  ["cases_by_platform", "case", "case", 1],
  ["overdose_deaths", "death", "death", 1],
  ["lethal_doses", "dose", "dose", 1],
  ["cash_seized", "usd", "usd", 1],
  ["firearms_seized", "firearm", "firearm", 1],
  ["accounts_removed", "account", "account", 1],
  ["reports_received", "report", "report", 1],
  ["posts_flagged", "post", "post", 1],
  ["students_surveyed", "person", "person", 1],
  ["share_counterfeit", "percent", "percent", 1],
  ["share_lethal", "percent", "percent", 1],
  ["deaths_per_100k", "rate", "rate", 1],
  ["investigations_opened", "investigation", "investigation", 1],
  ["indictments", "indictment", "indictment", 1],
  ["sentences_years", "year", "year", 1],
  ["shipments_intercepted", "shipment", "shipment", 1],
  ["labs_dismantled", "lab", "lab", 1],
] as const;

const YEARS = 10; // 2015 … 2024

export interface SyntheticOptions {
  figures: number;
  target: string;
  seed?: number;
  /** Fill the full-text search index (default true; the scale benchmark does not search). */
  searchIndex?: boolean;
  log?: (line: string) => void;
}

export interface SyntheticResult {
  target: string;
  version: string;
  figures: number;
  seconds: number;
}

/** A value as SQLite stores it: booleans as 0/1, everything else as Prisma types it. */
type Stored<T> = T extends boolean ? 0 | 1 : T;

type Scalars<M extends Prisma.ModelName> = Prisma.TypeMap["model"][M]["payload"]["scalars"];
/** The fields of `T` that cannot be null. */
type RequiredKeys<T> = { [K in keyof T]-?: null extends T[K] ? never : K }[keyof T];

/**
 * A row of `M` as generated: tsc requires a value for every field that cannot be null; a nullable
 * field left out is inserted as NULL.
 */
export type StoredRow<M extends Prisma.ModelName> = {
  [K in RequiredKeys<Scalars<M>>]: Stored<Scalars<M>[K]>;
} & {
  [K in Exclude<keyof Scalars<M>, RequiredKeys<Scalars<M>>>]?: Stored<Scalars<M>[K]>;
};

/** A scalar column of a model and whether it must have a value. */
export interface ScalarColumn {
  name: string;
  required: boolean;
}

/** The scalar columns of a model, in the order of the Prisma schema (the Prisma datamodel). */
export function scalarColumns(model: Prisma.ModelName): ScalarColumn[] {
  const fields = getDatamodel().datamodel.models[model]?.fields ?? [];
  const columns = fields
    .filter((field) => field.kind !== "object")
    .map((field) => ({ name: field.name, required: field.isRequired }));
  if (columns.length === 0) throw new Error(`bench/synthetic: the Prisma datamodel has no model ${model}`);
  return columns;
}

/**
 * The parameters of an insert of `columns`, from a generated row: a nullable column the row leaves
 * out is NULL; a required one (a field added to the Prisma schema but not to the generator) fails
 * loudly, naming it.
 */
export function insertParameters(
  model: string,
  columns: readonly ScalarColumn[],
  row: object,
): (string | number | null)[] {
  const values = new Map<string, unknown>(Object.entries(row));
  const unknown = [...values.keys()].filter((name) => !columns.some((column) => column.name === name));
  if (unknown.length > 0) throw new Error(`bench/synthetic: ${model} has no column ${unknown.join(", ")}`);
  return columns.map(({ name, required }) => {
    const value = values.get(name) ?? (required ? undefined : null);
    if (value === undefined) {
      throw new Error(
        `bench/synthetic: no generated value for ${model}.${name}, which cannot be null; give it one in the ${model} rows of buildSyntheticDatabase`,
      );
    }
    if (value !== null && typeof value !== "string" && typeof value !== "number") {
      throw new Error(`bench/synthetic: ${model}.${name} is not a SQLite value (${String(value)})`);
    }
    return value;
  });
}

/** `INSERT INTO "M" ("a", "b", …) VALUES (?, ?, …)` for these columns. */
function insertSql(model: string, columns: readonly ScalarColumn[]): string {
  return `INSERT INTO "${model}" (${columns.map(({ name }) => `"${name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Builds the database into a temporary file and renames it over `target` when complete. */
export async function buildSyntheticDatabase(options: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.error(line));
  const seed = options.seed ?? 1;
  const total = options.figures;
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const target = resolve(options.target);
  const temporary = `${target}.tmp-${process.pid}`;
  mkdirSync(dirname(target), { recursive: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${temporary}${suffix}`, { force: true });

  log(`[synthetic] ${total} figures: applying migrations…`);
  await applyMigrations(temporary);
  const db = new Database(temporary);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144"); // 256 MiB
  db.pragma("temp_store = MEMORY");
  db.pragma("foreign_keys = OFF"); // rows are generated consistent; checked below

  const figureColumns = scalarColumns("Figure");
  const insert = {
    place: db.prepare(`INSERT INTO "Place" ("id", "name", "kind", "parentId") VALUES (?, ?, ?, ?)`),
    metric: db.prepare(
      `INSERT INTO "Metric" ("key", "name", "description", "canonicalUnit", "additive") VALUES (?, ?, ?, ?, ?)`,
    ),
    unit: db.prepare(`INSERT OR IGNORE INTO "Unit" ("key", "name", "canonicalUnit", "factor") VALUES (?, ?, ?, ?)`),
    document: db.prepare(
      `INSERT INTO "Document" ("id", "fileName", "title", "titleSource", "outletName", "outletBasis", "publishedStart", "publishedEnd",
        "publishedPrecision", "publishedInferred", "publishedBasis", "sha256", "length", "summary")
       VALUES (?, ?, ?, 'ASSIGNED', 'Synthetic Outlet', 'synthetic', ?, ?, 'DAY', 0, 'synthetic', ?, ?, 'A synthetic document.')`,
    ),
    evidence: db.prepare(`INSERT INTO "Evidence" ("id", "documentId", "start", "end", "text") VALUES (?, ?, ?, ?, ?)`),
    // Every scalar of Figure, from the Prisma datamodel: a new field that cannot be null needs a value below.
    figure: db.prepare(insertSql("Figure", figureColumns)),
    // The content hash is recorded once every row is in (sealDatabase, below).
    info: db.prepare(
      `INSERT INTO "DatasetInfo" ("id", "version", "builtAt", "releasedOn", "license", "contentHash") VALUES (1, ?, '2026-01-01T00:00:00.000Z', '2026-01-01', 'CC-BY-4.0', '')`,
    ),
  };

  // The search-index triggers would tokenise every row as it is inserted; drop them for the bulk
  // load, then index everything in one statement per table and put the triggers back unchanged.
  const triggers = db
    .prepare(
      `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'trigger' AND "name" IN ('SearchIndex_Figure_ai', 'SearchIndex_Evidence_ai', 'SearchIndex_Document_ai')`,
    )
    .all() as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  // Likewise build the secondary indexes of the big tables once, after the load (a sort is much
  // faster than a million B-tree insertions); their definitions are put back verbatim.
  const indexes = db
    .prepare(
      `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "tbl_name" IN ('Figure', 'Evidence')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const version = syntheticVersion(total, seed);
  db.transaction(() => {
    // Places: one country, 50 states, 10 cities each.
    const places: string[] = [];
    insert.place.run("place-syn", "Synthland", "COUNTRY", null);
    places.push("place-syn");
    for (let s = 0; s < 50; s += 1) {
      const state = `place-syn-${pad(s, 2)}`;
      insert.place.run(state, `State ${s}`, "STATE", "place-syn");
      places.push(state);
      for (let c = 0; c < 10; c += 1) {
        const city = `${state}-${pad(c, 2)}`;
        insert.place.run(city, `City ${s}.${c}`, "CITY", state);
        places.push(city);
      }
    }
    for (const [key, canonical, unit, factor] of SYNTHETIC_METRICS) {
      insert.metric.run(
        key,
        key.replaceAll("_", " "),
        `Synthetic metric ${key}.`,
        canonical,
        canonical === "percent" || canonical === "rate" ? 0 : 1,
      );
      insert.unit.run(unit, unit, canonical, factor);
      insert.unit.run(canonical, canonical, canonical, 1);
    }

    const perDocument = 10;
    const documents = Math.ceil(total / perDocument);
    const width = String(total).length;
    const qualifiers = ["EXACT", "EXACT", "EXACT", "APPROXIMATE", "MORE_THAN", "AT_LEAST", "UP_TO"] as const;
    for (let d = 0; d < documents; d += 1) {
      const documentId = `doc-syn-${pad(d, width)}`;
      const year = 2015 + Math.floor(random() * YEARS);
      const day = `${year}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
      insert.document.run(documentId, `${documentId}.txt`, `Synthetic document ${d}`, day, day, pad(d, 64), 10_000);
      for (let i = 0; i < perDocument && d * perDocument + i < total; i += 1) {
        const n = d * perDocument + i;
        const figureId = `fig-syn-${pad(n, width)}`;
        const [metricKey, canonical, unit, factor] = pick(SYNTHETIC_METRICS);
        const value = Math.round(random() * 100_000) / 10;
        const figureYear = 2015 + Math.floor(random() * YEARS);
        const precision = random();
        let start: string;
        let end: string;
        let precisionName: "YEAR" | "MONTH" | "DAY";
        if (precision < 0.5) {
          [start, end, precisionName] = [`${figureYear}-01-01`, `${figureYear}-12-31`, "YEAR"];
        } else if (precision < 0.8) {
          const month = pad(1 + Math.floor(random() * 12), 2);
          [start, end, precisionName] = [`${figureYear}-${month}-01`, `${figureYear}-${month}-28`, "MONTH"];
        } else {
          const date = `${figureYear}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
          [start, end, precisionName] = [date, date, "DAY"];
        }
        const placeId = random() < 0.8 ? pick(places) : null;
        const evidenceId = `${figureId}#evidence`;
        const offset = i * 300;
        const text = `Synthetic source text stating ${value} ${unit} for ${metricKey.replaceAll("_", " ")} in ${figureYear}.`;
        insert.evidence.run(evidenceId, documentId, offset, offset + text.length, text);
        const figure: StoredRow<"Figure"> = {
          id: figureId,
          documentId,
          metricKey,
          label: `Synthetic ${metricKey.replaceAll("_", " ")} #${n}`,
          value,
          valueHigh: null,
          scale: null,
          qualifier: pick(qualifiers),
          unitText: unit,
          unitKey: unit,
          normalizedValue: value * factor,
          normalizedValueHigh: null,
          countsTowardTotals: 1,
          totalsNote: null,
          normalizedUnit: canonical,
          periodStart: start,
          periodEnd: end,
          periodPrecision: precisionName,
          periodInferred: 0,
          periodBasis: null,
          placeId,
          statedByPersonId: null,
          statedByOrganisationId: null,
          note: null,
          evidenceId,
          position: offset,
          claimId: null,
        };
        insert.figure.run(insertParameters("Figure", figureColumns, figure));
      }
      if (d > 0 && d % 20_000 === 0) log(`[synthetic] ${d * perDocument} figures…`);
    }
    insert.info.run(version);
  })();
  for (const index of indexes) db.exec(index.sql);
  const loaded = performance.now();
  if (options.searchIndex ?? true) {
    log(`[synthetic] filling the search index…`);
    db.transaction(() => {
      // The same rows the triggers of prisma/migrations/20261122010000_search_index would write.
      for (const trigger of triggers) {
        const body = /BEGIN\s*([\s\S]*?);\s*END/i.exec(trigger.sql)?.[1];
        const table = /ON\s+"(\w+)"/i.exec(trigger.sql)?.[1];
        if (!body || !table) throw new Error(`cannot read trigger ${trigger.name}`);
        const match = /INSERT INTO "SearchIndex" \(kind, id, title, body\) VALUES \(([\s\S]*)\)$/i.exec(body.trim());
        if (!match) throw new Error(`unexpected trigger body in ${trigger.name}`);
        db.exec(
          `INSERT INTO "SearchIndex" (kind, id, title, body) SELECT ${match[1]!.replaceAll("NEW.", "")} FROM "${table}"`,
        );
      }
    })();
  }
  for (const trigger of triggers) db.exec(trigger.sql);
  log(
    `[synthetic] rows ${((loaded - started) / 1000).toFixed(1)} s, search index ${((performance.now() - loaded) / 1000).toFixed(1)} s`,
  );
  const violations = db.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) throw new Error(`synthetic data violates ${violations.length} foreign keys`);
  db.close();
  const sealing = performance.now();
  sealDatabase(temporary);
  log(
    `[synthetic] search index checked and content hash recorded in ${((performance.now() - sealing) / 1000).toFixed(1)} s`,
  );
  renameSync(temporary, target);
  const seconds = (performance.now() - started) / 1000;
  log(`[synthetic] built ${target} (${total} figures) in ${seconds.toFixed(1)} s`);
  return { target, version, figures: total, seconds };
}

/** The version recorded in an existing synthetic database, or undefined. */
export function existingSyntheticVersion(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT "version" FROM "DatasetInfo" WHERE "id" = 1`).get() as { version: string } | undefined)
        ?.version;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

if (isMainModule(import.meta.url)) {
  const figures = Number(process.argv[2] ?? 1000);
  const target = process.argv[3] ?? syntheticPath(figures);
  await buildSyntheticDatabase({ figures, target });
}
