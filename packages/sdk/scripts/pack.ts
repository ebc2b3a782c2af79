/**
 * Makes the SDK's npm tarball, the file an app installs with plain npm (and the file to publish):
 *
 *   npx -y pnpm@10 pack:sdk [destination]     # from the repository root; prints the tarball's path
 *
 * `npm pack` and `pnpm pack` in packages/sdk are refused (scripts/refuse-pack.mjs): the first
 * ships `"graphql": "catalog:"`, which npm cannot install (it exits 1 with no message), and
 * neither builds dist/. This script builds dist/ (tsup) into a staging directory outside the
 * workspace, with README.md, LICENSE and a package.json whose `catalog:` and `workspace:` versions
 * are resolved (from pnpm-workspace.yaml and the workspace's package.json files) and without
 * `scripts` and `devDependencies` (they only mean something inside this repository), then runs
 * `npm pack` on it. packages/sdk/dist is never touched.
 *
 * npm shows the README outside this repository (on npmjs.com, in an editor's hover): its relative
 * links are rewritten to absolute URLs of the repository, and the manifest gets `repository`,
 * `homepage` and `bugs`. The project's URL is written in one place, the root package.json's
 * `repository.url`; this script reads it from there.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";

const sdkDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(sdkDir, "../..");

type Manifest = Record<string, unknown> & { name: string; version: string };
type Dependencies = Record<string, string>;

/** The catalogs of pnpm-workspace.yaml: `catalog` is the default one, `catalogs` the named ones. */
export interface Catalogs {
  [catalog: string]: Dependencies;
}

export function readCatalogs(workspaceFile = join(repoRoot, "pnpm-workspace.yaml")): Catalogs {
  const workspace = (parse(readFileSync(workspaceFile, "utf8")) ?? {}) as {
    catalog?: Dependencies;
    catalogs?: Record<string, Dependencies>;
  };
  return { ...workspace.catalogs, default: { ...workspace.catalogs?.default, ...workspace.catalog } };
}

/** The version of every package of the workspace (packages/*), by name. */
export function readWorkspaceVersions(packagesDir = join(repoRoot, "packages")): Dependencies {
  const versions: Dependencies = {};
  for (const entry of readdirSync(packagesDir)) {
    const file = join(packagesDir, entry, "package.json");
    if (!existsSync(file)) continue;
    const { name, version } = JSON.parse(readFileSync(file, "utf8")) as Partial<Manifest>;
    if (name && version) versions[name] = version;
  }
  return versions;
}

/** One dependency's version as npm will read it; throws, naming the field and dependency, when it cannot. */
export function resolveSpec(
  field: string,
  name: string,
  spec: string,
  catalogs: Catalogs,
  workspaceVersions: Dependencies,
): string {
  if (spec.startsWith("catalog:")) {
    const catalog = spec.slice("catalog:".length) || "default";
    const version = catalogs[catalog]?.[name];
    if (!version) {
      throw new Error(
        `${field}.${name} is "${spec}", but pnpm-workspace.yaml's ${catalog === "default" ? "catalog" : `catalogs.${catalog}`} has no "${name}"`,
      );
    }
    return version;
  }
  if (spec.startsWith("workspace:")) {
    const version = workspaceVersions[name];
    if (!version) throw new Error(`${field}.${name} is "${spec}", but no package of packages/* is named "${name}"`);
    const range = spec.slice("workspace:".length);
    if (range === "*") return version;
    if (range === "^" || range === "~") return `${range}${version}`;
    return range;
  }
  return spec;
}

/**
 * The package.json that goes into the tarball: the SDK's own, with every dependency's version
 * resolved, and without `scripts` (an installed package runs none of them; its prepack would refuse
 * to pack) and `devDependencies` (the SDK's build tools and the private @fentrace/api).
 */
export function publishedManifest(manifest: Manifest, catalogs: Catalogs, workspaceVersions: Dependencies): Manifest {
  const { scripts: _scripts, devDependencies: _devDependencies, ...published } = manifest;
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    const dependencies = published[field] as Dependencies | undefined;
    if (!dependencies) continue;
    published[field] = Object.fromEntries(
      Object.entries(dependencies).map(([name, spec]) => [
        name,
        resolveSpec(field, name, spec, catalogs, workspaceVersions),
      ]),
    );
  }
  return published as Manifest;
}

/** The branch the repository's web links point into. */
const DEFAULT_BRANCH = "main";

/** The project's web address (https://…, no trailing ".git"), from the root package.json's `repository.url`. */
export function readProjectUrl(rootManifest = join(repoRoot, "package.json")): string {
  const { repository } = JSON.parse(readFileSync(rootManifest, "utf8")) as {
    repository?: string | { url?: string };
  };
  const url = typeof repository === "string" ? repository : repository?.url;
  if (!url || !/^(git\+)?https:\/\/[^/]+\/.+/.test(url))
    throw new Error(
      `${rootManifest}: "repository.url" must be the project's https:// address (got ${JSON.stringify(url)})`,
    );
  return url
    .replace(/^git\+/, "")
    .replace(/\.git$/, "")
    .replace(/\/$/, "");
}

/** `repository`, `homepage` and `bugs` of the packed manifest, all derived from the project's URL. */
export function projectFields(projectUrl: string, packageDir = "packages/sdk") {
  return {
    repository: { type: "git", url: `git+${projectUrl}.git`, directory: packageDir },
    homepage: `${projectUrl}/tree/${DEFAULT_BRANCH}/${packageDir}#readme`,
    bugs: { url: `${projectUrl}/issues` },
  };
}

