/** `pnpm curate propose`: SCAFFOLD, being written now (issue 14); replaced before the issue is resolved. */
export async function run(_args: readonly string[]): Promise<number> {
  throw new Error("curate propose: not built yet");
}
