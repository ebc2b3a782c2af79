/**
 * Every shell block (```sh, ```bash, ```console, ```shell) of the documentation — README.md,
 * CONTRIBUTING.md, packages/*\/README.md, seed/README.md, docs/*.md, found at test time — is either
 * run here for real or listed in SHELL_BLOCKS with the reason it is not (and, where it is, the test
 * that runs it). A block that is neither fails, so a new documented command cannot go untested
 * unnoticed; an entry that matches no block fails too, so the list cannot go stale.
 *
 * Run here: the curl examples of docs/downloads.md, against the real API on a local port 0 (the
 * documented http://localhost:4000 rewritten to it), each line in its own shell with a curlrc that
 * makes an HTTP error fail the command; CONTRIBUTING.md's `prisma migrate diff` recipe; the
 * `pnpm curate` transcripts of docs/curating.md, in a temporary copy of the fixture seed, their
 * output compared with the doc's.
 */
import { execFile } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Block,
  documentationFiles,
  fencedBlocks,
  repoRoot,
  SHELL_LANGUAGES,
  sameOutput,
} from "./fenced-blocks.js";
import { startServer, type TestServer } from "./support.js";

const run = promisify(execFile);
const DOCUMENTED_ORIGIN = "http://localhost:4000";

let server: TestServer;
let curlHome: string;

/** Whole figures.csv, for comparing the filtered downloads with. */
async function allFigures(): Promise<{ header: string; rows: Set<string> }> {
  const text = await (await fetch(new URL("/downloads/figures.csv", server.endpoint))).text();
  const [header = "", ...rows] = text.trimEnd().split("\r\n");
  return { header, rows: new Set(rows) };
}

/** Runs each line of the block, the documented origin replaced by the test server's; what each printed. */
async function runCurlLines(block: Block): Promise<{ command: string; stdout: string }[]> {
  const origin = new URL(server.endpoint).origin;
  const results = [];
  for (const line of block.code.split("\n").filter((line) => line.trim() && !line.trimStart().startsWith("#"))) {
    expect(line, `${block.file}:${block.line}: a curl example names ${DOCUMENTED_ORIGIN}`).toContain(DOCUMENTED_ORIGIN);
    const command = line.replaceAll(DOCUMENTED_ORIGIN, origin);
    try {
      const { stdout } = await run("sh", ["-e", "-c", command], {
        env: { ...process.env, HOME: curlHome },
        maxBuffer: 64 * 1024 * 1024,
      });
      results.push({ command: line, stdout });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`${block.file}:${block.line}: \`${line}\` failed:\n${stderr}${stdout.slice(0, 2000)}`);
    }
  }
  return results;
}

/**
 * A filtered download (figures.csv?… / figures.json?…): the rows of the whole figures.csv (the
 * JSON with its columns), at least one, and fewer than all (the filter was applied).
 */
async function expectFilteredFigures(block: Block): Promise<void> {
  const whole = await allFigures();
  const columns = whole.header.split(",");
  const results = await runCurlLines(block);
  expect(results.length).toBeGreaterThan(0);
  for (const { command, stdout } of results) {
    if (/figures\.json/.test(command)) {
      const figures = JSON.parse(stdout) as Record<string, unknown>[];
      expect(Array.isArray(figures), command).toBe(true);
      expect(figures.length, command).toBeGreaterThan(0);
      expect(figures.length, command).toBeLessThan(whole.rows.size);
      for (const figure of figures) expect(Object.keys(figure), command).toEqual(columns);
    } else {
      const [header, ...rows] = stdout.trimEnd().split("\r\n");
      expect(header, command).toBe(whole.header);
      expect(rows.length, command).toBeGreaterThan(0);
      expect(rows.length, command).toBeLessThan(whole.rows.size);
      for (const row of rows) expect(whole.rows.has(row), `${command}: a row of figures.csv:\n${row}`).toBe(true);
    }
  }
}

