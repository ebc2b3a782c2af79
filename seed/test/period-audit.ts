/**
 * Checks that relative periods in the seed are read from the words and resolved from the right
 * anchor (see seed/README.md, "Periods"). Used by curated-data.test.ts on the curated seed and by
 * periods.test.ts on made-up records that break each rule.
 *
 * - A relative phrase ("this year", "over the last year", "recently" …) in a figure's evidence is
 *   either marked as its period (`period.stated`) or quoted in its period's basis or its note,
 *   which then says how it was read (or why no period is recorded).
 * - Every inferred period (figures, events, operations) quotes the words it was worked out from.
 * - A figure period resolved from a relative phrase names its anchor (an event id, for reported
 *   speech dated to that event, or "the document's date") and matches what the phrase means from
 *   that anchor: "this year" within the anchor's year, "last year" the year before, "over the last
 *   year" the twelve months before the anchor (not a calendar year) at the anchor's precision.
 */
import { firstDay, lastDay } from "../periods.js";
import type { Document, Event, Figure, Operation } from "../schema.js";

/** Relative phrases looked for in evidence, longest first so that the most specific one is read. */
export const RELATIVE_PHRASES = [
  "over the last year",
  "over the past year",
  "earlier this year",
  "this year",
  "last year",
  "this month",
  "last month",
  "recently",
  "recent",
  "today",
] as const;

/** The phrases whose meaning depends on an anchor date and that this audit resolves. */
const RESOLVED = new Set<string>([
  "over the last year",
  "over the past year",
  "earlier this year",
  "this year",
  "last year",
  "this month",
  "last month",
  "today",
]);

export interface PeriodAuditInput {
  documents: readonly Pick<Document, "id" | "published">[];
  events: readonly Pick<Event, "id" | "date">[];
  operations: readonly Pick<Operation, "id" | "dates">[];
  figures: readonly Pick<Figure, "id" | "period" | "note" | "evidence">[];
}

const phrasePattern = (phrase: string) => new RegExp(`\\b${phrase.replace(/ /g, "\\s+")}\\b`, "i");

/** The words a text quotes: '…' (not an apostrophe), "…", ‘…’ and “…”. */
export function quotedWords(text: string | undefined): string[] {
  if (!text) return [];
  const patterns = [/(?<![\p{L}\p{N}])'([^']+?)'(?![\p{L}\p{N}])/gu, /"([^"]+)"/g, /‘([^’]+)’/g, /“([^”]+)”/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ""));
}

/** "2021-12" twelve months back is "2020-12". */
function monthsBefore(month: string, count: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) - count;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const pad = (year: number) => String(year).padStart(4, "0");

type Anchor = { label: string; start: string; end: string };

/** Whether `period` is what `phrase` means from `anchor`; a reason when it is not. */
function resolutionProblem(phrase: string, period: { start: string; end: string }, anchor: Anchor): string | null {
  const year = yearOf(anchor.end);
  const within = (from: string, to: string) =>
    firstDay(period.start) >= firstDay(from) && lastDay(period.end) <= lastDay(to);
  const expect = (ok: boolean, meaning: string) =>
    ok ? null : `'${phrase}' from ${anchor.label} means ${meaning}, not ${period.start} to ${period.end}`;
  switch (phrase) {
    case "this year":
    case "earlier this year":
      return expect(
        firstDay(period.start) === firstDay(pad(year)) && within(pad(year), pad(year)),
        `${year} (from its start)`,
      );
    case "last year":
      return expect(period.start === pad(year - 1) && period.end === pad(year - 1), `${year - 1}`);
    case "this month":
    case "last month": {
      if (anchor.end.length < 7) return `'${phrase}' needs an anchor known to the month; ${anchor.label} is not`;
      const month = phrase === "this month" ? anchor.end.slice(0, 7) : monthsBefore(anchor.end.slice(0, 7), 1);
      return expect(within(month, month), month);
    }
    case "over the last year":
    case "over the past year": {
      // The twelve months before the anchor, at the precision the anchor allows.
      if (anchor.end.length === 4) {
        return expect(
          period.start === pad(year - 1) && period.end === pad(year),
          `the twelve months before a day in ${year}: ${year - 1} to ${year} at year precision`,
        );
      }
      const month = anchor.end.slice(0, 7);
      const start = monthsBefore(month, 12);
      return expect(
        period.start.slice(0, 7) === start && period.end.slice(0, 7) === month && period.start.length === 7,
        `the twelve months before a day in ${month}: ${start} to ${month} at month precision`,
      );
    }
    case "today":
      return expect(within(anchor.start, anchor.end), `${anchor.start} to ${anchor.end} (the anchor itself)`);
    default:
      return null;
  }
}

