/**
 * Every generated method, once, against the real API over HTTP (a server on a random local port).
 * The table below is typed by the client's method names: a new operation fails type-checking
 * until it has a test here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type FentraceClient, type FentraceMethods } from "../src/index.js";
import { startServer, type TestServer } from "./support.js";

let server: TestServer;
let client: FentraceClient;

beforeAll(async () => {
  server = await startServer();
  client = createClient({ endpoint: server.endpoint, retries: 0 });
});
afterAll(() => server.close());

/** The first node's global ID of a list. */
async function firstId(list: Promise<Record<string, { edges: { node: { id: string } }[] }>>): Promise<string> {
  const connection = Object.values(await list)[0];
  const id = connection?.edges[0]?.node.id;
  if (!id) throw new Error("empty list");
  return id;
}

const calls: Record<keyof FentraceMethods, () => Promise<void>> = {
  async claims() {
    const { claims } = await client.claims({ filter: { status: ["CONTRADICTS"] }, first: 3 });
    expect(claims.totalCount).toBeGreaterThan(0);
    expect(claims.edges.every((edge) => edge.node.status === "CONTRADICTS")).toBe(true);
    expect(claims.edges[0]?.node.explanation.length).toBeGreaterThan(0);
  },
  async claim() {
    const id = await firstId(client.claims({ first: 1 }));
    expect((await client.claim({ id })).claim.id).toBe(id);
  },
  async dataset() {
    const { dataset } = await client.dataset();
    expect(dataset.version).toMatch(/\S/);
    expect(dataset.counts.figures).toBe(70);
    expect(dataset.sources.totalCount).toBe(dataset.counts.documents);
    expect(dataset.sources.edges.length).toBe(dataset.counts.documents);
  },
  async defendants() {
    const { defendants } = await client.defendants({ filter: { legalCase: ["case-carrollton"] } });
    expect(defendants.totalCount).toBeGreaterThan(0);
    expect(defendants.edges[0]?.node.legalCase.slug).toBe("case-carrollton");
  },
  async documents() {
    const { documents } = await client.documents({ orderBy: [{ field: "PUBLISHED", direction: "ASC" }] });
    expect(documents.totalCount).toBe(3);
    expect(documents.edges[0]?.node.citation.short).toMatch(/processed by Fentrace/);
  },
  async document() {
    const { document } = await client.document({ id: "latin-post" });
    expect(document.slug).toBe("latin-post");
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
  },
  async events() {
    const { events } = await client.events({ first: 2 });
    expect(events.edges).toHaveLength(2);
    expect(events.edges[0]?.node.date.text).toMatch(/\S/);
  },
  async event() {
    const id = await firstId(client.events({ first: 1 }));
    expect((await client.event({ id })).event.id).toBe(id);
  },
  async exclusions() {
    const { exclusions } = await client.exclusions({ first: 2 });
    expect(exclusions.totalCount).toBe(108);
    expect(exclusions.edges[0]?.node.evidence.text).toMatch(/\S/);
  },
  async figures() {
    const { figures } = await client.figures({
      filter: { metric: { eq: "cases_by_platform" }, operation: ["op-dea-surge-2021"] },
      orderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }],
      first: 2,
    });
    expect(figures.totalCount).toBe(6);
    expect(figures.edges[0]?.node).toMatchObject({
      value: 34,
      qualifier: "EXACT",
      normalized: { value: 34, unit: "case" },
    });
    expect(figures.pageInfo.hasNextPage).toBe(true);
  },
  async figure() {
    const { figure } = await client.figure({ id: "fig-lp-surge-cases-snapchat" });
    expect(figure.slug).toBe("fig-lp-surge-cases-snapchat");
    expect(figure.evidence.text).toContain("34 via Snapchat");
    expect(
      figure.subjects.edges.some(
        (edge) => edge.node.role === "PLATFORM" && edge.node.entity.__typename === "Organisation",
      ),
    ).toBe(true);
    // A per-platform tally is NON_EXCLUSIVE with the others: one case can involve several platforms.
    expect(figure.relations.totalCount).toBeGreaterThan(0);
    for (const { node } of figure.relations.edges) {
      expect(node.figure.slug).toBe("fig-lp-surge-cases-snapchat");
      expect(node.explanation).toMatch(/\S/);
    }
    expect(figure.relations.edges.some((edge) => edge.node.kind === "NON_EXCLUSIVE")).toBe(true);
  },
  async figureStats() {
    const { figureStats } = await client.figureStats({
      groupBy: "PLATFORM",
      filter: { operation: ["op-dea-surge-2021"], metric: { eq: "cases_by_platform" } },
    });
    expect(figureStats.groupBy).toBe("PLATFORM");
    expect(figureStats.figureCount).toBe(6);
    expect(figureStats.groups.every((group) => group.entity?.__typename === "Organisation")).toBe(true);
    expect(figureStats.groups.flatMap((group) => group.figures.edges)).toHaveLength(6);
  },
  async legalCases() {
    const { legalCases } = await client.legalCases();
    expect(legalCases.totalCount).toBe(3);
  },
  async legalCase() {
    const { legalCase } = await client.legalCase({ id: "case-carrollton" });
    expect(legalCase.name).toMatch(/\S/);
  },
  async metrics() {
    const { metrics } = await client.metrics({ filter: { additive: false }, first: 100 });
    expect(metrics.edges.some((edge) => edge.node.key === "cases_by_platform")).toBe(true);
  },
  async metric() {
    const { metric } = await client.metric({ key: "pills_seized" });
    expect(metric).toMatchObject({ key: "pills_seized", additive: true });
  },
  async node() {
    const id = await firstId(client.figures({ first: 1 }));
    const { node } = await client.node({ id });
    expect(node?.__typename).toBe("Figure");
    if (node?.__typename === "Figure") expect(node.citation.short).toMatch(/\S/);
  },
  async nodes() {
    const ids = [await firstId(client.organisations({ first: 1 })), await firstId(client.places({ first: 1 }))];
    const { nodes } = await client.nodes({ ids });
    expect(nodes.map((node) => node?.__typename)).toEqual(["Organisation", "Place"]);
    const [organisation] = nodes;
    if (organisation?.__typename === "Organisation") expect(organisation.organisationKind).toMatch(/^[A-Z_]+$/);
  },
  async operations() {
    const { operations } = await client.operations({ filter: { kind: ["ENFORCEMENT_SURGE"] } });
    expect(operations.edges.map((edge) => edge.node.slug)).toContain("op-dea-surge-2021");
  },
  async operation() {
    const { operation } = await client.operation({ id: "op-dea-surge-2021" });
    expect(operation.kind).toBe("ENFORCEMENT_SURGE");
    expect(operation.dates.start).toMatch(/^2021-/);
  },
  async organisations() {
    const { organisations } = await client.organisations({ filter: { kind: ["PLATFORM"] }, first: 100 });
    expect(organisations.edges.map((edge) => edge.node.name)).toContain("Snapchat");
  },
  async organisation() {
    const { organisation } = await client.organisation({ id: "org-dea" });
    expect(organisation).toMatchObject({ slug: "org-dea", kind: "AGENCY" });
  },
  async people() {
    const { people } = await client.people({ filter: { name: { contains: "milgram" } } });
    expect(people.edges[0]?.node.name).toBe("Anne Milgram");
  },
  async person() {
    const id = await firstId(client.people({ filter: { name: { contains: "milgram" } } }));
    expect((await client.person({ id })).person.name).toBe("Anne Milgram");
  },
  async places() {
    const { places } = await client.places({ filter: { within: ["place-us-tx"] }, first: 100 });
    expect(places.totalCount).toBeGreaterThan(0);
  },
  async place() {
    const { place } = await client.place({ id: "place-us-tx" });
    expect(place).toMatchObject({ kind: "STATE" });
  },
  async quotes() {
    const { quotes } = await client.quotes({ first: 3 });
    expect(quotes.totalCount).toBe(29);
    expect(quotes.edges[0]?.node.citation.long).toMatch(/\S/);
  },
  async quote() {
    const id = await firstId(client.quotes({ first: 1 }));
    expect((await client.quote({ id })).quote.id).toBe(id);
  },
  async search() {
    const { search } = await client.search({ query: "fake pills", kinds: ["FIGURE", "QUOTE"], first: 5 });
    expect(search.totalCount).toBeGreaterThan(0);
    for (const edge of search.edges) {
      expect(["Figure", "Quote"]).toContain(edge.node.__typename);
      expect(typeof edge.score).toBe("number");
    }
  },
  async rateLimit() {
    // This test server hands requests straight to Yoga, with no rate limiter in front: null. The
    // numbers of a limiting server are tested over HTTP in packages/api/test/rate-limit.test.ts.
    expect(await client.rateLimit()).toEqual({ rateLimit: null });
  },
  async substances() {
    const { substances } = await client.substances({ first: 100 });
    expect(substances.totalCount).toBe(15);
  },
  async substance() {
    const id = await firstId(client.substances({ first: 1 }));
    expect((await client.substance({ id })).substance.id).toBe(id);
  },
  async units() {
    const { units } = await client.units({ first: 100 });
    expect(units.totalCount).toBe(21);
  },
  async unit() {
    const { unit } = await client.unit({ key: "pound" });
    expect(unit.canonicalUnit).toBe("kilogram");
  },
};

describe("generated methods", () => {
  it("exist for exactly the tested operations", () => {
    const methods = Object.keys(client).filter(
      (key) => typeof (client as unknown as Record<string, unknown>)[key] === "function",
    );
    expect(methods.filter((name) => name !== "request").sort()).toEqual(Object.keys(calls).sort());
  });

  it.each(Object.entries(calls))("%s", async (_name, call) => {
    await call();
  });
});
