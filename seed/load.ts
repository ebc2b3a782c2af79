/**
 * Loads seed/data: reads and shape-checks every file (read-data.ts), then checks what spans
 * records (unique ids, references, marks inside evidence spans, units against metrics, stated
 * words against values, claims, parent chains) and resolves everything into rows that match the
 * Prisma models, in an order that satisfies every foreign key.
 *
 * `analyseSeed` never throws on bad data: it returns every problem together with the rows it
 * could build, which is what the coverage report needs while data is being curated.
 * `loadSeed` is the strict form used by the build.
 */
import type {
  Claim as ClaimRow,
  Defendant as DefendantRow,
  DocumentAuthor as DocumentAuthorRow,
  Document as DocumentRow,
  Event as EventRow,
  EvidenceMark as EvidenceMarkRow,
  Evidence as EvidenceRow,
  Exclusion as ExclusionRow,
  FigureRelation as FigureRelationRow,
  Figure as FigureRow,
  FigureSubject as FigureSubjectRow,
  LegalCase as LegalCaseRow,
  MarkRole,
  Mention as MentionRow,
  Metric as MetricRow,
  Operation as OperationRow,
  Organisation as OrganisationRow,
  Person as PersonRow,
  Place as PlaceRow,
  Quote as QuoteRow,
  SubjectRole,
  Substance as SubstanceRow,
  Unit as UnitRow,
} from "../packages/api/src/generated/prisma/client.js";
import { seedVersion } from "./data-files.js";
import { normalize, parseStatedNumber } from "./normalize.js";
import { pairKey } from "./overlaps.js";
import { seedDataDir } from "./paths.js";
import { resolvePeriod } from "./periods.js";
import { ProblemList, type RecordOrigin, type SeedProblem, SeedValidationError } from "./problems.js";
import { type Collection, type Located, readSeedRecords, type SeedRecords } from "./read-data.js";
import type * as schema from "./schema.js";
import { didYouMean } from "./suggest.js";
import { occurrencesOf } from "./text.js";
import { UNRESOLVED_TODO } from "./todos.js";

/** Rows for every table, each list in an order that satisfies its foreign keys when inserted in this key order. */
export interface SeedRows {
  places: PlaceRow[];
  organisations: OrganisationRow[];
  people: PersonRow[];
  substances: SubstanceRow[];
  metrics: MetricRow[];
  units: UnitRow[];
  claims: ClaimRow[];
  documents: DocumentRow[];
  documentAuthors: DocumentAuthorRow[];
  operations: OperationRow[];
  legalCases: LegalCaseRow[];
  events: EventRow[];
  evidence: EvidenceRow[];
  evidenceMarks: EvidenceMarkRow[];
  defendants: DefendantRow[];
  figures: FigureRow[];
  figureSubjects: FigureSubjectRow[];
  figureRelations: FigureRelationRow[];
  quotes: QuoteRow[];
  exclusions: ExclusionRow[];
  /** Filled by resolveMentions, which needs the documents' texts; empty until then. */
  mentions: MentionRow[];
}

/** Where a document or an evidence span was written, so later checks can point at it. */
export interface RowOrigin extends RecordOrigin {
  /** The field holding it (`evidence`, `defendants[1].evidence`; empty for a document). */
  field: string;
}

/** A validated, fully resolved dataset, ready to insert. */
export interface SeedDataset {
  /** First 12 hex digits of the SHA-256 of the data files. */
  version: string;
  /** The dataset.yaml record (title, licence …). */
  meta: schema.Dataset;
  rows: SeedRows;
  /** Origins of documents, evidence spans and records (entities among them), by row id. */
  origins: Map<string, RowOrigin>;
}

/** The result of checking a seed that may be invalid: every problem, and whatever could be resolved. */
export interface SeedAnalysis extends Omit<SeedDataset, "meta"> {
  meta: schema.Dataset | undefined;
  problems: SeedProblem[];
}

type EntityKind =
  | "document"
  | "organisation"
  | "person"
  | "place"
  | "substance"
  | "operation"
  | "event"
  | "case"
  | "defendant"
  | "claim"
  | "figure"
  | "quote"
  | "exclusion";

/** Subject roles of figures: the enum value and the kinds of entity each may name. */
const SUBJECT_ROLES: Record<keyof schema.Subjects, { role: SubjectRole; kinds: EntityKind[] }> = {
  platform: { role: "PLATFORM", kinds: ["organisation"] },
  actor: { role: "ACTOR", kinds: ["organisation", "person"] },
  target: { role: "TARGET", kinds: ["organisation", "person"] },
  operation: { role: "OPERATION", kinds: ["operation"] },
  case: { role: "CASE", kinds: ["case"] },
  substance: { role: "SUBSTANCE", kinds: ["substance"] },
  person: { role: "PERSON", kinds: ["person"] },
};

/** The problem reported for a span still waiting for `pnpm seed:locate`; the coverage report counts these instead of listing them. */
export const MISSING_START = "required: run `pnpm seed:locate` to fill it in";

/** Aliases are stored comma-separated (seed/schema.ts forbids commas inside one). */
const joinAliases = (aliases: readonly string[] | undefined) => (aliases?.length ? aliases.join(", ") : null);
const article = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);
const orList = (kinds: readonly string[]) => kinds.join(" or ");

