/**
 * Every downloadable table, built from the database: its definition (columns with types,
 * descriptions and constraints, primary and foreign keys) and its rows.
 *
 * The definitions drive everything else: the CSV header and cell formatting (csv.ts), the JSON
 * copy of the figures, and the Table Schemas of datapackage.json (datapackage.ts). Citations come
 * from ../citation.ts, exactly as the GraphQL API prints them.
 */
import { citationFor, citationSelect, type CitableDocument } from "../citation.js";
import type { DatasetInfo } from "../generated/prisma/client.js";
import { prisma } from "../db.js";

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
// Definitions.

const qualifiers = ["EXACT", "APPROXIMATE", "AT_LEAST", "MORE_THAN", "UP_TO", "RANGE"] as const;
const precisions = ["DAY", "MONTH", "YEAR", "UNKNOWN"] as const;
const claimStatuses = ["AGREES", "SCOPE_DIFFERS", "CONTRADICTS"] as const;
const subjectRoles = ["PLATFORM", "ACTOR", "TARGET", "OPERATION", "CASE", "SUBSTANCE", "PERSON"] as const;
const entityTypes = ["organisation", "person", "place", "substance", "operation", "event", "legal_case"] as const;

const toEntity = (field: string): ForeignKey => ({
  fields: [field],
  reference: { resource: "entities", fields: ["id"] },
});
const toDocument: ForeignKey = { fields: ["document_id"], reference: { resource: "documents", fields: ["id"] } };

const citationColumns: Column[] = [
  {
    name: "citation",
    type: "string",
    required: true,
    description:
      "How to cite this record: authors, title, outlet and date of the source document, the record's id, the dataset version and licence.",
  },
  {
    name: "citation_short",
    type: "string",
    required: true,
    description: 'Short citation for charts and tables: "Outlet (year), processed by Fentrace".',
  },
];

