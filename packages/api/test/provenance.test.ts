/**
 * Provenance: evidence, citations, disagreements, and dataset metadata. The evidence is checked
 * against the source documents too, which live outside the repository: without them that test
 * fails, saying where they were looked for, unless FENTRACE_ALLOW_MISSING_SOURCES=1 (see
 * seed/test/sources.ts).
 */
import { describe, expect, it } from "vitest";
import { seedVersion } from "../../../seed/data-files.js";
import { seedDataDir } from "../../../seed/paths.js";
import { requireSourceTexts } from "../../../seed/test/sources.js";
import { data, graphql, type ResultOf } from "./helpers.js";

const DOCUMENTS = graphql(`{
  documents(first: 100) { totalCount edges { node { slug fileName length } } }
  dataset { counts { evidence } }
}`);

const EVIDENCE = graphql(`query($id: ID!, $after: String) { document(id: $id) {
  evidence(first: 100, after: $after) { edges { node { id text start end } } pageInfo { hasNextPage endCursor } }
} }`);

describe("provenance", () => {
  it("gives every figure its evidence (text, offsets, document) and a citation", async () => {
    const result = await data(
      graphql(`{ figures(first: 100) { edges { node {
      slug statedText
      evidence { text start end marks { edges { node { role start end text } } } document { fileName title length } }
      citation { short long datasetVersion }
    } } } }`),
    );
    const { version } = (await data(graphql(`{ dataset { version } }`))).dataset;
    for (const { node } of result.figures.edges) {
      const { evidence, citation } = node;
      expect(evidence.end - evidence.start).toBe(evidence.text.length);
      expect(evidence.end).toBeLessThanOrEqual(evidence.document.length);
      expect(evidence.text).toContain(node.statedText);
      for (const { node: mark } of evidence.marks.edges) {
        expect(mark.start).toBeGreaterThanOrEqual(evidence.start);
        expect(mark.end).toBeLessThanOrEqual(evidence.end);
        expect(evidence.text.slice(mark.start - evidence.start, mark.end - evidence.start)).toBe(mark.text);
      }
      expect(citation.short).toMatch(/^.+ \((\d{4}|n\.d\.)\), processed by Fentrace$/);
      expect(citation.long).toContain(`processed by Fentrace (dataset version ${version})`);
      expect(citation.long).toContain(node.slug);
      expect(citation.datasetVersion).toBe(version);
    }
  });

  it("cites in OWID style: authors, title (flagged when assigned), outlet, date (flagged when inferred)", async () => {
    const result = await data(graphql(`{ figure(id: "fig-lp-fentanyl-powder-2021") { citation { short long } } }`));
    expect(result.figure.citation.short).toBe("Latin Post (2021), processed by Fentrace");
    expect(result.figure.citation.long).toMatch(
      /^Mary Webber, "Mexican drug cartels use Facebook, TikTok and Snapchat to sell fentanyl and fake pills in the U\.S\." \[title assigned by Fentrace\], Latin Post, December 2021 \(date inferred\)\. Figure fig-lp-fentanyl-powder-2021 processed by Fentrace \(dataset version [0-9a-f]{12}\), CC BY 4\.0\.$/,
    );
    const quote = await data(
      graphql(`{ quote(id: "quote-ast-milgram-flood") { text citation { long } document { citation { short } } } }`),
    );
    expect(quote.quote.citation.long).toContain("Quotation quote-ast-milgram-flood processed by Fentrace");
    expect(quote.quote.document.citation.short).toBe("American Security Today (2021), processed by Fentrace");
  });

  it("lists disagreements with their explanation and both sides' words", async () => {
    const result = await data(
      graphql(
        `{ claims(filter: { status: CONTRADICTS }) { edges { node { title explanation figures { edges { node { statedText evidence { document { title } } } } } } } } }`,
      ),
    );
    expect(result.claims.edges.length).toBeGreaterThan(0);
    for (const { node } of result.claims.edges) {
      expect(node.explanation.length).toBeGreaterThan(20);
      expect(node.figures.edges.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("provenance against the source documents", () => {
  it("serves every evidence span as the words of its document at its offsets", async (context) => {
    const { documents, dataset } = await data(DOCUMENTS);
    expect(documents.totalCount).toBe(documents.edges.length);
    const texts = requireSourceTexts(
      documents.edges.map(({ node }) => ({ id: node.slug, fileName: node.fileName })),
      context,
    );
    let spans = 0;
    for (const { node: document } of documents.edges) {
      const text = texts.get(document.slug)!;
      expect(text.length, document.fileName).toBe(document.length);
      let after: string | null = null;
      do {
        const page: ResultOf<typeof EVIDENCE> = await data(EVIDENCE, { id: document.slug, after });
        for (const { node } of page.document.evidence.edges) {
          expect(text.slice(node.start, node.end), node.id).toBe(node.text);
          spans += 1;
        }
        const { hasNextPage, endCursor } = page.document.evidence.pageInfo;
        after = hasNextPage ? endCursor : null;
      } while (after);
    }
    expect(spans).toBe(dataset.counts.evidence);
  });
});

describe("dataset", () => {
  it("reports version, licence, citation, build time, counts and sources", async () => {
    const result = await data(
      graphql(`{
      dataset { title version license licenseUrl citation releasedOn builtAt
        counts { figures claims contradictions documents quotes organisations people places substances operations events legalCases defendants metrics units exclusions evidence }
        sources { totalCount edges { node { slug title } } } }
      figures { totalCount } claims { totalCount } documents { totalCount } quotes { totalCount } organisations { totalCount }
      contradictions: claims(filter: { status: CONTRADICTS }) { totalCount }
    }`),
    );
    const { dataset } = result;
    expect(dataset.version).toMatch(/^[0-9a-f]{12}$/);
    expect(dataset.license).toBe("CC-BY-4.0");
    expect(dataset.licenseUrl).toBe("https://creativecommons.org/licenses/by/4.0/");
    expect(Number.isNaN(Date.parse(dataset.builtAt))).toBe(false);
    expect(dataset.citation).toContain(dataset.version);
    // The citation names the release date of the data, never the build time.
    expect(dataset.releasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dataset.citation).toContain(`, released ${dataset.releasedOn}.`);
    expect(dataset.citation.startsWith(`Fentrace (${dataset.releasedOn.slice(0, 4)}).`)).toBe(true);
    expect(dataset.counts).toMatchObject({
      figures: result.figures.totalCount,
      claims: result.claims.totalCount,
      documents: result.documents.totalCount,
      quotes: result.quotes.totalCount,
      organisations: result.organisations.totalCount,
      contradictions: result.contradictions.totalCount,
    });
    expect(dataset.sources.totalCount).toBe(result.documents.totalCount);
  });

  it("has the version of the seed data the database was built from (a hash that changes with the data)", async () => {
    const seedDir = process.env.FENTRACE_TEST_SEED_DIR ?? seedDataDir;
    const result = await data(graphql(`{ dataset { version } }`));
    expect(result.dataset.version).toBe(seedVersion(seedDir));
  });
});