/** Where each collection's ids go in the registry. */
const KIND_OF = {
  documents: "document",
  organisations: "organisation",
  people: "person",
  places: "place",
  substances: "substance",
  operations: "operation",
  events: "event",
  cases: "case",
  claims: "claim",
  figures: "figure",
  quotes: "quote",
  exclusions: "exclusion",
} as const satisfies Partial<Record<Collection, EntityKind>>;

/** Every id in the seed, with its kind and origin; ids are unique across all files. */
class IdRegistry {
  private readonly entries = new Map<string, { kind: EntityKind; origin: RecordOrigin }>();

  constructor(private readonly problems: ProblemList) {}

  register(kind: EntityKind, id: string, origin: RecordOrigin, field = "id"): void {
    const existing = this.entries.get(id);
    if (existing) {
      this.problems.add(
        origin,
        field,
        `duplicate id; already used by ${article(existing.kind)} in ${existing.origin.file}`,
      );
      return;
    }
    this.entries.set(id, { kind, origin });
  }

  /** Checks that `id` names an entity of one of `kinds`, and returns its kind. */
  resolve(
    origin: RecordOrigin,
    field: string,
    id: string | undefined,
    kinds: readonly EntityKind[],
  ): EntityKind | undefined {
    if (id === undefined) return undefined;
    const entry = this.entries.get(id);
    if (!entry) {
      const candidates = [...this.entries].filter(([, e]) => kinds.includes(e.kind)).map(([candidate]) => candidate);
      this.problems.add(origin, field, `unknown ${orList(kinds)} '${id}'${didYouMean(id, candidates)}`);
      return undefined;
    }
    if (!kinds.includes(entry.kind)) {
      this.problems.add(origin, field, `'${id}' is ${article(entry.kind)}, expected ${article(orList(kinds))}`);
      return undefined;
    }
    return entry.kind;
  }
}

/** Records keyed by `key` (metrics, units), checked for duplicates. */
function keyed<T extends { key: string }>(located: Located<T>[], problems: ProblemList): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const { record, ...origin } of located) {
    if (byKey.has(record.key)) problems.add(origin, "key", "duplicate key");
    else byKey.set(record.key, record);
  }
  return byKey;
}

/**
 * Orders rows so that each parent precedes its children (the parent foreign key is checked on
 * insert), and reports every loop in a parent chain once.
 */
function parentsFirst<T extends { id: string; parentId: string | null }>(
  rows: T[],
  onLoop: (row: T, chain: string[]) => void,
): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const state = new Map<string, "visiting" | "done">();
  const ordered: T[] = [];
  const visit = (row: T, chain: string[]) => {
    const current = state.get(row.id);
    if (current === "done") return;
    if (current === "visiting") {
      onLoop(row, [...chain.slice(chain.indexOf(row.id)), row.id]);
      return;
    }
    state.set(row.id, "visiting");
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    if (parent) visit(parent, [...chain, row.id]);
    state.set(row.id, "done");
    ordered.push(row);
  };
  for (const row of rows) visit(row, []);
  return ordered;
}

interface MarkInput {
  role: MarkRole;
  text: string;
  /** The field the mark is written in, for messages. */
  field: string;
}

/** Marks for words listed under `field` (a period's `stated`, a span's `dates`); indexed field names when there are several. */
function listedMarks(role: MarkRole, field: string, words: readonly string[] | undefined): MarkInput[] {
  return (words ?? []).map((text, index) => ({
    role,
    text,
    field: words?.length === 1 ? field : `${field}[${index}]`,
  }));
}

/** The event or operation whose dates an evidence span states. */
type EvidenceOwner = Pick<EvidenceRow, "eventId" | "operationId">;
const NO_OWNER: EvidenceOwner = { eventId: null, operationId: null };

/** Turns validated records into rows, reporting every problem that spans records. */
class Resolver {
  readonly rows: SeedRows = {
    places: [],
    organisations: [],
    people: [],
    substances: [],
    metrics: [],
    units: [],
    claims: [],
    documents: [],
    documentAuthors: [],
    operations: [],
    legalCases: [],
    events: [],
    evidence: [],
    evidenceMarks: [],
    defendants: [],
    figures: [],
    figureSubjects: [],
    figureRelations: [],
    quotes: [],
    exclusions: [],
    mentions: [],
  };
  readonly origins = new Map<string, RowOrigin>();
  private readonly ids: IdRegistry;
  private readonly documentLengths = new Map<string, number>();
  private metrics = new Map<string, schema.Metric>();
  private units = new Map<string, schema.Unit>();

  constructor(
    private readonly records: SeedRecords,
    private readonly problems: ProblemList,
  ) {
    this.ids = new IdRegistry(problems);
  }

  resolve(): void {
    this.registerIds();
    this.metrics = keyed(this.records.metrics, this.problems);
    this.units = keyed(this.records.units, this.problems);
    this.rows.metrics = [...this.metrics.values()];
    this.rows.units = [...this.units.values()];
    this.resolvePlaces();
    this.resolveOrganisations();
    this.resolvePeople();
    this.resolveSubstances();
    // `primary` is not a column: settleTotals reads it from the records.
    this.rows.claims = this.records.claims.map(({ record: { primary: _primary, ...claim } }) => claim);
    this.resolveDocuments();
    this.resolveOperations();
    this.resolveCases();
    this.resolveEvents();
    this.resolveFigures();
    this.checkClaims();
    this.resolveRelations();
    this.settleTotals();
    this.resolveQuotes();
    this.resolveExclusions();
  }

