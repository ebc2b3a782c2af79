/**
 * The bulk downloads: every file served under /downloads/ and written by `pnpm export`, built
 * from the database by the same code for both.
 *
 * - figures.csv, figures.json: one row per figure, with its evidence span, offsets and citation
 * - figure-subjects.csv, documents.csv, claims.csv, entities.csv, quotes.csv, figure-relations.csv,
 *   mentions.csv, defendants.csv, exclusions.csv
 * - figures.csv?… and figures.json?…: the figures a filter selects (figure-query.ts)
 * - datapackage.json: the Frictionless Data Package v2 descriptor of all of the above
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { datasetCitation } from "../citation.js";
import { tableToCsv } from "./csv.js";
import { buildDataPackage, type FileFacts } from "./datapackage.js";
import { loadTables, type Row, type TableDefinition, type Tables } from "./tables.js";

export interface DownloadFile {
  /** File name under /downloads/ (no directories). */
  name: string;
  /** HTTP Content-Type. */
  contentType: string;
  body: Uint8Array;
  /** Lower-case hex SHA-256 of `body`. */
  sha256: string;
  /** One line on what the file holds (the /downloads/ index and the web page show it). */
  description: string;
}

export interface Downloads {
  /** Dataset version (DatasetInfo.version) the files were built from. */
  version: string;
  /** The day the data was released (DatasetInfo.releasedOn), which the citation names. */
  releasedOn: string;
  /** When the database the files were built from was built (DatasetInfo.builtAt; Last-Modified). */
  builtAt: string;
  /** How to cite the dataset (the same text as `dataset { citation }`). */
  citation: string;
  /** The files in a stable order: figures.csv, figures.json, the other tables, datapackage.json. */
  files: DownloadFile[];
  /** The rows of figures.csv by figure id, for filtered figure downloads (figure-query.ts). */
  figures: { definition: TableDefinition; rows: ReadonlyMap<string, Row> };
}

export const FIGURES_JSON = "figures.json";
export const DATA_PACKAGE = "datapackage.json";

const CSV_TYPE = "text/csv; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

function file(name: string, contentType: string, text: string, description: string): DownloadFile {
  const body = new TextEncoder().encode(text);
  return { name, contentType, body, sha256: createHash("sha256").update(body).digest("hex"), description };
}

/** Builds every download from already loaded tables. */
export function buildDownloadFiles(tables: Tables): Downloads {
  const files: DownloadFile[] = tables.tables.flatMap((table) => {
    const csv = file(table.definition.file, CSV_TYPE, tableToCsv(table), table.definition.title);
    if (table.definition.name !== "figures") return [csv];
    // The JSON copy of the figures follows the CSV: the same rows and keys, typed.
    return [
      csv,
      file(
        FIGURES_JSON,
        JSON_TYPE,
        `${JSON.stringify(table.rows, null, 1)}\n`,
        "Figures (JSON): the rows of figures.csv, typed",
      ),
    ];
  });
  const facts = new Map<string, FileFacts>(files.map((f) => [f.name, { bytes: f.body.byteLength, sha256: f.sha256 }]));
  const descriptor = buildDataPackage(tables, facts, FIGURES_JSON);
  files.push(
    file(
      DATA_PACKAGE,
      JSON_TYPE,
      `${JSON.stringify(descriptor, null, 2)}\n`,
      "Data Package descriptor (Frictionless v2)",
    ),
  );
  const figureTable = tables.tables.find((table) => table.definition.name === "figures");
  if (!figureTable) throw new Error("The downloads have no figures table.");
  return {
    figures: {
      definition: figureTable.definition,
      rows: new Map(figureTable.rows.map((row) => [String(row.id), row])),
    },
    version: tables.info.version,
    releasedOn: tables.info.releasedOn,
    builtAt: tables.info.builtAt,
    citation: datasetCitation(tables.info),
    files,
  };
}

/** Reads the database and builds every download. */
export async function buildDownloads(): Promise<Downloads> {
  return buildDownloadFiles(await loadTables());
}

let cached: Promise<Downloads> | undefined;

/**
 * The downloads of the database this process serves, built on first use and kept: the API opens
 * its database read-only, so they cannot change while it runs. A failed build is retried.
 */
export function getDownloads(): Promise<Downloads> {
  cached ??= buildDownloads().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** Writes every download into `dir` (created if needed); returns the paths written. */
export async function writeDownloads(dir: string): Promise<{ downloads: Downloads; paths: string[] }> {
  const downloads = await buildDownloads();
  mkdirSync(dir, { recursive: true });
  const paths = downloads.files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.body);
    return path;
  });
  return { downloads, paths };
}
