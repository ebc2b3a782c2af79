/** `pnpm curate check`: SCAFFOLD, being written now (issue 14); replaced before the issue is resolved. */
export async function run(_args: readonly string[]): Promise<number> {
  throw new Error("curate check: not built yet");
}