export const figuresTable: TableDefinition = {
  name: "figures",
  file: "figures.csv",
  title: "Figures",
  description:
    "One row per figure: a number stated in one place of one document, as written and normalised, with what it measures, when, where, about whom, the exact words that state it (evidence span and offsets) and how to cite it. Figures of one metric are comparable through normalized_value; do not add figures of a non-additive metric (metric_additive false), such as DEA cases per platform, which overlap.",
  columns: [
    {
      name: "id",
      type: "string",
      required: true,
      description: "Stable identifier of the figure (e.g. fig-lp-surge-cases-snapchat).",
    },
    { name: "label", type: "string", required: true, description: "What exactly is counted, in Fentrace's words." },
    {
      name: "metric",
      type: "string",
      required: true,
      description: "Key of the metric the figure reports (e.g. cases_by_platform, pills_seized).",
    },
    { name: "metric_name", type: "string", required: true, description: "Human-readable name of the metric." },
    {
      name: "metric_additive",
      type: "boolean",
      required: true,
      description:
        "True when adding figures of this metric can make sense; false for shares, rates and overlapping counts.",
    },
    {
      name: "value",
      type: "number",
      required: true,
      description: 'The number as written, before any scale word: 20.4 in "20.4 million"; the lower end of a RANGE.',
    },
    {
      name: "value_high",
      type: "number",
      description: 'Upper end as written, for RANGE figures ("100" in "50 to 100 times"); empty otherwise.',
    },
    {
      name: "scale",
      type: "string",
      description: 'Scale word that multiplies the written number ("million"); empty when none.',
    },
    {
      name: "qualifier",
      type: "string",
      required: true,
      enum: qualifiers,
      description:
        'How the stated number bounds the true quantity: EXACT, APPROXIMATE ("about"), AT_LEAST, MORE_THAN ("more than", "over"), UP_TO ("as many as") or RANGE.',
    },
    {
      name: "unit",
      type: "string",
      required: true,
      description: 'The unit as the source words it (e.g. "pounds", "fake pills").',
    },
    {
      name: "unit_key",
      type: "string",
      required: true,
      description: "Key of the unit in Fentrace's unit table (e.g. pound).",
    },
    {
      name: "normalized_value",
      type: "number",
      required: true,
      description:
        "The value converted to the metric's canonical unit (value × scale × unit factor); pounds become kilograms.",
    },
    {
      name: "normalized_value_high",
      type: "number",
      description: "value_high converted to the canonical unit; empty unless RANGE.",
    },
    {
      name: "normalized_unit",
      type: "string",
      required: true,
      description: "Canonical unit of the normalised values (e.g. kilogram, pill, percent, case).",
    },
    {
      name: "normalized_low",
      type: "number",
      description:
        "Lowest quantity the wording allows, in the canonical unit: the value for EXACT, AT_LEAST and RANGE, an exclusive bound for MORE_THAN; empty when the wording sets none (APPROXIMATE, UP_TO).",
    },
    {
      name: "normalized_high",
      type: "number",
      description:
        "Highest quantity the wording allows, in the canonical unit: the value for EXACT and UP_TO, the upper end for RANGE; empty when the wording sets none (APPROXIMATE, AT_LEAST, MORE_THAN).",
    },
    {
      name: "period_start",
      type: "date",
      description: "First day of the period the figure covers (ISO 8601); empty when unknown.",
    },
    {
      name: "period_end",
      type: "date",
      description: "Last day of the period, inclusive (ISO 8601); empty when unknown.",
    },
    {
      name: "period_precision",
      type: "string",
      required: true,
      enum: precisions,
      description: "How precisely the period is known.",
    },
    {
      name: "period_inferred",
      type: "boolean",
      required: true,
      description: 'True when Fentrace inferred the period (e.g. "this year" resolved from the document date).',
    },
    {
      name: "period_basis",
      type: "string",
      description: "How the period was established, in Fentrace's words; empty when stated outright.",
    },
    {
      name: "place_id",
      type: "string",
      description: "Id of the place the figure is about (see entities); empty when none is stated or implied.",
    },
    { name: "place_name", type: "string", description: "Name of the place." },
    {
      name: "subjects",
      type: "string",
      description:
        "The entities the figure is about, as ROLE:entity_id separated by '; ' (e.g. PLATFORM:platform-snapchat; ACTOR:org-dea). One row per subject in figure-subjects.csv.",
    },
    {
      name: "subject_names",
      type: "string",
      description: "Names of the subjects, in the same order, separated by '; '.",
    },
    {
      name: "stated_by_id",
      type: "string",
      description:
        "Id of the person or organisation the document attributes the figure to (see entities); empty when none.",
    },
    { name: "stated_by_name", type: "string", description: "Name of that person or organisation." },
    {
      name: "claim_id",
      type: "string",
      description:
        "Id of the claim grouping this figure with others that report the same measure (see claims); empty when none.",
    },
    {
      name: "claim_status",
      type: "string",
      enum: claimStatuses,
      description: "Verdict of that claim: AGREES, SCOPE_DIFFERS or CONTRADICTS.",
    },
    {
      name: "document_id",
      type: "string",
      required: true,
      description: "Id of the document that states the figure (see documents).",
    },
    { name: "document_title", type: "string", required: true, description: "Title of that document." },
    {
      name: "stated_text",
      type: "string",
      required: true,
      description: 'The words that state the number, exactly as printed ("more than 15,000 pounds").',
    },
    {
      name: "evidence_text",
      type: "string",
      required: true,
      description: "The evidence span: the exact words of the document that state the figure (at most 240 characters).",
    },
    {
      name: "evidence_start",
      type: "integer",
      required: true,
      description: "Offset of the span's first character in the document text (UTF-16 code units, inclusive).",
    },
    {
      name: "evidence_end",
      type: "integer",
      required: true,
      description: "Offset just past the span's last character (UTF-16 code units, exclusive).",
    },
    { name: "note", type: "string", description: "Curator's note on reading the figure; empty when none." },
    ...citationColumns,
  ],
  primaryKey: ["id"],
  foreignKeys: [
    toDocument,
    { fields: ["claim_id"], reference: { resource: "claims", fields: ["id"] } },
    toEntity("place_id"),
    toEntity("stated_by_id"),
  ],
};