/**
 * CONTRIBUTING.md's migration recipe, run as written from the repository root (its scratch file
 * moved from the shared /tmp into a folder of this test): Prisma prints the SQL from the committed
 * schema to the working tree's, which is the empty migration when the schema is unchanged.
 */
async function expectMigrationDiff(block: Block): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "fentrace-migration-"));
  try {
    const script = block.code.replaceAll("/tmp/previous.prisma", join(scratch, "previous.prisma"));
    expect(script, `${block.file}:${block.line}: the recipe writes /tmp/previous.prisma`).not.toBe(block.code);
    let stdout: string;
    try {
      ({ stdout } = await run("sh", ["-e", "-c", script], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }));
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`${block.file}:${block.line}: the migration recipe failed:\n${block.code}\n${stderr}${stdout}`);
    }
    const unchanged = await run("git", ["diff", "--quiet", "HEAD", "--", "prisma/schema.prisma"], { cwd: repoRoot })
      .then(() => true)
      .catch(() => false);
    if (unchanged) expect(stdout.trim()).toBe("-- This is an empty migration.");
    // Someone's uncommitted schema change: SQL statements.
    else expect(stdout.trim()).toMatch(/;$/);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * docs/curating.md's walkthrough, in one folder for its blocks in order (a block goes on from the
 * state the one before left): a copy of the fixture seed as data/, the fixture seed's texts in
 * sources/ and the new document in incoming/, as the walkthrough test sets them up. The docs
 * write it as /tmp/curate-demo.
 */
const CURATE_DEMO = "/tmp/curate-demo";
let curateDemo: string | undefined;
/** The walkthrough's `export`s so far: a block goes on in the shell of the one before. */
const curateExports: string[] = [];
function curateDemoDir(): string {
  if (curateDemo) return curateDemo;
  curateDemo = mkdtempSync(join(tmpdir(), "fentrace-curate-demo-"));
  const fixtures = join(repoRoot, "seed/test/fixtures");
  cpSync(join(fixtures, "seed"), join(curateDemo, "data"), { recursive: true });
  mkdirSync(join(curateDemo, "sources"));
  mkdirSync(join(curateDemo, "incoming"));
  for (const name of ["harbor-daily.txt", "bay-wire.txt"])
    copyFileSync(join(fixtures, "sources", name), join(curateDemo, "sources", name));
  copyFileSync(join(fixtures, "sources/juniper-sheriff.txt"), join(curateDemo, "incoming/juniper-sheriff.txt"));
  return curateDemo;
}

/**
 * A listing the doc shortens to "a few of each kind" and a line "…": its lines appear in the
 * printed ones in that order, and it ends with the last printed line (the count).
 */
function abridgedListing(printed: string, shown: string): boolean {
  const expected = shown.trimEnd().split("\n");
  if (!expected.some((line) => line.trim() === "…")) return false;
  const lines = printed.trimEnd().split("\n");
  let at = 0;
  for (const line of expected.filter((line) => line.trim() !== "…")) {
    while (at < lines.length && lines[at] !== line) at += 1;
    if (at === lines.length) return false;
    at += 1;
  }
  return lines.at(-1) === expected.at(-1);
}

/**
 * A ```console transcript: each `$ ` line is run (after the `export`s before it) from the
 * repository root, `pnpm curate` as the root script runs it (tsx seed/curate/cli.ts), and what it
 * prints (stdout and stderr, in order) must be the lines after it ("…" lines stand for any lines,
 * or, in a shortened listing, it shows some of the printed lines in order, and the last one).
 * `curate check` exits 1 while something is left, 0 when it prints "nothing left".
 */
