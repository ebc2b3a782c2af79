/**
 * `pnpm coverage:report [--seed-dir DIR] [document-id …]`
 *
 * Prints, per source document, how its numeric mentions are covered (by marks, by exclusions,
 * or not at all), then how its entity mentions are covered (by entities' names and aliases, by
 * exclusions, or not at all, with the recorded mentions by entity kind), and lists every
 * uncovered mention of either kind with its offset and context. Works on data
 * that is still being curated: problems in the data are listed first, and coverage is computed
 * from whatever could be resolved. Exits 1 while anything is uncovered or wrong.
 */
import { parseArgs } from "node:util";
import { runCommand } from "./cli.js";
import { readSourceTexts } from "./documents.js";
import { analyseSeed, MISSING_START, resolveMentions } from "./load.js";
import { seedDataDir } from "./paths.js";
import { formatProblem } from "./problems.js";
import { oneLine } from "./text.js";
import {
  checkCoverage,
  checkNameCoverage,
  formatCoverageTable,
  formatNameCoverageTable,
  verifyDocuments,
  verifyEvidence,
} from "./verify.js";

const CONTEXT = 40;

function section(title: string, lines: string[]): void {
  if (lines.length === 0) return;
  console.log(`\n${title}`);
  for (const line of lines) console.log(`  ${line}`);
}

/** A mention with its offset and context, on one line. */
function inContext(text: string, mention: { start: number; end: number; text: string }): string {
  const before = oneLine(text.slice(Math.max(0, mention.start - CONTEXT), mention.start), Infinity);
  const after = oneLine(text.slice(mention.end, mention.end + CONTEXT), Infinity);
  return `@${String(mention.start).padEnd(6)} ${JSON.stringify(mention.text).padEnd(22)} …${before}«${mention.text}»${after}…`;
}

function main(): number {
  const { values, positionals: only } = parseArgs({
    allowPositionals: true,
    options: { "seed-dir": { type: "string" } },
  });
  const analysis = analyseSeed(values["seed-dir"] ?? seedDataDir);
  const unlocated = analysis.problems.filter((problem) => problem.reason === MISSING_START).length;
  const listed = analysis.problems.filter((problem) => problem.reason !== MISSING_START).map(formatProblem);
  if (unlocated > 0)
    listed.push(`${unlocated} evidence span(s) have no start yet and cover nothing: run \`pnpm seed:locate\``);
  section(
    `The seed data has ${analysis.problems.length} problem(s); coverage counts only what could be resolved:`,
    listed,
  );

  const sources = readSourceTexts(analysis.rows.documents);
  if (!sources.available) {
    console.error(`[coverage] ${sources.reason}`);
    return 2;
  }
  const mismatches = [
    ...verifyDocuments(analysis, sources.texts),
    ...verifyEvidence(analysis, sources.texts),
    ...resolveMentions(analysis, sources.texts),
  ];
  section(`${mismatches.length} evidence, document or alias problem(s):`, mismatches.map(formatProblem));

  const rows = checkCoverage(analysis, sources.texts).filter((row) => only.length === 0 || only.includes(row.document));
  console.log(`\n${formatCoverageTable(rows)}`);
  for (const row of rows) {
    const text = sources.texts.get(row.document) ?? "";
    section(
      `Uncovered in ${row.document} (${row.uncovered.length}):`,
      row.uncovered.map((mention) => inContext(text, mention)),
    );
  }
  const nameRows = checkNameCoverage(analysis, sources.texts).filter(
    (row) => only.length === 0 || only.includes(row.document),
  );
  console.log(`\nEntity mentions:\n${formatNameCoverageTable(nameRows)}`);
  for (const row of nameRows) {
    const text = sources.texts.get(row.document) ?? "";
    section(
      `Entity mentions uncovered in ${row.document} (${row.uncovered.length}):`,
      row.uncovered.map((mention) => inContext(text, mention)),
    );
  }
  const uncovered = [...rows, ...nameRows].reduce((sum, row) => sum + row.uncovered.length, 0);
  return uncovered > 0 || mismatches.length > 0 || analysis.problems.length > 0 ? 1 : 0;
}

runCommand(main);
