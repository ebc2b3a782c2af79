/**
 * Every downloadable table, built from the database: its definition (columns with types,
 * descriptions and constraints, primary and foreign keys) and its rows.
 *
 * Each column is defined once, in one object per table: a column that holds a Prisma field as
 * stored is keyed by that field and takes its name (the field in snake_case unless renamed), its
 * type, whether it is required, its enum values and its description from the Prisma schema (the
 * `///` docs, as the GraphQL API does); a column computed from a record (a relation's name, an
 * interval's bounds, a citation) is keyed by its own name and says how it is computed, in its own
 * words. A key that is neither a field of the model nor a computed column fails `tsc`.
 *
 * The definitions drive everything else: the CSV header and cell formatting (csv.ts), the JSON
 * copy of the figures, the Table Schemas of datapackage.json (datapackage.ts) and the column
 * tables of docs/downloads.md (scripts/downloads-doc.ts). Citations come from ../citation.ts,
 * exactly as the GraphQL API prints them.
 */
import { type CitableDocument, type Citation, citationFor, citationSelect } from "../citation.js";
import { entityDocumentIds, MENTION_KINDS } from "../data/entity-documents.js";
import type { Row as ModelRow } from "../data/rows.js";
import { prisma } from "../db.js";
import { displayFigure } from "../display.js";
import { getDatamodel } from "../generated/pothos-types.js";
import type { DatasetInfo, Prisma } from "../generated/prisma/client.js";
import * as prismaEnums from "../generated/prisma/enums.js";
import { memberDoc } from "../prisma-docs.js";

/** Table Schema field types used by the downloads. */
export type FieldType = "string" | "number" | "integer" | "boolean" | "date";

export interface Column {
  /** Column header, snake_case. */
  name: string;
  type: FieldType;
  description: string;
  /** True when every row has a value (an empty cell is a missing value). */
  required?: boolean;
  /** The allowed values of a string column. */
  enum?: readonly string[];
  /** The Prisma field the column holds as stored (`Figure.unitText`); absent for a computed column. */
  field?: { model: Prisma.ModelName; name: string };
}

export interface ForeignKey {
  fields: string[];
  /** `resource` omitted: a reference to the same table. */
  reference: { resource?: string; fields: string[] };
}

