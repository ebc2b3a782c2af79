/**
 * The API stands alone (issue 11): started from its own package as `pnpm serve` starts it, it
 * imports and reads no file of packages/sdk, packages/web or prisma/. The SDK's persisted
 * operations, the migrations and the schema's documentation come from packages/api/generated/;
 * the web page only from FENTRACE_WEB_DIST.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths.js";
import { startServer } from "./support/server-process.js";

const scratch = mkdtempSync(join(tmpdir(), "fentrace-standalone-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const outside = ["packages/sdk", "packages/web", "prisma"].map((dir) => `${resolve(repoRoot, dir)}/`);

describe("the API started from packages/api", () => {
  it("serves the SDK's persisted operations, checks the schema version and touches no file of packages/sdk, packages/web or prisma/", async () => {
    const log = join(scratch, "reads.log");
    const server = await startServer({
      DATABASE_URL: process.env.FENTRACE_TEST_DATABASE_URL!,
      FENTRACE_WEB_DIST: "",
      FENTRACE_READS_LOG: log,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${resolve(import.meta.dirname, "support/record-reads.mjs")}`,
    });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("not configured");
      const listing = (await (await fetch(`${server.url}/graphql/persisted-operations`)).json()) as {
        operations: { id: string; origin: string }[];
      };
      const sdk = listing.operations.filter((operation) => operation.origin === "sdk");
      expect(sdk.length).toBeGreaterThan(10);
      const byId = await fetch(`${server.url}/graphql?id=${sdk[0]!.id}`, { headers: { accept: "application/json" } });
      expect(byId.status).toBe(200);
      expect(((await byId.json()) as { errors?: unknown }).errors).toBeUndefined();
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    const touched = [...new Set(readFileSync(log, "utf8").split("\n"))].map((path) => resolve(path));
    // The recorder works: it saw the manifests the API imports instead, and the examples it lists.
    expect(touched).toContain(resolve(repoRoot, "packages/api/examples"));
    expect(touched).toContain(resolve(repoRoot, "packages/api/generated/persisted-operations.json"));
    expect(touched).toContain(resolve(repoRoot, "packages/api/generated/migrations.json"));
    // Only exception: @prisma/client checks whether the schema's folder exists (to use it as the
    // query engine's working directory, which the driver adapter never uses); it reads nothing there.
    const prismaFolder = resolve(repoRoot, "prisma");
    expect(
      touched.filter((path) => path !== prismaFolder && outside.some((dir) => `${path}/`.startsWith(dir))),
    ).toEqual([]);
  });
});
