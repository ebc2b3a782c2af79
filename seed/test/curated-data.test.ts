/**
 * Checks of the curated data in seed/data (or FENTRACE_TEST_SEED_DIR). The source documents live
 * outside the repository; where they are missing, the checks that need them fail saying where they
 * were looked for, or skip when the run sets FENTRACE_ALLOW_MISSING_SOURCES=1 (see sources.ts).
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "../database.js";
import { analyseSeed } from "../load.js";
import { formatProblem } from "../problems.js";
import { checkCoverage, formatCoverageTable, verifyDocuments, verifyEvidence } from "../verify.js";
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
