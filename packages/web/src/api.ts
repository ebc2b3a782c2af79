/**
 * Everything the page shows, fetched through the SDK from the same origin's /graphql, in a
 * handful of parallel requests.
 */
import { createClient, type FentraceClient } from "@fentrace/sdk";
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
  const [dataset, headlines, surge, seizures, texas, disputed, claims] = await Promise.all([
    client.dataset({ sourcesFirst: 0 }),
    client.figures({ filter: { id: [...HEADLINE_FIGURES] }, first: HEADLINE_FIGURES.length }),
    client.figures({
      filter: { operation: [SURGE_OPERATION], metric: { in: ["cases_by_platform", "cases_social_media"] } },
      orderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }],
      first: 50,
    }),
    client.figures({
      filter: { metric: { in: ["pills_seized", "drug_seized_mass"] } },
      orderBy: [{ field: "PERIOD_START" }],
      first: 100,
    }),
    client.figures({
      filter: {
        place: { ids: ["place-us-tx"], includeDescendants: false },
        metric: { in: ["overdose_deaths", "overdose_deaths_change"] },
      },
      orderBy: [{ field: "PERIOD_START" }],
      first: 20,
    }),
    client.figures({ filter: { claimStatus: ["CONTRADICTS", "SCOPE_DIFFERS"] }, first: 100 }),
    client.claims({ filter: { status: ["CONTRADICTS", "SCOPE_DIFFERS"] }, orderBy: [{ field: "STATUS" }], first: 50 }),
  ]);

  const headlineFigures = nodes<Figure>(headlines.figures);
  const order = (slug: string) => HEADLINE_FIGURES.indexOf(slug as (typeof HEADLINE_FIGURES)[number]);
  const surgeFigures = nodes<Figure>(surge.figures);
  const seizureFigures = nodes<Figure>(seizures.figures).sort(byPeriod);
  const texasFigures = nodes<Figure>(texas.figures);
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
