/**
 * The Citation type (OWID-style: outlet, title, date, "processed by Fentrace") and the document a
 * citation is built from. The wording of citations lives in ../citation.ts, shared with downloads.
 */
import { builder } from "../builder.js";
import type { CitableDocument, Citation } from "../citation.js";
import type { GraphQLContext } from "../context.js";

/** A document with what its citation needs (its authors, in order), through the request's row loader. */
export async function citableDocument(documentId: string, context: GraphQLContext): Promise<CitableDocument> {
  const [document, authors] = await Promise.all([
    context.rows.required("Document", documentId),
    context.rows.children("DocumentAuthor", "documentId", documentId),
  ]);
  const people = await Promise.all(
    [...authors]
      .sort((a, b) => a.position - b.position)
      .map((author) => context.rows.required("Person", author.personId)),
  );
  return { ...document, authors: people.map((person) => ({ person })) };
}

export const CitationRef = builder.objectRef<Citation>("Citation").implement({
  description:
    "How to cite a record: the source document (authors, title, outlet, publication date) and Fentrace's processing, in the style of Our World in Data.",
  fields: (t) => ({
    short: t.exposeString("short", {
      description: 'Short form for charts and tables: "Outlet (year), processed by Fentrace".',
    }),
    long: t.exposeString("long", {
      description:
        "Full form: authors, title (flagged when assigned by Fentrace), outlet, publication date (flagged when inferred), the record's slug, the dataset version and licence.",
    }),
    datasetVersion: t.exposeString("version", {
      description: "The dataset version the citation refers to (see `dataset.version`).",
    }),
  }),
});
