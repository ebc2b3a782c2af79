/**
 * The shapes the page reads from the SDK: structural subsets of the SDK's generated types
 * (FigureFieldsFragment …), picked field by field, so the page depends only on the fields it shows
 * and a field the API renames, retypes or drops fails the web type-check instead of the page.
 */
import type {
  ClaimFieldsFragment,
  DatasetFieldsFragment,
  EvidenceMarkFieldsFragment,
  FigureFieldsFragment,
} from "@fentrace/sdk";

type SdkFigure = FigureFieldsFragment;
type SdkEvidence = SdkFigure["evidence"];
type SdkSubject = SdkFigure["subjects"]["edges"][number]["node"];

export type Mark = Pick<EvidenceMarkFieldsFragment, "role" | "text" | "start" | "end">;

export type Figure = Pick<
  SdkFigure,
  | "id"
  | "slug"
  | "label"
  | "display"
  | "value"
  | "valueHigh"
  | "qualifier"
  | "scale"
  | "unit"
  | "unitKey"
  | "statedText"
  | "note"
> & {
  normalized: Pick<SdkFigure["normalized"], "value" | "valueHigh" | "unit">;
  metric: Pick<SdkFigure["metric"], "key" | "name" | "additive">;
  period: Pick<SdkFigure["period"], "start" | "end" | "text" | "inferred" | "basis">;
  place: Pick<NonNullable<SdkFigure["place"]>, "slug" | "name"> | null;
  claim: Pick<NonNullable<SdkFigure["claim"]>, "slug" | "title" | "status"> | null;
  document: Pick<SdkFigure["document"], "slug" | "title">;
  evidence: Pick<SdkEvidence, "text" | "start" | "end"> & {
    document: Pick<SdkEvidence["document"], "slug" | "title">;
    marks: { edges: { node: Mark }[] };
  };
  citation: Pick<SdkFigure["citation"], "short" | "long" | "datasetVersion">;
  subjects: { edges: { node: Pick<SdkSubject, "role"> & { entity: Pick<SdkSubject["entity"], "name"> } }[] };
};

export type Claim = Pick<ClaimFieldsFragment, "slug" | "title" | "status" | "explanation">;

export type Dataset = Pick<
  DatasetFieldsFragment,
  "title" | "version" | "license" | "licenseUrl" | "citation" | "releasedOn" | "builtAt"
> & {
  counts: Pick<DatasetFieldsFragment["counts"], "figures" | "documents" | "claims" | "contradictions" | "quotes">;
};
