/**
 * The built package: ESM and CommonJS builds with declarations, used through the exports map by a
 * plain Node CJS script, an ESM script, TypeScript in both module systems, and a browser bundle.
 *
 * The package is built (tsup, as `npm run build` does) into a temporary node_modules/@fentrace/sdk
 * whose node_modules links to the real one, so the tests never touch packages/sdk/dist.
 */
import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support.js";

const run = promisify(execFile);
const sdkDir = resolve(import.meta.dirname, "..");
const consumersDir = join(sdkDir, "test/consumers");
const bin = (name: string) => join(sdkDir, "node_modules/.bin", name);

let root: string;
let packageDir: string;
let server: TestServer;
/** The declarations take most of the build: built beside the JS, awaited by the tests that need them. */
let declarations: Promise<void>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "fentrace-sdk-package-"));
  packageDir = join(root, "node_modules/@fentrace/sdk");
  mkdirSync(packageDir, { recursive: true });
  copyFileSync(join(sdkDir, "package.json"), join(packageDir, "package.json"));
  symlinkSync(join(sdkDir, "node_modules"), join(packageDir, "node_modules"), "dir");
  for (const file of readdirSync(consumersDir)) copyFileSync(join(consumersDir, file), join(root, file));
  const dist = join(packageDir, "dist");
  const dtsDir = join(root, "dts");
  declarations = run(bin("tsup"), ["--dts-only", "--out-dir", dtsDir, "--silent"], { cwd: sdkDir }).then(() => {
    for (const file of readdirSync(dtsDir)) copyFileSync(join(dtsDir, file), join(dist, file));
  });
  declarations.catch(() => {}); // reported by the tests that await it
  await run(bin("tsup"), ["--no-dts", "--out-dir", dist, "--silent"], { cwd: sdkDir });
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function node(script: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, [join(root, script), ...args], { cwd: root });
  return JSON.parse(stdout) as Record<string, unknown>;
}

// The checks are independent (each reads the build and writes its own files): run them side by side.
describe.concurrent("package", () => {
  it("package.json: exports map with types for import and require, sideEffects false", async () => {
    await declarations;
    const pkg = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8"));
    expect(pkg).toMatchObject({
      name: "@fentrace/sdk",
      type: "module",
      sideEffects: false,
      main: "./dist/index.cjs",
      module: "./dist/index.js",
      types: "./dist/index.d.ts",
      exports: {
        ".": {
          import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
          require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
        },
      },
    });
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(readdirSync(join(packageDir, "dist")).sort()).toEqual(
      expect.arrayContaining(["index.cjs", "index.d.cts", "index.d.ts", "index.js"]),
    );
  });

  it("declares exactly the values it exports, in both builds", async () => {
    await declarations;
    const runtime = Object.keys(await import(join(packageDir, "dist/index.js"))).sort();
    const { stdout } = await run(process.execPath, [
      "-p",
      `JSON.stringify(Object.keys(require(${JSON.stringify(join(packageDir, "dist/index.cjs"))})).sort())`,
    ]);
    expect(JSON.parse(stdout)).toEqual(runtime);
    for (const declarations of ["dist/index.d.ts", "dist/index.d.cts"]) {
      const exported = /export \{([^}]*)\};\s*$/.exec(readFileSync(join(packageDir, declarations), "utf8"))?.[1] ?? "";
      const values = exported
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith("type ") && name !== "schema as Schema"); // a namespace of types
      expect(values.sort(), declarations).toEqual(runtime);
    }
    expect(runtime).toEqual([
      "DEFAULT_ALL_MAX",
      "DEFAULT_ENDPOINT",
      "FentraceError",
      "VERSION",
      "createClient",
      "paginate",
    ]);
  });

  it("works from a plain Node CommonJS script (require)", async () => {
    expect(await node("consumer.cjs", server.endpoint)).toEqual({
      format: "cjs",
      version: "0.1.0",
      figures: 70,
      units: 21,
      error: { isFentraceError: true, code: "BAD_USER_INPUT" },
    });
  });

  it("works from a Node ES module script (import)", async () => {
    expect(await node("consumer.mjs", server.endpoint)).toMatchObject({
      format: "esm",
      figures: 70,
      units: 21,
      error: { isFentraceError: true },
    });
  });

  it("type-checks from TypeScript in both module systems (node16 resolution)", async () => {
    await declarations;
    // Library checks on (the SDK's own .d.ts/.d.cts are what is tested), except for TypeScript's
    // default libraries; no @types: the SDK needs only the DOM's fetch types.
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          noEmit: true,
          strict: true,
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
          skipLibCheck: false,
          skipDefaultLibCheck: true,
        },
        files: ["typed.cts", "typed.mts"],
      }),
    );
    const result = await run(bin("tsc"), ["-p", join(root, "tsconfig.json")], { cwd: root }).catch(
      (error: { stdout: string }) => error,
    );
    expect(result.stdout).toBe("");
  });

  it("bundles for the browser with no Node built-ins, and runs on web APIs only", async () => {
    const { build } = await import("tsup");
    const outDir = join(root, "bundle");
    await build({
      entry: { browser: join(root, "browser.js") },
      format: ["esm"],
      platform: "browser",
      target: "es2022",
      noExternal: [/.*/],
      minify: true,
      outDir,
      config: false,
      silent: true,
    });
    const bundle = readFileSync(join(outDir, "browser.js"), "utf8");
    expect(bundle).not.toMatch(/\bnode:|require\(["'](fs|http|https|net|url|stream|zlib|crypto)["']\)/);
    // Run it with `document` defined (so the SDK takes itself for a browser), outside the SDK's
    // directory so nothing but the bundle is loaded.
    writeFileSync(
      join(root, "run-bundle.mjs"),
      `globalThis.document = {};\nconst { run } = await import(${JSON.stringify(join(outDir, "browser.js"))});\nconsole.log(JSON.stringify(await run(process.argv[2])));\n`,
    );
    expect(await node("run-bundle.mjs", server.endpoint)).toEqual({ figures: 70, code: "NOT_FOUND" });
    // In a browser the SDK leaves the user-agent to the browser.
    expect(server.requests.at(-1)?.headers["user-agent"]).not.toContain("@fentrace/sdk");
    const sizes = {
      entryGzip: gzipSync(readFileSync(join(packageDir, "dist/index.js"))).length,
      browserBundleGzip: gzipSync(bundle).length,
    };
    console.log(
      `gzip sizes: dist/index.js ${sizes.entryGzip} B, browser bundle with dependencies ${sizes.browserBundleGzip} B`,
    );
    // Generous ceilings that catch an accidental blow-up (e.g. switching back to documentNode mode).
    expect(sizes.entryGzip).toBeLessThan(20_000);
    expect(sizes.browserBundleGzip).toBeLessThan(60_000);
  });
});
