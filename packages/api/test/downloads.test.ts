/**
 * Bulk downloads: datapackage.json validates against the official Data Package v2 profile (ajv),
 * every file conforms to its Table Schema (types, constraints, primary and foreign keys), the
 * numbers and citations are the API's, the HTTP side caches properly, `pnpm export` writes the
 * same bytes, and CITATION.cff agrees with the dataset.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DATASET_DESCRIPTION, DATASET_PUBLISHER, DATASET_TITLE } from "../src/citation.js";
import { repoRoot } from "../src/db.js";
import { type Downloads, getDownloads, writeDownloads } from "../src/downloads/index.js";
import { yoga } from "../src/yoga.js";
import { data, graphql } from "./helpers.js";
import { checkTables, type ReadTable, type ResourceDescriptor, readResource } from "./table-schema.js";

// ajv-formats is CommonJS with a default export; load it the way Node gives it to CommonJS.
const addFormats = createRequire(import.meta.url)("ajv-formats") as (ajv: Ajv) => Ajv;
const profile = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../src/downloads/profiles/datapackage-2.0.json"), "utf8"),
);

/** The official profile, compiled: ajv (draft-07) with ajv-formats; the profile's own "textarea" format is free text. */
function profileValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("textarea", true);
  return ajv.compile(profile);
}

const decoder = new TextDecoder();
let downloads: Downloads;
let descriptor: {
  version: string;
  citation: string;
  resources: (ResourceDescriptor & { bytes: number; hash: string })[];
} & Record<string, unknown>;
const text = (name: string) => {
  const file = downloads.files.find((f) => f.name === name);
  if (!file) throw new Error(`no download ${name}`);
  return decoder.decode(file.body);
};

beforeAll(async () => {
  downloads = await getDownloads();
  descriptor = JSON.parse(text("datapackage.json"));
});

async function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  return yoga.fetch(`http://localhost${path}`, { method, headers });
}

describe("datapackage.json", () => {
  it("validates against the Frictionless Data Package v2 profile", () => {
    const validate = profileValidator();
    const valid = validate(descriptor);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(descriptor.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
  });

  it("is checked for real: the profile rejects broken descriptors", () => {
    const validate = profileValidator();
    const broken = structuredClone(descriptor) as typeof descriptor;
    const [first] = broken.resources;
    (first as unknown as { schema: { fields: unknown[] } }).schema.fields[0] = { name: "id", type: "text" };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...descriptor, resources: [] })).toBe(false);
    expect(validate({ ...descriptor, licenses: [{ title: "no name or path" }] })).toBe(false);
  });

  it("carries the dataset version, licence, sources and the API's citation", async () => {
    const { dataset } = await data(
      graphql(`{ dataset { version citation license licenseUrl builtAt counts { documents } } }`),
    );
    expect(descriptor.version).toBe(dataset.version);
    expect(descriptor.created).toBe(dataset.builtAt);
    expect(descriptor.citation).toBe(dataset.citation);
    expect(descriptor.description).toContain(dataset.citation);
    expect(descriptor.licenses).toEqual([
      { name: dataset.license, title: expect.any(String), path: dataset.licenseUrl },
    ]);
    expect(descriptor.sources).toHaveLength(dataset.counts.documents);
    expect(descriptor.resources.map((r) => r.path)).toEqual(
      downloads.files.map((f) => f.name).filter((n) => n !== "datapackage.json"),
    );
  });

  it("lists each file's exact size and SHA-256", () => {
    for (const resource of descriptor.resources) {
      const file = downloads.files.find((f) => f.name === resource.path);
      expect(resource.bytes, resource.name).toBe(file?.body.byteLength);
      expect(resource.hash, resource.name).toBe(`sha256:${file?.sha256}`);
    }
  });
});