  private registerIds(): void {
    for (const [collection, kind] of Object.entries(KIND_OF) as [keyof typeof KIND_OF, EntityKind][]) {
      for (const { record, ...origin } of this.records[collection]) {
        this.ids.register(kind, record.id, origin);
        // resolveMentions reports an alias that names nothing on its record.
        if (!this.origins.has(record.id)) this.origins.set(record.id, { ...origin, field: "" });
      }
    }
    for (const { record, ...origin } of this.records.cases) {
      record.defendants.forEach((defendant, index) => {
        this.ids.register("defendant", defendant.id, origin, `defendants[${index}].id`);
      });
    }
    // A record with a bad shape still owns its id: registering it keeps references to it from
    // being reported as unknown, which would only repeat the one real problem.
    for (const { collection, id, file, recordId } of this.records.rejected) {
      const kind = collection in KIND_OF ? KIND_OF[collection as keyof typeof KIND_OF] : undefined;
      if (kind && id !== undefined) this.ids.register(kind, id, { file, recordId });
    }
  }

  /** Keys of metrics or units whose records were rejected for their shape. */
  private rejectedKeys(collection: Collection): Set<string> {
    return new Set(
      this.records.rejected.flatMap((r) => (r.collection === collection && r.id !== undefined ? [r.id] : [])),
    );
  }

  /** Orders a self-referencing table parents first, reporting a loop on the record where it closes. */
  private orderByParent<T extends { id: string; parentId: string | null }>(
    rows: T[],
    located: Located<{ id: string }>[],
  ): T[] {
    const origins = new Map(located.map(({ record, file, recordId }) => [record.id, { file, recordId }]));
    return parentsFirst(rows, (row, chain) => {
      const origin = origins.get(row.id);
      if (origin) this.problems.add(origin, "parent", `parent chain loops: ${chain.join(" → ")}`);
    });
  }

  private resolvePlaces(): void {
    const rows = this.records.places.map(({ record, ...origin }) => {
      this.ids.resolve(origin, "parent", record.parent, ["place"]);
      return {
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        kind: record.kind,
        parentId: record.parent ?? null,
      };
    });
    this.rows.places = this.orderByParent(rows, this.records.places);
  }

  private resolveOrganisations(): void {
    const rows = this.records.organisations.map(({ record, ...origin }) => {
      this.ids.resolve(origin, "place", record.place, ["place"]);
      this.ids.resolve(origin, "parent", record.parent, ["organisation"]);
      return {
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        kind: record.kind,
        description: record.description,
        placeId: record.place ?? null,
        parentId: record.parent ?? null,
      };
    });
    this.rows.organisations = this.orderByParent(rows, this.records.organisations);
  }

  private resolvePeople(): void {
    this.rows.people = this.records.people.map(({ record, ...origin }) => {
      this.ids.resolve(origin, "organisation", record.organisation, ["organisation"]);
      return {
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        named: record.named ?? true,
        role: record.role,
        organisationId: record.organisation ?? null,
      };
    });
  }

  private resolveSubstances(): void {
    const rows = this.records.substances.map(({ record, ...origin }) => {
      this.ids.resolve(origin, "parent", record.parent, ["substance"]);
      return {
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        description: record.description,
        parentId: record.parent ?? null,
      };
    });
    this.rows.substances = this.orderByParent(rows, this.records.substances);
  }

  private resolveDocuments(): void {
    const fileNames = new Map<string, string>();
    for (const { record, ...origin } of this.records.documents) {
      const sameFile = fileNames.get(record.fileName);
      if (sameFile) this.problems.add(origin, "fileName", `already used by document '${sameFile}'`);
      fileNames.set(record.fileName, record.id);
      this.ids.resolve(origin, "outlet.organisation", record.outlet.organisation, ["organisation"]);
      const published = resolvePeriod(record.published);
      this.documentLengths.set(record.id, record.length);
      this.origins.set(record.id, { ...origin, field: "" });
      this.rows.documents.push({
        id: record.id,
        fileName: record.fileName,
        title: record.title,
        titleSource: record.titleSource,
        outletName: record.outlet.name,
        outletBasis: record.outlet.basis,
        outletId: record.outlet.organisation ?? null,
        publishedStart: published.start,
        publishedEnd: published.end,
        publishedPrecision: published.precision,
        publishedInferred: published.inferred,
        publishedBasis: record.published.basis,
        sha256: record.sha256,
        length: record.length,
        summary: record.summary,
      });
      const authors = new Set<string>();
      record.authors.forEach((personId, index) => {
        const field = `authors[${index}]`;
        this.ids.resolve(origin, field, personId, ["person"]);
        if (authors.has(personId)) this.problems.add(origin, field, `'${personId}' is listed twice`);
        authors.add(personId);
        this.rows.documentAuthors.push({ documentId: record.id, personId, position: index + 1 });
      });
    }
  }

