/** The data table that follows every chart: the same numbers as text, each with its evidence. */
import { h } from "./dom.js";
import { evidenceButton } from "./evidence.js";
import type { Figure } from "./types.js";

export interface FigureColumn {
  header: string;
  cell: (figure: Figure) => Node | string;
  /** Right-aligned (numbers). */
  numeric?: boolean;
  /** Hidden on narrow screens (the evidence dialog shows it too). */
  wideOnly?: boolean;
}

function cellClass(column: FigureColumn): string | undefined {
  return [column.numeric ? "num" : "", column.wideOnly ? "wide-only" : ""].filter(Boolean).join(" ") || undefined;
}

/** "Latin Post (2021)": where the figure comes from. */
function sourceOf(figure: Figure): string {
  return figure.citation.short.replace(/, processed by Fentrace$/, "");
}

/** A table of figures, one row each: the first cell names it and its source, the last opens its evidence. */
export function figureTable(
  caption: string,
  columns: FigureColumn[],
  figures: Figure[],
  tableId?: string,
): HTMLElement {
  const head = h(
    "tr",
    {},
    ...columns.map((column) => h("th", { scope: "col", class: cellClass(column) }, column.header)),
    h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Evidence")),
  );
  const rows = figures.map((figure) =>
    h(
      "tr",
      { "data-figure": figure.slug },
      ...columns.map((column, index) =>
        index === 0
          ? h("th", { scope: "row" }, column.cell(figure), h("span", { class: "row-source" }, sourceOf(figure)))
          : h("td", { class: cellClass(column) }, column.cell(figure)),
      ),
      h("td", { class: "evidence-cell" }, evidenceButton(figure)),
    ),
  );
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "data-table", id: tableId },
      h("caption", {}, caption),
      h("thead", {}, head),
      h("tbody", {}, ...rows),
    ),
  );
}
