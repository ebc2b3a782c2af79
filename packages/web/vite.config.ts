/**
 * Builds the overview page into dist/, which the API serves at `/` (packages/api/src/plugins/web-page.ts).
 * `vite` (dev) proxies the API's routes to a running API (FENTRACE_API, default
 * http://127.0.0.1:4000), so the page talks to the same origin in both cases.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const api = process.env.FENTRACE_API ?? "http://127.0.0.1:4000";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    // Build from the SDK's TypeScript sources: no separate SDK build step is needed.
    alias: { "@fentrace/sdk": fileURLToPath(new URL("../sdk/src/index.ts", import.meta.url)) },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // Chart.js is most of the bundle; one chunk of ~250 kB is fine for this page.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { "/graphql": api, "/downloads": api },
  },
});
