/** DEA public safety surge: cases with drug-trafficking activity per platform (a bar chart and its table). */
import { renderBarChart } from "./charts.js";
import { h } from "./dom.js";
import { evidenceButton } from "./evidence.js";
import { chartSources, formatNumber, hasValue, isInexact, subjectName } from "./format.js";
import { figureTable } from "./table.js";
import type { Figure } from "./types.js";

export function platformName(figure: Figure): string {
  return subjectName(figure, "PLATFORM") ?? figure.label;
}

export function renderPlatforms(container: HTMLElement, figures: Figure[], allSocialMedia: Figure | undefined): void {
  // Only figures that state a number are drawn or added (VAGUE ones state none).
  const sorted = figures
    .filter(hasValue)
    .sort((a, b) => b.normalized.value - a.normalized.value || platformName(a).localeCompare(platformName(b)));
  const total = allSocialMedia
    ? h(
        "p",
        { class: "note" },
        h("strong", {}, "Cases can span platforms: "),
        `the bars add up to ${formatNumber(sorted.reduce((sum, f) => sum + f.normalized.value, 0))}, but the surge had ${allSocialMedia.display} involving social media in all, and one case can involve several platforms. Do not add the bars. `,
        evidenceButton(allSocialMedia, "Evidence for the total"),
      )
    : h(
        "p",
        { class: "note" },
        h("strong", {}, "Cases can span platforms: "),
        "one case can involve several platforms, so the bars must not be added.",
      );
  container.replaceChildren(total);
  renderBarChart(container, {
    id: "platforms",
    title:
      "DEA public safety surge, 29 September – 14 December 2021: cases with drug-trafficking activity, per platform",
    labels: sorted.map(platformName),
    values: sorted.map((figure) => figure.normalized.value),
    valueTexts: sorted.map((figure) => figure.display),
    inexact: sorted.map(isInexact),
    sources: chartSources(sorted),
    axisTitle: "Cases",
    maxWidth: "56rem",
  });
  container.append(
    figureTable(
      "Surge cases per platform (the numbers of the chart)",
      [
        { header: "Platform", cell: (figure) => h("strong", {}, platformName(figure)) },
        { header: "Cases", cell: (figure) => figure.display, numeric: true },
      ],
      sorted,
      "platforms-table",
    ),
  );
}
