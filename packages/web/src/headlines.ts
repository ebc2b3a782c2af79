/** Headline figures: big numbers with their qualifiers as the sources word them, each with its evidence. */
import { h } from "./dom.js";
import { evidenceButton } from "./evidence.js";
import { capitalise, qualifierLabel } from "./format.js";
import type { Figure } from "./types.js";

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
            // The API's display form: qualifier, number, scale word and unit, worded once for every client.
            h("span", { class: "big" }, capitalise(figure.display)),
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
