/**
 * `pnpm start`'s page step: builds packages/web/dist with Vite only when the page's sources changed
 * since the last build. The sources are the page's (index.html, src/, the Vite and TypeScript
 * configs, package.json), the SDK's src/ (Vite builds from them) and pnpm-lock.yaml (dependency
 * versions); their SHA-256 over paths and contents is written to dist/.sources-sha256 after each
 * build and compared before the next. `--force` builds regardless; `--out-dir DIR` builds into
 * DIR instead of packages/web/dist (the test builds into a temporary folder, so that it never
 * replaces the page another test is serving).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

const webDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(webDir, "../..");
const { values: options } = parseArgs({
  options: { force: { type: "boolean", default: false }, "out-dir": { type: "string" } },
});
const distDir = options["out-dir"] ? resolve(options["out-dir"]) : join(webDir, "dist");
const stampFile = join(distDir, ".sources-sha256");

const sources = [
  "packages/web/index.html",
  "packages/web/src",
  "packages/web/vite.config.ts",
  "packages/web/tsconfig.json",
  "packages/web/package.json",
  "packages/sdk/src",
  "pnpm-lock.yaml",
];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => files(join(path, entry.name)));
}

/** The SHA-256 of every source file's path and contents, in a fixed order. */
export function sourcesHash(): string {
  const hash = createHash("sha256");
  for (const file of sources.flatMap((source) => files(join(repoRoot, source)))) {
    hash.update(relative(repoRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

function main(): void {
  const started = performance.now();
  const current = sourcesHash();
  const built =
    existsSync(join(distDir, "index.html")) && existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : null;
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (!options.force && built === current) {
    console.log(`[web] page up to date (sources ${current.slice(0, 12)}), build skipped (${seconds()})`);
    return;
  }
  console.log(
    built
      ? `[web] sources changed since the last build: building the page with Vite…`
      : "[web] no build with a recorded sources hash: building the page with Vite…",
  );
  execFileSync(join(webDir, "node_modules/.bin/vite"), ["build", "--outDir", distDir, "--emptyOutDir"], {
    cwd: webDir,
    stdio: "inherit",
  });
  writeFileSync(stampFile, `${current}\n`);
  console.log(`[web] page built (sources ${current.slice(0, 12)}) in ${seconds()}`);
}

main();
