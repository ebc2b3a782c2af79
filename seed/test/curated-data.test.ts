/**
 * Checks of the curated data in seed/data (or FENTRACE_TEST_SEED_DIR). The source documents live
 * outside the repository; where they are missing, the checks that need them fail saying where they
 * were looked for, or skip when the run sets FENTRACE_ALLOW_MISSING_SOURCES=1 (see sources.ts).
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "../database.js";
import { analyseSeed } from "../load.js";
import { formatProblem, ProblemList } from "../problems.js";
import { readSeedRecords } from "../read-data.js";
import { checkCoverage, formatCoverageTable, verifyDocuments, verifyEvidence } from "../verify.js";
import { auditPeriods, type PeriodAuditInput } from "./period-audit.js";
import { requireSourceTexts } from "./sources.js";
import { curatedDatabase, curatedSeedDir } from "./support.js";

describe("the curated seed data", () => {
  const analysis = analyseSeed(curatedSeedDir);

  it("is valid", () => {
    expect(analysis.problems.map(formatProblem)).toEqual([]);
  });

  it("matches the source documents and covers every numeric mention", (context) => {
    const texts = requireSourceTexts(analysis.rows.documents, context);
    if (analysis.problems.length > 0) {
      throw new Error(`the curated seed has ${analysis.problems.length} problems; fix those first (see "is valid")`);
    }
    const mismatches = [...verifyDocuments(analysis, texts), ...verifyEvidence(analysis, texts)];
    expect(mismatches.map(formatProblem)).toEqual([]);
    const coverage = checkCoverage(analysis, texts);
    console.log(`numeric-mention coverage per source document:\n${formatCoverageTable(coverage)}`);
    const uncovered = coverage.flatMap((row) =>
      row.uncovered.map((mention) => `${row.document} @${mention.start}: ${mention.text}`),
    );
    expect(uncovered).toEqual([]);
  });

  it("keeps the conflicting fentanyl-powder figures for 2021 in one CONTRADICTS claim", async (context) => {
    const database = curatedDatabase();
    if ("reason" in database) {
      const reason = `the curated database was not built: ${database.reason.split("\n")[0]}`;
      console.log(`skipped: ${reason}`);
      return context.skip(reason);
    }
    const client = openDatabase(database.path, { readonly: true });
    try {
      const claim = await client.claim.findUnique({
        where: { id: "claim-fentanyl-powder-seized-2021" },
        include: { figures: true },
      });
      expect(claim?.status).toBe("CONTRADICTS");
      expect(claim?.figures.map((figure) => [figure.value, figure.unitKey]).sort()).toEqual([
        [12000, "pound"],
        [15000, "pound"],
      ]);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("the curated seed's periods and places", () => {
  const records = readSeedRecords(curatedSeedDir, new ProblemList());
  const plain = <T>(located: readonly { record: T }[]) => located.map(({ record }) => record);
  const input: PeriodAuditInput = {
    documents: plain(records.documents),
    events: plain(records.events),
    operations: plain(records.operations),
    figures: plain(records.figures),
  };
  const figure = (id: string) => plain(records.figures).find((candidate) => candidate.id === id);

  it("reads every relative period from its words and resolves it from its anchor", () => {
    expect(input.figures.length).toBeGreaterThan(0);
    expect(auditPeriods(input)).toEqual([]);
  });

  it("quotes, in each inferred period's basis, words that occur in the documents", (context) => {
    const texts = requireSourceTexts(plain(records.documents), context);
    expect(auditPeriods(input, texts)).toEqual([]);
  });

  it("resolves Milgram's 'this year' from the press conference and 'over the last year' as twelve months", () => {
    expect(figure("fig-lp-fentanyl-powder-2021")?.period?.basis).toContain("event-dea-press-conference-2021-12-16");
    expect(figure("fig-lp-overdose-deaths-12-months")?.period).toMatchObject({ start: "2020-12", end: "2021-12" });
  });

  it("gives the 15-year-old's age no place and no period, and says why", () => {
    const age = figure("fig-ntc-san-diego-victim-age");
    expect(age).toBeDefined();
    expect(age?.period).toBeUndefined();
    expect(age?.place).toBeUndefined();
    expect(age?.note).toMatch(/not where the teenager lived or died/);
  });

  it("places nothing in San Diego but the task force, which is the only thing the text puts there", () => {
    const placed = [
      ...plain(records.figures).map((record) => [record.id, record.place] as const),
      ...plain(records.events).map((record) => [record.id, record.place] as const),
      ...plain(records.cases).map((record) => [record.id, record.place] as const),
      ...plain(records.organisations).map((record) => [record.id, record.place] as const),
    ];
    expect(placed.filter(([, place]) => place === "place-us-ca-san-diego").map(([id]) => id)).toEqual([
      "org-sd-rx-task-force",
    ]);
  });

  it("assigns no place where the text states none", () => {
    const unplaced = [
      "fig-ntc-san-diego-victim-age",
      "fig-ntc-deal-price-message",
      "fig-ntc-deal-quantity-message",
      "fig-ntc-deal-quantity-agents",
      "fig-ntc-deal-price-agents",
      "event-amlo-report-announcement-2021-12",
      "event-navarrete-transaction-2023-01",
      "case-gallegos",
    ];
    const placeable = [...plain(records.figures), ...plain(records.events), ...plain(records.cases)];
    for (const id of unplaced) {
      const record = placeable.find((candidate) => candidate.id === id);
      expect(record, id).toBeDefined();
      expect((record as { place?: string }).place, id).toBeUndefined();
    }
    // A figure whose note says it has no place has none.
    const contradicted = plain(records.figures).filter(
      (record) => /\bNo place\b/.test(record.note ?? "") && record.place,
    );
    expect(contradicted.map((record) => record.id)).toEqual([]);
  });
});
