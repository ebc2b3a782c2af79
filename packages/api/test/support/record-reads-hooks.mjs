// Module hooks of record-reads.mjs: logs the file of every module resolved.
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let log;

export function initialize(data) {
  log = data.log;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (log && result.url.startsWith("file:")) appendFileSync(log, `${fileURLToPath(result.url)}\n`);
  return result;
}
