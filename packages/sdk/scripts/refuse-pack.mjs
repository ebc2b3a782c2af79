// The `prepack` of packages/sdk: `npm pack`, `pnpm pack`, `npm publish` and `pnpm publish` run here
// would make a tarball without dist/ (and npm's keeps `"graphql": "catalog:"`, which npm cannot
// install). Say which command makes the right one, and stop.
console.error(
  [
    "@fentrace/sdk is not packed from packages/sdk: run `npx -y pnpm@10 pack:sdk [destination]` from the",
    "repository root (packages/sdk/scripts/pack.ts). It builds dist/ and resolves the catalog: and workspace:",
    "versions, then prints the tarball's path. Install that file (`npm install ./fentrace-sdk-<version>.tgz`)",
    "or publish it (`npm publish ./fentrace-sdk-<version>.tgz`).",
  ].join("\n"),
);
process.exit(1);
