/** Runs in each test worker before any test file: point the API's db.ts at the built database. */
if (process.env.FENTRACE_TEST_DATABASE_ERROR) {
  throw new Error(
    `The test database could not be built from the seed data:\n${process.env.FENTRACE_TEST_DATABASE_ERROR}`,
  );
}
if (!process.env.FENTRACE_TEST_DATABASE_URL) {
  throw new Error(
    "FENTRACE_TEST_DATABASE_URL is not set: run the SDK tests through vitest (its globalSetup builds the database).",
  );
}
process.env.DATABASE_URL = process.env.FENTRACE_TEST_DATABASE_URL;
