/**
 * `pnpm curate <command>`: the curator's tool, from a new document to verified draft records.
 *
 *   add <file> --id <document-id>          register a source document (metadata only)
 *   propose <file> [--id <id>] [--json]    propose candidate records for every numeric mention
 *   check [<document-id>]                  what is left to do, with file and line
 *
 * Each command lives in its own module and exports `run(args)`, returning the exit code.
 */
import { isMainModule, runCommand } from "../cli.js";

const COMMANDS = {
  add: () => import("./add.js"),
  propose: () => import("./propose.js"),
  check: () => import("./check.js"),
} as const;

const USAGE = `usage: pnpm curate <command> [options]

commands:
  add <file> --id <document-id>          register a new source document (copies only its metadata)
  propose <file> [--id <id>] [--json]    propose candidate records for every numeric mention
  check [<document-id>]                  list what is left: uncovered mentions, TODOs, stale spans`;

/** Runs one curate command with its arguments and returns the exit code. */
export async function curate(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    console.error(`curate: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const command = await COMMANDS[name as keyof typeof COMMANDS]();
  return command.run(args);
}

if (isMainModule(import.meta.url)) runCommand(() => curate(process.argv.slice(2)));
