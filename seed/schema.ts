/**
 * The shape of every file in seed/data, as zod schemas (see seed/README.md).
 *
 * These check each record on its own: field names and types, enums, partial dates, and rules
 * within one record (RANGE needs valueHigh, an inferred period needs a basis …). Rules that span
 * records (references, unique ids, marks inside evidence spans) are checked by load.ts.
 * Every object is strict, so a misspelt field is an error rather than silently ignored.
 */
import { z } from "zod";
import {
  ClaimStatus,
  EventKind,
  FigureRelationKind,
  OperationKind,
  OrganisationKind,
  PlaceKind,
  Qualifier,
  TitleSource,
} from "../packages/api/src/generated/prisma/enums.js";
import { SCALES } from "./normalize.js";
import { firstDay, isPartialDate, lastDay } from "./periods.js";
import { didYouMean } from "./suggest.js";

/** A strict object whose error for unknown fields names the field it probably meant. */
function record<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const input = (issue.input ?? {}) as Record<string, unknown>;
      const split = issue.keys.some((key) => splitAtComma(key, input[key]));
      if (issue.keys.length === 1)
        return `unknown field${split ? SPLIT_AT_COMMA : didYouMean(issue.keys[0] ?? "", known)}`;
      const listed = issue.keys.map((key) => `'${key}'${split ? "" : didYouMean(key, known)}`).join(", ");
      return `unknown fields ${listed}${split ? SPLIT_AT_COMMA : ""}`;
    },
  });
}

/**
 * In a flow mapping (`{ name: x, description: a, b }`) an unquoted comma ends the value, and the
 * rest of the text becomes a key with no value. Recognise that and say so.
 */
const splitAtComma = (key: string, value: unknown) => value === null && /\s/.test(key.trim());
const SPLIT_AT_COMMA = " (looks like text cut at an unquoted comma inside { … }: quote the value before it)";

const text = z.string().min(1, "must not be empty");
/** A reference to another record's id or key; load.ts checks that it resolves. */
const ref = z.string().min(1, "must not be empty");
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case letters and digits joined by single hyphens");
const key = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/,
    "keys are snake_case (lower-case letters and digits joined by underscores)",
  );

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; YAML reads an unquoted year as a number, so accept that too. */
const partialDate = z.preprocess(
  (value) => (typeof value === "number" ? String(value) : value),
  z.string().refine(isPartialDate, {
    error: (issue) =>
      // An unquoted 0000 reaches here as the number 0.
      /^0+(-|$)/.test(String(issue.input))
        ? `year 0000 is not a calendar year (1 BC is followed by AD 1); got ${JSON.stringify(issue.input)}`
        : `expected "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real date; got ${JSON.stringify(issue.input)}`,
  }),
);

/** The words that state a value; one string or a list, always read as a list. */
const marks = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z.array(text, { error: "expected a string or a list of strings" }).min(1, "must name at least one mark"),
);

const periodFields = {
  start: partialDate,
  end: partialDate,
  inferred: z.boolean().default(false),
  basis: text.optional(),
};

