/** Headline figures: big numbers with their qualifiers as the sources word them, each with its evidence. */
import { h } from "./dom.js";
import { evidenceButton } from "./evidence.js";
import { capitalise, qualifierLabel, statedNumber } from "./format.js";
import type { Figure } from "./types.js";

function unitAfter(figure: Figure): string {
  return figure.unit === "%" ? "%" : ` ${figure.unit}`;
}

export function renderHeadlines(container: HTMLElement, figures: Figure[]): void {
  container.replaceChildren(
    h(
      "ul",
      { class: "cards", role: "list" },
      ...figures.map((figure) =>
        h(
          "li",
          {
            class: figure.claim?.status === "CONTRADICTS" ? "card contested" : "card",
            "data-figure": figure.slug,
            "data-contested": figure.claim?.status === "CONTRADICTS" ? "true" : undefined,
          },
          h(
            "p",
            { class: "card-number" },
            h("span", { class: "big" }, capitalise(statedNumber(figure))),
            h("span", { class: "unit" }, unitAfter(figure)),
          ),
          h("p", { class: "card-label" }, figure.label),
          h(
            "p",
            { class: "card-meta" },
            h(
              "span",
              { class: `qualifier q-${figure.qualifier.toLowerCase()}`, title: "How the source qualifies the number" },
              qualifierLabel(figure.qualifier),
            ),
            " ",
            h("span", { class: "period" }, figure.period.text === "unknown" ? "period not stated" : figure.period.text),
          ),
          figure.claim?.status === "CONTRADICTS"
            ? h(
                "p",
                { class: "card-flag" },
                h("strong", {}, "Contested: "),
                "another source states a different number for this. ",
                h("a", { href: "#disagreements" }, "See where sources disagree"),
                ".",
              )
            : null,
          h("p", { class: "card-source" }, figure.citation.short, " ", evidenceButton(figure)),
        ),
      ),
    ),
  );
}