/** A link target that leaves the repository's files alone: a URL with a scheme (https:, mailto:) or an anchor of the same page. */
const isAbsoluteTarget = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#");

/**
 * The Markdown `markdown` of `file` (a path relative to the repository root) with every relative
 * link (inline `[text](target)`, reference `[name]: target`, HTML `href`/`src`) made an absolute
 * URL of the project: a file's `blob/<branch>/<path>`, a folder's `tree/<branch>/<path>`, its
 * `#anchor` kept. Code blocks are left as they are. A link to a path that does not exist is an
 * error naming the file, the line and the path, rather than a dead link on npm.
 */
export function absoluteLinks(markdown: string, file: string, projectUrl: string, root = repoRoot): string {
  const fromDir = posix.dirname(file);
  let inFence = false;
  return markdown
    .split("\n")
    .map((line, index) => {
      if (/^\s*```/.test(line)) inFence = !inFence;
      if (inFence || /^\s*```/.test(line)) return line;
      const absolute = (target: string): string => {
        if (isAbsoluteTarget(target)) return target;
        const [, pathPart = "", rest = ""] = /^([^#?]*)(.*)$/.exec(target) ?? [];
        const repoPath = pathPart.startsWith("/")
          ? posix.normalize(pathPart.slice(1))
          : posix.normalize(posix.join(fromDir, pathPart));
        if (repoPath.startsWith("..") || !existsSync(join(root, repoPath)))
          throw new Error(
            `${file}:${index + 1}: the link "${target}" points at ${repoPath}, which is not a path of the repository`,
          );
        const kind = statSync(join(root, repoPath)).isDirectory() ? "tree" : "blob";
        const path = repoPath === "." ? "" : `/${repoPath.replace(/\/$/, "")}`;
        return `${projectUrl}/${kind}/${DEFAULT_BRANCH}${path}${rest}`;
      };
      return line
        .replace(/^(\s*\[[^\]]+\]:\s*)(\S+)/, (_, lead: string, target: string) => lead + absolute(target))
        .replace(/(\]\()([^)\s]+)/g, (_, lead: string, target: string) => lead + absolute(target))
        .replace(/(\b(?:href|src)=")([^"]+)/g, (_, lead: string, target: string) => lead + absolute(target));
    })
    .join("\n");
}

/**
 * The source maps name their sources relative to where they were built (the staging directory):
 * make them relative to packages/sdk/dist, as a build in place writes them. The sources themselves
 * are inside the maps (`sourcesContent`), so the tarball needs no src/.
 */
function relocateSourceMaps(distDir: string): void {
  for (const file of readdirSync(distDir).filter((file) => file.endsWith(".map"))) {
    const map = JSON.parse(readFileSync(join(distDir, file), "utf8")) as {
      sources: string[];
      sourcesContent?: unknown[];
    };
    if (map.sourcesContent?.length !== map.sources.length) throw new Error(`dist/${file} does not embed its sources`);
    map.sources = map.sources.map((source) =>
      relative(join(sdkDir, "dist"), resolve(distDir, source)).split(sep).join("/"),
    );
    writeFileSync(join(distDir, file), JSON.stringify(map));
  }
}

/** Builds and packs the SDK into `destination` (created if missing); returns the tarball's path. */
export function packSdk(destination: string): string {
  const manifest = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")) as Manifest;
  const files = manifest.files as string[];
  const stage = mkdtempSync(join(tmpdir(), "fentrace-sdk-stage-"));
  try {
    const tsup = join(sdkDir, "node_modules/.bin/tsup");
    execFileSync(tsup, ["--out-dir", join(stage, "dist"), "--silent"], { cwd: sdkDir, stdio: "inherit" });
    relocateSourceMaps(join(stage, "dist"));
    const projectUrl = readProjectUrl();
    for (const file of files.filter((file) => file !== "dist")) {
      if (!existsSync(join(sdkDir, file)))
        throw new Error(`package.json "files" lists ${file}, but packages/sdk/${file} does not exist`);
      if (file.endsWith(".md")) {
        const markdown = readFileSync(join(sdkDir, file), "utf8");
        writeFileSync(join(stage, file), absoluteLinks(markdown, `packages/sdk/${file}`, projectUrl));
      } else copyFileSync(join(sdkDir, file), join(stage, file));
    }
    const published = JSON.stringify(
      { ...publishedManifest(manifest, readCatalogs(), readWorkspaceVersions()), ...projectFields(projectUrl) },
      null,
      2,
    );
    // npm exits 1 with no message on such a version: never let one into the tarball.
    const unresolved = /"[^"]+": "(catalog|workspace):[^"]*"/.exec(published);
    if (unresolved)
      throw new Error(`The packed package.json would still have ${unresolved[0]}, which npm cannot install`);
    writeFileSync(join(stage, "package.json"), `${published}\n`);
    mkdirSync(destination, { recursive: true });
    const output = execFileSync(
      "npm",
      ["pack", stage, "--pack-destination", destination, "--json", "--ignore-scripts", "--loglevel=error"],
      { encoding: "utf8" },
    );
    const filename = (JSON.parse(output) as { filename?: string }[])[0]?.filename;
    if (!filename) throw new Error(`npm pack named no tarball: ${output}`);
    return join(destination, filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // pnpm runs root scripts in the repository root: a relative destination means the caller's folder.
  const callerDir = process.env.INIT_CWD ?? process.cwd();
  console.log(packSdk(resolve(callerDir, process.argv[2] ?? ".")));
}
