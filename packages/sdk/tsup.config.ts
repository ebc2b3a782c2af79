import { defineConfig } from "tsup";

// ESM (dist/index.js) and CommonJS (dist/index.cjs), each with its declarations (.d.ts, .d.cts).
// Dependencies (graphql-request, graphql) stay external: the application's bundler or Node
// resolves them.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: true,
  clean: true,
  treeshake: true,
  outDir: "dist",
});
