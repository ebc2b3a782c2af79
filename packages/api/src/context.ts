/** Request-scoped data: per-request caches and the work meter (the PrismaClient lives in db.ts). */
import { getConfig } from "./config.js";
import { prisma } from "./db.js";
import type { DatasetInfo } from "./generated/prisma/client.js";
import { type WorkBudgetContext, type WorkBudgetLimits, WorkMeter } from "./work-budget.js";

export interface GraphQLContext extends WorkBudgetContext {
  /** The DatasetInfo row (version, licence, build time), loaded at most once per request. */
  datasetInfo: () => Promise<DatasetInfo>;
}

/** A request's context; `limits` defaults to the server's configured work budget. */
export function createContext(limits: WorkBudgetLimits = getConfig().limits): GraphQLContext {
  let info: Promise<DatasetInfo> | undefined;
  return {
    workMeter: new WorkMeter(limits),
    datasetInfo: () => {
      info ??= prisma.datasetInfo.findUniqueOrThrow({ where: { id: 1 } });
      return info;
    },
  };
}
