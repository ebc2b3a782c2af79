import { cpSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIntegrity } from "../../packages/api/src/integrity.js";
import { buildDatabase } from "../build-database.js";
import { seedVersion } from "../data-files.js";
import { openDatabase } from "../database.js";
import { databaseStatus } from "../ensure-database.js";
import { loadSeed } from "../load.js";
import { migrationsOnDisk } from "../migrations.js";
import { SeedValidationError } from "../problems.js";
import {
  byId,
  copyFixtureSeed,
  editYaml,
  fixtureSeedDir,
  fixtureSourcesDir,
  removeTemporaryDirs,
  sha256OfFile,
  tableContents,
  temporaryDir,
} from "./support.js";

const quiet = () => {};
const build = (target: string, options: { seedDir?: string; sourcesDir?: string; log?: (line: string) => void } = {}) =>
  buildDatabase({ target, seedDir: fixtureSeedDir, sourcesDir: fixtureSourcesDir, log: quiet, ...options });

// Builds spawn `prisma migrate deploy`, the slow part, so one fixture database serves every test here.
const dir = temporaryDir();
const target = join(dir, "fentrace.db");
const temporaryFiles = () => readdirSync(dir).filter((name) => name !== "fentrace.db");
let result: Awaited<ReturnType<typeof buildDatabase>>;

beforeAll(async () => {
  result = await build(target);
});

afterAll(removeTemporaryDirs);

