/**
 * The template tag the generated documents are built with (see codegen.ts): a document's text is
 * its own definition followed by every fragment it needs, each fragment exactly once, however many
 * paths lead to it (`FigureFields` and `EvidenceFields` both spread `DocumentRef`). Plain string
 * work at import time: no GraphQL parsing, no graphql-tag.
 */

/** The definitions (own first, then fragments) of every document built here, by its text. */
const definitionsByDocument = new Map<string, readonly string[]>();

export function gql(chunks: TemplateStringsArray, ...fragments: string[]): string {
  const definitions = new Set<string>([chunks.join("").trim()]);
  for (const fragment of fragments) {
    for (const definition of definitionsByDocument.get(fragment) ?? [fragment.trim()]) definitions.add(definition);
  }
  const document = [...definitions].join("\n\n");
  definitionsByDocument.set(document, [...definitions]);
  return document;
}
