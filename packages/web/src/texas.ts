/** Texas: fentanyl-related overdose deaths, 2020 → 2021, with the stated increase. */
import { renderBarChart } from "./charts.js";
import { h } from "./dom.js";
import { evidenceButton } from "./evidence.js";
import { capitalise, chartSources, formatNumber, hasValue, isInexact, periodShort } from "./format.js";
import { figureTable } from "./table.js";
import type { Figure } from "./types.js";

export function renderTexas(container: HTMLElement, stated: Figure[], change: Figure | undefined): void {
  // Only figures that state a number are drawn (VAGUE ones state none).
  const deaths = stated.filter(hasValue);
  const [first, last] = [deaths[0], deaths[deaths.length - 1]];
  container.replaceChildren(
    first && last
      ? h(
          "p",
          { class: "headline-change" },
          h(
            "span",
            { class: "big" },
            `${formatNumber(first.normalized.value)} → ${formatNumber(last.normalized.value)}`,
          ),
          ` deaths, ${periodShort(first.period)} → ${periodShort(last.period)} (both stated as “about”).`,
        )
      : h("p", {}, "No Texas figures."),
  );
  if (change) {
    container.append(
      h("p", { class: "note" }, `${capitalise(change.label)}: ${change.display}. `, evidenceButton(change)),
    );
  }
  renderBarChart(container, {
    id: "texas",
    title: "Texans who died from fentanyl-related overdoses, by year",
    labels: deaths.map((figure) => periodShort(figure.period)),
    values: deaths.map((figure) => figure.normalized.value),
    valueTexts: deaths.map((figure) => figure.display),
    inexact: deaths.map(isInexact),
    sources: chartSources(deaths),
    axisTitle: "Deaths",
    horizontal: false,
    height: 280,
    maxWidth: "32rem",
  });
  container.append(
    figureTable(
      "Texas fentanyl-related overdose deaths (the numbers of the chart)",
      [
        { header: "Year", cell: (figure) => h("strong", {}, periodShort(figure.period)) },
        { header: "Deaths", cell: (figure) => figure.display, numeric: true },
      ],
      deaths,
      "texas-table",
    ),
  );
}
