/**
 * `pnpm export [dir]`: writes every bulk download (the files the API serves under /downloads/)
 * into `dir`, default `dist/downloads` at the repository root. A relative `dir` is taken from the
 * directory pnpm was run in. Reads the database of `DATABASE_URL` (default data/fentrace.db).
 */
import { isAbsolute, relative, resolve } from "node:path";
import { DatabaseUnavailableError, prisma, repoRoot, verifyDatabase } from "../src/db.js";
import { writeDownloads } from "../src/downloads/index.js";

const [dirArgument] = process.argv.slice(2).filter((arg) => arg !== "--");
const base = process.env.INIT_CWD ?? process.cwd();
const dir = dirArgument
  ? isAbsolute(dirArgument)
    ? dirArgument
    : resolve(base, dirArgument)
  : resolve(repoRoot, "dist/downloads");

try {
  await verifyDatabase();
  const { downloads, paths } = await writeDownloads(dir);
  const shown = relative(base, dir) || ".";
  console.log(`Wrote ${paths.length} files (dataset version ${downloads.version}) to ${shown}/:`);
  for (const file of downloads.files)
    console.log(`  ${file.name.padEnd(20)} ${String(file.body.byteLength).padStart(8)} bytes`);
} catch (error) {
  if (error instanceof DatabaseUnavailableError) {
    console.error(`fentrace export: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await prisma.$disconnect();
}
