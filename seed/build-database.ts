/**
 * `pnpm seed`: validates seed/data and builds the SQLite database atomically.
 *
 * The database is written to a temporary file next to the target and renamed over it only when
 * everything succeeded, so a failed build (bad data, a failing migration, an insert error, a
 * crash) leaves the previous database byte for byte as it was.
 *
 * It only ever replaces a Fentrace database: a target that holds anything else (another
 * application's database, any other file, a directory) is refused before building and again
 * just before the rename, and left as it was (seed/database-file.ts).
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Prisma } from "../packages/api/src/generated/prisma/client.js";
import { sealDatabase } from "../packages/api/src/integrity.js";
import { isMainModule, runCommand } from "./cli.js";
import { openDatabase } from "./database.js";
import { assertReplaceable } from "./database-file.js";
import { readSourceTexts } from "./documents.js";
import { loadSeed, resolveMentions, type SeedDataset, type SeedRows } from "./load.js";
import { applyMigrations } from "./migrations.js";
import { databasePathFromUrl, displayPath, seedDataDir } from "./paths.js";
import { SeedValidationError } from "./problems.js";
import { verifyDocuments, verifyEvidence } from "./verify.js";

export interface BuildOptions {
  /** The database file to create or replace. */
  target: string;
  /** The seed data directory (default seed/data). */
  seedDir?: string;
  /** Where the source documents are (default: FENTRACE_SOURCES_DIR, else ../shared/seeds). */
  sourcesDir?: string;
  /** Receives progress lines (default: stderr). */
  log?: (line: string) => void;
  /**
   * The clock the build time (DatasetInfo.builtAt) is read from (default: the system clock). Only
   * builtAt depends on it; the dataset citation names the release date of the seed data instead.
   */
  now?: () => Date;
}

export interface BuildResult {
  target: string;
  version: string;
  /** Rows inserted per table. */
  counts: Record<keyof SeedRows, number>;
  /** Why the evidence was not checked against the documents, when it was not. */
  evidenceNotVerified?: string;
}

/** One createMany per table. The key order is the insert order (that of SeedRows), which satisfies every foreign key. */
const INSERTS: {
  [Table in keyof SeedRows]: (tx: Prisma.TransactionClient, data: SeedRows[Table]) => Promise<unknown>;
} = {
  places: (tx, data) => tx.place.createMany({ data }),
  organisations: (tx, data) => tx.organisation.createMany({ data }),
  people: (tx, data) => tx.person.createMany({ data }),
  substances: (tx, data) => tx.substance.createMany({ data }),
  metrics: (tx, data) => tx.metric.createMany({ data }),
  units: (tx, data) => tx.unit.createMany({ data }),
  claims: (tx, data) => tx.claim.createMany({ data }),
  documents: (tx, data) => tx.document.createMany({ data }),
  documentAuthors: (tx, data) => tx.documentAuthor.createMany({ data }),
  operations: (tx, data) => tx.operation.createMany({ data }),
  legalCases: (tx, data) => tx.legalCase.createMany({ data }),
  events: (tx, data) => tx.event.createMany({ data }),
  evidence: (tx, data) => tx.evidence.createMany({ data }),
  evidenceMarks: (tx, data) => tx.evidenceMark.createMany({ data }),
  defendants: (tx, data) => tx.defendant.createMany({ data }),
  figures: (tx, data) => tx.figure.createMany({ data }),
  figureSubjects: (tx, data) => tx.figureSubject.createMany({ data }),
  figureRelations: (tx, data) => tx.figureRelation.createMany({ data }),
  quotes: (tx, data) => tx.quote.createMany({ data }),
  exclusions: (tx, data) => tx.exclusion.createMany({ data }),
  mentions: (tx, data) => tx.mention.createMany({ data }),
};
const TABLES = Object.keys(INSERTS) as (keyof SeedRows)[];

function insertTable<Table extends keyof SeedRows>(
  tx: Prisma.TransactionClient,
  table: Table,
  rows: SeedRows,
): Promise<unknown> {
  return INSERTS[table](tx, rows[table]);
}