  /**
   * Adds the evidence row `id` and its marks, each at its document offset. A mark must occur
   * exactly once in the span, or its offset would be a guess.
   */
  private addEvidence(
    origin: RecordOrigin,
    field: string,
    id: string,
    evidence: schema.Evidence,
    marks: MarkInput[],
    owner: EvidenceOwner = NO_OWNER,
  ): string {
    const { start } = evidence;
    const knownDocument = this.ids.resolve(origin, `${field}.document`, evidence.document, ["document"]);
    if (start === undefined) {
      this.problems.add(origin, `${field}.start`, MISSING_START);
    } else {
      const end = start + evidence.text.length;
      const length = this.documentLengths.get(evidence.document);
      if (knownDocument && length !== undefined && end > length) {
        this.problems.add(
          origin,
          `${field}.start`,
          `the span ends at offset ${end}, past the end of document '${evidence.document}' (length ${length})`,
        );
      }
      this.rows.evidence.push({ id, documentId: evidence.document, start, end, text: evidence.text, ...owner });
      this.origins.set(id, { ...origin, field });
    }
    for (const mark of marks) {
      const found = occurrencesOf(evidence.text, mark.text);
      const [index] = found;
      if (found.length === 0) {
        this.problems.add(origin, mark.field, `mark '${mark.text}' not found in the span`);
      } else if (found.length > 1) {
        this.problems.add(
          origin,
          mark.field,
          `mark '${mark.text}' occurs ${found.length} times in the span; lengthen it`,
        );
      } else if (start !== undefined && index !== undefined) {
        this.rows.evidenceMarks.push({
          id: this.rows.evidenceMarks.length + 1,
          evidenceId: id,
          role: mark.role,
          start: start + index,
          end: start + index + mark.text.length,
          text: mark.text,
        });
      }
    }
    return id;
  }

  /**
   * Adds an event's or operation's spans as `<id>#evidence-1`, `-2` …: numbered because there can
   * be several (one per mention), each with the date words it marks.
   */
  private addDatedEvidence(
    origin: RecordOrigin,
    ownerId: string,
    spans: schema.DatedEvidence[] | undefined,
    owner: EvidenceOwner,
  ): void {
    spans?.forEach(({ dates, ...evidence }, index) => {
      const field = `evidence[${index}]`;
      this.addEvidence(
        origin,
        field,
        `${ownerId}#evidence-${index + 1}`,
        evidence,
        listedMarks("DATE", `${field}.dates`, dates),
        owner,
      );
    });
  }

  private resolveOperations(): void {
    for (const { record, ...origin } of this.records.operations) {
      this.ids.resolve(origin, "lead", record.lead, ["organisation"]);
      const dates = resolvePeriod(record.dates);
      this.rows.operations.push({
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        kind: record.kind,
        description: record.description,
        leadOrganisationId: record.lead ?? null,
        startDate: dates.start,
        endDate: dates.end,
        datePrecision: dates.precision,
        dateInferred: dates.inferred,
        dateBasis: dates.basis,
      });
      this.addDatedEvidence(origin, record.id, record.evidence, { eventId: null, operationId: record.id });
    }
  }

  private resolveCases(): void {
    for (const { record, ...origin } of this.records.cases) {
      this.ids.resolve(origin, "place", record.place, ["place"]);
      this.ids.resolve(origin, "operation", record.operation, ["operation"]);
      this.rows.legalCases.push({
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        description: record.description,
        jurisdiction: record.jurisdiction,
        placeId: record.place ?? null,
        operationId: record.operation ?? null,
      });
      record.defendants.forEach((defendant, index) => {
        this.resolveDefendant(origin, `defendants[${index}]`, record.id, defendant);
      });
    }
  }

  private resolveDefendant(origin: RecordOrigin, field: string, caseId: string, defendant: schema.Defendant): void {
    this.ids.resolve(origin, `${field}.person`, defendant.person, ["person"]);
    this.ids.resolve(origin, `${field}.platform`, defendant.platform, ["organisation"]);
    if (defendant.ageStated !== undefined && defendant.age !== undefined) {
      const stated = parseStatedNumber(defendant.ageStated);
      if (stated?.value === undefined)
        this.problems.add(origin, `${field}.ageStated`, `no number found in '${defendant.ageStated}'`);
      else if (stated.value !== defendant.age) {
        this.problems.add(
          origin,
          `${field}.age`,
          `${defendant.age} does not match ageStated '${defendant.ageStated}', which says ${stated.value}`,
        );
      }
    }
    const marks: MarkInput[] =
      defendant.ageStated === undefined
        ? []
        : [{ role: "AGE", text: defendant.ageStated, field: `${field}.ageStated` }];
    const evidenceId = defendant.evidence
      ? this.addEvidence(origin, `${field}.evidence`, `${defendant.id}#evidence`, defendant.evidence, marks)
      : null;
    this.rows.defendants.push({
      id: defendant.id,
      legalCaseId: caseId,
      personId: defendant.person ?? null,
      label: defendant.label,
      age: defendant.age ?? null,
      charges: defendant.charges ?? null,
      status: defendant.status,
      platformId: defendant.platform ?? null,
      platformBasis: defendant.platformBasis ?? null,
      evidenceId,
    });
  }

  private resolveEvents(): void {
    for (const { record, ...origin } of this.records.events) {
      this.ids.resolve(origin, "place", record.place, ["place"]);
      this.ids.resolve(origin, "organisation", record.organisation, ["organisation"]);
      this.ids.resolve(origin, "person", record.person, ["person"]);
      this.ids.resolve(origin, "case", record.case, ["case"]);
      const date = resolvePeriod(record.date);
      this.rows.events.push({
        id: record.id,
        name: record.name,
        aliases: joinAliases(record.aliases),
        kind: record.kind,
        startDate: date.start,
        endDate: date.end,
        datePrecision: date.precision,
        dateInferred: date.inferred,
        dateBasis: date.basis,
        placeId: record.place ?? null,
        organisationId: record.organisation ?? null,
        personId: record.person ?? null,
        legalCaseId: record.case ?? null,
      });
      this.addDatedEvidence(origin, record.id, record.evidence, { eventId: record.id, operationId: null });
    }
  }

