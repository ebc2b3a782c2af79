/**
 * `pnpm bench:scale` needs nginx and never installs it (issue 13 item 9): without it, it says
 * what it needs and how to install it, exits 2 and starts nothing. FENTRACE_NGINX points it at a
 * file that does not exist, so the test holds on a machine that has nginx too.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../..");

describe("bench:scale without nginx", () => {
  it("prints what it needs and the command that installs it, and exits 2", () => {
    const missing = join(repoRoot, "bench/test/no-such-nginx");
    const run = spawnSync(join(repoRoot, "node_modules/.bin/tsx"), ["bench/scale.ts"], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, FENTRACE_NGINX: missing },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("bench:scale needs nginx (Debian's nginx package)");
    expect(run.stderr).toContain(`looked only at FENTRACE_NGINX=${missing}`);
    expect(run.stderr).toContain("sudo apt-get update && sudo apt-get install -y --no-install-recommends nginx");
    expect(run.stderr).toContain("does not\ninstall system packages itself");
    // It stopped before building a database or starting a server.
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain("[bench:scale] ");
  });
});
