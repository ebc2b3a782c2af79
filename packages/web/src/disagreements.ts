/** Where sources disagree: each disputed claim with its figures side by side, in the documents' own words. */
import { h } from "./dom.js";
import { evidenceButton } from "./evidence.js";
import { outletOf, periodShort } from "./format.js";
import type { Claim, Figure } from "./types.js";

const statusText: Record<string, string> = {
  CONTRADICTS: "Contradiction",
  SCOPE_DIFFERS: "Different scope",
  AGREES: "Agreement",
};

export function renderDisagreements(container: HTMLElement, claims: { claim: Claim; figures: Figure[] }[]): void {
  container.replaceChildren(
    ...claims.map(({ claim, figures }) =>
      h(
        "article",
        {
          class: `claim claim-${claim.status.toLowerCase()}`,
          "data-claim": claim.slug,
          "aria-labelledby": `claim-${claim.slug}`,
        },
        h(
          "h3",
          { id: `claim-${claim.slug}` },
          h("span", { class: "status" }, statusText[claim.status] ?? claim.status),
          " ",
          claim.title,
        ),
        h("p", { class: "explanation" }, claim.explanation),
        h(
          "ul",
          { class: "side-by-side", role: "list" },
          ...figures.map((figure) =>
            h(
              "li",
              { class: "side" },
              h("p", { class: "side-source" }, outletOf(figure)),
              h("p", { class: "side-words" }, "“", figure.statedText, "”"),
              h("p", { class: "side-label" }, figure.label),
              h("p", { class: "side-meta" }, periodShort(figure.period), " · ", evidenceButton(figure)),
            ),
          ),
        ),
      ),
    ),
  );
}
