/**
 * Runs `pnpm curate …` as a user does: a real subprocess of the script behind it (`tsx
 * seed/curate/cli.ts …`) from the repository root. The project's own tsx is run directly, not
 * through npx: under `pnpm test`, npx reads pnpm's npm_config_* variables and warns about each on
 * stderr, which is not the command's output.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../paths.js";

export interface CurateRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one curate command; `env` is added to the environment (FENTRACE_SOURCES_DIR …). */
export function runCurate(args: readonly string[], env: Record<string, string> = {}): CurateRun {
  const result = spawnSync(join(repoRoot, "node_modules/.bin/tsx"), ["seed/curate/cli.ts", ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
