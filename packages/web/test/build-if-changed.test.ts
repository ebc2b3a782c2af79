/**
 * `pnpm start`'s page step builds with Vite only when the page's sources changed (issue 13
 * item 9). Run as start runs it, as a subprocess, but into a temporary folder so that the page
 * another test serves from packages/web/dist is never replaced under it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../../..");
const script = join(repoRoot, "packages/web/scripts/build-if-changed.ts");
const outDir = mkdtempSync(join(tmpdir(), "fentrace-page-"));
const stamp = join(outDir, ".sources-sha256");

function buildIfChanged(...args: string[]): string {
  return execFileSync(join(repoRoot, "node_modules/.bin/tsx"), [script, "--out-dir", outDir, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
  });
}

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("build-if-changed", () => {
  it("builds when no build is recorded, skips when the sources are unchanged, rebuilds when they changed", () => {
    const first = buildIfChanged();
    expect(first).toContain("no build with a recorded sources hash: building the page with Vite");
    expect(first).toMatch(/\[web\] page built \(sources [0-9a-f]{12}\)/);
    const hash = readFileSync(stamp, "utf8").trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const builtAt = statSync(join(outDir, "index.html")).mtimeMs;

    const second = buildIfChanged();
    expect(second).toContain(`[web] page up to date (sources ${hash.slice(0, 12)}), build skipped`);
    expect(second).not.toContain("building the page");
    expect(statSync(join(outDir, "index.html")).mtimeMs).toBe(builtAt);

    // What a change of any source file looks like to the script: a recorded hash that differs.
    writeFileSync(stamp, `${"0".repeat(64)}\n`);
    const third = buildIfChanged();
    expect(third).toContain("sources changed since the last build: building the page with Vite");
    expect(readFileSync(stamp, "utf8").trim()).toBe(hash);
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain("<html");
  }, 180_000);

  it("builds regardless with --force", () => {
    expect(buildIfChanged("--force")).toContain("sources changed since the last build");
  }, 120_000);
});
