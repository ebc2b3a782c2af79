/**
 * The evidence dialog: for any figure on the page, the exact words that state it (with the
 * number highlighted), the document, the offsets, the period, and how to cite it. Opened by the
 * "Evidence" buttons next to every number; a native <dialog>, so it traps focus, closes with
 * Escape, and returns focus to the button that opened it.
 */
import { byId, h, srOnly } from "./dom.js";
import { capitalise, formatNumber, markedSpan, normalizedText, qualifierLabel } from "./format.js";
import type { Figure } from "./types.js";

const figures = new Map<string, Figure>();

/** Remembers a figure so that its evidence button can open the dialog. */
export function registerFigure(figure: Figure): void {
  figures.set(figure.slug, figure);
}

/** A button that opens the figure's evidence; its accessible name says which figure. */
export function evidenceButton(figure: Figure, visible = "Evidence"): HTMLButtonElement {
  registerFigure(figure);
  return h(
    "button",
    { type: "button", class: "evidence-button", "data-figure": figure.slug, "aria-haspopup": "dialog" },
    visible,
    srOnly(`: ${figure.label}`),
  );
}

/** A GraphQL query for the figure, as a link that opens it in the playground. */
function playgroundLink(figure: Figure): string {
  const query = `{\n  figure(id: "${figure.slug}") {\n    label display value qualifier scale unit statedText\n    normalized { value unit }\n    period { text }\n    evidence { text start end document { title } }\n    citation { long }\n  }\n}\n`;
  return `/graphql?query=${encodeURIComponent(query)}`;
}

function row(term: string, ...details: (Node | string)[]): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, ...details)];
}

function fillDialog(dialog: HTMLDialogElement, figure: Figure): void {
  const body = byId("evidence-body");
  const spans = markedSpan(figure.evidence).map((part) =>
    part.role ? h("mark", { "data-role": part.role.toLowerCase() }, part.text) : part.text,
  );
  const citation = h("p", { class: "citation", id: "evidence-citation" }, figure.citation.long);
  const copy = h("button", { type: "button", class: "secondary" }, "Copy citation");
  const copied = h("span", { class: "copy-status", role: "status" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(figure.citation.long);
      copied.textContent = "Copied.";
    } catch {
      // No clipboard permission: select the text so that it can be copied by hand.
      const range = document.createRange();
      range.selectNodeContents(citation);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      copied.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
    }
  });
  byId("evidence-title").textContent = figure.label;
  body.replaceChildren(
    h(
      "p",
      { class: "evidence-value" },
      h("strong", {}, capitalise(figure.display)),
      " ",
      h("span", { class: `qualifier q-${figure.qualifier.toLowerCase()}` }, qualifierLabel(figure.qualifier)),
    ),
    h("h3", {}, "The words of the document"),
    h("blockquote", { class: "evidence-span", cite: `#${figure.document.slug}` }, "“", ...spans, "”"),
    h(
      "dl",
      { class: "facts-list" },
      ...row("Document", figure.document.title),
      ...row(
        "Offsets",
        `characters ${formatNumber(figure.evidence.start)}–${formatNumber(figure.evidence.end)} of the document (UTF-16 code units; end exclusive)`,
      ),
      ...row("Normalised", `${normalizedText(figure.normalized)} (${figure.metric.name})`),
      ...row(
        "Period",
        `${figure.period.text}${figure.period.inferred ? ` (inferred: ${figure.period.basis ?? "see the dataset"})` : ""}`,
      ),
      ...(figure.place ? row("Place", figure.place.name) : []),
      ...(figure.claim
        ? row("Claim", `${figure.claim.title} — ${figure.claim.status.replace(/_/g, " ").toLowerCase()}`)
        : []),
      ...(figure.note ? row("Note", figure.note) : []),
      ...row("Figure id", h("code", {}, figure.slug)),
      ...row(
        "Permalink",
        h("a", { href: `/figures/${encodeURIComponent(figure.slug)}` }, `${location.origin}/figures/${figure.slug}`),
      ),
    ),
    h("h3", {}, "How to cite this figure"),
    citation,
    h("p", { class: "dialog-actions" }, copy, " ", copied),
    h(
      "p",
      {},
      h("a", { href: playgroundLink(figure) }, "Open this figure in the GraphQL playground"),
      " · ",
      h("a", { href: "/downloads/figures.csv", download: "figures.csv" }, "All figures (CSV)"),
    ),
  );
  dialog.dataset.figure = figure.slug;
}

/**
 * Opens the evidence of the figure with this slug (a permalink `/figures/<slug>` or `#figure=<slug>`); false when the
 * page shows no such figure. `opener` gets the focus back when the dialog closes.
 */
export function openEvidence(slug: string, opener: HTMLElement | null = null): boolean {
  const figure = figures.get(slug);
  if (!figure) return false;
  const dialog = byId<HTMLDialogElement>("evidence-dialog");
  fillDialog(dialog, figure);
  if (!dialog.open) dialog.showModal();
  byId("evidence-close").focus();
  openedBy = opener;
  return true;
}

let openedBy: HTMLElement | null = null;

/** Wires the dialog: evidence buttons anywhere on the page open it (event delegation). */
export function setUpEvidenceDialog(): void {
  const dialog = byId<HTMLDialogElement>("evidence-dialog");
  document.addEventListener("click", (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>("button.evidence-button");
    if (button) openEvidence(button.dataset.figure ?? "", button);
  });
  byId("evidence-close").addEventListener("click", () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", () => {
    openedBy?.focus();
    openedBy = null;
    // Closing a permalinked figure (`/figures/<slug>`, or the older `#figure=<slug>`) leaves its address.
    if (location.pathname.startsWith("/figures/")) history.replaceState(null, "", `/${location.search}`);
    else if (location.hash.startsWith("#figure=")) history.replaceState(null, "", location.pathname + location.search);
  });
}
