/**
 * scripts/pack.ts's package.json for the tarball, on made-up manifests: every `catalog:` and
 * `workspace:` version resolved as pnpm resolves it, and a version it cannot resolve is an error
 * that names the field, the dependency and where it looked. (packaging.test.ts packs the real SDK.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  absoluteLinks,
  projectFields,
  publishedManifest,
  readCatalogs,
  readProjectUrl,
  readWorkspaceVersions,
} from "../scripts/pack.js";

const sdkDir = resolve(import.meta.dirname, "..");
const catalogs = { default: { graphql: "16.15.0" }, legacy: { graphql: "15.10.1" } };
const workspace = { "@fentrace/api": "0.3.1" };
const manifest = (fields: Record<string, unknown>) => ({ name: "@fentrace/sdk", version: "1.0.0", ...fields });

describe("scripts/pack.ts: the packed package.json", () => {
  it("resolves catalog: (default and named) and workspace:* / ^ / ~ / a range", () => {
    const published = publishedManifest(
      manifest({
        dependencies: { graphql: "catalog:", "graphql-request": "7.4.0" },
        peerDependencies: { graphql: "catalog:legacy", "@fentrace/api": "workspace:^" },
        optionalDependencies: { "@fentrace/api": "workspace:~" },
      }),
      catalogs,
      workspace,
    );
    expect(published).toMatchObject({
      dependencies: { graphql: "16.15.0", "graphql-request": "7.4.0" },
      peerDependencies: { graphql: "15.10.1", "@fentrace/api": "^0.3.1" },
      optionalDependencies: { "@fentrace/api": "~0.3.1" },
    });
    const exact = publishedManifest(
      manifest({ dependencies: { "@fentrace/api": "workspace:*" } }),
      catalogs,
      workspace,
    );
    expect(exact.dependencies).toEqual({ "@fentrace/api": "0.3.1" });
    const range = publishedManifest(
      manifest({ dependencies: { "@fentrace/api": "workspace:>=0.2" } }),
      catalogs,
      workspace,
    );
    expect(range.dependencies).toEqual({ "@fentrace/api": ">=0.2" });
  });

  it("leaves out scripts and devDependencies, and keeps every other field", () => {
    const published = publishedManifest(
      manifest({
        scripts: { prepack: "node scripts/refuse-pack.mjs" },
        devDependencies: { "@fentrace/api": "workspace:*" },
        license: "MIT",
        publishConfig: { access: "public" },
      }),
      catalogs,
      workspace,
    );
    expect(published).toEqual({
      name: "@fentrace/sdk",
      version: "1.0.0",
      license: "MIT",
      publishConfig: { access: "public" },
    });
  });

  it("names the field, the dependency and where it looked when a version cannot be resolved", () => {
    expect(() => publishedManifest(manifest({ dependencies: { zod: "catalog:" } }), catalogs, workspace)).toThrow(
      `dependencies.zod is "catalog:", but pnpm-workspace.yaml's catalog has no "zod"`,
    );
    expect(() =>
      publishedManifest(manifest({ peerDependencies: { graphql: "catalog:next" } }), catalogs, workspace),
    ).toThrow(`peerDependencies.graphql is "catalog:next", but pnpm-workspace.yaml's catalogs.next has no "graphql"`);
    expect(() =>
      publishedManifest(manifest({ dependencies: { "@fentrace/web": "workspace:*" } }), catalogs, workspace),
    ).toThrow(`dependencies.@fentrace/web is "workspace:*", but no package of packages/* is named "@fentrace/web"`);
  });

  it("reads this repository's catalog and workspace versions as pnpm installed them", () => {
    const installed = (name: string) =>
      JSON.parse(readFileSync(join(sdkDir, "node_modules", name, "package.json"), "utf8")).version;
    expect(readCatalogs().default?.graphql).toBe(installed("graphql"));
    const sdk = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8"));
    expect(readWorkspaceVersions()["@fentrace/sdk"]).toBe(sdk.version);
  });
});

describe("scripts/pack.ts: the packed README's links and the project's URL", () => {
  const url = "https://github.com/example/fentrace";
  /** A made-up repository: packages/sdk/{README.md,src/} and docs/guide.md. */
  function fakeRepository(): string {
    const root = mkdtempSync(join(tmpdir(), "fentrace-links-"));
    mkdirSync(join(root, "packages/sdk/src"), { recursive: true });
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "packages/sdk/README.md"), "");
    writeFileSync(join(root, "docs/guide.md"), "");
    return root;
  }

  it("makes every relative link (inline, reference, HTML) absolute, a file's blob and a folder's tree, anchors kept", () => {
    const root = fakeRepository();
    try {
      const markdown = [
        "See [the guide](../../docs/guide.md#install), [src](src/) and [the top](/docs/guide.md).",
        '<a href="src">sources</a> [npm](https://www.npmjs.com/) [below](#example)',
        "[ref]: ../../docs/guide.md",
        "```md",
        "[left alone](not/a/path.md)",
        "```",
      ].join("\n");
      expect(absoluteLinks(markdown, "packages/sdk/README.md", url, root).split("\n")).toEqual([
        `See [the guide](${url}/blob/main/docs/guide.md#install), [src](${url}/tree/main/packages/sdk/src) and [the top](${url}/blob/main/docs/guide.md).`,
        `<a href="${url}/tree/main/packages/sdk/src">sources</a> [npm](https://www.npmjs.com/) [below](#example)`,
        `[ref]: ${url}/blob/main/docs/guide.md`,
        "```md",
        "[left alone](not/a/path.md)",
        "```",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuses a link to a path that does not exist, naming the file, the line and the path", () => {
    const root = fakeRepository();
    try {
      expect(() =>
        absoluteLinks("# SDK\n\nRead [the docs](../../docs/gude.md).", "packages/sdk/README.md", url, root),
      ).toThrow(
        'packages/sdk/README.md:3: the link "../../docs/gude.md" points at docs/gude.md, which is not a path of the repository',
      );
      expect(() => absoluteLinks("[out](../../../etc/passwd)", "packages/sdk/README.md", url, root)).toThrow(
        "points at ../etc/passwd, which is not a path of the repository",
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("reads the project's URL from the root package.json (the one place it is written) and derives repository, homepage and bugs", () => {
    const projectUrl = readProjectUrl();
    expect(projectUrl).toMatch(/^https:\/\/[^/]+\/[^/]+\/[^/]+$/);
    expect(projectFields(projectUrl)).toEqual({
      repository: { type: "git", url: `git+${projectUrl}.git`, directory: "packages/sdk" },
      homepage: `${projectUrl}/tree/main/packages/sdk#readme`,
      bugs: { url: `${projectUrl}/issues` },
    });
    const root = mkdtempSync(join(tmpdir(), "fentrace-url-"));
    try {
      writeFileSync(join(root, "package.json"), JSON.stringify({ name: "x" }));
      expect(() => readProjectUrl(join(root, "package.json"))).toThrow(
        `"repository.url" must be the project's https:// address (got undefined)`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