export const figureSubjectsTable: TableDefinition = {
  name: "figure-subjects",
  file: "figure-subjects.csv",
  title: "Figure subjects",
  description:
    "One row per entity a figure is about (platform, acting agency, operation, case, substance …), with its role.",
  columns: [
    { name: "figure_id", type: "string", required: true, description: "Id of the figure (see figures)." },
    {
      name: "role",
      type: "string",
      required: true,
      enum: subjectRoles,
      description: "The part the entity plays in the figure.",
    },
    { name: "entity_id", type: "string", required: true, description: "Id of the entity (see entities)." },
    { name: "entity_name", type: "string", required: true, description: "Name of the entity." },
  ],
  primaryKey: ["figure_id", "role", "entity_id"],
  foreignKeys: [{ fields: ["figure_id"], reference: { resource: "figures", fields: ["id"] } }, toEntity("entity_id")],
};

export const documentsTable: TableDefinition = {
  name: "documents",
  file: "documents.csv",
  title: "Source documents",
  description:
    "The news articles the dataset is drawn from, with how their title, outlet and date are known, and how to cite them. The articles themselves are not redistributed; only short evidence spans are.",
  columns: [
    { name: "id", type: "string", required: true, description: "Stable identifier of the document (e.g. latin-post)." },
    { name: "title", type: "string", required: true, description: "Title of the article." },
    {
      name: "title_source",
      type: "string",
      required: true,
      enum: ["STATED", "ASSIGNED"],
      description: "STATED when printed in the document, ASSIGNED when Fentrace gave it.",
    },
    { name: "outlet_name", type: "string", required: true, description: "Name of the outlet that published it." },
    {
      name: "outlet_id",
      type: "string",
      description: "Id of the outlet as an organisation (see entities); empty when it is not one.",
    },
    {
      name: "authors",
      type: "string",
      description: "Authors in byline order, separated by '; '; empty when unsigned.",
    },
    {
      name: "published_start",
      type: "date",
      description: "First day the publication date can be (ISO 8601); empty when unknown.",
    },
    {
      name: "published_end",
      type: "date",
      description: "Last day the publication date can be, inclusive; empty when unknown.",
    },
    {
      name: "published_precision",
      type: "string",
      required: true,
      enum: precisions,
      description: "How precisely the publication date is known.",
    },
    {
      name: "published_inferred",
      type: "boolean",
      required: true,
      description: "True when the date is inferred rather than printed.",
    },
    {
      name: "published_basis",
      type: "string",
      required: true,
      description: "How the publication date was established, in Fentrace's words.",
    },
    {
      name: "sha256",
      type: "string",
      required: true,
      description: "SHA-256 of the document text as UTF-8 (lower-case hex), to check a copy.",
    },
    {
      name: "length",
      type: "integer",
      required: true,
      description: "Length of the document text in UTF-16 code units (the unit of every offset).",
    },
    { name: "summary", type: "string", required: true, description: "One-paragraph summary in Fentrace's words." },
    ...citationColumns,
  ],
  primaryKey: ["id"],
  foreignKeys: [toEntity("outlet_id")],
};

export const claimsTable: TableDefinition = {
  name: "claims",
  file: "claims.csv",
  title: "Claims",
  description:
    "Groups of figures that report the same measure for the same (or a confusably similar) scope, with Fentrace's verdict: AGREES, SCOPE_DIFFERS or CONTRADICTS. The disagreements between sources are the CONTRADICTS rows.",
  columns: [
    { name: "id", type: "string", required: true, description: "Stable identifier of the claim." },
    { name: "title", type: "string", required: true, description: "What the grouped figures measure." },
    {
      name: "status",
      type: "string",
      required: true,
      enum: claimStatuses,
      description: "Whether the figures agree, differ in scope, or contradict one another.",
    },
    {
      name: "explanation",
      type: "string",
      required: true,
      description: "One-line explanation of the verdict, by Fentrace.",
    },
    { name: "figure_count", type: "integer", required: true, description: "Number of figures in the claim." },
    {
      name: "figure_ids",
      type: "string",
      required: true,
      description: "Ids of the figures in the claim (see figures), separated by '; '.",
    },
  ],
  primaryKey: ["id"],
  foreignKeys: [],
};

