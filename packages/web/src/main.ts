/**
 * The Fentrace overview page: loads everything through the SDK from this origin's /graphql and
 * renders each section. A section that fails shows why; the static parts (downloads, links) work
 * without JavaScript.
 */
import "./styles.css";
import { apiClient, loadOverview, type Overview } from "./api.js";
import { renderDisagreements } from "./disagreements.js";
import { byId, h } from "./dom.js";
import { openEvidence, setUpEvidenceDialog } from "./evidence.js";
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

/**
 * What the address names. The server's permalinks (packages/api/src/http/permalinks.ts) serve
 * this page at `/figures/<slug>`, `/charts/<id>` and `/charts/<id>/embed`; the hash forms
 * `#figure=<slug>`, `#chart=<id>` and `?embed=1#chart=<id>` (older links) mean the same.
 */
function permalinkTarget(): { figure: string | null; chart: string | null; embed: boolean } {
  const hash = new URLSearchParams(location.hash.slice(1));
  const path = /^\/(figures|charts)\/([^/]+)(\/embed)?$/.exec(location.pathname);
  const named = (kind: string) => {
    if (path?.[1] !== kind || !path[2]) return null;
    try {
      return decodeURIComponent(path[2]);
    } catch {
      return null;
    }
  };
  return {
    figure: hash.get("figure") ?? named("figures"),
    chart: hash.get("chart") ?? named("charts"),
    embed: new URLSearchParams(location.search).get("embed") === "1" || (path?.[1] === "charts" && !!path[3]),
  };
}

const permalink = permalinkTarget();

/** Embed mode: the page shows only the chart the address names, with its legend and Source line. */
const embedded = permalink.embed;

/**
 * Follows the address's permalink: a figure's opens its evidence, a chart's scrolls to that chart
 * (and in embed mode shows it alone). Unknown ids say so.
 */
function followPermalink(): void {
  const { figure, chart } = permalink;
  if (figure && !openEvidence(figure)) console.warn(`No figure "${figure}" is shown on this page.`);
  if (chart) {
    const target = document.querySelector<HTMLElement>(`[data-chart-figure="${CSS.escape(chart)}"]`);
    if (!target) {
      console.warn(`No chart "${chart}" on this page.`);
      return;
    }
    if (embedded) {
      const root = h(
        "main",
        { id: "embed-root", class: "embed-root" },
        h("h1", { class: "embed-title" }, target.dataset.title),
      );
      root.append(target);
      document.body.replaceChildren(root, byId("evidence-dialog"));
      window.dispatchEvent(new Event("resize")); // Chart.js redraws for the new width
      return;
    }
    target.scrollIntoView({ block: "start" });
    target.classList.add("permalinked");
  }
}

async function main(): Promise<void> {
  if (embedded) document.body.classList.add("embed");
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
  followPermalink();
  window.addEventListener("hashchange", followPermalink);
  document.body.dataset.ready = "true";
}

void main();