async function expectCurateTranscript(block: Block): Promise<void> {
  const demo = curateDemoDir();
  const steps: { command: string; expected: string[] }[] = [];
  for (const line of block.code.replaceAll(CURATE_DEMO, demo).split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), expected: [] });
    else if (steps.length === 0) throw new Error(`${block.file}:${block.line}: output before the first $ command`);
    else steps.at(-1)?.expected.push(line);
  }
  for (const { command, expected } of steps) {
    if (command.startsWith("export ")) {
      curateExports.push(command);
      continue;
    }
    const script = `${curateExports.join("\n")}\nexec 2>&1\n${command.replace(/^pnpm curate\b/, `${join(repoRoot, "node_modules/.bin/tsx")} seed/curate/cli.ts`)}`;
    const { code, stdout } = await run("sh", ["-c", script], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 })
      .then(({ stdout }) => ({ code: 0, stdout }))
      .catch((error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? "" }));
    const shown = expected.join("\n");
    const somethingLeft = /curate check\b/.test(command) && !/^nothing left/m.test(shown);
    expect(code, `\`${command}\` exit code; it printed:\n${stdout}`).toBe(somethingLeft ? 1 : 0);
    expect(
      sameOutput(stdout, shown) || abridgedListing(stdout, shown),
      `\`${command}\` printed:\n${stdout}\n${block.file}:${block.line} shows:\n${shown}`,
    ).toBe(true);
  }
}

interface Classified {
  /** The Markdown file. */
  file: string;
  /** Text that only this shell block of the file holds. */
  holds: string;
}
/** A block this test runs, and what it checks. */
interface Runs extends Classified {
  run: (block: Block) => Promise<void>;
}
/** A block this test does not run: why (and which test runs it, if one does). */
interface Skipped extends Classified {
  reason: string;
}

const SHELL_BLOCKS: (Runs | Skipped)[] = [
  { file: "docs/curating.md", holds: "$ pnpm curate add ", run: expectCurateTranscript },
  { file: "docs/curating.md", holds: "$ pnpm curate propose ", run: expectCurateTranscript },
  { file: "docs/curating.md", holds: "56 thing(s) left for juniper-sheriff", run: expectCurateTranscript },
  {
    file: "docs/curating.md",
    holds: "nothing left for juniper-sheriff",
    reason:
      "needs step 4's resolution of every TODO, which seed/test/curate-walkthrough.test.ts writes as code before it runs these two checks and expects 'nothing left'",
  },
  {
    file: "CONTRIBUTING.md",
    holds: "npx prisma migrate diff --from-schema-datamodel",
    run: expectMigrationDiff,
  },
  {
    file: "README.md",
    holds: "npx -y pnpm@10 install && npx -y pnpm@10 start",
    reason:
      "`start` serves until stopped (packages/api/test/server.test.ts starts the real server); `pnpm test` is the whole suite, run by the lead, this file among it",
  },
  {
    file: "packages/api/README.md",
    holds: "--filter @fentrace/api serve",
    reason: "serves until stopped (packages/api/test/server.test.ts starts the real server)",
  },
  {
    file: "packages/api/README.md",
    holds: "npx -y pnpm@10 bench",
    reason: "runs the benchmarks: about 6½ minutes on both cores, building a 1M-figure database",
  },
  {
    file: "packages/sdk/README.md",
    holds: "pack:sdk ~/my-app",
    reason:
      "run by packages/sdk/test/packaging.test.ts, as written, with HOME a temp folder (but for the checkout's `pnpm install`, done: running it would change the node_modules others' tests use)",
  },
  {
    file: "packages/sdk/README.md",
    holds: "npm install @fentrace/sdk",
    reason: "installs from the npm registry, where the SDK is not published yet (the README says: once published)",
  },
  {
    file: "packages/sdk/README.md",
    holds: "--filter @fentrace/sdk example",
    reason:
      "`start` serves until stopped; the example line is run by packages/sdk/test/readme-examples.test.ts against a test server, its output compared with the README's",
  },
  {
    file: "packages/sdk/README.md",
    holds: "--filter @fentrace/sdk codegen",
    reason:
      "regenerates src/generated and rebuilds dist/ in the shared checkout, and runs the whole sdk test project (this file among it); the lead's `pnpm test` runs generate:check, typecheck and the tests",
  },
  {
    file: "packages/web/README.md",
    holds: "--filter @fentrace/web build",
    reason:
      "builds into the checkout's packages/web/dist, starts the Vite dev server (until stopped) and runs the web package's browser test, which the lead's `pnpm test` runs",
  },
  {
    file: "docs/downloads.md",
    holds: "downloads/figures.csv?metric=pills_seized",
    run: expectFilteredFigures,
  },
  {
    file: "docs/downloads.md",
    holds: "npx -y pnpm@10 export",
    reason:
      "writes into the checkout (dist/downloads, and data/fentrace.db when stale); the export script is run as a real command by seed/test/citation.test.ts",
  },
];