  /**
   * Checks value, valueHigh, scale and qualifier against the words the VALUE mark points at.
   * Words with no number ("millions", "most", "enough to kill every American") must be VAGUE,
   * with no value and a note giving the reading: Fentrace never records a number no source states.
   */
  private checkStatedValue(origin: RecordOrigin, figure: schema.Figure): void {
    const stated = parseStatedNumber(figure.stated);
    const words = `'${figure.stated}'`;
    if (stated?.value === undefined) {
      // The schema already requires a VAGUE figure to have no value and a note.
      if (figure.qualifier !== "VAGUE") {
        this.problems.add(
          origin,
          "qualifier",
          `should be VAGUE: the stated words ${words} give no number, so none may be recorded (drop value, say the reading in note), or make the words an exclusion`,
        );
      }
      if (stated?.scale !== undefined && (figure.scale ?? null) !== stated.scale) {
        this.problems.add(
          origin,
          "scale",
          `should be ${stated.scale}: the stated words ${words} carry that scale word`,
        );
      }
      return;
    }
    if (figure.qualifier === "VAGUE") {
      this.problems.add(
        origin,
        "qualifier",
        `VAGUE is for words without a number, but the stated words ${words} say ${stated.value}`,
      );
      return;
    }
    if (stated.value !== figure.value) {
      this.problems.add(
        origin,
        "value",
        `${figure.value} does not match the stated words ${words}, which say ${stated.value}`,
      );
    }
    if ((stated.scale ?? null) !== (figure.scale ?? null)) {
      this.problems.add(
        origin,
        "scale",
        stated.scale
          ? `should be ${stated.scale}: the stated words ${words} carry that scale word`
          : `should be empty: the stated words ${words} have no scale word`,
      );
    }
    if (stated.valueHigh !== undefined && figure.qualifier !== "RANGE") {
      this.problems.add(
        origin,
        "qualifier",
        `should be RANGE: the stated words ${words} give a range (${stated.value} to ${stated.valueHigh})`,
      );
    } else if (
      stated.valueHigh !== undefined &&
      figure.valueHigh !== undefined &&
      stated.valueHigh !== figure.valueHigh
    ) {
      this.problems.add(
        origin,
        "valueHigh",
        `${figure.valueHigh} does not match the stated words ${words}, which say ${stated.valueHigh}`,
      );
    } else if (stated.valueHigh === undefined && figure.qualifier === "RANGE") {
      this.problems.add(
        origin,
        "stated",
        `qualifier is RANGE but ${words} gives no range; mark the words that state both ends`,
      );
    }
    if (stated.unit === "out_of_ten" && figure.unit !== "out_of_ten") {
      this.problems.add(origin, "unit", `should be out_of_ten: the stated words ${words} count out of ten`);
    }
  }

  private resolveFigures(): void {
    const [rejectedMetrics, rejectedUnits] = [this.rejectedKeys("metrics"), this.rejectedKeys("units")];
    for (const { record: figure, ...origin } of this.records.figures) {
      const metric = this.metrics.get(figure.metric);
      const unit = this.units.get(figure.unit);
      if (!metric && !rejectedMetrics.has(figure.metric)) {
        this.problems.add(
          origin,
          "metric",
          `unknown metric '${figure.metric}'${didYouMean(figure.metric, this.metrics.keys())}`,
        );
      }
      if (!unit && !rejectedUnits.has(figure.unit)) {
        this.problems.add(origin, "unit", `unknown unit '${figure.unit}'${didYouMean(figure.unit, this.units.keys())}`);
      }
      if (metric && unit && unit.canonicalUnit !== metric.canonicalUnit) {
        this.problems.add(
          origin,
          "unit",
          `unit '${unit.key}' converts to ${unit.canonicalUnit}, but metric '${metric.key}' is measured in ${metric.canonicalUnit}`,
        );
      }
      this.checkStatedValue(origin, figure);
      this.ids.resolve(origin, "place", figure.place, ["place"]);
      this.ids.resolve(origin, "claim", figure.claim, ["claim"]);
      const statedBy = this.ids.resolve(origin, "statedBy", figure.statedBy, ["person", "organisation"]);
      this.addSubjects(origin, figure);

      const marks: MarkInput[] = [
        { role: "VALUE", text: figure.stated, field: "stated" },
        ...listedMarks("PERIOD", "period.stated", figure.period?.stated),
      ];
      const evidenceId = this.addEvidence(origin, "evidence", `${figure.id}#evidence`, figure.evidence, marks);
      const period = resolvePeriod(figure.period);
      const factor = unit?.factor ?? Number.NaN;
      this.rows.figures.push({
        id: figure.id,
        documentId: figure.evidence.document,
        metricKey: figure.metric,
        label: figure.label,
        value: figure.value ?? null,
        valueHigh: figure.valueHigh ?? null,
        scale: figure.scale ?? null,
        qualifier: figure.qualifier,
        unitText: figure.unitText,
        displayUnit: figure.displayUnit ?? null,
        unitKey: figure.unit,
        normalizedValue: figure.value === undefined ? null : normalize(figure.value, figure.scale, factor),
        normalizedValueHigh: figure.valueHigh === undefined ? null : normalize(figure.valueHigh, figure.scale, factor),
        normalizedUnit: metric?.canonicalUnit ?? "",
        periodStart: period.start,
        periodEnd: period.end,
        periodPrecision: period.precision,
        periodInferred: period.inferred,
        periodBasis: period.basis,
        placeId: figure.place ?? null,
        statedByPersonId: statedBy === "person" ? (figure.statedBy ?? null) : null,
        statedByOrganisationId: statedBy === "organisation" ? (figure.statedBy ?? null) : null,
        note: figure.note ?? null,
        evidenceId,
        // Reading order without a join: the evidence's start, copied (checked in addEvidence).
        position: figure.evidence.start ?? 0,
        claimId: figure.claim ?? null,
        // Provisional: settleTotals decides once every claim and relation is known.
        countsTowardTotals: true,
        totalsNote: null,
      });
    }
  }