export const entitiesTable: TableDefinition = {
  name: "entities",
  file: "entities.csv",
  title: "Entities",
  description:
    "Everything figures, quotations and documents refer to: organisations (agencies, cartels, platforms, outlets …), people, places, substances, operations, events and legal cases. Ids are unique across all kinds.",
  columns: [
    {
      name: "id",
      type: "string",
      required: true,
      description: "Stable identifier (e.g. platform-snapchat, person-anne-milgram, place-us-tx).",
    },
    {
      name: "entity_type",
      type: "string",
      required: true,
      enum: entityTypes,
      description: "What kind of entity this is.",
    },
    {
      name: "kind",
      type: "string",
      description:
        "Sub-kind: organisation kind (AGENCY, PLATFORM, CARTEL …), place kind (COUNTRY, STATE, CITY …), operation kind or event kind; empty for others.",
    },
    { name: "name", type: "string", required: true, description: "Name as usually written." },
    {
      name: "description",
      type: "string",
      description: "One-line description in Fentrace's words; for people, their role as stated.",
    },
    {
      name: "aliases",
      type: "string",
      description: "Other names used in the documents (organisations), comma-separated.",
    },
    {
      name: "parent_id",
      type: "string",
      description:
        "The broader entity of the same type: the containing place, parent organisation or broader substance.",
    },
    {
      name: "organisation_id",
      type: "string",
      description: "A person's organisation, an operation's lead organisation or an event's organiser.",
    },
    {
      name: "place_id",
      type: "string",
      description: "Where an organisation is based, an event took place or a legal case is brought.",
    },
    {
      name: "start_date",
      type: "date",
      description: "First day of an operation or event (ISO 8601); empty when unknown or not applicable.",
    },
    {
      name: "end_date",
      type: "date",
      description: "Last day of an operation or event, inclusive; empty when unknown, ongoing or not applicable.",
    },
  ],
  primaryKey: ["id"],
  foreignKeys: [
    { fields: ["parent_id"], reference: { fields: ["id"] } },
    { fields: ["organisation_id"], reference: { fields: ["id"] } },
    { fields: ["place_id"], reference: { fields: ["id"] } },
  ],
};

export const quotesTable: TableDefinition = {
  name: "quotes",
  file: "quotes.csv",
  title: "Quotations",
  description:
    "Quotations and close paraphrases, with their speaker, the exact words and where they stand in the document.",
  columns: [
    { name: "id", type: "string", required: true, description: "Stable identifier of the quotation." },
    {
      name: "document_id",
      type: "string",
      required: true,
      description: "Id of the document it is taken from (see documents).",
    },
    {
      name: "speaker_id",
      type: "string",
      description: "Id of the speaker (see entities); empty for an unnamed speaker.",
    },
    {
      name: "speaker_name",
      type: "string",
      required: true,
      description: 'The speaker\'s name, or the description of an unnamed speaker ("a juvenile dealer").',
    },
    {
      name: "direct",
      type: "boolean",
      required: true,
      description: "True for words in quotation marks; false for a reported paraphrase.",
    },
    {
      name: "event_id",
      type: "string",
      description: "Id of the event at which it was said (see entities); empty when unknown.",
    },
    {
      name: "text",
      type: "string",
      required: true,
      description: "The quoted or paraphrased words exactly as printed (the evidence span).",
    },
    {
      name: "evidence_start",
      type: "integer",
      required: true,
      description: "Offset of the first character in the document text (UTF-16 code units, inclusive).",
    },
    {
      name: "evidence_end",
      type: "integer",
      required: true,
      description: "Offset just past the last character (UTF-16 code units, exclusive).",
    },
    ...citationColumns,
  ],
  primaryKey: ["id"],
  foreignKeys: [toDocument, toEntity("speaker_id"), toEntity("event_id")],
};