describe("building the database", () => {
  it("applies every migration to a fresh file (prisma migrate deploy), so every table exists", async () => {
    const client = openDatabase(target, { readonly: true });
    try {
      const tables = await client.$queryRawUnsafe<{ name: string }[]>(
        "SELECT name FROM sqlite_master WHERE type = 'table'",
      );
      expect(tables.map((table) => table.name)).toEqual(
        expect.arrayContaining([
          "Document",
          "DocumentAuthor",
          "Evidence",
          "EvidenceMark",
          "Metric",
          "Unit",
          "Figure",
          "FigureSubject",
          "Claim",
          "Organisation",
          "Person",
          "Place",
          "Operation",
          "Event",
          "LegalCase",
          "Defendant",
          "Quote",
          "Substance",
          "Exclusion",
          "DatasetInfo",
        ]),
      );
      const applied = await client.$queryRawUnsafe<{ name: string }[]>(
        "SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(applied.map((migration) => migration.name)).toEqual(migrationsOnDisk().map((migration) => migration.name));
    } finally {
      await client.$disconnect();
    }
  });

  it("inserts every row, checks the evidence and records the dataset info", async () => {
    const dataset = loadSeed(fixtureSeedDir);
    expect(result.evidenceNotVerified).toBeUndefined();
    expect(result.version).toBe(seedVersion(fixtureSeedDir));
    const contents = await tableContents(target);
    expect(contents.Figure).toHaveLength(dataset.rows.figures.length);
    expect(contents.EvidenceMark).toHaveLength(dataset.rows.evidenceMarks.length);
    expect(contents.DatasetInfo).toEqual([
      { id: 1, version: result.version, license: "CC0-1.0", releasedOn: "2026-01-15" },
    ]);
    expect(temporaryFiles()).toEqual([]);
  });

  it("records a content hash that the API's start-up integrity checks accept", () => {
    expect(checkIntegrity(target).failures).toEqual([]);
  });

  it("keeps conflicting figures together in one claim", async () => {
    const client = openDatabase(target, { readonly: true });
    try {
      const claim = await client.claim.findUnique({
        where: { id: "claim-cda-powder-2031" },
        include: { figures: true },
      });
      expect(claim?.status).toBe("CONTRADICTS");
      expect(claim?.figures.map((figure) => [figure.value, figure.unitKey, figure.normalizedValue]).sort()).toEqual([
        [12000, "pound", 5443.10844],
        [15000, "pound", 6803.88555],
      ]);
    } finally {
      await client.$disconnect();
    }
  });

  it("is idempotent: building again gives the same table contents", async () => {
    const before = await tableContents(target);
    await build(target);
    expect(await tableContents(target)).toEqual(before);
  });

  it("leaves the existing database byte-identical when the seed is bad", async () => {
    const before = sha256OfFile(target);
    const badSeed = copyFixtureSeed();
    editYaml(badSeed, "figures/harbor-daily.yaml", (figures) => {
      byId(figures, "fig-hd-arrests").unit = "pound";
    });
    await expect(build(target, { seedDir: badSeed })).rejects.toBeInstanceOf(SeedValidationError);
    expect(sha256OfFile(target)).toBe(before);
    expect(temporaryFiles()).toEqual([]);
  });

  it("leaves the existing database byte-identical when a string holds a hidden character", async () => {
    const before = sha256OfFile(target);
    const badSeed = copyFixtureSeed();
    editYaml(badSeed, "claims.yaml", (claims) => {
      claims[0]!.title = `Powder \u202eseized\u202c in 2031`;
    });
    const failure = build(target, { seedDir: badSeed });
    await expect(failure).rejects.toBeInstanceOf(SeedValidationError);
    await expect(failure).rejects.toThrow(
      /claims\.yaml › claim-cda-powder-2031 › title: contains U\+202E \(RIGHT-TO-LEFT OVERRIDE\)/,
    );
    expect(sha256OfFile(target)).toBe(before);
    expect(temporaryFiles()).toEqual([]);
  });

  it("refuses evidence whose document text has changed, leaving the database as it was", async () => {
    const before = sha256OfFile(target);
    const sources = temporaryDir();
    cpSync(fixtureSourcesDir, sources, { recursive: true });
    writeFileSync(join(sources, "bay-wire.txt"), "Bay Wire: 13,000 Pounds of Fentanyl Seized in 2031, Agency Says\n");
    const failure = build(target, { sourcesDir: sources });
    await expect(failure).rejects.toBeInstanceOf(SeedValidationError);
    await expect(failure).rejects.toThrow(
      /documents\.yaml › bay-wire › sha256: is e09edf30\w+, but bay-wire\.txt hashes to \w+/,
    );
    expect(sha256OfFile(target)).toBe(before);
  });

  it("leaves the database as it was, and no temporary file, when it fails halfway through inserting", async () => {
    const before = sha256OfFile(target);
    const crashWhileInsertingFigures = (line: string) => {
      if (line.includes("inserting figures")) throw new Error("simulated crash");
    };
    await expect(build(target, { log: crashWhileInsertingFigures })).rejects.toThrow("simulated crash");
    expect(sha256OfFile(target)).toBe(before);
    expect(temporaryFiles()).toEqual([]);
  });
});

describe("deciding whether the database needs building (pnpm start)", () => {
  it("builds a database that does not exist", () => {
    expect(databaseStatus(join(temporaryDir(), "missing.db"), fixtureSeedDir)).toEqual({
      state: "stale",
      reason: "it does not exist",
    });
  });

  it("never replaces a file that holds no Fentrace database, and does not change it", async () => {
    const path = join(temporaryDir(), "empty.db");
    writeFileSync(path, "");
    expect(databaseStatus(path, fixtureSeedDir)).toEqual({ state: "foreign", description: "an empty file" });
    await expect(build(path)).rejects.toThrow(`refusing to replace ${path}: it is an empty file.`);
    expect(statSync(path).size).toBe(0);
    expect(readdirSync(join(path, ".."))).toEqual(["empty.db"]);
  });

  it("keeps a database built from the current data and migrations", () => {
    expect(databaseStatus(target, fixtureSeedDir)).toEqual({
      state: "up-to-date",
      version: seedVersion(fixtureSeedDir),
    });
  });

  it("rebuilds as soon as the data changes", () => {
    const changed = copyFixtureSeed();
    editYaml(changed, "claims.yaml", (claims) => {
      claims[0]!.title += " (edited)";
    });
    expect(databaseStatus(target, changed)).toEqual({
      state: "stale",
      reason: `it holds dataset version ${seedVersion(fixtureSeedDir)}, the seed data is version ${seedVersion(changed)}`,
    });
  });
});
