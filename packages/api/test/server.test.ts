/** The server never creates or overwrites a database: it exits with a clear message instead. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const apiDir = resolve(import.meta.dirname, "..");
const tsx = resolve(apiDir, "node_modules/.bin/tsx");

async function startServer(databaseUrl: string) {
  try {
    await run(tsx, ["src/server.ts"], {
      cwd: apiDir,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0" },
      timeout: 20_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe("server.ts", () => {
  it("refuses a missing database without creating it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "fentrace-api-")), "missing.db");
    const { code, stderr } = await startServer(`file:${path}`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not exist or cannot be read\. Build it with `npx -y pnpm@10 seed`/);
    expect(existsSync(path)).toBe(false);
  });

  it("refuses a file that is not a Fentrace database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fentrace-api-"));
    const empty = join(dir, "empty.db");
    writeFileSync(empty, "");
    expect((await startServer(`file:${empty}`)).stderr).toMatch(/is empty/);
    const text = join(dir, "text.db");
    writeFileSync(text, "not a database at all, just text that is long enough to be read as a header");
    const result = await startServer(`file:${text}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not be opened as an SQLite database|is not a Fentrace database/);
  });
});
