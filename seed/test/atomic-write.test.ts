/** writeFileAtomic: the file is replaced whole, and a failed write leaves what was there and no temporary file. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../atomic-write.js";

const dir = mkdtempSync(join(tmpdir(), "atomic-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("creates a file, then replaces its whole text, leaving no temporary file beside it", () => {
    const path = join(dir, "result.json");
    writeFileAtomic(path, "first, and longer than the second\n");
    writeFileAtomic(path, "second\n");
    expect(readFileSync(path, "utf8")).toBe("second\n");
    expect(readdirSync(dir)).toEqual(["result.json"]);
  });

  it("throws when the rename fails and removes its temporary file, leaving the target as it was", () => {
    const target = join(dir, "occupied");
    mkdirSync(target);
    writeFileSync(join(target, "kept.txt"), "kept");
    expect(() => writeFileAtomic(target, "text")).toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect(readFileSync(join(target, "kept.txt"), "utf8")).toBe("kept");
    expect(readdirSync(dir).filter((name) => name.startsWith("."))).toEqual([]);
  });
});
