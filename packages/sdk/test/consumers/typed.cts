// Type-checked as CommonJS (module node16): the `require` types (dist/index.d.cts) resolve.
import { createClient, type FigureFieldsFragment } from "@fentrace/sdk";

export async function firstFigure(endpoint: string): Promise<FigureFieldsFragment | undefined> {
  const { figures } = await createClient({ endpoint }).figures({ first: 1 });
  return figures.edges[0]?.node;
}
