// A plain Node ES module script using the built package through its exports map.
import { createClient, FentraceError, paginate, VERSION } from "@fentrace/sdk";

const client = createClient({ endpoint: process.argv[2], retries: 0 });
const { dataset } = await client.dataset();
const units = await paginate(client.units, {}, { pageSize: 10 }).all();
const error = await client.figures({ first: 500 }).catch((e) => e);
console.log(
  JSON.stringify({
    format: typeof module === "object" ? "cjs" : "esm",
    version: VERSION,
    figures: dataset.counts.figures,
    units: units.length,
    error: { isFentraceError: error instanceof FentraceError, code: error.code },
  }),
);
