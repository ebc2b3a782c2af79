/**
 * Where each chart and table comes from, and how to get it: a "Download CSV" link to the filtered
 * /downloads/figures.csv that holds its figures (the same filter and order as its query), and a
 * "GraphQL query" disclosure with the query the page ran for it: the SDK's own `figures` document
 * (the text its `figures` method sends, from its generated code) and the variables the page
 * passed.
 */
import type { FiguresQueryVariables } from "@fentrace/sdk";
// The SDK's generated documents are not part of its public API; the page is built from the SDK's
// sources (vite.config.ts), so it reads the exact text the client sends from there.
import { FiguresDocument } from "../../sdk/src/generated/sdk.js";
import { FIGURE_VIEWS } from "./api.js";
import { h } from "./dom.js";

/** The text of the query the page runs for a figure list (the SDK's `figures` operation). */
export const FIGURES_QUERY: string = FiguresDocument;

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

/** A date range as the download parameters write it: `2021`, `2021-03..2021-09`, `2021..`. */
function rangeText(range: { start?: Json; end?: Json }): string {
  const start = typeof range.start === "string" ? range.start : "";
  const end = typeof range.end === "string" ? range.end : "";
  return start && start === end ? start : `${start}..${end}`;
}

/**
 * The query parameters of a filter (docs/downloads.md): list fields repeated, a text filter's `in`
 * and a scope's `ids` under the field's own name, other operators as `field.operator`, date ranges
 * as `start..end`. Anything else goes whole as `filter=<JSON>`.
 */
function filterParameters(filter: Record<string, Json>, parameters: URLSearchParams): void {
  const rest: Record<string, Json> = {};
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      for (const item of value) parameters.append(field, item);
    } else if (typeof value === "object" && !Array.isArray(value)) {
      for (const [operator, inner] of Object.entries(value)) {
        if (inner === undefined || inner === null) continue;
        const name = operator === "in" || operator === "ids" ? field : `${field}.${operator}`;
        if (Array.isArray(inner)) for (const item of inner) parameters.append(name, String(item));
        else if (typeof inner === "object") parameters.append(name, rangeText(inner as { start?: Json; end?: Json }));
        else parameters.append(name, String(inner));
      }
    } else if (typeof value !== "object") {
      parameters.append(field, String(value));
    } else {
      rest[field] = value;
    }
  }
  if (Object.keys(rest).length > 0) parameters.append("filter", JSON.stringify(rest));
}

/** The /downloads/figures.csv URL (path and query) with the figures of `variables`, in their order. */
export function figuresCsvUrl(variables: FiguresQueryVariables): string {
  const parameters = new URLSearchParams();
  if (variables.filter) filterParameters(variables.filter as Record<string, Json>, parameters);
  const orders = variables.orderBy ? (Array.isArray(variables.orderBy) ? variables.orderBy : [variables.orderBy]) : [];
  for (const order of orders) {
    parameters.append("orderBy", order.direction === "DESC" ? `${order.field}:DESC` : order.field);
  }
  const query = parameters.toString();
  return `/downloads/figures.csv${query ? `?${query}` : ""}`;
}

/**
 * The links under a chart or table: its CSV and the GraphQL query behind it. `what` names the
 * view ("the surge cases per platform") for the link's accessible name.
 */
export function sourceLinks(what: string, variables: FiguresQueryVariables): HTMLElement {
  const url = figuresCsvUrl(variables);
  return h(
    "div",
    { class: "data-source" },
    h(
      "a",
      { href: url, download: "figures.csv", class: "csv-link", "aria-label": `Download CSV: ${what}` },
      "Download CSV",
    ),
    h(
      "details",
      { class: "graphql-source" },
      h("summary", {}, "GraphQL query"),
      h("p", {}, "The query this page ran (POST it to ", h("a", { href: "/graphql" }, "/graphql"), "):"),
      h("pre", { class: "graphql-query" }, h("code", {}, FIGURES_QUERY)),
      h("p", {}, "with the variables:"),
      h("pre", { class: "graphql-variables" }, h("code", {}, JSON.stringify(variables, null, 2))),
    ),
  );
}

/** Where each view's links go: after its table (the numbers of its chart), or at the end of its section. */
const PLACES: readonly { selector: string; view: keyof typeof FIGURE_VIEWS; what: string }[] = [
  { selector: "#headlines-slot", view: "headlines", what: "the headline figures" },
  { selector: "#platforms-table", view: "platforms", what: "the surge cases per platform (chart and table)" },
  { selector: "#pill-seizures-table", view: "pillSeizures", what: "the fake pills seized (chart and table)" },
  { selector: "#fentanyl-seizures-table", view: "massSeizures", what: "the fentanyl seized (chart and table)" },
  { selector: "#texas-table", view: "texasDeaths", what: "the Texas overdose deaths (chart and table)" },
  { selector: "#disagreements-slot", view: "disputed", what: "the figures of the disagreements" },
];

/** Adds the CSV link and the GraphQL query under every chart and table (and the cards and the disagreements). */
export function addSourceLinks(): void {
  for (const { selector, view, what } of PLACES) {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) continue;
    const links = sourceLinks(what, FIGURE_VIEWS[view] as FiguresQueryVariables);
    links.dataset.view = view;
    if (target.tagName === "TABLE") (target.closest(".table-scroll") ?? target).after(links);
    else target.append(links);
  }
}
