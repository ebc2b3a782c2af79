/**
 * The SDK as an app outside this repository gets it, by the SDK README's install instructions: its
 * ```sh block under "## Install" is run as written (in a shell, from the repository root), with HOME
 * a new folder under the OS temp directory, so `~/my-app` is a project that cannot see the
 * workspace's node_modules: `pnpm pack:sdk ~/my-app` makes the tarball, `npm install` installs it
 * there, and npm fetches graphql and graphql-request (and the app's TypeScript) itself. (The
 * block's first line, the checkout's own `pnpm install`, is left out: the checkout is installed,
 * and others' tests use its node_modules.) That one install serves every check: the
 * tarball's contents and manifest, a CommonJS and an ES module script, TypeScript type-checked
 * strictly under node16 and bundler resolution, TypeScript programs compiled and run (among them
 * the SDK README's example and the root README's SDK example, whose output must be what the root
 * README prints), the packed README's links, and a browser bundle. The scripts query the real API on a local port, and
 * what they print is compared with what the API answers.
 */
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absoluteLinks, projectFields, readProjectUrl } from "../scripts/pack.js";
import { fencedBlocks, sameOutput } from "./fenced-blocks.js";
import { startServer, type TestServer } from "./support.js";

const run = promisify(execFile);
const sdkDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(sdkDir, "../..");
const consumersDir = join(sdkDir, "test/consumers");
const sdkManifest = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8"));

let home: string;
let root: string;
let packageDir: string;
let tarball: string;
let server: TestServer;

/**
 * The environment of every command run in the consumer project: this process's, without what
 * npx, pnpm or vitest put there for the workspace (npm_config_local_prefix=<the repository>,
 * npm_package_*, NODE_PATH, NODE_OPTIONS …). Only the npm settings that say how to reach the
 * registry (registry, cache, certificates, proxies, user config) stay.
 */
const keptNpmConfig =
  /^npm_config_(registry|@[^:]+:registry|cache|userconfig|globalconfig|cafile|ca|strict_ssl|(https_)?proxy|noproxy|nodedir)$/i;
function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => keptNpmConfig.test(name) || !/^(npm_|pnpm_|NODE_PATH$|NODE_OPTIONS$|VITEST|INIT_CWD$)/i.test(name),
    ),
  );
  return { ...env, ...extra };
}

