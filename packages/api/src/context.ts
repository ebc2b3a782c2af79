/** Request-scoped data: nothing but per-request caches (the PrismaClient lives in db.ts). */
import type { DatasetInfo } from "./generated/prisma/client.js";
import { prisma } from "./db.js";

export interface GraphQLContext {
  /** The DatasetInfo row (version, licence, build time), loaded at most once per request. */
  datasetInfo: () => Promise<DatasetInfo>;
}

export function createContext(): GraphQLContext {
  let info: Promise<DatasetInfo> | undefined;
  return {
    datasetInfo: () => {
      info ??= prisma.datasetInfo.findUniqueOrThrow({ where: { id: 1 } });
      return info;
    },
  };
}