/** A database file together with the journal files SQLite may create next to it. */
function removeDatabaseFiles(path: string): void {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporary files left by builds that were killed (their process no longer exists). */
function removeAbandonedTemporaries(target: string): void {
  const pattern = new RegExp(`^${basename(target).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.tmp-(\\d+)$`);
  for (const name of readdirSync(dirname(target))) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) removeDatabaseFiles(join(dirname(target), name));
  }
}

/**
 * Checks documents and evidence spans against the source texts, when they are available, and
 * finds the entity mentions in them (resolveMentions; without the texts there are none).
 */
function verifyAgainstSources(dataset: SeedDataset, sourcesDir: string | undefined): string | undefined {
  const sources = readSourceTexts(dataset.rows.documents, sourcesDir === undefined ? {} : { dir: sourcesDir });
  if (!sources.available) return sources.reason;
  const problems = [
    ...verifyDocuments(dataset, sources.texts),
    ...verifyEvidence(dataset, sources.texts),
    ...resolveMentions(dataset, sources.texts),
  ];
  if (problems.length > 0) throw new SeedValidationError(problems);
  return undefined;
}

async function insertDataset(
  path: string,
  dataset: SeedDataset,
  builtAt: Date,
  step: (text: string) => void,
): Promise<void> {
  const client = openDatabase(path);
  try {
    await client.$transaction(
      async (tx) => {
        for (const table of TABLES) {
          step(`inserting ${table} (${dataset.rows[table].length})`);
          await insertTable(tx, table, dataset.rows);
        }
        step("writing dataset info");
        await tx.datasetInfo.create({
          // The content hash covers every row written here, so it is recorded last (sealDatabase).
          data: {
            id: 1,
            version: dataset.version,
            builtAt: builtAt.toISOString(),
            releasedOn: dataset.meta.releasedOn,
            license: dataset.meta.license,
            contentHash: "",
          },
        });
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } finally {
    await client.$disconnect();
  }
}

/** Validates the seed and builds the database at `options.target`; throws SeedValidationError on bad data. */
export async function buildDatabase(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const target = resolve(options.target);
  assertReplaceable(target);
  // validate, check evidence, migrate, one per table, dataset info, seal, rename
  const totalSteps = TABLES.length + 6;
  let done = 0;
  const step = (text: string) => log(`[seed] ${++done}/${totalSteps} ${text}`);

  step("validating…");
  const dataset = loadSeed(options.seedDir ?? seedDataDir);
  step("checking evidence against the source documents…");
  const evidenceNotVerified = verifyAgainstSources(dataset, options.sourcesDir);
  if (evidenceNotVerified) log(`[seed] evidence not checked: ${evidenceNotVerified}`);

  mkdirSync(dirname(target), { recursive: true });
  removeAbandonedTemporaries(target);
  const temporary = `${target}.tmp-${process.pid}`;
  removeDatabaseFiles(temporary);
  try {
    step("applying migrations…");
    await applyMigrations(temporary);
    await insertDataset(temporary, dataset, (options.now ?? (() => new Date()))(), step);
    step("checking the search index and recording the content hash");
    sealDatabase(temporary);
    step(`replacing ${displayPath(target)}`);
    // Something else may have been put there while the database was being built.
    assertReplaceable(target);
    renameSync(temporary, target);
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
  log(`[seed] built ${displayPath(target)} (version ${dataset.version})`);
  const counts = Object.fromEntries(Object.entries(dataset.rows).map(([table, rows]) => [table, rows.length]));
  return {
    target,
    version: dataset.version,
    counts: counts as BuildResult["counts"],
    ...(evidenceNotVerified ? { evidenceNotVerified } : {}),
  };
}

if (isMainModule(import.meta.url)) {
  runCommand(async () => {
    await buildDatabase({ target: databasePathFromUrl(process.env.DATABASE_URL) });
    return 0;
  });
}