  private addSubjects(origin: RecordOrigin, figure: schema.Figure): void {
    for (const [name, { role, kinds }] of Object.entries(SUBJECT_ROLES) as [
      keyof schema.Subjects,
      (typeof SUBJECT_ROLES)[keyof schema.Subjects],
    ][]) {
      figure.subjects?.[name]?.forEach((entityId, index) => {
        const kind = this.ids.resolve(origin, `subjects.${name}[${index}]`, entityId, kinds);
        const column = (expected: EntityKind) => (kind === expected ? entityId : null);
        this.rows.figureSubjects.push({
          id: this.rows.figureSubjects.length + 1,
          figureId: figure.id,
          role,
          organisationId: column("organisation"),
          operationId: column("operation"),
          legalCaseId: column("case"),
          substanceId: column("substance"),
          personId: column("person"),
        });
      });
    }
  }

  /**
   * A claim groups figures that report the same measure, so it needs at least two. Counting is
   * pointless while some figures are rejected for their shape: they may be the missing ones.
   */
  private checkClaims(): void {
    if (this.records.rejected.some((r) => r.collection === "figures")) return;
    for (const { record, ...origin } of this.records.claims) {
      const figures = this.rows.figures.filter((figure) => figure.claimId === record.id).map((figure) => figure.id);
      if (figures.length < 2) {
        const grouped = figures.length === 0 ? "no figures" : `only 1 figure (${figures.join("")})`;
        this.problems.add(
          origin,
          "",
          `groups ${grouped}; a claim needs at least two (set claim: ${record.id} on the figures it groups)`,
        );
      }
      const primaryKind = this.ids.resolve(origin, "primary", record.primary, ["figure"]);
      if (primaryKind && record.primary !== undefined && !figures.includes(record.primary)) {
        this.problems.add(
          origin,
          "primary",
          `'${record.primary}' is not one of the claim's figures (${figures.join(", ") || "none"}); name the one that may count toward totals`,
        );
      }
    }
  }

