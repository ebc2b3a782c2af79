/**
 * scripts/pack.ts's package.json for the tarball, on made-up manifests: every `catalog:` and
 * `workspace:` version resolved as pnpm resolves it, and a version it cannot resolve is an error
 * that names the field, the dependency and where it looked. (packaging.test.ts packs the real SDK.)
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedManifest, readCatalogs, readWorkspaceVersions } from "../scripts/pack.js";

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
