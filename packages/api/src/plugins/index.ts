/**
 * The production plugins of the Yoga app, in order: health endpoints, request info for the
 * access log, query limits, persisted operations, HTTP caching. See each module.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Config } from "../config.js";
import { datasetVersion, readiness } from "../db.js";
import { useHttpCaching, type VersionKey } from "./cache.js";
import { useHealthEndpoints } from "./health.js";
import { useLimits } from "./limits.js";
import { useRequestInfo } from "./logging.js";
import { loadPersistedOperations, type PersistedOperationStore, usePersistedOperationStore } from "./persisted.js";

const apiVersion = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/**
 * The version key: the dataset version, then a hash of the API's version and printed schema, so
 * that cached answers and ETags change with a new dataset release and with a new API build.
 */
export function versionKeyLoader(schema: GraphQLSchema): () => Promise<VersionKey> {
  const build = createHash("sha256")
    .update(`${apiVersion}\n${printSchema(lexicographicSortSchema(schema))}`)
    .digest("hex")
    .slice(0, 8);
  let loaded: Promise<VersionKey> | undefined;
  return () => {
    loaded ??= datasetVersion().then((dataset) => ({ dataset, key: `${dataset}.${build}` }));
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
}

export interface ProductionPlugins {
  plugins: Plugin[];
  persisted: PersistedOperationStore;
}

export function productionPlugins(
  config: Pick<Config, "limits" | "cache">,
  schema: GraphQLSchema,
  persisted: PersistedOperationStore = loadPersistedOperations(),
): ProductionPlugins {
  const version = versionKeyLoader(schema);
  return {
    persisted,
    plugins: [
      useHealthEndpoints({ check: readiness }),
      useRequestInfo() as Plugin,
      useLimits(config.limits, persisted),
      usePersistedOperationStore(persisted),
      useHttpCaching({
        maxAge: config.cache.maxAge,
        responseCache: config.cache.enabled,
        maxEntries: config.cache.maxEntries,
        maxBytes: config.cache.maxBytes,
        version,
      }),
    ],
  };
}
