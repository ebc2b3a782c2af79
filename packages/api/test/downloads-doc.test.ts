/**
 * docs/downloads.md: its column tables are the ones the download definitions render (`pnpm
 * generate` writes them; this test and `pnpm generate:check` fail when they drift).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/db.js";
import { COLUMNS_END, COLUMNS_START, renderColumns, withColumns } from "../src/downloads/docs.js";
import { figuresTable, tableDefinitions } from "../src/downloads/tables.js";

const file = readFileSync(resolve(repoRoot, "docs/downloads.md"), "utf8");

describe("docs/downloads.md", () => {
  it("holds the column tables of the current download definitions (run `pnpm generate`)", () => {
    expect(withColumns(file)).toBe(file);
  });

  it("lists every column of every table", () => {
    const section = renderColumns();
    for (const table of tableDefinitions)
      for (const column of table.columns)
        expect(section, `${table.name}.${column.name}`).toContain(`| \`${column.name}\` |`);
  });

  it("is regenerated when a definition changes, and refuses a file without its markers", () => {
    const added = [
      {
        ...figuresTable,
        columns: [...figuresTable.columns, { name: "new_column", type: "string" as const, description: "New." }],
      },
    ];
    expect(withColumns(file, added)).toContain("| `new_column` | string |  | computed | New. |");
    expect(() => withColumns(file.replace(COLUMNS_START, ""))).toThrow(/no generated section/);
    expect(() => withColumns(file.replace(COLUMNS_END, ""))).toThrow(/no generated section/);
  });
});
