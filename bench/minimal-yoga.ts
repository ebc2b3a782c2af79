/**
 * The floor's baseline: graphql-yoga with no plugins and a one-field schema on node:http, so that
 * `{ __typename }` measures what the API adds around the GraphQL server it is built on (limits,
 * logging, caches, headers …), not GraphQL execution.
 *
 * Usage: node --import tsx bench/minimal-yoga.ts <port>
 *
 * graphql-yoga is a dependency of packages/api, not of the root: it is loaded from there (the
 * same copy and the same ES module build the API imports).
 */
import { readFileSync } from "node:fs";
import { createServer, type RequestListener } from "node:http";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The part of graphql-yoga used here. */
interface YogaModule {
  createSchema(options: { typeDefs: string }): unknown;
  createYoga(options: {
    schema: unknown;
    logging: boolean;
    graphqlEndpoint: string;
    landingPage: boolean;
  }): RequestListener;
}

/** The ES module entry of graphql-yoga as resolved from packages/api. */
function yogaEntry(): string {
  const apiDir = resolve(import.meta.dirname, "../packages/api");
  let dir = dirname(createRequire(resolve(apiDir, "package.json")).resolve("graphql-yoga"));
  for (;;) {
    const file = resolve(dir, "package.json");
    try {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as {
        name?: string;
        exports?: { ".": { import: { default: string } } };
      };
      if (manifest.name === "graphql-yoga")
        return resolve(dir, manifest.exports?.["."].import.default ?? "esm/index.js");
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) throw new Error("graphql-yoga not found from packages/api");
    dir = dirname(dir);
  }
}

const { createSchema, createYoga } = (await import(pathToFileURL(yogaEntry()).href)) as YogaModule;
const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { hello: String }" }),
  logging: false,
  graphqlEndpoint: "/graphql",
  landingPage: false,
});
createServer(yoga).listen(Number(process.argv[2]), "127.0.0.1");
