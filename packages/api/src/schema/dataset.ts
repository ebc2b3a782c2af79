/** `dataset`: version, licence, citation, build time, counts and sources of the dataset. */

import { builder } from "../builder.js";
import { DATASET_TITLE, datasetCitation, licenceUrl } from "../citation.js";
import { prisma } from "../db.js";
import type { DatasetInfo } from "../generated/prisma/client.js";
import { memberDoc } from "../prisma-docs.js";
import { documentOrderBy } from "./document.js";
import { DocumentConnection } from "./refs.js";

export { DATASET_TITLE };

interface Counts {
  figures: number;
  claims: number;
  contradictions: number;
  documents: number;
  evidence: number;
  quotes: number;
  organisations: number;
  people: number;
  places: number;
  substances: number;
  operations: number;
  events: number;
  legalCases: number;
  defendants: number;
  metrics: number;
  units: number;
  exclusions: number;
}

const countQueries: Record<keyof Counts, string> = {
  figures: `SELECT COUNT(*) FROM "Figure"`,
  claims: `SELECT COUNT(*) FROM "Claim"`,
  contradictions: `SELECT COUNT(*) FROM "Claim" WHERE "status" = 'CONTRADICTS'`,
  documents: `SELECT COUNT(*) FROM "Document"`,
  evidence: `SELECT COUNT(*) FROM "Evidence"`,
  quotes: `SELECT COUNT(*) FROM "Quote"`,
  organisations: `SELECT COUNT(*) FROM "Organisation"`,
  people: `SELECT COUNT(*) FROM "Person"`,
  places: `SELECT COUNT(*) FROM "Place"`,
  substances: `SELECT COUNT(*) FROM "Substance"`,
  operations: `SELECT COUNT(*) FROM "Operation"`,
  events: `SELECT COUNT(*) FROM "Event"`,
  legalCases: `SELECT COUNT(*) FROM "LegalCase"`,
  defendants: `SELECT COUNT(*) FROM "Defendant"`,
  metrics: `SELECT COUNT(*) FROM "Metric"`,
  units: `SELECT COUNT(*) FROM "Unit"`,
  exclusions: `SELECT COUNT(*) FROM "Exclusion"`,
};

/** Every count in one SQL statement. */
async function loadCounts(): Promise<Counts> {
  const columns = Object.entries(countQueries).map(([name, sql]) => `(${sql}) AS "${name}"`);
  const [row] = await prisma.$queryRawUnsafe<Record<keyof Counts, number | bigint>[]>(`SELECT ${columns.join(", ")}`);
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([name, value]) => [name, Number(value)]),
  ) as unknown as Counts;
}

const countDescriptions: Record<keyof Counts, string> = {
  figures: "Figures (numbers stated in the documents).",
  claims: "Claims (groups of figures that report the same measure).",
  contradictions: "Claims whose figures contradict one another (status CONTRADICTS).",
  documents: "Source documents.",
  evidence: "Evidence spans (quoted stretches of the documents).",
  quotes: "Quotations and paraphrases.",
  organisations: "Organisations (agencies, cartels, platforms, outlets …).",
  people: "People named in the documents.",
  places: "Places.",
  substances: "Substances.",
  operations: "Operations and campaigns.",
  events: "Dated events.",
  legalCases: "Legal cases.",
  defendants: "Defendants in legal cases.",
  metrics: "Metrics (measures a figure can report).",
  units: "Units figures are stated in.",
  exclusions: "Numeric mentions deliberately not recorded as figures.",
};

export const DatasetCountsRef = builder.objectRef<Counts>("DatasetCounts").implement({
  description: "How many records of each kind the dataset holds.",
  fields: (t) =>
    Object.fromEntries(
      (Object.keys(countDescriptions) as (keyof Counts)[]).map((name) => [
        name,
        t.int({
          description: `Number of ${countDescriptions[name].charAt(0).toLowerCase()}${countDescriptions[name].slice(1)}`,
          resolve: (counts) => counts[name],
        }),
      ]),
    ),
});

export const DatasetRef = builder.objectRef<DatasetInfo>("Dataset").implement({
  description:
    "Facts about this build of the Fentrace dataset: version, licence, how to cite it, what it contains and where it comes from.",
  fields: (t) => ({
    title: t.string({ description: "Title of the dataset.", resolve: () => DATASET_TITLE }),
    // Dataset is not a Prisma object type (Pothos would take these from the model), so the
    // descriptions of the DatasetInfo fields it exposes are named here.
    version: t.exposeString("version", { description: memberDoc("DatasetInfo", "version") }),
    builtAt: t.exposeString("builtAt", { description: memberDoc("DatasetInfo", "builtAt") }),
    releasedOn: t.exposeString("releasedOn", { description: memberDoc("DatasetInfo", "releasedOn") }),
    license: t.exposeString("license", { description: memberDoc("DatasetInfo", "license") }),
    licenseUrl: t.string({
      nullable: true,
      description: "Web address of the licence text; null for a licence Fentrace does not know.",
      resolve: (info) => licenceUrl(info.license),
    }),
    citation: t.string({
      description: "How to cite the dataset as a whole (cite figures with `Figure.citation`).",
      resolve: (info) => datasetCitation(info),
    }),
    counts: t.field({
      type: DatasetCountsRef,
      description: "How many records of each kind the dataset holds.",
      resolve: () => loadCounts(),
    }),
    sources: t.prismaConnection(
      {
        type: "Document",
        cursor: "id",
        description: "The source documents (news articles) the dataset is drawn from, oldest first.",
        resolve: (query) => prisma.document.findMany({ ...query, orderBy: documentOrderBy(null) }),
        totalCount: () => prisma.document.count(),
      },
      DocumentConnection,
    ),
  }),
});

builder.queryField("dataset", (t) =>
  t.field({
    type: DatasetRef,
    description:
      "Dataset metadata: version (changes whenever the seed data changes), licence, citation, build time, counts and sources.",
    resolve: (_root, _args, context) => context.datasetInfo(),
  }),
);
