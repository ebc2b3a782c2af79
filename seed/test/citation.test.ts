/**
 * The dataset citation depends only on the data: two builds of one seed at different times (the
 * build's clock injected through `now`) give the same citation, read the way a researcher gets it
 * (`pnpm export`'s datapackage.json, run as the real command against each database) and from the
 * DatasetInfo row the API serves `dataset { citation }` from. Only builtAt differs.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { datasetCitation } from "../../packages/api/src/citation.js";
import { buildDatabase } from "../build-database.js";
import { openDatabase } from "../database.js";
import { repoRoot } from "../paths.js";
import { fixtureSeedDir, fixtureSourcesDir, removeTemporaryDirs, temporaryDir } from "./support.js";

const run = promisify(execFile);
const tsx = join(repoRoot, "node_modules/.bin/tsx");

afterAll(removeTemporaryDirs);

/** Builds the fixture seed with the given clock and exports its downloads; returns what a citer sees. */
async function buildAndExport(now: Date) {
  const dir = temporaryDir();
  const target = join(dir, "fentrace.db");
  await buildDatabase({
    target,
    seedDir: fixtureSeedDir,
    sourcesDir: fixtureSourcesDir,
    log: () => {},
    now: () => now,
  });
  const client = openDatabase(target, { readonly: true });
  const info = await client.datasetInfo.findUniqueOrThrow({ where: { id: 1 } }).finally(() => client.$disconnect());
  const out = join(dir, "downloads");
  await run(tsx, ["packages/api/scripts/export.ts", out], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: `file:${target}`, INIT_CWD: repoRoot },
  });
  const descriptor = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as {
    citation: string;
    created: string;
    version: string;
  };
  return { info, descriptor, figuresCsv: readFileSync(join(out, "figures.csv"), "utf8") };
}

describe("the dataset citation", () => {
  it("is the same text for two builds of one version made at different times", async () => {
    const early = await buildAndExport(new Date("2026-03-01T08:00:00.000Z"));
    const late = await buildAndExport(new Date("2031-10-31T23:59:59.000Z"));

    // The builds differ in their build time only.
    expect(early.info.builtAt).toBe("2026-03-01T08:00:00.000Z");
    expect(late.info.builtAt).toBe("2031-10-31T23:59:59.000Z");
    expect(early.descriptor.created).toBe(early.info.builtAt);
    expect(late.descriptor.created).toBe(late.info.builtAt);
    expect(late.info.version).toBe(early.info.version);

    // The citation names the fixture's release date (seed/test/fixtures/seed/dataset.yaml) and version.
    expect(early.info.releasedOn).toBe("2026-01-15");
    expect(early.descriptor.citation).toBe(
      `Fentrace (2026). Fentrace: figures on fentanyl and fake-pill trafficking through social media. Dataset version ${early.info.version}, released 2026-01-15. Licensed CC0 1.0.`,
    );
    expect(late.descriptor.citation).toBe(early.descriptor.citation);
    expect(datasetCitation(late.info)).toBe(datasetCitation(early.info));
    expect(late.descriptor.citation).not.toMatch(/2031|2026-03-01/);
    // Every figure's citation too.
    expect(late.figuresCsv).toBe(early.figuresCsv);
  });
});
