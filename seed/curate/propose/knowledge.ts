/**
 * What the proposer knows from the seed data: the units (and the words that name them), the
 * entities, the metrics and the figures already curated. When proposing for a document that is
 * already curated, its own figures and exclusions are left out, so the suggestions are made from
 * the other documents only (and the benchmark measures the proposer, not a lookup).
 */
import { ProblemList } from "../../problems.js";
import { readSeedRecords } from "../../read-data.js";
import type { Document, Figure, Metric, Organisation } from "../../schema.js";

/** One entity the proposer can find in a sentence. */
export interface KnownEntity {
  id: string;
  kind: "place" | "organisation" | "person" | "substance" | "operation";
  names: string[];
}

/** The seed knowledge a proposal draws on. */
export interface Knowledge {
  unitKeys: Set<string>;
  /** A lower-case word → the unit key it names. */
  unitWords: Map<string, string>;
  entities: KnownEntity[];
  metrics: Metric[];
  /** Curated figures of the other documents, for metric similarity. */
  figures: Figure[];
  /** The document's publication period, when the document is registered. */
  published: { start: string; end: string } | undefined;
  /** The names of the document's own outlet (its name, its organisation's name and aliases), when registered. */
  outletNames: string[];
}

// Common English nouns (and a few verbs) for the unit they count, beyond each unit's own name.
// They are read only when the seed has that unit key.
const UNIT_SYNONYMS: Record<string, readonly string[]> = {
  person: [
    "people",
    "persons",
    "individuals",
    "defendants",
    "suspects",
    "victims",
    "residents",
    "children",
    "teens",
    "teenagers",
    "students",
    "adults",
    "men",
    "women",
    "patients",
    "members",
    "customers",
    "buyers",
    "dealers",
    "arrests",
    "arrested",
  ],
  death: ["deaths", "died", "dead", "fatal", "fatalities", "killed", "lives"],
  overdose: ["overdoses", "overdosed"],
  hospitalization: ["hospitalizations", "hospitalisations", "hospitalized", "hospitalised"],
  usd: ["dollar", "dollars", "usd"],
  pound: ["pounds", "lbs", "lb"],
  kilogram: ["kilograms", "kilos", "kg"],
  milligram: ["milligrams", "mg"],
  weapon: ["weapons", "firearms", "guns", "rifles", "pistols", "handguns"],
  criminal_group: ["cartels", "cartel", "gangs", "gang", "groups", "cells", "networks", "organizations"],
  pill: ["pills", "tablets", "pill", "tablet"],
  case: ["cases"],
  investigation: ["investigations"],
  user: ["users", "accounts"],
  minute: ["minutes"],
  year: ["years", "year"],
  decade: ["decades"],
  times: ["times", "fold"],
  percent: ["percent", "%"],
  out_of_ten: ["out of ten"],
};

function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Loads the seed knowledge from `seedDir`, leaving out the curation of `documentId` itself. */
export function loadKnowledge(seedDir: string, documentId?: string): Knowledge {
  // Problems in the data (a half-resolved draft, say) do not stop a proposal: what parses is used.
  const records = readSeedRecords(seedDir, new ProblemList());
  const unitKeys = new Set(records.units.map((unit) => unit.record.key));
  const unitWords = new Map<string, string>();
  const add = (word: string, key: string) => {
    const lower = word.toLowerCase();
    if (!unitWords.has(lower)) unitWords.set(lower, key);
  };
  for (const { record } of records.units) {
    add(record.key.replace(/_/g, " "), record.key);
    add(record.name, record.key);
    add(`${record.name}s`, record.key);
    for (const word of UNIT_SYNONYMS[record.key] ?? []) add(word, record.key);
  }
  const others = records.figures
    .map((figure) => figure.record)
    .filter((figure) => figure.evidence.document !== documentId);
  // The last word of each curated figure's unit words names its unit ("fake pills" → pill).
  for (const figure of others) {
    const last = figure.unitText.match(/[\p{L}%]+(?=[^\p{L}%]*$)/u)?.[0];
    // Lower-case only: a capitalised last word is a name ("users on Snapchat"), not the unit's noun.
    if (last && last.length > 2 && !/^\p{Lu}/u.test(last)) add(last, figure.unit);
  }
  const named = {
    place: records.places,
    organisation: records.organisations,
    person: records.people,
    substance: records.substances,
    operation: records.operations,
  } satisfies Record<KnownEntity["kind"], unknown>;
  // Object.entries types its keys as strings; `named` is checked to have exactly the entity kinds.
  const entities: KnownEntity[] = Object.entries(named).flatMap(([kind, list]) =>
    list.map(({ record }) => ({
      id: record.id,
      kind: kind as KnownEntity["kind"],
      names: [record.name, ...(record.aliases ?? [])],
    })),
  );
  const document = records.documents.find((entry) => entry.record.id === documentId)?.record;
  return {
    unitKeys,
    unitWords,
    entities,
    metrics: records.metrics.map((metric) => metric.record),
    figures: others,
    published: document ? { start: document.published.start, end: document.published.end } : undefined,
    outletNames: outletNamesOf(document, records.organisations),
  };
}

/** The document outlet's name and its organisation's name and aliases, without repeats. */
function outletNamesOf(document: Document | undefined, organisations: readonly { record: Organisation }[]): string[] {
  if (!document) return [];
  const organisation = organisations.find((entry) => entry.record.id === document.outlet.organisation)?.record;
  return [
    ...new Set([document.outlet.name, ...(organisation ? [organisation.name, ...(organisation.aliases ?? [])] : [])]),
  ];
}

/** The unit key a word names, if any. */
export function unitReader(knowledge: Knowledge): (word: string) => string | undefined {
  return (word) => {
    const lower = word.toLowerCase();
    return knowledge.unitWords.get(lower) ?? knowledge.unitWords.get(singular(lower));
  };
}
