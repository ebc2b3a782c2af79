/**
 * Request-scoped data: the row loader, the work meter and the dataset info (the PrismaClient
 * lives in db.ts, the typed read path in data/).
 */
import type { IncomingMessage } from "node:http";
import { getConfig } from "./config.js";
import { RowLoader } from "./data/rows.js";
import { prisma } from "./db.js";
import type { DatasetInfo } from "./generated/prisma/client.js";
import { type WorkBudgetContext, type WorkBudgetLimits, WorkMeter } from "./work-budget.js";

export interface GraphQLContext extends WorkBudgetContext {
  /** Rows by key for this request: cached for the process, batched per table (data/rows.ts). */
  rows: RowLoader;
  /** The DatasetInfo row (version, licence, build time), read once per process (it never changes). */
  datasetInfo: () => Promise<DatasetInfo>;
  /** The Node request, when the request handler serves it over HTTP (Yoga's server context). */
  req?: IncomingMessage;
  /** The Fetch request Yoga made of it (Yoga's initial context). */
  request?: Request;
}

let info: Promise<DatasetInfo> | undefined;

function datasetInfo(): Promise<DatasetInfo> {
  info ??= prisma.datasetInfo.findUniqueOrThrow({ where: { id: 1 } });
  info.catch(() => {
    info = undefined; // read it again next time
  });
  return info;
}

/** A request's context; `limits` defaults to the server's configured work budget. */
export function createContext(limits: WorkBudgetLimits = getConfig().limits): GraphQLContext {
  return { workMeter: new WorkMeter(limits), rows: new RowLoader(), datasetInfo };
}
