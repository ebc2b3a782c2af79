/** Runs in each test worker before any test file: point db.ts at the database the global setup built. */
if (process.env.FENTRACE_TEST_DATABASE_ERROR) {
  throw new Error(
    `The test database could not be built from the seed data:\n${process.env.FENTRACE_TEST_DATABASE_ERROR}`,
  );
}
if (!process.env.FENTRACE_TEST_DATABASE_URL) {
  throw new Error(
    "FENTRACE_TEST_DATABASE_URL is not set: run the API tests through vitest (its globalSetup builds the database).",
  );
}
process.env.DATABASE_URL = process.env.FENTRACE_TEST_DATABASE_URL;
