/**
 * Everything the page shows, fetched through the SDK from the same origin's /graphql, in a
 * handful of parallel requests.
 */
import { createClient, type FentraceClient, type FiguresQueryVariables } from "@fentrace/sdk";
import type { Claim, Dataset, Figure } from "./types.js";

/** The figures shown as headline cards, in order (slugs of seed/data/figures). */
export const HEADLINE_FIGURES = [
  "fig-ast-fake-pills-2021",
  "fig-lp-fentanyl-powder-2021",
  "fig-lp-overdose-deaths-12-months",
  "fig-lp-surge-cases-social-media",
  "fig-lp-surge-arrests",
  "fig-ntc-texas-deaths-change",
] as const;

/** The DEA public safety surge (29 September – 14 December 2021). */
export const SURGE_OPERATION = "op-dea-surge-2021";

/**
 * The `figures` query of each chart and table (and of the cards and the disagreements): one query
 * each, so that its variables are exactly what the view shows, and its "Download CSV" link and
 * "GraphQL query" (sources.ts) reproduce it.
 */
export const FIGURE_VIEWS = {
  headlines: { filter: { id: [...HEADLINE_FIGURES] }, first: HEADLINE_FIGURES.length },
  platforms: {
    filter: { operation: [SURGE_OPERATION], metric: { in: ["cases_by_platform"] } },
    orderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }],
    first: 50,
  },
  surgeSocialMedia: { filter: { operation: [SURGE_OPERATION], metric: { in: ["cases_social_media"] } }, first: 20 },
  pillSeizures: { filter: { metric: { in: ["pills_seized"] } }, orderBy: [{ field: "PERIOD_START" }], first: 100 },
  massSeizures: { filter: { metric: { in: ["drug_seized_mass"] } }, orderBy: [{ field: "PERIOD_START" }], first: 100 },
  texasDeaths: {
    filter: { place: { ids: ["place-us-tx"], includeDescendants: false }, metric: { in: ["overdose_deaths"] } },
    orderBy: [{ field: "PERIOD_START" }],
    first: 20,
  },
  texasChange: {
    filter: { place: { ids: ["place-us-tx"], includeDescendants: false }, metric: { in: ["overdose_deaths_change"] } },
    first: 20,
  },
  disputed: { filter: { claimStatus: ["CONTRADICTS", "SCOPE_DIFFERS"] }, first: 100 },
} as const satisfies Record<string, FiguresQueryVariables>;

/** Mutable copies of the views' variables, as the SDK's types want them. */
const view = (name: keyof typeof FIGURE_VIEWS): FiguresQueryVariables =>
  structuredClone(FIGURE_VIEWS[name]) as FiguresQueryVariables;

export interface Overview {
  dataset: Dataset;
  headlines: Figure[];
  /** Cases with trafficking activity per platform during the DEA surge, most first. */
  platforms: Figure[];
  /** All surge cases involving social media (to put the per-platform counts in proportion). */
  surgeSocialMedia: Figure | undefined;
  /** Seizures of fake pills and of fentanyl by mass, by period. */
  pillSeizures: Figure[];
  massSeizures: Figure[];
  /** Texas overdose deaths by year, and the stated change. */
  texasDeaths: Figure[];
  texasChange: Figure | undefined;
  /** Claims whose figures disagree (or look comparable but differ in scope), with their figures. */
  disagreements: { claim: Claim; figures: Figure[] }[];
}

/** The SDK client for this page's origin. */
export function apiClient(origin: string = globalThis.location.origin): FentraceClient {
  return createClient({ endpoint: new URL("/graphql", origin).href, retries: 1 });
}

function nodes<T>(connection: { edges: ReadonlyArray<{ node: T }> }): T[] {
  return connection.edges.map((edge) => edge.node);
}

const byPeriod = (a: Figure, b: Figure) =>
  (a.period.start ?? "").localeCompare(b.period.start ?? "") || a.slug.localeCompare(b.slug);

export async function loadOverview(client: FentraceClient): Promise<Overview> {
  const [dataset, headlines, platforms, surgeTotal, pills, mass, texasDeaths, texasChange, disputed, claims] =
    await Promise.all([
      client.dataset({ sourcesFirst: 0 }),
      client.figures(view("headlines")),
      client.figures(view("platforms")),
      client.figures(view("surgeSocialMedia")),
      client.figures(view("pillSeizures")),
      client.figures(view("massSeizures")),
      client.figures(view("texasDeaths")),
      client.figures(view("texasChange")),
      client.figures(view("disputed")),
      client.claims({
        filter: { status: ["CONTRADICTS", "SCOPE_DIFFERS"] },
        orderBy: [{ field: "STATUS" }],
        first: 50,
      }),
    ]);

  const headlineFigures = nodes<Figure>(headlines.figures);
  const order = (slug: string) => HEADLINE_FIGURES.indexOf(slug as (typeof HEADLINE_FIGURES)[number]);
  const surgeFigures = [...nodes<Figure>(platforms.figures), ...nodes<Figure>(surgeTotal.figures)];
  const seizureFigures = [...nodes<Figure>(pills.figures), ...nodes<Figure>(mass.figures)].sort(byPeriod);
  const texasFigures = [...nodes<Figure>(texasDeaths.figures), ...nodes<Figure>(texasChange.figures)];
  const disputedFigures = nodes<Figure>(disputed.figures);
  // Contradictions first, then differences of scope.
  const claimList = nodes<Claim>(claims.claims).sort(
    (a, b) => Number(b.status === "CONTRADICTS") - Number(a.status === "CONTRADICTS"),
  );

  return {
    dataset: dataset.dataset,
    headlines: headlineFigures.sort((a, b) => order(a.slug) - order(b.slug)),
    platforms: surgeFigures.filter((figure) => figure.metric.key === "cases_by_platform"),
    surgeSocialMedia: surgeFigures.find(
      (figure) => figure.metric.key === "cases_social_media" && figure.qualifier === "EXACT",
    ),
    pillSeizures: seizureFigures.filter((figure) => figure.metric.key === "pills_seized"),
    massSeizures: seizureFigures.filter((figure) => figure.metric.key === "drug_seized_mass"),
    texasDeaths: texasFigures.filter((figure) => figure.metric.key === "overdose_deaths").sort(byPeriod),
    texasChange: texasFigures.find((figure) => figure.metric.key === "overdose_deaths_change"),
    disagreements: claimList.map((claim) => ({
      claim,
      figures: disputedFigures.filter((figure) => figure.claim?.slug === claim.slug),
    })),
  };
}
