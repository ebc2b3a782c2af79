// Type-checked as an ES module (module node16): the `import` types (dist/index.d.ts) resolve.
import { createClient, paginate, type FigureFieldsFragment } from "@fentrace/sdk";

export async function allFigures(endpoint: string): Promise<FigureFieldsFragment[]> {
  return paginate(createClient({ endpoint }).figures).all();
}