describe("every table conforms to its Table Schema", () => {
  let tables: Map<string, ReadTable>;
  const problems: string[] = [];

  beforeAll(() => {
    tables = new Map(
      descriptor.resources.map((resource) => [resource.name, readResource(resource, text(resource.path), problems)]),
    );
    checkTables(descriptor.resources, tables, problems);
  });

  it("types, required values, enums, primary keys and foreign keys all check out", () => {
    expect(problems).toEqual([]);
    expect(tables.get("figures")?.rows.length).toBeGreaterThan(50);
    for (const name of ["figure-subjects", "documents", "claims", "entities", "quotes", "defendants", "exclusions"])
      expect(tables.get(name)?.rows.length, name).toBeGreaterThan(0);
  });

  it("the checker catches a duplicated key and a dangling reference", () => {
    const seeded: string[] = [];
    const figures = tables.get("figures");
    const documents = tables.get("documents");
    if (!figures || !documents) throw new Error("missing tables");
    const first = figures.rows[0];
    if (!first) throw new Error("no figures");
    const broken = new Map(tables);
    broken.set("figures", {
      ...figures,
      rows: [...figures.rows, { ...first }, { ...first, id: "fig-x", document_id: "no-such-document" }],
    });
    checkTables(
      descriptor.resources.filter((r) => r.name === "figures"),
      broken,
      seeded,
    );
    expect(seeded.some((p) => p.includes("primary key"))).toBe(true);
    expect(seeded.some((p) => p.includes("no-such-document") && p.includes("no match in documents"))).toBe(true);
  });

  it("figures.json holds the same rows as figures.csv", () => {
    expect(tables.get("figures-json")?.rows).toEqual(tables.get("figures")?.rows);
  });

  it("has the DEA surge cases per platform, Texas deaths, and the API's citations", async () => {
    const rows = tables.get("figures")?.rows ?? [];
    const platform = rows.filter((row) => row.metric === "cases_by_platform");
    const platformOf = new Map(
      (tables.get("figure-subjects")?.rows ?? [])
        .filter((s) => s.role === "PLATFORM")
        .map((s) => [s.figure_id, s.entity_name]),
    );
    expect(Object.fromEntries(platform.map((row) => [platformOf.get(row.id), row.normalized_value]))).toEqual({
      Snapchat: 34,
      "Facebook Messenger": 28,
      Instagram: 14,
      Facebook: 10,
      YouTube: 2,
      TikTok: 2,
    });
    expect(platform.every((row) => row.metric_additive === false)).toBe(true);
    const texas = rows.filter((row) => row.metric === "overdose_deaths" && row.place_id === "place-us-tx");
    expect(texas.map((row) => [row.period_start, row.value, row.qualifier])).toEqual([
      ["2020-01-01", 900, "APPROXIMATE"],
      ["2021-01-01", 1650, "APPROXIMATE"],
    ]);
    const { figure } = await data(
      graphql(`{ figure(id: "fig-lp-fentanyl-powder-2021") { citation { long short } evidence { text start end } } }`),
    );
    const row = rows.find((r) => r.id === "fig-lp-fentanyl-powder-2021");
    expect(row).toMatchObject({
      citation: figure.citation.long,
      citation_short: figure.citation.short,
      evidence_text: figure.evidence.text,
      evidence_start: figure.evidence.start,
      evidence_end: figure.evidence.end,
      qualifier: "MORE_THAN",
      normalized_low: row?.normalized_value,
      normalized_high: null,
    });
    const claims = tables.get("claims")?.rows ?? [];
    expect(claims.filter((claim) => claim.status === "CONTRADICTS").map((claim) => claim.id)).toEqual([
      "claim-fentanyl-powder-seized-2021",
    ]);
  });
});

describe("GET /downloads/", () => {
  it("serves each file with its type, the dataset version and caching headers", async () => {
    const response = await get("/downloads/figures.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("x-fentrace-dataset-version")).toBe(downloads.version);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    expect(response.headers.get("etag")).toMatch(new RegExp(`^"${downloads.version}-figures\\.csv-[0-9a-f]{16}"$`));
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(text("figures.csv"));
    expect((await get("/downloads/datapackage.json")).headers.get("content-type")).toBe(
      "application/json; charset=utf-8",
    );
  });

  it("answers a matching If-None-Match with 304, and HEAD without a body", async () => {
    const etag = (await get("/downloads/claims.csv")).headers.get("etag") ?? "";
    const revalidated = await get("/downloads/claims.csv", { "if-none-match": `W/"x", ${etag}` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect((await get("/downloads/claims.csv", { "if-none-match": '"other"' })).status).toBe(200);
    const head = await get("/downloads/claims.csv", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(
      String(downloads.files.find((f) => f.name === "claims.csv")?.body.byteLength),
    );
    expect(await head.text()).toBe("");
  });

  it("lists the files and how to cite at /downloads/, and refuses what it does not serve", async () => {
    const index = await get("/downloads/");
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await index.text();
    for (const file of downloads.files) expect(html).toContain(`href="${file.name}"`);
    expect(html).toContain(downloads.citation.replace(/"/g, "&quot;"));
    expect((await get("/downloads")).status).toBe(308);
    const missing = await get("/downloads/secrets.csv");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("figures.csv");
    expect((await get("/downloads/../package.json")).status).toBe(404);
    expect((await get("/downloads/%E0%A4%A")).status).toBe(404);
    expect((await get("/downloads/figures.csv", {}, "POST")).status).toBe(405);
  });
});

describe("pnpm export", () => {
  it("writes the same files as the API serves", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fentrace-export-"));
    try {
      const { paths } = await writeDownloads(join(dir, "nested/downloads"));
      expect(paths.map((path) => path.slice(join(dir, "nested/downloads").length + 1))).toEqual(
        downloads.files.map((f) => f.name),
      );
      for (const file of downloads.files) {
        expect(readFileSync(join(dir, "nested/downloads", file.name)).equals(Buffer.from(file.body)), file.name).toBe(
          true,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("CITATION.cff", () => {
  it("is CFF 1.2.0 and names the dataset's title, author, licence and release date", () => {
    const cff = parseYaml(readFileSync(resolve(repoRoot, "CITATION.cff"), "utf8"));
    const dataset = parseYaml(readFileSync(resolve(repoRoot, "seed/data/dataset.yaml"), "utf8"));
    expect(cff).toMatchObject({
      "cff-version": "1.2.0",
      type: "dataset",
      title: DATASET_TITLE,
      license: dataset.license,
      "date-released": dataset.releasedOn,
    });
    expect(typeof cff.message).toBe("string");
    expect(cff.authors).toEqual([{ name: DATASET_PUBLISHER }]);
    expect(cff.abstract).toBe(DATASET_DESCRIPTION);
    expect(dataset).toMatchObject({
      title: DATASET_TITLE,
      publisher: DATASET_PUBLISHER,
      description: DATASET_DESCRIPTION,
    });
  });
});
