// Preloaded by test/standalone.test.ts (NODE_OPTIONS=--import): appends to FENTRACE_READS_LOG the
// path of every file the process opens, reads, lists or checks through node:fs, and of every
// module it imports (through record-reads-hooks.mjs), one per line.
import fs from "node:fs";
import { register, syncBuiltinESMExports } from "node:module";
import { fileURLToPath } from "node:url";

const log = process.env.FENTRACE_READS_LOG;
if (log) {
  register("./record-reads-hooks.mjs", import.meta.url, { data: { log } });
  const append = fs.appendFileSync;
  let recording = false;
  const record = (path) => {
    if (recording || path === undefined || path === null || typeof path === "number") return;
    recording = true;
    try {
      const shown = path instanceof URL ? fileURLToPath(path) : String(path);
      append(log, `${shown}\n`);
    } catch {
      // not a path
    } finally {
      recording = false;
    }
  };
  const names = ["open", "readFile", "readdir", "stat", "lstat", "access", "exists", "opendir", "realpath"];
  for (const name of names) {
    for (const [target, key] of [
      [fs, name],
      [fs, `${name}Sync`],
      [fs.promises, name],
    ]) {
      const original = target[key];
      if (typeof original !== "function") continue;
      target[key] = function (path, ...rest) {
        record(path);
        return original.call(this, path, ...rest);
      };
    }
  }
  syncBuiltinESMExports();
}