/** Every table, in the order of datapackage.json. */
export const tableDefinitions: readonly TableDefinition[] = [
  figuresTable,
  figureSubjectsTable,
  documentsTable,
  claimsTable,
  entitiesTable,
  quotesTable,
];

// ---------------------------------------------------------------------------------------------
// Rows.

const joinList = (values: readonly string[]): string | null => (values.length > 0 ? values.join("; ") : null);

/** The bounds of the true quantity the wording allows, in the canonical unit. */
export function qualifierBounds(figure: {
  qualifier: string;
  normalizedValue: number;
  normalizedValueHigh: number | null;
}): { low: number | null; high: number | null } {
  const value = figure.normalizedValue;
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

function cite(document: CitableDocument, what: string, info: DatasetInfo) {
  const citation = citationFor(document, what, info.version, info.license);
  return { citation: citation.long, citation_short: citation.short };
}

/** Name of whichever entity a figure subject links to. */
function subjectEntity(subject: {
  organisation: { id: string; name: string } | null;
  operation: { id: string; name: string } | null;
  legalCase: { id: string; name: string } | null;
  substance: { id: string; name: string } | null;
  person: { id: string; name: string } | null;
}): { id: string; name: string } {
  const entity = subject.organisation ?? subject.operation ?? subject.legalCase ?? subject.substance ?? subject.person;
  if (!entity) throw new Error("A figure subject links to no entity.");
  return entity;
}

const idName = { select: { id: true, name: true } } as const;

async function figureRows(info: DatasetInfo): Promise<{ figures: Row[]; subjects: Row[] }> {
  const figures = await prisma.figure.findMany({
    orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
    include: {
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
          role: true,
          organisation: idName,
          operation: idName,
          legalCase: idName,
          substance: idName,
          person: idName,
        },
      },
    },
  });
  const subjectRows: Row[] = [];
  const rows = figures.map((figure): Row => {
    const subjects = figure.subjects.map((subject) => ({ role: subject.role, ...subjectEntity(subject) }));
    for (const subject of subjects) {
      subjectRows.push({ figure_id: figure.id, role: subject.role, entity_id: subject.id, entity_name: subject.name });
    }
    const statedBy = figure.statedByPerson ?? figure.statedByOrganisation;
    const bounds = qualifierBounds(figure);
    return {
      id: figure.id,
      label: figure.label,
      metric: figure.metricKey,
      metric_name: figure.metric.name,
      metric_additive: figure.metric.additive,
      value: figure.value,
      value_high: figure.valueHigh,
      scale: figure.scale,
      qualifier: figure.qualifier,
      unit: figure.unitText,
      unit_key: figure.unitKey,
      normalized_value: figure.normalizedValue,
      normalized_value_high: figure.normalizedValueHigh,
      normalized_unit: figure.normalizedUnit,
      normalized_low: bounds.low,
      normalized_high: bounds.high,
      period_start: figure.periodStart,
      period_end: figure.periodEnd,
      period_precision: figure.periodPrecision,
      period_inferred: figure.periodInferred,
      period_basis: figure.periodBasis,
      place_id: figure.placeId,
      place_name: figure.place?.name ?? null,
      subjects: joinList(subjects.map((subject) => `${subject.role}:${subject.id}`)),
      subject_names: joinList(subjects.map((subject) => subject.name)),
      stated_by_id: statedBy?.id ?? null,
      stated_by_name: statedBy?.name ?? null,
      claim_id: figure.claimId,
      claim_status: figure.claim?.status ?? null,
      document_id: figure.documentId,
      document_title: figure.document.title,
      stated_text: figure.evidence.marks[0]?.text ?? figure.evidence.text,
      evidence_text: figure.evidence.text,
      evidence_start: figure.evidence.start,
      evidence_end: figure.evidence.end,
      note: figure.note,
      ...cite(figure.document, `Figure ${figure.id}`, info),
    };
  });
  return { figures: rows, subjects: subjectRows };
}

