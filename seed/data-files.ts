/** The files under a seed data directory, and the dataset version derived from them. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Every data file under `seedDir`, as sorted `/`-separated relative paths. Dotfiles and `~`
 * backups are skipped: they are editor droppings, not data, and must not change the version.
 */
export function listDataFiles(seedDir: string): string[] {
  const found: string[] = [];
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(join(seedDir, relativeDir), { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name.endsWith("~")) continue;
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk("");
  return found.sort();
}

/**
 * The dataset version: the first 12 hex digits of a SHA-256 over every data file's relative
 * path and contents, so any change to the data (including renaming a file) changes it.
 */
export function seedVersion(seedDir: string): string {
  const hash = createHash("sha256");
  for (const path of listDataFiles(seedDir)) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(seedDir, path)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}