/** The blocks no entry (or more than one) classifies, and the entries that name no block (or several). */
function classify(blocks: Block[], entries: Classified[]): { unclassified: string[]; stale: string[] } {
  const holds = (entry: Classified, block: Block) => entry.file === block.file && block.code.includes(entry.holds);
  return {
    unclassified: blocks
      .filter((block) => entries.filter((entry) => holds(entry, block)).length !== 1)
      .map((block) => `${block.file}:${block.line} (${block.lang}):\n${block.code}`),
    stale: entries
      .filter((entry) => blocks.filter((block) => holds(entry, block)).length !== 1)
      .map((entry) => `${entry.file}: ${entry.holds}`),
  };
}

const shellBlocks = documentationFiles()
  .flatMap(fencedBlocks)
  .filter((block) => SHELL_LANGUAGES.has(block.lang));

beforeAll(async () => {
  server = await startServer();
  // curl reads $HOME/.curlrc: an HTTP error status fails the command (with the error body
  // printed), without changing the documented command line.
  curlHome = mkdtempSync(join(tmpdir(), "fentrace-curl-"));
  writeFileSync(join(curlHome, ".curlrc"), "fail-with-body\nsilent\nshow-error\n");
});
afterAll(async () => {
  await server?.close();
  if (curlHome) rmSync(curlHome, { recursive: true, force: true });
  if (curateDemo) rmSync(curateDemo, { recursive: true, force: true });
});

describe("the documentation's shell blocks", () => {
  it("every one is run or listed with a reason, and every entry of the list names one block", () => {
    expect(shellBlocks.length).toBeGreaterThan(5);
    const { unclassified, stale } = classify(shellBlocks, SHELL_BLOCKS);
    expect(
      unclassified,
      "shell blocks that no entry of SHELL_BLOCKS (or more than one) classifies: run them in this test, or list them with a reason",
    ).toEqual([]);
    expect(stale, "entries of SHELL_BLOCKS that match no block, or several").toEqual([]);
    for (const entry of SHELL_BLOCKS) if ("reason" in entry) expect(entry.reason.length).toBeGreaterThan(20);
    const counts = { run: 0, listed: 0 };
    for (const entry of SHELL_BLOCKS) counts["run" in entry ? "run" : "listed"] += 1;
    console.log(`shell blocks in ${documentationFiles().length} documentation files:`, counts);
  });

  it("a new block, or an entry whose block is gone, is reported with its file and line", () => {
    const block = (line: number, code: string): Block => ({ file: "docs/new.md", line, lang: "sh", code });
    const entries = [
      { file: "docs/new.md", holds: "pnpm@10 seed" },
      { file: "docs/new.md", holds: "pnpm gone" },
    ];
    expect(classify([block(3, "npx -y pnpm@10 seed"), block(9, "curl http://localhost:4000/")], entries)).toEqual({
      unclassified: ["docs/new.md:9 (sh):\ncurl http://localhost:4000/"],
      stale: ["docs/new.md: pnpm gone"],
    });
    // Two entries for one block are as wrong as none: which reason holds is unclear.
    expect(classify([block(3, "npx -y pnpm@10 seed && pnpm gone")], entries).unclassified).toHaveLength(1);
  });

  for (const block of shellBlocks) {
    const entry = SHELL_BLOCKS.find((e) => e.file === block.file && block.code.includes(e.holds));
    if (entry && "run" in entry) {
      it(`${block.file}:${block.line} (${block.lang}) runs`, { timeout: 60_000 }, () => entry.run(block));
    }
  }
});
