/**
 * CSV writing (RFC 4180 through csv-stringify): a header row of column names, then one record per
 * row, CRLF line ends, UTF-8 without BOM. Missing values are empty cells; booleans are `true` /
 * `false`; numbers are written in full (JavaScript's shortest round-trip form); dates ISO 8601.
 */
import { stringify } from "csv-stringify/sync";
import type { Cell, Table } from "./tables.js";

function formatCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw new Error(`Cannot write ${cell} to a CSV download.`);
    return String(cell);
  }
  return cell;
}

/** The table as CSV text. */
export function tableToCsv(table: Table): string {
  const columns = table.definition.columns.map((column) => column.name);
  const records = table.rows.map((row) => columns.map((name) => formatCell(row[name] ?? null)));
  return stringify([columns, ...records], { record_delimiter: "windows" });
}
