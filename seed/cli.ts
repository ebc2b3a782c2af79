/** Shared plumbing for the seed's command-line entry points. */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DatabaseFileRefusedError } from "./database-file.js";
import { SeedValidationError } from "./problems.js";

/** True when the module with this `import.meta.url` is the script Node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(realpathSync(script)).href === moduleUrl;
}

/**
 * Runs a command and sets the exit code: its own result, or 1 on an error. Seed problems and a
 * refused database file are printed as their message, since they say what to do; anything else
 * with its stack, since it is a bug or an environment issue.
 */
export function runCommand(command: () => Promise<number> | number): void {
  Promise.resolve()
    .then(command)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        const explained = error instanceof SeedValidationError || error instanceof DatabaseFileRefusedError;
        console.error(explained ? `[seed] ${error.message}` : error);
        process.exitCode = 1;
      },
    );
}
