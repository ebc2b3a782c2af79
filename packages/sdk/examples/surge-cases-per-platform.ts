/**
 * How many cases per platform did the DEA report for its 2021 public safety surge? Prints each
 * platform's figures with the words that state them and how to cite them.
 *
 *   npx -y pnpm@10 start                                   # the API on http://127.0.0.1:4000/graphql
 *   FENTRACE_ENDPOINT=http://127.0.0.1:4000/graphql npx -y pnpm@10 --filter @fentrace/sdk example
 *
 * In your own project, import from "@fentrace/sdk" instead of "../src/index.js".
 */
import { pathToFileURL } from "node:url";
import { createClient, type FentraceClient } from "../src/index.js";

export async function printSurgeCasesPerPlatform(
  client: FentraceClient,
  print: (line: string) => void = console.log,
): Promise<void> {
  const [{ operation }, { metric }] = await Promise.all([
    client.operation({ id: "op-dea-surge-2021" }),
    client.metric({ key: "cases_by_platform" }),
  ]);
  const { figureStats } = await client.figureStats({
    groupBy: "PLATFORM",
    filter: { operation: [operation.slug], metric: { eq: metric.key } },
    figuresOrderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }],
  });

  print(`${operation.name} (${operation.dates.text}): ${metric.name.toLowerCase()}`);
  const groups = [...figureStats.groups].sort((a, b) => (b.max ?? 0) - (a.max ?? 0));
  for (const group of groups) {
    const figures = group.figures.edges.map((edge) => edge.node);
    print("");
    print(`${group.label}: ${figures.map((figure) => `${figure.value} ${figure.unit}`).join(", ")}`);
    for (const figure of figures) {
      print(`  ${figure.label} (${figure.qualifier.toLowerCase().replace("_", " ")})`);
      print(`    “${figure.evidence.text}”`);
      print(`    Cite: ${figure.citation.long}`);
    }
  }
  for (const warning of figureStats.warnings) print(`\nNote: ${warning}`);
  if (!metric.additive)
    print(`\nNote: ${metric.name} are not additive (one case can involve several platforms): do not add them up.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const client = createClient({ userAgent: "fentrace-example/1" });
  printSurgeCasesPerPlatform(client).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
