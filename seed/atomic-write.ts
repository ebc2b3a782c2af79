/**
 * Writes a file whole or not at all: the text goes to a temporary file beside the target and is
 * renamed over it (a rename within one directory is atomic), so a failed or interrupted write
 * leaves the previous file as it was. The temporary file is a dotfile, which the seed's data file
 * listing (seed/data-files.ts) skips, and it is removed when the write fails.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Writes `text` to `path` through a temporary file in the same directory and a rename. */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
