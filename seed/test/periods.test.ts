import { describe, expect, it } from "vitest";
import { isPartialDate, resolvePeriod } from "../periods.js";
import { auditPeriods, type PeriodAuditInput, quotedWords } from "./period-audit.js";

describe("partial dates and periods", () => {
  it.each(["2021", "2021-12", "2021-12-31", "2024-02-29"])("accepts %s", (date) =>
    expect(isPartialDate(date)).toBe(true),
  );
  it.each([
    "21",
    "2021-13",
    "2021-00",
    "2023-02-29",
    "2021-12-32",
    "2021/12",
    "December 2021",
    "0000",
    "0000-01",
    "0000-01-01",
    "1900-02-29",
  ])("rejects %s", (date) => expect(isPartialDate(date)).toBe(false));

  it("expands a month to its first and last day", () => {
    expect(resolvePeriod({ start: "2021-12", end: "2021-12", inferred: false })).toEqual({
      start: "2021-12-01",
      end: "2021-12-31",
      precision: "MONTH",
      inferred: false,
      basis: null,
    });
  });

  it("takes the coarser precision of start and end", () => {
    expect(resolvePeriod({ start: "2021-09-29", end: "2022", inferred: true, basis: "b" })).toMatchObject({
      start: "2021-09-29",
      end: "2022-12-31",
      precision: "YEAR",
      inferred: true,
      basis: "b",
    });
  });

  it("knows leap years", () => {
    expect(resolvePeriod({ start: "2024-02", end: "2024-02", inferred: false }).end).toBe("2024-02-29");
    // Years below 100 too, which JavaScript's Date.UTC would read as 1900 and later.
    expect(resolvePeriod({ start: "0096-02", end: "0096-02", inferred: false }).end).toBe("0096-02-29");
  });

  it("leaves an absent period unknown", () => {
    expect(resolvePeriod(undefined)).toEqual({
      start: null,
      end: null,
      precision: "UNKNOWN",
      inferred: false,
      basis: null,
    });
  });
});