function checkPeriod(
  period: { start: string; end: string; inferred: boolean; basis?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (period.inferred && !period.basis) {
    ctx.addIssue({
      code: "custom",
      path: ["basis"],
      message: "required when inferred is true: say how the period was worked out",
    });
  }
  // Object checks run even when a field failed its own check, so only compare valid dates.
  const comparable = isPartialDate(period.start) && isPartialDate(period.end);
  if (comparable && lastDay(period.end) < firstDay(period.start)) {
    ctx.addIssue({ code: "custom", path: ["end"], message: `ends (${period.end}) before it starts (${period.start})` });
  }
}

/** A figure's period; `stated` marks the words in the figure's evidence that state it (PERIOD marks). */
export const FigurePeriod = record({ ...periodFields, stated: marks.optional() }).superRefine(checkPeriod);

/** An event's or operation's dates; the words that state them are marked in each evidence span (`dates`). */
export const Period = record(periodFields).superRefine(checkPeriod);

/** A document's publication date: never marked, and always explained (the column is required). */
const PublicationPeriod = record({ ...periodFields, basis: text }).superRefine(checkPeriod);

const evidenceFields = {
  document: ref,
  // Optional here so that a span still waiting for `pnpm seed:locate` does not hide the rest of
  // its record; load.ts reports the missing offset.
  start: z.number().int().min(0).optional(),
  text: text.max(240),
  occurrence: z.number().int().min(1).optional(),
};

/** A span of a source document: `text` equals the document's text from offset `start`. */
export const Evidence = record(evidenceFields);

/** A span that states an event's or operation's date; `dates` marks the date words inside it (DATE marks). */
export const DatedEvidence = record({ ...evidenceFields, dates: marks.optional() });

export const Dataset = record({
  title: text,
  shortTitle: text,
  license: text,
  licenseUrl: z.url(),
  publisher: text,
  /** The day the data was released (ISO 8601 date): with the version, what the dataset citation names. */
  releasedOn: z.iso.date({ error: "must be an ISO 8601 date (YYYY-MM-DD), the day the data was released" }),
  description: text,
});

export const Document = record({
  id,
  fileName: text,
  title: text,
  titleSource: z.enum(TitleSource),
  outlet: record({ name: text, organisation: ref.optional(), basis: text }),
  authors: z.array(ref),
  published: PublicationPeriod,
  summary: text,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hexadecimal digits"),
  length: z.number().int().min(0),
});

export const Metric = record({ key, name: text, description: text, canonicalUnit: text, additive: z.boolean() });

export const Unit = record({ key, name: text, canonicalUnit: text, factor: z.number().positive() });

/**
 * Other names the documents use for an entity (an abbreviation, a surname alone). The loader finds
 * every occurrence of the name and its aliases in the documents and records it as a mention.
 * Stored comma-separated, so an alias must not contain a comma itself.
 */
const aliases = z.array(text.refine((alias) => !alias.includes(","), "an alias must not contain a comma")).optional();

export const Organisation = record({
  id,
  name: text,
  aliases,
  kind: z.enum(OrganisationKind),
  description: text,
  place: ref.optional(),
  parent: ref.optional(),
});

export const Person = record({
  id,
  name: text,
  aliases,
  // False for a person the documents describe as an actor without naming them; `name` is then
  // Fentrace's description ("A juvenile dealer (not named)") and the aliases are the words used.
  named: z.boolean().optional(),
  role: text,
  organisation: ref.optional(),
});

export const Place = record({ id, name: text, aliases, kind: z.enum(PlaceKind), parent: ref.optional() });

export const Substance = record({ id, name: text, aliases, description: text, parent: ref.optional() });

export const Operation = record({
  id,
  name: text,
  aliases,
  kind: z.enum(OperationKind),
  description: text,
  lead: ref.optional(),
  dates: Period.optional(),
  evidence: z.array(DatedEvidence).optional(),
});

export const Event = record({
  id,
  name: text,
  aliases,
  kind: z.enum(EventKind),
  date: Period.optional(),
  place: ref.optional(),
  organisation: ref.optional(),
  person: ref.optional(),
  case: ref.optional(),
  evidence: z.array(DatedEvidence).optional(),
});

export const Defendant = record({
  id,
  person: ref.optional(),
  label: text,
  age: z.number().int().min(0).optional(),
  ageStated: text.optional(),
  charges: text.optional(),
  status: text,
  platform: ref.optional(),
  platformBasis: text.optional(),
  evidence: Evidence.optional(),
}).superRefine((defendant, ctx) => {
  if (defendant.ageStated !== undefined && !defendant.evidence) {
    ctx.addIssue({
      code: "custom",
      path: ["evidence"],
      message: "required when ageStated marks words in the document",
    });
  }
  if (defendant.ageStated !== undefined && defendant.age === undefined) {
    ctx.addIssue({ code: "custom", path: ["age"], message: "required when ageStated is given" });
  }
});

export const LegalCase = record({
  id,
  name: text,
  aliases,
  description: text,
  jurisdiction: text,
  place: ref.optional(),
  operation: ref.optional(),
  defendants: z.array(Defendant),
});

const oneLine = text.refine((value) => !/[\r\n]/.test(value), "must be a single line");

export const Claim = record({
  id,
  title: text,
  status: z.enum(ClaimStatus),
  explanation: oneLine,
  // The figure that stands for the group in totals; the others restate it (AGREES) or contradict
  // it (CONTRADICTS) and so never count toward a total (load.ts settles countsTowardTotals).
  primary: ref.optional(),
}).superRefine((claim, ctx) => {
  if (claim.status === "SCOPE_DIFFERS" && claim.primary !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["primary"],
      message: "only for AGREES and CONTRADICTS claims: figures of different scopes each count on their own",
    });
  }
  if (claim.status !== "SCOPE_DIFFERS" && claim.primary === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["primary"],
      message: `required when status is ${claim.status}: name the one figure of the group that may count toward totals`,
    });
  }
});

/**
 * How one figure relates to another of the same metric whose scope overlaps its own (overlaps.ts),
 * read "figure KIND other": `fig-a PART_OF fig-b` says fig-a's scope lies inside fig-b's.
 */
export const FigureRelation = record({
  figure: ref,
  other: ref,
  kind: z.enum(FigureRelationKind),
  explanation: oneLine,
});