async function documentRows(info: DatasetInfo): Promise<{ rows: Row[]; sources: SourceDocument[] }> {
  const documents = await prisma.document.findMany({
    orderBy: [{ publishedStart: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    include: { authors: { orderBy: { position: "asc" }, select: { person: { select: { name: true } } } } },
  });
  const rows = documents.map(
    (document): Row => ({
      id: document.id,
      title: document.title,
      title_source: document.titleSource,
      outlet_name: document.outletName,
      outlet_id: document.outletId,
      authors: joinList(document.authors.map((author) => author.person.name)),
      published_start: document.publishedStart,
      published_end: document.publishedEnd,
      published_precision: document.publishedPrecision,
      published_inferred: document.publishedInferred,
      published_basis: document.publishedBasis,
      sha256: document.sha256,
      length: document.length,
      summary: document.summary,
      ...cite(document, `Document ${document.id}`, info),
    }),
  );
  const sources = documents.map((document) => ({
    id: document.id,
    title: document.title,
    outletName: document.outletName,
    published: document.publishedStart,
  }));
  return { rows, sources };
}

async function claimRows(): Promise<Row[]> {
  const claims = await prisma.claim.findMany({
    orderBy: { id: "asc" },
    include: {
      figures: {
        orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
        select: { id: true },
      },
    },
  });
  return claims.map((claim) => ({
    id: claim.id,
    title: claim.title,
    status: claim.status,
    explanation: claim.explanation,
    figure_count: claim.figures.length,
    figure_ids: joinList(claim.figures.map((figure) => figure.id)) ?? "",
  }));
}

async function entityRows(): Promise<Row[]> {
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
  } satisfies Row;
  return [
    ...organisations.map(
      (o): Row => ({
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
      (p): Row => ({
        ...empty,
        id: p.id,
        entity_type: "person",
        name: p.name,
        description: p.role,
        organisation_id: p.organisationId,
      }),
    ),
    ...places.map(
      (p): Row => ({ ...empty, id: p.id, entity_type: "place", kind: p.kind, name: p.name, parent_id: p.parentId }),
    ),
    ...substances.map(
      (s): Row => ({
        ...empty,
        id: s.id,
        entity_type: "substance",
        name: s.name,
        description: s.description,
        parent_id: s.parentId,
      }),
    ),
    ...operations.map(
      (o): Row => ({
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
      (e): Row => ({
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
      (c): Row => ({
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

async function quoteRows(info: DatasetInfo): Promise<Row[]> {
  const quotes = await prisma.quote.findMany({
    orderBy: [{ documentId: "asc" }, { evidence: { start: "asc" } }, { id: "asc" }],
    include: {
      speaker: { select: { name: true } },
      evidence: { select: { text: true, start: true, end: true } },
      document: citationSelect,
    },
  });
  return quotes.map((quote) => ({
    id: quote.id,
    document_id: quote.documentId,
    speaker_id: quote.speakerId,
    speaker_name: quote.speaker?.name ?? quote.speakerLabel ?? "unnamed speaker",
    direct: quote.direct,
    event_id: quote.eventId,
    text: quote.evidence.text,
    evidence_start: quote.evidence.start,
    evidence_end: quote.evidence.end,
    ...cite(quote.document, `Quotation ${quote.id}`, info),
  }));
}

/** Reads every table from the database (a handful of queries; the dataset is small). */
export async function loadTables(): Promise<Tables> {
  const info = await prisma.datasetInfo.findUniqueOrThrow({ where: { id: 1 } });
  const [figures, documents, claims, entities, quotes] = await Promise.all([
    figureRows(info),
    documentRows(info),
    claimRows(),
    entityRows(),
    quoteRows(info),
  ]);
  return {
    info,
    sources: documents.sources,
    tables: [
      { definition: figuresTable, rows: figures.figures },
      { definition: figureSubjectsTable, rows: figures.subjects },
      { definition: documentsTable, rows: documents.rows },
      { definition: claimsTable, rows: claims },
      { definition: entitiesTable, rows: entities },
      { definition: quotesTable, rows: quotes },
    ],
  };
}
