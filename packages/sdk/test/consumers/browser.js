// Bundled for the browser by the packaging test: the SDK and its dependencies, no Node built-ins.
import { createClient, FentraceError } from "@fentrace/sdk";

export async function run(endpoint) {
  const client = createClient({ endpoint, retries: 0 });
  const { dataset } = await client.dataset();
  const error = await client.figure({ id: "nope" }).catch((e) => e);
  return { figures: dataset.counts.figures, code: error instanceof FentraceError ? error.code : "?" };
}
