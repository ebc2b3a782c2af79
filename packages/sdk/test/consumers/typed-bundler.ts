// Type-checked with moduleResolution "bundler" (as Vite, esbuild or webpack apps do): the `import`
// types (dist/index.d.ts) resolve, and results are precisely typed.
import { createClient, FentraceError, type FigureFieldsFragment, type Schema } from "@fentrace/sdk";

export async function platformFigures(endpoint: string, platform: string): Promise<FigureFieldsFragment[]> {
  const filter: Schema.FigureFilter = { platform: [platform] };
  try {
    return await createClient({ endpoint }).figures.paginate({ filter }).all();
  } catch (error) {
    if (FentraceError.is(error) && error.code === "NOT_FOUND") return [];
    throw error;
  }
}