  /**
   * Relations classify pairs of figures of one metric whose scopes overlap (overlaps.ts), read
   * "figure KIND other". A pair is classified once: by a claim that groups both figures, or by
   * one relation in one direction.
   */
  private resolveRelations(): void {
    const figures = new Map(this.rows.figures.map((figure) => [figure.id, figure]));
    const seen = new Map<string, string>();
    for (const { record, ...origin } of this.records.relations) {
      this.ids.resolve(origin, "figure", record.figure, ["figure"]);
      this.ids.resolve(origin, "other", record.other, ["figure"]);
      const [figure, other] = [figures.get(record.figure), figures.get(record.other)];
      // An unknown id is reported above; a figure rejected for its shape has been reported already.
      if (!figure || !other) continue;
      const reading = `${figure.id} ${record.kind} ${other.id}`;
      if (figure.id === other.id) {
        this.problems.add(origin, "other", `is the figure itself (${reading}); a relation joins two different figures`);
        continue;
      }
      if (figure.metricKey !== other.metricKey) {
        this.problems.add(
          origin,
          "other",
          `'${other.id}' measures ${other.metricKey} but '${figure.id}' measures ${figure.metricKey}; relations join figures of one metric`,
        );
        continue;
      }
      const key = pairKey(figure.id, other.id);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        this.problems.add(
          origin,
          "",
          `${reading} relates a pair already related by ${earlier}; a pair has one relation, in one direction`,
        );
        continue;
      }
      seen.set(key, `${origin.recordId} (${reading})`);
      if (figure.claimId !== null && figure.claimId === other.claimId) {
        this.problems.add(
          origin,
          "",
          `${reading}: both figures are in claim ${figure.claimId}, which already classifies the pair; drop the relation or take one figure out of the claim`,
        );
        continue;
      }
      this.rows.figureRelations.push({
        id: `rel-${figure.id}-${other.id}`,
        kind: record.kind,
        figureId: figure.id,
        otherId: other.id,
        explanation: record.explanation,
      });
    }
  }

  /**
   * Decides which figures count toward totals, so that adding every counting figure of a metric
   * never counts the same thing twice, and says in totalsNote why each other figure does not: it
   * states no number (VAGUE), its metric is not additive, it restates or contradicts the primary
   * figure of its claim, it is part of another figure, it is one of several non-exclusive tallies,
   * or it agrees with (or contradicts) another figure that counts in its place.
   */
  private settleTotals(): void {
    const claims = new Map(this.records.claims.map(({ record }) => [record.id, record]));
    // Reasons a figure has on its own, and the figures that stand in for it (a claim's primary,
    // the `other` of an AGREES or CONTRADICTS relation), whose note depends on whether they count.
    const own = new Map<string, string[]>();
    const standIns = new Map<string, { id: string; reason: (standInCounts: boolean) => string }[]>();
    const add = (figureId: string, reason: string) => own.set(figureId, [...(own.get(figureId) ?? []), reason]);
    const standIn = (figureId: string, id: string, reason: (standInCounts: boolean) => string) =>
      standIns.set(figureId, [...(standIns.get(figureId) ?? []), { id, reason }]);
    const insteadOf = (id: string, counts: boolean, counted: string, group: string) =>
      counts ? counted : `${id} stands for ${group}, and does not count either (see its note).`;
    const tallies = new Map<string, string[]>();
    const tally = (figureId: string, otherId: string) =>
      tallies.set(figureId, [...(tallies.get(figureId) ?? []), otherId]);
    for (const figure of this.rows.figures) {
      if (figure.qualifier === "VAGUE")
        add(figure.id, "VAGUE: the words state no number (see the note), so there is nothing to add.");
      const metric = this.metrics.get(figure.metricKey);
      if (metric && !metric.additive) {
        add(
          figure.id,
          `Its metric (${metric.name}) is not additive: its figures are shares, rates, single measurements or counts that overlap, and are never summed.`,
        );
      }
      const claim = figure.claimId === null ? undefined : claims.get(figure.claimId);
      const primary = claim?.primary;
      if (claim && primary !== undefined && primary !== figure.id) {
        standIn(figure.id, primary, (counts) =>
          claim.status === "CONTRADICTS"
            ? `Contradicts ${primary} (claim ${claim.id}: the same measure with an incompatible value); ${insteadOf(primary, counts, `only ${primary} counts, so the measure is not added twice.`, "the claim")}`
            : `Restates ${primary} (claim ${claim.id}: the same measure stated again); ${insteadOf(primary, counts, `only ${primary} counts.`, "the claim")}`,
        );
      }
    }
    for (const relation of this.rows.figureRelations) {
      const { figureId, otherId, explanation } = relation;
      switch (relation.kind) {
        case "PART_OF":
          add(figureId, `Part of ${otherId}: ${explanation}`);
          break;
        case "AGREES":
        case "CONTRADICTS": {
          const verb = relation.kind === "AGREES" ? "Agrees with" : "Contradicts";
          standIn(
            figureId,
            otherId,
            (counts) =>
              `${verb} ${otherId}: ${explanation} ${insteadOf(otherId, counts, `${otherId} counts in its place.`, "the pair")}`,
          );
          break;
        }
        case "NON_EXCLUSIVE":
          tally(figureId, otherId);
          tally(otherId, figureId);
          break;
        case "SCOPE_DIFFERS":
        case "DISTINCT":
          break;
      }
    }
    for (const [figureId, others] of tallies) {
      add(
        figureId,
        `A non-exclusive tally: it and ${others.sort().join(", ")} can count the same items, so none of them is added into a total.`,
      );
    }
    // A figure with a stand-in never counts, so whether each figure counts is known before the notes are written.
    const counts = (id: string) => !own.has(id) && !standIns.has(id);
    for (const figure of this.rows.figures) {
      const why = [
        ...(own.get(figure.id) ?? []),
        ...(standIns.get(figure.id) ?? []).map(({ id, reason }) => reason(counts(id))),
      ];
      figure.countsTowardTotals = why.length === 0;
      figure.totalsNote = why.length === 0 ? null : why.join(" ");
    }
  }

  private resolveQuotes(): void {
    for (const { record, ...origin } of this.records.quotes) {
      this.ids.resolve(origin, "speaker", record.speaker, ["person"]);
      this.ids.resolve(origin, "event", record.event, ["event"]);
      this.rows.quotes.push({
        id: record.id,
        documentId: record.evidence.document,
        speakerId: record.speaker ?? null,
        speakerLabel: record.speakerLabel ?? null,
        direct: record.direct,
        eventId: record.event ?? null,
        evidenceId: this.addEvidence(origin, "evidence", `${record.id}#evidence`, record.evidence, []),
      });
    }
  }

  private resolveExclusions(): void {
    for (const { record, ...origin } of this.records.exclusions) {
      this.rows.exclusions.push({
        id: record.id,
        documentId: record.evidence.document,
        reason: record.reason,
        evidenceId: this.addEvidence(origin, "evidence", `${record.id}#evidence`, record.evidence, []),
      });
    }
  }
}

/** Checks the seed in `seedDir` and resolves what it can; never throws on bad data. */
export function analyseSeed(seedDir: string = seedDataDir): SeedAnalysis {
  const problems = new ProblemList();
  const records = readSeedRecords(seedDir, problems);
  const resolver = new Resolver(records, problems);
  resolver.resolve();
  return {
    version: seedVersion(seedDir),
    meta: records.dataset?.record,
    rows: resolver.rows,
    origins: resolver.origins,
    problems: withoutTodoConsequences(problems.items),
  };
}

/**
 * A placeholder is reported once, as an unresolved TODO; the problems it causes in its own field
 * (a TODO where a number, a date or a known id belongs) would only repeat it, so they are dropped.
 */
function withoutTodoConsequences(problems: readonly SeedProblem[]): SeedProblem[] {
  const todos = problems.filter((problem) => problem.reason.startsWith(UNRESOLVED_TODO));
  const causedByTodo = (problem: SeedProblem) =>
    !problem.reason.startsWith(UNRESOLVED_TODO) &&
    todos.some(
      (todo) =>
        todo.file === problem.file &&
        todo.recordId === problem.recordId &&
        (problem.field === todo.field ||
          problem.field.startsWith(`${todo.field}.`) ||
          problem.field.startsWith(`${todo.field}[`)),
    );
  return problems.filter((problem) => !causedByTodo(problem));
}

