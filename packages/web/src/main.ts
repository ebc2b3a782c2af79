/**
 * The Fentrace overview page: loads everything through the SDK from this origin's /graphql and
 * renders each section. A section that fails shows why; the static parts (downloads, links) work
 * without JavaScript.
 */
import "./styles.css";
import { apiClient, loadOverview, type Overview } from "./api.js";
import { renderDisagreements } from "./disagreements.js";
import { byId, h } from "./dom.js";
import { setUpEvidenceDialog } from "./evidence.js";
import { formatNumber } from "./format.js";
import { renderHeadlines } from "./headlines.js";
import { renderPlatforms } from "./platforms.js";
import { renderSeizures } from "./seizures.js";
import { addSourceLinks } from "./sources.js";
import { renderTexas } from "./texas.js";

function renderDataset(overview: Overview): void {
  const { dataset } = overview;
  const licence = dataset.licenseUrl ? h("a", { href: dataset.licenseUrl }, dataset.license) : dataset.license;
  byId("dataset-facts").replaceChildren(
    `${formatNumber(dataset.counts.figures)} figures from ${dataset.counts.documents} news articles, `,
    `${dataset.counts.contradictions} contradiction${dataset.counts.contradictions === 1 ? "" : "s"} between sources. `,
    "Dataset version ",
    h("code", { "data-version": dataset.version }, dataset.version),
    `, released ${dataset.releasedOn} (this copy built ${dataset.builtAt.slice(0, 10)}). Licence `,
    licence,
    ".",
  );
  byId("dataset-citation").textContent = dataset.citation;
  byId("footer-version").textContent = dataset.version;
}

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  for (const slot of document.querySelectorAll<HTMLElement>("[data-slot]")) {
    slot.replaceChildren(
      h("p", { class: "error", role: "alert" }, "The figures could not be loaded from the API: ", message),
    );
  }
  byId("dataset-facts").textContent = "The dataset could not be loaded. The downloads below still work.";
}

function setUpCopyCitation(): void {
  const button = byId<HTMLButtonElement>("copy-dataset-citation");
  const status = byId("copy-dataset-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(byId("dataset-citation").textContent ?? "");
      status.textContent = "Copied.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents(byId("dataset-citation"));
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      status.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
    }
  });
}

async function main(): Promise<void> {
  setUpEvidenceDialog();
  setUpCopyCitation();
  let overview: Overview;
  try {
    overview = await loadOverview(apiClient());
  } catch (error) {
    console.error(error);
    showError(error);
    return;
  }
  renderDataset(overview);
  renderHeadlines(byId("headlines-slot"), overview.headlines);
  renderPlatforms(byId("platforms-slot"), overview.platforms, overview.surgeSocialMedia);
  renderSeizures(byId("seizures-slot"), overview.pillSeizures, overview.massSeizures);
  renderTexas(byId("texas-slot"), overview.texasDeaths, overview.texasChange);
  renderDisagreements(byId("disagreements-slot"), overview.disagreements);
  addSourceLinks();
  document.body.dataset.ready = "true";
}

void main();