/**
 * Every problem with the periods of `input`, one line each. `texts` (document text by id), when
 * given, also checks that the words a basis quotes occur in the documents.
 */
export function auditPeriods(input: PeriodAuditInput, texts?: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const documents = new Map(input.documents.map((document) => [document.id, document]));
  const events = new Map(input.events.map((event) => [event.id, event]));
  const allTexts = texts ? [...texts.values()] : [];

  const checkQuotes = (owner: string, basis: string | undefined, inDocument?: string) => {
    const quoted = quotedWords(basis);
    if (quoted.length === 0) {
      problems.push(`${owner}: the basis of an inferred period quotes no words ('…') that it was worked out from`);
      return;
    }
    if (!texts) return;
    const haystacks = inDocument !== undefined ? [texts.get(inDocument) ?? ""] : allTexts;
    if (!quoted.some((words) => haystacks.some((text) => text.includes(words)))) {
      problems.push(
        `${owner}: none of the words its basis quotes (${quoted.map((w) => `'${w}'`).join(", ")}) occur in the document`,
      );
    }
  };

  for (const event of input.events) {
    if (event.date?.inferred) checkQuotes(event.id, event.date.basis);
  }
  for (const operation of input.operations) {
    if (operation.dates?.inferred) checkQuotes(operation.id, operation.dates.basis);
  }

  for (const figure of input.figures) {
    const { period } = figure;
    const stated = period?.stated ?? [];
    const explained = [...quotedWords(period?.basis), ...quotedWords(figure.note)].map((words) => words.toLowerCase());
    const evidence = figure.evidence.text;

    // Relative words in the evidence are marked as the period, or explained.
    for (const phrase of RELATIVE_PHRASES) {
      if (!phrasePattern(phrase).test(evidence)) continue;
      const marked = stated.some((words) => phrasePattern(phrase).test(words));
      const quoted = explained.some((words) => phrasePattern(phrase).test(words));
      if (!marked && !quoted) {
        problems.push(
          `${figure.id}: '${phrase}' in its evidence is neither marked as its period (period.stated) nor quoted in its period's basis or its note`,
        );
      }
    }

    if (!period?.inferred) continue;
    checkQuotes(figure.id, period.basis, figure.evidence.document);

    // A period resolved from a relative phrase names its anchor and means what the phrase says from it.
    const read = [...stated, ...quotedWords(period.basis)];
    const phrase = RELATIVE_PHRASES.find(
      (candidate) => RESOLVED.has(candidate) && read.some((words) => phrasePattern(candidate).test(words)),
    );
    if (phrase === undefined) continue;
    const basis = period.basis ?? "";
    const eventIds = [...basis.matchAll(/\bevent-[a-z0-9]+(?:-[a-z0-9]+)*/g)].map((match) => match[0]);
    let anchor: Anchor | undefined;
    if (eventIds.length > 0) {
      const event = events.get(eventIds[0] ?? "");
      if (!event?.date) {
        problems.push(`${figure.id}: its basis anchors '${phrase}' to ${eventIds[0]}, which is not a dated event`);
        continue;
      }
      anchor = { label: `${event.id} (${event.date.start} to ${event.date.end})`, ...event.date };
    } else if (/\bthe document's date\b/.test(basis)) {
      const document = documents.get(figure.evidence.document);
      if (!document) continue; // an unknown document is the loader's problem
      anchor = { label: `the document's date (${document.published.end})`, ...document.published };
    } else {
      problems.push(
        `${figure.id}: its basis resolves '${phrase}' but names no anchor (an event id for reported speech, or "the document's date")`,
      );
      continue;
    }
    const problem = resolutionProblem(phrase, period, anchor);
    if (problem) problems.push(`${figure.id}: ${problem}`);
  }
  return problems;
}