/** Loads the seed in `seedDir`, or throws a SeedValidationError listing every problem. */
export function loadSeed(seedDir: string = seedDataDir): SeedDataset {
  const { meta, problems, ...dataset } = analyseSeed(seedDir);
  if (problems.length > 0 || meta === undefined) throw new SeedValidationError(problems);
  return { ...dataset, meta };
}

/** The entity tables a mention may point at: its kind and the column holding the id. */
const MENTIONED = [
  { rows: "people", kind: "PERSON", column: "personId" },
  { rows: "organisations", kind: "ORGANISATION", column: "organisationId" },
  { rows: "places", kind: "PLACE", column: "placeId" },
  { rows: "substances", kind: "SUBSTANCE", column: "substanceId" },
  { rows: "operations", kind: "OPERATION", column: "operationId" },
  { rows: "events", kind: "EVENT", column: "eventId" },
  { rows: "legalCases", kind: "LEGAL_CASE", column: "legalCaseId" },
] as const satisfies readonly { rows: keyof SeedRows; kind: MentionRow["entityKind"]; column: keyof MentionRow }[];

type MentionColumn = (typeof MENTIONED)[number]["column"];

/** One name or alias of an entity, as the mention search looks for it. */
interface Term {
  text: string;
  entityId: string;
  kind: MentionRow["entityKind"];
  column: MentionColumn;
  /** `name`, or `aliases[i]`, for messages. */
  field: string;
}

const NO_ENTITY: Record<MentionColumn, null> = {
  personId: null,
  organisationId: null,
  placeId: null,
  substanceId: null,
  operationId: null,
  eventId: null,
  legalCaseId: null,
};

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Offsets where `term` occurs in `text` as whole words (case-sensitive). */
function wordOccurrences(text: string, term: string): number[] {
  return occurrencesOf(text, term).filter(
    (at) => !WORD_CHARACTER.test(text[at - 1] ?? "") && !WORD_CHARACTER.test(text[at + term.length] ?? ""),
  );
}

/**
 * Records a Mention row for every occurrence, in every document whose text is given, of an
 * entity's name or one of its aliases: whole words, case-sensitive, the longest match first and
 * never overlapping (so "Facebook Messenger" is one mention, not also "Facebook"). Returns the
 * problems that keep aliases honest: a name or alias shared by two entities (a mention names one),
 * and an alias that names no mention in any document.
 */
export function resolveMentions(
  dataset: Pick<SeedDataset, "rows" | "origins">,
  texts: ReadonlyMap<string, string>,
): SeedProblem[] {
  const problems = new ProblemList();
  const originOf = (id: string): RecordOrigin => {
    const origin = dataset.origins.get(id);
    return { file: origin?.file ?? "?", recordId: origin?.recordId ?? id };
  };
  const terms: Term[] = [];
  const owners = new Map<string, Term>();
  for (const { rows, kind, column } of MENTIONED) {
    for (const entity of dataset.rows[rows] as { id: string; name: string; aliases: string | null }[]) {
      const aliases = entity.aliases === null ? [] : entity.aliases.split(", ");
      const own = [
        { text: entity.name, field: "name" },
        ...aliases.map((text, index) => ({ text, field: `aliases[${index}]` })),
      ];
      for (const { text, field } of own) {
        const term: Term = { text, entityId: entity.id, kind, column, field };
        const owner = owners.get(text);
        if (owner === undefined) {
          owners.set(text, term);
          terms.push(term);
        } else if (owner.entityId === entity.id) {
          problems.add(originOf(entity.id), field, `'${text}' is listed twice for this entity`);
        } else {
          problems.add(
            originOf(entity.id),
            field,
            `'${text}' is also the ${owner.field === "name" ? "name" : "alias"} of '${owner.entityId}'; a mention names one entity, so keep it on one of them`,
          );
        }
      }
    }
  }
  // Longest first, so that a name inside a longer name is not also a mention of its own.
  terms.sort((a, b) => b.text.length - a.text.length);
  const occurs = new Set<Term>();
  const names = new Set<Term>();
  const mentions: MentionRow[] = [];
  for (const document of dataset.rows.documents) {
    const text = texts.get(document.id);
    if (text === undefined) continue;
    const taken: [number, number][] = [];
    const found: MentionRow[] = [];
    for (const term of terms) {
      for (const start of wordOccurrences(text, term.text)) {
        occurs.add(term);
        const end = start + term.text.length;
        if (taken.some(([from, to]) => start < to && from < end)) continue;
        taken.push([start, end]);
        names.add(term);
        found.push({
          id: `mention-${document.id}-${start}`,
          documentId: document.id,
          start,
          end,
          text: term.text,
          entityKind: term.kind,
          ...NO_ENTITY,
          [term.column]: term.entityId,
        });
      }
    }
    mentions.push(...found.sort((a, b) => a.start - b.start));
  }
  for (const term of terms) {
    if (term.field === "name" || names.has(term)) continue;
    problems.add(
      originOf(term.entityId),
      term.field,
      occurs.has(term)
        ? `alias '${term.text}' occurs only inside longer names, so it names no mention; drop it`
        : `alias '${term.text}' occurs in no document; an alias is words the documents use`,
    );
  }
  dataset.rows.mentions = mentions;
  return problems.items;
}