export interface TableDefinition {
  /** Resource name in datapackage.json (lower case, hyphens). */
  name: string;
  /** File name under /downloads/. */
  file: string;
  title: string;
  description: string;
  columns: readonly Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

/** A cell: null is a missing value (an empty CSV cell, JSON null). */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Table {
  definition: TableDefinition;
  rows: Row[];
}

/** The source document as the package's `sources` lists it. */
export interface SourceDocument {
  id: string;
  title: string;
  outletName: string;
  published: string | null;
}

export interface Tables {
  info: DatasetInfo;
  tables: Table[];
  sources: SourceDocument[];
}

// ---------------------------------------------------------------------------------------------
// How columns are declared.

/**
 * The table a column's values point into (a foreign key to its `id`): a resource name, or
 * `"self"` for the same table (entities.parent_id).
 */
type Reference = "documents" | "claims" | "entities" | "figures" | "self";

/** A column holding the Prisma field it is keyed by, as stored. */
interface FieldColumn {
  /** The column name; by default the field's name in snake_case (`unitKey` → `unit_key`). */
  name?: string;
  /** `"date"` for an ISO `YYYY-MM-DD` date Prisma stores as a String. */
  type?: "date";
  references?: Reference;
}

/** A column computed from the loaded record, described in its own words. */
interface ComputedColumn<R> {
  type: FieldType;
  description: string;
  required?: boolean;
  enum?: readonly string[];
  references?: Reference;
  value: (record: R, info: DatasetInfo) => Cell;
}

/**
 * The columns of a table built from records `R` of model `M`: keyed by a scalar field of `M` that
 * `R` holds, or computed from `R`.
 */
type ColumnSpecs<M extends Prisma.ModelName, R, C> = {
  [K in keyof C]: K extends keyof ModelRow<M> & keyof R ? FieldColumn : ComputedColumn<R>;
};

interface BuiltColumn<R> {
  column: Column;
  references?: Reference;
  value: (record: R, info: DatasetInfo) => Cell;
}

const datamodel = getDatamodel().datamodel.models;

/** The value lists of the Prisma enums, by enum name (generated/prisma/enums.ts). */
const enumValues: Readonly<Record<string, Readonly<Record<string, string>>>> = prismaEnums;

/** `unitKey` → `unit_key`, `sha256` → `sha256`. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const isKeyOf = <T extends object>(record: T, key: PropertyKey): key is keyof T => key in record;

function isCell(value: unknown): value is Cell {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** The Table Schema type of a Prisma scalar field; throws for a type the downloads cannot write. */
function fieldType(model: string, field: { name: string; kind: string; type: string }): FieldType {
  if (field.kind === "enum") return "string";
  switch (field.type) {
    case "String":
      return "string";
    case "Int":
      return "integer";
    case "Float":
      return "number";
    case "Boolean":
      return "boolean";
    default:
      throw new Error(`downloads: ${model}.${field.name} is a ${field.type}, which no download column type holds`);
  }
}

/**
 * A foreign key's description names the table it points into: "Id of the document." (Prisma) →
 * "Id of the document (see documents)." A computed column says so in its own words.
 */
function withReference(description: string, references: Reference | undefined, table: string): string {
  if (!references) return description;
  const see = ` (see ${references === "self" ? table : references})`;
  return description.endsWith(".") ? `${description.slice(0, -1)}${see}.` : `${description}${see}`;
}

/**
 * The columns of a table whose records are rows of `model` (with whatever the query includes, `R`),
 * in the order written. A field column's name, type, requiredness, enum values and description come
 * from the Prisma schema; a computed column's from its declaration.
 */
function columnsOf<M extends Prisma.ModelName, R extends object>(model: M, table: string) {
  return <C extends ColumnSpecs<M, R, C>>(specs: C): BuiltColumn<R>[] =>
    Object.entries<FieldColumn | ComputedColumn<R>>(specs).map(([key, spec]) => {
      if ("value" in spec) {
        const { value, references, ...column } = spec;
        return {
          column: { name: key, ...column },
          references,
          value,
        };
      }
      const field = datamodel[model]?.fields.find((candidate) => candidate.name === key && candidate.kind !== "object");
      if (!field) throw new Error(`downloads: ${model} has no scalar field ${key}`);
      const values = field.kind === "enum" ? enumValues[field.type] : undefined;
      if (field.kind === "enum" && !values) throw new Error(`downloads: no values for the enum ${field.type}`);
      const column: Column = {
        name: spec.name ?? snakeCase(key),
        type: spec.type ?? fieldType(model, field),
        description: withReference(memberDoc(model, key), spec.references, table),
        ...(field.isRequired ? { required: true } : {}),
        ...(values ? { enum: Object.values(values) } : {}),
        field: { model, name: key },
      };
      return {
        column,
        references: spec.references,
        value: (record: R) => {
          // ColumnSpecs only takes a key of R without a `value`; the query loads it.
          if (!isKeyOf(record, key)) throw new Error(`downloads: the ${model} record has no ${key}`);
          const cell: unknown = record[key];
          if (!isCell(cell)) throw new Error(`downloads: ${model}.${key} is not a cell (${String(cell)})`);
          return cell;
        },
      };
    });
}

/** A table: its definition, derived from its columns, and how a record becomes a row. */
interface TableOf<R> {
  definition: TableDefinition;
  rows: (records: readonly R[], info: DatasetInfo) => Row[];
}

function tableOf<R>(
  meta: Omit<TableDefinition, "columns" | "foreignKeys">,
  columns: readonly BuiltColumn<R>[],
): TableOf<R> {
  const foreignKeys = columns.flatMap(({ column, references }): ForeignKey[] =>
    references
      ? [
          {
            fields: [column.name],
            reference: references === "self" ? { fields: ["id"] } : { resource: references, fields: ["id"] },
          },
        ]
      : [],
  );
  return {
    definition: { ...meta, columns: columns.map(({ column }) => column), foreignKeys },
    rows: (records, info) =>
      records.map((record) =>
        Object.fromEntries(columns.map(({ column, value }) => [column.name, value(record, info)])),
      ),
  };
}

const joinList = (values: readonly string[]): string | null => (values.length > 0 ? values.join("; ") : null);

/** The citation of a record, computed once for its two columns. */
function citationColumns<R extends object>(
  cite: (record: R, info: DatasetInfo) => Citation,
): { citation: ComputedColumn<R>; citation_short: ComputedColumn<R> } {
  const cache = new WeakMap<R, Citation>();
  const citation = (record: R, info: DatasetInfo) => {
    let known = cache.get(record);
    if (!known) {
      known = cite(record, info);
      cache.set(record, known);
    }
    return known;
  };
  return {
    citation: {
      type: "string",
      required: true,
      description:
        "How to cite this record: authors, title, outlet and date of the source document, the record's id, the dataset version and licence.",
      value: (record, info) => citation(record, info).long,
    },
    citation_short: {
      type: "string",
      required: true,
      description: 'Short citation for charts and tables: "Outlet (year), processed by Fentrace".',
      value: (record, info) => citation(record, info).short,
    },
  };
}

/** The citation columns of records that may have no document to cite (then both cells are empty). */
function optionalCitationColumns<R extends object>(
  cite: (record: R, info: DatasetInfo) => Citation | null,
): { citation: ComputedColumn<R>; citation_short: ComputedColumn<R> } {
  const { citation, citation_short } = citationColumns<R>((record, info) => cite(record, info) ?? NO_CITATION);
  const orNull = (column: ComputedColumn<R>): ComputedColumn<R> => {
    const { required: _required, ...rest } = column;
    return {
      ...rest,
      description: `${column.description} Empty when no document states the record.`,
      value: (record, info) => (cite(record, info) === null ? null : column.value(record, info)),
    };
  };
  return { citation: orNull(citation), citation_short: orNull(citation_short) };
}

const NO_CITATION: Citation = { short: "", long: "", version: "" };

const cite = (document: CitableDocument, what: string, info: DatasetInfo) =>
  citationFor(document, what, info.version, info.license);

// ---------------------------------------------------------------------------------------------
// Figures and their subjects.

/** The bounds of the true quantity the wording allows, in the canonical unit. */
export function qualifierBounds(figure: {
  qualifier: string;
  normalizedValue: number | null;
  normalizedValueHigh: number | null;
}): { low: number | null; high: number | null } {
  const value = figure.normalizedValue;
  // VAGUE figures have no value, and their words set no bound.
  if (value === null) return { low: null, high: null };
  switch (figure.qualifier) {
    case "EXACT":
      return { low: value, high: value };
    case "AT_LEAST":
    case "MORE_THAN":
      return { low: value, high: null };
    case "UP_TO":
      return { low: null, high: value };
    case "RANGE":
      return { low: value, high: figure.normalizedValueHigh };
    default:
      return { low: null, high: null };
  }
}

const idName = { select: { id: true, name: true } } as const;

const figureInclude = {
  metric: { select: { name: true, additive: true } },
  place: { select: { name: true } },
  statedByPerson: idName,
  statedByOrganisation: idName,
  claim: { select: { status: true } },
  document: { select: { id: true, ...citationSelect.select } },
  evidence: {
    select: { text: true, start: true, end: true, marks: { where: { role: "VALUE" }, select: { text: true } } },
  },
  subjects: {
    orderBy: { id: "asc" },
    select: {
      figureId: true,
      role: true,
      organisation: idName,
      operation: idName,
      legalCase: idName,
      substance: idName,
      person: idName,
    },
  },
} satisfies Prisma.FigureInclude;

type FigureRecord = Prisma.FigureGetPayload<{ include: typeof figureInclude }>;
type SubjectRecord = FigureRecord["subjects"][number];

/** Whichever entity a figure subject links to. */
function subjectEntity(subject: SubjectRecord): { id: string; name: string } {
  const entity = subject.organisation ?? subject.operation ?? subject.legalCase ?? subject.substance ?? subject.person;
  if (!entity) throw new Error("A figure subject links to no entity.");
  return entity;
}

const statedBy = (figure: FigureRecord) => figure.statedByPerson ?? figure.statedByOrganisation;

const figures = tableOf<FigureRecord>(
  {
    name: "figures",
    file: "figures.csv",
    title: "Figures",
    description:
      "One row per figure: a number stated in one place of one document, as written and normalised, with what it measures, when, where, about whom, the exact words that state it (evidence span and offsets) and how to cite it. Figures of one metric are comparable through normalized_value; do not add figures of a non-additive metric (metric_additive false), such as DEA cases per platform, which overlap.",
    primaryKey: ["id"],
  },
  columnsOf<"Figure", FigureRecord>(
    "Figure",
    "figures",
  )({
    id: {},
    label: {},
    metricKey: { name: "metric" },
    display: {
      type: "string",
      required: true,
      description:
        'The figure ready to print: qualifier, number, scale word and unit as written ("more than 8 million fake pills", "more than 80%"); for a VAGUE figure, its words ("millions of dollars").',
      value: (figure) => displayFigure(figure),
    },
    metric_name: {
      type: "string",
      required: true,
      description: "Human-readable name of the metric.",
      value: (figure) => figure.metric.name,
    },
    metric_additive: {
      type: "boolean",
      required: true,
      description:
        "True when adding figures of this metric can make sense; false for shares, rates and overlapping counts.",
      value: (figure) => figure.metric.additive,
    },
    value: {},
    valueHigh: {},
    scale: {},
    qualifier: {},
    countsTowardTotals: {},
    totalsNote: {},
    unitText: { name: "unit" },
    unitKey: {},
    normalizedValue: {},
    normalizedValueHigh: {},
    normalizedUnit: {},
    normalized_low: {
      type: "number",
      description:
        "Lowest quantity the wording allows, in the canonical unit: the value for EXACT, AT_LEAST and RANGE, an exclusive bound for MORE_THAN; empty when the wording sets none (APPROXIMATE, UP_TO, VAGUE).",
      value: (figure) => qualifierBounds(figure).low,
    },
    normalized_high: {
      type: "number",
      description:
        "Highest quantity the wording allows, in the canonical unit: the value for EXACT and UP_TO, the upper end for RANGE; empty when the wording sets none (APPROXIMATE, AT_LEAST, MORE_THAN, VAGUE).",
      value: (figure) => qualifierBounds(figure).high,
    },
    periodStart: { type: "date" },
    periodEnd: { type: "date" },
    periodPrecision: {},
    periodInferred: {},
    periodBasis: {},
    placeId: { references: "entities" },
    place_name: { type: "string", description: "Name of the place.", value: (figure) => figure.place?.name ?? null },
    subjects: {
      type: "string",
      description:
        "The entities the figure is about, as ROLE:entity_id separated by '; ' (e.g. PLATFORM:org-snapchat; ACTOR:org-dea). One row per subject in figure-subjects.csv.",
      value: (figure) => joinList(figure.subjects.map((subject) => `${subject.role}:${subjectEntity(subject).id}`)),
    },
    subject_names: {
      type: "string",
      description: "Names of the subjects, in the same order, separated by '; '.",
      value: (figure) => joinList(figure.subjects.map((subject) => subjectEntity(subject).name)),
    },
    stated_by_id: {
      type: "string",
      description:
        "Id of the person or organisation the document attributes the figure to (see entities); empty when none.",
      references: "entities",
      value: (figure) => statedBy(figure)?.id ?? null,
    },
    stated_by_name: {
      type: "string",
      description: "Name of that person or organisation.",
      value: (figure) => statedBy(figure)?.name ?? null,
    },
    claimId: { references: "claims" },
    claim_status: {
      type: "string",
      enum: Object.values(prismaEnums.ClaimStatus),
      description: "Verdict of that claim (see claims.status); empty when the figure is in no claim.",
      value: (figure) => figure.claim?.status ?? null,
    },
    documentId: { references: "documents" },
    document_title: {
      type: "string",
      required: true,
      description: "Title of that document.",
      value: (figure) => figure.document.title,
    },
    stated_text: {
      type: "string",
      required: true,
      description: 'The words that state the number, exactly as printed ("more than 15,000 pounds").',
      value: (figure) => figure.evidence.marks[0]?.text ?? figure.evidence.text,
    },
    evidence_text: {
      type: "string",
      required: true,
      description: "The evidence span: the exact words of the document that state the figure (at most 240 characters).",
      value: (figure) => figure.evidence.text,
    },
    evidence_start: {
      type: "integer",
      required: true,
      description: "Offset of the span's first character in the document text (UTF-16 code units, inclusive).",
      value: (figure) => figure.evidence.start,
    },
    evidence_end: {
      type: "integer",
      required: true,
      description: "Offset just past the span's last character (UTF-16 code units, exclusive).",
      value: (figure) => figure.evidence.end,
    },
    note: {},
    ...citationColumns<FigureRecord>((figure, info) => cite(figure.document, `Figure ${figure.id}`, info)),
  }),
);

/** A figure's subject with the entity it links to. */
type SubjectRow = SubjectRecord & { entity: { id: string; name: string } };

const figureSubjects = tableOf<SubjectRow>(
  {
    name: "figure-subjects",
    file: "figure-subjects.csv",
    title: "Figure subjects",
    description:
      "One row per entity a figure is about (platform, acting agency, operation, case, substance …), with its role.",
    primaryKey: ["figure_id", "role", "entity_id"],
  },
  columnsOf<"FigureSubject", SubjectRow>(
    "FigureSubject",
    "figure-subjects",
  )({
    figureId: { references: "figures" },
    role: {},
    entity_id: {
      type: "string",
      required: true,
      description: "Id of the entity (see entities).",
      references: "entities",
      value: (subject) => subject.entity.id,
    },
    entity_name: {
      type: "string",
      required: true,
      description: "Name of the entity.",
      value: (subject) => subject.entity.name,
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// How figures of one metric overlap, and where entities are named.

type RelationRecord = Prisma.FigureRelationGetPayload<object>;

const figureRelations = tableOf<RelationRecord>(
  {
    name: "figure-relations",
    file: "figure-relations.csv",
    title: "Figure relations",
    description:
      "One row per pair of figures of one metric whose periods and places overlap, read 'figure_id KIND other_id' (PART_OF: the figure's scope lies inside the other's), with Fentrace's explanation. Use it, or figures.countsTowardTotals, to avoid counting one quantity twice.",
    primaryKey: ["id"],
  },
  columnsOf<"FigureRelation", RelationRecord>(
    "FigureRelation",
    "figure-relations",
  )({
    id: {},
    figureId: { references: "figures" },
    kind: {},
    otherId: { references: "figures" },
    explanation: {},
  }),
);

type MentionRecord = Prisma.MentionGetPayload<object>;

/** The entity a mention names: the column its kind names (data/entity-documents.ts). */
function mentionedEntity(mention: MentionRecord): string {
  const { column } = MENTION_KINDS[mention.entityKind];
  const id = mention[column];
  if (id === null) throw new Error(`Mention ${mention.id} is of kind ${mention.entityKind} but has no ${column}`);
  return id;
}

const mentions = tableOf<MentionRecord>(
  {
    name: "mentions",
    file: "mentions.csv",
    title: "Entity mentions",
    description:
      "One row per place in a document where an entity (person, organisation, place, substance, operation, event or legal case) is named, by its name or an alias, with the words and their offsets.",
    primaryKey: ["id"],
  },
  columnsOf<"Mention", MentionRecord>(
    "Mention",
    "mentions",
  )({
    id: {},
    documentId: { references: "documents" },
    start: {},
    end: {},
    text: {},
    entityKind: {},
    entity_id: {
      type: "string",
      required: true,
      description: "Id of the entity named (see entities).",
      references: "entities",
      value: mentionedEntity,
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Documents, claims and quotations.

const documentInclude = {
  authors: { orderBy: { position: "asc" }, select: { person: { select: { name: true } } } },
} satisfies Prisma.DocumentInclude;

type DocumentRecord = Prisma.DocumentGetPayload<{ include: typeof documentInclude }>;

const documents = tableOf<DocumentRecord>(
  {
    name: "documents",
    file: "documents.csv",
    title: "Source documents",
    description:
      "The news articles the dataset is drawn from, with how their title, outlet and date are known, and how to cite them. The articles themselves are not redistributed; only short evidence spans are.",
    primaryKey: ["id"],
  },
  columnsOf<"Document", DocumentRecord>(
    "Document",
    "documents",
  )({
    id: {},
    title: {},
    titleSource: {},
    outletName: {},
    outletId: { references: "entities" },
    authors: {
      type: "string",
      description: "Authors in byline order, separated by '; '; empty when unsigned.",
      value: (document) => joinList(document.authors.map((author) => author.person.name)),
    },
    publishedStart: { type: "date" },
    publishedEnd: { type: "date" },
    publishedPrecision: {},
    publishedInferred: {},
    publishedBasis: {},
    sha256: {},
    length: {},
    summary: {},
    ...citationColumns<DocumentRecord>((document, info) => cite(document, `Document ${document.id}`, info)),
  }),
);

const claimInclude = {
  figures: {
    orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
    select: { id: true },
  },
} satisfies Prisma.ClaimInclude;

type ClaimRecord = Prisma.ClaimGetPayload<{ include: typeof claimInclude }>;

const claims = tableOf<ClaimRecord>(
  {
    name: "claims",
    file: "claims.csv",
    title: "Claims",
    description:
      "Groups of figures that report the same measure for the same (or a confusably similar) scope, with Fentrace's verdict: AGREES, SCOPE_DIFFERS or CONTRADICTS. The disagreements between sources are the CONTRADICTS rows.",
    primaryKey: ["id"],
  },
  columnsOf<"Claim", ClaimRecord>(
    "Claim",
    "claims",
  )({
    id: {},
    title: {},
    status: {},
    explanation: {},
    figure_count: {
      type: "integer",
      required: true,
      description: "Number of figures in the claim.",
      value: (claim) => claim.figures.length,
    },
    figure_ids: {
      type: "string",
      required: true,
      description: "Ids of the figures in the claim (see figures), separated by '; '.",
      value: (claim) => joinList(claim.figures.map((figure) => figure.id)) ?? "",
    },
  }),
);

const quoteInclude = {
  speaker: { select: { name: true } },
  evidence: { select: { text: true, start: true, end: true } },
  document: citationSelect,
} satisfies Prisma.QuoteInclude;

type QuoteRecord = Prisma.QuoteGetPayload<{ include: typeof quoteInclude }>;

const quotes = tableOf<QuoteRecord>(
  {
    name: "quotes",
    file: "quotes.csv",
    title: "Quotations",
    description:
      "Quotations and close paraphrases, with their speaker, the exact words and where they stand in the document.",
    primaryKey: ["id"],
  },
  columnsOf<"Quote", QuoteRecord>(
    "Quote",
    "quotes",
  )({
    id: {},
    documentId: { references: "documents" },
    speakerId: { references: "entities" },
    speaker_name: {
      type: "string",
      required: true,
      description: 'The speaker\'s name, or the description of an unnamed speaker ("a juvenile dealer").',
      value: (quote) => quote.speaker?.name ?? quote.speakerLabel ?? "unnamed speaker",
    },
    direct: {},
    eventId: { references: "entities" },
    text: {
      type: "string",
      required: true,
      description: "The quoted or paraphrased words exactly as printed (the evidence span).",
      value: (quote) => quote.evidence.text,
    },
    evidence_start: {
      type: "integer",
      required: true,
      description: "Offset of the first character in the document text (UTF-16 code units, inclusive).",
      value: (quote) => quote.evidence.start,
    },
    evidence_end: {
      type: "integer",
      required: true,
      description: "Offset just past the last character (UTF-16 code units, exclusive).",
      value: (quote) => quote.evidence.end,
    },
    ...citationColumns<QuoteRecord>((quote, info) => cite(quote.document, `Quotation ${quote.id}`, info)),
  }),
);

// ---------------------------------------------------------------------------------------------
// Defendants and exclusions.

const evidenceSelect = { select: { text: true, start: true, end: true, documentId: true } } as const;

const defendantInclude = {
  legalCase: { select: { name: true } },
  person: { select: { name: true } },
  platform: { select: { name: true } },
  evidence: evidenceSelect,
} satisfies Prisma.DefendantInclude;

/** A defendant with the document that states it: its evidence's, or else the one document that names its case. */
type DefendantRecord = Prisma.DefendantGetPayload<{ include: typeof defendantInclude }> & {
  document: (CitableDocument & { id: string }) | null;
};

const defendants = tableOf<DefendantRecord>(
  {
    name: "defendants",
    file: "defendants.csv",
    title: "Defendants",
    description:
      "One row per defendant of a legal case, named or not: age, charges and status as stated, the platform used, the words that state the age or charges (when quoted) and how to cite them.",
    primaryKey: ["id"],
  },
  columnsOf<"Defendant", DefendantRecord>(
    "Defendant",
    "defendants",
  )({
    id: {},
    legalCaseId: { references: "entities" },
    legal_case_name: {
      type: "string",
      required: true,
      description: "Name of the legal case.",
      value: (defendant) => defendant.legalCase.name,
    },
    personId: { references: "entities" },
    person_name: {
      type: "string",
      description: "Name of the person; empty for an unnamed defendant.",
      value: (defendant) => defendant.person?.name ?? null,
    },
    label: {},
    age: {},
    charges: {},
    status: {},
    platformId: { references: "entities" },
    platform_name: {
      type: "string",
      description: "Name of that platform.",
      value: (defendant) => defendant.platform?.name ?? null,
    },
    platformBasis: {},
    document_id: {
      type: "string",
      references: "documents",
      description:
        "Id of the document that states the defendant: the evidence's, or else the one document that names the case; empty when there is none.",
      value: (defendant) => defendant.document?.id ?? null,
    },
    evidence_text: {
      type: "string",
      description:
        "The words that state the defendant's age or charges (at most 240 characters); empty when none are quoted.",
      value: (defendant) => defendant.evidence?.text ?? null,
    },
    evidence_start: {
      type: "integer",
      description: "Offset of the span's first character in the document text (UTF-16 code units, inclusive).",
      value: (defendant) => defendant.evidence?.start ?? null,
    },
    evidence_end: {
      type: "integer",
      description: "Offset just past the span's last character (UTF-16 code units, exclusive).",
      value: (defendant) => defendant.evidence?.end ?? null,
    },
    ...optionalCitationColumns<DefendantRecord>((defendant, info) =>
      defendant.document ? cite(defendant.document, `Defendant ${defendant.id}`, info) : null,
    ),
  }),
);

const exclusionInclude = {
  evidence: evidenceSelect,
  document: citationSelect,
} satisfies Prisma.ExclusionInclude;

type ExclusionRecord = Prisma.ExclusionGetPayload<{ include: typeof exclusionInclude }>;

const exclusions = tableOf<ExclusionRecord>(
  {
    name: "exclusions",
    file: "exclusions.csv",
    title: "Exclusions",
    description:
      "Words in the documents that look like a figure or a name but are deliberately not recorded as one (a figure of speech, a headline, site navigation …), with the reason and the exact words, so that every number and name of the texts is accounted for.",
    primaryKey: ["id"],
  },
  columnsOf<"Exclusion", ExclusionRecord>(
    "Exclusion",
    "exclusions",
  )({
    id: {},
    documentId: { references: "documents" },
    reason: {},
    evidence_text: {
      type: "string",
      required: true,
      description: "The excluded words and their surroundings, exactly as printed (at most 240 characters).",
      value: (exclusion) => exclusion.evidence.text,
    },
    evidence_start: {
      type: "integer",
      required: true,
      description: "Offset of the span's first character in the document text (UTF-16 code units, inclusive).",
      value: (exclusion) => exclusion.evidence.start,
    },
    evidence_end: {
      type: "integer",
      required: true,
      description: "Offset just past the span's last character (UTF-16 code units, exclusive).",
      value: (exclusion) => exclusion.evidence.end,
    },
    ...citationColumns<ExclusionRecord>((exclusion, info) =>
      cite(exclusion.document, `Exclusion ${exclusion.id}`, info),
    ),
  }),
);

// ---------------------------------------------------------------------------------------------
// Entities: one table over seven models, so its columns are its own.

const entityTypes = ["organisation", "person", "place", "substance", "operation", "event", "legal_case"] as const;

/** An entity of any kind, as its row's columns name its parts. */
interface EntityRecord {
  id: string;
  entity_type: (typeof entityTypes)[number];
  kind: string | null;
  name: string;
  description: string | null;
  aliases: string | null;
  parent_id: string | null;
  organisation_id: string | null;
  place_id: string | null;
  start_date: string | null;
  end_date: string | null;
}

/** A column of the entities table: the record's part of the same name. */
const entityColumn = (
  name: keyof EntityRecord,
  column: Omit<ComputedColumn<EntityRecord>, "value">,
): BuiltColumn<EntityRecord> => ({
  column: { name, ...column },
  references: column.references,
  value: (entity) => entity[name],
});

const entities = tableOf<EntityRecord>(
  {
    name: "entities",
    file: "entities.csv",
    title: "Entities",
    description:
      "Everything figures, quotations and documents refer to: organisations (agencies, cartels, platforms, outlets …), people, places, substances, operations, events and legal cases. Ids are unique across all kinds.",
    primaryKey: ["id"],
  },
  [
    entityColumn("id", {
      type: "string",
      required: true,
      description: "Stable identifier (e.g. org-snapchat, person-anne-milgram, place-us-tx).",
    }),
    entityColumn("entity_type", {
      type: "string",
      required: true,
      enum: entityTypes,
      description: "What kind of entity this is.",
    }),
    entityColumn("kind", {
      type: "string",
      description:
        "Sub-kind: organisation kind (AGENCY, PLATFORM, CARTEL …), place kind (COUNTRY, STATE, CITY …), operation kind or event kind; empty for others.",
    }),
    entityColumn("name", { type: "string", required: true, description: "Name as usually written." }),
    entityColumn("description", {
      type: "string",
      description: "One-line description in Fentrace's words; for people, their role as stated.",
    }),
    entityColumn("aliases", {
      type: "string",
      description: "Other names used in the documents (organisations), comma-separated.",
    }),
    entityColumn("parent_id", {
      type: "string",
      references: "self",
      description:
        "The broader entity of the same type: the containing place, parent organisation or broader substance.",
    }),
    entityColumn("organisation_id", {
      type: "string",
      references: "self",
      description: "A person's organisation, an operation's lead organisation or an event's organiser.",
    }),
    entityColumn("place_id", {
      type: "string",
      references: "self",
      description: "Where an organisation is based, an event took place or a legal case is brought.",
    }),
    entityColumn("start_date", {
      type: "date",
      description: "First day of an operation or event (ISO 8601); empty when unknown or not applicable.",
    }),
    entityColumn("end_date", {
      type: "date",
      description: "Last day of an operation or event, inclusive; empty when unknown, ongoing or not applicable.",
    }),
  ],
);

async function entityRecords(): Promise<EntityRecord[]> {
  const [organisations, people, places, substances, operations, events, legalCases] = await Promise.all([
    prisma.organisation.findMany({ orderBy: { id: "asc" } }),
    prisma.person.findMany({ orderBy: { id: "asc" } }),
    prisma.place.findMany({ orderBy: { id: "asc" } }),
    prisma.substance.findMany({ orderBy: { id: "asc" } }),
    prisma.operation.findMany({ orderBy: { id: "asc" } }),
    prisma.event.findMany({ orderBy: { id: "asc" } }),
    prisma.legalCase.findMany({ orderBy: { id: "asc" } }),
  ]);
  const empty = {
    kind: null,
    description: null,
    aliases: null,
    parent_id: null,
    organisation_id: null,
    place_id: null,
    start_date: null,
    end_date: null,
  } satisfies Partial<EntityRecord>;
  return [
    ...organisations.map(
      (o): EntityRecord => ({
        ...empty,
        id: o.id,
        entity_type: "organisation",
        kind: o.kind,
        name: o.name,
        description: o.description,
        aliases: o.aliases,
        parent_id: o.parentId,
        place_id: o.placeId,
      }),
    ),
    ...people.map(
      (p): EntityRecord => ({
        ...empty,
        id: p.id,
        entity_type: "person",
        name: p.name,
        description: p.role,
        organisation_id: p.organisationId,
      }),
    ),
    ...places.map(
      (p): EntityRecord => ({
        ...empty,
        id: p.id,
        entity_type: "place",
        kind: p.kind,
        name: p.name,
        parent_id: p.parentId,
      }),
    ),
    ...substances.map(
      (s): EntityRecord => ({
        ...empty,
        id: s.id,
        entity_type: "substance",
        name: s.name,
        description: s.description,
        parent_id: s.parentId,
      }),
    ),
    ...operations.map(
      (o): EntityRecord => ({
        ...empty,
        id: o.id,
        entity_type: "operation",
        kind: o.kind,
        name: o.name,
        description: o.description,
        organisation_id: o.leadOrganisationId,
        start_date: o.startDate,
        end_date: o.endDate,
      }),
    ),
    ...events.map(
      (e): EntityRecord => ({
        ...empty,
        id: e.id,
        entity_type: "event",
        kind: e.kind,
        name: e.name,
        organisation_id: e.organisationId,
        place_id: e.placeId,
        start_date: e.startDate,
        end_date: e.endDate,
      }),
    ),
    ...legalCases.map(
      (c): EntityRecord => ({
        ...empty,
        id: c.id,
        entity_type: "legal_case",
        name: c.name,
        description: c.description,
        place_id: c.placeId,
      }),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// The tables.

export const figuresTable: TableDefinition = figures.definition;
export const figureSubjectsTable: TableDefinition = figureSubjects.definition;
export const documentsTable: TableDefinition = documents.definition;
export const claimsTable: TableDefinition = claims.definition;
export const entitiesTable: TableDefinition = entities.definition;
export const quotesTable: TableDefinition = quotes.definition;
export const figureRelationsTable: TableDefinition = figureRelations.definition;
export const mentionsTable: TableDefinition = mentions.definition;
export const defendantsTable: TableDefinition = defendants.definition;
export const exclusionsTable: TableDefinition = exclusions.definition;

/** Every table, in the order of datapackage.json. */
export const tableDefinitions: readonly TableDefinition[] = [
  figuresTable,
  figureSubjectsTable,
  documentsTable,
  claimsTable,
  entitiesTable,
  quotesTable,
  figureRelationsTable,
  mentionsTable,
  defendantsTable,
  exclusionsTable,
];

/**
 * Each defendant with the document that states it: its evidence's, or else the document that names
 * its legal case (`LegalCase.mentionedIn`), when there is exactly one.
 */
function withDocuments(
  records: readonly Prisma.DefendantGetPayload<{ include: typeof defendantInclude }>[],
  documents: readonly DocumentRecord[],
): DefendantRecord[] {
  const byId = new Map(documents.map((document) => [document.id, document]));
  const caseDocuments = entityDocumentIds(
    "LegalCase",
    records.map((record) => record.legalCaseId),
  );
  return records.map((record, index) => {
    const named = caseDocuments[index] ?? [];
    const id = record.evidence?.documentId ?? (named.length === 1 ? named[0] : undefined);
    return { ...record, document: (id && byId.get(id)) || null };
  });
}

/** Reads every table from the database (a handful of queries; the dataset is small). */
export async function loadTables(): Promise<Tables> {
  const info = await prisma.datasetInfo.findUniqueOrThrow({ where: { id: 1 } });
  const [
    figureRecords,
    documentRecords,
    claimRecords,
    entityList,
    quoteRecords,
    relationRecords,
    mentionRecords,
    defendantRecords,
    exclusionRecords,
  ] = await Promise.all([
    prisma.figure.findMany({
      orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
      include: figureInclude,
    }),
    prisma.document.findMany({
      orderBy: [{ publishedStart: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      include: documentInclude,
    }),
    prisma.claim.findMany({ orderBy: { id: "asc" }, include: claimInclude }),
    entityRecords(),
    prisma.quote.findMany({
      orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
      include: quoteInclude,
    }),
    prisma.figureRelation.findMany({ orderBy: { id: "asc" } }),
    prisma.mention.findMany({ orderBy: [{ documentId: "asc" }, { start: "asc" }] }),
    prisma.defendant.findMany({ orderBy: [{ legalCaseId: "asc" }, { id: "asc" }], include: defendantInclude }),
    prisma.exclusion.findMany({
      orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
      include: exclusionInclude,
    }),
  ]);
  const subjects = figureRecords.flatMap((figure) =>
    figure.subjects.map((subject): SubjectRow => ({ ...subject, entity: subjectEntity(subject) })),
  );
  return {
    info,
    sources: documentRecords.map((document) => ({
      id: document.id,
      title: document.title,
      outletName: document.outletName,
      published: document.publishedStart,
    })),
    tables: [
      { definition: figuresTable, rows: figures.rows(figureRecords, info) },
      { definition: figureSubjectsTable, rows: figureSubjects.rows(subjects, info) },
      { definition: documentsTable, rows: documents.rows(documentRecords, info) },
      { definition: claimsTable, rows: claims.rows(claimRecords, info) },
      { definition: entitiesTable, rows: entities.rows(entityList, info) },
      { definition: quotesTable, rows: quotes.rows(quoteRecords, info) },
      { definition: figureRelationsTable, rows: figureRelations.rows(relationRecords, info) },
      { definition: mentionsTable, rows: mentions.rows(mentionRecords, info) },
      { definition: defendantsTable, rows: defendants.rows(withDocuments(defendantRecords, documentRecords), info) },
      { definition: exclusionsTable, rows: exclusions.rows(exclusionRecords, info) },
    ],
  };
}
