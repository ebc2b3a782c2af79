/* eslint-disable */
// biome-ignore-all lint: generated code
// Generated from packages/sdk/src/operations/*.graphql by packages/sdk/scripts/persisted-operations.ts.
// Do not edit: run `npx -y pnpm@10 generate` (from the repository root).

/** The persisted-operation id (SHA-256 of the canonical text) of each generated method's document, by operation name. */
// A Map of pairs rather than an object: bundlers would print an object's `node` key as `node:`,
// which reads like a Node built-in to the packaging test's check of the browser bundle.
export const persistedIds: ReadonlyMap<string, string> = new Map([
  ["claim", "a7ccd6f10999614977f2c4fc90d937ff4b793d7af3135ee38f39b3e0b4edd817"],
  ["claims", "cf5297b480c149105cfc0f584a778654a67c8da67d47f11b6a7afeca6b2e3cf3"],
  ["dataset", "d98fa9170642712e6ae27f43bfd601170ff732ddde3186a18c267aada45bd2a6"],
  ["defendants", "2ded8e7f459f68347c39eb4fcc754ad137557b8855df6424db4d96352dfd9f22"],
  ["document", "8f9a217a1a398176f0976adcc2f9285f4a3d1e87899b62ecb84e0953da7147b8"],
  ["documents", "a288c6e35721e88465f945bac9f76415576f90b1588f6ff00b41984fb34010c2"],
  ["event", "3e7dd31034c08419ac61f7be8ed403a75c0c169d3f0516de99e9ab4a9c7fa755"],
  ["events", "cacffd3d5ad40b5a18d89bb4a1e1663b3a2e5980ecfce1080d4e400c6753eb65"],
  ["exclusions", "491819604793f6cdf9d8d19a5d21d7bb63b1986ae7f749943afb192688760c50"],
  ["figure", "10d19684f674ac77a7627c9fc72b7fa605c54a8ed03538e8268fa1fb089c4c3e"],
  ["figureStats", "d9a6fe431be7a5c6534aa6eadf928104ca972871dc6051d203c958e2c42f8a98"],
  ["figures", "627318cd5cc4c3714e10c1a7a11739ec2b764ad889f74719879d18175216afa1"],
  ["legalCase", "4dc41065d81a43363cbcb60ced46b90dbb9946f72c1e518e70d20cd7679ff737"],
  ["legalCases", "360937952d0727cb46d0e1c1cfddff0f93fb77f3a7d179d71993da28fab1803d"],
  ["metric", "1d2cf32aab77044e4fff227a668c2975e2e07d3b2b20144c916c5b1bf603dd24"],
  ["metrics", "d200305131e8be9647eb1dedd44dbc3d589606aa42bd8522e60f089b792c5d4c"],
  ["node", "b1feb7a5e3669c7c9f0f85501a5b7612711d97d68a6c95cc42c0fbaeefa8ad3f"],
  ["nodes", "d34d5aee0f93e16055782c91ff8346ed757cde72390b29a1b3dca2e267672d6b"],
  ["operation", "64c79b45134f81682fd7460e83bd94ca5e1640c1bbbb24806a42c741c203c412"],
  ["operations", "45b4718d442f96c6a42763bbf00a61e0212782512a8145c7c57cbdfd435d4455"],
  ["organisation", "36232870a24722c9f176c6a82b77b157fcf48913092faa368456a2e61f924d8d"],
  ["organisations", "709a8bb6a3897248ae057c3017988ec15b4656c6877c23a8c8eed6e7335f6661"],
  ["people", "288099431b757bb6eeb15f979ce692c48abc82ee339f9b4c37206aeea411d610"],
  ["person", "87f1d09292bf100f4394ead71d667ecb1a21aa1e29b5f36d6dbcb8fff94dc62c"],
  ["place", "0086cdd57a71555b2576bf38bd62a895ba8e51f9be915c8e397ad9a7698e7115"],
  ["places", "8a36527195f1a8c23fa1ea08808ef0dbff37bfd6ead1aaaf2ca7d74e1c136c94"],
  ["quote", "c536351c4b65a105e8eb7078458af5632e1f516aaf3b9d310581efdd0056a296"],
  ["quotes", "6d44a7e6bb48be088ebcd95694478ded410ad0f26df9c868ca5f8559d48419b8"],
  ["rateLimit", "584e9849d417c6dac413c3fa661185a6229cc9cb58d8601f706a87dcf2a50b3b"],
  ["search", "7d225266a50b79ff16325b69f9299c024d22b726ad58224f7a36a3ece8af694a"],
  ["substance", "9c18a70f6609cfc5e02bfaaddb910ca834a90aa07d17acfb694afc584f3b262b"],
  ["substances", "fc067d1e83cbcf01ab1ab38e46ef46d4509b6ea4164f43675ecd336b1a589976"],
  ["unit", "9f3d4e6bffda3114d9e2a66f8fd7c30462907f838452806d36737d1e2615f28e"],
  ["units", "ceada98775399992886a56ce7fc77b064b7e1372b149fd7c4f52bb6dd08c9529"],
]);