/** The entities a figure is about, by role; the entity table is found by looking each id up. */
export const Subjects = record({
  platform: z.array(ref).optional(),
  actor: z.array(ref).optional(),
  target: z.array(ref).optional(),
  operation: z.array(ref).optional(),
  case: z.array(ref).optional(),
  substance: z.array(ref).optional(),
  person: z.array(ref).optional(),
});

export const Figure = record({
  id,
  metric: ref,
  label: text,
  // Absent exactly when the qualifier is VAGUE: the words state no number.
  value: z.number().optional(),
  valueHigh: z.number().optional(),
  scale: z.enum(SCALES).optional(),
  qualifier: z.enum(Qualifier),
  unit: ref,
  unitText: text,
  // The unit words for display ("fatal overdoses"), where unitText is a fragment of the sentence
  // that does not read after a number ("fatal" in "three of them fatal"); see display.ts.
  displayUnit: text.optional(),
  stated: text,
  period: FigurePeriod.optional(),
  place: ref.optional(),
  statedBy: ref.optional(),
  subjects: Subjects.optional(),
  claim: ref.optional(),
  note: text.optional(),
  evidence: Evidence,
}).superRefine((figure, ctx) => {
  if (figure.qualifier === "VAGUE") {
    if (figure.value !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: "must be absent when qualifier is VAGUE: the words state no number, so none is recorded",
      });
    }
    if (figure.note === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message:
          "required when qualifier is VAGUE: say how the words are read (e.g. 'millions: an order of magnitude')",
      });
    }
  } else if (figure.value === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["value"],
      message: `required when qualifier is ${figure.qualifier}; words that state no number are VAGUE`,
    });
  }
  if (figure.qualifier === "RANGE" && figure.valueHigh === undefined) {
    ctx.addIssue({ code: "custom", path: ["valueHigh"], message: "required when qualifier is RANGE" });
  }
  if (figure.qualifier !== "RANGE" && figure.valueHigh !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["valueHigh"],
      message: `only allowed when qualifier is RANGE (it is ${figure.qualifier})`,
    });
  }
  if (figure.valueHigh !== undefined && figure.value !== undefined && figure.valueHigh <= figure.value) {
    ctx.addIssue({ code: "custom", path: ["valueHigh"], message: `must be greater than value (${figure.value})` });
  }
});

export const Quote = record({
  id,
  speaker: ref.optional(),
  speakerLabel: text.optional(),
  direct: z.boolean(),
  event: ref.optional(),
  evidence: Evidence,
}).superRefine((quote, ctx) => {
  if (quote.speaker === undefined && quote.speakerLabel === undefined) {
    ctx.addIssue({ code: "custom", path: ["speaker"], message: "speaker or speakerLabel is required" });
  }
});

export const Exclusion = record({ id, reason: text, evidence: Evidence });

export type Dataset = z.output<typeof Dataset>;
export type Document = z.output<typeof Document>;
export type Metric = z.output<typeof Metric>;
export type Unit = z.output<typeof Unit>;
export type Organisation = z.output<typeof Organisation>;
export type Person = z.output<typeof Person>;
export type Place = z.output<typeof Place>;
export type Substance = z.output<typeof Substance>;
export type Operation = z.output<typeof Operation>;
export type Event = z.output<typeof Event>;
export type Defendant = z.output<typeof Defendant>;
export type LegalCase = z.output<typeof LegalCase>;
export type Claim = z.output<typeof Claim>;
export type FigureRelation = z.output<typeof FigureRelation>;
export type Figure = z.output<typeof Figure>;
export type Quote = z.output<typeof Quote>;
export type Exclusion = z.output<typeof Exclusion>;
export type Evidence = z.output<typeof Evidence>;
export type DatedEvidence = z.output<typeof DatedEvidence>;
export type Subjects = z.output<typeof Subjects>;

/** The data files: which schema each holds, and whether it is a list of records or one object. */
export const SEED_FILES = {
  dataset: { path: "dataset.yaml", schema: Dataset },
  documents: { path: "documents.yaml", schema: Document },
  metrics: { path: "metrics.yaml", schema: Metric },
  units: { path: "units.yaml", schema: Unit },
  organisations: { path: "organisations.yaml", schema: Organisation },
  people: { path: "people.yaml", schema: Person },
  places: { path: "places.yaml", schema: Place },
  substances: { path: "substances.yaml", schema: Substance },
  operations: { path: "operations.yaml", schema: Operation },
  events: { path: "events.yaml", schema: Event },
  cases: { path: "cases.yaml", schema: LegalCase },
  claims: { path: "claims.yaml", schema: Claim },
  relations: { path: "relations.yaml", schema: FigureRelation },
  quotes: { path: "quotes.yaml", schema: Quote },
  exclusions: { path: "exclusions.yaml", schema: Exclusion },
} as const;

/** Figures live in one file per document under this directory. */
export const FIGURES_DIR = "figures";
