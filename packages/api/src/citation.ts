/**
 * How to cite Fentrace, and each record it takes from a document. Pure functions with no GraphQL
 * or database dependency: the schema (`Figure.citation`, `dataset { citation }` …), the bulk
 * downloads and `pnpm export` all build their citations here, so they print the same words.
 *
 * The dataset-level facts (title, description, publisher) mirror seed/data/dataset.yaml and the
 * root CITATION.cff; test/downloads.test.ts fails when they drift apart.
 */
import type { DatePrecision } from "./generated/prisma/enums.js";
import { describeInterval } from "./intervals.js";

/** Title of the dataset (seed/data/dataset.yaml; the DatasetInfo row does not carry it). */
export const DATASET_TITLE = "Fentrace: figures on fentanyl and fake-pill trafficking through social media";

/** Who publishes the dataset and is cited as its author. */
export const DATASET_PUBLISHER = "Fentrace";

/** One-paragraph description of the dataset (seed/data/dataset.yaml). */
export const DATASET_DESCRIPTION =
  "Every figure stated in three news articles (2021–2023) about how fentanyl and counterfeit prescription pills are trafficked through social media: seizures, pills, pounds, arrests, DEA cases per platform, overdose deaths, percentages and defendants. Each figure is normalised and traced to the exact words that state it; disagreements between sources are kept as claims.";

/** SPDX licence identifiers as written in citations. */
const licenceNames: Record<string, string> = { "CC-BY-4.0": "CC BY 4.0", "CC0-1.0": "CC0 1.0" };

/** Full titles of the licences Fentrace knows. */
const licenceTitles: Record<string, string> = {
  "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
  "CC0-1.0": "Creative Commons Zero v1.0 Universal",
};

const licenceUrls: Record<string, string> = {
  "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
  "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
};

/** A licence as written in citations ("CC BY 4.0"). */
export function licenceName(spdx: string): string {
  return licenceNames[spdx] ?? spdx;
}

/** The licence's full title ("Creative Commons Attribution 4.0 International"), or the identifier. */
export function licenceTitle(spdx: string): string {
  return licenceTitles[spdx] ?? spdx;
}

/** Web address of the licence text; null for a licence Fentrace does not know. */
export function licenceUrl(spdx: string): string | null {
  return licenceUrls[spdx] ?? null;
}

/**
 * The facts a dataset citation needs (the DatasetInfo row): all of them come from the seed data,
 * none from the build (its time, builtAt, is deliberately not one), so every build of one dataset
 * version cites the same text.
 */
export interface DatasetFacts {
  version: string;
  /** The day the data was released (ISO 8601 date, seed/data/dataset.yaml `releasedOn`). */
  releasedOn: string;
  license: string;
}

/**
 * "How to cite" the dataset as a whole, e.g. `Fentrace (2026). Fentrace: figures on … social
 * media. Dataset version 1a2b3c4d5e6f, released 2026-12-02. Licensed CC BY 4.0.` Served as
 * `dataset { citation }`, written into datapackage.json and shown on the web page.
 */
export function datasetCitation(info: DatasetFacts): string {
  return `${DATASET_PUBLISHER} (${info.releasedOn.slice(0, 4)}). ${DATASET_TITLE}. Dataset version ${info.version}, released ${info.releasedOn}. Licensed ${licenceName(info.license)}.`;
}

/** What a citation needs from a document (spread as `select: { document: citationSelect }`). */
export const citationSelect = {
  select: {
    title: true,
    titleSource: true,
    outletName: true,
    publishedStart: true,
    publishedEnd: true,
    publishedPrecision: true,
    publishedInferred: true,
    authors: { orderBy: { position: "asc" }, select: { person: { select: { name: true } } } },
  },
} as const;

export interface CitableDocument {
  title: string;
  titleSource: "STATED" | "ASSIGNED";
  outletName: string;
  publishedStart: string | null;
  publishedEnd: string | null;
  publishedPrecision: DatePrecision;
  publishedInferred: boolean;
  authors: { person: { name: string } }[];
}

export interface Citation {
  short: string;
  long: string;
  version: string;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Builds the short and long citation of something taken from a document, e.g.
 * short `Latin Post (2021), processed by Fentrace`, long `Mary Webber, "…" [title assigned by
 * Fentrace], Latin Post, December 2021 (date inferred). Figure fig-… processed by Fentrace
 * (dataset version 1a2b3c4d5e6f), CC BY 4.0.`
 */
export function citationFor(document: CitableDocument, what: string, version: string, licence = "CC-BY-4.0"): Citation {
  const startYear = document.publishedStart?.slice(0, 4);
  const endYear = document.publishedEnd?.slice(0, 4);
  const year =
    startYear && startYear === endYear ? startYear : startYear && endYear ? `${startYear}–${endYear}` : "n.d.";
  const date = describeInterval({
    start: document.publishedStart,
    end: document.publishedEnd,
    precision: document.publishedPrecision,
  });
  const authors = joinNames(document.authors.map((author) => author.person.name));
  const title = `"${document.title}"${document.titleSource === "ASSIGNED" ? " [title assigned by Fentrace]" : ""}`;
  const dated = date === "unknown" ? "undated" : `${date}${document.publishedInferred ? " (date inferred)" : ""}`;
  const source = [authors, title, document.outletName, dated].filter(Boolean).join(", ");
  return {
    short: `${document.outletName} (${year}), processed by Fentrace`,
    long: `${source}. ${what} processed by Fentrace (dataset version ${version}), ${licenceName(licence)}.`,
    version,
  };
}
