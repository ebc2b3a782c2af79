/**
 * The source documents for the tests that check data against them (the curated seed's evidence,
 * the API's provenance). They live outside the repository, so a clone may lack them; CI has them
 * (`../shared/seeds`). A missing document fails such a test, saying where it was looked for and
 * how to provide it, unless the run asks to skip: FENTRACE_ALLOW_MISSING_SOURCES=1, for a
 * contributor who has no copy of the documents.
 */
import type { TestContext } from "vitest";
import { readSourceTexts } from "../documents.js";

export const ALLOW_MISSING_SOURCES = "FENTRACE_ALLOW_MISSING_SOURCES";

/**
 * The texts of `documents` by id. Without them the test fails, or is skipped (saying why) when
 * FENTRACE_ALLOW_MISSING_SOURCES=1.
 */
export function requireSourceTexts(
  documents: readonly { id: string; fileName: string }[],
  context: TestContext,
  env: NodeJS.ProcessEnv = process.env,
): Map<string, string> {
  const sources = readSourceTexts(documents);
  if (sources.available) return sources.texts;
  if (env[ALLOW_MISSING_SOURCES] === "1") {
    const note = `${sources.reason} (skipped: ${ALLOW_MISSING_SOURCES}=1)`;
    console.log(`skipped: ${note}`);
    return context.skip(note);
  }
  throw new Error(missingSourcesMessage(sources.reason));
}

export function missingSourcesMessage(reason: string): string {
  return (
    `${reason}. These checks compare the data with the source documents: put the documents in ` +
    `../shared/seeds next to the repository, or point FENTRACE_SOURCES_DIR at the folder that holds ` +
    `them. To run without them, set ` +
    `${ALLOW_MISSING_SOURCES}=1 and these checks are skipped.`
  );
}