/** Runs a command in the consumer project; on failure the error names the command and its output. */
async function inConsumer(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    return await run(file, args, { cwd: root, env: consumerEnv(env), maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`${basename(file)} ${args.join(" ")}\` failed in ${root}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

async function node(script: string, ...args: string[]) {
  const { stdout } = await inConsumer(process.execPath, [join(root, script), ...args]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const tsc = (...args: string[]) => inConsumer(join(root, "node_modules/.bin/tsc"), args);

/** Asks the API directly (no SDK): the expected answers. */
async function api<T>(query: string, body: Record<string, unknown> = { query }): Promise<T> {
  const response = await fetch(server.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: T; errors?: unknown };
  if (!answer.data || answer.errors) throw new Error(`The API answered ${JSON.stringify(answer)} to ${query}`);
  return answer.data;
}

/** The SDK README's install block: the commands an app's author runs, one per line (comments dropped). */
function installCommands(): { commands: string[]; printed: string } {
  const block = fencedBlocks("packages/sdk/README.md").find(
    (b) => b.lang === "sh" && b.code.includes("pack:sdk ~/my-app"),
  );
  if (!block) throw new Error("packages/sdk/README.md has no ```sh block that runs `pack:sdk ~/my-app`");
  const lines = block.code.split("\n").filter((line) => line.trim() && !line.trimStart().startsWith("#"));
  // What the README says pack:sdk prints (its comment).
  const printed = /prints (\S+)/.exec(block.code)?.[1];
  if (!printed) throw new Error(`packages/sdk/README.md:${block.line}: the pack:sdk line does not say what it prints`);
  return {
    commands: lines.map((line) => line.replace(/\s+#.*$/, "")).filter((line) => !/^npx -y pnpm@10 install$/.test(line)),
    printed,
  };
}

beforeAll(async () => {
  home = realpathSync(mkdtempSync(join(tmpdir(), "fentrace-sdk-home-")));
  root = join(home, "my-app");
  // A node_modules in a parent folder (e.g. /tmp/node_modules) would hand the consumer packages
  // its install did not give it.
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules")))
      throw new Error(`${dir}/node_modules exists: the consumer is not isolated`);
    if (dirname(dir) === dir) break;
  }
  mkdirSync(root);
  // The app exists before the SDK is added: its own tools, at the versions this repository pins,
  // come with the README's `npm install ./fentrace-sdk-….tgz` in the same install.
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({
      name: "fentrace-sdk-consumer",
      private: true,
      devDependencies: {
        typescript: sdkManifest.devDependencies.typescript,
        "@types/node": sdkManifest.devDependencies["@types/node"],
      },
    }),
  );
  for (const file of readdirSync(consumersDir)) copyFileSync(join(consumersDir, file), join(root, file));
  const { commands, printed } = installCommands();
  const { stdout: npmCache } = await run("npm", ["config", "get", "cache"]);
  const started = performance.now();
  let stdout: string;
  try {
    ({ stdout } = await run("sh", ["-e", "-c", commands.join("\n")], {
      cwd: repoRoot,
      env: consumerEnv({
        HOME: home,
        // npx keeps pnpm in npm's cache: the user's, not one under the new HOME. The rest are
        // the quiet, cache-first forms of npm install's flags (the README's command stays as written).
        npm_config_cache: npmCache.trim(),
        npm_config_prefer_offline: "true",
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_loglevel: "error",
      }),
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `The SDK README's install commands failed (HOME=${home}):\n${commands.join("\n")}\n${stdout}${stderr}`,
    );
  }
  const installMs = performance.now() - started;
  tarball = join(root, basename(printed));
  // pack:sdk prints the tarball's path: the one the README says.
  expect(stdout.split("\n")).toContain(printed.replace(/^~/, home));
  console.log(`the README's pack:sdk and npm install ${Math.round(installMs)} ms (${root})`);
  // npm exits 1 with no message on a `catalog:` or `workspace:` version.
  const { stdout: packed } = await run("tar", ["-xzOf", tarball, "package/package.json"]);
  const unresolved = /"[^"]+": "(catalog|workspace):[^"]*"/.exec(packed);
  if (unresolved) throw new Error(`${tarball}'s package.json has ${unresolved[0]}: npm cannot install it`);
  packageDir = join(root, "node_modules/@fentrace/sdk");
  server = await startServer();
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

// The checks are independent (each reads the install and writes its own files): run them side by
// side. Each starts processes (a tsc run alone takes 5–15 s), hence the limit well above vitest's 20 s.
describe.concurrent("the packed SDK, installed with npm outside the workspace", { timeout: 120_000 }, () => {
  it("the tarball holds dist, LICENSE, README and a package.json with every version resolved", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    expect(stdout.trim().split("\n").sort()).toEqual(
      [
        "LICENSE",
        "README.md",
        "dist/index.cjs",
        "dist/index.cjs.map",
        "dist/index.d.cts",
        "dist/index.d.ts",
        "dist/index.js",
        "dist/index.js.map",
        "package.json",
      ].map((file) => `package/${file}`),
    );
    const raw = readFileSync(join(packageDir, "package.json"), "utf8");
    expect(raw).not.toMatch(/"(catalog|workspace):/);
    const pkg = JSON.parse(raw);
    expect(pkg).toMatchObject({
      name: "@fentrace/sdk",
      version: sdkManifest.version,
      license: "MIT",
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
      publishConfig: { access: "public" },
    });
    expect(pkg.scripts).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
    expect(Object.keys(pkg.dependencies).sort()).toEqual(Object.keys(sdkManifest.dependencies).sort());
    expect(readFileSync(join(packageDir, "LICENSE"), "utf8")).toBe(readFileSync(join(repoRoot, "LICENSE"), "utf8"));
    // The README as npm shows it: the repository's, its links made absolute (scripts/pack.ts).
    expect(readFileSync(join(packageDir, "README.md"), "utf8")).toBe(
      absoluteLinks(readFileSync(join(sdkDir, "README.md"), "utf8"), "packages/sdk/README.md", readProjectUrl()),
    );
    expect(pkg).toMatchObject(projectFields(readProjectUrl()));
    // The app records the tarball as the README says.
    const app = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(app.dependencies).toEqual({ "@fentrace/sdk": `file:${basename(tarball)}` });
  });

  it("the packed README has no relative link, and every link into the repository names one of its paths", () => {
    const readme = readFileSync(join(packageDir, "README.md"), "utf8").replace(/^```[\s\S]*?^```/gm, "");
    const targets = [
      ...[...readme.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1] ?? ""),
      ...[...readme.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? ""),
      ...[...readme.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1] ?? ""),
    ];
    expect(targets.length).toBeGreaterThan(5);
    const projectUrl = readProjectUrl();
    let intoRepository = 0;
    for (const target of targets) {
      expect(/^(https?:|mailto:|#)/.test(target), `relative link ${target}`).toBe(true);
      const path = new RegExp(`^${projectUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/(blob|tree)/main/([^#?]*)`).exec(
        target,
      );
      if (!path) continue;
      intoRepository += 1;
      expect(existsSync(join(repoRoot, path[2] ?? "")), `${target}: no ${path[2]} in the repository`).toBe(true);
    }
    expect(intoRepository).toBeGreaterThan(5);
  });

  it("npm installed the dependencies at the versions the workspace uses, each once, inside the project", async () => {
    const workspaceVersion = (name: string) =>
      JSON.parse(readFileSync(join(sdkDir, "node_modules", name, "package.json"), "utf8")).version;
    const { stdout } = await inConsumer("npm", ["ls", "--all", "--json"]);
    const tree = JSON.parse(stdout);
    const sdk = tree.dependencies["@fentrace/sdk"];
    for (const name of Object.keys(sdkManifest.dependencies)) {
      expect(sdk.dependencies[name]?.version, name).toBe(workspaceVersion(name));
    }
    const graphqlCopies = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((path) =>
      path.split(sep).join("/").endsWith("node_modules/graphql/package.json"),
    );
    expect(graphqlCopies).toEqual([join("node_modules", "graphql", "package.json")]);
    // What Node resolves from the project (both module systems) lies inside it: no link out.
    const { stdout: resolved } = await inConsumer(process.execPath, [
      "--input-type=module",
      "-e",
      `import { createRequire } from "node:module";
       const require = createRequire(process.cwd() + "/");
       const names = ["@fentrace/sdk", "graphql", "graphql-request"];
       console.log(JSON.stringify([...names.map((n) => require.resolve(n)), ...names.map((n) => new URL(import.meta.resolve(n)).pathname)]));`,
    ]);
    for (const path of JSON.parse(resolved) as string[])
      expect(realpathSync(path).startsWith(`${root}${sep}`), path).toBe(true);
  });

  it("declares exactly the values it exports, in both builds", async () => {
    const keys = async (args: string[]) => JSON.parse((await inConsumer(process.execPath, args)).stdout) as string[];
    const esm = await keys([
      "--input-type=module",
      "-e",
      'console.log(JSON.stringify(Object.keys(await import("@fentrace/sdk")).sort()))',
    ]);
    const cjs = await keys(["-e", 'console.log(JSON.stringify(Object.keys(require("@fentrace/sdk")).sort()))']);
    expect(cjs).toEqual(esm);
    for (const declarations of ["dist/index.d.ts", "dist/index.d.cts"]) {
      const exported = /export \{([^}]*)\};\s*$/.exec(readFileSync(join(packageDir, declarations), "utf8"))?.[1] ?? "";
      const values = exported
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith("type ") && name !== "schema as Schema"); // a namespace of types
      expect(values.sort(), declarations).toEqual(esm);
    }
    expect(esm).toEqual([
      "DEFAULT_ALL_MAX",
      "DEFAULT_ENDPOINT",
      "FentraceError",
      "VERSION",
      "createClient",
      "paginate",
    ]);
  });

  it('has no side effects on import, as "sideEffects": false tells bundlers (both builds)', async () => {
    const effects = (load: string) =>
      `const before = new Set(Reflect.ownKeys(globalThis)); const log = console.log; let printed = 0;
       for (const name of ["log", "info", "warn", "error", "debug"]) console[name] = () => { printed++; };
       ${load};
       console.log = log;
       log(JSON.stringify({ globals: Reflect.ownKeys(globalThis).filter((key) => !before.has(key)).map(String), printed }));`;
    for (const args of [
      ["--input-type=module", "-e", effects('await import("@fentrace/sdk")')],
      ["-e", effects('require("@fentrace/sdk")')],
    ]) {
      const { stdout, stderr } = await inConsumer(process.execPath, args);
      expect({ ...JSON.parse(stdout), stderr }, args[args.length - 1]).toEqual({ globals: [], printed: 0, stderr: "" });
    }
  });

  /** What consumer.cjs and consumer.mjs print, asked of the API directly. */
  async function expectedCounts() {
    const data = await api<{ dataset: { counts: { figures: number } }; units: { totalCount: number } }>(
      "{ dataset { counts { figures } } units { totalCount } }",
    );
    return { figures: data.dataset.counts.figures, units: data.units.totalCount };
  }

  it("works from a plain Node CommonJS script (require)", async () => {
    expect(await node("consumer.cjs", server.endpoint)).toEqual({
      format: "cjs",
      version: sdkManifest.version,
      ...(await expectedCounts()),
      error: { isFentraceError: true, code: "BAD_USER_INPUT" },
    });
  });

  it("works from a Node ES module script (import)", async () => {
    expect(await node("consumer.mjs", server.endpoint)).toEqual({
      format: "esm",
      version: sdkManifest.version,
      ...(await expectedCounts()),
      error: { isFentraceError: true, code: "BAD_USER_INPUT" },
    });
  });

  // Library checks on (the SDK's own .d.ts/.d.cts are what is tested), except for TypeScript's
  // default libraries; no @types: the SDK needs only the DOM's fetch types.
  const libraryChecks = {
    noEmit: true,
    strict: true,
    target: "es2022",
    lib: ["es2022", "dom"],
    types: [],
    skipLibCheck: false,
    skipDefaultLibCheck: true,
  };

  it("type-checks strictly from TypeScript in both module systems (node16 resolution)", async () => {
    writeFileSync(
      join(root, "tsconfig.node16.json"),
      JSON.stringify({
        compilerOptions: { ...libraryChecks, module: "node16", moduleResolution: "node16" },
        files: ["typed.cts", "typed.mts"],
      }),
    );
    const { stdout } = await tsc("-p", "tsconfig.node16.json");
    expect(stdout).toBe("");
  });

  it("type-checks strictly with bundler resolution", async () => {
    writeFileSync(
      join(root, "tsconfig.bundler.json"),
      JSON.stringify({
        compilerOptions: { ...libraryChecks, module: "esnext", moduleResolution: "bundler" },
        files: ["typed-bundler.ts"],
      }),
    );
    const { stdout } = await tsc("-p", "tsconfig.bundler.json");
    expect(stdout).toBe("");
  });

  it("runs TypeScript compiled by tsc, from an ES module and a CommonJS module", async () => {
    writeFileSync(
      join(root, "tsconfig.run.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "node16", target: "es2022", types: ["node"], outDir: "out-typed" },
        files: ["typed-main.mts", "typed.mts", "typed.cts"],
      }),
    );
    await tsc("-p", "tsconfig.run.json");
    const data = await api<{ figures: { totalCount: number; edges: { node: { id: string } }[] } }>(
      "{ figures(first: 1) { totalCount edges { node { id } } } }",
    );
    expect(await node("out-typed/typed-main.mjs", server.endpoint)).toEqual({
      figures: data.figures.totalCount,
      firstId: data.figures.edges[0]?.node.id,
    });
  });

  it("runs the README's example (compiled by tsc), printing what the API returns", async () => {
    const readme = readFileSync(join(sdkDir, "README.md"), "utf8");
    const example = /^## Example\n[\s\S]*?```ts\n([\s\S]*?)```/m.exec(readme)?.[1];
    if (!example) throw new Error("packages/sdk/README.md has no ```ts block under its ## Example heading");
    // Its own server, so that the requests it made can be told apart and asked again.
    const exampleServer = await startServer();
    try {
      writeFileSync(
        join(root, "readme-example.mts"),
        example.replaceAll('"http://127.0.0.1:4000/graphql"', JSON.stringify(exampleServer.endpoint)),
      );
      writeFileSync(
        join(root, "tsconfig.example.json"),
        JSON.stringify({
          compilerOptions: { strict: true, module: "node16", target: "es2022", types: ["node"], outDir: "out-example" },
          files: ["readme-example.mts"],
        }),
      );
      await tsc("-p", "tsconfig.example.json");
      const { stdout } = await inConsumer(process.execPath, [join(root, "out-example/readme-example.mjs")], {
        FENTRACE_ENDPOINT: exampleServer.endpoint,
      });
      expect(exampleServer.requests.length, "the example sent no request to the test API").toBeGreaterThan(0);
      // Each request the example made, sent again: every record with a citation in the answers
      // appears in the output, in order, with its value (null for a figure that states none).
      const records: { value?: number | null; citation: { short: string } }[] = [];
      const collect = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === "object") {
          const record = value as { citation?: { short?: unknown } };
          if (typeof record.citation?.short === "string") records.push(record as (typeof records)[number]);
          else Object.values(value).forEach(collect);
        }
      };
      for (const { method, url, body } of exampleServer.requests) {
        // The SDK sends persisted-operation ids by GET (the query string is the request); a
        // document it sends as text comes by POST.
        if (method === "GET") {
          const answer = (await (await fetch(new URL(url, server.endpoint))).json()) as { data?: unknown };
          collect(answer.data);
        } else collect(await api("(the example's request)", JSON.parse(body)));
      }
      expect(records.length, "the example's answers hold no record with a citation").toBeGreaterThan(0);
      let from = 0;
      for (const { value, citation } of records) {
        const at = stdout.indexOf(citation.short, from);
        expect(
          at,
          `"${citation.short}" in the example's output after offset ${from}:\n${stdout}`,
        ).toBeGreaterThanOrEqual(0);
        if (typeof value === "number") {
          const shown = stdout.slice(from, at);
          expect(
            [String(value), value.toLocaleString("en-US")].some((form) => shown.includes(form)),
            `${value} before "${citation.short}" in:\n${shown}`,
          ).toBe(true);
        }
        from = at + citation.short.length;
      }
    } finally {
      await exampleServer.close();
    }
  });

  it("runs the root README's SDK example (compiled by tsc), printing what the README shows", async () => {
    const examples = fencedBlocks("README.md").filter((b) => b.lang === "ts" && b.code.includes('"@fentrace/sdk"'));
    expect(examples.length, "README.md's ```ts blocks that import @fentrace/sdk").toBe(1);
    const [example] = examples;
    if (!example?.output) throw new Error(`README.md:${example?.line}: the SDK example shows no output block after it`);
    const exampleServer = await startServer();
    try {
      writeFileSync(
        join(root, "root-readme-example.mts"),
        `${example.code.replaceAll('"http://127.0.0.1:4000/graphql"', JSON.stringify(exampleServer.endpoint))}\nexport {};\n`,
      );
      writeFileSync(
        join(root, "tsconfig.root-example.json"),
        JSON.stringify({
          compilerOptions: { strict: true, module: "node16", target: "es2022", types: ["node"], outDir: "out-root" },
          files: ["root-readme-example.mts"],
        }),
      );
      await tsc("-p", "tsconfig.root-example.json");
      const { stdout } = await inConsumer(process.execPath, [join(root, "out-root/root-readme-example.mjs")]);
      expect(exampleServer.requests.length, "the example sent no request to the test API").toBeGreaterThan(0);
      expect(
        sameOutput(stdout, example.output.code),
        `printed:\n${stdout}\nREADME.md:${example.output.line}:\n${example.output.code}`,
      ).toBe(true);
    } finally {
      await exampleServer.close();
    }
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
    // Run it with `document` defined (so the SDK takes itself for a browser): nothing but the
    // bundle is loaded.
    writeFileSync(
      join(root, "run-bundle.mjs"),
      `globalThis.document = {};\nconst { run } = await import(${JSON.stringify(join(outDir, "browser.js"))});\nconsole.log(JSON.stringify(await run(process.argv[2])));\n`,
    );
    // Its own server, so that the user-agents it records are the bundle's.
    const bundleServer = await startServer();
    try {
      expect(await node("run-bundle.mjs", bundleServer.endpoint)).toEqual({
        figures: (await expectedCounts()).figures,
        code: "NOT_FOUND",
      });
      // In a browser the SDK leaves the user-agent to the browser.
      expect(bundleServer.requests.length).toBeGreaterThan(0);
      for (const request of bundleServer.requests)
        expect(request.headers["user-agent"] ?? "").not.toContain("@fentrace/sdk");
    } finally {
      await bundleServer.close();
    }
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