describe("the period audit", () => {
  // A made-up document of December 2021 with a press conference on 16 December 2021.
  const text =
    "At a press conference on Thursday the agency said it seized 500 pounds this year. " +
    "Officials said 900 deaths were reported over the last year. Two people were recently charged. " +
    "Last year it seized 40 pounds.";
  const texts = new Map([["doc", text]]);
  const documents = [{ id: "doc", published: { start: "2021-12", end: "2021-12", inferred: true, basis: "b" } }];
  const events = [
    {
      id: "event-press-2021-12-16",
      date: { start: "2021-12-16", end: "2021-12-16", inferred: true, basis: "'on Thursday' in the text." },
    },
  ];
  const evidence = (words: string) => ({ document: "doc", start: text.indexOf(words), text: words });
  const thisYear = {
    id: "fig-this-year",
    evidence: evidence("the agency said it seized 500 pounds this year"),
    period: {
      start: "2021",
      end: "2021",
      stated: ["this year"],
      inferred: true,
      basis: "'this year' in the remarks at the press conference (event-press-2021-12-16) → 2021.",
    },
  };
  const lastTwelveMonths = {
    id: "fig-twelve-months",
    evidence: evidence("900 deaths were reported over the last year"),
    period: {
      start: "2020-12",
      end: "2021-12",
      stated: ["over the last year"],
      inferred: true,
      basis: "'over the last year': the twelve months before the document's date (December 2021), at month precision.",
    },
  };
  const recently = {
    id: "fig-recently",
    evidence: evidence("Two people were recently charged"),
    note: "'recently charged' gives no date, so no period is recorded.",
  };
  const lastYear = {
    id: "fig-last-year",
    evidence: evidence("Last year it seized 40 pounds"),
    period: {
      start: "2020",
      end: "2020",
      stated: ["Last year"],
      inferred: true,
      basis: "'Last year' resolved from the document's date (December 2021) → 2020.",
    },
  };
  const figures = [thisYear, lastTwelveMonths, recently, lastYear];
  const audit = (changed: Record<string, unknown>[] = figures, more: Partial<PeriodAuditInput> = {}) =>
    auditPeriods(
      { documents, events, operations: [], figures: changed as unknown as PeriodAuditInput["figures"], ...more },
      texts,
    );
  const replace = (id: string, change: (figure: Record<string, unknown>) => Record<string, unknown>) =>
    figures.map((figure) => (figure.id === id ? change(structuredClone(figure)) : figure));
  const withPeriod = (id: string, period: Record<string, unknown>) =>
    replace(id, (figure) => ({ ...figure, period: { ...(figure.period as object), ...period } }));

  it("accepts periods read from their words and resolved from their anchors", () => {
    expect(audit()).toEqual([]);
  });

  it("rejects 'over the last year' written as a window that does not end at the anchor", () => {
    expect(audit(withPeriod("fig-twelve-months", { start: "2020-12", end: "2021-11" }))).toEqual([
      "fig-twelve-months: 'over the last year' from the document's date (2021-12) means the twelve months before a day in 2021-12: 2020-12 to 2021-12 at month precision, not 2020-12 to 2021-11",
    ]);
    expect(audit(withPeriod("fig-twelve-months", { start: "2021", end: "2021" }))).toHaveLength(1);
  });

  it("resolves 'this year' from the event its basis names, not the document", () => {
    const laterEvent = [
      { id: "event-press-2021-12-16", date: { start: "2022-01-05", end: "2022-01-05", inferred: false } },
    ];
    expect(audit(figures, { events: laterEvent })).toEqual([
      "fig-this-year: 'this year' from event-press-2021-12-16 (2022-01-05 to 2022-01-05) means 2022 (from its start), not 2021 to 2021",
    ]);
    expect(audit(withPeriod("fig-this-year", { basis: "'this year' at event-no-such-event." }))).toEqual([
      "fig-this-year: its basis anchors 'this year' to event-no-such-event, which is not a dated event",
    ]);
  });

  it("requires a resolved phrase's basis to name its anchor", () => {
    expect(audit(withPeriod("fig-this-year", { basis: "'this year' → 2021." }))).toEqual([
      "fig-this-year: its basis resolves 'this year' but names no anchor (an event id for reported speech, or \"the document's date\")",
    ]);
  });

  it("resolves 'last year' to the year before the anchor", () => {
    expect(audit(withPeriod("fig-last-year", { start: "2021", end: "2021" }))).toEqual([
      "fig-last-year: 'last year' from the document's date (2021-12) means 2020, not 2021 to 2021",
    ]);
  });

  it("requires a relative phrase in the evidence to be marked or explained", () => {
    expect(audit(replace("fig-recently", (figure) => ({ ...figure, note: undefined })))).toEqual([
      "fig-recently: 'recently' in its evidence is neither marked as its period (period.stated) nor quoted in its period's basis or its note",
    ]);
    const unmarked = replace("fig-this-year", (figure) => {
      const period = figure.period as Record<string, unknown>;
      return {
        ...figure,
        period: { ...period, stated: undefined, basis: "From the press conference (event-press-2021-12-16)." },
      };
    });
    expect(audit(unmarked)).toContain(
      "fig-this-year: 'this year' in its evidence is neither marked as its period (period.stated) nor quoted in its period's basis or its note",
    );
  });

  it("requires an inferred period's basis to quote words that occur in the document", () => {
    expect(audit(withPeriod("fig-last-year", { stated: undefined, basis: "From the document's date." }))).toContain(
      "fig-last-year: the basis of an inferred period quotes no words ('…') that it was worked out from",
    );
    expect(
      audit(figures, {
        operations: [
          { id: "op-x", dates: { start: "2021", end: "2021", inferred: true, basis: "'in 2019' in the text." } },
        ],
      }),
    ).toEqual(["op-x: none of the words its basis quotes ('in 2019') occur in the document"]);
    // An apostrophe is not a quotation mark.
    expect(quotedWords("the document's date and the surge's end")).toEqual([]);
  });
});
