/** Every relation is navigable both ways. */
import { describe, expect, it } from "vitest";
import { data, graphql, slugs } from "./helpers.js";

describe("relations", () => {
  it("figure → evidence → figure, figure → document → figures", async () => {
    const result = await data(
      graphql(`{ figure(id: "fig-lp-surge-arrests") {
      slug
      evidence { figure { slug } document { figures(first: 100) { edges { node { slug } } } } marks { edges { node { role text } } } }
      document { figures(first: 100) { totalCount } }
    } }`),
    );
    expect(result.figure.evidence.figure?.slug).toBe("fig-lp-surge-arrests");
    expect(slugs(result.figure.evidence.document.figures)).toContain("fig-lp-surge-arrests");
    expect(result.figure.evidence.marks.edges.map((e) => e.node.role)).toContain("VALUE");
  });

  it("a platform's figures, and a figure's platforms", async () => {
    const result = await data(
      graphql(`{ organisation(id: "org-snapchat") {
      kind
      figures(role: [PLATFORM], first: 50) { totalCount edges { node { slug subjects(role: [PLATFORM]) { edges { node { role entity { ... on Organisation { slug } } } } } } } }
      subjectOf { totalCount }
    } }`),
    );
    expect(result.organisation.kind).toBe("PLATFORM");
    expect(result.organisation.figures.totalCount).toBeGreaterThan(0);
    for (const { node } of result.organisation.figures.edges) {
      expect(node.subjects.edges.map((e) => ("slug" in e.node.entity ? e.node.entity.slug : undefined))).toContain(
        "org-snapchat",
      );
    }
    expect(result.organisation.subjectOf.totalCount).toBeGreaterThanOrEqual(result.organisation.figures.totalCount);
  });

  it("a person's quotes, and a quote's speaker", async () => {
    const result = await data(
      graphql(`{ person(id: "person-anne-milgram") {
      quotes(first: 100) { totalCount edges { node { slug speaker { slug } text } } }
      figuresStated { totalCount edges { node { statedBy { ... on Person { slug } } } } }
    } }`),
    );
    expect(result.person.quotes.totalCount).toBeGreaterThan(5);
    for (const { node } of result.person.quotes.edges) expect(node.speaker?.slug).toBe("person-anne-milgram");
    for (const { node } of result.person.figuresStated.edges)
      expect(node.statedBy && "slug" in node.statedBy ? node.statedBy.slug : undefined).toBe("person-anne-milgram");
  });

  it("a place's sub-places and figures, and back up to its parent", async () => {
    const result = await data(
      graphql(`{ place(id: "place-us-tx") {
      children { edges { node { slug parent { slug } children { totalCount } } } }
      direct: figures(includeSubPlaces: false, first: 100) { totalCount edges { node { place { slug } } } }
      all: figures(first: 100) { totalCount }
      legalCases { totalCount }
    } }`),
    );
    expect(result.place.children.edges.length).toBeGreaterThan(0);
    for (const { node } of result.place.children.edges) expect(node.parent?.slug).toBe("place-us-tx");
    for (const { node } of result.place.direct.edges) expect(node.place?.slug).toBe("place-us-tx");
    expect(result.place.all.totalCount).toBeGreaterThan(result.place.direct.totalCount);
  });

  it("a document's figures, quotes, authors and evidence", async () => {
    const result = await data(
      graphql(`{ document(id: "north-texas-cartels") {
      figures(first: 100) { totalCount edges { node { document { slug } } } }
      quotes(first: 100) { totalCount edges { node { document { slug } } } }
      authors { edges { node { position person { name authored { edges { node { document { slug } } } } } } } }
      evidence(first: 5) { totalCount edges { node { document { slug } } } }
      exclusions(first: 5) { totalCount }
    } }`),
    );
    const doc = result.document;
    expect(doc.figures.totalCount).toBeGreaterThan(0);
    expect(doc.quotes.totalCount).toBeGreaterThan(0);
    for (const { node } of [...doc.figures.edges, ...doc.quotes.edges, ...doc.evidence.edges]) {
      expect(node.document.slug).toBe("north-texas-cartels");
    }
    expect(doc.authors.edges.map((e) => e.node.position)).toEqual([1, 2]);
    expect(doc.authors.edges[0]?.node.person.authored.edges[0]?.node.document.slug).toBe("north-texas-cartels");
  });

  it("a claim's figures, and each figure's claim", async () => {
    const result = await data(
      graphql(
        `{ claims(first: 100) { edges { node { slug figures { totalCount edges { node { claim { slug } } } } } } } }`,
      ),
    );
    for (const { node: claim } of result.claims.edges) {
      expect(claim.figures.totalCount).toBeGreaterThan(1);
      for (const { node } of claim.figures.edges) expect(node.claim?.slug).toBe(claim.slug);
    }
  });

  it("metrics, units, operations, cases, defendants, events and substances link both ways", async () => {
    const result = await data(
      graphql(`{
      metric(key: "pills_seized") { figures { totalCount edges { node { metric { key } unitDefinition { key figures { totalCount } } } } } }
      operation(id: "op-dea-surge-2021") { leadOrganisation { slug operationsLed { edges { node { slug } } } } figures { totalCount } evidence { edges { node { operation { slug } } } } }
      legalCase(id: "case-carrollton") { defendants { edges { node { legalCase { slug } person { defendantRoles { edges { node { slug } } } } } } } }
      event(id: "event-dea-press-conference-2021-12-16") { quotes { totalCount edges { node { event { slug } } } } person { events { totalCount } } }
      substance(id: "sub-fentanyl") { parent { slug children { edges { node { slug } } } } children { edges { node { parent { slug } } } } figures { totalCount } }
    }`),
    );
    expect(result.metric.figures.totalCount).toBeGreaterThan(0);
    for (const { node } of result.metric.figures.edges) expect(node.metric.key).toBe("pills_seized");
    expect(slugs(result.operation.leadOrganisation!.operationsLed)).toContain("op-dea-surge-2021");
    expect(result.operation.figures.totalCount).toBeGreaterThan(0);
    for (const { node } of result.operation.evidence.edges) expect(node.operation?.slug).toBe("op-dea-surge-2021");
    for (const { node } of result.legalCase.defendants.edges) expect(node.legalCase.slug).toBe("case-carrollton");
    for (const { node } of result.event.quotes.edges)
      expect(node.event?.slug).toBe("event-dea-press-conference-2021-12-16");
    expect(slugs(result.substance.parent!.children)).toContain("sub-fentanyl");
    for (const { node } of result.substance.children.edges) expect(node.parent?.slug).toBe("sub-fentanyl");
  });
});
