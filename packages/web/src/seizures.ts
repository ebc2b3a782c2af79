/** Seizures over time: fake pills and fentanyl by mass, in the order of their periods, with their tables. */
import { colours, renderBarChart } from "./charts.js";
import { h } from "./dom.js";
import {
  chartSources,
  compactKey,
  compactNormalized,
  compactStated,
  hasValue,
  isInexact,
  normalizedStated,
  normalizedText,
  outletOf,
  periodShort,
} from "./format.js";
import { figureTable } from "./table.js";
import type { Figure } from "./types.js";

function disputed(figure: Figure): string {
  if (!figure.claim || figure.claim.status === "AGREES") return "";
  return figure.claim.status === "CONTRADICTS" ? " (contradicted)" : " (scope differs)";
}

/**
 * One bar per measure: figures whose claim says they agree (the same number for the same scope,
 * stated in several passages) share a bar; every figure keeps its own row in the table.
 */
export function seizureBars<F extends Figure>(figures: F[]): { figure: F; sources: string[]; passages: number }[] {
  const bars = new Map<string, { figure: F; sources: string[]; passages: number }>();
  for (const figure of figures) {
    const key = figure.claim?.status === "AGREES" ? figure.claim.slug : figure.slug;
    const bar = bars.get(key) ?? { figure, sources: [], passages: 0 };
    if (!bar.sources.includes(outletOf(figure))) bar.sources.push(outletOf(figure));
    bar.passages += 1;
    bars.set(key, bar);
  }
  return [...bars.values()];
}

function seizureChart(
  container: HTMLElement,
  id: string,
  title: string,
  axisTitle: string,
  figures: Figure[],
  withUnit: boolean,
): void {
  const panel = h("div", { class: "panel" }, h("h3", {}, title));
  container.append(panel);
  // VAGUE figures state no number: they stay in the table, never in the chart.
  const bars = seizureBars(figures.filter(hasValue));
  const agreeing = (bar: { passages: number }) => (bar.passages > 1 ? ` (${bar.passages} passages agree)` : "");
  renderBarChart(panel, {
    id,
    title: `${title}, by period (earliest first)`,
    labels: bars.map((bar) => [periodShort(bar.figure.period), bar.sources.join(", ")]),
    values: bars.map((bar) => bar.figure.normalized.value),
    // Masses are drawn and labelled in the axis's unit (kilograms); the table keeps the stated pounds.
    valueTexts: bars.map((bar) => `${withUnit ? normalizedStated(bar.figure) : bar.figure.display}${agreeing(bar)}`),
    compact: {
      // Outlets spelled out, one per line: no initials to decode.
      labels: bars.map((bar) => [...periodShort(bar.figure.period).split(/(?<= –) /), ...bar.sources]),
      valueTexts: bars.map((bar) => (withUnit ? compactNormalized(bar.figure) : compactStated(bar.figure))),
    },
    compactKey,
    inexact: bars.map((bar) => isInexact(bar.figure)),
    sources: chartSources(figures.filter(hasValue)),
    axisTitle,
    colour: bars.map((bar) => (bar.figure.claim?.status === "CONTRADICTS" ? colours.barContested : colours.bar)),
  });
  panel.append(
    figureTable(
      `${title}: every figure of the chart`,
      [
        {
          header: "Figure",
          cell: (figure) =>
            h("span", {}, h("strong", {}, periodShort(figure.period)), " · ", `${figure.label}${disputed(figure)}`),
        },
        { header: "As stated", cell: (figure) => figure.display, numeric: true },
        ...(withUnit
          ? [
              {
                header: "Normalised",
                cell: (figure: Figure) => normalizedText(figure.normalized),
                numeric: true,
                wideOnly: true,
              },
            ]
          : []),
      ],
      figures,
      `${id}-table`,
    ),
  );
}

export function renderSeizures(container: HTMLElement, pills: Figure[], mass: Figure[]): void {
  container.replaceChildren();
  seizureChart(container, "pill-seizures", "Fake pills seized", "Pills", pills, false);
  seizureChart(container, "fentanyl-seizures", "Fentanyl seized", "Kilograms", mass, true);
}
