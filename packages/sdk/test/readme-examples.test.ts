/**
 * The READMEs' code examples (README.md, packages/api/README.md, packages/sdk/README.md), run the
 * way a reader would run them, their output compared with what the README prints after them.
 *
 * - A ```graphql block is sent to the API over HTTP (a started server); the ```json block after
 *   it (prose may come between) is what the README says it answers. The README may leave fields
 *   out (every field it shows must be in the answer, with that value) and shorten a string or a
 *   line with "…" (the text before it must match).
 * - A ```ts block is written to a file, its `@fentrace/sdk` import pointed at this package's
 *   source and its endpoint at the started server, and run with tsx in its own process; a
 *   ```text block right after it must be exactly what it prints (lines of "…" stand for any
 *   lines). A ts block without an output block must run without error. A fragment that uses
 *   `client` without creating it gets `const client = createClient(…)` first.
 * - The sdk README's ```sh block that runs the example script is run (tsx, as the `example` script
 *   does) against the started server and compared like a ts block; "…" inside a line stands for
 *   the rest of a shortened line. The other shell blocks are run or listed with a reason by
 *   test/shell-examples.test.ts; test/packaging.test.ts runs the install from the tarball and the
 *   SDK and root READMEs' examples there.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Block, fencedBlocks, repoRoot, sameOutput } from "./fenced-blocks.js";
import { startServer, type TestServer } from "./support.js";

const run = promisify(execFile);
const sdkDir = resolve(fileURLToPath(import.meta.url), "../..");
const tsx = join(repoRoot, "node_modules/.bin/tsx");
const scratch = join(sdkDir, "node_modules/.readme-examples");
const README_ENDPOINT = "http://127.0.0.1:4000/graphql";

/** `expected` holds in `actual`: every field shown, with its value; "…" shortens a string. */
function matches(expected: unknown, actual: unknown, path = "$"): string[] {
  if (typeof expected === "string" && expected.includes("…")) {
    const parts = expected.split("…");
    if (typeof actual !== "string") return [`${path}: expected a string, got ${JSON.stringify(actual)}`];
    let at = 0;
    for (const part of parts) {
      const found = actual.indexOf(part, at);
      if (found === -1 || (at === 0 && parts[0] && found !== 0))
        return [`${path}: ${JSON.stringify(actual)} does not match ${JSON.stringify(expected)}`];
      at = found + part.length;
    }
    const last = parts.at(-1) ?? "";
    return actual.endsWith(last)
      ? []
      : [`${path}: ${JSON.stringify(actual)} does not end as ${JSON.stringify(expected)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list`];
    if (actual.length !== expected.length)
      return [`${path}: ${actual.length} items, the README shows ${expected.length}`];
    return expected.flatMap((item, index) => matches(item, actual[index], `${path}[${index}]`));
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object") return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual
        ? matches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: ${JSON.stringify(actual)}, the README says ${JSON.stringify(expected)}`];
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  mkdirSync(scratch, { recursive: true });
});
afterAll(() => server.close());

/** Runs a TypeScript example as its own program against the started server; its stdout. */
async function runTs(block: Block): Promise<string> {
  let code = block.code
    .replaceAll('"@fentrace/sdk"', JSON.stringify(join(sdkDir, "src/index.ts")))
    .replaceAll(README_ENDPOINT, server.endpoint);
  if (/\bclient\./.test(code) && !/const client =/.test(code)) {
    code = `import { createClient } from ${JSON.stringify(join(sdkDir, "src/index.ts"))};\nconst client = createClient({ endpoint: ${JSON.stringify(server.endpoint)} });\n${code}`;
  }
  const file = join(scratch, `${block.file.replaceAll("/", "_")}-${block.line}.mts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  const { stdout } = await run(tsx, [file], {
    cwd: sdkDir,
    env: { ...process.env, FENTRACE_ENDPOINT: server.endpoint },
  });
  return stdout;
}

const files = ["README.md", "packages/api/README.md", "packages/sdk/README.md"];
const all = files.flatMap(fencedBlocks);

describe("README examples", () => {
  it("finds the examples", () => {
    const counts = Object.fromEntries(
      files.map((file) => [file, all.filter((b) => b.file === file && b.output).length]),
    );
    console.log("README examples with printed output:", counts);
    expect(all.filter((b) => b.lang === "graphql").length).toBeGreaterThan(2);
  });

  for (const block of all.filter((b) => b.lang === "graphql")) {
    it(`${block.file}:${block.line} (graphql) answers what the README shows`, async () => {
      const response = await fetch(server.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: block.code }),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      const expected = block.output ? (JSON.parse(block.output.code) as Record<string, unknown>) : undefined;
      // Only an example of an error may answer with errors.
      if (!expected?.errors) expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      if (expected) expect(matches(expected, answer)).toEqual([]);
    });
  }

  // The sdk README's example script, run as its `sh` block says (with tsx directly, as the script
  // `example` does), its output compared with the text block after it.
  for (const block of all.filter((b) => b.lang === "sh" && b.code.includes("--filter @fentrace/sdk example"))) {
    it(`${block.file}:${block.line} (sh, the example script) prints what the README shows`, async () => {
      const { stdout } = await run(tsx, ["examples/surge-cases-per-platform.ts"], {
        cwd: sdkDir,
        env: { ...process.env, FENTRACE_ENDPOINT: server.endpoint },
      });
      expect(block.output, "the README shows its output").toBeDefined();
      expect(sameOutput(stdout, block.output?.code ?? ""), stdout).toBe(true);
    });
  }

  for (const block of all.filter((b) => b.lang === "ts")) {
    it(`${block.file}:${block.line} (ts) runs and prints what the README shows`, async () => {
      const printed = await runTs(block);
      if (block.output) expect(sameOutput(printed, block.output.code), printed).toBe(true);
    });
  }
});
