/** Runs `pnpm curate …` as a user does: a real subprocess (`npx tsx seed/curate/cli.ts …`) from the repository root. */
import { spawnSync } from "node:child_process";
import { repoRoot } from "../paths.js";

export interface CurateRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one curate command; `env` is added to the environment (FENTRACE_SOURCES_DIR …). */
export function runCurate(args: readonly string[], env: Record<string, string> = {}): CurateRun {
  const result = spawnSync("npx", ["tsx", "seed/curate/cli.ts", ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
